"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/http/server-action";
import type { ExtensionActions, ExtensionRow } from "./types";
import styles from "./extensions.module.css";

const DEFAULT_EXTRA_DAYS = 7; // the new expiry the approve form proposes: a week from now

/** "YYYY-MM-DDTHH:mm" in the viewer's own timezone, what <input type="datetime-local"> takes. */
function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * Approve (choose the new expiry, a week from now by default, in the viewer's timezone) or decline (optional note,
 * confirmed) one waiting request. The outcome stays beside the request.
 */
export function ExtensionDecision({
  interviewId,
  request,
  actions,
}: {
  interviewId: string;
  request: ExtensionRow;
  actions: ExtensionActions;
}) {
  const [open, setOpen] = useState<"approve" | "decline" | null>(null);
  const [expiry, setExpiry] = useState("");
  const [note, setNote] = useState("");
  const [outcome, setOutcome] = useState<FormState>({});
  const who = request.candidateName ?? request.candidateEmail ?? "this candidate";

  const run = async (action: ExtensionActions["approve"], extra: Record<string, string>) => {
    const data = new FormData();
    data.set("interviewId", interviewId);
    data.set("requestId", request.id);
    if (note.trim()) data.set("note", note);
    for (const [k, v] of Object.entries(extra)) data.set(k, v);
    setOutcome(await action({}, data));
  };

  const noteField = (
    <Field label="Note to the candidate (optional)" hint="Sent in the email that tells them the decision.">
      {(control) => (
        <textarea {...control} rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      )}
    </Field>
  );

  return (
    <div className={styles.decision}>
      <div className={styles.buttons}>
        <Button
          size="sm"
          aria-expanded={open === "approve"}
          onClick={() => {
            setExpiry(localInputValue(new Date(Date.now() + DEFAULT_EXTRA_DAYS * 24 * 3600 * 1000)));
            setOpen(open === "approve" ? null : "approve");
          }}
        >
          Approve<span className="visually-hidden"> the request from {who}</span>
        </Button>
        <Button
          size="sm"
          variant="secondary"
          aria-expanded={open === "decline"}
          onClick={() => setOpen(open === "decline" ? null : "decline")}
        >
          Decline<span className="visually-hidden"> the request from {who}</span>
        </Button>
      </div>
      {open === "approve" && (
        <form
          className={styles.panel}
          action={() => run(actions.approve, { new_expires_at: expiry ? new Date(expiry).toISOString() : "" })}
        >
          <Field
            label="New expiry"
            hint="In your timezone; at least an hour from now. The candidate's link works until then."
            error={outcome.fieldErrors?.new_expires_at}
          >
            {(control) => (
              <input
                {...control}
                type="datetime-local"
                required
                value={expiry}
                onChange={(e) => setExpiry(e.target.value)}
              />
            )}
          </Field>
          {noteField}
          <div>
            <SubmitButton size="sm" pendingLabel="Approving…">
              Approve and set expiry
            </SubmitButton>
          </div>
        </form>
      )}
      {open === "decline" && (
        <div className={styles.panel}>
          {noteField}
          <div>
            <ConfirmDialog
              triggerLabel="Decline request…"
              title={`Decline the request from ${who}?`}
              description="The invite keeps its current expiry, and the candidate is emailed that they cannot have more time (with your note, if you wrote one)."
              confirmLabel="Decline request"
              pendingLabel="Declining…"
              onConfirm={() => run(actions.decline, {})}
            />
          </div>
        </div>
      )}
      <FormMessage state={outcome} compact />
    </div>
  );
}
