import styles from "../review.module.css";
import { ScoresHiddenNotice } from "../scorecard/scores-hidden-notice";
import { AdvisoryNotice } from "./advisory-notice";
import { AI_JOB_STATUS_ID, AiJobStatus } from "./ai-job-status";
import {
  isMoving,
  otherEvaluations,
  shownEvaluation,
  summaryOf,
  type AiReview,
  type RetryJobAction,
} from "./ai-review-data";
import { EvaluationVersions } from "./evaluation-versions";
import { EvidenceGaps } from "./evidence-gaps";
import { RerunEvaluationButton } from "./rerun-evaluation-button";
import { SummaryPoints } from "./summary-points";
import { VersionFacts } from "./version-facts";

interface AiSummarySectionProps {
  sessionId: string;
  ai: AiReview;
  /** Only for those who may retry failed jobs ("jobs.manage"). */
  retryJob?: RetryJobAction;
  /** Whether the viewer may ask for a new evaluation version ("evaluations.rerun") of this completed session. */
  canRerun: boolean;
  refreshSeconds?: number;
}

const SOURCE_TEXT = {
  ai: "Written by the AI from the verified quotes only.",
  deterministic: "Built from the scores alone: 4 and 5 are strengths, 1 and 2 concerns.",
} as const;

/** The session's AI summary from the newest completed version, where the jobs stand, and the earlier versions. */
export function AiSummarySection({ sessionId, ai, retryJob, canRerun, refreshSeconds }: AiSummarySectionProps) {
  const shown = shownEvaluation(ai);
  const summary = shown && summaryOf(shown);
  const rerunnable = canRerun && ai.evaluation_enabled && ai.evaluation.state !== "no_criteria";
  return (
    <section aria-labelledby="ai-summary-heading" className="stack">
      <h2 id="ai-summary-heading">AI summary</h2>
      <AiJobStatus ai={ai} retryJob={retryJob} refreshSeconds={refreshSeconds} />
      {ai.evaluation.state === "off" && !shown && (
        <p className="muted">AI evaluation is off. An administrator can turn it on with EVAL_BASE_URL.</p>
      )}
      {ai.scores_hidden && shown && <ScoresHiddenNotice />}
      {shown && summary && (
        <div className={styles.aiSummary}>
          <AdvisoryNotice subject="this summary and the scores are" scope="the answers' transcripts" />
          <p className={styles.sub}>
            Version {shown.version}. {SOURCE_TEXT[summary.source]}
          </p>
          <SummaryPoints
            title="Strengths"
            points={summary.strengths}
            empty="No strengths stood out in the verified evidence."
          />
          <SummaryPoints
            title="Concerns"
            points={summary.concerns}
            empty="No concerns stood out in the verified evidence."
          />
          <EvidenceGaps gaps={summary.gaps} />
          <VersionFacts version={shown} />
        </div>
      )}
      <EvaluationVersions shownVersion={shown?.version ?? null} versions={otherEvaluations(ai)} />
      {rerunnable && (
        <RerunEvaluationButton
          sessionId={sessionId}
          evaluating={isMoving(ai.evaluation.state)}
          focusAfterId={AI_JOB_STATUS_ID}
        />
      )}
    </section>
  );
}
