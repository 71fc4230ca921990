import { Badge, type BadgeTone } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import styles from "./invites.module.css";

/** What the dashboard knows of one email's delivery (an outbox row); times as ISO-8601. */
export interface EmailDeliveryState {
  status: "queued" | "sending" | "sent" | "failed";
  transport: string;
  error: string | null;
  attempts: number;
  lastAttemptAt: string | null;
  sentAt: string | null;
}

type Phase = "outbox" | "queued" | "retrying" | "sending" | "sent" | "failed";

const PHASES: Record<Phase, { label: string; tone: BadgeTone }> = {
  outbox: { label: "In the outbox", tone: "warning" },
  queued: { label: "Queued", tone: "warning" },
  retrying: { label: "Retrying", tone: "warning" },
  sending: { label: "Sending", tone: "primary" },
  sent: { label: "Sent", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
};

// A queued row is one of three things: written without a mail server (it stays for a person to hand over), waiting
// for its first job, or handed back after a transient failure for the job's next attempt.
function phaseOf(email: EmailDeliveryState): Phase {
  if (email.status !== "queued") return email.status;
  if (email.transport !== "smtp") return "outbox";
  return email.attempts > 0 ? "retrying" : "queued";
}

const plural = (n: number) => `${n} ${n === 1 ? "attempt" : "attempts"}`;

/** One sentence on what happens next, beside the badge. */
function detailOf(phase: Phase, email: EmailDeliveryState): string {
  switch (phase) {
    case "outbox":
      return "No mail server configured";
    case "queued":
      return "Waiting to be sent";
    case "retrying":
      return `Attempt ${email.attempts} failed; it is tried again shortly`;
    case "sending":
      return `Attempt ${email.attempts} under way (an interrupted send is not repeated, so it never arrives twice)`;
    case "sent":
      return email.attempts > 1 ? `Delivered after ${plural(email.attempts)}` : "Delivered";
    case "failed":
      return `Not delivered after ${plural(email.attempts)}`;
  }
}

/** The badge, the next step, the last error and when it was last tried, in the viewer's timezone. */
export function EmailDelivery({ email, compact = false }: { email: EmailDeliveryState; compact?: boolean }) {
  const phase = phaseOf(email);
  const { label, tone } = PHASES[phase];
  const showError = email.error && (phase === "failed" || phase === "retrying");
  return (
    <span className={styles.cellStack}>
      <Badge tone={tone}>{label}</Badge>
      {!compact && <span className={styles.sub}>{detailOf(phase, email)}</span>}
      {showError && (
        <span className={styles.sub}>
          {phase === "failed" ? "Reason" : "Last error"}: {email.error}
        </span>
      )}
      {email.lastAttemptAt && phase !== "sent" && (
        <span className={styles.sub}>
          Last tried <LocalTime iso={email.lastAttemptAt} />
        </span>
      )}
    </span>
  );
}
