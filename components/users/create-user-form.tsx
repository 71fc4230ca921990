"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import { ROLE_OPTIONS } from "@/components/dashboard/user-labels";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { PasswordField } from "@/components/ui/password-field";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { UserFormAction } from "./types";
import styles from "./users.module.css";

interface CreateUserFormProps {
  action: UserFormAction;
  passwordRules: { min: number; max: number };
}

export function CreateUserForm({ action, passwordRules }: CreateUserFormProps) {
  const [state, dispatch, pending] = useActionState(action, {});
  const form = useRef<HTMLFormElement>(null);

  // Submitted by hand rather than through the form's action prop: React resets a form after every action, which
  // would wipe what the admin typed whenever the server asks for a correction. Only a success clears it.
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
      title="Create user"
      description="The new person can sign in straight away with the email and password you set here."
    >
      <form ref={form} method="post" noValidate onSubmit={submit} className={styles.createForm}>
        <TextField label="Email" name="email" type="email" autoComplete="off" required error={errors.email} />
        <TextField label="First name" name="firstName" autoComplete="off" error={errors.firstName} />
        <TextField label="Last name" name="lastName" autoComplete="off" error={errors.lastName} />
        <SelectField label="Role" name="role" options={ROLE_OPTIONS} defaultValue="EMPLOYEE" error={errors.role} />
        <div className={styles.wide}>
          <PasswordField
            label="Initial password"
            name="password"
            autoComplete="new-password"
            required
            hint={`${passwordRules.min}–${passwordRules.max} characters. Common or breached passwords are refused. Share it with the person privately.`}
            error={errors.password}
          />
        </div>
        <div className={styles.formFooter}>
          <FormMessage state={state} />
          <SubmitButton pending={pending} pendingLabel="Creating…">
            Create user
          </SubmitButton>
        </div>
      </form>
    </Card>
  );
}
