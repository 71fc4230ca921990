import { anchorText } from "./scorecard-labels";
import { noteField, scoreField } from "@/lib/scorecards/rules";
import type { RubricAnswer } from "./scorecard-labels";
import styles from "./scorecard.module.css";

type Criterion = RubricAnswer["criteria"][number];

interface CriterionScoreFieldProps {
  answer: number;
  criterion: Criterion;
  score: number | null;
  note?: string;
  error?: string;
}

/** One criterion: a 1-5 radio group with the rubric's anchors as hints, and an optional note. */
export function CriterionScoreField({ answer, criterion, score, note, error }: CriterionScoreFieldProps) {
  const name = scoreField(answer, criterion.name);
  const id = `sc-${answer}-${criterion.name.replace(/[^A-Za-z0-9]+/g, "-")}`;
  const where = <span className="visually-hidden"> (question {answer + 1})</span>;
  return (
    <fieldset className={styles.criterion} aria-describedby={`${id}-good${error ? ` ${id}-error` : ""}`}>
      <legend>
        {criterion.name}
        {where}
      </legend>
      <p id={`${id}-good`} className={styles.good}>
        Good: {criterion.good}
      </p>
      <div className={styles.scale}>
        {[1, 2, 3, 4, 5].map((value) => (
          <label key={value} className={styles.option}>
            <span className={styles.optionHead}>
              {/* Named by its number alone ("4"); the anchor describes it. */}
              <input
                type="radio"
                name={name}
                value={value}
                defaultChecked={score === value}
                aria-labelledby={`${id}-n${value}`}
                aria-describedby={`${id}-a${value}`}
              />
              <span id={`${id}-n${value}`}>{value}</span>
            </span>
            <span id={`${id}-a${value}`} className={styles.anchor}>
              {anchorText(criterion.anchors, value)}
            </span>
          </label>
        ))}
      </div>
      {error && (
        <p id={`${id}-error`} className={styles.error}>
          {error}
        </p>
      )}
      <label className={styles.noteLabel} htmlFor={`${id}-note`}>
        Note on {criterion.name}
        {where} (optional)
      </label>
      <textarea
        id={`${id}-note`}
        className={styles.note}
        name={noteField(answer, criterion.name)}
        defaultValue={note ?? ""}
        maxLength={1000}
        rows={2}
      />
    </fieldset>
  );
}
