import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditLogs,
  decisions,
  evaluations,
  interviews,
  interviewSessions,
  type Recommendation,
  scorecards,
  type ScorecardScore,
} from "@/db/schema";
import { DEFAULT_RUBRIC } from "@/lib/evaluation/rubric";
import { peerHeaderValue } from "@/lib/http/peer-address";
import { pdfPages, pdfText } from "@/test/kits/reports";
import { ADVICE_NOTE, HIDDEN_NOTE } from "@/lib/reports/render-pdf";
import { apiLogin } from "@/test/fixtures";
import { fileClientIp } from "@/test/http";
import { actorFrom, makeInterview } from "@/test/interview-fixtures";
import { completedSession } from "@/test/review-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { GET } from "./route";

// The candidate report as a PDF, read back as text: what a person who opens it finds (scores, evidence quotes with
// their times, the summary, the decision), what blind review leaves out, Unicode names, who may export it, the audit.

const fixture = useTestDb();
const ip = fileClientIp();
const tokens: Record<string, string> = {};
const HR = "hr@nextgenai.com"; // Emma Rodriguez
const ADMIN = "admin@nextgenai.com"; // Ada Admin
const LEAD = "lead@nextgenai.com"; // Liam Lead
const person = (who: string) => fixture.people[who]!;
const [C1, C2] = [DEFAULT_RUBRIC.criteria[0]!, DEFAULT_RUBRIC.criteria[1]!];
const questions = [
  { text: "Tell us about a migration you led", time_limit_seconds: 120, criteria: [C1, C2] },
  { text: "How do you handle an outage?", time_limit_seconds: 120, criteria: [C1, C2] },
];
const QUOTES = [
  "I split the migration into three steps",
  "We measured latency before and after",
  "I owned the rollback plan",
];

async function report(who: string | null, sessionId: string, query = "") {
  const headers = new Headers({ "x-aii-peer": peerHeaderValue(ip) });
  if (who) headers.set("authorization", `Bearer ${tokens[who]}`);
  const res = await GET(
    new Request(`http://localhost:3000/api/interviewer/sessions/${sessionId}/report${query}`, { headers }),
    { params: Promise.resolve({ sessionId }) },
  );
  const bytes = new Uint8Array(await res.arrayBuffer());
  const isPdf = res.headers.get("content-type") === "application/pdf";
  return {
    status: res.status,
    headers: res.headers,
    bytes,
    json: isPdf ? null : JSON.parse(new TextDecoder().decode(bytes)),
    text: isPdf ? await pdfText(bytes) : "",
  };
}

async function submitScorecard(
  who: string,
  sessionId: string,
  scores: ScorecardScore[],
  recommendation: Recommendation,
) {
  const values = scores.flatMap((s) => (s.score === null ? [] : [s.score]));
  await fixture.db.db.insert(scorecards).values({
    companyId: person(who).companyId,
    sessionId,
    reviewerId: person(who).id,
    status: "submitted",
    version: 1,
    scores,
    recommendation,
    overallScore: values.reduce((t, v) => t + v, 0) / values.length,
    submittedAt: new Date(),
  });
}

const audits = (sessionId: string) =>
  fixture.db.db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.action, "REPORT_EXPORTED"), eq(auditLogs.resourceId, sessionId)));

let interviewId: string;
let sessionId: string;

beforeAll(async () => {
  for (const who of [HR, ADMIN, LEAD, "employee@nextgenai.com", "admin@globex.com"])
    tokens[who] = (await apiLogin(who, ip)).access_token;
  // The TEAM_LEAD's own interview (blind review on, the default): HR and the lead have submitted, ADMIN has not.
  interviewId = (
    await makeInterview(actorFrom(person(LEAD), "TEAM_LEAD"), {
      title: "Platform engineer screen",
      position: "Senior platform engineer",
      questions,
    })
  ).id;
  const s = await completedSession(actorFrom(person(LEAD), "TEAM_LEAD"), {
    interviewId,
    candidateName: "Zoë Łukasiewicz",
    ai: [
      { answer: 0, criterion: C1.name, score: 4, quote: QUOTES[0] },
      { answer: 0, criterion: C2.name, score: 2, quote: QUOTES[1] },
      { answer: 1, criterion: C1.name, score: null },
      { answer: 1, criterion: C2.name, score: 5, quote: QUOTES[2] },
    ],
  });
  sessionId = s.sessionId;
  await fixture.db.db
    .update(evaluations)
    .set({
      summary: {
        source: "ai",
        strengths: [{ text: "Plans risky changes in small reversible steps.", evidence: [] }],
        concerns: [{ text: "Gives little evidence of measuring results.", evidence: [] }],
        gaps: [{ criterion: C1.name, status: "insufficient_evidence", answers: [1] }],
      },
    })
    .where(eq(evaluations.id, s.evaluationId!));
  await submitScorecard(
    HR,
    sessionId,
    [
      { answer: 0, criterion: C1.name, score: 3 },
      { answer: 0, criterion: C2.name, score: 2 },
      { answer: 1, criterion: C2.name, score: 4 },
    ],
    "yes",
  );
  await submitScorecard(
    LEAD,
    sessionId,
    [
      { answer: 0, criterion: C1.name, score: 5 },
      { answer: 1, criterion: C2.name, score: 5 },
    ],
    "strong_yes",
  );
  const base = Date.now() - 60_000;
  await fixture.db.db.insert(decisions).values([
    {
      companyId: person(HR).companyId,
      sessionId,
      decision: "advance",
      decidedBy: person(HR).id,
      createdAt: new Date(base),
    },
    {
      companyId: person(HR).companyId,
      sessionId,
      decision: "reject",
      reason: "Not enough depth on testing",
      decidedBy: person(HR).id,
      createdAt: new Date(base + 1000),
    },
  ]);
});

describe("GET /api/interviewer/sessions/{id}/report", () => {
  it("a reviewer who submitted gets the whole report as a PDF download, audited", async () => {
    const res = await report(HR, sessionId);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="Zoe-Lukasiewicz-report.pdf"');
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(new TextDecoder().decode(res.bytes.slice(0, 5))).toBe("%PDF-");
    const text = res.text;
    for (const expected of [
      "Zoë Łukasiewicz",
      "Platform engineer screen (Senior platform engineer)",
      "Attempt 1",
      ...questions.map((q) => q.text),
      // Question 1: the AI's 4 and 2, HR's 3 and 2, the lead's 5; means 4 and 2.
      `${C1.name} 4/5 Emma Rodriguez: 3 Liam Lead: 5 4`,
      `${C2.name} 2/5 Emma Rodriguez: 2 2`,
      // Question 2: no evidence for the first criterion; 5 from the AI, 4 and 5 from people (mean 4.5).
      `${C1.name} insufficient evidence - -`,
      `${C2.name} 5/5 Emma Rodriguez: 4 Liam Lead: 5 4.5`,
      // Every evidence quote with its time in the answer's recording.
      `00:01–00:04 ${C1.name}: “${QUOTES[0]}”`,
      `00:06–00:09 ${C2.name}: “${QUOTES[1]}”`,
      `00:06–00:09 ${C2.name}: “${QUOTES[2]}”`,
      "Plans risky changes in small reversible steps.",
      "Gives little evidence of measuring results.",
      `${C1.name} (insufficient evidence: answer 2)`,
      "Emma Rodriguez Yes",
      "Liam Lead Strong yes",
      "Decision: Reject, by Emma Rodriguez",
      "Reason: Not enough depth on testing",
      ADVICE_NOTE,
      "Page 1 of ",
      "(UTC)",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain(HIDDEN_NOTE);

    const rows = await audits(sessionId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      companyId: person(HR).companyId,
      userId: person(HR).id,
      resourceType: "interview_session",
      details: { scores_visible: true, decision: "reject" },
    });
  });

  it("blind review: a reviewer who has not submitted gets the report without any score, quote or summary; with blind review off, everything", async () => {
    const blind = await report(ADMIN, sessionId);
    expect(blind.status).toBe(200);
    expect(blind.text).toContain(HIDDEN_NOTE);
    for (const present of [
      "Zoë Łukasiewicz",
      ...questions.map((q) => q.text),
      `Criteria: ${C1.name}, ${C2.name}`,
      "Decision: Reject",
      "Reason: Not enough depth on testing",
    ]) {
      expect(blind.text).toContain(present);
    }
    for (const absent of [
      "/5",
      "Emma Rodriguez:",
      "Liam Lead",
      "Strong yes",
      ...QUOTES,
      "Plans risky changes",
      "AI summary",
      "00:01",
    ]) {
      expect(blind.text).not.toContain(absent);
    }
    expect((await audits(sessionId)).at(-1)).toMatchObject({
      userId: person(ADMIN).id,
      details: { scores_visible: false },
    });

    await fixture.db.db.update(interviews).set({ blindReview: false }).where(eq(interviews.id, interviewId));
    const open = await report(ADMIN, sessionId);
    expect(open.text).not.toContain(HIDDEN_NOTE);
    expect(open.text).toContain(`00:01–00:04 ${C1.name}: “${QUOTES[0]}”`);
    await fixture.db.db.update(interviews).set({ blindReview: true }).where(eq(interviews.id, interviewId));
  });

  it("Unicode names survive; characters the font lacks are replaced, never fatal; times print in the asked timezone", async () => {
    const s = await completedSession(actorFrom(person(LEAD), "TEAM_LEAD"), {
      interviewId,
      candidateName: "José 王小明 Ñúñez",
    });
    const res = await report(LEAD, s.sessionId, "?tz=Asia/Tokyo");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="Jose-Nunez-report.pdf"');
    expect(res.text).toContain("José ??? Ñúñez");
    expect(res.text).toContain("(Asia/Tokyo)");
    expect(res.text).toContain("Decision: none yet");
    expect((await report(LEAD, s.sessionId, "?tz=Mars/Olympus")).status).toBe(422);
  });

  it("many questions break across pages, each numbered 'Page n of m'", async () => {
    const many = Array.from({ length: 14 }, (_, i) => ({
      text: `Question about topic ${i + 1}`,
      time_limit_seconds: 60,
      criteria: [C1, C2],
    }));
    const long = (await makeInterview(actorFrom(person(HR), "HR"), { questions: many })).id;
    const s = await completedSession(actorFrom(person(HR), "HR"), {
      interviewId: long,
      ai: many.flatMap((_, i) => [{ answer: i, criterion: C1.name, score: 3, quote: `Quote number ${i + 1}` }]),
    });
    await fixture.db.db.update(interviews).set({ blindReview: false }).where(eq(interviews.id, long));
    const res = await report(HR, s.sessionId);
    const pages = await pdfPages(res.bytes);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`));
    for (let i = 1; i <= 14; i++) expect(res.text).toContain(`“Quote number ${i}”`);
  });

  it("who may export: EMPLOYEE and a TEAM_LEAD of another's interview 403, another company 404, no token 401; only completed sessions", async () => {
    const hrInterview = (await makeInterview(actorFrom(person(HR), "HR"), { questions })).id;
    const hrSession = (await completedSession(actorFrom(person(HR), "HR"), { interviewId: hrInterview })).sessionId;
    const before = (await audits(hrSession)).length;
    expect((await report("employee@nextgenai.com", hrSession)).status).toBe(403);
    expect((await report(LEAD, hrSession)).json).toEqual({
      detail: "You can only review sessions of interviews you manage",
      code: "forbidden",
    });
    const foreign = await report("admin@globex.com", hrSession);
    expect(foreign.status).toBe(404);
    expect(foreign.json).toEqual({ detail: "Session not found", code: "not_found" });
    expect((await report(null, hrSession)).status).toBe(401);
    expect((await report(HR, "not-a-uuid")).status).toBe(404);

    await fixture.db.db
      .update(interviewSessions)
      .set({ status: "in_progress", endedAt: null })
      .where(eq(interviewSessions.id, hrSession));
    const running = await report(HR, hrSession);
    expect(running.status).toBe(409);
    expect(running.json).toEqual({ detail: "Only a completed interview has a report", code: "session_not_completed" });
    expect(await audits(hrSession)).toHaveLength(before);
  });
});
