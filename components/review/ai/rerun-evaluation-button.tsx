"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/http/server-action";

type Reply = { version?: number; detail?: unknown };

function detailOf(reply: Reply, fallback: string): string {
  const detail = Array.isArray(reply.detail) ? (reply.detail[0] as { msg?: unknown } | undefined)?.msg : reply.detail;
  return typeof detail === "string" ? detail : fallback;
}

interface RerunEvaluationButtonProps {
  sessionId: string;
  /** While an evaluation is queued or running there is nothing to re-run: the button gives way, its outcome stays. */
  evaluating: boolean;
  /** A lasting element (tabIndex -1) that takes focus once the re-run is queued, since the button then goes away. */
  focusAfterId: string;
}

/** Asks for a new evaluation version (HR and ADMIN) after a confirmation; the earlier versions stay. */
export function RerunEvaluationButton({ sessionId, evaluating, focusAfterId }: RerunEvaluationButtonProps) {
  const router = useRouter();
  const [outcome, setOutcome] = useState<FormState>({});
  const rerun = async () => {
    try {
      const response = await fetch(`/api/interviewer/sessions/${sessionId}/evaluations`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      const reply = (await response.json().catch(() => ({}))) as Reply;
      if (response.status === 202) {
        setOutcome({
          ok: true,
          message:
            typeof reply.version === "number" ? `Evaluation version ${reply.version} queued.` : "Evaluation queued.",
        });
        router.refresh();
        // After the dialog has closed and handed focus back to the button, which the refreshed page no longer shows.
        setTimeout(() => document.getElementById(focusAfterId)?.focus(), 0);
      } else {
        setOutcome({ error: detailOf(reply, "The evaluation could not be started. Try again.") });
      }
    } catch {
      setOutcome({ error: "You seem to be offline; nothing was started." });
    }
  };
  return (
    <div>
      {!evaluating && (
        <ConfirmDialog
          triggerLabel="Re-run evaluation"
          title="Re-run the AI evaluation?"
          description="The AI assesses every answer again from its current transcript, with the current model and prompt, as a new version. Earlier versions stay visible. It is billed by the AI provider."
          confirmLabel="Re-run evaluation"
          pendingLabel="Starting…"
          onConfirm={rerun}
        />
      )}
      <FormMessage state={outcome} compact />
    </div>
  );
}
