"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/http/server-action";
import styles from "./new-device-email.module.css";

type SettingAction = (previous: FormState, formData: FormData) => Promise<FormState>;

/** Whether HR and ADMIN must use two-factor sign-in (ADMIN). */
export function TwoFactorRequirementForm({ required, action }: { required: boolean; action: SettingAction }) {
  const [state, dispatch] = useActionState(action, {});
  return (
    <form action={dispatch} className={styles.form}>
      <label className={styles.checkbox}>
        <input type="checkbox" name="required" defaultChecked={required} aria-describedby="two-factor-required-hint" />
        <span>Require two-factor sign-in for HR and admins</span>
      </label>
      <p id="two-factor-required-hint" className="muted">
        HR and admin users without two-factor sign-in are sent to set it up before they can use the dashboard, and
        cannot turn it off. Anyone can set it up on their own either way.
      </p>
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save two-factor setting
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
