import { Badge, type BadgeTone } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import type { Decision } from "@/db/schema";
import { DECISION_LABELS } from "@/lib/decisions/labels";
import type { DecisionJson } from "@/lib/decisions/serialize";
import styles from "./decision.module.css";

export const DECISION_TONES: Record<Decision, BadgeTone> = { advance: "success", hold: "warning", reject: "danger" };

const EMAIL_STATES: Record<string, string> = {
  queued: "emailed to the candidate (waiting in the outbox)",
  sending: "email being sent to the candidate",
  sent: "emailed to the candidate",
  failed: "the email to the candidate failed",
};

function DecisionEntry({ entry }: { entry: DecisionJson }) {
  return (
    <>
      <p className={styles.entryHead}>
        <Badge tone={DECISION_TONES[entry.decision]}>{DECISION_LABELS[entry.decision]}</Badge>
        <span>
          by {entry.decided_by.name} · <LocalTime iso={entry.created_at} />
        </span>
      </p>
      {entry.reason && <p className={styles.reason}>{entry.reason}</p>}
      {entry.email && (
        <p className={styles.sub}>
          {entry.email.to}: {EMAIL_STATES[entry.email.status] ?? entry.email.status}
          {entry.email.sent_at && (
            <>
              {" "}
              (<LocalTime iso={entry.email.sent_at} />)
            </>
          )}
        </p>
      )}
    </>
  );
}

/** The current decision, and the earlier ones (newest first) under a disclosure. */
export function DecisionHistory({ current, history }: { current: DecisionJson | null; history: DecisionJson[] }) {
  if (!current) return <p className="muted">No decision yet.</p>;
  const earlier = history.slice(1);
  return (
    <div className={styles.history}>
      <div className={styles.current} aria-label="Current decision" role="group">
        <DecisionEntry entry={current} />
      </div>
      {earlier.length > 0 && (
        <details className={styles.earlier}>
          <summary>
            {earlier.length} earlier {earlier.length === 1 ? "decision" : "decisions"}
          </summary>
          <ol className={styles.entries}>
            {earlier.map((entry) => (
              <li key={entry.id}>
                <DecisionEntry entry={entry} />
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
