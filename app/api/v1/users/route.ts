// GET /api/v1/users?skip=0&limit=20: HR and ADMIN. Users of the caller's own company.
import { z } from "zod";
import { getDb } from "@/db";
import { assertCan } from "@/lib/auth/permissions";
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { parseOrThrow } from "@/lib/http/validation";
import { listUsers } from "@/lib/users/queries";
import { toUserProfile } from "@/lib/users/serialize";

const ListQuery = z.object({
  skip: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const GET = authedApiRoute(async (request, { auth }) => {
  assertCan(auth.role, "users.list");
  const query = parseOrThrow(ListQuery, Object.fromEntries(new URL(request.url).searchParams), "query");
  const { items, total } = await listUsers(await getDb(), { companyId: auth.companyId, ...query });
  return json(items.map(toUserProfile), { headers: { "x-total-count": String(total) } });
});
