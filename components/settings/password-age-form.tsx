"use client";

import { useActionState, useState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/http/server-action";
import styles from "./password-age.module.css";

type SettingAction = (previous: FormState, formData: FormData) => Promise<FormState>;

interface PasswordAgeFormProps {
  /** The current maximum in days, or null when off. */
  days: number | null;
  range: { min: number; max: number };
  action: SettingAction;
}

/** The company's maximum password age (ADMIN): off, the default, or a number of days. */
export function PasswordAgeForm({ days, range, action }: PasswordAgeFormProps) {
  const [state, dispatch] = useActionState(action, {});
  const [mode, setMode] = useState<"off" | "days">(days === null ? "off" : "days");
  const [value, setValue] = useState(days === null ? "" : String(days));
  // Checked as the ADMIN types, and again on the server (lib/companies/password-age.ts) with the same rule.
  const n = Number(value);
  const localError =
    mode !== "days" || value === ""
      ? undefined
      : !Number.isInteger(n)
        ? "Enter a whole number of days"
        : n < range.min || n > range.max
          ? `Choose between ${range.min} and ${range.max} days, or turn it off`
          : undefined;
  const error = localError ?? (mode === "days" ? state.fieldErrors?.max_password_age_days : undefined);
  return (
    // The radios are controlled: React's reset after the action would put them back to their first-render defaults
    // while the state still holds the saved choice (see sso-form.tsx).
    <form action={dispatch} onReset={(event) => event.preventDefault()} noValidate className={styles.form}>
      <p id="password-age-nist" className="muted">
        Off by default, as NIST SP 800-63B recommends: forcing people to change their password on a schedule does not
        make accounts safer. People pick weaker passwords they can remember, or change one character each time, which
        attackers predict. Ask for a new password when there is a sign it was exposed instead; sign-in already refuses
        common and breached passwords. Turn this on only if a policy you must follow requires it.
      </p>
      <fieldset className={styles.fieldset} aria-describedby="password-age-nist">
        <legend className={styles.legend}>Maximum password age</legend>
        <label className={styles.choice}>
          <input type="radio" name="mode" value="off" checked={mode === "off"} onChange={() => setMode("off")} />
          <span>Off (recommended): passwords do not expire</span>
        </label>
        <label className={styles.choice}>
          <input type="radio" name="mode" value="days" checked={mode === "days"} onChange={() => setMode("days")} />
          <span>Ask for a new password after a number of days</span>
        </label>
        <div className={styles.days}>
          <label htmlFor="password-age-days" className={styles.label}>
            Days
          </label>
          <input
            id="password-age-days"
            name="max_password_age_days"
            type="number"
            inputMode="numeric"
            min={range.min}
            max={range.max}
            step={1}
            value={value}
            disabled={mode !== "days"}
            required={mode === "days"}
            onChange={(event) => setValue(event.target.value)}
            className={styles.input}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "password-age-days-hint password-age-days-error" : "password-age-days-hint"}
          />
          <p id="password-age-days-hint" className={styles.hint}>
            {range.min}–{range.max} days. Users with an older password can still sign in, but must change it before they
            can do anything else.
          </p>
          {error && (
            <p id="password-age-days-error" className={styles.error}>
              {error}
            </p>
          )}
        </div>
      </fieldset>
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save password age
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
