"use client";

import { useRef, useState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { LocalTime } from "@/components/ui/local-time";
import { EmptyRow, Table } from "@/components/ui/table";
import type { FormState } from "@/lib/http/server-action";
import { queueLabel } from "./job-labels";
import { RetryJobControl } from "./retry-job-control";
import type { FailedJobRow, RetryJobAction } from "./types";
import styles from "./jobs.module.css";

/**
 * The failed jobs with a retry button each. A retried job leaves the list, taking its button with it, so the outcome
 * is shown above the table and focus moves there (rather than to the top of the page).
 */
export function FailedJobsTable({ jobs, retry }: { jobs: FailedJobRow[]; retry: RetryJobAction }) {
  const [outcome, setOutcome] = useState<FormState>({});
  const message = useRef<HTMLDivElement>(null);
  const show = (state: FormState) => {
    setOutcome(state);
    requestAnimationFrame(() => message.current?.focus());
  };
  return (
    <>
      <div ref={message} tabIndex={-1}>
        <FormMessage state={outcome} />
      </div>
      <Table
        caption="Failed jobs, most recent failure first"
        head={
          <tr>
            <th scope="col">Work</th>
            <th scope="col">Subject</th>
            <th scope="col">Last error</th>
            <th scope="col">Attempts</th>
            <th scope="col">Queued</th>
            <th scope="col">Failed</th>
            <th scope="col">Actions</th>
          </tr>
        }
      >
        {jobs.length === 0 && (
          <EmptyRow colSpan={7}>No failed jobs. Work that fails after all its retries appears here.</EmptyRow>
        )}
        {jobs.map((job) => (
          <tr key={job.id}>
            <td className={styles.nowrap}>{queueLabel(job.queue)}</td>
            <td>
              {job.subject.length > 0 ? (
                <dl className={styles.payload}>
                  {job.subject.map(([name, value]) => (
                    <div key={name} className={styles.pair}>
                      <dt>{name}</dt>
                      <dd className={styles.mono}>{value}</dd>
                    </div>
                  ))}
                </dl>
              ) : (
                <span className="muted">None</span>
              )}
            </td>
            <td className={styles.error}>{job.error ?? <span className="muted">No message</span>}</td>
            <td className={styles.num}>{job.attempts}</td>
            <td className={styles.nowrap}>
              <LocalTime iso={job.createdAt} />
            </td>
            <td className={styles.nowrap}>
              <LocalTime iso={job.failedAt} />
            </td>
            <td>
              <RetryJobControl job={job} action={retry} onOutcome={show} />
            </td>
          </tr>
        ))}
      </Table>
    </>
  );
}
