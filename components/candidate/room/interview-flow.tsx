"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/class-names";
import { NetworkError, type StartedSession, detailOf, roomApi } from "@/lib/candidate-room/api";
import { type ChunkStore, indexedDbChunkStore, memoryChunkStore } from "@/lib/candidate-room/chunk-store";
import { pickRecordingMime } from "@/lib/candidate-room/mime";
import { ConsentStep } from "./consent-step";
import { DeviceCheck } from "./device-check";
import { stopStream } from "./media-errors";
import { PracticeStep } from "./practice-step";
import { QuestionRoom } from "./question-room";
import styles from "./room.module.css";

type Step = "intro" | "consent" | "devices" | "practice" | "ready" | "starting" | "room" | "refused";
interface Refusal {
  title: string;
  detail: string;
  final: boolean;
}

// What each refusal of start-session means for the candidate (the API's precedence: 400 beats 410 beats 403).
const REFUSALS: Record<number, string> = {
  400: "This link can't be used",
  403: "You have no attempts left",
  410: "This invitation has expired",
  409: "Please try again",
  429: "Please wait a moment",
};
const FINAL = new Set([400, 403, 410]);

const STEP_TITLES: Partial<Record<Step, string>> = { consent: "Consent", devices: "Device check", practice: "Practice", ready: "Ready", room: "Interview" };

async function openStore(): Promise<{ store: ChunkStore; persistent: boolean }> {
  try {
    void navigator.storage?.persist?.().catch(() => undefined);
    return { store: await indexedDbChunkStore(), persistent: true };
  } catch {
    return { store: memoryChunkStore(), persistent: false };
  }
}

/**
 * The candidate's way through: landing, consent, device check, practice, then the attempt-consuming start and the
 * room. "continue" skips straight to the devices and resumes the session in progress (no attempt used).
 */
export function InterviewFlow(props: { invite: string; companyName: string; mode: "start" | "continue"; practiceQuestion: boolean; children: ReactNode }) {
  const router = useRouter();
  const [step, setStep] = useState<Step>("intro");
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [session, setSession] = useState<StartedSession | null>(null);
  const [store, setStore] = useState<{ store: ChunkStore; persistent: boolean } | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [mime] = useState(() => (typeof window === "undefined" ? null : pickRecordingMime()));

  useEffect(() => () => stopStream(stream), [stream]);
  useEffect(() => {
    const title = STEP_TITLES[step];
    if (title) document.title = `${title} · Your interview`;
  }, [step]);

  const start = async () => {
    setStep("starting");
    try {
      const [result, opened] = await Promise.all([roomApi.start(props.invite), store ? Promise.resolve(store) : openStore()]);
      setStore(opened);
      if (result.status === 200 && result.body.session_id) {
        setSession(result.body as StartedSession);
        setStep("room");
        return;
      }
      setRefusal({ title: REFUSALS[result.status] ?? "Something went wrong", detail: detailOf(result, "The interview could not be started."), final: FINAL.has(result.status) });
    } catch (error) {
      // The request may have reached the server, so promise nothing about attempts.
      if (!(error instanceof NetworkError)) throw error;
      setRefusal({ title: "You seem to be offline", detail: "Check your internet connection and try again.", final: false });
    }
    setStep("refused");
  };

  const devicesReady = (s: MediaStream) => {
    setStream(s);
    if (props.mode === "continue" || session) return void start();
    setStep(props.practiceQuestion ? "practice" : "ready");
  };

  switch (step) {
    case "intro":
      return (
        <>
          {props.children}
          <div>
            <Button onClick={() => setStep(props.mode === "start" ? "consent" : "devices")}>{props.mode === "start" ? "Get started" : "Continue interview"}</Button>
          </div>
        </>
      );
    case "consent":
      return <ConsentStep invite={props.invite} companyName={props.companyName} onAgreed={() => setStep("devices")} />;
    case "devices":
      return <DeviceCheck onReady={devicesReady} continueLabel={props.mode === "continue" || session ? "Continue interview" : "Continue"} />;
    case "practice":
      return stream && mime ? <PracticeStep stream={stream} mime={mime} onDone={() => setStep("ready")} /> : null;
    case "ready":
      return (
        <section aria-labelledby="ready-title" className={styles.step}>
          <h2 id="ready-title">You are ready</h2>
          <p>
            When you press Start, your attempt begins and the first question appears. Each question has a short time to think, then a time limit for
            your answer. If your connection drops, reopen your link in this browser to continue where you left off.
          </p>
          <div>
            <Button onClick={() => void start()}>Start interview</Button>
          </div>
        </section>
      );
    case "starting":
      return (
        <p role="status" className={styles.step}>
          {props.mode === "continue" || session ? "Reconnecting to your interview…" : "Starting your interview…"}
        </p>
      );
    case "refused":
      return (
        <>
          <div role="alert" className={cx(styles.notice, styles.problem)}>
            <h2>{refusal?.title}</h2>
            <p>{refusal?.detail.replace(/\.?$/, ".")}</p>
            <p className="muted">If you think this is a mistake, reply to your invitation email or contact {props.companyName}.</p>
          </div>
          {!refusal?.final && (
            <div>
              <Button onClick={() => void start()}>Try again</Button>
            </div>
          )}
        </>
      );
    case "room":
      return session && stream && store && mime ? (
        <QuestionRoom
          key={session.session_id + session.resume_token}
          invite={props.invite}
          session={session}
          stream={stream}
          mime={mime}
          store={store.store}
          storeIsPersistent={store.persistent}
          continuedAsNewAttempt={props.mode === "continue" && !session.resumed}
          onDevicesLost={() => setStep("devices")}
          onCompleted={() => {
            stopStream(stream);
            router.refresh();
          }}
        />
      ) : null;
  }
}
