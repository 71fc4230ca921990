// GET /api/v1/users?skip=0&limit=20: HR and ADMIN. Users of the caller's own company.
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { PageQuery as ListQuery } from "@/lib/http/pagination";
import { parseOrThrow } from "@/lib/http/validation";
import { companyUsers } from "@/lib/users/queries";
import { toUserProfile } from "@/lib/users/serialize";

export const GET = authedApiRoute(
  async (request, { auth }) => {
    const query = parseOrThrow(ListQuery, Object.fromEntries(new URL(request.url).searchParams), "query");
    const { items, total } = await companyUsers({ companyId: auth.companyId, ...query });
    return json(items.map(toUserProfile), { headers: { "x-total-count": String(total) } });
  },
  { permission: "users.list" },
);
