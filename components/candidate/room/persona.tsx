"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import styles from "./room.module.css";

export const PERSONA_NAME = "Ava";

/**
 * The interviewer persona: reads each question aloud with the browser's speech synthesis where there is one, and
 * always shows it as a caption. The candidate can turn the voice off.
 */
export function Persona({ text, speakKey }: { text: string; speakKey: string }) {
  const [voiceOn, setVoiceOn] = useState(true);
  const canSpeak = typeof window !== "undefined" && "speechSynthesis" in window;

  useEffect(() => {
    if (!canSpeak || !voiceOn) return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.rate = 0.95;
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
    return () => window.speechSynthesis.cancel();
  }, [canSpeak, voiceOn, text, speakKey]);

  return (
    <div className={styles.persona}>
      <div className={styles.avatar} aria-hidden="true">
        {PERSONA_NAME[0]}
      </div>
      <div className={styles.personaBody}>
        <p className={styles.personaName}>
          {PERSONA_NAME}, your AI interviewer
          {canSpeak && (
            <Button variant="ghost" size="sm" onClick={() => setVoiceOn((v) => !v)} aria-pressed={voiceOn}>
              {voiceOn ? "Voice on" : "Voice off"}
            </Button>
          )}
        </p>
        <p className={styles.caption} aria-live="polite">
          {text}
        </p>
      </div>
    </div>
  );
}
