import { and, asc, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { aiDisagreements, answerEvaluations, auditLogs, evaluations, scorecards, scorecardVersions } from "@/db/schema";
import {
  ADMIN,
  C1,
  C2,
  card,
  EMPLOYEE,
  GLOBEX,
  HR,
  LEAD,
  scorecardClient,
  scoredSession,
} from "@/test/kits/scorecards";
import { fileClientIp } from "@/test/http";
import { actorFrom } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";

// POST /api/interviewer/sessions/{id}/scorecards/mine/submit: each submission is the reviewer's next version, kept
// whole, audited, with its disagreements with the AI (kept after later versions); racing submissions never repeat a
// version number.

const fixture = useTestDb();
const api = scorecardClient(fileClientIp());
const hr = () => actorFrom(fixture.people[HR]!, "HR");

beforeAll(() => api.login());

const db = () => fixture.db.db;
const versionsOf = (sessionId: string) =>
  db()
    .select()
    .from(scorecardVersions)
    .where(eq(scorecardVersions.sessionId, sessionId))
    .orderBy(asc(scorecardVersions.reviewerId), asc(scorecardVersions.version));
const auditsOf = (sessionId: string) =>
  db()
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.resourceId, sessionId), like(auditLogs.action, "SCORECARD%")))
    .orderBy(asc(auditLogs.createdAt), asc(auditLogs.id));
const disagreementsOf = (sessionId: string) =>
  db()
    .select()
    .from(aiDisagreements)
    .where(eq(aiDisagreements.sessionId, sessionId))
    .orderBy(asc(aiDisagreements.createdAt));

describe("POST /api/interviewer/sessions/{id}/scorecards/mine/submit", () => {
  let sessionId: string;
  let evaluationId: string;
  beforeAll(async () => {
    ({ sessionId, evaluationId } = await scoredSession(hr()));
  });

  it("the first submission is version 1: kept whole, audited SCORECARD_SUBMITTED, its disagreements with the AI recorded", async () => {
    await api.draft(HR, sessionId, { scores: [{ answer: 0, criterion: C1, score: 4 }], private_note: "draft" });
    const res = await api.submit(
      HR,
      sessionId,
      card([1, 2, 4], "no", { note: "Did not own it", private_note: "Too quiet" }),
    );
    expect(res.status).toBe(201);
    expect(res.json.mine).toMatchObject({
      status: "submitted",
      version: 1,
      recommendation: "no",
      private_note: "Too quiet",
      overall_score: 2.33,
    });
    expect(res.json.scores_visible).toBe(true);

    const [v1] = await versionsOf(sessionId);
    expect(v1).toMatchObject({
      version: 1,
      reviewerId: fixture.people[HR]!.id,
      recommendation: "no",
      privateNote: "Too quiet",
    });
    expect(v1!.scores[0]).toEqual({ answer: 0, criterion: C1, score: 1, note: "Did not own it" });
    expect(v1!.overallScore).toBeCloseTo(7 / 3);

    const audits = await auditsOf(sessionId);
    expect(audits.map((a) => [a.action, a.userId])).toEqual([["SCORECARD_SUBMITTED", fixture.people[HR]!.id]]);
    expect(audits[0]!.details).toMatchObject({
      version: 1,
      recommendation: "no",
      disagreements: 1,
      ai_evaluation_version: 1,
    });
    expect(JSON.stringify(audits[0]!.details)).not.toContain("Too quiet");

    expect(
      (await disagreementsOf(sessionId)).map((d) => [
        d.answer,
        d.criterion,
        d.humanScore,
        d.aiScore,
        d.scorecardVersionId,
        d.evaluationId,
      ]),
    ).toEqual([[0, C1, 1, 5, v1!.id, evaluationId]]);
  });

  it("an edit is version 2, audited SCORECARD_REVISED; version 1 and its disagreement stay, and both show in the view", async () => {
    const res = await api.submit(HR, sessionId, card([4, 5, 4], "yes"));
    expect(res.status).toBe(201);
    expect(res.json.mine).toMatchObject({ version: 2, recommendation: "yes", private_note: null });
    expect((await versionsOf(sessionId)).map((v) => [v.version, v.recommendation])).toEqual([
      [1, "no"],
      [2, "yes"],
    ]);
    expect((await auditsOf(sessionId)).map((a) => [a.action, (a.details as { version: number }).version])).toEqual([
      ["SCORECARD_SUBMITTED", 1],
      ["SCORECARD_REVISED", 2],
    ]);
    expect(
      res.json.disagreements.items.map(
        (d: { scorecard_version: number; criterion: string; human_score: number; ai_score: number }) => [
          d.scorecard_version,
          d.criterion,
          d.human_score,
          d.ai_score,
        ],
      ),
    ).toEqual([
      [1, C1, 1, 5],
      [2, C2, 5, 2],
    ]);
    const [row] = await db().select().from(scorecards).where(eq(scorecards.sessionId, sessionId));
    expect(row).toMatchObject({ status: "submitted", version: 2, recommendation: "yes" });
  });

  it("the same content again (a double click) answers 200 and records nothing", async () => {
    const res = await api.submit(HR, sessionId, card([4, 5, 4], "yes"));
    expect(res.status).toBe(200);
    expect(res.json.mine.version).toBe(2);
    expect(await versionsOf(sessionId)).toHaveLength(2);
    expect(await auditsOf(sessionId)).toHaveLength(2);
  });

  it("measures against the latest completed evaluation: a newer one still running does not count, a newer completed one does", async () => {
    const [answers] = await db()
      .select()
      .from(answerEvaluations)
      .where(eq(answerEvaluations.evaluationId, evaluationId))
      .orderBy(asc(answerEvaluations.questionIndex));
    await db().insert(evaluations).values({
      companyId: fixture.people[HR]!.companyId,
      sessionId,
      version: 2,
      status: "running",
      promptVersion: "pending",
      model: "m",
    });
    await api.submit(ADMIN, sessionId, card([1, 2, 3], "no"));
    expect(
      (await disagreementsOf(sessionId))
        .filter((d) => d.reviewerId === fixture.people[ADMIN]!.id)
        .map((d) => [d.criterion, d.aiScore, d.evaluationId]),
    ).toEqual([[C1, 5, evaluationId]]);

    const [v3] = await db()
      .insert(evaluations)
      .values({
        companyId: fixture.people[HR]!.companyId,
        sessionId,
        version: 3,
        status: "completed",
        promptVersion: "p",
        model: "m",
        completedAt: new Date(),
      })
      .returning();
    const criteria = [
      { criterion: C1, status: "scored", score: 1, evidence: [], rationale: "", reasked: false },
      { criterion: C2, status: "insufficient_evidence", rationale: "", reasked: false },
    ];
    await db()
      .insert(answerEvaluations)
      .values({ ...answers!, id: undefined, evaluationId: v3!.id, criteria });
    const res = await api.submit(ADMIN, sessionId, card([4, 2, 3], "yes"));
    expect(res.status).toBe(201);
    const mine = res.json.disagreements.items.filter(
      (d: { reviewer: { id: string } }) => d.reviewer.id === fixture.people[ADMIN]!.id,
    );
    expect(
      mine.map(
        (d: { scorecard_version: number; evaluation_version: number; human_score: number; ai_score: number }) => [
          d.scorecard_version,
          d.evaluation_version,
          d.human_score,
          d.ai_score,
        ],
      ),
    ).toEqual([
      [1, 1, 1, 5],
      [2, 3, 4, 1],
    ]);
  });

  it("refuses an incomplete card (400 scorecard_incomplete, naming the open criteria) or one without a recommendation, writing nothing", async () => {
    const fresh = await scoredSession(hr());
    const open = await api.submit(HR, fresh.sessionId, {
      scores: card([3, 3, 3]).scores.slice(0, 2),
      recommendation: "yes",
    });
    expect(open).toMatchObject({ status: 400, json: { code: "scorecard_incomplete" } });
    expect(open.json.detail).toContain(`question 3 "${C1}"`);
    expect(await api.submit(HR, fresh.sessionId, { scores: card([3, 3, 3]).scores })).toMatchObject({
      status: 400,
      json: { code: "recommendation_required" },
    });
    expect(await db().select().from(scorecards).where(eq(scorecards.sessionId, fresh.sessionId))).toEqual([]);
    expect(await auditsOf(fresh.sessionId)).toEqual([]);
  });

  it("EMPLOYEE 403, a TEAM_LEAD of another's interview 403, another company 404", async () => {
    const fresh = await scoredSession(hr());
    expect((await api.submit(EMPLOYEE, fresh.sessionId, card([3, 3, 3]))).status).toBe(403);
    expect((await api.submit(LEAD, fresh.sessionId, card([3, 3, 3]))).status).toBe(403);
    expect((await api.submit(GLOBEX, fresh.sessionId, card([3, 3, 3]))).status).toBe(404);
    expect(await versionsOf(fresh.sessionId)).toEqual([]);
  });
});

describe("racing submissions", () => {
  it("different cards at once from one reviewer become versions 1 and 2, identical ones one version; two reviewers each get version 1", async () => {
    const { sessionId } = await scoredSession(hr());
    const results = await Promise.all([
      api.submit(HR, sessionId, card([2, 2, 2], "no")),
      api.submit(HR, sessionId, card([4, 4, 4], "yes")),
      api.submit(ADMIN, sessionId, card([3, 3, 3])),
    ]);
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(
      (await versionsOf(sessionId))
        .map((v) => [v.reviewerId === fixture.people[HR]!.id ? "HR" : "ADMIN", v.version])
        .sort(),
    ).toEqual([
      ["ADMIN", 1],
      ["HR", 1],
      ["HR", 2],
    ]);
    const actions = (await auditsOf(sessionId)).map((a) => a.action).sort();
    expect(actions).toEqual(["SCORECARD_REVISED", "SCORECARD_SUBMITTED", "SCORECARD_SUBMITTED"]);

    const again = await scoredSession(hr());
    const twice = await Promise.all([
      api.submit(HR, again.sessionId, card([3, 3, 3])),
      api.submit(HR, again.sessionId, card([3, 3, 3])),
    ]);
    expect(twice.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(await versionsOf(again.sessionId)).toHaveLength(1);
    expect(await auditsOf(again.sessionId)).toHaveLength(1);
  });
});
