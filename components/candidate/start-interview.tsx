"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/class-names";
import styles from "./candidate.module.css";

type Outcome =
  | { kind: "idle" }
  | { kind: "started"; attempt: number; resumed: boolean }
  | { kind: "refused"; title: string; detail: string; final: boolean };

// What each refusal means for the candidate (the API's precedence: 400 beats 410 beats 403).
const REFUSALS: Record<number, string> = {
  400: "This link can't be used",
  403: "You have no attempts left",
  410: "This invitation has expired",
  409: "Please try again",
  429: "Please wait a moment",
};
// Refusals that no retry can fix; the others keep the button.
const FINAL = new Set([400, 403, 410]);

/** Starts (or, from the same browser within the grace window, resumes) the interview. Only this button uses an attempt. */
export function StartInterview({ token, label, companyName }: { token: string; label: string; companyName: string }) {
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });
  const [busy, setBusy] = useState(false);

  const start = async () => {
    setBusy(true);
    try {
      const response = await fetch("/api/candidates/interviews/start-session", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token }),
      });
      const body = (await response.json().catch(() => ({}))) as { attempt_number?: number; resumed?: boolean; detail?: unknown };
      if (response.ok) setOutcome({ kind: "started", attempt: body.attempt_number ?? 1, resumed: Boolean(body.resumed) });
      else {
        const detail = typeof body.detail === "string" ? body.detail : "The interview could not be started.";
        setOutcome({ kind: "refused", title: REFUSALS[response.status] ?? "Something went wrong", detail, final: FINAL.has(response.status) });
      }
    } catch {
      // The request may still have reached the server, so promise nothing about attempts.
      setOutcome({ kind: "refused", title: "You seem to be offline", detail: "Check your internet connection and try again.", final: false });
    } finally {
      setBusy(false);
    }
  };

  if (outcome.kind === "started") {
    return (
      <div role="status" className={cx(styles.notice, styles.success)}>
        <h2>Your interview room is being prepared</h2>
        <p>
          {outcome.resumed ? "Welcome back: you are continuing" : "You are on"} attempt {outcome.attempt}. Keep this page open; your camera and microphone
          will be checked before the first question.
        </p>
      </div>
    );
  }
  return (
    <>
      <div role="alert">
        {outcome.kind === "refused" && (
          <div className={cx(styles.notice, styles.problem)}>
            <h2>{outcome.title}</h2>
            <p>{outcome.detail.replace(/\.?$/, ".")}</p>
            <p className="muted">If you think this is a mistake, reply to your invitation email or contact {companyName}.</p>
          </div>
        )}
      </div>
      {(outcome.kind !== "refused" || !outcome.final) && (
        <div>
          <Button onClick={start} pending={busy}>
            {busy ? "Starting…" : label}
          </Button>
        </div>
      )}
    </>
  );
}
