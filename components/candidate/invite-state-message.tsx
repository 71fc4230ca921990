import { LocalTime } from "@/components/ui/local-time";
import type { InviteState, InviteView } from "@/lib/invites/landing";
import { CandidateShell } from "./candidate-shell";
import { ErasureRequestPanel } from "./erasure-request";
import { InviteFacts } from "./invite-facts";
import { InterviewFlow } from "./room/interview-flow";
import { StatusPage } from "./status-page";
import styles from "./candidate.module.css";

type ClosedState = Exclude<InviteState, "open">;

const MESSAGES: Record<ClosedState, { title: string; text: (company: string) => string }> = {
  expired: {
    title: "This invitation has expired",
    text: (c) =>
      `The link is no longer valid, so the interview cannot be started. If you would still like to take part, contact ${c} and ask for a new link.`,
  },
  exhausted: {
    title: "You have used all your attempts",
    text: (c) =>
      `Every attempt this invitation allows has been used. If something went wrong during your interview, contact ${c}; they can allow another attempt.`,
  },
  revoked: {
    title: "This invitation was withdrawn",
    text: (c) =>
      `${c} has withdrawn this link. If you received a newer invitation email, use the link in that one; otherwise contact ${c}.`,
  },
  closed: {
    title: "This interview is not open right now",
    text: (c) =>
      `${c} is not accepting answers for this interview at the moment. Please check back later or contact them.`,
  },
  completed: {
    title: "You have completed this interview",
    text: (c) =>
      `Thank you: your answers were submitted to ${c}. There is nothing more to do; they will be in touch about the next steps.`,
  },
  in_progress: {
    title: "Your interview is in progress",
    text: (c) =>
      `An attempt was started with this link. If your connection dropped, you can continue from the browser you started in, within a short time. Otherwise contact ${c}.`,
  },
  erased: {
    title: "Your data was deleted",
    text: (c) =>
      `At your request, ${c} deleted your recorded answers and your personal details. There is nothing more to see at this link.`,
  },
  unknown: {
    title: "We couldn't find this invitation",
    text: () =>
      "Check that you opened the whole link from your invitation email. If you were sent a newer email, only the link in that one works. Otherwise, contact the company that invited you.",
  },
};

/** A clear page for every invite that cannot simply be started, with what to do next. */
export function InviteStateMessage({ view, token }: { view: InviteView; token?: string }) {
  const state = view.state === "open" ? "unknown" : view.state;
  const message = MESSAGES[state];
  const company = view.companyName ?? "the company";
  const notice = (
    <>
      <section aria-labelledby="invite-state" className={styles.notice}>
        <h2 id="invite-state">{message.title}</h2>
        <p>{message.text(company)}</p>
        {state === "erased" && view.erasedAt && (
          <p>
            Your data was deleted on <LocalTime iso={view.erasedAt} precision="date" />.
          </p>
        )}
        {state === "expired" && view.expiresAt && (
          <p className="muted">
            The link was valid until <LocalTime iso={view.expiresAt} />.
          </p>
        )}
      </section>
      {/* The status page: attempts, decision, receipts and erasure. A pending extension request goes in its children. */}
      {view.status && token && state !== "in_progress" && <StatusPage view={view} status={view.status} token={token} />}
      {/* An attempt in progress (perhaps abandoned) holds recordings too: the candidate may ask to delete them. */}
      {view.status && token && state === "in_progress" && (
        <ErasureRequestPanel token={token} companyName={company} erasure={view.status.erasure} />
      )}
    </>
  );
  // An attempt in progress can be continued (resumed) from here, through the device check.
  const body =
    state === "in_progress" && token ? (
      <InterviewFlow
        invite={token}
        companyName={company}
        mode="continue"
        practiceQuestion={false}
        attemptsLeft={view.attemptsLeft ?? 0}
      >
        {notice}
        <InviteFacts view={view} />
      </InterviewFlow>
    ) : (
      notice
    );
  if (view.state !== "unknown" && view.state !== "erased") return body;
  return (
    <CandidateShell companyName={view.companyName}>
      <h1>Interview invitation</h1>
      {body}
    </CandidateShell>
  );
}
