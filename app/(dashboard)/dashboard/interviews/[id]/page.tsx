import type { Metadata } from "next";
import Link from "next/link";
import { ArchiveInterview } from "@/components/interviews/archive-interview";
import { InterviewDetails } from "@/components/interviews/interview-details";
import { INTERVIEW_STATUS_LABELS } from "@/components/interviews/interview-labels";
import styles from "@/components/interviews/interviews.module.css";
import { ExtensionRequestsSection } from "@/components/extensions/extension-requests-section";
import { InviteTools } from "@/components/invites/invite-tools";
import { InvitesTable } from "@/components/invites/invites-table";
import { SessionsSection } from "@/components/review/sessions-section";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requirePermission } from "@/lib/auth/dal";
import { can } from "@/lib/auth/permissions";
import { inviteEmailStates, type InviteEmailState } from "@/lib/email/outbox";
import { inviteErasureStates } from "@/lib/erasure/queries";
import { interviewExtensionRequests, pendingExtensionTokenIds } from "@/lib/extensions/queries";
import { toExtensionJson } from "@/lib/extensions/serialize";
import { canManageInterview } from "@/lib/interviews/access";
import { canReviewInterview } from "@/lib/review/access";
import { toSessionSummaryJson } from "@/lib/review/serialize";
import { interviewSessionsPage } from "@/lib/review/sessions";
import { interviewInvites } from "@/lib/invites/queries";
import { toInviteJson } from "@/lib/invites/serialize";
import { archiveInterviewAction } from "../actions";
import { approveExtensionAction, declineExtensionAction } from "../extension-actions";
import {
  createBulkAction,
  extendInviteAction,
  mintInviteAction,
  previewBulkAction,
  resendInviteAction,
  revokeInviteAction,
} from "../invite-actions";
import { first, pageNumber, type SearchParams } from "../../search-params";
import { loadInterview } from "../load-interview";

export const metadata: Metadata = { title: "Interview" };

const SESSIONS_PAGE_SIZE = 20; // sessions per page
const INVITES_PAGE_SIZE = 20; // invites per page

const emailState = (email: InviteEmailState | undefined) =>
  email
    ? {
        ...email,
        lastAttemptAt: email.lastAttemptAt?.toISOString() ?? null,
        sentAt: email.sentAt?.toISOString() ?? null,
      }
    : null;

const toExtensionRow = (item: Parameters<typeof toExtensionJson>[0]) => {
  const json = toExtensionJson(item);
  return {
    id: json.id,
    candidateName: json.candidate_name,
    candidateEmail: json.candidate_email,
    reason: json.reason,
    status: json.status,
    requestedAt: json.requested_at,
    currentExpiresAt: json.current_expires_at,
    newExpiresAt: json.new_expires_at,
    decidedAt: json.decided_at,
    decidedBy: json.decided_by,
    decisionNote: json.decision_note,
  };
};

export default async function InterviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const viewer = await requirePermission("interviews.read");
  const { interview, questions } = await loadInterview(viewer, (await params).id);
  const query = await searchParams;
  const sessionsPage = pageNumber.parse(first(query.page));
  const invitesPage = pageNumber.parse(first(query.invites));
  const tokens = await interviewInvites({
    companyId: viewer.companyId,
    interviewId: interview.id,
    skip: (invitesPage - 1) * INVITES_PAGE_SIZE,
    limit: INVITES_PAGE_SIZE,
  });
  const attempts = canReviewInterview(viewer, interview)
    ? await interviewSessionsPage({
        viewer,
        interviewId: interview.id,
        skip: (sessionsPage - 1) * SESSIONS_PAGE_SIZE,
        limit: SESSIONS_PAGE_SIZE,
      })
    : null;
  const manages = canManageInterview(viewer, interview);
  // Emails (and their failures) are the outbox's, which shows them to the people who manage the interview.
  const emails = manages
    ? await inviteEmailStates({ companyId: viewer.companyId, tokenIds: tokens.items.map((t) => t.token.id) })
    : null;
  // Requests for more time, like emails, are for the people who manage the interview.
  const extensionsWaiting = manages
    ? await pendingExtensionTokenIds({ companyId: viewer.companyId, tokenIds: tokens.items.map((t) => t.token.id) })
    : null;
  const extensions = manages ? await interviewExtensionRequests({ viewer, interviewId: interview.id }) : null;
  // Erasure requested or done: every viewer sees it, so nobody reviews a candidate whose data is going or gone.
  const erasures = await inviteErasureStates({
    companyId: viewer.companyId,
    tokenIds: tokens.items.map((t) => t.token.id),
  });
  const now = new Date();
  const invites = tokens.items.map(({ token, sessions }) => {
    const json = toInviteJson(token, sessions, now);
    return {
      id: json.id,
      candidateName: json.candidate_name,
      candidateEmail: json.candidate_email,
      status: json.status,
      statusReason: json.status_reason,
      expiresAt: json.expires_at,
      expiryRuleText: json.expiry_rule_text,
      maxAttempts: json.max_attempts,
      currentAttempts: json.current_attempts,
      lastSentAt: json.last_sent_at,
      email: emails ? emailState(emails.get(token.id)) : undefined,
      extensionRequested: extensionsWaiting?.has(token.id) ?? false,
      reminders: json.reminders.map((r) => ({ offsetHours: r.offset_hours, sentAt: r.sent_at })),
      remindersUnsubscribedAt: json.reminders_unsubscribed_at,
      erasure: erasures.get(token.id),
    };
  });
  const open = interview.status !== "archived";
  const status = INTERVIEW_STATUS_LABELS[interview.status];
  const base = `/dashboard/interviews/${interview.id}`;

  return (
    <>
      <p>
        <Link href="/dashboard/interviews">← All interviews</Link>
      </p>
      <div className={styles.headerRow}>
        <PageHeader
          title={interview.title}
          description={
            <>
              <Badge tone={status.tone}>{status.label}</Badge>
              {!manages && (
                <span>
                  {" "}
                  · Read only:{" "}
                  {can(viewer.role, "interviews.create")
                    ? "only its creator, HR and admins can change it"
                    : "your role can view interviews"}
                </span>
              )}
            </>
          }
        />
        <div className={styles.actions}>
          {can(viewer.role, "board.view") && canReviewInterview(viewer, interview) && (
            <Link href={`${base}/board`} className={buttonClass("secondary", "sm")}>
              Board
            </Link>
          )}
          {canReviewInterview(viewer, interview) && (
            <Link href={`${base}/analytics`} className={buttonClass("secondary", "sm")}>
              Analytics
            </Link>
          )}
          {can(viewer.role, "invites.diagnostics") && (
            <Link href={`${base}/diagnostics`} className={buttonClass("secondary", "sm")}>
              Diagnostics
            </Link>
          )}
          {manages && (
            <Link href={`${base}/edit`} className={buttonClass("secondary", "sm")}>
              Edit
            </Link>
          )}
          {manages && open && (
            <ArchiveInterview interviewId={interview.id} title={interview.title} action={archiveInterviewAction} />
          )}
        </div>
      </div>
      <InterviewDetails
        interview={{
          position: interview.position,
          description: interview.description,
          retakesAllowed: interview.retakesAllowed,
          resumeGraceMinutes: interview.resumeGraceMinutes,
          reminderOffsetsHours: interview.reminderOffsetsHours,
          createdAt: interview.createdAt.toISOString(),
          competencies: interview.competencies,
          questions: questions.map((q) => ({
            id: q.id,
            text: q.text,
            timeLimitSeconds: q.timeLimitSeconds,
            thinkTimeSeconds: q.thinkTimeSeconds,
            criteria: q.criteria,
          })),
        }}
      />
      <section aria-labelledby="invites-heading" className="stack">
        <div className={styles.headerRow}>
          <h2 id="invites-heading">Invites</h2>
          {manages && open && (
            <InviteTools
              interviewId={interview.id}
              actions={{ mint: mintInviteAction, preview: previewBulkAction, createBulk: createBulkAction }}
            />
          )}
        </div>
        {manages && interview.status === "draft" && (
          <p className="muted">
            This interview is a draft: candidates can open their link but cannot start until you set it to Active.
          </p>
        )}
        <InvitesTable
          interviewId={interview.id}
          invites={invites}
          actions={
            manages ? { revoke: revokeInviteAction, extend: extendInviteAction, resend: resendInviteAction } : undefined
          }
          emptyText={tokens.total === 0 ? undefined : "No invites on this page."}
        />
        <Pagination
          page={invitesPage}
          pageSize={INVITES_PAGE_SIZE}
          total={tokens.total}
          basePath={base}
          param="invites"
          label="Invites pages"
          query={{ page: sessionsPage > 1 ? String(sessionsPage) : undefined }}
        />
      </section>
      {extensions && (
        <ExtensionRequestsSection
          interviewId={interview.id}
          pending={extensions.pending.map(toExtensionRow)}
          decided={extensions.decided.map(toExtensionRow)}
          actions={{ approve: approveExtensionAction, decline: declineExtensionAction }}
        />
      )}
      {attempts && (
        <SessionsSection
          interviewId={interview.id}
          sessions={attempts.items.map(toSessionSummaryJson)}
          page={sessionsPage}
          pageSize={SESSIONS_PAGE_SIZE}
          total={attempts.total}
          query={{ invites: invitesPage > 1 ? String(invitesPage) : undefined }}
        />
      )}
    </>
  );
}
