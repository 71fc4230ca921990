import styles from "../review.module.css";
import { scoreText, unverifiableText } from "./ai-labels";
import type { CriterionEvaluation } from "./ai-review-data";
import { QuoteButton } from "./quote-button";

/** One criterion of one answer as the AI assessed it: its score, why, and the candidate's words it rests on. */
export function CriterionResult({ answer, criterion }: { answer: number; criterion: CriterionEvaluation }) {
  return (
    <li className={styles.criterion}>
      <p className={styles.criterionHead}>
        <span className={styles.criterionName}>{criterion.criterion}</span>
        <span className={criterion.status === "scored" ? styles.score : styles.noScore}>
          <span className="visually-hidden">AI score: </span>
          {scoreText(criterion)}
        </span>
      </p>
      {criterion.status === "unverifiable" ? (
        <p className="muted">{unverifiableText(criterion)}</p>
      ) : (
        <p>{criterion.rationale}</p>
      )}
      {criterion.status === "scored" && criterion.evidence.length > 0 && (
        <ul className={styles.quotes} aria-label={`Evidence for ${criterion.criterion}`}>
          {criterion.evidence.map((quote, index) => (
            <li key={`${quote.start}-${index}`}>
              <QuoteButton answer={answer} text={quote.text} start={quote.start} />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
