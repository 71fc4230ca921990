"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { useConfirm } from "@/components/interviews/use-confirm";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { Decision } from "@/lib/decisions/kinds";
import { DECISION_KINDS } from "@/lib/decisions/email-templates";
import { DECISION_HINTS, DECISION_LABELS, reasonRequired } from "@/lib/decisions/labels";
import type { DecisionEmailPreviews } from "@/lib/decisions/panel";
import { REASON_MAX } from "@/lib/decisions/schemas";
import type { FormState } from "@/lib/http/server-action";
import styles from "./decision.module.css";

interface DecisionFormProps {
  sessionId: string;
  candidateName: string;
  /** null: the invite has no address, so the candidate cannot be emailed. */
  candidateEmail: string | null;
  previews: DecisionEmailPreviews;
}

type Reply = { code?: string; detail?: unknown; changed?: boolean };

const REASON_MESSAGE = "Give a reason to hold or reject";

function detailOf(reply: Reply, fallback: string): string {
  const detail = Array.isArray(reply.detail) ? (reply.detail[0] as { msg?: unknown } | undefined)?.msg : reply.detail;
  return typeof detail === "string" ? detail : fallback;
}

/** HR's and an ADMIN's decision: advance, hold or reject, with a reason and optionally the candidate's email. */
export function DecisionForm({ sessionId, candidateName, candidateEmail, previews }: DecisionFormProps) {
  const router = useRouter();
  const { confirm, dialog } = useConfirm();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [reason, setReason] = useState("");
  const [notify, setNotify] = useState(false);
  const [errors, setErrors] = useState<{ decision?: string; reason?: string }>({});
  const [outcome, setOutcome] = useState<FormState>({});
  const [pending, setPending] = useState(false);
  const decisionErrorId = useId();
  const form = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = {
      decision: decision ? undefined : "Choose advance, hold or reject",
      reason: decision && reasonRequired(decision) && !reason.trim() ? REASON_MESSAGE : undefined,
    };
    setErrors(found);
    if (!decision || found.reason) {
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus());
      return;
    }
    if (decision === "reject") {
      const ok = await confirm({
        title: `Reject ${candidateName}?`,
        description: notify
          ? `The candidate is emailed at ${candidateEmail} that their application ends. The decision can be changed later, but the email cannot be taken back.`
          : "The decision is kept on record. It can be changed later.",
        confirmLabel: "Reject candidate",
      });
      if (!ok) return;
    }
    setPending(true);
    try {
      const response = await fetch(`/api/interviewer/sessions/${sessionId}/decision`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ decision, reason: reason.trim() || null, notify_candidate: notify }),
      });
      const reply = (await response.json().catch(() => ({}))) as Reply;
      if (response.ok) {
        const emailed = notify ? " The candidate's email is on its way." : "";
        setOutcome({
          ok: true,
          message:
            reply.changed === false
              ? "That is already the decision; nothing changed."
              : `Decision recorded: ${DECISION_LABELS[decision]}.${emailed}`,
        });
        setDecision(null);
        setReason("");
        setNotify(false);
        router.refresh();
      } else if (reply.code === "reason_required") {
        setErrors({ reason: REASON_MESSAGE });
      } else {
        setOutcome({ error: detailOf(reply, "The decision could not be recorded. Try again.") });
      }
    } catch {
      setOutcome({ error: "You seem to be offline; nothing was recorded." });
    } finally {
      setPending(false);
    }
  };

  const preview = decision && notify ? previews[decision] : null;
  return (
    <form ref={form} className={styles.form} noValidate onSubmit={(event) => void submit(event)}>
      <fieldset className={styles.choices} aria-describedby={errors.decision ? decisionErrorId : undefined}>
        <legend>New decision</legend>
        {DECISION_KINDS.map((kind, index) => (
          <label key={kind} className={styles.choice}>
            <input
              type="radio"
              name="decision"
              value={kind}
              checked={decision === kind}
              onChange={() => setDecision(kind)}
              aria-invalid={errors.decision && index === 0 ? true : undefined}
            />
            <span className={styles.choiceText}>
              <span>{DECISION_LABELS[kind]}</span>
              <span className={styles.sub}>{DECISION_HINTS[kind]}</span>
            </span>
          </label>
        ))}
        {errors.decision && (
          <p id={decisionErrorId} className={styles.error}>
            {errors.decision}
          </p>
        )}
      </fieldset>
      <Field
        label={decision && reasonRequired(decision) ? "Reason (required)" : "Reason"}
        hint="Kept on record for the hiring team; the candidate never sees it."
        error={errors.reason}
      >
        {(control) => (
          <textarea
            {...control}
            name="reason"
            rows={3}
            maxLength={REASON_MAX}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        )}
      </Field>
      <label className={styles.checkbox}>
        <input
          type="checkbox"
          checked={notify}
          disabled={!candidateEmail}
          onChange={(event) => setNotify(event.target.checked)}
        />
        <span>
          Email the candidate
          <span className="muted">
            {candidateEmail
              ? ` (${candidateEmail}, with this interview's template for the decision)`
              : " (their invite has no email address)"}
          </span>
        </span>
      </label>
      {notify && !decision && <p className="muted">Choose a decision to see the email.</p>}
      {preview && (
        <section className={styles.preview} aria-label="Email preview">
          <h4>The email the candidate receives</h4>
          <dl>
            <dt>To</dt>
            <dd>{candidateEmail}</dd>
            <dt>Subject</dt>
            <dd>{preview.subject}</dd>
          </dl>
          <pre className={styles.previewText}>{preview.text}</pre>
        </section>
      )}
      <div className={styles.actions}>
        <Button type="submit" pending={pending}>
          Record decision
        </Button>
      </div>
      <FormMessage state={outcome} compact />
      {dialog}
    </form>
  );
}
