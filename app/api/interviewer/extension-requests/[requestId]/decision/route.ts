// POST /api/interviewer/extension-requests/{requestId}/decision: HR, ADMIN and the TEAM_LEAD who owns the interview.
// `{decision: "approve", new_expires_at, note?}` sets the invite's new expiry; `{decision: "decline", note?}` leaves
// it. The candidate is emailed either way. 409 `extension_not_pending` when it was already decided.
import { decideExtension } from "@/lib/extensions/decide";
import { ExtensionDecisionBody } from "@/lib/extensions/schemas";
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { publicBaseUrl, uuidParam } from "@/lib/http/params";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";

export const POST = authedApiRoute<{ requestId: string }>(
  async (request, { auth, params }) => {
    const requestId = uuidParam(params.requestId, "Extension request");
    const body = parseOrThrow(ExtensionDecisionBody, await readJsonBody(request), "body");
    const { request: decided, delivery } = await decideExtension({
      actor: auth,
      requestId,
      decision: body.decision,
      newExpiresAt: body.decision === "approve" ? new Date(body.new_expires_at) : undefined,
      note: body.note,
      baseUrl: publicBaseUrl(request),
      meta: requestMeta(request.headers),
    });
    return json({
      id: decided.id,
      status: decided.status,
      new_expires_at: decided.newExpiresAt?.toISOString() ?? null,
      decided_at: decided.decidedAt?.toISOString() ?? null,
      email_delivery: delivery,
    });
  },
  { permission: "interviews.create" },
);
