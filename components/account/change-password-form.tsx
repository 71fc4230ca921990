"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import { Card } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/form-message";
import { PasswordField } from "@/components/ui/password-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/http/server-action";
import styles from "./account.module.css";

interface ChangePasswordFormProps {
  action: (previous: FormState, data: FormData) => Promise<FormState>;
  passwordRules: { min: number; max: number };
}

export function ChangePasswordForm({ action, passwordRules }: ChangePasswordFormProps) {
  const [state, dispatch, pending] = useActionState(action, {});
  const form = useRef<HTMLFormElement>(null);
  // Submitted by hand so that a correction keeps what was typed; only a success clears the form.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
  useEffect(() => {
    if (state.ok) form.current?.reset();
  }, [state]);
  const errors = state.fieldErrors ?? {};
  return (
    <Card
      title="Change password"
      description="Changing it signs you out everywhere else: other browsers, devices and API clients. This session stays."
    >
      <form ref={form} method="post" noValidate onSubmit={submit} className={styles.form}>
        <PasswordField
          label="Current password"
          name="current_password"
          autoComplete="current-password"
          required
          error={errors.current_password}
        />
        <PasswordField
          label="New password"
          name="new_password"
          autoComplete="new-password"
          required
          hint={`${passwordRules.min}–${passwordRules.max} characters. Common or breached passwords are refused.`}
          error={errors.new_password}
        />
        <PasswordField
          label="Repeat the new password"
          name="confirm_password"
          autoComplete="new-password"
          required
          error={errors.confirm_password}
        />
        <div className={styles.footer}>
          <FormMessage state={state} />
          <SubmitButton pending={pending} pendingLabel="Changing…">
            Change password
          </SubmitButton>
        </div>
      </form>
    </Card>
  );
}
