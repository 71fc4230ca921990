import { LocalTime } from "@/components/ui/local-time";
import type { InviteRow } from "./types";
import styles from "./invites.module.css";

/** Under an invite's status: the reminders it was sent, each with its time, and whether the candidate opted out. */
export function InviteReminders({ invite }: { invite: Pick<InviteRow, "reminders" | "remindersUnsubscribedAt"> }) {
  const reminders = invite.reminders ?? [];
  if (reminders.length === 0 && !invite.remindersUnsubscribedAt) return null;
  return (
    <ul className={styles.reminders} aria-label="Reminders">
      {reminders.map((reminder) => (
        <li key={`${reminder.offsetHours}-${reminder.sentAt}`} className={styles.sub}>
          Reminder ({reminder.offsetHours} h before expiry) sent <LocalTime iso={reminder.sentAt} />
        </li>
      ))}
      {invite.remindersUnsubscribedAt && (
        <li className={styles.sub}>
          Unsubscribed from reminders <LocalTime iso={invite.remindersUnsubscribedAt} />
        </li>
      )}
    </ul>
  );
}
