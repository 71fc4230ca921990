"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/class-names";
import { detailOf, NetworkError, roomApi } from "@/lib/candidate-room/api";
import { CONSENT_VERSION, consentStatement } from "@/lib/consent/text";
import styles from "./room.module.css";

/**
 * What is recorded, who sees it, how long it is kept, that an AI persona leads and that AI may assess the answers while
 * people decide; stored when the box is ticked.
 */
export function ConsentStep({
  invite,
  companyName,
  onAgreed,
}: {
  invite: string;
  companyName: string;
  onAgreed: () => void;
}) {
  const statement = consentStatement(companyName);
  const [ticked, setTicked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const boxId = useId();

  const agree = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await roomApi.consent(invite, CONSENT_VERSION);
      if (result.status === 201) return onAgreed();
      setError(detailOf(result, "Your consent could not be saved. Please try again."));
    } catch (e) {
      setError(
        e instanceof NetworkError
          ? "You seem to be offline. Check your connection and try again."
          : "Your consent could not be saved. Please try again.",
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="consent-title" className={styles.step}>
      <h2 id="consent-title">Before you begin</h2>
      <dl className={styles.consent}>
        <div>
          <dt>What is recorded</dt>
          <dd>{statement.recorded}</dd>
        </div>
        <div>
          <dt>Who sees it</dt>
          <dd>{statement.viewers}</dd>
        </div>
        <div>
          <dt>How long it is kept</dt>
          <dd>{statement.retention}</dd>
        </div>
        <div>
          <dt>Who asks the questions</dt>
          <dd>{statement.ai_persona}</dd>
        </div>
        <div>
          <dt>How answers are assessed</dt>
          <dd>{statement.ai_assessment}</dd>
        </div>
      </dl>
      <label htmlFor={boxId} className={styles.checkbox}>
        <input id={boxId} type="checkbox" checked={ticked} onChange={(e) => setTicked(e.target.checked)} />
        <span>I agree to be recorded as described above.</span>
      </label>
      <div role="alert">{error && <p className={cx(styles.notice, styles.problem)}>{error}</p>}</div>
      <div>
        <Button onClick={agree} disabled={!ticked} pending={busy}>
          Agree and continue
        </Button>
      </div>
    </section>
  );
}
