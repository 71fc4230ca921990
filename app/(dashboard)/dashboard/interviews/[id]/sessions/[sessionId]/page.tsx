import type { Metadata } from "next";
import Link from "next/link";
import { aiJobsPending, shownEvaluation } from "@/components/review/ai/ai-review-data";
import { AiSummarySection } from "@/components/review/ai/ai-summary-section";
import { AnswerCard } from "@/components/review/answer-card";
import { AutoRefresh } from "@/components/review/auto-refresh";
import { ConsentRecord } from "@/components/review/consent-record";
import { DecisionSection } from "@/components/review/decision/decision-section";
import { FlagList } from "@/components/review/flag-list";
import { buttonClass } from "@/components/ui/button";
import { ReceiptTable } from "@/components/review/receipt-table";
import { RelayActivity } from "@/components/review/relay-activity";
import { ScorecardSection } from "@/components/review/scorecard/scorecard-section";
import { ScoresHiddenNotice } from "@/components/review/scorecard/scores-hidden-notice";
import { ReportLink } from "@/components/reports/report-link";
import styles from "@/components/review/review.module.css";
import { SessionFacts } from "@/components/review/session-facts";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/dal";
import { can } from "@/lib/auth/permissions";
import { scorecardsView } from "@/lib/scorecards/queries";
import { retryAiJobAction } from "./actions";
import { loadSession } from "./load-session";
import { saveScorecardDraftAction, submitScorecardAction } from "./scorecard-actions";

export const metadata: Metadata = { title: "Session" };

const LIVE_REFRESH_S = 10; // seconds between refreshes of a live session's page
const AI_REFRESH_S = 10; // seconds between refreshes while a transcription or the evaluation is queued or running

export default async function SessionPage({ params }: { params: Promise<{ id: string; sessionId: string }> }) {
  const viewer = await requirePermission("recordings.view");
  const { id, sessionId } = await params;
  const session = await loadSession(viewer, id, sessionId);
  const candidate = session.candidate_name ?? "Unnamed candidate";
  // Buttons only for those who may use them (HR and ADMIN); everyone else reads.
  const retryJob = can(viewer.role, "jobs.manage") ? retryAiJobAction : undefined;
  const canRerun = can(viewer.role, "evaluations.rerun") && session.status === "completed";
  // Blind review: until the viewer submits their scorecard, the API withholds the AI's scores (ai.scores_hidden).
  const evaluation = session.ai.scores_hidden ? null : shownEvaluation(session.ai);
  const scorecards = await scorecardsView({ viewer, sessionId: session.id });
  const scorecardActions = can(viewer.role, "scorecards.write")
    ? { saveDraft: saveScorecardDraftAction, submit: submitScorecardAction }
    : undefined;
  const aiOf = (answer: number) => {
    const ai = session.ai.answers.find((a) => a.answer === answer);
    return ai && { answer: ai, evaluation, retryJob };
  };

  return (
    <>
      <p>
        <Link href={`/dashboard/interviews/${session.interview_id}`}>← {session.interview_title}</Link>
      </p>
      <PageHeader
        title={`${candidate} · attempt ${session.attempt_number}`}
        description={session.candidate_email ?? undefined}
      />
      {session.live && (
        <p className="muted" role="status">
          <AutoRefresh seconds={LIVE_REFRESH_S} />
          The candidate is answering now; this page updates every {LIVE_REFRESH_S} seconds.
        </p>
      )}
      {session.status === "in_progress" && (
        <p>
          <Link
            href={`/dashboard/interviews/${session.interview_id}/sessions/${session.id}/observe`}
            className={buttonClass("primary")}
          >
            Watch live
          </Link>
        </p>
      )}
      {session.status === "completed" && <ReportLink sessionId={session.id} />}
      <SessionFacts session={session} />
      <section aria-labelledby="answers-heading" className="stack">
        <h2 id="answers-heading">Answers</h2>
        {session.ai.scores_hidden && session.status === "completed" && <ScoresHiddenNotice />}
        <ol className={styles.answers}>
          {session.answers.map((answer) => (
            <AnswerCard
              key={answer.answer}
              answer={answer}
              current={session.live && session.current_question === answer.answer + 1}
              flags={session.flags.filter((f) => f.answer === answer.answer)}
              ai={aiOf(answer.answer)}
            />
          ))}
        </ol>
      </section>
      <ScorecardSection
        sessionId={session.id}
        viewerId={viewer.userId}
        completed={session.status === "completed"}
        view={scorecards}
        actions={scorecardActions}
      />
      <AiSummarySection
        sessionId={session.id}
        ai={session.ai}
        retryJob={retryJob}
        canRerun={canRerun}
        refreshSeconds={!session.live && aiJobsPending(session.ai) ? AI_REFRESH_S : undefined}
      />
      <DecisionSection viewer={viewer} sessionId={session.id} />
      <FlagList flags={session.flags} />
      <RelayActivity activity={session.relay_activity} />
      <ConsentRecord consent={session.consent} />
      <ReceiptTable receipt={session.receipt} />
    </>
  );
}
