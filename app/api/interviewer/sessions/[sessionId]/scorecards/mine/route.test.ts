import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLogs, interviewSessions, scorecards, scorecardVersions } from "@/db/schema";
import { C1, C2, card, EMPLOYEE, GLOBEX, HR, LEAD, scorecardClient, scoredSession } from "@/test/kits/scorecards";
import { fileClientIp } from "@/test/http";
import { actorFrom } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";

// PUT /api/interviewer/sessions/{id}/scorecards/mine: a reviewer's draft, saved as often as they like until they
// submit; bad bodies are refused with the field or the reason, and nothing is written.

const fixture = useTestDb();
const api = scorecardClient(fileClientIp());
const hr = () => actorFrom(fixture.people[HR]!, "HR");
let sessionId: string;

beforeAll(async () => {
  await api.login();
  ({ sessionId } = await scoredSession(hr()));
});

const cardsOf = (id: string) => fixture.db.db.select().from(scorecards).where(eq(scorecards.sessionId, id));

describe("PUT /api/interviewer/sessions/{id}/scorecards/mine", () => {
  it("saves a draft and saves it again in place: one row, version 0, no version kept, nothing audited", async () => {
    const first = await api.draft(HR, sessionId, {
      scores: [{ answer: 0, criterion: C2, score: 3, note: "Vague on numbers" }],
    });
    expect(first.status).toBe(200);
    expect(first.json.mine).toMatchObject({ status: "draft", version: 0, recommendation: null });
    const second = await api.draft(HR, sessionId, {
      scores: [{ answer: 2, criterion: C1, score: 4 }],
      recommendation: "yes",
      private_note: "Ask about the cache",
    });
    expect(second.status).toBe(200);
    expect(second.json.mine).toMatchObject({
      status: "draft",
      version: 0,
      recommendation: "yes",
      private_note: "Ask about the cache",
      scores: [
        { answer: 0, criterion: C1, score: null },
        { answer: 0, criterion: C2, score: null },
        { answer: 2, criterion: C1, score: 4 },
      ],
    });
    expect(await cardsOf(sessionId)).toHaveLength(1);
    expect(
      await fixture.db.db.select().from(scorecardVersions).where(eq(scorecardVersions.sessionId, sessionId)),
    ).toEqual([]);
    expect(
      (await fixture.db.db.select().from(auditLogs).where(eq(auditLogs.resourceId, sessionId))).filter((a) =>
        a.action.startsWith("SCORECARD"),
      ),
    ).toEqual([]);
  });

  it("refuses bad shapes with 422 naming the field, and what the rubric does not have with 400 and a reason", async () => {
    const bad = async (body: unknown) => {
      const res = await api.draft(HR, sessionId, body);
      return { status: res.status, code: res.json.code, detail: res.json.detail };
    };
    expect(await bad({ scores: [{ answer: 0, criterion: C1, score: 6 }] })).toMatchObject({
      status: 422,
      code: "validation_error",
      detail: [{ loc: ["body", "scores", 0, "score"], msg: "A score is 1 to 5" }],
    });
    expect(await bad({ scores: [{ answer: 0, criterion: C1, score: 2.5 }] })).toMatchObject({ status: 422 });
    expect(await bad({ scores: [{ answer: 0, criterion: C1, note: "x".repeat(1001) }] })).toMatchObject({
      status: 422,
      detail: [{ msg: "A note may have at most 1000 characters" }],
    });
    expect(await bad({ scores: [], private_note: "x".repeat(4001) })).toMatchObject({
      status: 422,
      detail: [{ loc: ["body", "private_note"] }],
    });
    expect(await bad({ scores: [], recommendation: "maybe" })).toMatchObject({
      status: 422,
      detail: [{ loc: ["body", "recommendation"] }],
    });
    expect(await bad({ scores: "all fives" })).toMatchObject({ status: 422 });
    expect(await bad({ scores: [{ answer: 1, criterion: C1, score: 3 }] })).toEqual({
      status: 400,
      code: "unknown_answer",
      detail: "Question 2 has no scoring criteria",
    });
    expect(await bad({ scores: [{ answer: 9, criterion: C1, score: 3 }] })).toMatchObject({
      status: 400,
      code: "unknown_answer",
    });
    expect(await bad({ scores: [{ answer: 0, criterion: "Charisma", score: 3 }] })).toEqual({
      status: 400,
      code: "unknown_criterion",
      detail: 'Question 1 has no criterion "Charisma"',
    });
    const twice = { answer: 0, criterion: C1, score: 3 };
    expect(await bad({ scores: [twice, twice] })).toMatchObject({ status: 400, code: "duplicate_criterion" });
    // The draft saved before is untouched.
    expect((await api.list(HR, sessionId)).json.mine.private_note).toBe("Ask about the cache");
  });

  it("409 session_not_completed for a session that did not complete; 409 scorecard_submitted once submitted", async () => {
    const other = await scoredSession(hr());
    await fixture.db.db
      .update(interviewSessions)
      .set({ status: "in_progress", endedAt: null })
      .where(eq(interviewSessions.id, other.sessionId));
    expect(await api.draft(HR, other.sessionId, { scores: [] })).toMatchObject({
      status: 409,
      json: { code: "session_not_completed", detail: "Only a completed interview can be scored" },
    });
    expect(await api.submit(HR, other.sessionId, card([3, 3, 3]))).toMatchObject({
      status: 409,
      json: { code: "session_not_completed" },
    });
    expect(await cardsOf(other.sessionId)).toEqual([]);

    expect((await api.submit(HR, sessionId, card([3, 3, 3]))).status).toBe(201);
    const late = await api.draft(HR, sessionId, { scores: [] });
    expect(late).toMatchObject({ status: 409, json: { code: "scorecard_submitted" } });
    expect((await api.list(HR, sessionId)).json.mine).toMatchObject({ status: "submitted", version: 1 });
  });

  it("EMPLOYEE 403, a TEAM_LEAD of another's interview 403, another company 404, no token 401: nothing written", async () => {
    const fresh = await scoredSession(hr());
    const body = { scores: [] };
    expect(await api.draft(EMPLOYEE, fresh.sessionId, body)).toMatchObject({
      status: 403,
      json: { code: "forbidden" },
    });
    expect(await api.draft(LEAD, fresh.sessionId, body)).toMatchObject({ status: 403, json: { code: "forbidden" } });
    expect(await api.draft(GLOBEX, fresh.sessionId, body)).toMatchObject({ status: 404, json: { code: "not_found" } });
    expect((await api.draft(null, fresh.sessionId, body)).status).toBe(401);
    expect(await cardsOf(fresh.sessionId)).toEqual([]);
  });
});
