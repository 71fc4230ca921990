import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { recordings } from "@/db/schema";
import { DEFAULT_RUBRIC } from "@/lib/evaluation/rubric";
import { actorFrom, makeInterview } from "@/test/interview-fixtures";
import { completedSession } from "@/test/review-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { compareSessions } from "./compare";
import { decide, scorecardOf, setBlindReview } from "@/test/kits/board";

// The comparison: per session, question by question, each criterion's AI assessment (the latest completed version,
// with its evidence) and the mean of the submitted human scores, both withheld where the blind rule hides them.

const fixture = useTestDb();
const [FIRST, SECOND] = DEFAULT_RUBRIC.criteria.map((c) => c.name);
const questions = [
  { text: "A project you led", time_limit_seconds: 60, criteria: [...DEFAULT_RUBRIC.criteria.slice(0, 2)] },
  { text: "Why us?", time_limit_seconds: 60 },
];
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
const person = (who: string) => fixture.people[who]!;

let interviewId: string;
let ann: string;
let bo: string;
let cy: string;

beforeAll(async () => {
  interviewId = (await makeInterview(hr(), { questions })).id;
  ann = (
    await completedSession(hr(), {
      interviewId,
      candidateName: "Ann",
      ai: [
        { answer: 0, criterion: FIRST!, score: 4, quote: "I led the migration" },
        { answer: 0, criterion: SECOND!, score: null },
      ],
    })
  ).sessionId;
  bo = (
    await completedSession(hr(), {
      interviewId,
      candidateName: "Bo",
      ai: [{ answer: 0, criterion: FIRST!, score: 2, quote: "I helped a bit" }],
    })
  ).sessionId;
  cy = (await completedSession(hr(), { interviewId, candidateName: "Cy" })).sessionId;
  // HR submitted on Ann only; ADMIN on Ann and Bo.
  await scorecardOf(person("hr@nextgenai.com"), ann, {
    overall: 4,
    scores: [
      { answer: 0, criterion: FIRST!, score: 5 },
      { answer: 0, criterion: SECOND!, score: null },
    ],
  });
  await scorecardOf(person("admin@nextgenai.com"), ann, {
    overall: 3,
    scores: [
      { answer: 0, criterion: FIRST!, score: 2 },
      { answer: 0, criterion: SECOND!, score: 3 },
    ],
  });
  await scorecardOf(person("admin@nextgenai.com"), bo, {
    overall: 2,
    scores: [{ answer: 0, criterion: FIRST!, score: 1 }],
  });
  await decide(person("hr@nextgenai.com"), bo, "reject");
  await fixture.db.db.update(recordings).set({ status: "failed" }).where(eq(recordings.sessionId, cy));
});

describe("compareSessions", () => {
  it("question by question, in the order asked: the AI's assessment with evidence and the human mean, where the viewer may see them", async () => {
    const result = await compareSessions(fixture.db.db, { viewer: hr(), interviewId, sessionIds: [bo, ann] });
    expect(result.questions).toEqual(["A project you led", "Why us?"]);
    const [b, a] = result.candidates;
    expect(a).toMatchObject({
      candidateName: "Ann",
      scoresVisible: true,
      aiScore: 4,
      humanScore: 3.5,
      reviewCount: 2,
      decision: null,
    });
    expect(a!.answers[0]).toMatchObject({ answer: 0, recorded: true });
    expect(a!.answers[0]!.criteria).toEqual([
      {
        criterion: FIRST,
        ai: expect.objectContaining({
          status: "scored",
          score: 4,
          evidence: [{ text: "I led the migration", start: 1, end: 4 }],
        }),
        humanMean: 3.5,
        humanCount: 2,
      },
      {
        criterion: SECOND,
        ai: expect.objectContaining({ status: "insufficient_evidence" }),
        humanMean: 3,
        humanCount: 1,
      },
    ]);
    expect(a!.answers[1]).toEqual({ answer: 1, recorded: true, criteria: [] });
    // HR has not submitted on Bo: blind.
    expect(b).toMatchObject({
      candidateName: "Bo",
      scoresVisible: false,
      aiScore: null,
      humanScore: null,
      reviewCount: 1,
      decision: "reject",
    });
    expect(b!.answers.map((x) => x.criteria)).toEqual([null, null]);
  });

  it("ADMIN, who submitted on both, sees both; a session never evaluated has no AI scores; unrecorded answers say so", async () => {
    const result = await compareSessions(fixture.db.db, {
      viewer: actorFrom(person("admin@nextgenai.com"), "ADMIN"),
      interviewId,
      sessionIds: [ann, bo],
    });
    expect(result.candidates.map((c) => [c.scoresVisible, c.aiScore, c.humanScore])).toEqual([
      [true, 4, 3.5],
      [true, 2, 2],
    ]);
    await setBlindReview(interviewId, false);
    const open = await compareSessions(fixture.db.db, { viewer: hr(), interviewId, sessionIds: [bo, cy] });
    expect(open.candidates[0]!.answers[0]!.criteria![0]).toMatchObject({
      criterion: FIRST,
      ai: { score: 2 },
      humanMean: 1,
      humanCount: 1,
    });
    expect(open.candidates[1]).toMatchObject({ candidateName: "Cy", aiScore: null, scoresVisible: true });
    expect(open.candidates[1]!.answers[0]).toEqual({
      answer: 0,
      recorded: false,
      criteria: [
        { criterion: FIRST, ai: null, humanMean: null, humanCount: 0 },
        { criterion: SECOND, ai: null, humanMean: null, humanCount: 0 },
      ],
    });
    await setBlindReview(interviewId, true);
  });

  it("refuses fewer than 2, more than 4, duplicates, and sessions of another interview or company", async () => {
    const other = (await makeInterview(hr(), { questions })).id;
    const elsewhere = (await completedSession(hr(), { interviewId: other })).sessionId;
    const refused = async (sessionIds: string[], viewer = hr()) => {
      const error = await compareSessions(fixture.db.db, { viewer, interviewId, sessionIds }).catch((e: unknown) => e);
      return (error as { reason?: string }).reason;
    };
    expect(await refused([ann])).toBe("compare_count");
    expect(await refused([ann, bo, cy, elsewhere, randomUUID()])).toBe("compare_count");
    expect(await refused([ann, ann])).toBe("duplicate_sessions");
    expect(await refused([ann, elsewhere])).toBe("not_comparable");
    expect(await refused([ann, bo], actorFrom(person("admin@globex.com"), "ADMIN"))).toBe("not_found");
    expect(await refused([ann, bo], actorFrom(person("lead@nextgenai.com"), "TEAM_LEAD"))).toBe("forbidden");
    expect(await refused([ann, bo], actorFrom(person("employee@nextgenai.com"), "EMPLOYEE"))).toBe("forbidden");
  });
});
