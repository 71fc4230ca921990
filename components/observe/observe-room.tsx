"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { FlagForm, type Flag } from "./flag-form";
import styles from "./observe.module.css";

type Phase = "joining" | "waiting" | "watching" | "unavailable" | "ended" | "error";

interface Join {
  token: string;
  server_url: string;
}

const CONNECT_TIMEOUT_MS = 8000;

const observationUrl = (sessionId: string) => `/api/interviewer/sessions/${sessionId}/observation`;

/**
 * Watches and listens to a live session as a hidden, subscribe-only participant: the candidate sees no change and the
 * observer is in no participant list. When the relay cannot be reached it says so at once instead of spinning; flags
 * work either way.
 */
export function ObserveRoom({ sessionId, initialFlags }: { sessionId: string; initialFlags: Flag[] }) {
  const [phase, setPhase] = useState<Phase>("joining");
  const [problem, setProblem] = useState<string | null>(null);
  const [audioBlocked, setAudioBlocked] = useState(false);
  const media = useRef<HTMLDivElement>(null);
  const roomRef = useRef<import("livekit-client").Room | null>(null);

  useEffect(() => {
    let closed = false;
    let stopSent = false;
    const stop = () => {
      if (stopSent) return;
      stopSent = true;
      return fetch(observationUrl(sessionId), {
        method: "POST",
        keepalive: true,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ event: "stopped" }),
      }).catch(() => undefined);
    };
    (async () => {
      const response = await fetch(observationUrl(sessionId), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ event: "started" }),
      }).catch(() => null);
      const body = (await response?.json().catch(() => ({}))) as { livekit?: Join; detail?: unknown } | undefined;
      if (closed) return;
      if (!response?.ok || !body?.livekit) {
        setPhase(response?.status === 409 ? "ended" : "error");
        setProblem(
          typeof body?.detail === "string"
            ? body.detail
            : "The observation could not start. Reload the page to try again.",
        );
        return;
      }
      const { Room, RoomEvent, Track } = await import("livekit-client");
      const room = new Room({ adaptiveStream: true });
      roomRef.current = room;
      room.on(RoomEvent.TrackSubscribed, (track) => {
        if (track.kind !== Track.Kind.Video && track.kind !== Track.Kind.Audio) return;
        const element = track.attach();
        if (element instanceof HTMLVideoElement) element.setAttribute("aria-label", "The candidate's camera, live");
        media.current?.appendChild(element);
        setPhase("watching");
      });
      room.on(RoomEvent.TrackUnsubscribed, (track) => track.detach().forEach((el) => el.remove()));
      room.on(RoomEvent.AudioPlaybackStatusChanged, () => setAudioBlocked(!room.canPlaybackAudio));
      room.on(RoomEvent.Disconnected, () => !closed && setPhase("unavailable"));
      try {
        const timeout = new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error("timeout")), CONNECT_TIMEOUT_MS),
        );
        await Promise.race([
          room.connect(body.livekit.server_url, body.livekit.token, { autoSubscribe: true, maxRetries: 0 }),
          timeout,
        ]);
        if (closed) return void room.disconnect();
        setAudioBlocked(!room.canPlaybackAudio);
        setPhase((p) => (p === "watching" ? p : "waiting"));
      } catch {
        room.removeAllListeners();
        void room.disconnect();
        if (!closed) setPhase("unavailable");
      }
    })();
    window.addEventListener("pagehide", stop);
    return () => {
      closed = true;
      window.removeEventListener("pagehide", stop);
      void stop();
      roomRef.current?.removeAllListeners();
      void roomRef.current?.disconnect();
    };
  }, [sessionId]);

  return (
    <div className={styles.layout}>
      <section aria-labelledby="live-view-heading" className={styles.viewer}>
        <h2 id="live-view-heading">Live view</h2>
        <div className={styles.stage} ref={media}>
          {phase !== "watching" && (
            <div className={styles.stageMessage} role="status">
              {phase === "joining" && "Joining silently…"}
              {phase === "waiting" && "Connected. Waiting for the candidate's camera…"}
              {phase === "unavailable" && (
                <>
                  <strong>Live video is unavailable</strong>
                  <span>
                    The video relay cannot be reached from here, so the candidate cannot be watched live. Their answers
                    are still recorded and will be on the review page. You can keep adding flags.
                  </span>
                </>
              )}
              {(phase === "ended" || phase === "error") && <span>{problem}</span>}
            </div>
          )}
        </div>
        {audioBlocked && phase === "watching" && (
          <Button variant="secondary" onClick={() => void roomRef.current?.startAudio()}>
            Play sound
          </Button>
        )}
        <p className="muted">
          You are hidden: the candidate does not see or hear you, and you do not appear in the room.
        </p>
      </section>
      <FlagForm sessionId={sessionId} initialFlags={initialFlags} disabled={phase === "ended"} />
    </div>
  );
}
