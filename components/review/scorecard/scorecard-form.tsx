"use client";

import { useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/form-message";
import type { Recommendation, ScorecardScore } from "@/lib/scorecards/kinds";
import type { FormState } from "@/lib/http/server-action";
import { MAX_PRIVATE_NOTE_CHARS } from "@/lib/scorecards/rules";
import { CriterionScoreField } from "./criterion-score-field";
import { RECOMMENDATION_ORDER, RECOMMENDATION_TEXT, type RubricAnswer } from "./scorecard-labels";
import styles from "./scorecard.module.css";

export type ScorecardAction = (state: FormState, data: FormData) => Promise<FormState>;

interface ScorecardFormProps {
  sessionId: string;
  rubric: RubricAnswer[];
  initial: { scores: ScorecardScore[]; recommendation: Recommendation | null; private_note: string | null } | null;
  /** The version a submission will create (1 for the first). */
  nextVersion: number;
  /** Only before the first submission: afterwards every change is a new version. */
  saveDraft?: ScorecardAction;
  submit: ScorecardAction;
  /** Called with the outcome of a successful submission (the page then refreshes into the read-only card). */
  onSubmitted: (state: FormState) => void;
  onCancel?: () => void;
}

/** The reviewer's scorecard: per criterion of each scored answer a 1-5 score and a note, a recommendation, a private note. */
export function ScorecardForm({
  sessionId,
  rubric,
  initial,
  nextVersion,
  saveDraft,
  submit,
  onSubmitted,
  onCancel,
}: ScorecardFormProps) {
  const form = useRef<HTMLFormElement>(null);
  const [state, setState] = useState<FormState>({});
  const [saving, startSaving] = useTransition();
  const formId = `scorecard-form-${sessionId}`;
  const given = new Map((initial?.scores ?? []).map((s) => [`${s.answer}:${s.criterion}`, s]));
  const errors = state.fieldErrors ?? {};

  // Sent by hand, not through the form's action prop: React resets a form after an action, which would wipe the scores
  // whenever the server asks for a correction.
  const save = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!saveDraft) return;
    const data = new FormData(event.currentTarget);
    startSaving(async () => setState(await saveDraft({}, data)));
  };
  const confirmSubmit = async () => {
    const outcome = await submit({}, new FormData(form.current!));
    setState(outcome);
    if (outcome.ok) onSubmitted(outcome);
  };

  return (
    <>
      <form id={formId} ref={form} className="stack" noValidate onSubmit={save}>
        <input type="hidden" name="sessionId" value={sessionId} />
        {rubric.map((a) => (
          <div key={a.answer} className={styles.answerBlock}>
            <h4>
              Question {a.answer + 1}: {a.question}
            </h4>
            {a.criteria.map((c) => {
              const entry = given.get(`${a.answer}:${c.name}`);
              return (
                <CriterionScoreField
                  key={c.name}
                  answer={a.answer}
                  criterion={c}
                  score={entry?.score ?? null}
                  note={entry?.note}
                  error={errors[`score:${a.answer}:${c.name}`]}
                />
              );
            })}
          </div>
        ))}
        <fieldset
          className={styles.group}
          aria-describedby={errors.recommendation ? "recommendation-error" : undefined}
        >
          <legend>Overall recommendation</legend>
          {RECOMMENDATION_ORDER.map((r) => (
            <label key={r} className={styles.inline}>
              <input type="radio" name="recommendation" value={r} defaultChecked={initial?.recommendation === r} />
              {RECOMMENDATION_TEXT[r]}
            </label>
          ))}
          {errors.recommendation && (
            <p id="recommendation-error" className={styles.error}>
              {errors.recommendation}
            </p>
          )}
        </fieldset>
        <div className="stack">
          <label className={styles.noteLabel} htmlFor={`${formId}-private`}>
            Private note (only you will ever see it)
          </label>
          <textarea
            id={`${formId}-private`}
            className={styles.note}
            name="private_note"
            defaultValue={initial?.private_note ?? ""}
            maxLength={MAX_PRIVATE_NOTE_CHARS}
            rows={3}
          />
        </div>
      </form>
      <div className={styles.actions}>
        {saveDraft && (
          <Button type="submit" form={formId} variant="secondary" pending={saving}>
            {saving ? "Saving…" : "Save draft"}
          </Button>
        )}
        <ConfirmDialog
          triggerLabel={nextVersion === 1 ? "Submit scorecard" : `Submit version ${nextVersion}`}
          triggerVariant="primary"
          title={nextVersion === 1 ? "Submit your scorecard?" : `Submit version ${nextVersion} of your scorecard?`}
          description={
            nextVersion === 1
              ? "The other reviewers will see your scores, and you will see theirs and the AI's. Your private note stays yours. Later edits are kept as new versions."
              : "Your earlier versions stay on record; the other reviewers will see this one."
          }
          confirmLabel="Submit scorecard"
          pendingLabel="Submitting…"
          onConfirm={confirmSubmit}
        />
        {onCancel && (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
      <FormMessage state={state} compact />
    </>
  );
}
