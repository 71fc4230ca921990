import { beforeAll, describe, expect, it } from "vitest";
import { analyticsFixture } from "@/test/kits/analytics";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { actorFrom, makeInterview } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { GET } from "./route";

// The interview's analytics over the API: figures of a fixture worked out by hand (test/kits/analytics.ts), the
// blind-review rule applied to scores, and who may see them.

const fixture = useTestDb();
const ip = fileClientIp();
const tokens: Record<string, string> = {};
const HR = "hr@nextgenai.com";
const ADMIN = "admin@nextgenai.com";
const LEAD = "lead@nextgenai.com";
const EMPLOYEE = "employee@nextgenai.com";
const GLOBEX = "admin@globex.com";

beforeAll(async () => {
  for (const who of [HR, ADMIN, LEAD, EMPLOYEE, GLOBEX]) tokens[who] = (await apiLogin(who, ip)).access_token;
});

const person = (who: string) => fixture.people[who]!;
const reviewers = () => ({ hr: person(HR).id, admin: person(ADMIN).id });
const analytics = (who: string, id: string) => call(GET, "/x", { token: tokens[who], ip, params: { id } });

describe("GET /api/interviewer/interviews/{id}/analytics", () => {
  it("counts the funnel per invite, the median time to complete, completion by age, score distributions and agreement", async () => {
    const { interviewId } = await analyticsFixture(actorFrom(person(HR), "HR"), reviewers(), { blindReview: false });
    const res = await analytics(HR, interviewId);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const report = res.json;
    expect(report).toMatchObject({ scope: "interview", interview: { id: interviewId, title: "Analytics screen" } });
    expect(
      report.funnel.map((r: { step: string; count: number; drop_off: number }) => [r.step, r.count, r.drop_off]),
    ).toEqual([
      ["invited", 7, 0],
      ["opened", 5, 2],
      ["started", 4, 1],
      ["completed", 3, 1],
      ["reviewed", 2, 1],
      ["decided", 1, 1],
    ]);
    expect(report.funnel[1].conversion).toBeCloseTo(5 / 7);
    expect(report).toMatchObject({
      completed_sessions: 3,
      median_completion_seconds: 600,
      scores_hidden_sessions: 0,
      ai_scores: 2,
      human_scores: 2,
    });
    expect(
      report.completion_by_age.map((r: { bucket: string; invited: number; completed: number; rate: number | null }) => [
        r.bucket,
        r.invited,
        r.completed,
        r.rate,
      ]),
    ).toEqual([
      ["lt1", 6, 3, 0.5],
      ["1to3", 0, 0, null],
      ["3to7", 0, 0, null],
      ["7to14", 1, 0, 0],
      ["gte14", 0, 0, null],
    ]);
    // AI: A 4.0 and B's latest completed version 3.0 (not v1's 2.0, not the running v3). Human: 3.0 and 2.5 → 3.
    expect(report.score_distribution).toEqual([
      { score: 1, ai: 0, human: 0 },
      { score: 2, ai: 0, human: 0 },
      { score: 3, ai: 1, human: 2 },
      { score: 4, ai: 1, human: 0 },
      { score: 5, ai: 0, human: 0 },
    ]);
    // Relevance pairs (human, AI): (4,4), (4,5), (3,3): all within 1, κ = 1 − 1/3. Specificity: (1,3), (2,3): the AI
    // gave one score throughout, so no kappa.
    const [relevance, specificity] = report.agreement;
    expect(relevance).toMatchObject({ criterion: "Relevance and structure", pairs: 3, within_one: 1 });
    expect(relevance.kappa).toBeCloseTo(2 / 3, 10);
    expect(specificity).toMatchObject({ criterion: "Specificity and evidence", pairs: 2, within_one: 0.5 });
    expect(specificity.kappa).toBeNull();
  });

  it("blind review: a session's scores count only once the viewer may see them, and the rest are reported as hidden", async () => {
    const { interviewId } = await analyticsFixture(actorFrom(person(HR), "HR"), reviewers());
    // HR submitted only A's scorecard: A's scores count, B's (ADMIN's scorecard) and C's do not.
    const hr = (await analytics(HR, interviewId)).json;
    expect(hr).toMatchObject({ scores_hidden_sessions: 2, ai_scores: 1, human_scores: 1 });
    expect(hr.score_distribution.filter((r: { ai: number; human: number }) => r.ai + r.human > 0)).toEqual([
      { score: 3, ai: 0, human: 1 },
      { score: 4, ai: 1, human: 0 },
    ]);
    expect(hr.agreement.map((r: { criterion: string; pairs: number }) => [r.criterion, r.pairs])).toEqual([
      ["Relevance and structure", 2],
      ["Specificity and evidence", 1],
    ]);
    // The funnel and timings show no scores, so they are the same for everyone.
    expect(hr.funnel.map((r: { count: number }) => r.count)).toEqual([7, 5, 4, 3, 2, 1]);
    const admin = (await analytics(ADMIN, interviewId)).json;
    expect(admin).toMatchObject({ scores_hidden_sessions: 2, ai_scores: 1, human_scores: 1 });
    expect(admin.score_distribution.find((r: { score: number }) => r.score === 3)).toEqual({
      score: 3,
      ai: 1,
      human: 1,
    });
  });

  it("an interview with no invites answers zeros, nulls and no agreement rows", async () => {
    const interview = await makeInterview(actorFrom(person(HR), "HR"));
    const res = await analytics(HR, interview.id);
    expect(res.status).toBe(200);
    expect(res.json.funnel.every((r: { count: number }) => r.count === 0)).toBe(true);
    expect(res.json).toMatchObject({
      completed_sessions: 0,
      median_completion_seconds: null,
      ai_scores: 0,
      human_scores: 0,
      agreement: [],
    });
  });

  it("EMPLOYEE 403; a TEAM_LEAD only for interviews they own; another company's or a malformed id 404; no token 401", async () => {
    const byHr = await makeInterview(actorFrom(person(HR), "HR"));
    const byLead = await makeInterview(actorFrom(person(LEAD), "TEAM_LEAD"));
    expect((await analytics(EMPLOYEE, byHr.id)).status).toBe(403);
    expect((await analytics(LEAD, byHr.id)).status).toBe(403);
    expect((await analytics(LEAD, byLead.id)).status).toBe(200);
    expect((await analytics(ADMIN, byLead.id)).status).toBe(200);
    const other = await analytics(GLOBEX, byHr.id);
    expect(other.status).toBe(404);
    expect(other.json.code).toBe("not_found");
    expect((await analytics(HR, "not-a-uuid")).status).toBe(404);
    expect((await call(GET, "/x", { ip, params: { id: byHr.id } })).status).toBe(401);
  });
});
