import { SCORES_HIDDEN_TEXT } from "./scorecard-labels";
import styles from "./scorecard.module.css";

/** Blind review, said where scores would be: why they are missing and how to see them. */
export function ScoresHiddenNotice({ what = "The AI's scores and summary are hidden" }: { what?: string }) {
  return (
    <p className={styles.notice}>
      <strong>Blind review:</strong> {what} until you submit your own scorecard, so that no one else&apos;s opinion
      anchors yours. <a href="#scorecards-heading">{SCORES_HIDDEN_TEXT}</a>
    </p>
  );
}
