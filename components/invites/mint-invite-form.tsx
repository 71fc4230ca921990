"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { CopyLink } from "./copy-link";
import { ExpiryPicker } from "./expiry-picker";
import type { MintedInvite, PayloadAction } from "./types";
import styles from "./invites.module.css";

interface MintInviteFormProps {
  interviewId: string;
  action: PayloadAction<MintedInvite>;
  close: () => void;
}

const DELIVERY_TEXT: Record<NonNullable<MintedInvite["delivery"]>, string> = {
  queued:
    "It is sent in the background, and retried if the mail server is busy; the Outbox shows when it is delivered.",
  outbox: "No mail server is configured: the email waits in the Outbox.",
};

/** Name, email, expiry and attempts; then the link, shown exactly once. */
export function MintInviteForm({ interviewId, action, close }: MintInviteFormProps) {
  const [state, dispatch, pending] = useActionState(action, {});
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
  const minted = state.payload;
  if (minted) {
    return (
      <>
        <FormMessage state={state} />
        <p className={styles.once}>
          Copy the link now: only a fingerprint of it is stored, so it will not be shown again.
        </p>
        <CopyLink url={minted.url} />
        {minted.delivery && <p className="muted">{DELIVERY_TEXT[minted.delivery]}</p>}
        <div className={styles.dialogActions}>
          <Button onClick={close}>Done</Button>
        </div>
      </>
    );
  }
  const errors = state.fieldErrors ?? {};
  return (
    <form method="post" noValidate onSubmit={submit} className="stack">
      <input type="hidden" name="interviewId" value={interviewId} />
      <div className={styles.formGrid}>
        <TextField
          label="Candidate name"
          name="candidate_name"
          autoComplete="off"
          maxLength={200}
          error={errors.candidate_name}
        />
        <TextField
          label="Candidate email"
          name="candidate_email"
          type="email"
          autoComplete="off"
          hint="Optional. With an email, the invite is sent to them."
          error={errors.candidate_email}
        />
        <TextField
          label="Attempts allowed"
          name="max_attempts"
          type="number"
          min={1}
          max={10}
          defaultValue="1"
          hint="1–10"
          error={errors.max_attempts}
        />
        <ExpiryPicker errors={errors} />
      </div>
      <FormMessage state={state} />
      <div className={styles.dialogActions}>
        <Button variant="secondary" onClick={close}>
          Cancel
        </Button>
        <SubmitButton pending={pending} pendingLabel="Creating…">
          Create invite
        </SubmitButton>
      </div>
    </form>
  );
}
