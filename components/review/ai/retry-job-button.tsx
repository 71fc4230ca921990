"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/http/server-action";
import type { RetryJobAction } from "./ai-review-data";

interface RetryJobButtonProps {
  jobId: string;
  /** Completes "Retry …" for assistive technology and the dialog, e.g. "the transcription of answer 2". */
  what: string;
  action: RetryJobAction;
  /** A lasting element (tabIndex -1) that takes focus once the job is requeued, since this button then goes away. */
  focusAfterId: string;
}

/** Puts a failed AI job back on its queue after a confirmation; the page then shows it running. */
export function RetryJobButton({ jobId, what, action, focusAfterId }: RetryJobButtonProps) {
  const router = useRouter();
  const [outcome, setOutcome] = useState<FormState>({});
  const retry = async () => {
    const data = new FormData();
    data.set("jobId", jobId);
    const state = await action({}, data);
    setOutcome(state.ok ? {} : state);
    if (!state.ok) return;
    router.refresh();
    // After the dialog has closed and handed focus back to this button, which the refreshed page no longer shows.
    setTimeout(() => document.getElementById(focusAfterId)?.focus(), 0);
  };
  return (
    <>
      <ConfirmDialog
        triggerLabel={
          <>
            Retry<span className="visually-hidden"> {what}</span>
          </>
        }
        title={`Retry ${what}?`}
        description="The job goes back on its queue for one more attempt and a worker runs it again within a few seconds. The retry is recorded in the audit log."
        confirmLabel="Retry"
        pendingLabel="Retrying…"
        onConfirm={retry}
      />
      <FormMessage state={outcome} compact />
    </>
  );
}
