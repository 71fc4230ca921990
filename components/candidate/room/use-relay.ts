"use client";

import { useEffect, useRef, useState } from "react";
import { type LivekitJoin, isWithdrawn, roomApi } from "@/lib/candidate-room/api";

// The candidate's connection to the session's LiveKit room, publishing the camera and microphone the recorder also
// uses. Recording never depends on it: when the relay cannot be reached the room carries on in local mode. The join
// token is refreshed 30 s before it expires, so a reconnect after a drop always has a valid one. Revoking the invite
// deletes the room; the refresh that follows answers 409 session_revoked, and the room is told (onWithdrawn).

export type RelayState = "connecting" | "connected" | "reconnecting" | "local";

const CONNECT_TIMEOUT_MS = 8000;
const REFRESH_BEFORE_EXPIRY_MS = 30_000;
const RECONNECT_EVERY_MS = 20_000;

export function useRelay(input: { sessionId: string; join: LivekitJoin; stream: MediaStream; resumeToken: () => string; onWithdrawn: () => void }): RelayState {
  const [state, setState] = useState<RelayState>("connecting");
  const join = useRef(input.join);
  const resumeToken = useRef(input.resumeToken);
  const onWithdrawn = useRef(input.onWithdrawn);
  useEffect(() => {
    resumeToken.current = input.resumeToken;
    onWithdrawn.current = input.onWithdrawn;
  });

  useEffect(() => {
    let closed = false;
    let room: import("livekit-client").Room | null = null;
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;

    /** Asks for a fresh join token; false once the session was withdrawn (nothing more to connect to). */
    const refresh = async (): Promise<boolean> => {
      try {
        const result = await roomApi.refreshLivekit(input.sessionId, resumeToken.current());
        if (result.status === 200 && result.body.livekit) join.current = result.body.livekit;
        if (isWithdrawn(result)) {
          closed = true;
          onWithdrawn.current();
          return false;
        }
      } catch {
        // Offline: the next reconnect attempt asks again.
      }
      return true;
    };

    const scheduleRefresh = () => {
      clearTimeout(refreshTimer);
      const due = new Date(join.current.expires_at).getTime() - REFRESH_BEFORE_EXPIRY_MS - Date.now();
      refreshTimer = setTimeout(async () => {
        if ((await refresh()) && !closed) scheduleRefresh();
      }, Math.max(1000, due));
    };

    const connect = async () => {
      if (closed) return;
      const { Room, RoomEvent, DisconnectReason, LocalAudioTrack, LocalVideoTrack, Track } = await import("livekit-client");
      const next = new Room({ adaptiveStream: false, dynacast: false, stopLocalTrackOnUnpublish: false });
      room = next;
      next.on(RoomEvent.Reconnecting, () => !closed && setState("reconnecting"));
      next.on(RoomEvent.Reconnected, () => !closed && setState("connected"));
      next.on(RoomEvent.Disconnected, async (reason) => {
        if (closed) return;
        setState("local");
        // The room was deleted: the session ended (revoked) or it is a relay hiccup; the server says which.
        if (reason === DisconnectReason.ROOM_DELETED && !(await refresh())) return;
        retryTimer = setTimeout(() => void connect(), RECONNECT_EVERY_MS);
      });
      try {
        const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), CONNECT_TIMEOUT_MS));
        await Promise.race([next.connect(join.current.server_url, join.current.participant_token, { autoSubscribe: false, maxRetries: 0 }), timeout]);
        if (closed) return void next.disconnect();
        const [video] = input.stream.getVideoTracks();
        const [audio] = input.stream.getAudioTracks();
        // userProvidedTrack: the recorder owns these tracks, so LiveKit must never stop them.
        if (video) await next.localParticipant.publishTrack(new LocalVideoTrack(video, undefined, true), { source: Track.Source.Camera });
        if (audio) await next.localParticipant.publishTrack(new LocalAudioTrack(audio, undefined, true), { source: Track.Source.Microphone });
        setState("connected");
      } catch {
        next.removeAllListeners();
        void next.disconnect();
        if (closed) return;
        setState("local");
        retryTimer = setTimeout(() => void connect(), RECONNECT_EVERY_MS);
      }
    };

    scheduleRefresh();
    void connect();
    const online = () => {
      if (room?.state === "connected") return;
      clearTimeout(retryTimer);
      void connect();
    };
    window.addEventListener("online", online);
    return () => {
      closed = true;
      clearTimeout(refreshTimer);
      clearTimeout(retryTimer);
      window.removeEventListener("online", online);
      room?.removeAllListeners();
      void room?.disconnect(false);
    };
  }, [input.sessionId, input.stream]);

  return state;
}
