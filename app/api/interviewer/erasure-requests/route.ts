// GET /api/interviewer/erasure-requests?skip=0&limit=20: HR and ADMIN. The company's erasure requests, pending first.
import { listErasureRequests } from "@/lib/erasure/queries";
import { toErasureRequestJson } from "@/lib/erasure/serialize";
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { PageQuery } from "@/lib/http/pagination";
import { parseOrThrow } from "@/lib/http/validation";

export const GET = authedApiRoute(
  async (request, { auth }) => {
    const page = parseOrThrow(PageQuery, Object.fromEntries(new URL(request.url).searchParams), "query");
    const { items, total } = await listErasureRequests(auth, page);
    return json(items.map(toErasureRequestJson), { headers: { "x-total-count": String(total) } });
  },
  { permission: "erasure.manage" },
);
