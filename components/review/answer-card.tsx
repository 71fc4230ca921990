import { Badge } from "@/components/ui/badge";
import type { SessionDetailJson } from "@/lib/review/serialize";
import { FlagMarkers } from "./flag-markers";
import { durationMsText, RECORDING_STATUS_TEXT, sizeText } from "./review-labels";
import styles from "./review.module.css";

type Answer = SessionDetailJson["answers"][number];

/** One question with its recording: a player once the recording is ready, otherwise where it stands. */
export function AnswerCard({ answer, current, flags = [] }: { answer: Answer; current: boolean; flags?: SessionDetailJson["flags"] }) {
  const number = answer.answer + 1;
  const headingId = `answer-${number}-heading`;
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
        <>
          <video id={`answer-video-${number}`} className={styles.video} controls preload="metadata" src={recording.url} aria-label={`Recorded answer to question ${number}`}>
            <a href={recording.url}>Download the answer to question {number}</a>
          </video>
          <p className={styles.sub}>
            {durationMsText(recording.duration_ms)} · {sizeText(recording.size_bytes)}
            {recording.retakes_used > 0 && ` · re-recorded ${recording.retakes_used} time${recording.retakes_used === 1 ? "" : "s"}`}
          </p>
          <FlagMarkers videoId={`answer-video-${number}`} durationMs={recording.duration_ms} flags={flags} />
        </>
      ) : (
        <p className="muted">{recording ? RECORDING_STATUS_TEXT[recording.status] : "Not recorded."}</p>
      )}
    </li>
  );
}
