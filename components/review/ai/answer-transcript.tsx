import styles from "../review.module.css";
import type { AiAnswer, RetryJobAction } from "./ai-review-data";
import { FollowingTranscript } from "./following-transcript";
import { TranscriptionState } from "./transcription-state";

/** The transcript beside an answer's player, or where its transcription stands; nothing for an unrecorded answer. */
export function AnswerTranscript({ ai, retryJob }: { ai: AiAnswer; retryJob?: RetryJobAction }) {
  if (ai.transcription.state === "no_recording") return null;
  const number = ai.answer + 1;
  const { transcript } = ai;
  return (
    <section className={styles.transcript} aria-labelledby={`answer-${number}-transcript-heading`}>
      <h4 id={`answer-${number}-transcript-heading`}>Transcript</h4>
      {transcript ? (
        <>
          <FollowingTranscript answer={ai.answer} transcript={transcript} />
          <p className={styles.sub}>
            Transcribed by {transcript.model}
            {transcript.language && ` · ${transcript.language}`}
            {transcript.word_times_estimated && " · times are approximate"}
          </p>
        </>
      ) : (
        <TranscriptionState answer={ai.answer} transcription={ai.transcription} retryJob={retryJob} />
      )}
    </section>
  );
}
