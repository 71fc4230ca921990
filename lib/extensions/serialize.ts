import type { ExtensionListItem } from "./queries";

/** The API shape of an extension request, for staff. */
export function toExtensionJson(item: ExtensionListItem) {
  const r = item.request;
  return {
    id: r.id,
    token_id: r.tokenId,
    candidate_name: item.candidateName,
    candidate_email: item.candidateEmail,
    reason: r.reason,
    status: r.status,
    requested_at: r.createdAt.toISOString(),
    expires_at_when_requested: r.previousExpiresAt?.toISOString() ?? null,
    current_expires_at: item.currentExpiresAt.toISOString(),
    new_expires_at: r.newExpiresAt?.toISOString() ?? null,
    decided_at: r.decidedAt?.toISOString() ?? null,
    decided_by: item.decidedByName,
    decision_note: r.decisionNote,
  };
}

export type ExtensionJson = ReturnType<typeof toExtensionJson>;
