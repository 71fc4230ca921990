"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/http/server-action";
import type { InviteActions, InviteFormAction, InviteRow } from "./types";
import styles from "./invites.module.css";

interface InviteRowActionsProps {
  interviewId: string;
  invite: InviteRow;
  actions: Pick<InviteActions, "revoke" | "extend" | "resend">;
}

/**
 * Revoke (confirmed), +24 h, +1 attempt and resend (confirmed: it rotates the link). The outcome stays in the row.
 * Resend is unavailable while the candidate is mid-interview (the server refuses it too, 409 session_in_progress).
 */
export function InviteRowActions({ interviewId, invite, actions }: InviteRowActionsProps) {
  const [outcome, setOutcome] = useState<FormState>({});
  const resendHintId = useId();
  const run = async (action: InviteFormAction, extra: Record<string, string> = {}) => {
    const data = new FormData();
    data.set("interviewId", interviewId);
    data.set("tokenId", invite.id);
    for (const [k, v] of Object.entries(extra)) data.set(k, v);
    setOutcome(await action({}, data));
  };
  const who = invite.candidateEmail ?? invite.candidateName ?? "this candidate";
  const forWhom = <span className="visually-hidden"> for {who}</span>;
  if (invite.status === "revoked" || invite.status === "completed") return <span className="muted">None</span>;
  return (
    <div className={styles.cellStack}>
      <div className={styles.rowActions}>
        <form action={() => run(actions.extend, { extend: "day" })}>
          <SubmitButton variant="secondary" size="sm" pendingLabel="Extending…">
            +24 h<span className="visually-hidden"> more time</span>
            {forWhom}
          </SubmitButton>
        </form>
        <form action={() => run(actions.extend, { extend: "attempt" })}>
          <SubmitButton variant="secondary" size="sm" pendingLabel="Adding…" disabled={invite.maxAttempts >= 10}>
            +1 attempt{forWhom}
          </SubmitButton>
        </form>
        {invite.candidateEmail && invite.status === "in_progress" && (
          <Button variant="secondary" size="sm" disabled aria-describedby={resendHintId}>
            Resend{forWhom}
          </Button>
        )}
        {invite.candidateEmail && invite.status !== "in_progress" && (
          <ConfirmDialog
            triggerLabel={<>Resend{forWhom}</>}
            title={`Send a new link to ${invite.candidateEmail}?`}
            description="Only a fingerprint of each link is stored, so resending issues a new link. The link sent before stops working at once; attempts and expiry stay as they are."
            confirmLabel="Send new link"
            pendingLabel="Sending…"
            onConfirm={() => run(actions.resend)}
          />
        )}
        <ConfirmDialog
          triggerLabel={<>Revoke{forWhom}</>}
          title={`Revoke the invite for ${who}?`}
          description="The link stops working at once. An interview in progress ends now, and the candidate is told it was withdrawn; answers already recorded are kept. This cannot be undone; you can mint a new invite later."
          confirmLabel="Revoke invite"
          pendingLabel="Revoking…"
          onConfirm={() => run(actions.revoke)}
        />
      </div>
      {invite.candidateEmail && invite.status === "in_progress" && (
        <p id={resendHintId} className={styles.sub}>
          The candidate is taking the interview now: a new link would stop them from finishing, so it can be resent once
          the attempt ends.
        </p>
      )}
      <FormMessage state={outcome} compact />
    </div>
  );
}
