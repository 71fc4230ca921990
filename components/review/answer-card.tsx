import { Badge } from "@/components/ui/badge";
import type { SessionDetailJson } from "@/lib/review/serialize";
import { AnswerAiScores } from "./ai/answer-ai-scores";
import { AnswerTranscript } from "./ai/answer-transcript";
import type { AiAnswer, EvaluationVersion, RetryJobAction } from "./ai/ai-review-data";
import { answerVideoId } from "./ai/seek-video";
import { FlagMarkers } from "./flag-markers";
import { durationMsText, RECORDING_STATUS_TEXT, sizeText } from "./review-labels";
import styles from "./review.module.css";

type Answer = SessionDetailJson["answers"][number];

/** What the AI pipeline produced for this answer: its transcript (or where it stands) and the shown version's scores. */
export interface AnswerAiView {
  answer: AiAnswer;
  evaluation: EvaluationVersion | null;
  retryJob?: RetryJobAction;
}

/** One question with its recording: a player with its transcript once the recording is ready, otherwise where it stands. */
export function AnswerCard({
  answer,
  current,
  flags = [],
  ai,
}: {
  answer: Answer;
  current: boolean;
  flags?: SessionDetailJson["flags"];
  ai?: AnswerAiView;
}) {
  const number = answer.answer + 1;
  const headingId = `answer-${number}-heading`;
  const videoId = answerVideoId(answer.answer);
  const { recording } = answer;
  return (
    <li className={styles.answer}>
      <h3 id={headingId} className={styles.chips}>
        Question {number}
        {current && (
          <>
            {" "}
            <Badge tone="danger">Answering now</Badge>
          </>
        )}
      </h3>
      <p className={styles.questionText}>{answer.question.text}</p>
      {recording?.url ? (
        <div className={styles.answerMedia}>
          <div className={styles.answerPlayer}>
            <video
              id={videoId}
              className={styles.video}
              controls
              preload="metadata"
              src={recording.url}
              aria-label={`Recorded answer to question ${number}`}
            >
              <a href={recording.url}>Download the answer to question {number}</a>
            </video>
            <p className={styles.sub}>
              {durationMsText(recording.duration_ms)} · {sizeText(recording.size_bytes)}
              {recording.retakes_used > 0 &&
                ` · re-recorded ${recording.retakes_used} time${recording.retakes_used === 1 ? "" : "s"}`}
            </p>
            <FlagMarkers videoId={videoId} durationMs={recording.duration_ms} flags={flags} />
          </div>
          {ai && <AnswerTranscript ai={ai.answer} retryJob={ai.retryJob} />}
        </div>
      ) : (
        <p className="muted">{recording ? RECORDING_STATUS_TEXT[recording.status] : "Not recorded."}</p>
      )}
      {ai && <AnswerAiScores answer={answer.answer} hasCriteria={ai.answer.has_criteria} evaluation={ai.evaluation} />}
    </li>
  );
}
