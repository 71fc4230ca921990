import { Badge, type BadgeTone } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import type { Decision } from "@/lib/decisions/kinds";
import { DECISION_LABELS } from "@/lib/decisions/labels";
import type { DecisionJson } from "@/lib/decisions/serialize";
import styles from "./decision.module.css";

export const DECISION_TONES: Record<Decision, BadgeTone> = { advance: "success", hold: "warning", reject: "danger" };

type DecisionEmail = NonNullable<DecisionJson["email"]>;

// What became of the candidate's email, honestly: queued is "waiting in the outbox" only without a mail server.
function emailState(email: DecisionEmail): string {
  switch (email.status) {
    case "queued":
      if (email.transport !== "smtp") return "email to the candidate waiting in the outbox (no mail server)";
      return email.attempts > 0
        ? `email to the candidate being retried (${email.error ?? "the mail server was unavailable"})`
        : "email to the candidate queued for sending";
    case "sending":
      return "email being sent to the candidate";
    case "sent":
      return "emailed to the candidate";
    case "failed":
      return `the email to the candidate failed${email.error ? `: ${email.error}` : ""}`;
  }
}

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
          {entry.email.to}: {emailState(entry.email)}
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
