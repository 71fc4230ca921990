import { INVITE_STATUS_LABELS } from "@/components/interviews/interview-labels";
import { Badge } from "@/components/ui/badge";
import { EmptyRow, Table } from "@/components/ui/table";
import { EmailDelivery } from "./email-delivery";
import { ExpiryCountdown } from "./expiry-countdown";
import { InviteRowActions } from "./invite-actions";
import { InviteReminders } from "./invite-reminders";
import type { InviteActions, InviteRow } from "./types";
import styles from "./invites.module.css";

interface InvitesTableProps {
  interviewId: string;
  invites: InviteRow[];
  /** Present for people who manage this interview; without it the table is read-only. */
  actions?: Pick<InviteActions, "revoke" | "extend" | "resend">;
  /** What an empty table says; by default, that nobody has been invited. */
  emptyText?: string;
}

export function InvitesTable({
  interviewId,
  invites,
  actions,
  emptyText = "No one has been invited yet.",
}: InvitesTableProps) {
  // The email column comes with the rows: only people who manage the interview are given its emails' states.
  const showEmail = invites.some((invite) => invite.email !== undefined);
  const columns = 4 + (actions ? 1 : 0) + (showEmail ? 1 : 0);
  return (
    <Table
      caption="Candidate invites"
      head={
        <tr>
          <th scope="col">Candidate</th>
          <th scope="col">Status</th>
          <th scope="col">Attempts used</th>
          <th scope="col">Expires</th>
          {showEmail && <th scope="col">Latest email</th>}
          {actions && <th scope="col">Actions</th>}
        </tr>
      }
    >
      {invites.length === 0 && <EmptyRow colSpan={columns}>{emptyText}</EmptyRow>}
      {invites.map((invite) => {
        const status = INVITE_STATUS_LABELS[invite.status];
        return (
          <tr key={invite.id}>
            <td>
              <span className={styles.candidate}>
                <span className={styles.candidateName}>{invite.candidateName ?? "Unnamed candidate"}</span>
                {invite.candidateEmail && <span className={styles.sub}>{invite.candidateEmail}</span>}
              </span>
            </td>
            <td title={invite.statusReason}>
              <Badge tone={status.tone}>{status.label}</Badge>
              {invite.extensionRequested && (
                <>
                  {" "}
                  <Badge tone="warning">Extension requested</Badge>
                </>
              )}
              {invite.erasure && (
                <>
                  {" "}
                  <Badge tone={invite.erasure === "erased" ? "neutral" : "warning"}>
                    {invite.erasure === "erased" ? "Erased" : "Erasure requested"}
                  </Badge>
                </>
              )}
              <InviteReminders invite={invite} />
            </td>
            <td className={styles.num}>
              {invite.currentAttempts} of {invite.maxAttempts}
            </td>
            <td className={styles.nowrap}>
              <ExpiryCountdown iso={invite.expiresAt} />
              {invite.expiryRuleText && <span className={styles.ruleText}>{invite.expiryRuleText}</span>}
            </td>
            {showEmail && (
              <td>
                {invite.email ? <EmailDelivery email={invite.email} compact /> : <span className="muted">None</span>}
              </td>
            )}
            {actions && (
              <td>
                <InviteRowActions interviewId={interviewId} invite={invite} actions={actions} />
              </td>
            )}
          </tr>
        );
      })}
    </Table>
  );
}
