"use client";

import { useActionState, useEffect, useState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/field";
import { PasswordField } from "@/components/ui/password-field";
import { SubmitButton } from "@/components/ui/submit-button";
import styles from "./auth-layout.module.css";
import { CompanySignIn, type CompanySignInState } from "./company-sign-in";

/** What the sign-in action answers: an error to show, and the address typed, kept after a failed attempt. */
export interface LoginState {
  error?: string;
  /** Echoed back so a failed attempt keeps the address the person typed. */
  email?: string;
  /** The password was right and the account has two-factor sign-in: show the code field. */
  mfa?: boolean;
  /** The password was right but the company requires single sign-on: offer "Sign in with your company". */
  sso?: boolean;
}

const initialState: LoginState = {};

const LOOKUP_DELAY_MS = 400; // after the last keystroke, before asking whether the address signs in with its company
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The sign-in form. It posts to a server action, so it also works before (or without) JavaScript; the password never
 * appears in a URL.
 */
export function LoginForm({
  action,
  companyAction,
  ssoAvailable,
  callbackUrl,
  notice,
}: {
  action: (state: LoginState, formData: FormData) => Promise<LoginState>;
  /** "Sign in with your company" (lib/auth/sso): the server finds the company from the address. */
  companyAction: (state: CompanySignInState, formData: FormData) => Promise<CompanySignInState>;
  /** Whether the address signs in with its company: yes or no, nothing else. */
  ssoAvailable: (email: string) => Promise<boolean>;
  callbackUrl: string;
  /** Why the person is back here (a company sign-in that failed), shown until they try again. */
  notice?: string | null;
}) {
  const [state, formAction] = useActionState(action, initialState);
  const [email, setEmail] = useState("");
  // The lookup's answer, for the address it was about: a late answer for an address since changed offers nothing.
  const [answer, setAnswer] = useState<{ email: string; sso: boolean } | null>(null);
  useEffect(() => {
    const candidate = email.trim();
    if (!LOOKS_LIKE_EMAIL.test(candidate)) return;
    let current = true;
    const timer = setTimeout(() => {
      ssoAvailable(candidate)
        .then((sso) => {
          if (current) setAnswer({ email: candidate, sso });
        })
        .catch(() => undefined); // no answer, no button: the password form still works
    }, LOOKUP_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [email, ssoAvailable]);
  const typed = email.trim() || state.email || "";
  const companyOffered =
    !state.mfa && ((answer?.sso === true && answer.email === typed) || (state.sso === true && state.email === typed));
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
        <FormMessage state={{ error: state.error ?? (state === initialState ? (notice ?? undefined) : undefined) }} />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          readOnly={state.mfa}
          defaultValue={state.email}
          onChange={(event) => setEmail(event.target.value)}
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
      {/* Announced when it appears; the password form stays, for the company's break-glass admin. */}
      <div aria-live="polite">
        {companyOffered && <CompanySignIn email={typed} callbackUrl={callbackUrl} action={companyAction} />}
      </div>
    </div>
  );
}
