import type { DecisionListRow } from "./queries";

// The API shape of a decision: who, when, why, and what became of the candidate's email.

const personName = (row: { firstName: string | null; lastName: string | null; email: string }) =>
  [row.firstName, row.lastName].filter(Boolean).join(" ") || row.email;

export function toDecisionJson(row: DecisionListRow) {
  return {
    id: row.id,
    decision: row.decision,
    reason: row.reason,
    decided_by: { id: row.decidedBy, name: personName(row), email: row.email },
    created_at: row.createdAt.toISOString(),
    /**
     * The candidate's decision email: "queued" (transport "outbox": kept in the outbox without a mail server; "smtp":
     * waiting for the job, or for its retry when `attempts` > 0), "sending", "sent" or "failed" (`error` says why).
     */
    email:
      row.emailId && row.emailStatus
        ? {
            id: row.emailId,
            to: row.emailTo,
            subject: row.emailSubject,
            status: row.emailStatus,
            transport: row.emailTransport,
            attempts: row.emailAttempts ?? 0,
            error: row.emailError,
            sent_at: row.emailSentAt?.toISOString() ?? null,
          }
        : null,
  };
}

export type DecisionJson = ReturnType<typeof toDecisionJson>;

/** GET's body: the decision (the newest row) and every decision, newest first. */
export function toDecisionsJson(rows: DecisionListRow[]) {
  const history = rows.map(toDecisionJson);
  return { current: history[0] ?? null, history };
}
