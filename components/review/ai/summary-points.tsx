import styles from "../review.module.css";
import type { SessionSummary } from "./ai-review-data";
import { QuoteButton } from "./quote-button";

type Point = SessionSummary["strengths"][number];

/** Strengths or concerns, each citing the verified quotes it rests on; a quote plays its own answer's recording. */
export function SummaryPoints({ title, points, empty }: { title: string; points: Point[]; empty: string }) {
  const headingId = `ai-summary-${title.toLowerCase()}-heading`;
  return (
    <section aria-labelledby={headingId} className={styles.summaryPart}>
      <h3 id={headingId}>{title}</h3>
      {points.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className={styles.summaryPoints}>
          {points.map((point, index) => (
            <li key={index}>
              <p>{point.text}</p>
              <ul className={styles.quotes} aria-label="Evidence">
                {point.evidence.map((quote, at) => (
                  <li key={`${quote.answer}-${quote.start}-${at}`}>
                    <QuoteButton answer={quote.answer} text={quote.text} start={quote.start} showAnswer />
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
