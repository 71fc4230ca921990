"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/class-names";
import { NetworkError, detailOf, isWithdrawn, retryable, roomApi } from "@/lib/candidate-room/api";
import { retryDelayMs } from "@/lib/candidate-room/backoff";
import type { UploaderSnapshot } from "@/lib/candidate-room/uploader";
import type { CandidateQuestion } from "@/lib/candidate-sessions/started-session";
import { AnswerStatus } from "./answer-status";
import { useLatest } from "./use-latest";
import styles from "./room.module.css";

/**
 * Waits until every answer is uploaded and verified, showing each one's progress, then completes the session. An
 * answer the server refused can be recorded again from here.
 */
export function FinishPanel(props: {
  invite: string;
  questions: CandidateQuestion[];
  uploads: UploaderSnapshot;
  serverReady: ReadonlySet<number>;
  resumeToken: () => string;
  onRetry: (answer: number) => void;
  onCompleted: () => Promise<void> | void;
  /** The company revoked the invite: the session ended and cannot be completed. */
  onWithdrawn: () => void;
}) {
  const { questions, uploads, serverReady } = props;
  const [error, setError] = useState<string | null>(null);
  const latest = useLatest(props);
  const ready = (i: number) => {
    const upload = uploads.answers.get(i);
    return upload ? upload.status === "ready" : serverReady.has(i);
  };
  const allReady = questions.every((q) => ready(q.index));
  const readyCount = questions.filter((q) => ready(q.index)).length;

  useEffect(() => {
    if (!allReady) return;
    let cancelled = false;
    (async () => {
      for (let failures = 1; !cancelled; failures++) {
        try {
          const result = await roomApi.complete(latest.current.invite, latest.current.resumeToken());
          if (cancelled) return;
          // Completing is idempotent, so a repeated call (React's development double effects) is harmless.
          if (result.status === 200) return void (await latest.current.onCompleted());
          if (isWithdrawn(result)) return latest.current.onWithdrawn();
          if (!retryable(result.status)) {
            setError(detailOf(result, "The interview could not be completed."));
            return;
          }
        } catch (e) {
          if (!(e instanceof NetworkError)) throw e;
        }
        await new Promise((r) => setTimeout(r, retryDelayMs(failures)));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [allReady, latest]);

  return (
    <div className={styles.step}>
      <p>
        {allReady
          ? "Every answer is saved and verified. Submitting your interview…"
          : `Please keep this page open while your answers finish uploading (${readyCount} of ${questions.length} verified).`}
      </p>
      <ol className={styles.finishList}>
        {questions.map((q) => {
          const upload = uploads.answers.get(q.index);
          return (
            <li key={q.index}>
              <span className={styles.finishQuestion}>
                Answer {q.index + 1}: <AnswerStatus upload={upload} serverReady={serverReady.has(q.index)} />
              </span>
              {(upload?.status === "failed" || (!upload && !serverReady.has(q.index))) && (
                <Button size="sm" onClick={() => props.onRetry(q.index)}>
                  {upload ? "Record again" : "Answer now"}
                </Button>
              )}
            </li>
          );
        })}
      </ol>
      <div role="alert">{error && <p className={cx(styles.notice, styles.problem)}>{error}</p>}</div>
      {allReady && !error && <p role="status">Submitting…</p>}
    </div>
  );
}
