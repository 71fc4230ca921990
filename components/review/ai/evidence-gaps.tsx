import styles from "../review.module.css";
import { gapText } from "./ai-labels";
import type { SessionSummary } from "./ai-review-data";

/** Criteria the answers gave the AI too little to go on, or whose assessment could not be verified. */
export function EvidenceGaps({ gaps }: { gaps: SessionSummary["gaps"] }) {
  return (
    <section aria-labelledby="ai-summary-gaps-heading" className={styles.summaryPart}>
      <h3 id="ai-summary-gaps-heading">Gaps in the evidence</h3>
      {gaps.length === 0 ? (
        <p className="muted">Every criterion was scored from the answers.</p>
      ) : (
        <ul className={styles.summaryPoints}>
          {gaps.map((gap) => (
            <li key={`${gap.status}-${gap.criterion}`}>{gapText(gap)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
