import type { PublicUser } from "./queries";

/** The API shape of a user (seed TRD): snake_case, no secrets. */
export function toUserProfile(user: PublicUser) {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    company_id: user.companyId,
    first_name: user.firstName,
    last_name: user.lastName,
    is_active: user.isActive,
    created_at: user.createdAt.toISOString(),
  };
}
