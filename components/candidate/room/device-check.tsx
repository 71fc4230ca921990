"use client";

import { useMediaDevices } from "@livekit/components-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/class-names";
import { pickRecordingMime } from "@/lib/candidate-room/mime";
import { startRecording } from "@/lib/candidate-room/recorder";
import { type DeviceChoice, type MediaProblem, describeMediaError, openCameraAndMic, stopStream } from "./media-errors";
import { useMicLevel } from "./use-mic-level";
import styles from "./room.module.css";

const TEST_SECONDS = 5; // long enough to say a sentence, and for a slow machine's encoder to get going

/**
 * Camera preview, a live microphone meter, device pickers (LiveKit's device hooks) and a short test recording played
 * back, with a plain-language fix for every way the devices can fail. Hands the working stream to the next step.
 */
export function DeviceCheck({
  onReady,
  continueLabel,
}: {
  onReady: (stream: MediaStream, choice: DeviceChoice) => void;
  continueLabel: string;
}) {
  const [choice, setChoice] = useState<DeviceChoice>({});
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [problem, setProblem] = useState<MediaProblem | null>(null);
  const [opening, setOpening] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const [testUrl, setTestUrl] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);
  const [testFailed, setTestFailed] = useState<"empty" | "unplayable" | null>(null);
  const handedOver = useRef(false);
  const preview = useRef<HTMLVideoElement>(null);
  const level = useMicLevel(stream);
  const cameras = useMediaDevices({ kind: "videoinput" });
  const mics = useMediaDevices({ kind: "audioinput" });
  const mime = typeof window === "undefined" ? "video/webm" : pickRecordingMime();
  // Another device or another try opens the camera again (the effect below), and the preview says so meanwhile.
  const reopen = (change: () => void) => {
    setOpening(true);
    change();
  };

  useEffect(() => {
    let cancelled = false;
    let opened: MediaStream | null = null;
    openCameraAndMic(choice)
      .then((s) => {
        if (cancelled) return stopStream(s);
        opened = s;
        setStream(s);
        setProblem(null);
      })
      .catch((error: unknown) => !cancelled && setProblem(describeMediaError(error)))
      .finally(() => !cancelled && setOpening(false));
    return () => {
      cancelled = true;
      if (!handedOver.current) stopStream(opened);
    };
  }, [choice, attempt]);

  useEffect(() => {
    if (preview.current) preview.current.srcObject = stream;
  }, [stream]);

  useEffect(() => () => void (testUrl && URL.revokeObjectURL(testUrl)), [testUrl]);

  const testRecording = async () => {
    if (!stream || !mime) return;
    setTesting(true);
    setTestFailed(null);
    const parts: Blob[] = [];
    // As the answers are recorded: stopping waits for a slow machine's encoder to deliver its first media.
    const recording = startRecording(stream, mime, async (blob) => void parts.push(blob));
    await new Promise((resolve) => setTimeout(resolve, TEST_SECONDS * 1000));
    await recording.stop();
    setTesting(false);
    // A starved machine can still hand back nothing at all: say so instead of showing a player that never plays.
    if (parts.length === 0) return setTestFailed("empty");
    setTestUrl(URL.createObjectURL(new Blob(parts, { type: mime })));
  };

  const proceed = () => {
    if (!stream) return;
    handedOver.current = true;
    onReady(stream, choice);
  };

  return (
    <section aria-labelledby="device-check-title" className={styles.step}>
      <h2 id="device-check-title">Check your camera and microphone</h2>
      {!mime && (
        <div role="alert" className={cx(styles.notice, styles.problem)}>
          <h3>This browser cannot record video</h3>
          <p>Please open the link in a current version of Chrome, Edge, Firefox or Safari.</p>
        </div>
      )}
      <div role="alert">
        {problem && (
          <div className={cx(styles.notice, styles.problem)}>
            <h3>{problem.title}</h3>
            <p>{problem.fix}</p>
            <div>
              <Button variant="secondary" onClick={() => reopen(() => setAttempt((n) => n + 1))}>
                Try again
              </Button>
            </div>
          </div>
        )}
      </div>
      <div className={styles.preview}>
        <video ref={preview} autoPlay muted playsInline aria-label="Your camera preview" />
        {opening && <p className={styles.previewOverlay}>Starting your camera…</p>}
      </div>
      <div className={styles.meterRow}>
        <span id="mic-level-label">Microphone level</span>
        <div
          role="meter"
          aria-labelledby="mic-level-label"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={level}
          className={styles.meter}
        >
          <span style={{ width: `${level}%` }} />
        </div>
      </div>
      <p className="muted">Say a few words: the bar should move when you speak.</p>
      <div className={styles.pickers}>
        <label>
          Camera
          <select
            value={choice.videoDeviceId ?? ""}
            onChange={(e) => reopen(() => setChoice((c) => ({ ...c, videoDeviceId: e.target.value || undefined })))}
          >
            <option value="">Default camera</option>
            {cameras
              .filter((d) => d.deviceId)
              .map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>
                  {d.label || `Camera ${i + 1}`}
                </option>
              ))}
          </select>
        </label>
        <label>
          Microphone
          <select
            value={choice.audioDeviceId ?? ""}
            onChange={(e) => reopen(() => setChoice((c) => ({ ...c, audioDeviceId: e.target.value || undefined })))}
          >
            <option value="">Default microphone</option>
            {mics
              .filter((d) => d.deviceId)
              .map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>
                  {d.label || `Microphone ${i + 1}`}
                </option>
              ))}
          </select>
        </label>
      </div>
      <div className={styles.testRecording}>
        <Button variant="secondary" onClick={() => void testRecording()} disabled={!stream || !mime} pending={testing}>
          {testing
            ? `Recording ${TEST_SECONDS} seconds…`
            : testUrl
              ? "Record another test"
              : `Record a ${TEST_SECONDS}-second test`}
        </Button>
        {testFailed && (
          <p role="alert">
            {testFailed === "empty"
              ? "The test recording came out empty."
              : "The test recording could not be played back."}{" "}
            Try again; if it happens again, close other apps or tabs that use the camera.
          </p>
        )}
        {testUrl && !testFailed && (
          <div className={styles.testPlayback}>
            <p>Play it back: can you see and hear yourself?</p>
            <video
              src={testUrl}
              controls
              playsInline
              preload="auto"
              aria-label="Your test recording"
              onError={() => setTestFailed("unplayable")}
            />
          </div>
        )}
      </div>
      <div>
        <Button onClick={proceed} disabled={!stream || !mime}>
          {continueLabel}
        </Button>
      </div>
    </section>
  );
}
