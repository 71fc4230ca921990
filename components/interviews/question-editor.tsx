"use client";

import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { CriteriaEditor } from "./criteria-editor";
import type { QuestionDraft } from "@/lib/interviews/form-data";
import type { CriterionDraft } from "@/lib/interviews/rubric-draft";
import type { Confirm } from "./use-confirm";
import styles from "./interviews.module.css";

interface QuestionEditorProps {
  questions: QuestionDraft[];
  errors: Record<number, Record<string, string>>;
  /** DraftErrors.rubric: each question's criteria find their own problems in it. */
  rubricErrors: Record<string, string>;
  listError?: string;
  /** What a question added here starts with: the default criteria on a new interview, none on an existing one. */
  startingCriteria: () => CriterionDraft[];
  confirm: Confirm;
  onChange: (questions: QuestionDraft[]) => void;
}

const MAX_QUESTIONS = 50;

let nextKey = 0;
export const newQuestion = (
  text = "",
  timeLimit = "120",
  thinkTime = "",
  criteria: CriterionDraft[] = [],
): QuestionDraft => ({
  key: `q${nextKey++}`,
  text,
  timeLimit,
  thinkTime,
  criteria,
});

/**
 * The ordered question list: add, remove, move up/down with real buttons (keyboard and screen reader friendly). Each
 * question carries its scoring criteria, which move and go with it.
 */
export function QuestionEditor({
  questions,
  errors,
  rubricErrors,
  listError,
  startingCriteria,
  confirm,
  onChange,
}: QuestionEditorProps) {
  const set = (index: number, patch: Partial<QuestionDraft>) =>
    onChange(questions.map((q, i) => (i === index ? { ...q, ...patch } : q)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...questions];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    onChange(next);
    // Keep focus on the moved question's button so repeated presses keep moving it; at the end of the list that
    // button is disabled, so focus its opposite instead of dropping focus to the page.
    requestAnimationFrame(() => {
      const same = document.getElementById(`${item!.key}-${by < 0 ? "up" : "down"}`) as HTMLButtonElement | null;
      const other = document.getElementById(`${item!.key}-${by < 0 ? "down" : "up"}`);
      (same && !same.disabled ? same : other)?.focus();
    });
  };
  return (
    <fieldset className={styles.questions}>
      <legend className={styles.legend}>Questions</legend>
      <p className="muted">Candidates answer in this order. Each answer is recorded within its time limit.</p>
      {listError && <p className={styles.listError}>{listError}</p>}
      <ol className={styles.questionList}>
        {questions.map((q, index) => {
          const e = errors[index] ?? {};
          const n = index + 1;
          return (
            <li key={q.key} className={styles.question}>
              <div className={styles.questionHead}>
                <h3>Question {n}</h3>
                <div className={styles.questionTools}>
                  <Button
                    id={`${q.key}-up`}
                    variant="ghost"
                    size="sm"
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    <span aria-hidden="true">↑</span>
                    <span className="visually-hidden">Move question {n} up</span>
                  </Button>
                  <Button
                    id={`${q.key}-down`}
                    variant="ghost"
                    size="sm"
                    disabled={index === questions.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    <span aria-hidden="true">↓</span>
                    <span className="visually-hidden">Move question {n} down</span>
                  </Button>
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={questions.length === 1}
                    onClick={() => onChange(questions.filter((_, i) => i !== index))}
                  >
                    Remove<span className="visually-hidden"> question {n}</span>
                  </Button>
                </div>
              </div>
              <div className={styles.questionFields}>
                <div className={styles.wide}>
                  <TextField
                    label={`Question ${n} text`}
                    value={q.text}
                    onChange={(ev) => set(index, { text: ev.target.value })}
                    error={e.text}
                    required
                    maxLength={2000}
                  />
                </div>
                <TextField
                  label="Answer time limit (seconds)"
                  type="number"
                  inputMode="numeric"
                  min={10}
                  max={1800}
                  value={q.timeLimit}
                  onChange={(ev) => set(index, { timeLimit: ev.target.value })}
                  hint="10–1800"
                  error={e.time_limit_seconds}
                />
                <TextField
                  label="Think time (seconds, optional)"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={600}
                  value={q.thinkTime}
                  onChange={(ev) => set(index, { thinkTime: ev.target.value })}
                  hint="Preparation before recording starts; 0–600"
                  error={e.think_time_seconds}
                />
              </div>
              <CriteriaEditor
                n={n}
                questionKey={q.key}
                criteria={q.criteria}
                errors={rubricErrors}
                confirm={confirm}
                onChange={(criteria) => set(index, { criteria })}
              />
            </li>
          );
        })}
      </ol>
      <div>
        <Button
          variant="secondary"
          disabled={questions.length >= MAX_QUESTIONS}
          onClick={() => onChange([...questions, newQuestion("", "120", "", startingCriteria())])}
        >
          Add question
        </Button>
      </div>
    </fieldset>
  );
}
