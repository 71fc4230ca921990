import { beforeAll, describe, expect, it } from "vitest";
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
  type ScorecardsJson,
} from "@/test/kits/scorecards";
import { fileClientIp } from "@/test/http";
import { actorFrom } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";

// GET /api/interviewer/sessions/{id}/scorecards and blind review as the API enforces it: until a reviewer submits,
// neither the other reviewers' scorecards nor the AI's scores reach them, through this route or the session detail.

const fixture = useTestDb();
const api = scorecardClient(fileClientIp());
const hr = () => actorFrom(fixture.people[HR]!, "HR");
const PRIVATE = "Reminds me of a candidate we hired in 2019";

beforeAll(() => api.login());

describe("blind review through the API", () => {
  let sessionId: string;
  beforeAll(async () => {
    ({ sessionId } = await scoredSession(hr()));
  });

  it("before submitting, HR sees their own draft only: ADMIN's submitted card is hidden (a count), and the session detail withholds the AI's scores but keeps the transcripts", async () => {
    expect(
      (
        await api.draft(HR, sessionId, {
          scores: [{ answer: 0, criterion: C1, score: 2 }],
          private_note: "my draft thought",
        })
      ).status,
    ).toBe(200);
    expect((await api.submit(ADMIN, sessionId, card([4, 4, 4], "strong_yes", { private_note: PRIVATE }))).status).toBe(
      201,
    );

    const res = await api.list(HR, sessionId);
    expect(res.status).toBe(200);
    const view = res.json as ScorecardsJson;
    expect(view).toMatchObject({
      blind_review: true,
      scores_visible: false,
      others: { hidden: true, count: 1 },
      disagreements: { hidden: true },
    });
    expect(view.mine).toMatchObject({
      status: "draft",
      version: 0,
      recommendation: null,
      private_note: "my draft thought",
      overall_score: null,
      submitted_at: null,
    });
    expect(view.mine!.scores).toEqual([
      { answer: 0, criterion: C1, score: 2 },
      { answer: 0, criterion: C2, score: null },
      { answer: 2, criterion: C1, score: null },
    ]);
    expect(view.rubric.map((a) => [a.answer, a.criteria.map((c) => c.name)])).toEqual([
      [0, [C1, C2]],
      [2, [C1]],
    ]);
    expect(res.text).not.toContain(PRIVATE);
    expect(res.text).not.toContain("strong_yes");

    const detail = await api.detail(HR, sessionId);
    expect(detail.status).toBe(200);
    const ai = detail.json.ai;
    expect(ai.scores_hidden).toBe(true);
    expect(ai.evaluation.state).toBe("done");
    expect(ai.evaluations).toHaveLength(1);
    expect(ai.evaluations[0]).toMatchObject({ version: 1, status: "completed", summary: null, answers: [] });
    expect(ai.answers[0].transcript.text).toContain("I led a team of five");
    expect(JSON.stringify(ai.evaluations)).not.toMatch(/score|evidence|rationale/);
  });

  it("after submitting, HR sees ADMIN's card without its private note, the disagreements, and the AI's scores", async () => {
    const submitted = await api.submit(HR, sessionId, card([1, 2, 3], "no", { private_note: "HR only" }));
    expect(submitted.status).toBe(201);
    const view = (await api.list(HR, sessionId)).json as ScorecardsJson;
    expect(view.scores_visible).toBe(true);
    expect(view.mine).toMatchObject({
      status: "submitted",
      version: 1,
      recommendation: "no",
      private_note: "HR only",
      overall_score: 2,
    });
    expect(view.others).toMatchObject({
      hidden: false,
      count: 1,
      items: [
        { reviewer: { id: fixture.people[ADMIN]!.id }, version: 1, recommendation: "strong_yes", overall_score: 4 },
      ],
    });
    if (view.others.hidden) throw new Error("hidden");
    expect(view.others.items[0]).not.toHaveProperty("private_note");
    expect(JSON.stringify(view)).not.toContain(PRIVATE);
    // HR gave 1 where the AI gave 5; ADMIN gave 4 where the AI gave 2: both kept, both shown.
    expect(view.disagreements).toMatchObject({ hidden: false });
    if (view.disagreements.hidden) throw new Error("hidden");
    expect(
      view.disagreements.items
        .map((d) => [
          d.reviewer.id,
          d.answer,
          d.criterion,
          d.human_score,
          d.ai_score,
          d.scorecard_version,
          d.evaluation_version,
        ])
        .sort(),
    ).toEqual(
      [
        [fixture.people[ADMIN]!.id, 0, C2, 4, 2, 1, 1],
        [fixture.people[HR]!.id, 0, C1, 1, 5, 1, 1],
      ].sort(),
    );

    const ai = (await api.detail(HR, sessionId)).json.ai;
    expect(ai.scores_hidden).toBe(false);
    expect(ai.evaluations[0].answers.map((a: { answer: number }) => a.answer)).toEqual([0, 2]);
    expect(ai.evaluations[0].answers[0].criteria[0]).toMatchObject({
      criterion: C1,
      status: "scored",
      score: 5,
      evidence: [{ text: "I led a team of five" }],
    });
    expect(ai.evaluations[0].summary).not.toBeNull();

    // ADMIN, who submitted first, now sees HR's card, never HR's private note.
    const admin = await api.list(ADMIN, sessionId);
    expect(admin.json.others).toMatchObject({ hidden: false, count: 1, items: [{ recommendation: "no" }] });
    expect(admin.text).not.toContain("HR only");
  });

  it("a reviewer who never scored (the interview's own TEAM_LEAD) sees nothing of the others' on a blind interview", async () => {
    const lead = actorFrom(fixture.people[LEAD]!, "TEAM_LEAD");
    const own = await scoredSession(lead);
    expect((await api.submit(HR, own.sessionId, card([3, 3, 3]))).status).toBe(201);
    const view = (await api.list(LEAD, own.sessionId)).json as ScorecardsJson;
    expect(view).toMatchObject({ mine: null, scores_visible: false, others: { hidden: true, count: 1 } });
    expect((await api.detail(LEAD, own.sessionId)).json.ai.scores_hidden).toBe(true);
  });
});

describe("an interview with blind review off", () => {
  it("shows the others' cards, the disagreements and the AI's scores before the viewer submits", async () => {
    const { sessionId } = await scoredSession(hr(), { blind: false });
    expect((await api.submit(ADMIN, sessionId, card([5, 5, 4], "strong_yes"))).status).toBe(201);
    const view = (await api.list(HR, sessionId)).json as ScorecardsJson;
    expect(view).toMatchObject({
      blind_review: false,
      scores_visible: true,
      mine: null,
      others: { hidden: false, count: 1 },
    });
    expect(view.disagreements).toEqual({
      hidden: false,
      items: [expect.objectContaining({ criterion: C2, human_score: 5, ai_score: 2 })],
    });
    const ai = (await api.detail(HR, sessionId)).json.ai;
    expect(ai.scores_hidden).toBe(false);
    expect(ai.evaluations[0].answers).toHaveLength(2);
  });
});

describe("who may read scorecards", () => {
  it("EMPLOYEE 403, a TEAM_LEAD of another's interview 403, another company 404, no token 401, a malformed id 404", async () => {
    const { sessionId } = await scoredSession(hr());
    expect(await api.list(EMPLOYEE, sessionId)).toMatchObject({ status: 403, json: { code: "forbidden" } });
    expect(await api.list(LEAD, sessionId)).toMatchObject({
      status: 403,
      json: { detail: "You can only review sessions of interviews you manage", code: "forbidden" },
    });
    expect(await api.list(GLOBEX, sessionId)).toMatchObject({
      status: 404,
      json: { detail: "Session not found", code: "not_found" },
    });
    expect((await api.list(null, sessionId)).status).toBe(401);
    expect((await api.list(HR, "not-a-uuid")).status).toBe(404);
  });
});
