"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { type ActiveRecording, startRecording } from "@/lib/candidate-room/recorder";
import { Persona } from "./persona";
import { clock, useCountdown } from "./use-countdown";
import styles from "./room.module.css";

const PRACTICE_QUESTION =
  "This is a practice question. Tell me in a sentence or two how your day is going. This answer is not saved.";
const PRACTICE_SECONDS = 30;

/** A warm-up answer recorded in the browser only: never uploaded, never shown to the company. Uses no attempt. */
export function PracticeStep({ stream, mime, onDone }: { stream: MediaStream; mime: string; onDone: () => void }) {
  const [phase, setPhase] = useState<"ready" | "recording" | "review">("ready");
  const [endsAt, setEndsAt] = useState<number | null>(null);
  const [playback, setPlayback] = useState<string | null>(null);
  const recording = useRef<ActiveRecording | null>(null);
  const parts = useRef<Blob[]>([]);
  const preview = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    if (preview.current) preview.current.srcObject = stream;
  }, [stream, phase]);
  useEffect(() => () => void (playback && URL.revokeObjectURL(playback)), [playback]);

  const start = () => {
    parts.current = [];
    recording.current = startRecording(stream, mime, async (blob) => void parts.current.push(blob));
    setEndsAt(Date.now() + PRACTICE_SECONDS * 1000);
    setPhase("recording");
  };
  const stop = async () => {
    setEndsAt(null);
    await recording.current?.stop();
    setPlayback(URL.createObjectURL(new Blob(parts.current, { type: mime })));
    setPhase("review");
  };
  const left = useCountdown(endsAt, () => void stop());

  return (
    <section aria-labelledby="practice-title" className={styles.step}>
      <h2 id="practice-title">Practice question</h2>
      <p className="muted">Get used to the format. Nothing here is uploaded and it uses no attempt.</p>
      <Persona text={PRACTICE_QUESTION} speakKey="practice" />
      {phase !== "review" ? (
        <div className={styles.preview}>
          <video ref={preview} autoPlay muted playsInline aria-label="Your camera" />
          {phase === "recording" && (
            <p className={styles.recordingBadge} role="status">
              <span aria-hidden="true" /> Recording · {clock(left)} left
            </p>
          )}
        </div>
      ) : (
        playback && (
          <video src={playback} controls playsInline className={styles.playback} aria-label="Your practice answer" />
        )
      )}
      <div className={styles.actions}>
        {phase === "ready" && <Button onClick={start}>Start practice answer</Button>}
        {phase === "recording" && <Button onClick={() => void stop()}>I&apos;m done</Button>}
        {phase === "review" && (
          <Button variant="secondary" onClick={start}>
            Practice again
          </Button>
        )}
        {phase !== "recording" && (
          <Button variant={phase === "review" ? "primary" : "secondary"} onClick={onDone}>
            {phase === "review" ? "Continue to the interview" : "Skip practice"}
          </Button>
        )}
      </div>
    </section>
  );
}
