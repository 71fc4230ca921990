"use client";

import Link from "next/link";
import { startTransition, useActionState, useState, type FormEvent } from "react";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/http/server-action";
import type { DecisionEmailTemplates } from "@/lib/decisions/kinds";
import type { Competency, Criterion } from "@/lib/evaluation/rubric";
import { CompetenciesEditor } from "./competencies-editor";
import {
  hasErrors,
  toQuestionsInput,
  validateDraft,
  type DraftErrors,
  type InterviewDraft,
  type QuestionDraft,
} from "@/lib/interviews/form-data";
import { newQuestion, QuestionEditor } from "./question-editor";
import { ReviewSettings } from "./review-settings";
import { decisionEmailDrafts, toDecisionEmailsInput } from "./review-settings-draft";
import {
  defaultCriterionDrafts,
  newCompetency,
  newCriterion,
  toCompetenciesInput,
  type CompetencyDraft,
} from "@/lib/interviews/rubric-draft";
import { useConfirm } from "./use-confirm";
import styles from "./interviews.module.css";

export interface InterviewFormValues extends InterviewDraft {
  interviewId?: string;
  questions: { text: string; timeLimit: string; thinkTime: string; criteria: Criterion[] }[];
  competencies: Competency[];
  /** The interview's own decision emails; the others show the default text. */
  decisionEmails?: DecisionEmailTemplates;
}

interface InterviewFormProps {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  initial?: InterviewFormValues;
  submitLabel: string;
  cancelHref: string;
}

const STATUS_OPTIONS = [
  { value: "active", label: "Active" },
  { value: "draft", label: "Draft" },
];

export function InterviewForm({ action, initial, submitLabel, cancelHref }: InterviewFormProps) {
  const [state, dispatch, pending] = useActionState(action, {});
  // A new interview is offered the default rubric: every question starts with the default criteria, which can be
  // edited or removed. An existing interview keeps what it has, and questions added to it start with none.
  const startingCriteria = initial ? () => [] : defaultCriterionDrafts;
  const [questions, setQuestions] = useState<QuestionDraft[]>(() =>
    initial?.questions.length
      ? initial.questions.map((q) => newQuestion(q.text, q.timeLimit, q.thinkTime, q.criteria.map(newCriterion)))
      : [newQuestion("", "120", "", startingCriteria())],
  );
  const [competencies, setCompetencies] = useState<CompetencyDraft[]>(() =>
    (initial?.competencies ?? []).map(newCompetency),
  );
  const [blindReview, setBlindReview] = useState(initial?.blind_review !== "off");
  const [decisionEmails, setDecisionEmails] = useState(() => decisionEmailDrafts(initial?.decisionEmails));
  const [checked, setChecked] = useState<DraftErrors>({ fields: {}, questions: {}, rubric: {} });
  const { confirm, dialog } = useConfirm();

  // Checked here first with the server's own schema, so every question shows its own error; the server checks again.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    data.set("blind_review", blindReview ? "on" : "off");
    data.set("decision_emails", JSON.stringify(toDecisionEmailsInput(decisionEmails)));
    const draft = Object.fromEntries(
      [
        "title",
        "position",
        "description",
        "retakes_allowed",
        "resume_grace_minutes",
        "practice_question",
        "status",
        "blind_review",
        "decision_emails",
        "reminder_offsets_hours",
      ].map((k) => [k, String(data.get(k) ?? "")]),
    );
    const errors = validateDraft(draft as unknown as InterviewDraft, questions, competencies);
    setChecked(errors);
    if (hasErrors(errors)) {
      requestAnimationFrame(() => event.currentTarget?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus());
      return;
    }
    data.set("questions", JSON.stringify(toQuestionsInput(questions)));
    data.set("competencies", JSON.stringify(toCompetenciesInput(competencies)));
    startTransition(() => dispatch(data));
  };

  const errors = { ...state.fieldErrors, ...checked.fields };
  const statusOptions =
    initial?.status === "archived" ? [...STATUS_OPTIONS, { value: "archived", label: "Archived" }] : STATUS_OPTIONS;
  return (
    <form method="post" noValidate onSubmit={submit} className="stack">
      {initial?.interviewId && <input type="hidden" name="interviewId" value={initial.interviewId} />}
      <Card title="Details" description="What candidates see on their invite page and in the email.">
        <div className={styles.formGrid}>
          <TextField
            label="Title"
            name="title"
            defaultValue={initial?.title}
            required
            maxLength={200}
            error={errors.title}
          />
          <TextField
            label="Role or position"
            name="position"
            defaultValue={initial?.position}
            maxLength={200}
            error={errors.position}
          />
          <div className={styles.wide}>
            <Field label="Description" hint="Optional. Shown to interviewers only." error={errors.description}>
              {(control) => (
                <textarea
                  {...control}
                  name="description"
                  rows={3}
                  maxLength={5000}
                  defaultValue={initial?.description}
                />
              )}
            </Field>
          </div>
          <TextField
            label="Re-records allowed per answer"
            name="retakes_allowed"
            type="number"
            inputMode="numeric"
            min={0}
            max={10}
            defaultValue={initial?.retakes_allowed ?? "0"}
            hint="0–10"
            error={errors.retakes_allowed}
          />
          <TextField
            label="Resume grace window (minutes)"
            name="resume_grace_minutes"
            type="number"
            inputMode="numeric"
            min={0}
            max={1440}
            defaultValue={initial?.resume_grace_minutes ?? "15"}
            hint="How long a candidate who lost their connection can come back without using an attempt."
            error={errors.resume_grace_minutes}
          />
          <div className={styles.wide}>
            <label className={styles.checkbox}>
              <input type="checkbox" name="practice_question" defaultChecked={initial?.practice_question !== ""} />
              <span>
                Offer a practice question first
                <span className="muted">
                  {" "}
                  (recorded in the candidate&apos;s browser only, never uploaded or shown to you)
                </span>
              </span>
            </label>
          </div>
          <SelectField
            label="Status"
            name="status"
            options={statusOptions}
            defaultValue={initial?.status ?? "active"}
            hint="Candidates can start only while it is Active."
            error={errors.status}
          />
        </div>
      </Card>
      <Card>
        <QuestionEditor
          questions={questions}
          errors={checked.questions}
          rubricErrors={checked.rubric}
          listError={checked.fields.questions ?? state.fieldErrors?.questions}
          startingCriteria={startingCriteria}
          confirm={confirm}
          onChange={setQuestions}
        />
      </Card>
      <Card>
        <CompetenciesEditor
          competencies={competencies}
          errors={checked.rubric}
          listError={checked.fields.competencies ?? state.fieldErrors?.competencies}
          confirm={confirm}
          onChange={setCompetencies}
        />
      </Card>
      <Card
        title="Reminders"
        description="Candidates who have not started get an email with their own link before it expires, unless they opt out."
      >
        <TextField
          label="Remind before expiry (hours)"
          name="reminder_offsets_hours"
          inputMode="numeric"
          defaultValue={initial?.reminder_offsets_hours ?? "24"}
          hint="Up to 5 different whole numbers from 1 to 720, separated by commas (for example 48, 24). Leave blank to send none."
          error={errors.reminder_offsets_hours}
        />
      </Card>
      <Card
        title="Review"
        description="How reviewers see each other's scores, and what candidates are told of a decision."
      >
        <ReviewSettings
          blindReview={blindReview}
          onBlindReviewChange={setBlindReview}
          emails={decisionEmails}
          onEmailsChange={setDecisionEmails}
          errors={{ ...state.fieldErrors, ...checked.fields }}
        />
      </Card>
      {dialog}
      <div className={styles.formFooter}>
        <FormMessage state={state} />
        <div className={styles.actions}>
          <SubmitButton pending={pending} pendingLabel="Saving…">
            {submitLabel}
          </SubmitButton>
          <Link href={cancelHref} className={buttonClass("secondary")}>
            Cancel
          </Link>
        </div>
      </div>
    </form>
  );
}
