import { eq, sql } from "drizzle-orm";
import { TokenVerifier } from "livekit-server-sdk";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { candidateTokens, interviews, interviewSessions, recordings } from "@/db/schema";
import { rowsOf } from "@/db/rows";
import { env } from "@/lib/env";
import { defaultCriteria } from "@/lib/evaluation/rubric";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { call, fileClientIp } from "@/test/http";
import { useTestDb } from "@/test/use-test-db";
import { PATCH as completeRoute } from "../complete-session/route";
import { POST } from "./route";

const fixture = useTestDb();
const ip = fileClientIp();
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
const start = (token: string, extra: Record<string, unknown> = {}) =>
  call(POST, "/api/candidates/interviews/start-session", { body: { token, ...extra }, ip });
const complete = (token: string, extra: Record<string, unknown> = {}) =>
  call(completeRoute, "/api/candidates/interviews/complete-session", {
    method: "PATCH",
    body: { token, ...extra },
    ip,
  });

async function tokenRow(id: string) {
  const db = await getDb();
  return (await db.select().from(candidateTokens).where(eq(candidateTokens.id, id)))[0]!;
}

async function addReadyRecording(sessionId: string, companyId: string) {
  const db = await getDb();
  await db
    .insert(recordings)
    .values({ sessionId, companyId, questionIndex: 0, status: "ready", sizeBytes: 1000, mimeType: "video/webm" });
}

describe("POST /api/candidates/interviews/start-session", () => {
  it("consumes one attempt and answers the session with a minimal LiveKit grant", async () => {
    const interview = await makeInterview(hr());
    const { value, token } = await makeInvite(hr(), interview.id, { candidate_name: "Ada Lovelace", max_attempts: 2 });
    const res = await start(value);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ attempt_number: 1, resumed: false });
    expect(res.json.questions.map((q: { text: string }) => q.text)).toEqual([
      "Tell us about yourself",
      "A hard bug you fixed",
      "Why us?",
    ]);
    expect(res.json.questions[1]).toMatchObject({ index: 1, think_time_seconds: 30, time_limit_seconds: 120 });
    expect(res.json.resume_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.headers.get("set-cookie")).toMatch(/^aii_resume_[0-9a-f]{16}=.*HttpOnly; Secure; SameSite=Strict/);

    const { livekit } = res.json;
    expect(livekit.room_name).toBe(`interview-${res.json.session_id}`);
    const claims = await new TokenVerifier(env().LIVEKIT_API_KEY, env().LIVEKIT_API_SECRET).verify(
      livekit.participant_token,
    );
    expect(claims.sub).toBe(`candidate-${res.json.session_id}`);
    expect(claims.exp! - claims.nbf!).toBeLessThanOrEqual(15 * 60);
    expect(claims.video).toMatchObject({
      room: livekit.room_name,
      roomJoin: true,
      canPublish: true,
      canPublishSources: ["camera", "microphone"],
    });
    expect(claims.video?.roomAdmin).toBeFalsy();
    expect(claims.video?.roomCreate).toBeFalsy();

    const row = await tokenRow(token.id);
    expect(row).toMatchObject({ currentAttempts: 1, isUsed: true });
  });

  it("refuses with the seed's codes and changes nothing: 400 unknown/malformed/revoked, 410 expired, 403 exhausted", async () => {
    const interview = await makeInterview(hr());
    expect((await start("not-a-token")).status).toBe(400);
    expect((await start("A".repeat(43))).status).toBe(400);

    const exhausted = await makeInvite(hr(), interview.id);
    expect((await start(exhausted.value)).status).toBe(200);
    const refused = await start(exhausted.value);
    expect(refused.status).toBe(403);
    expect(refused.json).toEqual({ detail: "Maximum attempts exceeded", code: "attempts_exhausted" });
    expect((await tokenRow(exhausted.token.id)).currentAttempts).toBe(1);

    const db = await getDb();
    const expired = await makeInvite(hr(), interview.id);
    await db
      .update(candidateTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(candidateTokens.id, expired.token.id));
    expect((await start(expired.value)).status).toBe(410);

    // expired AND exhausted: 410 wins; revoked on top: 400 wins.
    await db
      .update(candidateTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(candidateTokens.id, exhausted.token.id));
    expect((await start(exhausted.value)).status).toBe(410);
    await db.update(candidateTokens).set({ revokedAt: new Date() }).where(eq(candidateTokens.id, exhausted.token.id));
    expect((await start(exhausted.value)).status).toBe(400);
    expect((await tokenRow(exhausted.token.id)).currentAttempts).toBe(1);
  });

  it("expiry boundary by the database clock, no leeway", async () => {
    const interview = await makeInterview(hr());
    const { value } = await makeInvite(hr(), interview.id, {
      expires_at: new Date(Date.now() + 1500).toISOString(),
      max_attempts: 3,
    });
    expect((await start(value)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1700));
    expect((await start(value)).status).toBe(410);
  });

  it("legacy invites (no expires_at, no max_attempts) allow one attempt for 7 days", async () => {
    const interview = await makeInterview(hr());
    const db = await getDb();
    const fresh = await makeInvite(hr(), interview.id);
    await db
      .update(candidateTokens)
      .set({ expiresAt: null, maxAttempts: null })
      .where(eq(candidateTokens.id, fresh.token.id));
    expect((await start(fresh.value)).status).toBe(200);
    expect((await start(fresh.value)).status).toBe(403);
    const old = await makeInvite(hr(), interview.id);
    await db
      .update(candidateTokens)
      .set({ expiresAt: null, maxAttempts: null, createdAt: new Date(Date.now() - 8 * 24 * 3600 * 1000) })
      .where(eq(candidateTokens.id, old.token.id));
    expect((await start(old.value)).status).toBe(410);
  });

  it("an archived interview refuses starts with 400", async () => {
    const interview = await makeInterview(hr());
    const { value } = await makeInvite(hr(), interview.id);
    const db = await getDb();
    await db.update(interviews).set({ status: "archived" }).where(eq(interviews.id, interview.id));
    expect((await start(value)).status).toBe(400);
  });

  it("the rubric stays with the company: start and resume send the questions without their criteria, the session keeps them", async () => {
    const criteria = defaultCriteria();
    const interview = await makeInterview(hr(), {
      questions: [
        { text: "Tell us about yourself", time_limit_seconds: 60, criteria },
        { text: "A hard bug you fixed", time_limit_seconds: 120, think_time_seconds: 30 },
        { text: "Why us?", time_limit_seconds: 60, criteria: criteria.slice(0, 1) },
      ],
    });
    const { value } = await makeInvite(hr(), interview.id);
    const expected = [
      { index: 0, text: "Tell us about yourself", think_time_seconds: null, time_limit_seconds: 60 },
      { index: 1, text: "A hard bug you fixed", think_time_seconds: 30, time_limit_seconds: 120 },
      { index: 2, text: "Why us?", think_time_seconds: null, time_limit_seconds: 60 },
    ];
    const started = await start(value);
    expect(started.status).toBe(200);
    expect(started.json.questions).toEqual(expected);
    expect(JSON.stringify(started.json)).not.toContain(criteria[0]!.good);

    const db = await getDb();
    const [session] = await db
      .select({ questions: interviewSessions.questions })
      .from(interviewSessions)
      .where(eq(interviewSessions.id, started.json.session_id));
    expect(session!.questions.map((q) => q.criteria)).toEqual([criteria, [], criteria.slice(0, 1)]);

    const resumed = await start(value, { resume_token: started.json.resume_token });
    expect(resumed.json).toMatchObject({ resumed: true, session_id: started.json.session_id });
    expect(resumed.json.questions).toEqual(expected);
    expect(JSON.stringify(resumed.json)).not.toContain(criteria[0]!.good);
  });

  it("resume: inside the grace window the same session continues without an attempt; outside it a new attempt starts", async () => {
    const interview = await makeInterview(hr(), { resume_grace_minutes: 15 });
    const { value, token } = await makeInvite(hr(), interview.id, { max_attempts: 2 });
    const first = await start(value);
    const db = await getDb();
    await addReadyRecording(first.json.session_id, token.companyId);

    const resumed = await start(value, { resume_token: first.json.resume_token });
    expect(resumed.status).toBe(200);
    expect(resumed.json).toMatchObject({ session_id: first.json.session_id, resumed: true, attempt_number: 1 });
    expect(resumed.json.resume_token).not.toBe(first.json.resume_token); // rotated
    expect((await tokenRow(token.id)).currentAttempts).toBe(1);
    // The cookie works as well as the body.
    const cookie = resumed.headers.get("set-cookie")!.split(";")[0]!;
    const viaCookie = await call(POST, "/api/candidates/interviews/start-session", {
      body: { token: value },
      ip,
      headers: { cookie },
    });
    expect(viaCookie.json).toMatchObject({ session_id: first.json.session_id, resumed: true });

    // Past the grace window the session cannot be continued, and nothing is consumed until the candidate says so.
    await db
      .update(interviewSessions)
      .set({ lastActivityAt: new Date(Date.now() - 16 * 60 * 1000) })
      .where(eq(interviewSessions.id, first.json.session_id));
    const late = await start(value, { resume_token: viaCookie.json.resume_token });
    expect(late.status).toBe(409);
    expect(late.json).toEqual({
      code: "resume_expired",
      detail: expect.stringMatching(/inactive for more than 15 minutes.*uses 1 of the 1 attempt left/),
    });
    expect((await tokenRow(token.id)).currentAttempts).toBe(1);
    const [waiting] = await db.select().from(interviewSessions).where(eq(interviewSessions.id, first.json.session_id));
    expect(waiting!.status).toBe("in_progress");

    // The explicit new attempt ignores the resume token (here the cookie) and abandons the old attempt.
    const fresh = await call(POST, "/api/candidates/interviews/start-session", {
      body: { token: value, mode: "new" },
      ip,
      headers: { cookie },
    });
    expect(fresh.json).toMatchObject({ resumed: false, attempt_number: 2 });
    const [old] = await db.select().from(interviewSessions).where(eq(interviewSessions.id, first.json.session_id));
    expect(old!.status).toBe("abandoned");
    expect(await db.select().from(recordings).where(eq(recordings.sessionId, first.json.session_id))).toHaveLength(1);
  });

  it("a resume token that does not match answers 409 resume_conflict and consumes nothing", async () => {
    const interview = await makeInterview(hr());
    const { value, token } = await makeInvite(hr(), interview.id, { max_attempts: 3 });
    const first = await start(value);
    const second = await start(value, { resume_token: first.json.resume_token });
    expect(second.json.resumed).toBe(true);
    const db = await getDb();
    // The rotated-away token, once the reuse grace has passed (moved back in time rather than waited for).
    await db
      .update(interviewSessions)
      .set({ resumeRotatedAt: new Date(Date.now() - 60_000) })
      .where(eq(interviewSessions.id, first.json.session_id));
    for (const stale of [first.json.resume_token, "X".repeat(43), "not even close"]) {
      const refused = await start(value, { resume_token: stale });
      expect(refused.status).toBe(409);
      expect(refused.json).toEqual({
        code: "resume_conflict",
        detail: expect.stringMatching(/continued in another tab, window or device.*uses 1 of the 2 attempts left/),
      });
    }
    expect((await tokenRow(token.id)).currentAttempts).toBe(1);
    const sessions = await db.select().from(interviewSessions).where(eq(interviewSessions.tokenId, token.id));
    expect(sessions.map((s) => s.status)).toEqual(["in_progress"]);
    // The current token still resumes.
    expect((await start(value, { resume_token: second.json.resume_token })).json).toMatchObject({
      resumed: true,
      session_id: first.json.session_id,
    });
  });

  it('mode "resume" without any resume token is 409 resume_missing; a revoked or expired link keeps its own answer', async () => {
    const interview = await makeInterview(hr());
    const { value, token } = await makeInvite(hr(), interview.id, { max_attempts: 2 });
    const first = await start(value);
    const missing = await start(value, { mode: "resume" });
    expect(missing.status).toBe(409);
    expect(missing.json.code).toBe("resume_missing");
    const db = await getDb();
    await db
      .update(candidateTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(candidateTokens.id, token.id));
    await db
      .update(interviewSessions)
      .set({ lastActivityAt: new Date(Date.now() - 16 * 60 * 1000) })
      .where(eq(interviewSessions.id, first.json.session_id));
    expect((await start(value, { resume_token: first.json.resume_token })).json.code).toBe("invite_expired");
    await db.update(candidateTokens).set({ revokedAt: new Date() }).where(eq(candidateTokens.id, token.id));
    expect((await start(value, { resume_token: first.json.resume_token })).json.code).toBe("invite_revoked");
    expect((await tokenRow(token.id)).currentAttempts).toBe(1);
  });
});

describe("PATCH /api/candidates/interviews/complete-session", () => {
  it("404 for an unknown invite or one without a session; 400 without recordings; 200 and idempotent with them", async () => {
    const interview = await makeInterview(hr());
    const someToken = { resume_token: "R".repeat(43) };
    expect((await complete("A".repeat(43), someToken)).status).toBe(404);
    const { value, token } = await makeInvite(hr(), interview.id);
    expect((await complete(value, someToken)).status).toBe(404);
    const started = await start(value);
    const mine = { resume_token: started.json.resume_token };
    const empty = await complete(value, mine);
    expect(empty.status).toBe(400);
    expect(empty.json.detail).toMatch(/without recordings/);
    await addReadyRecording(started.json.session_id, token.companyId);
    const done = await complete(value, mine);
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ session_id: started.json.session_id, status: "completed", recording_count: 1 });
    const again = await complete(value, mine);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ status: "completed", recording_count: 1, ended_at: done.json.ended_at });
    // The cookie the start set proves the same.
    const cookie = started.headers.get("set-cookie")!.split(";")[0]!;
    const viaCookie = await call(completeRoute, "/api/candidates/interviews/complete-session", {
      method: "PATCH",
      body: { token: value },
      ip,
      headers: { cookie },
    });
    expect(viaCookie.json).toMatchObject({ status: "completed", ended_at: done.json.ended_at });
  });

  it("the link alone cannot end a running session: no resume token is 401, another one 404, and nothing changes", async () => {
    const interview = await makeInterview(hr());
    const { value, token } = await makeInvite(hr(), interview.id);
    const started = await start(value);
    await addReadyRecording(started.json.session_id, token.companyId);
    const anonymous = await complete(value);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.code).toBe("resume_token_required");
    const wrong = await complete(value, { resume_token: "W".repeat(43) });
    expect(wrong.status).toBe(404);
    expect(wrong.json).toEqual({ detail: "Session not found", code: "not_found" });
    const db = await getDb();
    const [row] = await db.select().from(interviewSessions).where(eq(interviewSessions.id, started.json.session_id));
    expect(row).toMatchObject({ status: "in_progress", endedAt: null });
    expect((await complete(value, { resume_token: started.json.resume_token })).status).toBe(200);
  });

  it("concurrent completes all answer 200 and complete once", async () => {
    const interview = await makeInterview(hr());
    const { value, token } = await makeInvite(hr(), interview.id);
    const started = await start(value);
    await addReadyRecording(started.json.session_id, token.companyId);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => complete(value, { resume_token: started.json.resume_token })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(results.filter((r) => r.json.already_completed === false)).toHaveLength(1);
  });
});

describe("race: concurrent starts never overdraw an invite", () => {
  it("50 concurrent starts on max_attempts 1 → one 200 and 49 403s; on 3 → three; 20 rounds; invariant holds", async () => {
    const interview = await makeInterview(hr());
    const rounds = 20;
    for (let round = 0; round < rounds; round++) {
      const maxAttempts = round % 2 === 0 ? 1 : 3;
      const { value, token } = await makeInvite(hr(), interview.id, { max_attempts: maxAttempts });
      const results = await Promise.all(Array.from({ length: 50 }, () => start(value)));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(maxAttempts);
      expect(statuses.filter((s) => s === 403)).toHaveLength(50 - maxAttempts);
      expect((await tokenRow(token.id)).currentAttempts).toBe(maxAttempts);
      const db = await getDb();
      expect(await db.select().from(interviewSessions).where(eq(interviewSessions.tokenId, token.id))).toHaveLength(
        maxAttempts,
      );
    }
    const db = await getDb();
    const [violations] = rowsOf<{ n: number }>(
      await db.execute(
        sql`SELECT count(*)::int AS n FROM candidate_tokens WHERE current_attempts > COALESCE(max_attempts, 1)`,
      ),
    );
    expect(violations!.n).toBe(0);
  }, 120_000); // 1000 starts; on a loaded 2-core machine this takes about half a minute
});
