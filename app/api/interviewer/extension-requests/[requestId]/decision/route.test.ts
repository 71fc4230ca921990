import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { candidateTokens } from "@/db/schema";
import { POST as requestRoute } from "@/app/api/candidates/invites/extension-request/route";
import { GET as listRoute } from "@/app/api/interviewer/interviews/[id]/extension-requests/route";
import { PATCH as updateRoute } from "@/app/api/interviewer/interviews/[id]/tokens/[tokenId]/route";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { POST as decisionRoute } from "./route";

// The HTTP edges: the candidate's request (codes a client switches on) and the staff routes' permissions.

const fixture = useTestDb();
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
const ip = fileClientIp();
const HOUR = 3600 * 1000;

async function expiredInvite() {
  const interview = await makeInterview(hr());
  const minted = await makeInvite(hr(), interview.id, { candidate_email: "cand@example.com" });
  await (
    await getDb()
  )
    .update(candidateTokens)
    .set({ expiresAt: new Date(Date.now() - HOUR) })
    .where(eq(candidateTokens.id, minted.token.id));
  return { interview, ...minted };
}

const ask = (body: unknown, from = ip) =>
  call(requestRoute, "/api/candidates/invites/extension-request", { method: "POST", body, ip: from });

describe("POST /api/candidates/invites/extension-request", () => {
  it("answers 201, then 409 with a code per refusal; 422 for a bad body, 404 for an unknown link", async () => {
    const { value } = await expiredInvite();
    expect((await ask({ token: value, reason: "   " })).json).toMatchObject({ code: "validation_error" });
    expect((await ask({ token: value, reason: "x".repeat(1001) })).status).toBe(422);
    const made = await ask({ token: value, reason: "I was in hospital" });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ status: "pending", id: expect.any(String) });
    const again = await ask({ token: value, reason: "Please" });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ code: "extension_pending", detail: expect.any(String) });
    const unknown = await ask({ token: "b".repeat(43), reason: "Please" });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ code: "not_found" });

    const interview = await makeInterview(hr());
    const fresh = await makeInvite(hr(), interview.id);
    const early = await ask({ token: fresh.value, reason: "Just in case" });
    expect(early.status).toBe(409);
    expect(early.json).toMatchObject({ code: "extension_not_eligible" });
  });
});

describe("staff routes", () => {
  it("EMPLOYEE is refused at the edge; a TEAM_LEAD of another interview gets 403; HR lists and decides once", async () => {
    const { interview, token, value } = await expiredInvite();
    const made = await ask({ token: value, reason: "Travelling" });
    const requestId = made.json.id as string;
    const employee = await apiLogin("employee@nextgenai.com", ip);
    const leadLogin = await apiLogin("lead@nextgenai.com", ip);
    const hrLogin = await apiLogin("hr@nextgenai.com", ip);
    const list = (bearer: string) =>
      call(listRoute, `/api/interviewer/interviews/${interview.id}/extension-requests`, {
        token: bearer,
        params: { id: interview.id },
      });
    const decide = (bearer: string, body: unknown) =>
      call(decisionRoute, `/api/interviewer/extension-requests/${requestId}/decision`, {
        method: "POST",
        token: bearer,
        body,
        params: { requestId },
      });
    const approve = { decision: "approve", new_expires_at: new Date(Date.now() + 72 * HOUR).toISOString() };

    expect((await list(employee.access_token)).status).toBe(403);
    expect((await decide(employee.access_token, approve)).status).toBe(403);
    expect((await list(leadLogin.access_token)).status).toBe(403);
    expect((await decide(leadLogin.access_token, approve)).status).toBe(403);
    expect((await decide(hrLogin.access_token, { decision: "approve" })).status).toBe(422);

    const listed = await list(hrLogin.access_token);
    expect(listed.status).toBe(200);
    expect(listed.json.pending).toEqual([
      expect.objectContaining({ id: requestId, token_id: token.id, reason: "Travelling", status: "pending" }),
    ]);

    const decided = await decide(hrLogin.access_token, { ...approve, note: "See you soon" });
    expect(decided.status).toBe(200);
    expect(decided.json).toMatchObject({ status: "approved", new_expires_at: approve.new_expires_at });
    const twice = await decide(hrLogin.access_token, { decision: "decline" });
    expect(twice.status).toBe(409);
    expect(twice.json).toMatchObject({ code: "extension_not_pending" });
    expect((await list(hrLogin.access_token)).json).toMatchObject({
      pending: [],
      decided: [{ id: requestId, status: "approved", decision_note: "See you soon", decided_by: "Emma Rodriguez" }],
    });

    // HR raises the allowance through the invite's PATCH; the candidate may ask again once the link nears expiry.
    const patched = await call(updateRoute, `/api/interviewer/interviews/${interview.id}/tokens/${token.id}`, {
      method: "PATCH",
      token: hrLogin.access_token,
      body: { extension_requests_allowed: 2 },
      params: { id: interview.id, tokenId: token.id },
    });
    expect(patched.status).toBe(200);
    const tooMany = await call(updateRoute, `/api/interviewer/interviews/${interview.id}/tokens/${token.id}`, {
      method: "PATCH",
      token: hrLogin.access_token,
      body: { extension_requests_allowed: 11 },
      params: { id: interview.id, tokenId: token.id },
    });
    expect(tooMany.status).toBe(422);
    // 72 hours ahead is not "nearly expired" yet; once the link lapses again, the second request is allowed.
    expect((await ask({ token: value, reason: "Once more" })).json).toMatchObject({ code: "extension_not_eligible" });
    await (
      await getDb()
    )
      .update(candidateTokens)
      .set({ expiresAt: new Date(Date.now() - HOUR) })
      .where(eq(candidateTokens.id, token.id));
    expect((await ask({ token: value, reason: "Once more" })).status).toBe(201);
    expect((await ask({ token: value, reason: "And again" })).json).toMatchObject({ code: "extension_pending" });
  });
});
