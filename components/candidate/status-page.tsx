import type { ReactNode } from "react";
import { LocalTime } from "@/components/ui/local-time";
import type { Decision } from "@/lib/decisions/kinds";
import type { InviteView } from "@/lib/invites/landing";
import type { StatusPageFacts } from "@/lib/invites/status-page";
import { ErasureRequestPanel } from "./erasure-request";
import { Receipt } from "./receipt";
import styles from "./candidate.module.css";

// Neutral words for the decision the company chose to tell the candidate: never its internal reason.
const DECISION_TEXT: Record<Decision, (company: string) => string> = {
  advance: (c) => `${c} would like to move forward with your application. They will contact you about the next steps.`,
  hold: (c) => `${c} has put your application on hold for now. They will contact you once they have decided.`,
  reject: (c) =>
    `${c} has decided not to move forward with your application. Thank you for the time you gave to this interview.`,
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The candidate's status page under the invite's state message: attempts, the pending extension request (`children`,
 * when the invite has one), the decision once the company told them, the receipt of each completed attempt, and
 * asking the company to delete their recordings.
 */
export function StatusPage({
  view,
  status,
  token,
  children,
}: {
  view: InviteView;
  status: StatusPageFacts;
  token: string;
  children?: ReactNode;
}) {
  const company = view.companyName ?? "the company";
  const several = status.receipts.length > 1;
  return (
    <section aria-labelledby="status-title" className="stack">
      <h2 id="status-title">Your invitation</h2>
      <dl className={styles.facts}>
        <div>
          <dt>Attempts used</dt>
          <dd>
            {status.attemptsUsed} of {status.maxAttempts}
          </dd>
        </div>
        <div>
          <dt>Attempts left</dt>
          <dd>{plural(Math.max(0, status.maxAttempts - status.attemptsUsed), "attempt", "attempts")}</dd>
        </div>
      </dl>
      {children}
      {status.decision && (
        <section aria-labelledby="decision-title" className={styles.notice}>
          <h3 id="decision-title">News about your application</h3>
          <p>{DECISION_TEXT[status.decision.decision](company)}</p>
          <p className="muted">
            Sent to you on <LocalTime iso={status.decision.toldAt} precision="date" />.
          </p>
        </section>
      )}
      {status.receipts.map((receipt, i) => (
        <Receipt
          key={receipt.session_id}
          receipt={receipt}
          title={several ? `Your receipt, attempt ${i + 1}` : "Your receipt"}
          titleId={`receipt-title-${i}`}
          headingLevel={3}
        />
      ))}
      <ErasureRequestPanel token={token} companyName={company} erasure={status.erasure} headingLevel={3} />
    </section>
  );
}
