"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/class-names";
import { NetworkError, type StartMode, codeOf, detailOf, roomApi } from "@/lib/candidate-room/api";
import type { StartedSession } from "@/lib/candidate-sessions/started-session";
import { type ChunkStore, indexedDbChunkStore, memoryChunkStore } from "@/lib/candidate-room/chunk-store";
import { pickRecordingMime } from "@/lib/candidate-room/mime";
import { ConsentStep } from "./consent-step";
import { DeviceCheck } from "./device-check";
import { stopStream } from "./media-errors";
import { PracticeStep } from "./practice-step";
import { QuestionRoom } from "./question-room";
import { type ResumeRefusal, ResumeChoice, isResumeRefusal } from "./resume-choice";
import { WithdrawnNotice } from "./withdrawn-notice";
import styles from "./room.module.css";

type Step =
  | "intro"
  | "consent"
  | "devices"
  | "practice"
  | "ready"
  | "starting"
  | "room"
  | "refused"
  | "resume-refused"
  | "withdrawn";
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
const REFUSAL_BY_CODE: Record<string, string> = { invite_revoked: "This invitation was withdrawn" };
const FINAL = new Set([400, 403, 410]);

const STEP_TITLES: Partial<Record<Step, string>> = {
  consent: "Consent",
  devices: "Device check",
  practice: "Practice",
  ready: "Ready",
  room: "Interview",
};

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
 * room. "continue" skips straight to the devices and resumes the session in progress. Continuing never uses an
 * attempt: when the server cannot continue it (another tab, too long inactive, another browser) the candidate is told
 * why and chooses whether to start a new attempt.
 */
export function InterviewFlow(props: {
  invite: string;
  companyName: string;
  mode: "start" | "continue";
  practiceQuestion: boolean;
  /** Attempts the invite had left when the page loaded, for the "start a new attempt" choice. */
  attemptsLeft: number;
  children: ReactNode;
}) {
  const router = useRouter();
  const [step, setStep] = useState<Step>("intro");
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [session, setSession] = useState<StartedSession | null>(null);
  const [store, setStore] = useState<{ store: ChunkStore; persistent: boolean } | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [resumeRefusal, setResumeRefusal] = useState<ResumeRefusal | null>(null);
  const [startedOver, setStartedOver] = useState(false);
  const [retry, setRetry] = useState<StartMode>({ mode: "new" }); // how the last start asked, for "Try again"
  const [mime] = useState(() => (typeof window === "undefined" ? null : pickRecordingMime()));

  useEffect(() => () => stopStream(stream), [stream]);
  useEffect(() => {
    const title = STEP_TITLES[step];
    if (title) document.title = `${title} · Your interview`;
  }, [step]);

  // The room's own session (after a device loss) resumes with its token; "continue" with the cookie the last start set.
  const resumeHow = (): StartMode => ({ mode: "resume", resumeToken: session?.resume_token });

  const start = async (how: StartMode) => {
    setStep("starting");
    try {
      const [result, opened] = await Promise.all([
        roomApi.start(props.invite, how),
        store ? Promise.resolve(store) : openStore(),
      ]);
      setStore(opened);
      if (result.status === 200 && result.body.session_id) {
        setSession(result.body as StartedSession);
        setStartedOver(how.mode === "new" && resumeRefusal !== null);
        setStep("room");
        return;
      }
      const code = codeOf(result);
      if (result.status === 409 && isResumeRefusal(code)) {
        setResumeRefusal(code);
        setStep("resume-refused");
        return;
      }
      const title = REFUSAL_BY_CODE[code] ?? REFUSALS[result.status] ?? "Something went wrong";
      setRefusal({
        title,
        detail: detailOf(result, "The interview could not be started."),
        final: FINAL.has(result.status),
      });
    } catch (error) {
      // The request may have reached the server, so promise nothing about attempts.
      if (!(error instanceof NetworkError)) throw error;
      setRefusal({
        title: "You seem to be offline",
        detail: "Check your internet connection and try again.",
        final: false,
      });
    }
    setStep("refused");
  };
  const startAs = (how: StartMode) => {
    setRetry(how);
    void start(how);
  };

  const devicesReady = (s: MediaStream) => {
    setStream(s);
    if (props.mode === "continue" || session) return startAs(resumeHow());
    setStep(props.practiceQuestion ? "practice" : "ready");
  };

  switch (step) {
    case "intro":
      return (
        <>
          {props.children}
          <div>
            <Button onClick={() => setStep(props.mode === "start" ? "consent" : "devices")}>
              {props.mode === "start" ? "Get started" : "Continue interview"}
            </Button>
          </div>
        </>
      );
    case "consent":
      return <ConsentStep invite={props.invite} companyName={props.companyName} onAgreed={() => setStep("devices")} />;
    case "devices":
      return (
        <DeviceCheck
          onReady={devicesReady}
          continueLabel={props.mode === "continue" || session ? "Continue interview" : "Continue"}
        />
      );
    case "practice":
      return stream && mime ? <PracticeStep stream={stream} mime={mime} onDone={() => setStep("ready")} /> : null;
    case "ready":
      return (
        <section aria-labelledby="ready-title" className={styles.step}>
          <h2 id="ready-title">You are ready</h2>
          <p>
            When you press Start, your attempt begins and the first question appears. Each question has a short time to
            think, then a time limit for your answer. If your connection drops, reopen your link in this browser to
            continue where you left off.
          </p>
          <div>
            <Button onClick={() => startAs({ mode: "new" })}>Start interview</Button>
          </div>
        </section>
      );
    case "starting":
      return (
        <p role="status" className={styles.step}>
          {retry.mode === "resume" ? "Reconnecting to your interview…" : "Starting your interview…"}
        </p>
      );
    case "refused":
      return (
        <>
          <div role="alert" className={cx(styles.notice, styles.problem)}>
            <h2>{refusal?.title}</h2>
            <p>{refusal?.detail.replace(/\.?$/, ".")}</p>
            <p className="muted">
              If you think this is a mistake, reply to your invitation email or contact {props.companyName}.
            </p>
          </div>
          {!refusal?.final && (
            <div>
              <Button onClick={() => startAs(retry)}>Try again</Button>
            </div>
          )}
        </>
      );
    case "resume-refused":
      return resumeRefusal ? (
        <ResumeChoice
          code={resumeRefusal}
          attemptsLeft={props.attemptsLeft}
          companyName={props.companyName}
          onStartNew={() => startAs({ mode: "new" })}
        />
      ) : null;
    case "withdrawn":
      return <WithdrawnNotice companyName={props.companyName} />;
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
          startedOver={startedOver}
          onDevicesLost={() => setStep("devices")}
          onWithdrawn={() => {
            stopStream(stream);
            setStep("withdrawn");
          }}
          onCompleted={() => {
            stopStream(stream);
            router.refresh();
          }}
        />
      ) : null;
  }
}
