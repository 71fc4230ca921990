import { buttonClass } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { CandidateShell } from "./candidate-shell";
import styles from "./candidate.module.css";

export interface UnsubscribeView {
  /** The link's value (for the form's action); null when it names no invite. */
  value: string | null;
  companyName?: string;
  interviewTitle?: string;
  /** ISO time reminders were stopped, or null while they still run. */
  unsubscribedAt?: string | null;
}

/**
 * The page a reminder's "stop reminders" link opens. Opening it changes nothing (mail scanners follow links); the
 * button POSTs the RFC 8058 one-click body to the API, which sends the browser back here to say it is done.
 */
export function RemindersUnsubscribe({ view }: { view: UnsubscribeView }) {
  if (!view.value) {
    return (
      <CandidateShell>
        <section aria-labelledby="unsubscribe-title" className={styles.notice}>
          <h1 id="unsubscribe-title">We couldn&apos;t find these reminders</h1>
          <p>
            Check that you opened the whole link from the reminder email. Nothing was changed; if reminders keep coming,
            contact the company that invited you.
          </p>
        </section>
      </CandidateShell>
    );
  }
  const about = `${view.interviewTitle} at ${view.companyName}`;
  return (
    <CandidateShell companyName={view.companyName}>
      <section aria-labelledby="unsubscribe-title" className={styles.notice}>
        {view.unsubscribedAt ? (
          <>
            <h1 id="unsubscribe-title">Reminders stopped</h1>
            <p>
              You will get no more reminder emails about your interview for {about} (stopped{" "}
              <LocalTime iso={view.unsubscribedAt} />
              ). Your invitation link still works until it expires.
            </p>
          </>
        ) : (
          <>
            <h1 id="unsubscribe-title">Stop reminder emails?</h1>
            <p>
              We send a reminder before your invitation for {about} expires, while you have not started. Stop them if
              you would rather not hear from us again about it. Your link keeps working either way.
            </p>
            <form method="post" action={`/api/candidates/invites/unsubscribe?t=${encodeURIComponent(view.value)}`}>
              <input type="hidden" name="List-Unsubscribe" value="One-Click" />
              <button type="submit" className={buttonClass("primary")}>
                Stop reminders
              </button>
            </form>
          </>
        )}
      </section>
    </CandidateShell>
  );
}
