import type { FormState } from "@/lib/http/server-action";
import type { EmailDeliveryState } from "./email-delivery";

/** An invite as the table shows it (from toInviteJson); plain data for client components. */
export interface InviteRow {
  id: string;
  candidateName: string | null;
  candidateEmail: string | null;
  status: "active" | "in_progress" | "completed" | "expired" | "attempts_exhausted" | "revoked";
  statusReason: string;
  expiresAt: string;
  /** How the expiry was chosen, in plain words ("3 business days, skipping ..."); null for older invites. */
  expiryRuleText?: string | null;
  maxAttempts: number;
  currentAttempts: number;
  lastSentAt: string | null;
  /** The invite's latest email, shown to people who manage the interview; undefined for others, null for no email. */
  email?: EmailDeliveryState | null;
  /** The candidate asked for more time and nobody has decided yet (shown to people who manage the interview). */
  extensionRequested?: boolean;
  /** Reminders emailed before the expiry (ISO times), oldest first. */
  reminders?: { offsetHours: number; sentAt: string }[];
  /** When the candidate stopped reminders with their email's one-click link. */
  remindersUnsubscribedAt?: string | null;
  /** The candidate asked for their data to be deleted ("requested"), or HR did it ("erased"). */
  erasure?: "requested" | "erased";
}

export interface MintedInvite {
  url: string;
  email: string | null;
  /** "queued": a job sends it in the background; "outbox": no mail server, it waits in the Outbox; null: no email. */
  delivery: "queued" | "outbox" | null;
}

export interface BulkPreview {
  rows: {
    line: number;
    candidate_name: string;
    candidate_email: string;
    expires_in_hours?: number;
    max_attempts?: number;
  }[];
  problems: { line: number; message: string }[];
}

export interface BulkLink {
  count: number;
  /** Emails a job sends in the background (SMTP), and emails waiting in the Outbox (no mail server). */
  emailsQueued: number;
  emailsInOutbox: number;
  csv: string;
  links: { line: number; name: string | null; email: string | null; url: string }[];
}

export type InviteFormAction = (previous: FormState, formData: FormData) => Promise<FormState>;
export type PayloadAction<T> = (
  previous: FormState & { payload?: T },
  formData: FormData,
) => Promise<FormState & { payload?: T }>;

export interface InviteActions {
  mint: PayloadAction<MintedInvite>;
  revoke: InviteFormAction;
  extend: InviteFormAction;
  resend: InviteFormAction;
  preview: PayloadAction<BulkPreview>;
  createBulk: PayloadAction<BulkLink>;
}
