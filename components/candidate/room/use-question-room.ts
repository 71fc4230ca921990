"use client";

import { useEffect, useReducer, useRef } from "react";
import { NetworkError, codeOf, detailOf, isWithdrawn, roomApi } from "@/lib/candidate-room/api";
import type { ChunkStore } from "@/lib/candidate-room/chunk-store";
import { type ActiveRecording, startRecording } from "@/lib/candidate-room/recorder";
import { planResume } from "@/lib/candidate-room/resume-plan";
import { countdownEnd, hasUnsaved, initialRoomState, roomReducer, shownIndex } from "@/lib/candidate-room/room-state";
import { Uploader } from "@/lib/candidate-room/uploader";
import type { StartedSession } from "@/lib/candidate-sessions/started-session";
import { useCountdown } from "./use-countdown";
import { useLatest } from "./use-latest";
import { useRelay } from "./use-relay";

/**
 * The question room's I/O around its state machine (lib/candidate-room/room-state.ts): opening or resuming from the
 * browser's store, the recorder, retakes, the uploader, the relay, the countdowns, lost devices and a withdrawn
 * session. It dispatches what happened; the reducer decides what the candidate sees next.
 */
export function useQuestionRoom(props: {
  session: StartedSession;
  stream: MediaStream;
  mime: string;
  store: ChunkStore;
  startedOver?: boolean;
  onDevicesLost: () => void;
  onWithdrawn: () => void;
}) {
  const { session, stream, mime, store } = props;
  const [state, dispatch] = useReducer(roomReducer, undefined, () => initialRoomState(session, props.startedOver));
  const { phase, uploads } = state;
  // The resume token is fixed for this mount: a resume that rotates it remounts the room (interview-flow's key).
  const token = () => session.resume_token;
  const uploader = useRef<Uploader | null>(null);
  const recording = useRef<ActiveRecording | null>(null);
  // Revoked by the company: stop recording and uploading, and drop this session's copies in the browser (they can no
  // longer be sent; what was uploaded is kept by the company).
  const withdrawn = useRef(false);
  const onWithdrawn = useLatest(props.onWithdrawn);
  const withdraw = () => {
    if (withdrawn.current) return;
    withdrawn.current = true;
    uploader.current?.stop();
    const active = recording.current;
    recording.current = null;
    void (async () => {
      await active?.stop().catch(() => undefined);
      for (const t of await store.takesOf(session.session_id))
        await store.deleteTake(t.sessionId, t.questionIndex, t.take);
    })()
      .catch(() => undefined)
      .finally(() => onWithdrawn.current());
  };
  const latestWithdraw = useLatest(withdraw);
  const relay = useRelay({
    sessionId: session.session_id,
    join: session.livekit,
    stream,
    resumeToken: token,
    onWithdrawn: withdraw,
  });
  useEffect(() => {
    if (uploads.withdrawn) latestWithdraw.current();
  }, [uploads.withdrawn, latestWithdraw]);

  // Open (or resume): drop takes cut off mid-answer, pick up the first unanswered question, resume uploads. The room
  // is remounted for another session, so this runs once.
  useEffect(() => {
    let cancelled = false;
    const sessionId = session.session_id;
    const up = new Uploader({
      store,
      api: roomApi,
      sessionId,
      token: () => session.resume_token,
      onChange: (snapshot) => !cancelled && dispatch({ type: "uploads", snapshot }),
    });
    uploader.current = up;
    (async () => {
      const plan = planResume(session.answers, await store.takesOf(sessionId));
      for (const t of plan.discard) await store.deleteTake(sessionId, t.questionIndex, t.take);
      if (cancelled) return;
      dispatch({ type: "opened", plan, resumed: session.resumed, now: Date.now() });
      up.kick();
    })();
    const online = () => up.kick();
    window.addEventListener("online", online);
    return () => {
      cancelled = true;
      window.removeEventListener("online", online);
      up.stop();
    };
  }, [session, store]);

  // Warn before leaving while something is recording or not yet uploaded (nothing is lost, but it pauses uploads).
  const unsaved = hasUnsaved(state);
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);

  const startAnswer = async (rerecord = false) => {
    if (recording.current || (phase.name !== "think" && phase.name !== "saved")) return;
    const index = phase.index;
    dispatch({ type: "startRequested", rerecord });
    try {
      const known = state.takes.get(index) ?? { take: 0, fresh: true };
      let take = known.take;
      if (rerecord || !known.fresh) {
        const result = await roomApi.retake(session.session_id, index, token(), known.take);
        if (isWithdrawn(result)) {
          dispatch({ type: "startAbandoned" });
          return withdraw();
        }
        if (result.status !== 200 || result.body.take === undefined) {
          dispatch({ type: "retakeRefused", code: codeOf(result), detail: detailOf(result, "") || null });
          return;
        }
        take = result.body.take;
        dispatch({ type: "retakeGranted", retakesUsed: result.body.retakes_used });
        await store.deleteTake(session.session_id, index, known.take);
      }
      dispatch({ type: "takeReserved", take });
      await store.putTake({
        sessionId: session.session_id,
        questionIndex: index,
        take,
        mimeType: mime,
        startedAt: Date.now(),
        finished: false,
        finalized: false,
      });
      recording.current = startRecording(
        stream,
        mime,
        async (blob, seq) => {
          await store.putChunk({
            sessionId: session.session_id,
            questionIndex: index,
            take,
            seq,
            blob,
            uploaded: false,
          });
          uploader.current?.kick();
        },
        { digest: true },
      );
      uploader.current?.kick();
      dispatch({ type: "recordingStarted", take, now: Date.now() });
    } catch (error) {
      dispatch({ type: "startFailed", offline: error instanceof NetworkError });
    }
  };

  const stopAnswer = async () => {
    const active = recording.current;
    if (!active || phase.name !== "recording") return;
    const { index: questionIndex, take } = phase;
    dispatch({ type: "stopRequested" });
    try {
      const { chunkCount, durationMs, digest } = await active.stop();
      if (chunkCount === 0) {
        await store.deleteTake(session.session_id, questionIndex, take);
        dispatch({ type: "nothingRecorded", now: Date.now() });
        return;
      }
      await store.putTake({
        sessionId: session.session_id,
        questionIndex,
        take,
        mimeType: mime,
        startedAt: Date.now(),
        finished: true,
        chunkCount,
        durationMs,
        digest,
        finalized: false,
      });
      uploader.current?.kick();
      dispatch({ type: "answerStored" });
    } catch {
      dispatch({ type: "storeFailed" });
    } finally {
      recording.current = null;
    }
  };

  // A camera or microphone that stops mid-interview (unplugged, permission withdrawn) must not end the interview.
  // The listener is attached once per stream; what it does reads the current phase through useLatest.
  const onTrackEnded = useLatest(() => {
    const active = recording.current;
    if (active) {
      recording.current = null;
      const index = shownIndex(phase);
      const { take } =
        phase.name === "recording" || phase.name === "saving" ? phase : (state.takes.get(index) ?? { take: 0 });
      void active.stop().then(() => store.deleteTake(session.session_id, index, take));
    }
    props.onDevicesLost();
  });
  useEffect(() => {
    const lost = () => onTrackEnded.current();
    const tracks = stream.getTracks();
    tracks.forEach((t) => t.addEventListener("ended", lost));
    return () => tracks.forEach((t) => t.removeEventListener("ended", lost));
  }, [stream, onTrackEnded]);

  const endsAt = countdownEnd(phase);
  const left = useCountdown(endsAt, () => {
    if (phase.name === "think") void startAnswer();
    else if (phase.name === "recording") void stopAnswer();
  });

  return { state, dispatch, relay, secondsLeft: left, startAnswer, stopAnswer, withdraw, resumeToken: token };
}
