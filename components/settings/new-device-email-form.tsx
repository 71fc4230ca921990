"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/http/server-action";
import styles from "./new-device-email.module.css";

type SettingAction = (previous: FormState, formData: FormData) => Promise<FormState>;

/** The company's new-device sign-in email, on or off (ADMIN). */
export function NewDeviceEmailForm({ enabled, action }: { enabled: boolean; action: SettingAction }) {
  const [state, dispatch] = useActionState(action, {});
  return (
    <form action={dispatch} className={styles.form}>
      <label className={styles.checkbox}>
        <input type="checkbox" name="enabled" defaultChecked={enabled} aria-describedby="new-device-email-hint" />
        <span>Email people when they sign in from a new device</span>
      </label>
      <p id="new-device-email-hint" className="muted">
        A device is a browser and operating system (any version) on a network (the same IPv4 address, or the same IPv6
        /64) that none of the person&apos;s sign-ins of the last 90 days used. Such sign-ins are always recorded in the
        audit log; this adds an email to the person, with a link to their sessions page.
      </p>
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save alert setting
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
