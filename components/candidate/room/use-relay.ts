"use client";

import { useEffect, useRef, useState } from "react";
import { isWithdrawn, roomApi } from "@/lib/candidate-room/api";
import type { LivekitJoin } from "@/lib/candidate-sessions/started-session";
import { useLatest } from "./use-latest";
import {
  disconnectedState,
  needsFreshToken,
  REFRESH_BEFORE_EXPIRY_MS,
  relayRetryDelayMs,
} from "@/lib/candidate-room/relay-retry";

// The candidate's connection to the session's LiveKit room, publishing the camera and microphone the recorder also
// uses. Recording never depends on it: when the relay cannot be reached the room carries on in local mode and keeps
// trying in the background (lib/candidate-room/relay-retry.ts). The join token is refreshed 30 s before it expires,
// and again before any reconnect that would present one about to expire, so a reconnect never uses an expired token.
// LiveKit's own quick resume covers blips of a few seconds; past that the room is rebuilt here with the fresh token.
// Revoking the invite deletes the room; the refresh that follows answers 409 session_revoked (onWithdrawn).

export type RelayState = "connecting" | "connected" | "reconnecting" | "local";

export interface Relay {
  state: RelayState;
  /** Participants the candidate's room shows besides the candidate (silent observers are never among them). */
  visiblePeers: number;
}

const CONNECT_TIMEOUT_MS = 8000;
// LiveKit's resume attempts after a drop (about 4 s in all); then the room reconnects itself with a fresh token.
const SDK_RETRY_DELAYS_MS = [0, 300, 1200, 2700];

export function useRelay(input: {
  sessionId: string;
  join: LivekitJoin;
  stream: MediaStream;
  resumeToken: () => string;
  onWithdrawn: () => void;
}): Relay {
  const [state, setState] = useState<RelayState>("connecting");
  const [visiblePeers, setVisiblePeers] = useState(0);
  const join = useRef(input.join);
  const resumeToken = useLatest(input.resumeToken);
  const onWithdrawn = useLatest(input.onWithdrawn);

  useEffect(() => {
    let closed = false;
    let room: import("livekit-client").Room | null = null;
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    let droppedAt: number | null = null; // when an established connection was lost
    let connecting = false;

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
      refreshTimer = setTimeout(
        async () => {
          if ((await refresh()) && !closed) scheduleRefresh();
        },
        Math.max(1000, due),
      );
    };

    const retryLater = () => {
      if (closed) return;
      setState(disconnectedState(droppedAt, Date.now()));
      attempts += 1;
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => void connect(), relayRetryDelayMs(attempts));
    };

    const connect = async () => {
      if (closed || connecting) return;
      connecting = true;
      try {
        await connectOnce();
      } finally {
        connecting = false;
      }
    };

    const connectOnce = async () => {
      // A token about to expire (a laptop that slept past the scheduled refresh) is replaced before it is presented.
      if (needsFreshToken(join.current.expires_at, Date.now())) {
        if (!(await refresh()) || closed) return;
        scheduleRefresh();
      }
      const { Room, RoomEvent, DisconnectReason, DefaultReconnectPolicy, LocalAudioTrack, LocalVideoTrack, Track } =
        await import("livekit-client");
      const next = new Room({
        adaptiveStream: false,
        dynacast: false,
        stopLocalTrackOnUnpublish: false,
        reconnectPolicy: new DefaultReconnectPolicy(SDK_RETRY_DELAYS_MS),
      });
      room = next;
      const countPeers = () => !closed && setVisiblePeers(next.remoteParticipants.size);
      next.on(RoomEvent.ParticipantConnected, countPeers);
      next.on(RoomEvent.ParticipantDisconnected, countPeers);
      next.on(RoomEvent.Reconnecting, () => !closed && setState("reconnecting"));
      next.on(RoomEvent.Reconnected, () => !closed && setState("connected"));
      let established = false; // a failed connect also emits Disconnected: that is not a drop (the catch below retries)
      next.on(RoomEvent.Disconnected, async (reason) => {
        if (closed || room !== next || !established) return;
        next.removeAllListeners();
        room = null;
        setVisiblePeers(0);
        droppedAt ??= Date.now();
        // The room was deleted: the session ended (revoked) or it is a relay hiccup; the server says which.
        if (reason === DisconnectReason.ROOM_DELETED && !(await refresh())) return;
        retryLater();
      });
      try {
        const timeout = new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error("timeout")), CONNECT_TIMEOUT_MS),
        );
        await Promise.race([
          next.connect(join.current.server_url, join.current.participant_token, {
            autoSubscribe: false,
            maxRetries: 0,
          }),
          timeout,
        ]);
        if (closed) return void next.disconnect();
        const [video] = input.stream.getVideoTracks();
        const [audio] = input.stream.getAudioTracks();
        // userProvidedTrack: the recorder owns these tracks, so LiveKit must never stop them.
        if (video)
          await next.localParticipant.publishTrack(new LocalVideoTrack(video, undefined, true), {
            source: Track.Source.Camera,
          });
        if (audio)
          await next.localParticipant.publishTrack(new LocalAudioTrack(audio, undefined, true), {
            source: Track.Source.Microphone,
          });
        established = true;
        attempts = 0;
        droppedAt = null;
        countPeers();
        setState("connected");
      } catch {
        next.removeAllListeners();
        if (room === next) room = null;
        void next.disconnect();
        retryLater();
      }
    };

    scheduleRefresh();
    void connect();
    const online = () => {
      if (room) return; // connected, or LiveKit is resuming on its own
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
  }, [input.sessionId, input.stream, resumeToken, onWithdrawn]);

  return { state, visiblePeers };
}
