"use client";

import { useState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { LocalTime } from "@/components/ui/local-time";
import { SubmitButton } from "@/components/ui/submit-button";
import { REASON_MAX_CHARS } from "@/lib/extensions/eligibility";
import type { ExtensionView } from "@/lib/extensions/landing";
import styles from "./candidate.module.css";

// What each refusal means to the candidate (the API's `code`, never its English).
const REFUSALS: Record<string, string> = {
  extension_pending: "You have already asked for more time; the company has not answered yet.",
  extension_limit_reached: "You have already used the requests for more time this invitation allows.",
  extension_not_eligible: "More time cannot be requested for this invitation now.",
  rate_limited: "Too many attempts. Please wait a while and try again.",
  not_found: "We could not find this invitation. Check that you opened the whole link from the email.",
};

interface ExtensionRequestProps {
  token: string;
  extension: ExtensionView;
  companyName: string;
  /** The link has already expired (otherwise it expires within `nearly_expired_hours`). */
  expired: boolean;
  /** 3 inside a section that already has an h2 (the status page's children); 2 on its own under the page's h1. */
  headingLevel?: 2 | 3;
}

/**
 * Asking for more time on an expired or nearly expired invite, and what became of the request. On a link that still
 * works the form stays folded away under the start button, so it never competes with starting.
 */
export function ExtensionRequest({ token, extension, companyName, expired, headingLevel = 2 }: ExtensionRequestProps) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [sentAt, setSentAt] = useState<string | null>(null);

  async function submit() {
    setError(undefined);
    setFieldError(undefined);
    if (!reason.trim()) {
      setFieldError("Say briefly why you need more time.");
      return;
    }
    let response: Response;
    try {
      response = await fetch("/api/candidates/invites/extension-request", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token, reason }),
        cache: "no-store",
      });
    } catch {
      setError("We could not reach the server. Check your connection and try again.");
      return;
    }
    const body = (await response.json().catch(() => ({}))) as {
      code?: string;
      requested_at?: string;
      detail?: unknown;
    };
    if (response.ok) {
      setSentAt(body.requested_at ?? new Date().toISOString());
      return;
    }
    if (body.code === "validation_error" && Array.isArray(body.detail)) {
      setFieldError(String((body.detail[0] as { msg?: unknown })?.msg ?? "Check your reason."));
      return;
    }
    setError(
      (body.code && REFUSALS[body.code]) ??
        (typeof body.detail === "string" ? body.detail : "Something went wrong; try again."),
    );
  }

  const requestedAt = sentAt ?? (extension.status === "pending" ? extension.requested_at : null);
  const Heading = headingLevel === 3 ? "h3" : "h2";
  const heading = <Heading id="extension-heading">More time</Heading>;

  if (requestedAt) {
    return (
      <section aria-labelledby="extension-heading" className={styles.notice}>
        {heading}
        <p role="status">
          You asked {companyName} for more time on <LocalTime iso={requestedAt} />. They have not answered yet; we will
          email you their decision.
        </p>
      </section>
    );
  }

  const decided =
    extension.status === "approved" && extension.new_expires_at ? (
      <p>
        {companyName} gave you more time: this link works until <LocalTime iso={extension.new_expires_at} />.
      </p>
    ) : extension.status === "declined" ? (
      <p>{companyName} could not give you more time.</p>
    ) : null;

  if (!extension.can_request) {
    return decided ? (
      <section aria-labelledby="extension-heading" className={styles.notice}>
        {heading}
        {decided}
      </section>
    ) : null;
  }

  const form = (
    <form action={submit} className="stack" noValidate>
      <p>
        {expired
          ? `This link has expired. If you could not take the interview in time, you can ask ${companyName} for more time.`
          : `This link expires within ${extension.nearly_expired_hours} hours. If you cannot take the interview before then, you can ask ${companyName} for more time.`}{" "}
        They will email you their decision.
      </p>
      <Field
        label="Why do you need more time?"
        hint={`${reason.length} / ${REASON_MAX_CHARS} characters. The hiring team reads this.`}
        error={fieldError}
      >
        {(control) => (
          <textarea
            {...control}
            name="reason"
            rows={4}
            maxLength={REASON_MAX_CHARS}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        )}
      </Field>
      <div>
        <SubmitButton pendingLabel="Sending…">Ask for more time</SubmitButton>
      </div>
      <FormMessage state={{ error }} />
    </form>
  );

  if (!expired) {
    return (
      <details className={styles.notice}>
        <summary>Can&apos;t make it before the link expires? Ask for more time</summary>
        {decided}
        {form}
      </details>
    );
  }
  return (
    <section aria-labelledby="extension-heading" className={styles.notice}>
      {heading}
      {decided}
      {form}
    </section>
  );
}
