// GET /api/v1/users/me: any signed-in API client. The caller's own profile.
import { authedApiRoute, json } from "@/lib/http/api-handler";

export const GET = authedApiRoute(
  async (_request, { auth }) =>
    json({
      id: auth.userId,
      email: auth.email,
      role: auth.role,
      company_id: auth.companyId,
      first_name: auth.firstName,
      last_name: auth.lastName,
      is_active: auth.isActive,
      created_at: auth.createdAt,
    }),
  { mfaSetup: "allow" },
);
