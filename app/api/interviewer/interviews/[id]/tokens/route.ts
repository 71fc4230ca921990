// GET /api/interviewer/interviews/{id}/tokens?skip&limit: any signed-in role (own company), newest first, with
// X-Total-Count. POST: who manages the interview.
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { pageQuery } from "@/lib/http/pagination";
import { readJsonBody } from "@/lib/http/json-body";
import { publicBaseUrl, uuidParam } from "@/lib/http/params";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";
import { mintInvite } from "@/lib/invites/mint";
import { interviewInvites, MAX_INVITES_PAGE } from "@/lib/invites/queries";
import { MintInviteBody } from "@/lib/invites/schemas";
import { interviewUrl, toInviteJson } from "@/lib/invites/serialize";

const ListQuery = pageQuery(MAX_INVITES_PAGE);

export const GET = authedApiRoute<{ id: string }>(
  async (request, { auth, params }) => {
    const interviewId = uuidParam(params.id, "Interview");
    const query = parseOrThrow(ListQuery, Object.fromEntries(new URL(request.url).searchParams), "query");
    const now = new Date();
    const { items, total } = await interviewInvites({ companyId: auth.companyId, interviewId, ...query });
    return json(
      items.map(({ token, sessions }) => toInviteJson(token, sessions, now)),
      { headers: { "x-total-count": String(total) } },
    );
  },
  { permission: "interviews.read" },
);

export const POST = authedApiRoute<{ id: string }>(async (request, { auth, params }) => {
  const interviewId = uuidParam(params.id, "Interview");
  const data = parseOrThrow(MintInviteBody, await readJsonBody(request), "body") ?? {};
  const now = new Date();
  const baseUrl = publicBaseUrl(request);
  const { token, value, delivery } = await mintInvite({
    actor: auth,
    interviewId,
    data,
    meta: requestMeta(request.headers),
    baseUrl,
    now,
  });
  const {
    status: _s,
    status_reason: _r,
    ...fields
  } = toInviteJson(token, { inProgress: false, completed: false }, now);
  return json(
    { ...fields, token_value: value, interview_url: interviewUrl(baseUrl, value), email_delivery: delivery },
    { status: 201 },
  );
});
