import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { EmptyRow, Table } from "@/components/ui/table";
import type { InterviewStatus } from "@/lib/interviews/status";
import { INTERVIEW_STATUS_LABELS } from "./interview-labels";
import styles from "./interviews.module.css";

export interface InterviewListRow {
  id: string;
  title: string;
  position: string | null;
  status: InterviewStatus;
  createdAt: string;
  counts: { invited: number; started: number; completed: number };
}

export function InterviewsTable({ interviews }: { interviews: InterviewListRow[] }) {
  return (
    <Table
      caption="Interviews, newest first"
      head={
        <tr>
          <th scope="col">Interview</th>
          <th scope="col">Status</th>
          <th scope="col" className={styles.num}>
            Invited
          </th>
          <th scope="col" className={styles.num}>
            Started
          </th>
          <th scope="col" className={styles.num}>
            Completed
          </th>
          <th scope="col">Created</th>
        </tr>
      }
    >
      {interviews.length === 0 && <EmptyRow colSpan={6}>No interviews on this page.</EmptyRow>}
      {interviews.map((interview) => {
        const status = INTERVIEW_STATUS_LABELS[interview.status];
        return (
          <tr key={interview.id}>
            <td>
              <span className={styles.titleCell}>
                <Link href={`/dashboard/interviews/${interview.id}`} className={styles.titleLink}>
                  {interview.title}
                </Link>
                {interview.position && <span className={styles.sub}>{interview.position}</span>}
              </span>
            </td>
            <td>
              <Badge tone={status.tone}>{status.label}</Badge>
            </td>
            <td className={styles.num}>{interview.counts.invited}</td>
            <td className={styles.num}>{interview.counts.started}</td>
            <td className={styles.num}>{interview.counts.completed}</td>
            <td className={styles.nowrap}>
              <LocalTime iso={interview.createdAt} precision="date" />
            </td>
          </tr>
        );
      })}
    </Table>
  );
}
