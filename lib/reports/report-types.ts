import type { Decision, Recommendation } from "@/db/schema";

// The candidate report as plain data: what lib/reports/report-data.ts gathers (already filtered by the blind-review
// rule) and lib/reports/render-pdf.ts draws. Nothing here touches the database or pdfkit.

/** The AI's result for one criterion of one answer, from the latest completed evaluation. */
export type AiCriterion =
  { status: "scored"; score: number } | { status: "insufficient_evidence" | "unverifiable" } | { status: "none" };

export interface HumanScore {
  reviewer: string;
  score: number;
}

export interface ReportCriterion {
  name: string;
  ai: AiCriterion;
  human: HumanScore[];
  /** Mean of `human`; null when no reviewer scored it. */
  humanMean: number | null;
}

export interface EvidenceQuote {
  criterion: string;
  text: string;
  /** Seconds into the answer's recording. */
  start: number;
  end: number;
}

export interface ReportQuestion {
  /** 0-based, as everywhere in the review; printed 1-based. */
  index: number;
  text: string;
  criteria: ReportCriterion[];
  evidence: EvidenceQuote[];
}

export interface ReportReviewer {
  name: string;
  recommendation: Recommendation | null;
  overallScore: number | null;
  submittedAt: Date | null;
}

export interface ReportSummary {
  strengths: string[];
  concerns: string[];
  /** Criteria the AI could not score, e.g. "Depth (insufficient evidence: answers 1, 2)". */
  gaps: string[];
}

export interface ReportDecision {
  decision: Decision;
  reason: string | null;
  by: string;
  at: Date;
}

export interface CandidateReport {
  interview: { title: string; position: string | null };
  candidate: { name: string; email: string | null };
  attemptNumber: number;
  startedAt: Date | null;
  endedAt: Date | null;
  /** False under blind review for a viewer who has not submitted: no AI scores, evidence or summary, no others' scores. */
  scoresVisible: boolean;
  ai: { version: number; model: string; overallScore: number | null; completedAt: Date | null } | null;
  questions: ReportQuestion[];
  reviewers: ReportReviewer[];
  summary: ReportSummary | null;
  decision: ReportDecision | null;
}

export const RECOMMENDATION_LABEL: Record<Recommendation, string> = {
  strong_no: "Strong no",
  no: "No",
  yes: "Yes",
  strong_yes: "Strong yes",
};
export const DECISION_LABEL: Record<Decision, string> = { advance: "Advance", hold: "Hold", reject: "Reject" };

/** mm:ss into the recording (minutes may exceed 59: answers are short, an hour is not expected). */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

export const mean = (values: readonly number[]): number | null =>
  values.length ? values.reduce((t, v) => t + v, 0) / values.length : null;
