import { AppError } from "@/lib/errors";
import { attemptsLeft, classifyStartRejection } from "@/lib/invites/status";
import { type InviteFactsRow, startRejectionError, toInviteFacts } from "./invite-facts";

/** What the database said about an invite and the session a resume token names (null columns: no such session). */
export interface ResumeFacts extends InviteFactsRow {
  resume_grace_minutes: number;
  session_status: string | null;
  token_is_current: boolean | null;
  within_grace: boolean | null;
}

/**
 * Why a resume was refused. A link that cannot be used at all keeps the start endpoint's answers (400 unknown,
 * revoked or closed; 410 expired). Otherwise the answer is a 409 that consumed nothing, so the candidate decides
 * whether to spend an attempt (a start with `mode: "new"`):
 * - `resume_missing`: continuing was asked for, but no resume token came with it (another browser or device);
 * - `resume_expired`: the token is the session's current one, but it was inactive past the interview's grace window;
 * - `resume_conflict`: anything else: the token was rotated by another tab, window or device longer ago than the
 *   reuse grace, or it belongs to an attempt that has since ended.
 */
export function resumeRefusal(facts: ResumeFacts | null, input: { presented: boolean }): AppError {
  const invite = facts && toInviteFacts(facts);
  const rejection = classifyStartRejection(invite, facts ? new Date(facts.db_now) : new Date());
  if (rejection && rejection.reason !== "attempts_exhausted") return startRejectionError(rejection);
  const left = invite ? attemptsLeft(invite) : 0;
  const offer =
    left > 0
      ? `Starting a new attempt instead uses 1 of the ${left} attempt${left === 1 ? "" : "s"} left and begins at the first question.`
      : "There are no attempts left to start again; contact the company if you need another.";
  if (!input.presented) {
    return new AppError(
      "CONFLICT",
      `This browser cannot continue the interview in progress: it was started in another browser or on another device. ${offer}`,
      {
        reason: "resume_missing",
      },
    );
  }
  if (facts?.session_status === "in_progress" && facts.token_is_current && !facts.within_grace) {
    return new AppError(
      "CONFLICT",
      `The interview was inactive for more than ${facts.resume_grace_minutes} minutes, so it can no longer be continued. ${offer}`,
      { reason: "resume_expired" },
    );
  }
  if (facts?.session_status === "completed") {
    return new AppError("CONFLICT", "This interview was already completed; there is nothing to continue.", {
      reason: "resume_conflict",
    });
  }
  return new AppError(
    "CONFLICT",
    `This interview was continued in another tab, window or device, so it cannot be continued here. ${offer}`,
    {
      reason: "resume_conflict",
    },
  );
}
