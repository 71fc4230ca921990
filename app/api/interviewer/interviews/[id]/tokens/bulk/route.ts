// POST /api/interviewer/interviews/{id}/tokens/bulk: who manages the interview. Body `{"csv": "name,email[,...]"}`.
// 201 with one invite per row (JSON, or CSV with `Accept: text/csv`); 422 with every bad line and nothing created.
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { publicBaseUrl, uuidParam } from "@/lib/http/params";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";
import { bulkMint, linksCsv } from "@/lib/invites/bulk";
import { BulkBody } from "@/lib/invites/schemas";

export const POST = authedApiRoute<{ id: string }>(async (request, { auth, params }) => {
  const interviewId = uuidParam(params.id, "Interview");
  const { csv, expiry_rule: expiryRule } = parseOrThrow(BulkBody, await readJsonBody(request), "body");
  const invites = await bulkMint({
    actor: auth,
    interviewId,
    csv,
    expiryRule,
    baseUrl: publicBaseUrl(request),
    meta: requestMeta(request.headers),
  });
  if (request.headers.get("accept")?.includes("text/csv")) {
    return new Response(linksCsv(invites), {
      status: 201,
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": 'attachment; filename="invite-links.csv"',
        "cache-control": "no-store",
      },
    });
  }
  return json({ invites }, { status: 201 });
});
