import { runEvaluateJob } from "@/lib/ai-pipeline/evaluate-job";
import { runTranscribeJob } from "@/lib/ai-pipeline/transcribe-job";
import { deliverEmail } from "@/lib/email/deliver";
import { sweepUnsentEmail } from "@/lib/email/send-later";
import { sweepAiPipeline } from "@/lib/ai-pipeline/triggers";
import { runRecordingRetention } from "@/lib/recordings/retention";
import { sendDueReminders } from "@/lib/invites/reminders";
import {
  EVALUATE_SESSION,
  PURGE_RECORDINGS,
  SEND_EMAIL,
  SEND_INVITE_REMINDERS,
  SWEEP_AI_PIPELINE,
  SWEEP_EMAIL,
  TRANSCRIBE_RECORDING,
} from "./queues";
import { jobHandler, type JobRegistration } from "./registry";

// The handlers workers run. Add one line per job (`jobHandler(TRANSCRIBE_RECORDING, transcribeRecording)`); a queue
// without a handler here keeps its jobs waiting until a worker that has one starts.

export const JOB_HANDLERS: readonly JobRegistration[] = [
  // Idempotent by nature: each run deletes what is due; a second run finds nothing left to delete.
  jobHandler(PURGE_RECORDINGS, () => runRecordingRetention()),
  // Idempotent by what they produce: a transcript per (recording, take); an evaluation per (session, version), and
  // within it a row per answer, so a retry resumes where a crash stopped.
  jobHandler(TRANSCRIBE_RECORDING, async (payload) => void (await runTranscribeJob(payload))),
  jobHandler(
    EVALUATE_SESSION,
    async (payload, ctx) => void (await runEvaluateJob(payload, { lastAttempt: ctx.retryCount >= ctx.retryLimit })),
  ),
  jobHandler(SWEEP_AI_PIPELINE, async () => void (await sweepAiPipeline())),
  // Idempotent by the outbox row's claim: a message already sent (or being sent) is not sent again. A transient SMTP
  // failure throws (the row back in the queue) so pg-boss retries it; the last attempt records the failure instead.
  jobHandler(
    SEND_EMAIL,
    async (payload, ctx) =>
      void (await deliverEmail(payload.email_id, { lastAttempt: ctx.retryCount >= ctx.retryLimit })),
  ),
  jobHandler(SWEEP_EMAIL, async () => void (await sweepUnsentEmail())),
  // Idempotent by the invite_reminders row: a reminder already recorded is never sent again.
  jobHandler(SEND_INVITE_REMINDERS, async () => void (await sendDueReminders())),
];
