// PATCH /api/interviewer/interviews/{id}/tokens/{tokenId}: who manages the interview. Extend expiry, add attempts.
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { uuidParam } from "@/lib/http/params";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";
import { updateInvite } from "@/lib/invites/manage";
import { UpdateInviteBody } from "@/lib/invites/schemas";
import { toInviteJson } from "@/lib/invites/serialize";
import { inviteSessionFlags } from "@/lib/invites/queries";

export const PATCH = authedApiRoute<{ id: string; tokenId: string }>(async (request, { auth, params }) => {
  const interviewId = uuidParam(params.id, "Interview");
  const tokenId = uuidParam(params.tokenId, "Token");
  const data = parseOrThrow(UpdateInviteBody, await readJsonBody(request), "body");
  const token = await updateInvite({ actor: auth, interviewId, tokenId, data, meta: requestMeta(request.headers) });
  const flags = await inviteSessionFlags({ companyId: auth.companyId, tokenId: token.id });
  return json(toInviteJson(token, flags, new Date()));
});
