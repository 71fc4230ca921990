"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import styles from "./auth-layout.module.css";

/** What "Sign in with your company" answers when it does not send the person on to their provider. */
export interface CompanySignInState {
  error?: string;
}

/**
 * "Sign in with your company": a form of its own beside the password form, so the password is never sent with it.
 * It names only the address; the server finds the company from it.
 */
export function CompanySignIn({
  email,
  callbackUrl,
  action,
}: {
  email: string;
  callbackUrl: string;
  action: (state: CompanySignInState, formData: FormData) => Promise<CompanySignInState>;
}) {
  const [state, dispatch] = useActionState(action, {});
  return (
    <form action={dispatch} className={styles.form} aria-describedby="company-sign-in-hint">
      <input type="hidden" name="email" value={email} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <p id="company-sign-in-hint" className="muted">
        Your company signs in with its own identity provider.
      </p>
      <SubmitButton variant="secondary" className={styles.submit} pendingLabel="Opening your company's sign-in…">
        Sign in with your company
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
