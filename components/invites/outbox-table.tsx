import { LocalTime } from "@/components/ui/local-time";
import { EmptyRow, Table } from "@/components/ui/table";
import { EmailDelivery, type EmailDeliveryState } from "./email-delivery";
import styles from "./invites.module.css";

export interface OutboxRow extends EmailDeliveryState {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
}

/** The text body sits in a native disclosure: keyboard and screen reader friendly, no script needed. */
export function OutboxTable({ emails }: { emails: OutboxRow[] }) {
  return (
    <Table
      caption="Emails, newest first"
      head={
        <tr>
          <th scope="col">To</th>
          <th scope="col">Subject and message</th>
          <th scope="col">Delivery</th>
          <th scope="col">Attempts</th>
          <th scope="col">Created</th>
          <th scope="col">Sent</th>
        </tr>
      }
    >
      {emails.length === 0 && (
        <EmptyRow colSpan={6}>No emails yet. Invites sent with a candidate email appear here.</EmptyRow>
      )}
      {emails.map((email) => (
        <tr key={email.id}>
          <td className={styles.nowrap}>{email.to}</td>
          <td>
            <details className={styles.message}>
              <summary>{email.subject}</summary>
              <pre className={styles.body}>{email.text}</pre>
            </details>
          </td>
          <td>
            <EmailDelivery email={email} />
          </td>
          <td className={styles.num}>{email.attempts}</td>
          <td className={styles.nowrap}>
            <LocalTime iso={email.createdAt} />
          </td>
          <td className={styles.nowrap}>
            {email.sentAt ? <LocalTime iso={email.sentAt} /> : <span className="muted">Not sent</span>}
          </td>
        </tr>
      ))}
    </Table>
  );
}
