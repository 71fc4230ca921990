import { z } from "zod";
import { defineJob, type JobDefinition } from "./define";

// Every queue of the app. A job that belongs to a company carries `company_id` in its payload: the dashboard's failed
// list and the retry endpoint match on it, so another company's jobs are invisible. System jobs (the purge) carry none
// and show only in the logs.

/** The payload every company's job starts from. */
export const TenantPayload = z.object({ company_id: z.uuid() });

const MINUTE_S = 60;

/** The daily recording-retention purge (the consent's promise), also run once a minute after a worker starts. */
export const PURGE_RECORDINGS = defineJob({
  queue: "purge-recordings",
  // `day` (UTC) keys the run a worker enqueues as it starts: one per day whatever the restarts. Scheduled runs have none.
  payload: z.object({ day: z.iso.date().optional() }),
  key: (p) => `day:${p.day ?? "scheduled"}`,
  policy: { retryLimit: 3, retryDelaySeconds: 5 * MINUTE_S, retryBackoff: true, expireInSeconds: 60 * MINUTE_S },
  cron: "17 3 * * *", // 03:17 UTC daily
  scheduledPayload: {},
});

/** Speech to text for one take of a finalized recording: a re-recorded answer (a new take) is new work. */
export const TRANSCRIBE_RECORDING = defineJob({
  queue: "transcribe-recording",
  // Half a second: the pipeline bench showed the 2 s default capping each loop at one job per 2 s (the provider
  // waited on was not the limit); an idle loop then costs two cheap queries a second.
  pollingIntervalSeconds: 0.5,
  payload: TenantPayload.extend({ recording_id: z.uuid(), take: z.number().int().min(0) }),
  key: (p) => `${p.recording_id}:take:${p.take}`,
  policy: { retryLimit: 5, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 30 * MINUTE_S },
});

/** One version of the AI evaluation of a completed interview session: a re-run someone asks for is a new version. */
export const EVALUATE_SESSION = defineJob({
  queue: "evaluate-session",
  // Half a second: the pipeline bench showed the 2 s default capping each loop at one job per 2 s (the provider
  // waited on was not the limit); an idle loop then costs two cheap queries a second.
  pollingIntervalSeconds: 0.5,
  payload: TenantPayload.extend({ session_id: z.uuid(), version: z.number().int().min(1) }),
  key: (p) => `${p.session_id}:v${p.version}`,
  policy: { retryLimit: 5, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 30 * MINUTE_S },
});

/**
 * Every few minutes: enqueues the AI work a crash between a commit and its enqueue left behind (ready takes with no
 * transcript, transcribed completed sessions never evaluated). Keys make a second enqueue of the same work a no-op.
 */
export const SWEEP_AI_PIPELINE = defineJob({
  queue: "sweep-ai-pipeline",
  payload: z.object({ minute: z.string().optional() }),
  key: (p) => `sweep:${p.minute ?? "scheduled"}`,
  policy: { retryLimit: 1, retryDelaySeconds: 60, retryBackoff: false, expireInSeconds: 10 * MINUTE_S },
  cron: "*/5 * * * *",
  scheduledPayload: {},
});

/**
 * Delivers one queued email over SMTP after the transaction that wrote it committed. lib/email/deliver.ts claims the
 * row, so a retry or a second job never sends it twice.
 */
export const SEND_EMAIL = defineJob({
  queue: "send-email",
  // A fetch loop takes at most one job per polling interval: at the 2 s default a bulk upload of 500 invites would
  // take 17 minutes per loop to drain; at half a second, about 4 (divided by WORKER_CONCURRENCY).
  pollingIntervalSeconds: 0.5,
  payload: TenantPayload.extend({ email_id: z.uuid() }),
  key: (p) => p.email_id,
  // A transient SMTP failure (connection, timeout, 4xx) is retried after about 1, 2, 4, 8 and 16 minutes: half an hour
  // covers a mail server restart and greylisting's usual 5-15 minutes. A permanent one (5xx) is recorded at once.
  policy: { retryLimit: 5, retryDelaySeconds: MINUTE_S, retryBackoff: true, expireInSeconds: 5 * MINUTE_S },
});

/**
 * Every minute: enqueues the delivery of SMTP emails whose job a crash between the commit and the enqueue lost. The
 * job's key is the email, so an email whose job is already queued is not enqueued twice.
 */
export const SWEEP_EMAIL = defineJob({
  queue: "sweep-email",
  payload: z.object({ minute: z.string().optional() }),
  key: (p) => `sweep:${p.minute ?? "scheduled"}`,
  policy: { retryLimit: 1, retryDelaySeconds: 30, retryBackoff: false, expireInSeconds: 5 * MINUTE_S },
  cron: "* * * * *",
  scheduledPayload: {},
});

/**
 * Every five minutes: emails the invite reminders that came due (lib/invites/reminders.ts). The invite_reminders row
 * makes each reminder once-only whatever the number of workers; `minute` keys a run enqueued by hand.
 */
export const SEND_INVITE_REMINDERS = defineJob({
  queue: "send-invite-reminders",
  payload: z.object({ minute: z.string().optional() }),
  key: (p) => `reminders:${p.minute ?? "scheduled"}`,
  policy: { retryLimit: 1, retryDelaySeconds: 60, retryBackoff: false, expireInSeconds: 10 * MINUTE_S },
  cron: "*/5 * * * *",
  scheduledPayload: {},
});

/** The queues every instance creates as it starts (sending to a queue that does not exist would drop the job). */
export const ALL_JOBS: readonly JobDefinition[] = [
  PURGE_RECORDINGS,
  TRANSCRIBE_RECORDING,
  EVALUATE_SESSION,
  SWEEP_AI_PIPELINE,
  SEND_EMAIL,
  SWEEP_EMAIL,
  SEND_INVITE_REMINDERS,
];
