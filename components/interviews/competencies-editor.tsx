"use client";

import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { Field, TextField } from "@/components/ui/field";
import {
  competencyHasText,
  MAX_COMPETENCIES,
  newCompetency,
  type CompetencyDraft,
} from "@/lib/interviews/rubric-draft";
import { focusLater } from "./focus-later";
import type { Confirm } from "./use-confirm";
import styles from "./interviews.module.css";

interface CompetenciesEditorProps {
  competencies: CompetencyDraft[];
  /** The form's rubric errors (DraftErrors.rubric): "<key>.<field>", or "competencies" for the list. */
  errors: Record<string, string>;
  listError?: string;
  confirm: Confirm;
  onChange: (competencies: CompetencyDraft[]) => void;
}

/** The interview's overall competencies: context for the evaluator, not scored per answer. */
export function CompetenciesEditor({ competencies, errors, listError, confirm, onChange }: CompetenciesEditorProps) {
  const root = useRef<HTMLFieldSetElement>(null);
  const set = (index: number, patch: Partial<CompetencyDraft>) =>
    onChange(competencies.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  const add = () => {
    const competency = newCompetency();
    onChange([...competencies, competency]);
    focusLater(root, "[data-competency]:last-child input");
  };
  const remove = async (index: number) => {
    const competency = competencies[index]!;
    if (competencyHasText(competency)) {
      const named = competency.name.trim() ? `“${competency.name.trim()}”` : "This competency";
      const ok = await confirm({
        title: `Remove competency ${index + 1}?`,
        description: `${named} and its description will be removed.`,
        confirmLabel: "Remove competency",
      });
      if (!ok) return;
    }
    onChange(competencies.filter((c) => c.key !== competency.key));
    focusLater(root, "[data-add-competency]");
  };
  return (
    <fieldset ref={root} className={styles.questions}>
      <legend className={styles.legend}>Competencies</legend>
      <p className="muted">
        Optional. What the role calls for overall, such as “Ownership” or “Working with customers”. The evaluator reads
        them as context; answers are scored on each question&apos;s criteria.
      </p>
      {(errors.competencies ?? listError) && <p className={styles.listError}>{errors.competencies ?? listError}</p>}
      {competencies.length > 0 && (
        <ol className={styles.criterionList}>
          {competencies.map((c, index) => (
            <li key={c.key} data-competency="">
              <fieldset className={styles.criterion}>
                <legend className="visually-hidden">Competency {index + 1}</legend>
                <div className={styles.questionHead}>
                  <p className={styles.criterionTitle} aria-hidden="true">
                    Competency {index + 1}
                  </p>
                  <Button variant="ghost" size="sm" onClick={() => void remove(index)}>
                    Remove<span className="visually-hidden"> competency {index + 1}</span>
                  </Button>
                </div>
                <TextField
                  label="Competency name"
                  value={c.name}
                  onChange={(ev) => set(index, { name: ev.target.value })}
                  error={errors[`${c.key}.name`]}
                />
                <Field label="Competency description" error={errors[`${c.key}.description`]}>
                  {(control) => (
                    <textarea
                      {...control}
                      rows={2}
                      value={c.description}
                      onChange={(ev) => set(index, { description: ev.target.value })}
                    />
                  )}
                </Field>
              </fieldset>
            </li>
          ))}
        </ol>
      )}
      <div>
        <Button
          variant="secondary"
          data-add-competency=""
          disabled={competencies.length >= MAX_COMPETENCIES}
          onClick={add}
        >
          Add competency
        </Button>
      </div>
      {competencies.length >= MAX_COMPETENCIES && (
        <p className={styles.sub}>An interview can have at most {MAX_COMPETENCIES} competencies.</p>
      )}
    </fieldset>
  );
}
