import { Badge, type BadgeTone } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { EmptyRow, Table } from "@/components/ui/table";
import styles from "./invites.module.css";

export interface OutboxRow {
  id: string;
  to: string;
  subject: string;
  text: string;
  status: "queued" | "sending" | "sent" | "failed";
  transport: string;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}

const STATUS: Record<OutboxRow["status"], { label: string; tone: BadgeTone }> = {
  queued: { label: "Queued", tone: "warning" },
  sending: { label: "Sending", tone: "primary" },
  sent: { label: "Sent", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
};

/** The text body sits in a native disclosure: keyboard and screen reader friendly, no script needed. */
export function OutboxTable({ emails }: { emails: OutboxRow[] }) {
  return (
    <Table
      caption="Emails, newest first"
      head={
        <tr>
          <th scope="col">To</th>
          <th scope="col">Subject and message</th>
          <th scope="col">Status</th>
          <th scope="col">Created</th>
          <th scope="col">Sent</th>
        </tr>
      }
    >
      {emails.length === 0 && <EmptyRow colSpan={5}>No emails yet. Invites sent with a candidate email appear here.</EmptyRow>}
      {emails.map((email) => {
        const status = STATUS[email.status];
        return (
          <tr key={email.id}>
            <td className={styles.nowrap}>{email.to}</td>
            <td>
              <details className={styles.message}>
                <summary>{email.subject}</summary>
                <pre className={styles.body}>{email.text}</pre>
              </details>
            </td>
            <td>
              <span className={styles.cellStack}>
                <Badge tone={status.tone}>{status.label}</Badge>
                {email.error && <span className={styles.sub}>{email.error}</span>}
                {email.transport === "outbox" && email.status === "queued" && <span className={styles.sub}>No mail server configured</span>}
              </span>
            </td>
            <td className={styles.nowrap}>
              <LocalTime iso={email.createdAt} />
            </td>
            <td className={styles.nowrap}>{email.sentAt ? <LocalTime iso={email.sentAt} /> : <span className="muted">Not sent</span>}</td>
          </tr>
        );
      })}
    </Table>
  );
}
