import "server-only";
import { getDb } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { InterviewActor } from "@/lib/interviews/access";
import { reviewableSession } from "@/lib/review/access";
import { candidateReportData } from "./report-data";
import { renderCandidateReport } from "./render-pdf";
import { asciiFileName } from "./safe-text";

// A candidate report, exported as PDF by someone who may review the session (HR, ADMIN, the TEAM_LEAD who owns the
// interview). Only a completed session has a report: before that, answers, scores and the decision are still
// coming, and a PDF would go stale the moment it left the building. Each export is audited, with whether the
// viewer's copy held scores (blind review).

export async function exportCandidateReport(input: {
  viewer: InterviewActor;
  sessionId: string;
  timeZone: string;
  meta: RequestMeta;
  now?: Date;
}) {
  const db = await getDb();
  const session = await reviewableSession(db, { viewer: input.viewer, sessionId: input.sessionId });
  if (session.status !== "completed")
    throw new AppError("CONFLICT", "Only a completed interview has a report", { reason: "session_not_completed" });
  const report = await candidateReportData(db, { viewer: input.viewer, session });
  const pdf = await renderCandidateReport(report, { timeZone: input.timeZone, now: input.now ?? new Date() });
  await writeAudit(db, {
    action: "REPORT_EXPORTED",
    companyId: session.companyId,
    userId: input.viewer.userId,
    resourceType: "interview_session",
    resourceId: session.id,
    details: { scores_visible: report.scoresVisible, decision: report.decision?.decision ?? null },
    meta: input.meta,
  });
  return { pdf, filename: `${asciiFileName(report.candidate.name, "candidate")}-report.pdf` };
}
