import styles from "../review.module.css";
import { AdvisoryNotice } from "./advisory-notice";
import { criteriaOf, type EvaluationVersion } from "./ai-review-data";
import { CriterionResult } from "./criterion-result";

/** The shown evaluation version's criteria for one answer, marked as AI advice; nothing for an answer without criteria. */
export function AnswerAiScores({
  answer,
  hasCriteria,
  evaluation,
}: {
  answer: number;
  hasCriteria: boolean;
  evaluation: EvaluationVersion | null;
}) {
  if (!hasCriteria || !evaluation) return null;
  const number = answer + 1;
  const criteria = criteriaOf(evaluation, answer);
  return (
    <section className={styles.aiScores} aria-labelledby={`answer-${number}-scores-heading`}>
      <h4 id={`answer-${number}-scores-heading`}>AI scores (version {evaluation.version})</h4>
      <AdvisoryNotice />
      {criteria && criteria.length > 0 ? (
        <ul className={styles.criteria} aria-label={`Criteria for answer ${number}`}>
          {criteria.map((criterion) => (
            <CriterionResult key={criterion.criterion} answer={answer} criterion={criterion} />
          ))}
        </ul>
      ) : (
        <p className="muted">This answer was not scored in version {evaluation.version}: it had no transcript then.</p>
      )}
    </section>
  );
}
