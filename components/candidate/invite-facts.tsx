import { LocalTime } from "@/components/ui/local-time";
import { describeExpiryRule, formatInZone, ruleTimeZone } from "@/lib/invites/expiry-rules";
import type { InviteView } from "@/lib/invites/landing";
import styles from "./candidate.module.css";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Questions, attempts left and the expiry, the expiry in the candidate's own timezone. */
export function InviteFacts({ view }: { view: InviteView }) {
  return (
    <dl className={styles.facts}>
      {view.questionCount !== undefined && (
        <div>
          <dt>Questions</dt>
          <dd>{plural(view.questionCount, "question", "questions")}</dd>
        </div>
      )}
      {view.attemptsLeft !== undefined && (
        <div>
          <dt>Attempts left</dt>
          <dd>{plural(view.attemptsLeft, "attempt", "attempts")}</dd>
        </div>
      )}
      {view.expiresAt && (
        <div>
          <dt>Link valid until</dt>
          <dd>
            <LocalTime iso={view.expiresAt} />
            <ExpiryRuleWords view={view} />
          </dd>
        </div>
      )}
    </dl>
  );
}

/** The expiry as the rule's zone reads it ("Friday 4 Dec, 23:59 (Europe/Berlin)"), and the rule in plain words. */
function ExpiryRuleWords({ view }: { view: InviteView }) {
  if (!view.expiryRule || !view.expiresAt) return null;
  const zone = ruleTimeZone(view.expiryRule);
  return (
    <>
      {zone && (
        <span className={styles.expiryRule}>
          {formatInZone(new Date(view.expiresAt), zone)} ({zone})
        </span>
      )}
      {view.expiryRule.kind !== "at" && (
        <span className={styles.expiryRule}>{describeExpiryRule(view.expiryRule)}</span>
      )}
    </>
  );
}
