import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  doublePrecision,
  index,
  inet,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import {
  DECISIONS,
  ERASURE_STATUSES,
  EXTENSION_STATUSES,
  INTERVIEW_STATUSES,
  RECOMMENDATIONS,
  ROLES,
  SCORECARD_STATUSES,
  type DecisionEmailTemplates,
  type ExpiryRule,
  type ScorecardScore,
} from "./enums";

export * from "./enums";

// Every table lives in this one file. SQL names are snake_case; every timestamp is timestamptz.

/** A rubric criterion (lib/evaluation/rubric.ts validates it): what good looks like and anchors for 1, 3 and 5. */
export interface CriterionSnapshot {
  name: string;
  good: string;
  anchors: { "1": string; "3": string; "5": string };
}

export interface CompetencySnapshot {
  name: string;
  description: string;
}

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const userRole = pgEnum("user_role", ROLES);

export const companies = pgTable(
  "companies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: varchar("name", { length: 255 }).notNull(),
    // The company's holidays (ISO dates, YYYY-MM-DD): business-day invite expiry skips them as it skips weekends.
    holidays: jsonb("holidays").$type<string[]>().notNull().default([]),
    // Email a user when they sign in from a device none of their recent sign-ins used (lib/auth/new-device.ts). Off by
    // default: the audit row NEW_DEVICE_SIGN_IN is written either way.
    newDeviceEmail: boolean("new_device_email").notNull().default(false),
    // HR and ADMIN users must set up two-factor sign-in (lib/auth/two-factor.ts) before using the dashboard. Off by default.
    requireMfaStaff: boolean("require_mfa_staff").notNull().default(false),
    // Maximum password age in days (30..730), after which the dashboard and API send users to change their password
    // (lib/auth/password-expiry.ts). NULL is off, the default: NIST SP 800-63B advises against forced rotation.
    maxPasswordAgeDays: integer("max_password_age_days"),
    createdAt: createdAt(),
  },
  (t) => [check("companies_max_password_age_range", sql`${t.maxPasswordAgeDays} BETWEEN 30 AND 730`)],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "restrict" }),
    // Stored lowercased; the unique index is the source of truth for "one account per address".
    email: varchar("email", { length: 255 }).notNull(),
    passwordHash: varchar("password_hash", { length: 255 }).notNull(),
    firstName: varchar("first_name", { length: 255 }),
    lastName: varchar("last_name", { length: 255 }),
    role: userRole("role").notNull().default("EMPLOYEE"),
    isActive: boolean("is_active").notNull().default(true),
    // When password_hash was last set; companies.max_password_age_days is measured from it.
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email), index("users_company_id_idx").on(t.companyId)],
);

export const SESSION_KINDS = ["api", "web"] as const;
export const sessionKind = pgEnum("session_kind", SESSION_KINDS);

/**
 * One sign-in: an API refresh-token family or a dashboard browser session. Access tokens and Auth.js JWTs carry its
 * id (`sid`), so revoking this row signs the user out everywhere that sign-in reached.
 */
export const authSessions = pgTable(
  "auth_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "restrict" }),
    kind: sessionKind("kind").notNull(),
    createdAt: createdAt(),
    // Absolute lifetime: rotation never extends it.
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedReason: varchar("revoked_reason", { length: 50 }),
    ipAddress: inet("ip_address"),
    userAgent: text("user_agent"),
    // When the session was last used, to the minute: written at most once a minute, when its context is loaded from
    // the database (lib/auth/sign-in-sessions.ts), never once per request.
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
    // How the person proved who they are: "password" (with or without a second factor) or "sso" (the company's
    // OpenID provider, lib/auth/sso). Requiring SSO revokes the password sessions only; SSO sessions skip the
    // company's two-factor and password-age rules, which the identity provider owns.
    method: varchar("method", { length: 16 }).$type<"password" | "sso">().notNull().default("password"),
  },
  (t) => [index("auth_sessions_user_id_idx").on(t.userId)],
);

export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => authSessions.id, { onDelete: "cascade" }),
    // SHA-256 of the opaque token, hex. The token itself is never stored.
    tokenHash: varchar("token_hash", { length: 64 }).notNull(),
    parentId: uuid("parent_id"),
    createdAt: createdAt(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("refresh_tokens_token_hash_key").on(t.tokenHash),
    // The invariant "a family has at most one active token", enforced by the database itself.
    uniqueIndex("refresh_tokens_one_active_per_session")
      .on(t.sessionId)
      .where(sql`${t.usedAt} IS NULL AND ${t.revokedAt} IS NULL`),
  ],
);

export const AUDIT_ACTIONS = [
  "LOGIN",
  "LOGIN_FAILED",
  "LOGOUT",
  "TOKEN_REFRESH",
  "REFRESH_REUSE_DETECTED",
  "USER_CREATED",
  "USER_UPDATED",
  "USER_DEACTIVATED",
  "INTERVIEW_CREATED",
  "INTERVIEW_UPDATED",
  "INTERVIEW_ARCHIVED",
  "INVITE_MINTED",
  "INVITE_REVOKED",
  "INVITE_EXTENDED",
  "INVITE_RESENT",
  "SESSION_STARTED",
  "SESSION_RESUMED",
  "SESSION_COMPLETED",
  "CONSENT_GIVEN",
  "RECORDING_RETAKEN",
  "LIVEKIT_TOKEN_MINTED",
  "OBSERVATION_STARTED",
  "OBSERVATION_STOPPED",
  "OBSERVATION_FLAGGED",
  "RECORDINGS_PURGED",
  "SESSION_REVOKED",
  "JOB_RETRIED",
  "EVALUATION_RERUN_REQUESTED",
  "SCORECARD_SUBMITTED",
  "SCORECARD_REVISED",
  "DECISION_MADE",
  "DECISION_CHANGED",
  "REPORT_EXPORTED",
  "BOARD_EXPORTED",
  "COMPANY_HOLIDAYS_UPDATED",
  "INVITE_REMINDER_SENT",
  "INVITE_REMINDERS_UNSUBSCRIBED",
  "EXTENSION_REQUESTED",
  "EXTENSION_APPROVED",
  "EXTENSION_DECLINED",
  "ERASURE_REQUESTED",
  "ERASURE_COMPLETED",
  "PASSWORD_CHANGED",
  "NEW_DEVICE_SIGN_IN",
  "SIGN_IN_SESSION_REVOKED",
  "COMPANY_SETTINGS_UPDATED",
  "MFA_ENROLLED",
  "MFA_DISABLED",
  "MFA_RESET",
  "MFA_RECOVERY_CODE_USED",
  "MFA_RECOVERY_CODES_REGENERATED",
  "SSO_IDENTITY_CLEARED",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Append-only (a trigger in the migrations rejects UPDATE and DELETE). */
export const auditLogs = pgTable(
  "audit_logs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Null only for events that belong to no company, such as a failed login for an unknown address.
    companyId: uuid("company_id").references(() => companies.id, { onDelete: "restrict" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "restrict" }),
    action: varchar("action", { length: 50 }).notNull(),
    resourceType: varchar("resource_type", { length: 50 }),
    resourceId: uuid("resource_id"),
    details: jsonb("details").$type<Record<string, unknown>>(),
    ipAddress: inet("ip_address"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_logs_company_created_idx").on(t.companyId, t.createdAt),
    index("audit_logs_user_id_idx").on(t.userId),
    index("audit_logs_action_idx").on(t.action),
  ],
);

export const interviewStatus = pgEnum("interview_status", INTERVIEW_STATUSES);

export const interviews = pgTable(
  "interviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "restrict" }),
    // The owner: a TEAM_LEAD manages only the interviews they own.
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    title: varchar("title", { length: 200 }).notNull(),
    position: varchar("position", { length: 200 }),
    description: text("description"),
    // Re-records allowed per answer.
    retakesAllowed: integer("retakes_allowed").notNull().default(0),
    resumeGraceMinutes: integer("resume_grace_minutes").notNull().default(15),
    // A warm-up question before the first real one: recorded in the browser, never uploaded.
    practiceQuestion: boolean("practice_question").notNull().default(true),
    // Overall competencies the evaluator is told about (context, not scored per answer).
    competencies: jsonb("competencies").$type<CompetencySnapshot[]>().notNull().default([]),
    // Reviewers see neither each other's scorecards nor the AI's scores until they submit their own.
    blindReview: boolean("blind_review").notNull().default(true),
    // The candidate emails per decision, edited per interview; a decision absent here uses the default template.
    decisionEmails: jsonb("decision_emails").$type<DecisionEmailTemplates>().notNull().default({}),
    // Reminders to candidates who have not started: hours before the invite's expiry, each sent once (0 to 5 offsets).
    reminderOffsetsHours: jsonb("reminder_offsets_hours").$type<number[]>().notNull().default([24]),
    status: interviewStatus("status").notNull().default("draft"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("interviews_company_created_idx").on(t.companyId, t.createdAt),
    check("interviews_retakes_range", sql`${t.retakesAllowed} BETWEEN 0 AND 10`),
    check("interviews_grace_range", sql`${t.resumeGraceMinutes} BETWEEN 0 AND 1440`),
  ],
);

export const interviewQuestions = pgTable(
  "interview_questions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "restrict" }),
    interviewId: uuid("interview_id")
      .notNull()
      .references(() => interviews.id, { onDelete: "cascade" }),
    // 0-based order within the interview.
    position: integer("position").notNull(),
    text: text("text").notNull(),
    thinkTimeSeconds: integer("think_time_seconds"),
    timeLimitSeconds: integer("time_limit_seconds").notNull(),
    // The rubric of this question: 0 to 6 criteria (none: its answers are transcribed but not scored).
    criteria: jsonb("criteria").$type<CriterionSnapshot[]>().notNull().default([]),
  },
  (t) => [
    uniqueIndex("interview_questions_order_key").on(t.interviewId, t.position),
    check("interview_questions_time_limit_range", sql`${t.timeLimitSeconds} BETWEEN 10 AND 1800`),
    check(
      "interview_questions_think_time_range",
      sql`${t.thinkTimeSeconds} IS NULL OR ${t.thinkTimeSeconds} BETWEEN 0 AND 600`,
    ),
  ],
);

/**
 * A personal invite. Only the SHA-256 of its value is stored. Legacy rows may lack expires_at (then 7 days after
 * created_at) or max_attempts (then 1); the CHECK keeps the attempt invariant in the database itself.
 */
export const candidateTokens = pgTable(
  "candidate_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "restrict" }),
    interviewId: uuid("interview_id")
      .notNull()
      .references(() => interviews.id, { onDelete: "restrict" }),
    tokenHash: varchar("token_hash", { length: 64 }).notNull(),
    candidateName: varchar("candidate_name", { length: 200 }),
    candidateEmail: varchar("candidate_email", { length: 255 }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    maxAttempts: integer("max_attempts"),
    currentAttempts: integer("current_attempts").notNull().default(0),
    isUsed: boolean("is_used").notNull().default(false),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "restrict" }),
    lastSentAt: timestamp("last_sent_at", { withTimezone: true }),
    // The first time the candidate opened their link (the landing page): the analytics funnel's "opened".
    openedAt: timestamp("opened_at", { withTimezone: true }),
    // How expires_at was chosen (shown in plain words beside it); null on invites minted before rules existed.
    expiryRule: jsonb("expiry_rule").$type<ExpiryRule>(),
    // Extension requests the candidate may make (HR may allow more than the default one).
    extensionRequestsAllowed: integer("extension_requests_allowed").notNull().default(1),
    // The candidate's one-click unsubscribe from reminders (RFC 8058); HR sees it on the invite.
    remindersUnsubscribedAt: timestamp("reminders_unsubscribed_at", { withTimezone: true }),
    // The invite's link value sealed (AES-256-GCM, key derived from AUTH_SECRET; lib/invites/link-seal.ts), so a
    // reminder can carry the same link: a database copy alone opens nothing. Rewritten when a resend rotates the link.
    linkSealed: text("link_sealed"),
    // HR carried out the candidate's erasure request: name and email are gone, recordings deleted.
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("candidate_tokens_token_hash_key").on(t.tokenHash),
    index("candidate_tokens_interview_idx").on(t.interviewId, t.createdAt),
    // The reminder scan every 5 minutes (lib/invites/reminders.ts) reads only invites that may still get one: the
    // unstarted, live, addressed ones, a small part of a company's invites once most are done.
    index("candidate_tokens_reminder_candidates_idx")
      .on(t.expiresAt)
      .where(
        sql`${t.revokedAt} IS NULL AND ${t.erasedAt} IS NULL AND ${t.remindersUnsubscribedAt} IS NULL AND ${t.candidateEmail} IS NOT NULL AND ${t.currentAttempts} = 0`,
      ),
    check(
      "candidate_tokens_attempts_within_max",
      sql`${t.currentAttempts} >= 0 AND ${t.currentAttempts} <= COALESCE(${t.maxAttempts}, 1)`,
    ),
    check("candidate_tokens_max_attempts_range", sql`${t.maxAttempts} IS NULL OR ${t.maxAttempts} BETWEEN 1 AND 10`),
    check("candidate_tokens_extension_requests_range", sql`${t.extensionRequestsAllowed} BETWEEN 0 AND 10`),
  ],
);

// "revoked": the invite was revoked while the attempt ran; what was stored is kept, nothing more is accepted.
export const SESSION_STATUSES = ["in_progress", "completed", "abandoned", "revoked"] as const;
export const interviewSessionStatus = pgEnum("interview_session_status", SESSION_STATUSES);

export interface QuestionSnapshot {
  index: number;
  text: string;
  think_time_seconds: number | null;
  time_limit_seconds: number;
  /** The question's rubric when the attempt started; absent in sessions started before rubrics existed. */
  criteria?: CriterionSnapshot[];
}

/** One attempt at an interview. Questions are snapshotted at start, so later edits never change a running attempt. */
export const interviewSessions = pgTable(
  "interview_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "restrict" }),
    interviewId: uuid("interview_id")
      .notNull()
      .references(() => interviews.id, { onDelete: "restrict" }),
    tokenId: uuid("token_id")
      .notNull()
      .references(() => candidateTokens.id, { onDelete: "restrict" }),
    attemptNumber: integer("attempt_number").notNull(),
    status: interviewSessionStatus("status").notNull().default("in_progress"),
    questions: jsonb("questions").$type<QuestionSnapshot[]>().notNull(),
    livekitRoom: varchar("livekit_room", { length: 100 }).notNull(),
    resumeTokenHash: varchar("resume_token_hash", { length: 64 }).notNull(),
    // The resume token rotated away most recently and when: re-presented within the reuse grace window (a double
    // click, a second tab) it answers the same session and the same rotated token instead of failing.
    prevResumeTokenHash: varchar("prev_resume_token_hash", { length: 64 }),
    resumeRotatedAt: timestamp("resume_rotated_at", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    // The answer the candidate last uploaded to: the interviewer's live view shows it.
    currentAnswer: integer("current_answer"),
    // Presence in the LiveKit room, from its webhooks; null until the relay reported anything.
    candidateInRoom: boolean("candidate_in_room"),
  },
  (t) => [
    uniqueIndex("interview_sessions_attempt_key").on(t.tokenId, t.attemptNumber),
    index("interview_sessions_interview_idx").on(t.interviewId, t.startedAt),
    // The board: each candidate's latest completed attempt of an interview (migration 0010 adds INCLUDE (id,
    // company_id, ended_at), which drizzle's index builder cannot say).
    index("interview_sessions_board_idx")
      .on(t.interviewId, t.tokenId, t.attemptNumber)
      .where(sql`${t.status} = 'completed'`),
    // LiveKit webhooks find the session by its room.
    index("interview_sessions_livekit_room_idx").on(t.livekitRoom),
  ],
);

export const RECORDING_STATUSES = ["uploading", "ready", "failed"] as const;
export const recordingStatus = pgEnum("recording_status", RECORDING_STATUSES);

/** One recorded answer. The upload pipeline (chunks, verification, storage) fills these in. */
export const recordings = pgTable(
  "recordings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "restrict" }),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => interviewSessions.id, { onDelete: "restrict" }),
    questionIndex: integer("question_index").notNull(),
    // Starts at 0; each re-record (or restart of an interrupted answer) moves to the next take and drops the chunks.
    take: integer("take").notNull().default(0),
    // Re-records of a finalized answer, bounded by the interview's retakes_allowed.
    retakesUsed: integer("retakes_used").notNull().default(0),
    // Free restarts of takes cut off before they were finalized (a reload, a lost device), capped per answer.
    freeRetakesUsed: integer("free_retakes_used").notNull().default(0),
    // Set while one finalize assembles this answer; a second finalize of the same answer waits its turn (409).
    finalizingAt: timestamp("finalizing_at", { withTimezone: true }),
    status: recordingStatus("status").notNull().default("uploading"),
    mimeType: varchar("mime_type", { length: 100 }),
    sizeBytes: integer("size_bytes"),
    sha256: varchar("sha256", { length: 64 }),
    storageKey: text("storage_key"),
    durationMs: integer("duration_ms"),
    createdAt: createdAt(),
    readyAt: timestamp("ready_at", { withTimezone: true }),
  },
  (t) => [
    index("recordings_session_idx").on(t.sessionId, t.questionIndex),
    // The per-company storage quota sums a company's recordings.
    index("recordings_company_idx").on(t.companyId),
    // One recording per answer of a session: complete-session counts ready rows, so a second row would count twice.
    uniqueIndex("recordings_session_question_key").on(t.sessionId, t.questionIndex),
  ],
);

/** One uploaded piece of a recording. (recording, seq) is unique so that concurrent uploads of a seq cannot both win. */
export const recordingChunks = pgTable(
  "recording_chunks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "restrict" }),
    recordingId: uuid("recording_id")
      .notNull()
      .references(() => recordings.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: varchar("sha256", { length: 64 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("recording_chunks_recording_seq_key").on(t.recordingId, t.seq),
    check("recording_chunks_seq_non_negative", sql`${t.seq} >= 0`),
  ],
);

/** The candidate's consent, stored when they tick the box, before any attempt is used. */
export const candidateConsents = pgTable(
  "candidate_consents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "restrict" }),
    tokenId: uuid("token_id")
      .notNull()
      .references(() => candidateTokens.id, { onDelete: "restrict" }),
    // Which wording was agreed to (lib/consent/text.ts), and the facts it stated.
    version: varchar("version", { length: 40 }).notNull(),
    statement: jsonb("statement").$type<Record<string, unknown>>().notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }).notNull().defaultNow(),
    ipAddress: inet("ip_address"),
    userAgent: text("user_agent"),
  },
  (t) => [
    index("candidate_consents_token_idx").on(t.tokenId, t.acceptedAt),
    // One row per invite and wording: agreeing again (a reload, another device) adds nothing.
    uniqueIndex("candidate_consents_token_version_key").on(t.tokenId, t.version),
  ],
);

/**
 * A note an observer dropped while watching a session live. `answer` is the question the candidate was on (from the
 * session's upload activity) and `created_at` the server time, from which the review places it on the recording.
 */
export const observationFlags = pgTable(
  "observation_flags",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "restrict" }),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => interviewSessions.id, { onDelete: "restrict" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    answer: integer("answer"),
    note: varchar("note", { length: 500 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("observation_flags_session_idx").on(t.sessionId, t.createdAt)],
);

/** LiveKit webhook events already applied, by their id: a redelivery is a no-op. */
// Every presence event LiveKit sent about a session's room, applied or not: the session's relay activity in review.
export const livekitWebhookEvents = pgTable(
  "livekit_webhook_events",
  {
    id: varchar("id", { length: 100 }).primaryKey(),
    event: varchar("event", { length: 50 }).notNull(),
    room: varchar("room", { length: 200 }),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    /** The session whose room it names (any status); null when no session has that room. */
    sessionId: uuid("session_id"),
    identity: varchar("identity", { length: 200 }),
    /** For track events: camera, microphone, … */
    trackSource: varchar("track_source", { length: 30 }),
  },
  (t) => [index("livekit_webhook_events_session_idx").on(t.sessionId, t.receivedAt)],
);

// "sending" is claimed by one deliverer at a time, so a message is never sent twice.
export const OUTBOX_STATUSES = ["queued", "sending", "sent", "failed"] as const;
export const outboxStatus = pgEnum("outbox_status", OUTBOX_STATUSES);

/** Every email the app sends. Without SMTP_URL it stays here and the dashboard shows it. */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "restrict" }),
    tokenId: uuid("token_id").references(() => candidateTokens.id, { onDelete: "restrict" }),
    toAddress: varchar("to_address", { length: 255 }).notNull(),
    subject: varchar("subject", { length: 300 }).notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body"),
    status: outboxStatus("status").notNull().default("queued"),
    transport: varchar("transport", { length: 20 }).notNull(),
    /** The last delivery failure: the final reason once failed, the one being retried while queued again. */
    error: text("error"),
    /** SMTP delivery attempts started (claims); a queued row with attempts > 0 is waiting for a retry. */
    attempts: integer("attempts").notNull().default(0),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    // Extra message headers (a reminder's RFC 8058 List-Unsubscribe and List-Unsubscribe-Post).
    headers: jsonb("headers").$type<Record<string, string>>(),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("email_outbox_company_created_idx").on(t.companyId, t.createdAt),
    // An invite's emails, newest first (the interview page shows each invite's latest email).
    index("email_outbox_token_created_idx").on(t.tokenId, t.createdAt),
    // The email sweep's search: SMTP rows still queued, oldest first.
    index("email_outbox_unsent_idx")
      .on(t.createdAt)
      .where(sql`${t.status} = 'queued' AND ${t.transport} = 'smtp'`),
  ],
);

// --- AI: transcripts and evaluations (advice for people, never the decision) -------------------------------------

export interface TranscriptSegmentRow {
  start: number;
  end: number;
  text: string;
}

export interface TranscriptWordRow {
  start: number;
  end: number;
  word: string;
}

/** One transcript per ready recording (its take); deleted with the recording (retention purge). */
export const transcripts = pgTable(
  "transcripts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "restrict" }),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => interviewSessions.id, { onDelete: "restrict" }),
    recordingId: uuid("recording_id")
      .notNull()
      .references(() => recordings.id, { onDelete: "cascade" }),
    questionIndex: integer("question_index").notNull(),
    take: integer("take").notNull(),
    engine: varchar("engine", { length: 40 }).notNull(),
    model: varchar("model", { length: 100 }).notNull(),
    language: varchar("language", { length: 40 }),
    durationMs: integer("duration_ms").notNull(),
    text: text("text").notNull(),
    segments: jsonb("segments").$type<TranscriptSegmentRow[]>().notNull(),
    /** Word-level time ranges (from the engine, or spread over their segment when it gives none). */
    words: jsonb("words").$type<TranscriptWordRow[]>().notNull(),
    wordTimesEstimated: boolean("word_times_estimated").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    // The transcription job's idempotency key: one transcript per recording take.
    uniqueIndex("transcripts_recording_take_key").on(t.recordingId, t.take),
    index("transcripts_session_idx").on(t.sessionId, t.questionIndex),
  ],
);

export const EVALUATION_STATUSES = ["running", "completed", "failed"] as const;
export const evaluationStatus = pgEnum("evaluation_status", EVALUATION_STATUSES);

/** A version of a session's AI evaluation: the first runs on completion, each re-run (HR, ADMIN) adds the next. */
export const evaluations = pgTable(
  "evaluations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "restrict" }),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => interviewSessions.id, { onDelete: "restrict" }),
    version: integer("version").notNull(),
    /** Who asked for a re-run; null for the automatic first evaluation. */
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    status: evaluationStatus("status").notNull().default("running"),
    promptVersion: varchar("prompt_version", { length: 80 }).notNull(),
    model: varchar("model", { length: 100 }).notNull(),
    /** Strengths and concerns built from verified evidence only. */
    summary: jsonb("summary").$type<Record<string, unknown>>(),
    inputTokens: integer("input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    latencyMs: integer("latency_ms").notNull().default(0),
    /** Estimated from the configured prices; null when no price is configured. */
    costUsd: doublePrecision("cost_usd"),
    /** The mean of every scored criterion (1-5) once completed; null when nothing could be scored. */
    overallScore: doublePrecision("overall_score"),
    error: text("error"),
    createdAt: createdAt(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("evaluations_session_version_key").on(t.sessionId, t.version),
    index("evaluations_company_idx").on(t.companyId, t.createdAt),
  ],
);

/** One answer's criteria within an evaluation version: scores with verified quotes, or insufficient/unverifiable. */
export const answerEvaluations = pgTable(
  "answer_evaluations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "restrict" }),
    evaluationId: uuid("evaluation_id")
      .notNull()
      .references(() => evaluations.id, { onDelete: "cascade" }),
    questionIndex: integer("question_index").notNull(),
    /** Gone with the transcript (and so with the recording, at the retention purge). */
    transcriptId: uuid("transcript_id")
      .notNull()
      .references(() => transcripts.id, { onDelete: "cascade" }),
    criteria: jsonb("criteria").$type<Record<string, unknown>[]>().notNull(),
    promptVersion: varchar("prompt_version", { length: 80 }).notNull(),
    model: varchar("model", { length: 100 }).notNull(),
    inputTokens: integer("input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    latencyMs: integer("latency_ms").notNull().default(0),
    costUsd: doublePrecision("cost_usd"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("answer_evaluations_evaluation_question_key").on(t.evaluationId, t.questionIndex)],
);

// --- Human review: scorecards and decisions (people decide; the AI's scores are advice) ------------------------------

export const recommendation = pgEnum("recommendation", RECOMMENDATIONS);
export const scorecardStatus = pgEnum("scorecard_status", SCORECARD_STATUSES);

/**
 * A reviewer's scorecard of one session: one row per (session, reviewer), holding their current draft or their latest
 * submitted version. `version` counts submissions (0 while the first is a draft); each submission is also kept whole
 * in scorecard_versions.
 */
export const scorecards = pgTable(
  "scorecards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "restrict" }),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => interviewSessions.id, { onDelete: "restrict" }),
    reviewerId: uuid("reviewer_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    status: scorecardStatus("status").notNull().default("draft"),
    version: integer("version").notNull().default(0),
    scores: jsonb("scores").$type<ScorecardScore[]>().notNull().default([]),
    recommendation: recommendation("recommendation"),
    privateNote: text("private_note"),
    /** The mean of its scores when submitted (the board's human score averages these). */
    overallScore: doublePrecision("overall_score"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("scorecards_session_reviewer_key").on(t.sessionId, t.reviewerId),
    index("scorecards_reviewer_idx").on(t.reviewerId, t.status),
    check("scorecards_version_non_negative", sql`${t.version} >= 0`),
  ],
);

/** Every submitted version of a scorecard, whole: an edit after submission adds the next one. Append-only. */
export const scorecardVersions = pgTable(
  "scorecard_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "restrict" }),
    scorecardId: uuid("scorecard_id")
      .notNull()
      .references(() => scorecards.id, { onDelete: "restrict" }),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => interviewSessions.id, { onDelete: "restrict" }),
    reviewerId: uuid("reviewer_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    version: integer("version").notNull(),
    scores: jsonb("scores").$type<ScorecardScore[]>().notNull(),
    recommendation: recommendation("recommendation").notNull(),
    privateNote: text("private_note"),
    overallScore: doublePrecision("overall_score"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("scorecard_versions_scorecard_version_key").on(t.scorecardId, t.version),
    index("scorecard_versions_session_idx").on(t.sessionId),
  ],
);

/**
 * A criterion where a submitted scorecard and the AI's score (the latest completed evaluation) differ by 2 or more.
 * Kept, never hidden or deleted with a later version, so that the team can learn where the AI is weak.
 */
export const aiDisagreements = pgTable(
  "ai_disagreements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "restrict" }),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => interviewSessions.id, { onDelete: "restrict" }),
    scorecardVersionId: uuid("scorecard_version_id")
      .notNull()
      .references(() => scorecardVersions.id, { onDelete: "restrict" }),
    reviewerId: uuid("reviewer_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    evaluationId: uuid("evaluation_id").references(() => evaluations.id, { onDelete: "set null" }),
    answer: integer("answer").notNull(),
    criterion: varchar("criterion", { length: 200 }).notNull(),
    humanScore: integer("human_score").notNull(),
    aiScore: integer("ai_score").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("ai_disagreements_session_idx").on(t.sessionId),
    index("ai_disagreements_company_idx").on(t.companyId, t.createdAt),
  ],
);

export const decisionKind = pgEnum("decision", DECISIONS);

/**
 * HR's or an ADMIN's decision on a session. Append-only: a change adds a row, and the newest row is the decision.
 * `email_id` is the candidate's decision email, when one was sent.
 */
export const decisions = pgTable(
  "decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "restrict" }),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => interviewSessions.id, { onDelete: "restrict" }),
    decision: decisionKind("decision").notNull(),
    reason: text("reason"),
    decidedBy: uuid("decided_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    emailId: uuid("email_id").references(() => emailOutbox.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("decisions_session_created_idx").on(t.sessionId, t.createdAt),
    check(
      "decisions_reason_required",
      sql`${t.decision} = 'advance' OR (${t.reason} IS NOT NULL AND length(trim(${t.reason})) > 0)`,
    ),
  ],
);

// --- the invite's lifecycle: reminders, extension requests, erasure requests ------------------------------------

/**
 * One reminder of one invite: at most one per (invite, offset, expiry), so two workers never send it twice and an
 * extended invite is reminded again before its new expiry.
 */
export const inviteReminders = pgTable(
  "invite_reminders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "restrict" }),
    tokenId: uuid("token_id")
      .notNull()
      .references(() => candidateTokens.id, { onDelete: "cascade" }),
    offsetHours: integer("offset_hours").notNull(),
    // The expiry the reminder was for.
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    emailId: uuid("email_id").references(() => emailOutbox.id, { onDelete: "set null" }),
    // Passed over, not sent: a later offset was due at the same time (only the nearest one to expiry goes out).
    skipped: boolean("skipped").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("invite_reminders_once_key").on(t.tokenId, t.offsetHours, t.expiresAt),
    index("invite_reminders_token_idx").on(t.tokenId, t.createdAt),
  ],
);

export const extensionStatus = pgEnum("extension_status", EXTENSION_STATUSES);

/** A candidate's request for more time on their invite; HR or the owning TEAM_LEAD approves or declines. */
export const extensionRequests = pgTable(
  "extension_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "restrict" }),
    tokenId: uuid("token_id")
      .notNull()
      .references(() => candidateTokens.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    status: extensionStatus("status").notNull().default("pending"),
    // The invite's expiry when asked, and the one chosen on approval.
    previousExpiresAt: timestamp("previous_expires_at", { withTimezone: true }),
    newExpiresAt: timestamp("new_expires_at", { withTimezone: true }),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "restrict" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionNote: text("decision_note"),
    emailId: uuid("email_id").references(() => emailOutbox.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("extension_requests_company_created_idx").on(t.companyId, t.createdAt),
    index("extension_requests_token_idx").on(t.tokenId, t.createdAt),
    // At most one open request per invite.
    uniqueIndex("extension_requests_one_pending_key")
      .on(t.tokenId)
      .where(sql`${t.status} = 'pending'`),
    check("extension_requests_reason_length", sql`length(${t.reason}) BETWEEN 1 AND 1000`),
  ],
);

export const erasureStatus = pgEnum("erasure_status", ERASURE_STATUSES);

/** A candidate's request to delete their recordings and personal data (GDPR art. 17); HR carries it out. */
export const erasureRequests = pgTable(
  "erasure_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "restrict" }),
    tokenId: uuid("token_id")
      .notNull()
      .references(() => candidateTokens.id, { onDelete: "cascade" }),
    status: erasureStatus("status").notNull().default("pending"),
    completedBy: uuid("completed_by").references(() => users.id, { onDelete: "restrict" }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    // What the erasure removed (counts only, never the data): recordings, files, transcripts.
    summary: jsonb("summary").$type<Record<string, number>>(),
    createdAt: createdAt(),
  },
  (t) => [
    index("erasure_requests_company_created_idx").on(t.companyId, t.createdAt),
    uniqueIndex("erasure_requests_one_pending_key")
      .on(t.tokenId)
      .where(sql`${t.status} = 'pending'`),
  ],
);

/**
 * A user's TOTP two-factor (RFC 6238; lib/auth/two-factor.ts). The secret is sealed with a key derived from AUTH_SECRET
 * (lib/auth/totp-seal.ts), so a copy of the database alone yields no codes. enabled_at is null while enrolment waits
 * for its first code; last_step is the time step of the last code accepted, and no step at or before it is accepted
 * again (a code works once).
 */
export const userTotp = pgTable("user_totp", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secretSealed: text("secret_sealed").notNull(),
  enabledAt: timestamp("enabled_at", { withTimezone: true }),
  lastStep: integer("last_step"),
  createdAt: createdAt(),
});

/** One-time recovery codes: only their SHA-256 is stored; used_at is set when one signs in. */
export const userRecoveryCodes = pgTable(
  "user_recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: varchar("code_hash", { length: 64 }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("user_recovery_codes_user_id_idx").on(t.userId)],
);

/**
 * A company's OpenID Connect provider (lib/auth/sso). The client secret is sealed under a key derived from AUTH_SECRET
 * with the company id bound (lib/auth/sso/secret-seal.ts). Requiring SSO needs a break-glass ADMIN who may still use
 * a password.
 */
export const companySso = pgTable(
  "company_sso",
  {
    companyId: uuid("company_id")
      .primaryKey()
      .references(() => companies.id, { onDelete: "cascade" }),
    // The exact `issuer` of the provider's discovery document, checked on save.
    issuer: varchar("issuer", { length: 500 }).notNull(),
    clientId: varchar("client_id", { length: 255 }).notNull(),
    clientSecretSealed: text("client_secret_sealed").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    // Just-in-time accounts: an unknown address of an allowed domain becomes an EMPLOYEE. Off by default.
    jitEnabled: boolean("jit_enabled").notNull().default(false),
    // Refuse ID tokens whose email_verified is not true (Microsoft Entra ID does not send it: switch off there).
    requireEmailVerified: boolean("require_email_verified").notNull().default(true),
    ssoRequired: boolean("sso_required").notNull().default(false),
    breakGlassUserId: uuid("break_glass_user_id").references(() => users.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("company_sso_required_has_break_glass", sql`NOT ${t.ssoRequired} OR ${t.breakGlassUserId} IS NOT NULL`),
  ],
);

/** The email domains a company's provider signs in. One company per domain: the primary key is the rule. */
export const companySsoDomains = pgTable(
  "company_sso_domains",
  {
    domain: varchar("domain", { length: 255 }).primaryKey(),
    companyId: uuid("company_id")
      .notNull()
      .references(() => companySso.companyId, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [index("company_sso_domains_company_id_idx").on(t.companyId)],
);

/**
 * The provider's subject a user first signed in as. A later sign-in for the same address with another subject (a
 * mailbox given to someone new) is refused until an ADMIN clears the link.
 */
export const userSsoIdentities = pgTable(
  "user_sso_identities",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    issuer: varchar("issuer", { length: 500 }).notNull(),
    subject: varchar("subject", { length: 255 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("user_sso_identities_issuer_subject_key").on(t.issuer, t.subject)],
);

export type Company = typeof companies.$inferSelect;
export type User = typeof users.$inferSelect;
export type AuthSession = typeof authSessions.$inferSelect;
export type CompanySso = typeof companySso.$inferSelect;
export type RefreshToken = typeof refreshTokens.$inferSelect;
export type AuditLog = typeof auditLogs.$inferSelect;
export type Interview = typeof interviews.$inferSelect;
export type InterviewQuestion = typeof interviewQuestions.$inferSelect;
export type CandidateToken = typeof candidateTokens.$inferSelect;
export type InterviewSession = typeof interviewSessions.$inferSelect;
export type Recording = typeof recordings.$inferSelect;
export type RecordingChunk = typeof recordingChunks.$inferSelect;
export type ObservationFlag = typeof observationFlags.$inferSelect;
export type OutboxEmail = typeof emailOutbox.$inferSelect;
export type Scorecard = typeof scorecards.$inferSelect;
export type ScorecardVersion = typeof scorecardVersions.$inferSelect;
export type DecisionRow = typeof decisions.$inferSelect;
export type InviteReminder = typeof inviteReminders.$inferSelect;
export type ExtensionRequest = typeof extensionRequests.$inferSelect;
export type ErasureRequest = typeof erasureRequests.$inferSelect;
