"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LocalTime } from "@/components/ui/local-time";
import { type ApiResult, detailOf } from "@/lib/candidate-room/api";
import type { StatusPageFacts } from "@/lib/invites/status-page";
import styles from "./candidate.module.css";

type Erasure = StatusPageFacts["erasure"];

const ENDPOINT = "/api/candidates/invites/erasure-request";

/**
 * The candidate's right to erasure (GDPR art. 17): a request HR sees and carries out. Asking twice changes nothing
 * (the server answers the pending request), so a lost response can simply be asked again.
 */
export function ErasureRequestPanel({
  token,
  companyName,
  erasure,
  headingLevel = 2,
}: {
  token: string;
  companyName: string;
  erasure: Erasure;
  /** 3 inside a section that already has an h2 (the status page); 2 on its own under the page's h1. */
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 3 ? "h3" : "h2";
  const [requestedAt, setRequestedAt] = useState(erasure?.status === "pending" ? erasure.requestedAt : null);
  const [error, setError] = useState<string | null>(null);

  const ask = async () => {
    setError(null);
    try {
      const response = await fetch(ENDPOINT, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token }),
        cache: "no-store",
      });
      const body = (await response.json().catch(() => ({}))) as ApiResult<{ requested_at: string }>["body"];
      if (response.ok && typeof body.requested_at === "string") setRequestedAt(body.requested_at);
      else setError(detailOf({ status: response.status, body }, "Your request could not be sent. Try again later."));
    } catch {
      setError("No answer from the server: check your connection and try again.");
    }
  };

  return (
    <section aria-labelledby="erasure-title" className={styles.notice}>
      <Heading id="erasure-title">Your recordings</Heading>
      {requestedAt ? (
        <p role="status">
          You asked {companyName} to delete your recordings on <LocalTime iso={requestedAt} precision="date" />. They
          have been told; once they have done it, this link will say so.
        </p>
      ) : (
        <>
          <p>
            You can ask {companyName} to delete your recorded answers and your personal details (your name and email
            address). This is your right to erasure under the GDPR. {companyName} carries it out; afterwards this link
            shows only that your data was deleted, and the interview cannot be taken again with it.
          </p>
          <div>
            <ConfirmDialog
              triggerLabel="Ask the company to delete my recordings"
              title="Ask for your recordings to be deleted?"
              description={`${companyName} will be asked to delete your recorded answers, their transcripts and your name and email address. Once they have done it, it cannot be undone, and your receipts will no longer be shown here.`}
              confirmLabel="Send the request"
              pendingLabel="Sending…"
              onConfirm={ask}
            />
          </div>
          {error && (
            <p role="alert" className={styles.problem}>
              {error}
            </p>
          )}
        </>
      )}
    </section>
  );
}
