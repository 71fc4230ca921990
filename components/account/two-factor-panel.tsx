"use client";

import { useActionState } from "react";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/http/server-action";
import styles from "./account.module.css";

type Action<S extends FormState = FormState> = (previous: S, data: FormData) => Promise<S>;

interface TwoFactorPanelProps {
  status: { enabled: boolean; required: boolean; unusedRecoveryCodes: number };
  /** The enrolment waiting for its first code: the secret and its QR code (an SVG data URL rendered on the server). */
  pending: { secret: string; qrDataUrl: string } | null;
  actions: {
    start: Action;
    confirm: Action<FormState & { recoveryCodes?: string[] }>;
    disable: Action;
  };
}

/** Secrets are easier to type in groups of four. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

export function TwoFactorPanel({ status, pending, actions }: TwoFactorPanelProps) {
  const [startState, start] = useActionState(actions.start, {});
  const [confirmState, confirm] = useActionState(actions.confirm, {});
  const [disableState, disable] = useActionState(actions.disable, {});
  const codes = confirmState.recoveryCodes;

  return (
    <div className="stack">
      {status.required && !status.enabled && (
        <p role="note" className="muted">
          Your company requires two-factor sign-in for your role. Set it up to continue to the dashboard.
        </p>
      )}
      {codes && (
        <Card
          title="Your recovery codes"
          description="Each code signs you in once if you lose your phone. Save them somewhere safe now: they are not shown again."
        >
          <ul aria-label="Recovery codes" data-testid="recovery-codes">
            {codes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ul>
        </Card>
      )}
      {status.enabled ? (
        <Card
          title="Two-factor sign-in is on"
          description={`${status.unusedRecoveryCodes} of 10 recovery codes left. An administrator can reset it if you lose your phone and your codes.`}
        >
          {status.required ? (
            <p className="muted">Your company requires two-factor sign-in for your role, so it cannot be turned off.</p>
          ) : (
            <form action={disable} className={styles.form}>
              <TextField
                label="Code from your app"
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                required
                error={disableState.fieldErrors?.code}
              />
              <div className={styles.footer}>
                <FormMessage state={disableState} />
                <SubmitButton variant="danger" pendingLabel="Turning off…">
                  Turn off two-factor sign-in
                </SubmitButton>
              </div>
            </form>
          )}
        </Card>
      ) : pending ? (
        <Card
          title="Set up two-factor sign-in"
          description="Scan the QR code with an authenticator app (for example Google Authenticator, Microsoft Authenticator or 1Password), or type the key into it, then enter the code it shows."
        >
          {/* A data URL made on the server: next/image adds nothing here. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={pending.qrDataUrl} alt="QR code for your authenticator app" width={200} height={200} />
          <p>
            Key: <code data-testid="totp-secret">{grouped(pending.secret)}</code>
          </p>
          <form action={confirm} className={styles.form}>
            <TextField
              label="Code from your app"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              error={confirmState.fieldErrors?.code}
            />
            <div className={styles.footer}>
              <FormMessage state={confirmState} />
              <SubmitButton pendingLabel="Checking…">Turn on two-factor sign-in</SubmitButton>
            </div>
          </form>
        </Card>
      ) : (
        <Card title="Two-factor sign-in is off" description="Anyone who learns your password can sign in as you.">
          <form action={start} className={styles.form}>
            <FormMessage state={startState} />
            <div>
              <SubmitButton pendingLabel="Preparing…">Set up two-factor sign-in</SubmitButton>
            </div>
          </form>
        </Card>
      )}
    </div>
  );
}
