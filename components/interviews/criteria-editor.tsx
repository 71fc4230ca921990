"use client";

import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, TextField } from "@/components/ui/field";
import {
  criterionHasText,
  defaultCriterionDrafts,
  MAX_CRITERIA_PER_QUESTION,
  newCriterion,
  type CriterionDraft,
} from "@/lib/interviews/rubric-draft";
import { focusLater } from "./focus-later";
import type { Confirm } from "./use-confirm";
import styles from "./interviews.module.css";

interface CriteriaEditorProps {
  /** The question's number as people see it (1-based) and its draft key (its list-wide errors sit under it). */
  n: number;
  questionKey: string;
  criteria: CriterionDraft[];
  /** The form's rubric errors (DraftErrors.rubric); a new object after every check. */
  errors: Record<string, string>;
  confirm: Confirm;
  onChange: (criteria: CriterionDraft[]) => void;
}

const ANCHORS = ["1", "3", "5"] as const;

/** One question's scoring criteria, collapsed to a summary until opened; it opens by itself when a check finds a problem in it. */
export function CriteriaEditor({ n, questionKey, criteria, errors, confirm, onChange }: CriteriaEditorProps) {
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [checked, setChecked] = useState(errors);
  const errorCount = Object.keys(errors).filter(
    (k) => k === questionKey || criteria.some((c) => k.startsWith(`${c.key}.`)),
  ).length;
  if (checked !== errors) {
    setChecked(errors);
    if (errorCount > 0) setOpen(true);
  }

  const addButton = "[data-add-criterion]";
  const set = (index: number, patch: Partial<CriterionDraft>) =>
    onChange(criteria.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  const add = () => {
    const criterion = newCriterion();
    onChange([...criteria, criterion]);
    focusLater(root, "[data-criterion]:last-child input");
  };
  const remove = async (index: number) => {
    const criterion = criteria[index]!;
    if (criterionHasText(criterion)) {
      const named = criterion.name.trim() ? `“${criterion.name.trim()}”` : "This criterion";
      const ok = await confirm({
        title: `Remove criterion ${index + 1} of question ${n}?`,
        description: `${named}, with what good looks like and its anchors, will be removed from this question.`,
        confirmLabel: "Remove criterion",
      });
      if (!ok) return;
    }
    onChange(criteria.filter((c) => c.key !== criterion.key));
    focusLater(root, addButton);
  };
  const replaceAll = async (next: CriterionDraft[], request: { title: string; confirmLabel: string }) => {
    if (criteria.some(criterionHasText)) {
      const ok = await confirm({
        ...request,
        description: `The ${countText(criteria.length)} of question ${n} and their text will be removed.`,
      });
      if (!ok) return;
    }
    onChange(next);
    focusLater(root, addButton);
  };

  const summary =
    criteria.length === 0
      ? "None: answers are transcribed but not scored"
      : `${countText(criteria.length)}${errorCount ? ` · ${errorCount === 1 ? "1 problem" : `${errorCount} problems`}` : ""}`;
  return (
    <div ref={root} className={styles.criteria}>
      <div className={styles.criteriaHead}>
        <button
          type="button"
          className={styles.disclosure}
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true" className={styles.chevron}>
            ▸
          </span>
          Scoring criteria<span className="visually-hidden"> for question {n}</span>
        </button>
        <span className={errorCount ? styles.summaryError : styles.sub}>{summary}</span>
      </div>
      <div id={panelId} hidden={!open} className={styles.criteriaPanel}>
        <p className="muted">
          Each answer is scored from 1 to 5 on every criterion; the anchors say what 1, 3 and 5 look like. A question
          with no criteria is transcribed but not scored.
        </p>
        {errors[questionKey] && <p className={styles.listError}>{errors[questionKey]}</p>}
        {criteria.length > 0 && (
          <ol className={styles.criterionList}>
            {criteria.map((c, index) => {
              const e = (field: string) => errors[`${c.key}.${field}`];
              return (
                <li key={c.key} data-criterion="">
                  <fieldset className={styles.criterion}>
                    <legend className="visually-hidden">
                      Criterion {index + 1} of question {n}
                    </legend>
                    <div className={styles.questionHead}>
                      <p className={styles.criterionTitle} aria-hidden="true">
                        Criterion {index + 1}
                      </p>
                      <Button variant="ghost" size="sm" onClick={() => void remove(index)}>
                        Remove
                        <span className="visually-hidden">
                          {" "}
                          criterion {index + 1} of question {n}
                        </span>
                      </Button>
                    </div>
                    <TextField
                      label="Criterion name"
                      value={c.name}
                      onChange={(ev) => set(index, { name: ev.target.value })}
                      error={e("name")}
                    />
                    <Field label="What good looks like" error={e("good")}>
                      {(control) => (
                        <textarea
                          {...control}
                          rows={2}
                          value={c.good}
                          onChange={(ev) => set(index, { good: ev.target.value })}
                        />
                      )}
                    </Field>
                    <div className={styles.anchors}>
                      {ANCHORS.map((score) => (
                        <Field key={score} label={`Score ${score} looks like`} error={e(`anchors.${score}`)}>
                          {(control) => (
                            <textarea
                              {...control}
                              rows={3}
                              value={c.anchors[score]}
                              onChange={(ev) => set(index, { anchors: { ...c.anchors, [score]: ev.target.value } })}
                            />
                          )}
                        </Field>
                      ))}
                    </div>
                  </fieldset>
                </li>
              );
            })}
          </ol>
        )}
        <div className={styles.actions}>
          <Button
            variant="secondary"
            size="sm"
            data-add-criterion=""
            disabled={criteria.length >= MAX_CRITERIA_PER_QUESTION}
            onClick={add}
          >
            Add criterion<span className="visually-hidden"> to question {n}</span>
          </Button>
          <Button
            variant="ghost"
            size="sm"
            onClick={() =>
              void replaceAll(defaultCriterionDrafts(), {
                title: `Use the default criteria for question ${n}?`,
                confirmLabel: "Use the default criteria",
              })
            }
          >
            Use the default criteria<span className="visually-hidden"> for question {n}</span>
          </Button>
          {criteria.length > 0 && (
            <Button
              variant="ghost"
              size="sm"
              onClick={() =>
                void replaceAll([], { title: `Stop scoring question ${n}?`, confirmLabel: "Remove all criteria" })
              }
            >
              Remove all criteria<span className="visually-hidden"> of question {n}</span>
            </Button>
          )}
        </div>
        {criteria.length >= MAX_CRITERIA_PER_QUESTION && (
          <p className={styles.sub}>A question can have at most {MAX_CRITERIA_PER_QUESTION} criteria.</p>
        )}
      </div>
    </div>
  );
}

const countText = (count: number) => (count === 1 ? "1 criterion" : `${count} criteria`);
