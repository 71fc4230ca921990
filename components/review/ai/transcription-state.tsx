import styles from "../review.module.css";
import { TRANSCRIPTION_STATE_TEXT } from "./ai-labels";
import type { AiAnswer, RetryJobAction } from "./ai-review-data";
import { RetryJobButton } from "./retry-job-button";

/**
 * Where an answer's transcription stands while there is no transcript. The state is a polite status, so the change
 * from "failed" to "Transcribing…" after a retry is announced; the block takes focus from the retry button that leaves.
 */
export function TranscriptionState({
  answer,
  transcription,
  retryJob,
}: {
  answer: number;
  transcription: AiAnswer["transcription"];
  retryJob?: RetryJobAction;
}) {
  const { state } = transcription;
  if (state === "done" || state === "no_recording") return null;
  const regionId = `answer-${answer + 1}-transcription-state`;
  return (
    <div id={regionId} tabIndex={-1} className={styles.aiState}>
      <p role="status" className="muted">
        {TRANSCRIPTION_STATE_TEXT[state]}
      </p>
      {state === "failed" && (
        <>
          {transcription.error && <p className={styles.aiError}>{transcription.error}</p>}
          {retryJob && transcription.job_id && (
            <div className={styles.chips}>
              <RetryJobButton
                jobId={transcription.job_id}
                what={`the transcription of answer ${answer + 1}`}
                action={retryJob}
                focusAfterId={regionId}
              />
            </div>
          )}
        </>
      )}
    </div>
  );
}
