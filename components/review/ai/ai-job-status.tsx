import { AutoRefresh } from "@/components/review/auto-refresh";
import styles from "../review.module.css";
import { aiStatusLine } from "./ai-labels";
import type { AiReview, RetryJobAction } from "./ai-review-data";
import { RetryJobButton } from "./retry-job-button";

export const AI_JOB_STATUS_ID = "ai-job-status";

interface AiJobStatusProps {
  ai: AiReview;
  retryJob?: RetryJobAction;
  /** Refresh the page every so many seconds while jobs move (unset when the page already refreshes, or nothing moves). */
  refreshSeconds?: number;
}

/** One line on where the session's transcriptions and evaluation stand, with what failed and, for HR and ADMIN, a retry. */
export function AiJobStatus({ ai, retryJob, refreshSeconds }: AiJobStatusProps) {
  const failedAnswers = ai.answers.filter((a) => a.transcription.state === "failed");
  const evaluationFailed = ai.evaluation.state === "failed";
  return (
    <div id={AI_JOB_STATUS_ID} tabIndex={-1} className={styles.aiState}>
      {refreshSeconds && <AutoRefresh seconds={refreshSeconds} />}
      <p role="status">
        {aiStatusLine(ai)}
        {refreshSeconds && (
          <span className={styles.sub}> · this page updates every {refreshSeconds} seconds while they run</span>
        )}
      </p>
      {(failedAnswers.length > 0 || evaluationFailed) && (
        <ul className={styles.aiFailures} aria-label="Failed AI jobs">
          {failedAnswers.map((a) => (
            <li key={a.answer}>
              <span>
                Transcription of answer {a.answer + 1} failed
                {a.transcription.error ? `: ${a.transcription.error}` : "."}
              </span>
              {retryJob && a.transcription.job_id && (
                <RetryJobButton
                  jobId={a.transcription.job_id}
                  what={`the transcription of answer ${a.answer + 1}`}
                  action={retryJob}
                  focusAfterId={AI_JOB_STATUS_ID}
                />
              )}
            </li>
          ))}
          {evaluationFailed && (
            <li>
              <span>The evaluation failed{ai.evaluation.error ? `: ${ai.evaluation.error}` : "."}</span>
              {retryJob && ai.evaluation.job_id && (
                <RetryJobButton
                  jobId={ai.evaluation.job_id}
                  what="the evaluation"
                  action={retryJob}
                  focusAfterId={AI_JOB_STATUS_ID}
                />
              )}
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
