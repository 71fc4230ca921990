"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { FormState } from "@/lib/http/server-action";
import type { EraseAction, ErasureRow } from "./types";

/** "Erase now", after a confirmation that says what cannot be undone; the outcome goes to the list. */
export function EraseControl({
  request,
  action,
  onOutcome,
}: {
  request: ErasureRow;
  action: EraseAction;
  onOutcome: (state: FormState) => void;
}) {
  const erase = async () => {
    const data = new FormData();
    data.set("requestId", request.id);
    onOutcome(await action({}, data));
  };
  const who = request.candidate ?? "this candidate";
  return (
    <ConfirmDialog
      triggerVariant="danger"
      triggerLabel={
        <>
          Erase now<span className="visually-hidden"> the data of {who}</span>
        </>
      }
      title={`Erase the data of ${who}?`}
      description="Every recording of every attempt is deleted from storage, with its transcripts, AI evaluations and observers' notes; the candidate's name and email are removed from the invite, their emails and the audit log, and the invite is withdrawn. Scores and decisions stay, without the name. This cannot be undone."
      confirmLabel="Erase for good"
      pendingLabel="Erasing…"
      onConfirm={erase}
    />
  );
}
