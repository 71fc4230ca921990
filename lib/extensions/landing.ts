import "server-only";
import type { DbOrTx } from "@/lib/db";
import type { CandidateToken, ExtensionStatus } from "@/db/schema";
import { extensionIneligibility, type ExtensionFacts, NEARLY_EXPIRED_HOURS } from "./eligibility";
import { inviteExtensionRequests } from "./queries";

/** What the candidate's page says about asking for more time. */
export interface ExtensionView {
  /** The latest request's status, or null when none was made. */
  status: ExtensionStatus | null;
  requested_at: string | null;
  decided_at: string | null;
  /** The expiry granted, when the latest request was approved. */
  new_expires_at: string | null;
  /** A request can be made now (eligible, none waiting, under the invite's limit). */
  can_request: boolean;
  /** Hours before expiry from which a request is allowed (shown to the candidate). */
  nearly_expired_hours: number;
}

/**
 * The extension part of the landing page, or undefined when there is nothing to say: no request was ever made and
 * the invite is not in a state where one can be (far from expiry, finished, revoked...).
 */
export async function describeExtension(
  db: DbOrTx,
  input: { token: CandidateToken; facts: ExtensionFacts; now: Date },
): Promise<ExtensionView | undefined> {
  const requests = await inviteExtensionRequests(db, input.token.id);
  const latest = requests[0];
  const eligible = extensionIneligibility(input.token, input.facts, input.now) === null;
  const canRequest =
    eligible && !requests.some((r) => r.status === "pending") && requests.length < input.token.extensionRequestsAllowed;
  if (!latest && !canRequest) return undefined;
  return {
    status: latest?.status ?? null,
    requested_at: latest?.createdAt.toISOString() ?? null,
    decided_at: latest?.decidedAt?.toISOString() ?? null,
    new_expires_at: latest?.newExpiresAt?.toISOString() ?? null,
    can_request: canRequest,
    nearly_expired_hours: NEARLY_EXPIRED_HOURS,
  };
}
