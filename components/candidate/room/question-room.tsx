"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/class-names";
import { NetworkError, type StartedSession, codeOf, detailOf, isWithdrawn, roomApi } from "@/lib/candidate-room/api";
import type { ChunkStore } from "@/lib/candidate-room/chunk-store";
import { type ActiveRecording, startRecording } from "@/lib/candidate-room/recorder";
import { Uploader, type UploaderSnapshot } from "@/lib/candidate-room/uploader";
import { AnswerStatus } from "./answer-status";
import { FinishPanel } from "./finish-panel";
import { Persona } from "./persona";
import { clock, useCountdown } from "./use-countdown";
import { useRelay } from "./use-relay";
import styles from "./room.module.css";

type Phase = "loading" | "think" | "recording" | "saving" | "saved" | "finishing";
interface TakeInfo {
  take: number;
  /** No chunk of this take exists anywhere, so recording can start on it without asking the server. */
  fresh: boolean;
}

const DEFAULT_THINK_SECONDS = 5;

/**
 * The interview itself: one question at a time, led by the persona, with a think-time countdown, a recording
 * countdown, "I'm done", re-records within the interview's limit, and a progress bar. Every chunk goes to the
 * browser's store before upload, so leaving, reloading or losing the network loses nothing already recorded.
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
  const { session, stream, mime, store } = props;
  const questions = session.questions;
  const token = useRef(session.resume_token);
  const [uploads, setUploads] = useState<UploaderSnapshot>({ answers: new Map(), offline: false });
  const [index, setIndex] = useState(0);
  const [phase, setPhase] = useState<Phase>("loading");
  const [endsAt, setEndsAt] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(() =>
    props.startedOver ? `Attempt ${session.attempt_number} has started from the first question; the attempt you started before has ended.` : null,
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Answers whose cut-off takes were restarted as often as the server allows (403 free_retakes_exhausted): skipped.
  const [lockedOut, setLockedOut] = useState<ReadonlySet<number>>(() => new Set());
  const takes = useRef(new Map<number, TakeInfo>());
  const retakesUsed = useRef(new Map(session.answers.map((a) => [a.answer, a.retakes_used])));
  const serverReady = useMemo(() => new Set(session.answers.filter((a) => a.status === "ready").map((a) => a.answer)), [session.answers]);
  const uploader = useRef<Uploader | null>(null);
  const recording = useRef<ActiveRecording | null>(null);
  // Revoked by the company: stop recording and uploading, and drop this session's copies in the browser (they can no
  // longer be sent; what was uploaded is kept by the company).
  const withdrawn = useRef(false);
  const withdraw = useCallback(() => {
    if (withdrawn.current) return;
    withdrawn.current = true;
    uploader.current?.stop();
    const active = recording.current;
    recording.current = null;
    void (async () => {
      await active?.stop().catch(() => undefined);
      for (const t of await store.takesOf(session.session_id)) await store.deleteTake(t.sessionId, t.answer, t.take);
    })()
      .catch(() => undefined)
      .finally(() => props.onWithdrawn());
  }, [store, session.session_id, props]);
  const relay = useRelay({ sessionId: session.session_id, join: session.livekit, stream, resumeToken: () => token.current, onWithdrawn: withdraw });
  useEffect(() => {
    if (uploads.withdrawn) withdraw();
  }, [uploads.withdrawn, withdraw]);

  const isAnswered = useCallback(
    (i: number, snapshot = uploads) => {
      const upload = snapshot.answers.get(i);
      if (upload) return upload.status !== "failed" && upload.status !== "recording";
      return serverReady.has(i);
    },
    [uploads, serverReady],
  );

  // Start (or resume): drop takes cut off mid-answer, pick up the first unanswered question, resume uploads.
  useEffect(() => {
    let cancelled = false;
    const up = new Uploader({ store, api: roomApi, sessionId: session.session_id, token: () => token.current, onChange: (s) => !cancelled && setUploads(s) });
    uploader.current = up;
    (async () => {
      const local = await store.takesOf(session.session_id);
      for (const t of local) if (!t.finished && !t.finalized) await store.deleteTake(t.sessionId, t.answer, t.take);
      const kept = await store.takesOf(session.session_id);
      for (const a of session.answers) takes.current.set(a.answer, { take: a.take, fresh: false });
      for (const t of local) {
        const known = takes.current.get(t.answer);
        if (!known || known.take < t.take) takes.current.set(t.answer, { take: t.take, fresh: false });
      }
      const done = new Set([...serverReady, ...kept.filter((t) => !t.failed).map((t) => t.answer)]);
      const first = questions.findIndex((q) => !done.has(q.index));
      if (cancelled) return;
      if (session.resumed) {
        const pending = kept.filter((t) => !t.finalized && !t.failed).length;
        setNotice(
          first === -1
            ? "Welcome back. All your answers are recorded; we are making sure they are saved."
            : `Welcome back. Your earlier answers are kept${pending ? `, and ${pending} still uploading will finish in the background` : ""}. You are continuing at question ${first + 1} of ${questions.length}.`,
        );
      }
      if (first === -1) setPhase("finishing");
      else begin(first);
      up.kick();
    })();
    const online = () => up.kick();
    window.addEventListener("online", online);
    return () => {
      cancelled = true;
      window.removeEventListener("online", online);
      up.stop();
    };
    // Runs once per session: the room is remounted for another session.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session.session_id]);

  // Warn before leaving while something is recording or not yet uploaded (nothing is lost, but it pauses uploads).
  const unsaved = phase === "recording" || [...uploads.answers.values()].some((u) => u.status === "uploading" || u.status === "verifying");
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);

  const begin = (i: number) => {
    setIndex(i);
    setProblem(null);
    setPhase("think");
    setEndsAt(Date.now() + (questions[i]!.think_time_seconds ?? DEFAULT_THINK_SECONDS) * 1000);
  };

  const startAnswer = async (rerecord = false) => {
    if (recording.current) return;
    setBusy(true);
    setEndsAt(null);
    try {
      const known = takes.current.get(index) ?? { take: 0, fresh: true };
      let take = known.take;
      if (rerecord || !known.fresh) {
        const result = await roomApi.retake(session.session_id, index, token.current, known.take);
        if (isWithdrawn(result)) return withdraw();
        if (result.status !== 200 || result.body.take === undefined) {
          const exhausted = codeOf(result) === "free_retakes_exhausted";
          if (exhausted) setLockedOut((s) => new Set(s).add(index));
          setProblem(exhausted ? `${detailOf(result, "This answer cannot be restarted again")}. Please continue with the next question.` : detailOf(result, "This answer cannot be recorded again right now."));
          setPhase(rerecord || exhausted ? "saved" : "think");
          return;
        }
        take = result.body.take;
        if (result.body.retakes_used !== undefined) retakesUsed.current.set(index, result.body.retakes_used);
        await store.deleteTake(session.session_id, index, known.take);
      }
      takes.current.set(index, { take, fresh: false });
      const record = { sessionId: session.session_id, answer: index, take, mimeType: mime, startedAt: Date.now(), finished: false, finalized: false };
      await store.putTake(record);
      const answer = index;
      recording.current = startRecording(
        stream,
        mime,
        async (blob, seq) => {
          await store.putChunk({ sessionId: session.session_id, answer, take, seq, blob, uploaded: false });
          uploader.current?.kick();
        },
        { digest: true },
      );
      uploader.current?.kick();
      setPhase("recording");
      setEndsAt(Date.now() + questions[index]!.time_limit_seconds * 1000);
    } catch (error) {
      setProblem(error instanceof NetworkError ? "You seem to be offline. Re-recording needs a connection; try again in a moment." : "Recording could not start. Please try again.");
      setPhase(rerecord ? "saved" : "think");
    } finally {
      setBusy(false);
    }
  };

  const stopAnswer = async () => {
    const active = recording.current;
    if (!active) return;
    setPhase("saving");
    setEndsAt(null);
    const answer = index;
    const { take } = takes.current.get(answer)!;
    try {
      const { chunkCount, durationMs, digest } = await active.stop();
      if (chunkCount === 0) {
        await store.deleteTake(session.session_id, answer, take);
        takes.current.set(answer, { take, fresh: true });
        setProblem("Nothing was recorded. Please answer again.");
        begin(answer);
        return;
      }
      await store.putTake({ sessionId: session.session_id, answer, take, mimeType: mime, startedAt: Date.now(), finished: true, chunkCount, durationMs, digest, finalized: false });
      uploader.current?.kick();
      setPhase("saved");
    } catch {
      setProblem("Your device could not store the recording (it may be out of space). Free some space and record the answer again.");
      setPhase("saved");
    } finally {
      recording.current = null;
    }
  };

  // A camera or microphone that stops mid-interview (unplugged, permission withdrawn) must not end the interview.
  // The listener is attached once per stream; what it does reads the current question through a ref.
  const onTrackEnded = useRef(() => {});
  useEffect(() => {
    onTrackEnded.current = () => {
      if (recording.current) {
        const { take } = takes.current.get(index) ?? { take: 0 };
        void recording.current.stop().then(() => store.deleteTake(session.session_id, index, take));
        recording.current = null;
      }
      props.onDevicesLost();
    };
  });
  useEffect(() => {
    const lost = () => onTrackEnded.current();
    const tracks = stream.getTracks();
    tracks.forEach((t) => t.addEventListener("ended", lost));
    return () => tracks.forEach((t) => t.removeEventListener("ended", lost));
  }, [stream]);

  const left = useCountdown(endsAt, () => {
    if (phase === "think") void startAnswer();
    else if (phase === "recording") void stopAnswer();
  });

  const next = () => {
    setNotice(null);
    const after = questions.findIndex((q) => q.index > index && !isAnswered(q.index) && !lockedOut.has(q.index));
    const any = questions.findIndex((q) => !isAnswered(q.index) && !lockedOut.has(q.index));
    const target = after !== -1 ? after : any;
    if (target === -1) setPhase("finishing");
    else begin(target);
  };

  const question = questions[index]!;
  const retakesLeft = session.retakes_allowed - (retakesUsed.current.get(index) ?? 0);
  const thisUpload = uploads.answers.get(index);
  const lastQuestion = questions.every((q) => q.index === index || isAnswered(q.index) || lockedOut.has(q.index));

  return (
    <section aria-labelledby="room-title" className={styles.room}>
      <div className={styles.roomHeader}>
        <h2 id="room-title">{phase === "finishing" ? "Finishing your interview" : `Question ${index + 1} of ${questions.length}`}</h2>
        <progress
          className={styles.progress}
          max={questions.length}
          value={questions.filter((q) => isAnswered(q.index)).length}
          aria-label={`${questions.filter((q) => isAnswered(q.index)).length} of ${questions.length} answers recorded`}
        />
      </div>
      <div role="status" className={styles.banners}>
        {notice && <p className={cx(styles.notice, styles.info)}>{notice}</p>}
        {relay.state === "local" && (
          <p className={cx(styles.notice, styles.info)}>
            The live connection is not available, so the interview continues in local mode. Your answers are recorded and uploaded as usual.
          </p>
        )}
        {relay.state === "reconnecting" && <p className={cx(styles.notice, styles.info)}>Reconnecting the live connection… Keep going: recording is not affected.</p>}
        {uploads.offline && (
          <p className={cx(styles.notice, styles.warning)}>
            You are offline. Keep going: your answers are kept on this device and will upload as soon as the connection returns.
          </p>
        )}
        {uploads.storageFull && (
          <p className={cx(styles.notice, styles.warning)}>
            {uploads.storageFull}. Your answers are kept on this device and upload by themselves once there is room; please keep this page open.
          </p>
        )}
        {!props.storeIsPersistent && (
          <p className={cx(styles.notice, styles.warning)}>This browser cannot keep recordings on the device, so please do not close this tab until every answer shows as saved.</p>
        )}
      </div>
      <p className="muted" data-relay-state={relay.state} data-visible-peers={relay.visiblePeers}>
        {relay.state === "connected" && "Live connection: connected"}
        {relay.state === "connecting" && "Live connection: connecting…"}
      </p>
      <div role="alert">
        {problem && <p className={cx(styles.notice, styles.problem)}>{problem}</p>}
        {uploads.sessionLost && (
          <div className={cx(styles.notice, styles.problem)}>
            <h3>This interview session is no longer open</h3>
            <p>{uploads.sessionLost}. Reload the page to see the invitation&apos;s status.</p>
          </div>
        )}
      </div>
      {phase === "finishing" ? (
        <FinishPanel
          invite={props.invite}
          questions={questions.filter((q) => !lockedOut.has(q.index))}
          uploads={uploads}
          serverReady={serverReady}
          resumeToken={() => token.current}
          onRetry={(i) => begin(i)}
          onWithdrawn={withdraw}
          onCompleted={async () => {
            for (const t of await store.takesOf(session.session_id)) await store.deleteTake(t.sessionId, t.answer, t.take);
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
            {phase === "recording" && (
              <p className={styles.recordingBadge} role="status">
                <span aria-hidden="true" /> Recording · {clock(left)} left
              </p>
            )}
            {phase === "think" && endsAt !== null && (
              <p className={styles.thinkBadge} role="timer" aria-live="off">
                Recording starts in {clock(left)}
              </p>
            )}
          </div>
          <div className={styles.actions}>
            {phase === "think" && (
              <Button onClick={() => void startAnswer()} pending={busy}>
                Start answering now
              </Button>
            )}
            {phase === "recording" && <Button onClick={() => void stopAnswer()}>I&apos;m done</Button>}
            {phase === "saving" && <p role="status">Saving your answer…</p>}
            {phase === "saved" && (
              <>
                <p className={styles.savedLine}>
                  Answer {index + 1}: <AnswerStatus upload={thisUpload} />
                </p>
                {thisUpload?.status === "failed" && !lockedOut.has(index) ? (
                  <Button onClick={() => void startAnswer()} pending={busy}>
                    Record this answer again
                  </Button>
                ) : (
                  <Button onClick={next}>{lastQuestion ? "Finish interview" : "Next question"}</Button>
                )}
                {retakesLeft > 0 && thisUpload?.status === "ready" && (
                  <Button variant="secondary" onClick={() => void startAnswer(true)} pending={busy}>
                    Re-record ({retakesLeft} left)
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
