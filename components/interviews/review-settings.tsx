"use client";

import type { Decision } from "@/lib/decisions/kinds";
import { Button } from "@/components/ui/button";
import { Field, TextField } from "@/components/ui/field";
import {
  DECISION_EMAIL_PLACEHOLDERS,
  DECISION_KINDS,
  DEFAULT_DECISION_EMAILS,
  TEMPLATE_BODY_MAX,
  TEMPLATE_SUBJECT_MAX,
} from "@/lib/decisions/email-templates";
import { DECISION_LABELS } from "@/lib/decisions/labels";
import { isDefaultTemplate, type DecisionEmailDrafts } from "./review-settings-draft";
import styles from "./interviews.module.css";

interface ReviewSettingsProps {
  blindReview: boolean;
  onBlindReviewChange: (value: boolean) => void;
  emails: DecisionEmailDrafts;
  onEmailsChange: (emails: DecisionEmailDrafts) => void;
  /** The form's field errors: "decision_emails.<decision>.<subject|body>", or "decision_emails" for the set. */
  errors: Record<string, string | undefined>;
}

const PLACEHOLDER_LIST = DECISION_EMAIL_PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ");

/** The interview's review settings: blind review, and the email the candidate gets for each decision. */
export function ReviewSettings({
  blindReview,
  onBlindReviewChange,
  emails,
  onEmailsChange,
  errors,
}: ReviewSettingsProps) {
  const set = (decision: Decision, patch: Partial<DecisionEmailDrafts[Decision]>) =>
    onEmailsChange({ ...emails, [decision]: { ...emails[decision], ...patch } });
  return (
    <div className={styles.questions}>
      <label className={styles.checkbox}>
        <input type="checkbox" checked={blindReview} onChange={(ev) => onBlindReviewChange(ev.target.checked)} />
        <span>
          Blind review
          <span className="muted">
            {" "}
            (a reviewer sees neither the other reviewers&apos; scores nor the AI&apos;s until they submit their own
            scorecard)
          </span>
        </span>
      </label>
      <h3 className={styles.legend}>Decision emails</h3>
      <p className="muted">
        What the candidate receives when HR emails them a decision. Placeholders: {PLACEHOLDER_LIST}.
      </p>
      {errors.decision_emails && <p className={styles.listError}>{errors.decision_emails}</p>}
      {DECISION_KINDS.map((decision) => {
        const isDefault = isDefaultTemplate(decision, emails[decision]);
        const invalid = errors[`decision_emails.${decision}.subject`] ?? errors[`decision_emails.${decision}.body`];
        return (
          <details key={decision} className={styles.template} open={invalid ? true : undefined}>
            <summary>
              {DECISION_LABELS[decision]} email <span className="muted">({isDefault ? "default" : "customized"})</span>
            </summary>
            <fieldset className={styles.criterion}>
              <legend className="visually-hidden">{DECISION_LABELS[decision]} email</legend>
              <TextField
                label={`${DECISION_LABELS[decision]} email subject`}
                value={emails[decision].subject}
                maxLength={TEMPLATE_SUBJECT_MAX}
                onChange={(ev) => set(decision, { subject: ev.target.value })}
                error={errors[`decision_emails.${decision}.subject`]}
              />
              <Field
                label={`${DECISION_LABELS[decision]} email text`}
                error={errors[`decision_emails.${decision}.body`]}
              >
                {(control) => (
                  <textarea
                    {...control}
                    rows={8}
                    maxLength={TEMPLATE_BODY_MAX}
                    value={emails[decision].body}
                    onChange={(ev) => set(decision, { body: ev.target.value })}
                  />
                )}
              </Field>
              <div>
                <Button
                  variant="ghost"
                  size="sm"
                  disabled={isDefault}
                  onClick={() => set(decision, { ...DEFAULT_DECISION_EMAILS[decision] })}
                >
                  Use the default text
                  <span className="visually-hidden"> for the {DECISION_LABELS[decision].toLowerCase()} email</span>
                </Button>
              </div>
            </fieldset>
          </details>
        );
      })}
    </div>
  );
}
