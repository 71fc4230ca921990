import {
  createPdf,
  ensureSpace,
  finish,
  footers,
  heading,
  muted,
  paragraph,
  type Pdf,
  rule,
  table,
} from "./pdf-layout";
import {
  type AiCriterion,
  type CandidateReport,
  clock,
  DECISION_LABEL,
  type ReportQuestion,
  RECOMMENDATION_LABEL,
} from "./report-types";

// Draws the candidate report on A4: the title block (candidate, interview, attempt, decision), the reviewers, the AI's
// summary, then each question with its criteria (AI and human scores) and the AI's evidence quotes with their times.
// Times print in the viewer's timezone, named, since a PDF travels beyond the screen it was made on.

export const ADVICE_NOTE = "AI scores are advice; people decide.";
export const HIDDEN_NOTE =
  "Scores hidden: blind review is on for this interview and you have not submitted your scorecard of this session, so the AI's scores, evidence and summary and the other reviewers' scores are left out.";

export interface RenderOptions {
  /** IANA timezone the report's times are printed in. */
  timeZone: string;
  now: Date;
}

export function formatInstant(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(date);
}

const score = (value: number | null, digits = 1) =>
  value === null ? "-" : Number.isInteger(value) ? String(value) : value.toFixed(digits);

const aiCell = (ai: AiCriterion) =>
  ai.status === "scored"
    ? `${ai.score}/5`
    : ai.status === "none"
      ? "-"
      : ai.status === "insufficient_evidence"
        ? "insufficient evidence"
        : "unverifiable";

function titleBlock(pdf: Pdf, report: CandidateReport, when: (d: Date) => string): void {
  muted(pdf, "Candidate report");
  paragraph(pdf, report.candidate.name, { size: 20 });
  if (report.candidate.email) muted(pdf, report.candidate.email, 10);
  pdf.doc.moveDown(0.5);
  paragraph(
    pdf,
    `Interview: ${report.interview.title}${report.interview.position ? ` (${report.interview.position})` : ""}`,
    { size: 11 },
  );
  const span = [
    report.startedAt && `started ${when(report.startedAt)}`,
    report.endedAt && `completed ${when(report.endedAt)}`,
  ]
    .filter(Boolean)
    .join(", ");
  paragraph(pdf, `Attempt ${report.attemptNumber}${span ? `: ${span}` : ""}`);
  pdf.doc.moveDown(0.5);
  const d = report.decision;
  paragraph(pdf, d ? `Decision: ${DECISION_LABEL[d.decision]}, by ${d.by} on ${when(d.at)}` : "Decision: none yet", {
    size: 12,
  });
  if (d?.reason) paragraph(pdf, `Reason: ${d.reason}`);
  pdf.doc.moveDown(0.5);
  muted(pdf, ADVICE_NOTE);
  if (!report.scoresVisible) muted(pdf, HIDDEN_NOTE);
  rule(pdf);
}

function reviewersBlock(pdf: Pdf, report: CandidateReport, when: (d: Date) => string): void {
  heading(pdf, "Reviews");
  if (report.ai) {
    paragraph(
      pdf,
      `AI evaluation (version ${report.ai.version}, ${report.ai.model}): overall ${score(report.ai.overallScore, 2)}/5`,
    );
  } else {
    muted(pdf, "No completed AI evaluation.");
  }
  pdf.doc.moveDown(0.3);
  if (report.reviewers.length === 0) return muted(pdf, "No submitted scorecards.");
  table(
    pdf,
    [
      { header: "Reviewer", weight: 3 },
      { header: "Recommendation", weight: 2 },
      { header: "Overall", weight: 1 },
      { header: "Submitted", weight: 3 },
    ],
    report.reviewers.map((r) => [
      r.name,
      r.recommendation ? RECOMMENDATION_LABEL[r.recommendation] : "-",
      score(r.overallScore, 2),
      r.submittedAt ? when(r.submittedAt) : "-",
    ]),
  );
}

function summaryBlock(pdf: Pdf, report: CandidateReport): void {
  const s = report.summary;
  if (!s) return;
  heading(pdf, "AI summary");
  const list = (title: string, items: string[]) => {
    ensureSpace(pdf, 30);
    paragraph(pdf, title, { size: 11 });
    if (items.length === 0) muted(pdf, "None noted.");
    for (const item of items) paragraph(pdf, `• ${item}`, { indent: 10 });
    pdf.doc.moveDown(0.3);
  };
  list("Strengths", s.strengths);
  list("Concerns", s.concerns);
  if (s.gaps.length) list("Not scored", s.gaps);
}

const QUESTION_START = 100; // points: a question's heading starts a page rather than end one alone

function questionBlock(pdf: Pdf, report: CandidateReport, q: ReportQuestion): void {
  ensureSpace(pdf, QUESTION_START);
  heading(pdf, `Question ${q.index + 1}`, 12);
  paragraph(pdf, q.text);
  pdf.doc.moveDown(0.4);
  if (q.criteria.length === 0) return muted(pdf, "No scoring criteria.");
  if (!report.scoresVisible) return muted(pdf, `Criteria: ${q.criteria.map((c) => c.name).join(", ")}`);
  table(
    pdf,
    [
      { header: "Criterion", weight: 3 },
      { header: "AI", weight: 2 },
      { header: "Reviewers", weight: 4 },
      { header: "Human mean", weight: 1.4 },
    ],
    q.criteria.map((c) => [
      c.name,
      aiCell(c.ai),
      c.human.map((h) => `${h.reviewer}: ${h.score}`).join("\n") || "-",
      score(c.humanMean),
    ]),
  );
  if (q.evidence.length === 0) return;
  pdf.doc.moveDown(0.3);
  paragraph(pdf, "Evidence quoted by the AI", { size: 10 });
  for (const e of q.evidence) {
    ensureSpace(pdf, 24);
    paragraph(pdf, `${clock(e.start)}–${clock(e.end)}  ${e.criterion}: “${e.text}”`, { size: 9, indent: 10 });
  }
}

/** The report as PDF bytes. */
export async function renderCandidateReport(report: CandidateReport, options: RenderOptions): Promise<Buffer> {
  const when = (d: Date) => formatInstant(d, options.timeZone);
  const pdf = createPdf({
    title: `Candidate report: ${report.candidate.name}, ${report.interview.title}`,
    createdAt: options.now,
  });
  titleBlock(pdf, report, when);
  if (report.scoresVisible) {
    reviewersBlock(pdf, report, when);
    summaryBlock(pdf, report);
  }
  heading(pdf, "Questions");
  if (report.questions.length === 0) muted(pdf, "This interview had no questions.");
  for (const q of report.questions) questionBlock(pdf, report, q);
  footers(pdf, `Generated ${when(options.now)} (${options.timeZone}). ${ADVICE_NOTE}`);
  return finish(pdf);
}
