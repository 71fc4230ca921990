// POST /api/interviewer/interviews/{id}/tokens/{tokenId}/resend: who manages the interview. Emails a fresh link
// (the old one stops working; attempts and expiry carry over). At most once a minute per invite; refused with 409
// `session_in_progress` while the candidate has an attempt in progress.
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { publicBaseUrl, uuidParam } from "@/lib/http/params";
import { requestMeta } from "@/lib/http/request-meta";
import { resendInvite } from "@/lib/invites/resend";
import { interviewUrl, toInviteJson } from "@/lib/invites/serialize";
import { inviteSessionFlags } from "@/lib/invites/queries";

export const POST = authedApiRoute<{ id: string; tokenId: string }>(async (request, { auth, params }) => {
  const interviewId = uuidParam(params.id, "Interview");
  const tokenId = uuidParam(params.tokenId, "Token");
  const baseUrl = publicBaseUrl(request);
  const { token, value, delivery } = await resendInvite({
    actor: auth,
    interviewId,
    tokenId,
    baseUrl,
    meta: requestMeta(request.headers),
  });
  const flags = await inviteSessionFlags({ companyId: auth.companyId, tokenId: token.id });
  return json({
    ...toInviteJson(token, flags, new Date()),
    token_value: value,
    interview_url: interviewUrl(baseUrl, value),
    email_delivery: delivery,
  });
});
