"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { FormState } from "@/lib/http/server-action";
import { queueLabel } from "./job-labels";
import type { FailedJobRow, RetryJobAction } from "./types";

/** Retry after a confirmation; the outcome goes to the list (this row leaves it once the job is requeued). */
export function RetryJobControl({
  job,
  action,
  onOutcome,
}: {
  job: FailedJobRow;
  action: RetryJobAction;
  onOutcome: (state: FormState) => void;
}) {
  const retry = async () => {
    const data = new FormData();
    data.set("jobId", job.id);
    onOutcome(await action({}, data));
  };
  return (
    <ConfirmDialog
      triggerLabel={
        <>
          Retry
          <span className="visually-hidden">
            {" "}
            {queueLabel(job.queue)} job {job.id}
          </span>
        </>
      }
      title={`Retry this ${queueLabel(job.queue).toLowerCase()} job?`}
      description="It goes back on its queue for one more attempt, and a worker runs it again within a few seconds. The retry is recorded in the audit log."
      confirmLabel="Retry job"
      pendingLabel="Retrying…"
      onConfirm={retry}
    />
  );
}
