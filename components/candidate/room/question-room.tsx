"use client";

import { Button } from "@/components/ui/button";
import type { ChunkStore } from "@/lib/candidate-room/chunk-store";
import {
  countdownEnd,
  isAnswered,
  isLastQuestion,
  retakesLeft,
  shownIndex,
  viewOf,
} from "@/lib/candidate-room/room-state";
import type { StartedSession } from "@/lib/candidate-sessions/started-session";
import { AnswerStatus } from "./answer-status";
import { FinishPanel } from "./finish-panel";
import { Persona } from "./persona";
import { RoomBanners } from "./room-banners";
import { clock } from "./use-countdown";
import { useQuestionRoom } from "./use-question-room";
import styles from "./room.module.css";

/**
 * The interview itself: one question at a time, led by the persona, with a think-time countdown, a recording
 * countdown, "I'm done", re-records within the interview's limit, and a progress bar. Every chunk goes to the
 * browser's store before upload, so leaving, reloading or losing the network loses nothing already recorded. What the
 * candidate sees is the state machine in lib/candidate-room/room-state.ts, driven by useQuestionRoom.
 */
export function QuestionRoom(props: {
  invite: string;
  session: StartedSession;
  stream: MediaStream;
  mime: string;
  store: ChunkStore;
  storeIsPersistent: boolean;
  /** Set when continuing was refused and the candidate chose to start a new attempt instead. */
  startedOver?: boolean;
  onDevicesLost: () => void;
  /** The company revoked the invite, which ended the session: the room has stopped and dropped its local copies. */
  onWithdrawn: () => void;
  onCompleted: () => void;
}) {
  const { session, stream, store } = props;
  const {
    state,
    dispatch,
    relay,
    secondsLeft: left,
    startAnswer,
    stopAnswer,
    withdraw,
    resumeToken,
  } = useQuestionRoom(props);
  const { questions, phase, uploads, lockedOut, serverReady } = state;
  const endsAt = countdownEnd(phase);
  const view = viewOf(phase);
  const starting = phase.name === "starting";
  const index = shownIndex(phase);
  const question = questions[index]!;
  const thisUpload = uploads.answers.get(index);
  const answeredCount = questions.filter((q) => isAnswered(state, q.index)).length;
  const retakes = retakesLeft(state, index);

  return (
    <section aria-labelledby="room-title" className={styles.room}>
      <div className={styles.roomHeader}>
        <h2 id="room-title">
          {view === "finishing" ? "Finishing your interview" : `Question ${index + 1} of ${questions.length}`}
        </h2>
        <progress
          className={styles.progress}
          max={questions.length}
          value={answeredCount}
          aria-label={`${answeredCount} of ${questions.length} answers recorded`}
        />
      </div>
      <RoomBanners
        notice={state.notice}
        problem={state.problem}
        relay={relay}
        uploads={uploads}
        storeIsPersistent={props.storeIsPersistent}
      />
      {view === "finishing" ? (
        <FinishPanel
          invite={props.invite}
          questions={questions.filter((q) => !lockedOut.has(q.index))}
          uploads={uploads}
          serverReady={serverReady}
          resumeToken={resumeToken}
          onRetry={(i) => dispatch({ type: "answer", index: i, now: Date.now() })}
          onWithdrawn={withdraw}
          onCompleted={async () => {
            for (const t of await store.takesOf(session.session_id))
              await store.deleteTake(t.sessionId, t.questionIndex, t.take);
            props.onCompleted();
          }}
        />
      ) : (
        <>
          <Persona text={question.text} speakKey={`${session.session_id}/${index}`} />
          <div className={styles.preview}>
            <video
              ref={(el) => {
                if (el && el.srcObject !== stream) el.srcObject = stream;
              }}
              autoPlay
              muted
              playsInline
              aria-label="Your camera"
            />
            {view === "recording" && (
              <p className={styles.recordingBadge} role="status">
                <span aria-hidden="true" /> Recording · {clock(left)} left
              </p>
            )}
            {view === "think" && endsAt !== null && (
              <p className={styles.thinkBadge} role="timer" aria-live="off">
                Recording starts in {clock(left)}
              </p>
            )}
          </div>
          <div className={styles.actions}>
            {view === "think" && (
              <Button onClick={() => void startAnswer()} pending={starting}>
                Start answering now
              </Button>
            )}
            {view === "recording" && <Button onClick={() => void stopAnswer()}>I&apos;m done</Button>}
            {view === "saving" && <p role="status">Saving your answer…</p>}
            {view === "saved" && (
              <>
                <p className={styles.savedLine}>
                  Answer {index + 1}: <AnswerStatus upload={thisUpload} />
                </p>
                {thisUpload?.status === "failed" && !lockedOut.has(index) ? (
                  <Button onClick={() => void startAnswer()} pending={starting}>
                    Record this answer again
                  </Button>
                ) : (
                  <Button onClick={() => dispatch({ type: "next", now: Date.now() })} disabled={starting}>
                    {isLastQuestion(state, index) ? "Finish interview" : "Next question"}
                  </Button>
                )}
                {retakes > 0 && thisUpload?.status === "ready" && (
                  <Button variant="secondary" onClick={() => void startAnswer(true)} pending={starting}>
                    Re-record ({retakes} left)
                  </Button>
                )}
              </>
            )}
          </div>
        </>
      )}
    </section>
  );
}
