import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { EmptyRow, Table } from "@/components/ui/table";
import type { SessionSummaryJson } from "@/lib/review/serialize";
import { LiveBadge } from "./live-badge";
import { durationMsText, SESSION_STATUS_LABELS } from "./review-labels";
import styles from "./review.module.css";

export const sessionHref = (interviewId: string, sessionId: string) =>
  `/dashboard/interviews/${interviewId}/sessions/${sessionId}`;

interface SessionsTableProps {
  interviewId: string;
  sessions: SessionSummaryJson[];
  /** Shown when there is no row (no session at all, or a page past the end). */
  emptyText: string;
}

export function SessionsTable({ interviewId, sessions, emptyText }: SessionsTableProps) {
  return (
    <Table
      caption="Interview sessions"
      head={
        <tr>
          <th scope="col">Candidate</th>
          <th scope="col">Attempt</th>
          <th scope="col">Status</th>
          <th scope="col">Started</th>
          <th scope="col">Ended</th>
          <th scope="col">Duration</th>
          <th scope="col">Answers ready</th>
        </tr>
      }
    >
      {sessions.length === 0 && <EmptyRow colSpan={7}>{emptyText}</EmptyRow>}
      {sessions.map((s) => {
        const status = SESSION_STATUS_LABELS[s.status];
        return (
          <tr key={s.id}>
            <td>
              <span className={styles.candidate}>
                <Link href={sessionHref(interviewId, s.id)} className={styles.candidateName}>
                  {s.candidate_name ?? "Unnamed candidate"}
                  <span className="visually-hidden">, attempt {s.attempt_number}</span>
                </Link>
                {s.candidate_email && <span className={styles.sub}>{s.candidate_email}</span>}
              </span>
            </td>
            <td className={styles.num}>{s.attempt_number}</td>
            <td>
              <span className={styles.chips}>
                <Badge tone={status.tone}>{status.label}</Badge>
                {s.live && <LiveBadge currentQuestion={s.current_question} questionCount={s.question_count} />}
              </span>
            </td>
            <td className={styles.nowrap}>
              <LocalTime iso={s.started_at} />
            </td>
            <td className={styles.nowrap}>{s.ended_at ? <LocalTime iso={s.ended_at} /> : "—"}</td>
            <td className={styles.num}>{durationMsText(s.duration_ms)}</td>
            <td className={styles.num}>
              {s.answers_ready} of {s.question_count}
            </td>
          </tr>
        );
      })}
    </Table>
  );
}
