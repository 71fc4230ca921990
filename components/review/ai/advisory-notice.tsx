import styles from "../review.module.css";

/** Said next to every AI score and summary: the AI advises, people decide. */
export function AdvisoryNotice({
  subject = "the scores are",
  scope = "this answer's transcript",
}: {
  subject?: string;
  scope?: string;
}) {
  return (
    <p className={styles.advisory}>
      <strong>AI advice:</strong> {subject} suggestions from an AI model, based only on {scope}. People make the
      decision.
    </p>
  );
}
