import { and, eq } from "drizzle-orm";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLogs, interviewSessions } from "@/db/schema";
import { decide, scorecardOf, setBlindReview } from "@/test/kits/board";
import { DEFAULT_RUBRIC } from "@/lib/evaluation/rubric";
import { reviewVisibility } from "@/lib/scorecards/visibility";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { actorFrom, makeInterview } from "@/test/interview-fixtures";
import { completedSession } from "@/test/review-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { GET } from "./route";

// The ranked board: one row per candidate's latest completed attempt, sorted by any column (NULLs last both ways,
// ties by completion then id), filtered, paged, blind where the viewer has not submitted, and exported as CSV.

const fixture = useTestDb();
const ip = fileClientIp();
const tokens: Record<string, string> = {};
const HR = "hr@nextgenai.com";
const ADMIN = "admin@nextgenai.com";
const LEAD = "lead@nextgenai.com";
const EMPLOYEE = "employee@nextgenai.com";
const GLOBEX = "admin@globex.com";
const person = (who: string) => fixture.people[who]!;
const T0 = Date.now() - 10 * 86_400_000; // ten days ago
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const CRITERION = DEFAULT_RUBRIC.criteria[0]!.name;
const questions = [{ text: "Tell us about a project", time_limit_seconds: 60, criteria: [...DEFAULT_RUBRIC.criteria] }];

type Query = Record<string, string | number>;
const board = (who: string, interviewId: string, query: Query = {}, headers: Record<string, string> = {}) =>
  call(GET, `/api/interviewer/interviews/${interviewId}/board`, {
    token: tokens[who],
    ip,
    params: { id: interviewId },
    query,
    headers,
  });
const names = async (who: string, interviewId: string, query: Query = {}) => {
  const res = await board(who, interviewId, query);
  expect(res.status).toBe(200);
  return (res.json.items as { candidate_name: string }[]).map((r) => r.candidate_name);
};

/** A completed attempt of a new candidate with the AI's overall score `ai` (undefined: never evaluated). */
const candidate = (interviewId: string, name: string, endedAt: Date, ai?: number) =>
  completedSession(actorFrom(person(HR), "HR"), {
    interviewId,
    candidateName: name,
    endedAt,
    ai: ai === undefined ? undefined : [{ answer: 0, criterion: CRITERION, score: ai }],
  });

let ranked: string; // blind review off: every score visible
const ids: Record<string, string> = {};

beforeAll(async () => {
  for (const who of [HR, ADMIN, LEAD, EMPLOYEE, GLOBEX]) tokens[who] = (await apiLogin(who, ip)).access_token;
  // | name | AI | human (reviews)      | decision          | completed |
  // | Ada  | 4  | 4.5 (HR 4, ADMIN 5)  | advance           | +5        |
  // | Ben  | 4  | -                    | -                 | +1        |
  // | Cat  | -  | 3 (ADMIN)            | reject            | +3        |
  // | Dan  | 2  | - (ADMIN's draft)    | advance, then hold| +2        |
  // | Eve  | 1  | 2 (ADMIN)            | -                 | +4 (attempt 2; attempt 1 had AI 5 and HR's 5)
  ranked = (await makeInterview(actorFrom(person(HR), "HR"), { questions })).id;
  await setBlindReview(ranked, false);
  for (const [name, minutes, ai] of [
    ["Ada", 5, 4],
    ["Ben", 1, 4],
    ["Cat", 3, undefined],
    ["Dan", 2, 2],
  ] as const) {
    ids[name] = (await candidate(ranked, name, at(minutes), ai)).sessionId;
  }
  const eve1 = await candidate(ranked, "Eve", at(0), 5);
  ids.Eve = (
    await completedSession(actorFrom(person(HR), "HR"), {
      interviewId: ranked,
      tokenId: eve1.tokenId,
      attemptNumber: 2,
      endedAt: at(4),
      ai: [{ answer: 0, criterion: CRITERION, score: 1 }],
    })
  ).sessionId;
  await scorecardOf(person(HR), eve1.sessionId, { overall: 5 });
  // Another candidate still answering: not on the board.
  const gone = await candidate(ranked, "Gus", at(6), 3);
  await fixture.db.db
    .update(interviewSessions)
    .set({ status: "in_progress", endedAt: null })
    .where(eq(interviewSessions.id, gone.sessionId));

  await scorecardOf(person(HR), ids.Ada!, { overall: 4 });
  await scorecardOf(person(ADMIN), ids.Ada!, { overall: 5 });
  await scorecardOf(person(ADMIN), ids.Cat!, { overall: 3 });
  await scorecardOf(person(ADMIN), ids.Dan!, { draft: true });
  await scorecardOf(person(ADMIN), ids.Eve!, { overall: 2 });
  await decide(person(HR), ids.Ada!, "advance");
  await decide(person(HR), ids.Cat!, "reject");
  await decide(person(HR), ids.Dan!, "advance", new Date(Date.now() - 60_000));
  await decide(person(ADMIN), ids.Dan!, "hold");
});

describe("GET /api/interviewer/interviews/{id}/board", () => {
  it("one row per candidate's latest completed attempt, with the contract's fields", async () => {
    const res = await board(ADMIN, ranked);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.json.total).toBe(5);
    const byName = Object.fromEntries(
      (res.json.items as { candidate_name: string }[]).map((r) => [r.candidate_name, r]),
    );
    expect(byName.Ada).toEqual({
      session_id: ids.Ada,
      token_id: expect.any(String),
      candidate_name: "Ada",
      candidate_email: expect.stringMatching(/@example\.org$/),
      attempt_number: 1,
      completed_at: at(5).toISOString(),
      ai_score: 4,
      human_score: 4.5,
      scores_hidden: false,
      review_count: 2,
      my_review: "submitted",
      decision: "advance",
      decided_at: expect.any(String),
    });
    // Eve's second attempt only: neither the first's AI score nor HR's scorecard of it count.
    expect(byName.Eve).toMatchObject({
      session_id: ids.Eve,
      attempt_number: 2,
      ai_score: 1,
      human_score: 2,
      review_count: 1,
    });
    expect(byName.Dan).toMatchObject({ decision: "hold", review_count: 0, human_score: null, my_review: "draft" });
    expect(byName.Cat).toMatchObject({ ai_score: null, human_score: 3, decision: "reject" });
    expect(byName.Ben).toMatchObject({ my_review: "none", decision: null, decided_at: null, review_count: 0 });
  });

  it.each([
    ["ai_score", "desc", ["Ben", "Ada", "Dan", "Eve", "Cat"]],
    ["ai_score", "asc", ["Eve", "Dan", "Ben", "Ada", "Cat"]],
    ["human_score", "desc", ["Ada", "Cat", "Eve", "Ben", "Dan"]],
    ["human_score", "asc", ["Eve", "Cat", "Ada", "Ben", "Dan"]],
    ["review_count", "desc", ["Ada", "Cat", "Eve", "Ben", "Dan"]],
    ["review_count", "asc", ["Ben", "Dan", "Cat", "Eve", "Ada"]],
    ["decision", "asc", ["Ada", "Dan", "Cat", "Ben", "Eve"]],
    ["decision", "desc", ["Cat", "Dan", "Ada", "Ben", "Eve"]],
    ["candidate", "asc", ["Ada", "Ben", "Cat", "Dan", "Eve"]],
    ["candidate", "desc", ["Eve", "Dan", "Cat", "Ben", "Ada"]],
    ["completed_at", "asc", ["Ben", "Dan", "Cat", "Eve", "Ada"]],
    ["completed_at", "desc", ["Ada", "Eve", "Cat", "Dan", "Ben"]],
  ])("sort=%s order=%s: missing values last, ties by the earliest completed", async (sort, order, expected) => {
    expect(await names(ADMIN, ranked, { sort, order })).toEqual(expected);
  });

  it("defaults to the AI's score, best first", async () => {
    expect(await names(HR, ranked)).toEqual(["Ben", "Ada", "Dan", "Eve", "Cat"]);
  });

  it.each([
    [{ decision: "advance" }, ["Ada"]],
    [{ decision: "hold" }, ["Dan"]],
    [{ decision: "reject" }, ["Cat"]],
    [{ decision: "none" }, ["Ben", "Eve"]],
    [{ review: "unreviewed" }, ["Ben", "Dan"]],
    [{ review: "reviewed" }, ["Ada", "Eve", "Cat"]],
    [{ review: "all" }, ["Ben", "Ada", "Dan", "Eve", "Cat"]],
    [{ decision: "none", review: "reviewed" }, ["Eve"]],
  ])("filter %j", async (query, expected) => {
    const res = await board(HR, ranked, query);
    expect(res.json.items.map((r: { candidate_name: string }) => r.candidate_name)).toEqual(expected);
    expect(res.json.total).toBe(expected.length);
  });

  it("needs_my_review is each reviewer's own: not submitted by them and not decided yet", async () => {
    expect(await names(HR, ranked, { review: "needs_my_review" })).toEqual(["Ben", "Eve"]);
    expect(await names(ADMIN, ranked, { review: "needs_my_review" })).toEqual(["Ben"]);
  });

  it("pages with skip and limit; the total counts every row the filters leave; pages never overlap", async () => {
    const pages = [];
    for (const skip of [0, 2, 4]) {
      const res = await board(HR, ranked, { limit: 2, skip });
      expect(res.json.total).toBe(5);
      pages.push(...res.json.items.map((r: { candidate_name: string }) => r.candidate_name));
    }
    expect(pages).toEqual(["Ben", "Ada", "Dan", "Eve", "Cat"]);
    const past = await board(HR, ranked, { skip: 10 });
    expect(past.json).toEqual({ items: [], total: 5 });
  });

  describe("blind review", () => {
    let blind: string;
    beforeAll(async () => {
      // Hidden scores run opposite to completion order, so an order that used them would show.
      blind = (await makeInterview(actorFrom(person(HR), "HR"), { questions })).id;
      for (const [name, minutes, ai] of [
        ["Pam", 1, 1],
        ["Quin", 2, 2],
        ["Rae", 3, 3],
        ["Sol", 4, 5],
      ] as const) {
        ids[name] = (await candidate(blind, name, at(minutes), ai)).sessionId;
      }
      await scorecardOf(person(HR), ids.Rae!, { overall: 4 });
      await scorecardOf(person(ADMIN), ids.Sol!, { overall: 1 });
    });

    it("hides the AI's and the others' scores until the viewer submitted, and sorting by them leaks nothing", async () => {
      const res = await board(HR, blind);
      const rows = res.json.items as {
        candidate_name: string;
        ai_score: number | null;
        human_score: number | null;
        scores_hidden: boolean;
        review_count: number;
      }[];
      expect(rows.map((r) => [r.candidate_name, r.ai_score, r.human_score, r.scores_hidden, r.review_count])).toEqual([
        ["Rae", 3, 4, false, 1],
        ["Pam", null, null, true, 0],
        ["Quin", null, null, true, 0],
        ["Sol", null, null, true, 1],
      ]);
      for (const sort of ["ai_score", "human_score"]) {
        for (const order of ["asc", "desc"])
          expect(await names(HR, blind, { sort, order })).toEqual(["Rae", "Pam", "Quin", "Sol"]);
      }
      expect(await names(ADMIN, blind, { sort: "ai_score", order: "asc" })).toEqual(["Sol", "Pam", "Quin", "Rae"]);
    });

    it("hides exactly where lib/scorecards/visibility.ts says the viewer may not see scores", async () => {
      for (const who of [HR, ADMIN]) {
        const rows = (await board(who, blind)).json.items as { session_id: string; scores_hidden: boolean }[];
        for (const row of rows) {
          const { scoresVisible } = await reviewVisibility(fixture.db.db, {
            sessionId: row.session_id,
            viewerId: person(who).id,
          });
          expect(row.scores_hidden).toBe(!scoresVisible);
        }
      }
    });

    it("shows everything once the interview turns blind review off", async () => {
      await setBlindReview(blind, false);
      expect(await names(HR, blind, { sort: "ai_score", order: "desc" })).toEqual(["Sol", "Rae", "Quin", "Pam"]);
      await setBlindReview(blind, true);
    });

    it("the CSV says a hidden score is hidden", async () => {
      const res = await board(HR, blind, {}, { accept: "text/csv" });
      const rows = Papa.parse<string[]>(res.text).data;
      expect(rows.find((r) => r[0] === "Sol")!.slice(4, 7)).toEqual([
        "hidden until you submit your scorecard",
        "hidden until you submit your scorecard",
        "1",
      ]);
      expect(rows.find((r) => r[0] === "Rae")!.slice(4, 7)).toEqual(["3", "4", "1"]);
    });
  });

  it("CSV with Accept: text/csv: every filtered row in order (no pagination), formula-escaped, named, audited", async () => {
    const interview = await makeInterview(actorFrom(person(HR), "HR"), { title: "Data / platform: Q3", questions });
    await setBlindReview(interview.id, false);
    const evil = '=HYPERLINK("http://evil.example","click")';
    // Completed in the opposite order of their scores, so the CSV's order is the sort's, not the completion's.
    await candidate(interview.id, evil, at(4), 5);
    await candidate(interview.id, "+1+1", at(3), 4);
    await candidate(interview.id, "@SUM(A1:A2)", at(2), 3);
    await candidate(interview.id, "Plain Name", at(1), 2);

    const res = await board(HR, interview.id, { limit: 1, sort: "ai_score", order: "desc" }, { accept: "text/csv" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="board-data-platform-q3-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows = Papa.parse<string[]>(res.text).data;
    expect(rows[0]).toEqual([
      "Candidate",
      "Email",
      "Attempt",
      "Completed at (UTC)",
      "AI score",
      "Human score",
      "Reviews",
      "My review",
      "Decision",
      "Decided at (UTC)",
      "Session id",
    ]);
    expect(rows.slice(1).map((r) => r[0])).toEqual([`'${evil}`, "'+1+1", "'@SUM(A1:A2)", "Plain Name"]);
    expect(rows[1]!.slice(2, 7)).toEqual(["1", at(4).toISOString(), "5", "", "0"]);

    const audits = await fixture.db.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, "BOARD_EXPORTED"), eq(auditLogs.resourceId, interview.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      userId: person(HR).id,
      companyId: person(HR).companyId,
      resourceType: "interview",
      details: { rows: 4, sort: "ai_score", order: "desc", decision: null, review: "all" },
    });
    // JSON reads are not audited.
    await board(HR, interview.id);
    expect(
      await fixture.db.db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.action, "BOARD_EXPORTED"), eq(auditLogs.resourceId, interview.id))),
    ).toHaveLength(1);
  });

  it("the CSV keeps the board's filters and order", async () => {
    const res = await board(
      ADMIN,
      ranked,
      { sort: "completed_at", order: "asc", review: "reviewed" },
      { accept: "text/csv" },
    );
    expect(
      Papa.parse<string[]>(res.text, { skipEmptyLines: true })
        .data.slice(1)
        .map((r) => r[0]),
    ).toEqual(["Cat", "Eve", "Ada"]);
  });

  it("a TEAM_LEAD sees the boards of their own interviews only; EMPLOYEE 403; another company 404; no token 401", async () => {
    const own = (await makeInterview(actorFrom(person(LEAD), "TEAM_LEAD"), { questions })).id;
    await completedSession(actorFrom(person(LEAD), "TEAM_LEAD"), { interviewId: own, candidateName: "Lee" });
    expect(await names(LEAD, own)).toEqual(["Lee"]);
    const theirs = await board(LEAD, ranked);
    expect(theirs.status).toBe(403);
    expect(theirs.json.code).toBe("forbidden");
    expect((await board(LEAD, ranked, {}, { accept: "text/csv" })).status).toBe(403);

    const employee = await board(EMPLOYEE, ranked);
    expect(employee.status).toBe(403);
    expect(employee.json).toEqual({ detail: "Insufficient permissions", code: "forbidden" });

    for (const accept of ["application/json", "text/csv"]) {
      const foreign = await board(GLOBEX, ranked, {}, { accept });
      expect(foreign.status).toBe(404);
      expect(foreign.json).toEqual({ detail: "Interview not found", code: "not_found" });
    }
    expect((await board(HR, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await board(HR, "not-a-uuid")).status).toBe(404);
    expect((await call(GET, "/x", { ip, params: { id: ranked } })).status).toBe(401);
    const exports = await fixture.db.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, "BOARD_EXPORTED"), eq(auditLogs.resourceId, ranked)));
    expect(exports.every((a) => a.userId === person(ADMIN).id)).toBe(true);
  });

  it.each([
    [{ sort: "salary" }, "sort"],
    [{ order: "up" }, "order"],
    [{ decision: "maybe" }, "decision"],
    [{ review: "mine" }, "review"],
    [{ limit: 101 }, "limit"],
    [{ limit: 0 }, "limit"],
    [{ skip: -1 }, "skip"],
    [{ skip: "x" }, "skip"],
  ])("422 for %j", async (query, field) => {
    for (const accept of ["application/json", "text/csv"]) {
      const res = await board(HR, ranked, query, { accept });
      expect(res.status).toBe(422);
      expect(res.json.code).toBe("validation_error");
      expect(res.json.detail[0].loc).toEqual(["query", field]);
    }
  });
});
