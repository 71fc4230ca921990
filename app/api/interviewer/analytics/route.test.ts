import { beforeAll, describe, expect, it } from "vitest";
import { analyticsFixture } from "@/test/kits/analytics";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { actorFrom, makeInvite, makeInterview } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { GET } from "./route";

// The company's analytics over the API: every interview of the company and nothing of another's; HR and ADMIN only.

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
const analytics = (who: string) => call(GET, "/x", { token: tokens[who], ip });
const counts = (report: { funnel: { count: number }[] }) => report.funnel.map((r) => r.count);

describe("GET /api/interviewer/analytics", () => {
  it("adds up every interview of the company, and another company sees none of it", async () => {
    expect(counts((await analytics(HR)).json)).toEqual([0, 0, 0, 0, 0, 0]);
    await analyticsFixture(
      actorFrom(person(HR), "HR"),
      { hr: person(HR).id, admin: person(ADMIN).id },
      { blindReview: false },
    );
    // A TEAM_LEAD's interview counts too: one more invite, never opened.
    const byLead = await makeInterview(actorFrom(person(LEAD), "TEAM_LEAD"));
    await makeInvite(actorFrom(person(LEAD), "TEAM_LEAD"), byLead.id);

    const res = await analytics(HR);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      scope: "company",
      interview: null,
      completed_sessions: 3,
      median_completion_seconds: 600,
      ai_scores: 2,
      human_scores: 2,
    });
    expect(counts(res.json)).toEqual([8, 5, 4, 3, 2, 1]);
    expect(res.json.agreement.map((r: { criterion: string; pairs: number }) => [r.criterion, r.pairs])).toEqual([
      ["Relevance and structure", 3],
      ["Specificity and evidence", 2],
    ]);
    expect(counts((await analytics(ADMIN)).json)).toEqual([8, 5, 4, 3, 2, 1]);

    const globex = await analytics(GLOBEX);
    expect(globex.status).toBe(200);
    expect(counts(globex.json)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(globex.json).toMatchObject({ completed_sessions: 0, ai_scores: 0, human_scores: 0, agreement: [] });
  });

  it("TEAM_LEAD and EMPLOYEE 403; no token 401", async () => {
    expect((await analytics(LEAD)).status).toBe(403);
    expect((await analytics(EMPLOYEE)).status).toBe(403);
    expect((await call(GET, "/x", { ip })).status).toBe(401);
  });
});
