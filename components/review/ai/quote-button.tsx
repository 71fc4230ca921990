"use client";

import styles from "../review.module.css";
import { clockText } from "./ai-labels";
import { seekAnswerVideo } from "./seek-video";

interface QuoteButtonProps {
  /** The answer (0-based) whose recording the quote is from. */
  answer: number;
  text: string;
  /** Seconds into that recording; null when the transcript had no word times (then the quote cannot be played). */
  start: number | null;
  /** Names the answer too, where quotes from several answers sit together (the summary). */
  showAnswer?: boolean;
}

/** “A quote” at 0:12: plays that answer's recording from where the candidate said it (scrolling to its player). */
export function QuoteButton({ answer, text, start, showAnswer = false }: QuoteButtonProps) {
  const where = showAnswer ? `answer ${answer + 1}` : null;
  if (start === null) {
    return (
      <span className={styles.quote}>
        “{text}”{where && <span className={styles.sub}> ({where})</span>}
      </span>
    );
  }
  return (
    <button
      type="button"
      className={styles.quoteButton}
      onClick={() => seekAnswerVideo(answer, start, { reveal: true })}
    >
      “{text}” {where ? `(${where} at ${clockText(start)})` : `at ${clockText(start)}`}
    </button>
  );
}
