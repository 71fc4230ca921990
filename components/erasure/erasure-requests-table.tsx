"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { FormMessage } from "@/components/ui/form-message";
import { LocalTime } from "@/components/ui/local-time";
import { EmptyRow, Table } from "@/components/ui/table";
import type { FormState } from "@/lib/http/server-action";
import { EraseControl } from "./erase-control";
import type { EraseAction, ErasureRow } from "./types";
import styles from "./erasure.module.css";

// What each count of the summary counts, singular and plural.
const SUMMARY_LABELS: Record<string, [string, string]> = {
  sessions: ["attempt", "attempts"],
  recordings: ["recording", "recordings"],
  transcripts: ["transcript", "transcripts"],
  evaluations: ["AI evaluation", "AI evaluations"],
  observation_notes: ["observer note", "observer notes"],
  emails_redacted: ["email redacted", "emails redacted"],
  audit_rows_anonymised: ["audit row anonymised", "audit rows anonymised"],
};

const counted = (key: string, n: number) => {
  const [one, many] = SUMMARY_LABELS[key] ?? [key.replaceAll("_", " "), key.replaceAll("_", " ")];
  return `${n} ${n === 1 ? one : many}`;
};

function Summary({ summary }: { summary: Record<string, number> | null }) {
  if (!summary) return <span className="muted">None</span>;
  return (
    <ul className={styles.summary}>
      {Object.entries(summary).map(([key, n]) => (
        <li key={key}>{counted(key, n)}</li>
      ))}
    </ul>
  );
}

/**
 * The company's erasure requests, pending first, with "Erase now" on each pending one. An erased row keeps its place
 * but loses its button, so the outcome is shown above the table and focus moves there.
 */
export function ErasureRequestsTable({ requests, erase }: { requests: ErasureRow[]; erase: EraseAction }) {
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
        caption="Erasure requests, pending first"
        head={
          <tr>
            <th scope="col">Candidate</th>
            <th scope="col">Interview</th>
            <th scope="col">Requested</th>
            <th scope="col">Status</th>
            <th scope="col">What was removed</th>
            <th scope="col">Actions</th>
          </tr>
        }
      >
        {requests.length === 0 && (
          <EmptyRow colSpan={6}>
            No erasure requests. When a candidate asks, from their invitation link, for their recordings to be deleted,
            the request appears here.
          </EmptyRow>
        )}
        {requests.map((r) => (
          <tr key={r.id}>
            <td>{r.candidate ?? <span className="muted">Erased</span>}</td>
            <td>
              <Link href={`/dashboard/interviews/${r.interviewId}`}>{r.interviewTitle}</Link>
            </td>
            <td>
              <LocalTime iso={r.requestedAt} />
            </td>
            <td>
              {r.status === "pending" ? (
                <Badge tone="warning">Pending</Badge>
              ) : (
                <>
                  <Badge tone="success">Erased</Badge>{" "}
                  {r.completedAt && (
                    <span className="muted">
                      <LocalTime iso={r.completedAt} />
                      {r.completedBy && <> by {r.completedBy}</>}
                    </span>
                  )}
                </>
              )}
            </td>
            <td>
              <Summary summary={r.summary} />
            </td>
            <td>
              {r.status === "pending" ? (
                <EraseControl request={r} action={erase} onOutcome={show} />
              ) : (
                <span className="muted">Done</span>
              )}
            </td>
          </tr>
        ))}
      </Table>
    </>
  );
}
