"use client";

import { useActionState, useState } from "react";
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
  /** The password was right and the account has two-factor sign-in: show the code field. */
  mfa?: boolean;
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
  // The two-factor step sends email and password again with the code. React resets the form once the action has
  // answered, so the password is taken as it is submitted and, in that step only, rides in a hidden field of this
  // same form (a hidden field keeps its value through a reset). It is never written anywhere else.
  const [password, setPassword] = useState("");
  return (
    <div className={styles.card}>
      <header className={styles.intro}>
        <h1>Sign in</h1>
        <p className="muted">Use the email address your company administrator registered for you.</p>
      </header>
      <form
        action={formAction}
        onSubmit={(event) => setPassword(String(new FormData(event.currentTarget).get("password") ?? ""))}
        className={styles.form}
      >
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <FormMessage state={{ error: state.error }} />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          readOnly={state.mfa}
          defaultValue={state.email}
        />
        {state.mfa ? (
          <input type="hidden" name="password" value={password} />
        ) : (
          <PasswordField label="Password" name="password" autoComplete="current-password" required />
        )}
        {state.mfa && (
          <TextField
            label="Two-factor code"
            name="code"
            autoComplete="one-time-code"
            hint="The 6-digit code from your authenticator app, or one of your recovery codes."
            required
            autoFocus
            spellCheck={false}
          />
        )}
        <SubmitButton className={styles.submit} pendingLabel="Signing in…">
          Sign in
        </SubmitButton>
        {state.mfa && (
          <a href="/login" className="muted">
            Sign in as someone else
          </a>
        )}
      </form>
    </div>
  );
}
