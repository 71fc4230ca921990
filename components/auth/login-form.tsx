"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/field";
import { PasswordField } from "@/components/ui/password-field";
import { SubmitButton } from "@/components/ui/submit-button";
import styles from "./auth-layout.module.css";

/** What the sign-in action answers: an error to show, and the address typed, kept after a failed attempt. */
export interface LoginState {
  error?: string;
  /** Echoed back so a failed attempt keeps the address the person typed. */
  email?: string;
}

const initialState: LoginState = {};

/**
 * The sign-in form. It posts to a server action, so it also works before (or without) JavaScript; the password never
 * appears in a URL.
 */
export function LoginForm({
  action,
  callbackUrl,
}: {
  action: (state: LoginState, formData: FormData) => Promise<LoginState>;
  callbackUrl: string;
}) {
  const [state, formAction] = useActionState(action, initialState);
  return (
    <div className={styles.card}>
      <header className={styles.intro}>
        <h1>Sign in</h1>
        <p className="muted">Use the email address your company administrator registered for you.</p>
      </header>
      <form action={formAction} className={styles.form}>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <FormMessage state={{ error: state.error }} />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
        />
        <PasswordField label="Password" name="password" autoComplete="current-password" required />
        <SubmitButton className={styles.submit} pendingLabel="Signing in…">
          Sign in
        </SubmitButton>
      </form>
    </div>
  );
}
