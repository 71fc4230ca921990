"use client";

import { useActionState, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { addonRowClass, Field, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { PasswordField } from "@/components/ui/password-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/http/server-action";
import styles from "./sso.module.css";

type SettingAction = (previous: FormState, formData: FormData) => Promise<FormState>;

/** The stored provider as the form shows it (never the secret), or null when none is set up. */
export interface SsoProviderValues {
  issuer: string;
  clientId: string;
  /** False when the stored secret no longer opens: it must be entered again. */
  secretOpens: boolean;
  enabled: boolean;
  jitEnabled: boolean;
  requireEmailVerified: boolean;
  domains: string[];
  /** Changes with every save: the form takes the stored values again (the issuer as the provider spells it). */
  version: string;
}

const fieldsOf = (settings: SsoProviderValues | null) => ({
  issuer: settings?.issuer ?? "",
  clientId: settings?.clientId ?? "",
  clientSecret: "",
  domains: settings?.domains.join("\n") ?? "",
  enabled: settings?.enabled ?? true,
  jitEnabled: settings?.jitEnabled ?? false,
  requireEmailVerified: settings?.requireEmailVerified ?? true,
});

/** The address to register with the provider, read-only, with a copy button whose result is announced. */
export function RedirectUriField({ uri }: { uri: string }) {
  const [copied, setCopied] = useState<"" | "ok" | "failed">("");
  const statusId = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(uri);
      setCopied("ok");
    } catch {
      setCopied("failed");
    }
  };
  return (
    <Field
      label="Redirect URI"
      hint="Register this address with your provider as the redirect (callback) URI of a web application."
    >
      {(control) => (
        <>
          <div className={addonRowClass}>
            <input {...control} readOnly value={uri} spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
            <Button variant="secondary" onClick={copy} aria-describedby={statusId}>
              Copy<span className="visually-hidden"> redirect URI</span>
            </Button>
          </div>
          <p id={statusId} role="status" className={styles.hint}>
            {copied === "ok"
              ? "Copied to the clipboard."
              : copied === "failed"
                ? "Copying was blocked; select the address and copy it by hand."
                : ""}
          </p>
        </>
      )}
    </Field>
  );
}

function Checkbox({
  name,
  label,
  hint,
  checked,
  onChange,
}: {
  name: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className={styles.checkbox}>
      <input
        id={id}
        type="checkbox"
        name={name}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className={styles.hint}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** The company's OpenID Connect provider (ADMIN): issuer, client, email domains and how sign-in treats people. */
export function SsoProviderForm({ settings, action }: { settings: SsoProviderValues | null; action: SettingAction }) {
  const [state, dispatch] = useActionState(action, {});
  // Controlled, so that a refused save keeps what was typed; a saved one (a new version) shows what was stored.
  const [fields, setFields] = useState(() => fieldsOf(settings));
  const [version, setVersion] = useState(settings?.version);
  if (settings?.version !== version) {
    setVersion(settings?.version);
    setFields(fieldsOf(settings));
  }
  const set = <K extends keyof typeof fields>(key: K, value: (typeof fields)[K]) =>
    setFields((f) => ({ ...f, [key]: value }));
  const errors = state.fieldErrors ?? {};
  const secretNeeded = !settings || !settings.secretOpens;
  const secretHint = !settings
    ? "Shown by your provider when you register the application."
    : settings.secretOpens
      ? "A secret is stored; leave empty to keep it."
      : "The stored secret can no longer be read (the server's AUTH_SECRET changed): enter it again. Sign-in with your company is off until you do.";
  return (
    // Every field is controlled: React's reset after the action would put the checkboxes (and the select) back to
    // their first-render DOM defaults while the state still says otherwise: a saved "on" showed as off, and saving
    // again would have sent it off. The state is the truth; a save takes the stored values through `version`.
    <form action={dispatch} onReset={(event) => event.preventDefault()} noValidate className={styles.form}>
      {settings && !settings.secretOpens && (
        <p className={styles.warning}>
          The client secret must be entered again: the one stored can no longer be read, so nobody can sign in with your
          company until you save it.
        </p>
      )}
      <TextField
        label="Issuer URL"
        name="issuer"
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        required
        placeholder="https://login.example.com"
        value={fields.issuer}
        onChange={(e) => set("issuer", e.target.value)}
        error={errors.issuer}
        hint="The provider's issuer, e.g. https://accounts.google.com, https://login.microsoftonline.com/<tenant id>/v2.0 or https://<your org>.okta.com. It is checked against the provider's discovery document when you save."
      />
      <TextField
        label="Client ID"
        name="client_id"
        autoComplete="off"
        spellCheck={false}
        required
        value={fields.clientId}
        onChange={(e) => set("clientId", e.target.value)}
        error={errors.client_id}
      />
      <PasswordField
        label="Client secret"
        name="client_secret"
        autoComplete="new-password"
        spellCheck={false}
        required={secretNeeded}
        value={fields.clientSecret}
        onChange={(e) => set("clientSecret", e.target.value)}
        error={errors.client_secret}
        hint={secretHint}
      />
      <Field
        label="Email domains"
        error={errors.domains}
        hint="The domains whose people sign in with this provider, one per line or separated by commas (e.g. example.com). Public mail providers such as gmail.com cannot be used, nor a domain of another organisation here."
      >
        {(control) => (
          <textarea
            {...control}
            className={`${control.className ?? ""} ${styles.textarea}`}
            name="domains"
            rows={4}
            required
            spellCheck={false}
            autoCapitalize="none"
            value={fields.domains}
            onChange={(e) => set("domains", e.target.value)}
          />
        )}
      </Field>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Sign-in</legend>
        <Checkbox
          name="enabled"
          label="Enabled"
          hint="When off, the login page offers no company sign-in and nobody can sign in through the provider; these settings are kept."
          checked={fields.enabled}
          onChange={(v) => set("enabled", v)}
        />
        <Checkbox
          name="jit_enabled"
          label="Create accounts on first sign-in (just-in-time, role Employee)"
          hint="Someone of these domains without an account here gets one the first time they sign in. When off, only people who already have an account can sign in."
          checked={fields.jitEnabled}
          onChange={(v) => set("jitEnabled", v)}
        />
        <Checkbox
          name="require_email_verified"
          label="Require a verified email (turn off for Microsoft Entra ID, which does not send email_verified)"
          checked={fields.requireEmailVerified}
          onChange={(v) => set("requireEmailVerified", v)}
        />
      </fieldset>
      <SubmitButton pendingLabel="Checking the provider…">Save</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
