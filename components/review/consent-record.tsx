import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import type { SessionDetailJson } from "@/lib/review/serialize";
import { CONSENT_PARTS } from "./review-labels";
import styles from "./review.module.css";

/** What the candidate agreed to, in the words they saw, and when and from where. */
export function ConsentRecord({ consent }: { consent: SessionDetailJson["consent"] }) {
  if (!consent) {
    return (
      <Card title="Consent">
        <p className="muted">No consent is on record for this invite.</p>
      </Card>
    );
  }
  const text = (key: string) => {
    const value = consent.statement[key];
    return typeof value === "string" ? value : null;
  };
  return (
    <Card title="Consent" description={`Wording version ${consent.version}`}>
      <dl className={styles.facts}>
        <div>
          <dt>Accepted</dt>
          <dd>
            <LocalTime iso={consent.accepted_at} precision="seconds" />
          </dd>
        </div>
        <div>
          <dt>From IP address</dt>
          <dd className={styles.mono}>{consent.ip_address ?? "Unknown"}</dd>
        </div>
        {text("company") && (
          <div>
            <dt>Company</dt>
            <dd>{text("company")}</dd>
          </div>
        )}
      </dl>
      <dl className={styles.statement}>
        {CONSENT_PARTS.filter(([key]) => text(key)).map(([key, label]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd>{text(key)}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
