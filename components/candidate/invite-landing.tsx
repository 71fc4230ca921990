import type { InviteView } from "@/lib/invites/landing";
import { CandidateShell } from "./candidate-shell";
import { ErasureRequestPanel } from "./erasure-request";
import { ExtensionRequest } from "./extension-request";
import { InviteFacts } from "./invite-facts";
import { InviteStateMessage } from "./invite-state-message";
import { InterviewFlow } from "./room/interview-flow";
import styles from "./candidate.module.css";

/** The candidate's landing page for one invite: what it is, and either a start button or what to do instead. */
export function InviteLanding({ view, token }: { view: InviteView; token: string }) {
  // Nothing about the interview or the candidate is left to show once their data was erased.
  if (view.state === "unknown" || view.state === "erased") return <InviteStateMessage view={view} />;
  const company = view.companyName ?? "the company";
  return (
    <CandidateShell companyName={view.companyName}>
      <header className={styles.heading}>
        <h1>{view.interviewTitle}</h1>
        {view.position && <p className="muted">{view.position}</p>}
      </header>
      {view.candidateName && <p>Hello {view.candidateName},</p>}
      {view.state === "open" ? (
        <>
          <InterviewFlow
            invite={token}
            companyName={company}
            mode="start"
            practiceQuestion={view.practiceQuestion ?? false}
            attemptsLeft={view.attemptsLeft ?? 0}
          >
            <p>
              {company} has invited you to a recorded video interview. You will see each question on screen and answer
              it on camera, within a time limit.
            </p>
            <InviteFacts view={view} />
            <ul className={styles.tips}>
              <li>Use a quiet place with good light and a stable connection.</li>
              <li>
                Your browser will ask to use your camera and microphone; you can check them before anything starts.
              </li>
              <li>
                Starting uses one attempt. If your connection drops, come back to this page from the same browser to
                continue.
              </li>
            </ul>
          </InterviewFlow>
        </>
      ) : (
        <InviteStateMessage view={view} token={token} />
      )}
      {view.extension && (view.state === "open" || view.state === "expired") && (
        <ExtensionRequest
          token={token}
          extension={view.extension}
          companyName={company}
          expired={view.state === "expired"}
        />
      )}
      {/* An open invite with an attempt behind it (abandoned) holds recordings too: the candidate may ask to delete them. */}
      {view.state === "open" && view.status && view.status.attemptsUsed > 0 && (
        <ErasureRequestPanel token={token} companyName={company} erasure={view.status.erasure} />
      )}
    </CandidateShell>
  );
}
