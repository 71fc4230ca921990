// POST /api/interviewer/interviews/{id}/tokens/{tokenId}/revoke: who manages the interview. The link stops working and
// an attempt in progress ends (session status `revoked`; what it stored is kept).
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { uuidParam } from "@/lib/http/params";
import { requestMeta } from "@/lib/http/request-meta";
import { revokeInvite } from "@/lib/invites/manage";
import { inviteSessionFlags } from "@/lib/invites/queries";
import { toInviteJson } from "@/lib/invites/serialize";

export const POST = authedApiRoute<{ id: string; tokenId: string }>(async (request, { auth, params }) => {
  const interviewId = uuidParam(params.id, "Interview");
  const tokenId = uuidParam(params.tokenId, "Token");
  const token = await revokeInvite({ actor: auth, interviewId, tokenId, meta: requestMeta(request.headers) });
  const flags = await inviteSessionFlags({ companyId: auth.companyId, tokenId: token.id });
  return json(toInviteJson(token, flags, new Date()));
});
