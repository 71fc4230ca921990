"use client";

import { useActionState, useId, useState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/http/server-action";
import styles from "./sso.module.css";

type SettingAction = (previous: FormState, formData: FormData) => Promise<FormState>;

export interface BreakGlassOption {
  id: string;
  email: string;
  name: string;
}

interface SsoRequirementFormProps {
  required: boolean;
  /** The stored break-glass admin, or the one to suggest (the viewer) when none is stored. */
  breakGlassUserId: string;
  admins: BreakGlassOption[];
  /** Requiring needs the provider to be enabled. */
  enabled: boolean;
  /** Changes with every save: the form takes the stored values again. */
  version: string;
  action: SettingAction;
}

/** Whether everyone but one break-glass ADMIN must sign in through the company's provider (ADMIN). */
export function SsoRequirementForm({
  required,
  breakGlassUserId,
  admins,
  enabled,
  version,
  action,
}: SsoRequirementFormProps) {
  const [state, dispatch] = useActionState(action, {});
  const hintId = useId();
  const [fields, setFields] = useState({ required, breakGlassUserId });
  const [seen, setSeen] = useState(version);
  if (version !== seen) {
    setSeen(version);
    setFields({ required, breakGlassUserId });
  }
  return (
    // Every field is controlled: React's reset after the action would put the checkboxes (and the select) back to
    // their first-render DOM defaults while the state still says otherwise: a saved "on" showed as off, and saving
    // again would have sent it off. The state is the truth; a save takes the stored values through `version`.
    <form action={dispatch} onReset={(event) => event.preventDefault()} noValidate className={styles.form}>
      <div className={styles.checkbox}>
        <input
          id={`${hintId}-required`}
          type="checkbox"
          name="required"
          checked={fields.required}
          onChange={(e) => setFields((f) => ({ ...f, required: e.target.checked }))}
          aria-describedby={hintId}
        />
        <label htmlFor={`${hintId}-required`}>Require single sign-on</label>
        <div id={hintId} className={styles.hint}>
          <ul className={styles.list}>
            <li>
              Everyone but the break-glass admin must sign in through your provider. Their password sessions (browser
              and API) are signed out at once when you save.
            </li>
            <li>
              People whose email address is outside the allowed domains will be locked out until you add their domain or
              stop requiring single sign-on.
            </li>
            <li>
              The break-glass admin keeps password sign-in, for when the provider is down or misconfigured. Keep their
              password and two-factor sign-in safe.
            </li>
          </ul>
        </div>
      </div>
      {!enabled && <p className={styles.warning}>Turn single sign-on on (Enabled, above) before requiring it.</p>}
      <SelectField
        label="Break-glass admin"
        name="break_glass_user_id"
        value={fields.breakGlassUserId}
        onChange={(e) => setFields((f) => ({ ...f, breakGlassUserId: e.target.value }))}
        error={state.fieldErrors?.break_glass_user_id}
        hint="An active admin of your company who may still sign in with a password."
        options={admins.map((a) => ({ value: a.id, label: a.name ? `${a.name} (${a.email})` : a.email }))}
      />
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save requirement
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
