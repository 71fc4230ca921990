import { z } from "zod";
import { ROLES } from "@/lib/users/roles";
import { isoTime } from "./common";

// Response bodies, as the serializers write them (lib/*/serialize.ts and the handlers' own objects).

const nullableString = z.string().nullable();

export const UserProfile = z
  .object({
    id: z.uuid(),
    email: z.email(),
    role: z.enum(ROLES),
    company_id: z.uuid(),
    first_name: nullableString,
    last_name: nullableString,
    is_active: z.boolean(),
    created_at: isoTime(),
  })
  .meta({ id: "UserProfile" });

export const TokenPair = z
  .object({ access_token: z.string(), refresh_token: z.string(), token_type: z.literal("bearer") })
  .meta({ id: "TokenPair", description: "Also sets the refresh cookie." });

const Criterion = z.object({
  name: z.string(),
  good: z.string(),
  anchors: z.object({ 1: z.string(), 3: z.string(), 5: z.string() }),
});

export const Question = z.object({
  id: z.uuid(),
  position: z.number().int(),
  text: z.string(),
  think_time_seconds: z.number().int().nullable(),
  time_limit_seconds: z.number().int(),
  criteria: z.array(Criterion),
});

export const Interview = z
  .object({
    id: z.uuid(),
    company_id: z.uuid(),
    title: z.string(),
    position: nullableString,
    description: nullableString,
    status: z.enum(["draft", "active", "archived"]),
    retakes_allowed: z.number().int(),
    resume_grace_minutes: z.number().int(),
    practice_question: z.boolean(),
    competencies: z.array(z.object({ name: z.string(), description: z.string() })),
    blind_review: z.boolean(),
    decision_emails: z.record(z.string(), z.object({ subject: z.string(), body: z.string() })),
    reminder_offsets_hours: z.array(z.number().int()).meta({
      description:
        "Hours before an invite's expiry at which a candidate who has not started is reminded (0-5, 1-720 each).",
    }),
    created_by: z.uuid().nullable(),
    created_at: isoTime(),
    updated_at: isoTime(),
    questions: z.array(Question).optional().meta({ description: "On a single interview (not in lists)." }),
    counts: z.object({ invited: z.number().int(), started: z.number().int(), completed: z.number().int() }).optional(),
  })
  .meta({ id: "Interview" });

const ExpiryRule = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("hours"), hours: z.number() }),
    z.object({ kind: z.literal("at"), time_zone: z.string().optional() }),
    z.object({ kind: z.literal("business_days"), days: z.number().int(), time_zone: z.string() }),
    z.object({ kind: z.literal("end_of_day"), date: z.iso.date(), time_zone: z.string() }),
  ])
  .nullable()
  .meta({
    id: "ExpiryRule",
    description:
      "How `expires_at` was chosen: `hours` after minting, an exact instant (`at`, also after `extend_hours`), the end of the Nth `business_days` in a zone, or the end of a day (`end_of_day`) in a zone. Null for invites minted before rules were stored. `expires_at` is what counts.",
  });

export const Invite = z
  .object({
    id: z.uuid(),
    interview_id: z.uuid(),
    candidate_name: nullableString,
    candidate_email: nullableString,
    expires_at: isoTime(),
    expiry_rule: ExpiryRule,
    expiry_rule_text: nullableString.meta({
      description:
        'The rule in plain words, e.g. "3 business days, skipping weekends and company holidays (Europe/Berlin)".',
    }),
    max_attempts: z.number().int(),
    current_attempts: z.number().int(),
    extension_requests_allowed: z.number().int().meta({
      description: "How many requests for more time the candidate may make in all (default 1; HR may allow up to 10).",
    }),
    is_used: z.boolean(),
    revoked_at: isoTime().nullable(),
    last_sent_at: isoTime().nullable(),
    created_at: isoTime(),
    status: z.enum(["active", "in_progress", "completed", "expired", "attempts_exhausted", "revoked"]),
    status_reason: z.string().meta({ description: "The status in words." }),
    reminders: z.array(z.object({ offset_hours: z.number().int(), sent_at: isoTime() })).meta({
      description: "The reminders emailed before the expiry, oldest first (the interview's `reminder_offsets_hours`).",
    }),
    reminders_unsubscribed_at: isoTime().nullable().meta({
      description: "When the candidate stopped reminders with their email's one-click link; null if they did not.",
    }),
  })
  .meta({ id: "Invite", description: "A candidate's invite (called a token in the API's paths)." });

const EmailDelivery = z.enum(["queued", "outbox"]).nullable().meta({
  description:
    "What became of the invite email: `queued` (SMTP is configured: the `send-email` job sends it after the commit), `outbox` (no SMTP: it waits in the dashboard's Outbox) or null (no email address was given).",
});

export const BulkInvite = z
  .object({
    line: z.number().int().meta({ description: "The CSV line it came from." }),
    candidate_name: nullableString,
    candidate_email: nullableString,
    expires_at: isoTime(),
    max_attempts: z.number().int(),
    interview_url: z.url(),
    email_delivery: EmailDelivery,
  })
  .meta({ id: "BulkInvite" });

export const Consent = z
  .object({
    consent_id: z.uuid(),
    version: z.string(),
    accepted_at: isoTime("The server's time."),
  })
  .meta({ id: "Consent" });

export const MintedInvite = Invite.omit({ status: true, status_reason: true })
  .extend({
    token_value: z.string().meta({ description: "The invite's secret value; shown once." }),
    interview_url: z.url(),
    email_delivery: EmailDelivery,
  })
  .meta({ id: "MintedInvite" });

export const ResentInvite = Invite.extend({
  token_value: z.string(),
  interview_url: z.url(),
  email_delivery: EmailDelivery,
}).meta({ id: "ResentInvite" });

export const LivekitJoin = z
  .object({ server_url: z.string(), room_name: z.string(), participant_token: z.string(), expires_at: isoTime() })
  .meta({ id: "LivekitJoin", description: "A LiveKit join token for the interview's room." });

export const StartedSession = z
  .object({
    session_id: z.uuid(),
    attempt_number: z.number().int(),
    resumed: z.boolean(),
    questions: z.array(
      z.object({
        index: z.number().int(),
        text: z.string(),
        think_time_seconds: z.number().int().nullable(),
        time_limit_seconds: z.number().int(),
      }),
    ),
    retakes_allowed: z.number().int(),
    practice_question: z.boolean(),
    answers: z
      .array(
        z.object({
          answer: z.number().int(),
          status: z.enum(["uploading", "ready", "failed"]),
          take: z.number().int(),
          retakes_used: z.number().int(),
        }),
      )
      .meta({ description: "The answers the server already holds (a resumed session); empty for a new attempt." }),
    livekit: LivekitJoin,
    resume_token: z
      .string()
      .meta({ description: "Authenticates the session's uploads; also set as the aii_resume_* cookie." }),
  })
  .meta({ id: "StartedSession" });

export const Recording = z
  .object({
    recording_id: z.uuid(),
    answer: z.number().int(),
    status: z.enum(["uploading", "ready", "failed"]),
    size_bytes: z.number().int().nullable(),
    sha256: nullableString,
    mime_type: nullableString,
    duration_ms: z.number().int().nullable(),
    ready_at: isoTime().nullable(),
    take: z.number().int(),
  })
  .meta({ id: "Recording" });

export const SessionSummary = z
  .object({
    id: z.uuid(),
    candidate_name: nullableString,
    candidate_email: nullableString,
    status: z.enum(["in_progress", "completed", "abandoned", "revoked"]),
    attempt_number: z.number().int(),
    started_at: isoTime(),
    ended_at: isoTime().nullable(),
    duration_ms: z.number().int().nullable(),
    answers_ready: z.number().int(),
    question_count: z.number().int(),
    live: z.boolean(),
    current_question: z.number().int().nullable(),
  })
  .meta({ id: "SessionSummary" });

const flagFields = {
  id: z.uuid(),
  answer: z.number().int().nullable().meta({ description: "The question the candidate was on (null before any)." }),
  note: z.string(),
  created_at: isoTime(),
  author: z.string(),
};

export const Flag = z.object(flagFields).meta({ id: "Flag" });

const ReviewRecording = z.object({
  status: z.enum(["uploading", "ready", "failed"]),
  mime_type: nullableString,
  size_bytes: z.number().int().nullable(),
  sha256: nullableString,
  duration_ms: z.number().int().nullable(),
  ready_at: isoTime().nullable(),
  take: z.number().int(),
  retakes_used: z.number().int(),
  url: nullableString.meta({ description: "Where a ready recording streams from (null until it is ready)." }),
});

const RelayActivity = z.object({
  event: z.string(),
  at: isoTime(),
  actor: z.enum(["candidate", "observer", "room"]),
  track_source: nullableString,
});

const CriterionResult = z.union([
  z.object({
    criterion: z.string(),
    status: z.literal("scored"),
    score: z.number().int(),
    evidence: z.array(z.object({ text: z.string(), start: z.number(), end: z.number() })),
    rationale: z.string(),
  }),
  z.object({ criterion: z.string(), status: z.literal("insufficient_evidence"), rationale: z.string() }),
  z.object({ criterion: z.string(), status: z.literal("unverifiable"), reason: z.string() }),
]);

const StepState = (extra: string) =>
  z.enum(["queued", "running", "retrying", "failed", "done", "off", "waiting", extra]);

const AiReview = z
  .object({
    advisory: z.literal(true).meta({ description: "The AI's scores are advice; people decide." }),
    scores_hidden: z.boolean().meta({
      description:
        "Blind review: true while the caller has not submitted a scorecard of the session on a blind interview; every version then has `summary: null` and `answers: []` (transcripts and job states stay).",
    }),
    transcription_enabled: z.boolean(),
    evaluation_enabled: z.boolean(),
    answers: z.array(
      z.object({
        answer: z.number().int(),
        has_criteria: z.boolean(),
        transcription: z.object({
          state: StepState("no_recording"),
          job_id: nullableString.meta({ description: "The failed job to retry (POST /api/jobs/{id}/retry)." }),
          error: nullableString,
        }),
        transcript: z
          .object({
            text: z.string(),
            segments: z.array(z.unknown()),
            words: z.array(z.unknown()),
            word_times_estimated: z.boolean(),
            model: z.string(),
            language: nullableString,
          })
          .nullable(),
      }),
    ),
    evaluation: z.object({ state: StepState("no_criteria"), job_id: nullableString, error: nullableString }),
    evaluations: z
      .array(
        z.object({
          version: z.number().int(),
          status: z.enum(["running", "completed", "failed"]),
          requested_by: nullableString.meta({ description: "The email of who asked for a rerun (null: automatic)." }),
          model: z.string(),
          prompt_version: z.string(),
          input_tokens: z.number().int(),
          output_tokens: z.number().int(),
          latency_ms: z.number().int(),
          cost_usd: z.number().nullable().meta({ description: "Estimated from the configured prices; null without." }),
          error: nullableString,
          created_at: isoTime(),
          completed_at: isoTime().nullable(),
          summary: z
            .unknown()
            .meta({ description: "Strengths, concerns, what could not be scored; null when hidden." }),
          answers: z.array(z.object({ answer: z.number().int(), criteria: z.array(CriterionResult) })),
        }),
      )
      .meta({ description: "Every version of the AI evaluation, newest first." }),
  })
  .meta({
    id: "AiReview",
    description:
      "Transcripts, the AI evaluation's versions and where each job stands. A step's `state` is queued, running, retrying, failed (with the `job_id` to retry), done, off, waiting, no_criteria (evaluation) or no_recording (transcription).",
  });

const Receipt = z
  .object({
    session_id: z.uuid(),
    completed_at: isoTime().nullable(),
    answers: z.array(
      z.object({
        answer: z.number().int(),
        question: z.string(),
        duration_ms: z.number().int().nullable(),
        size_bytes: z.number().int(),
        sha256_prefix: z.string(),
        received_at: isoTime(),
      }),
    ),
  })
  .meta({
    id: "Receipt",
    description: "What was received, answer by answer (ready recordings only): the same proof the candidate sees.",
  });

export const SessionDetail = SessionSummary.omit({ answers_ready: true })
  .extend({
    interview_id: z.uuid(),
    interview_title: z.string(),
    last_activity_at: isoTime(),
    candidate_in_room: z.boolean().nullable(),
    answers: z.array(
      z.object({
        answer: z.number().int(),
        question: z.object({
          text: z.string(),
          think_time_seconds: z.number().int().nullable(),
          time_limit_seconds: z.number().int(),
        }),
        recording: ReviewRecording.nullable(),
      }),
    ),
    consent: z
      .object({
        version: z.string(),
        accepted_at: isoTime(),
        statement: z.string(),
        ip_address: nullableString,
        user_agent: nullableString,
      })
      .nullable(),
    flags: z.array(
      z.object({
        ...flagFields,
        position_ms: z
          .number()
          .int()
          .nullable()
          .meta({ description: "Where the flag falls in its answer's recording (null when it cannot be placed)." }),
      }),
    ),
    relay_activity: z.array(RelayActivity).meta({
      description: "What the live relay (LiveKit) reported about the session's room, oldest first, at most 200.",
    }),
    ai: AiReview,
    receipt: Receipt,
  })
  .meta({ id: "SessionDetail" });

const Recommendation = z.enum(["strong_no", "no", "yes", "strong_yes"]);
const Reviewer = z.object({ id: z.uuid(), name: z.string() });
const Score = z.object({
  answer: z.number().int(),
  criterion: z.string(),
  score: z.number().int().nullable(),
  note: z.string().optional(),
});

export const Scorecards = z
  .object({
    session_id: z.uuid(),
    blind_review: z.boolean(),
    scores_visible: z.boolean(),
    rubric: z.array(z.object({ answer: z.number().int(), question: z.string(), criteria: z.array(Criterion) })),
    mine: z
      .object({
        id: z.uuid(),
        status: z.enum(["draft", "submitted"]),
        version: z.number().int(),
        scores: z.array(Score),
        recommendation: Recommendation.nullable(),
        private_note: nullableString,
        overall_score: z.number().nullable().meta({ description: "The mean of the scores, 2 decimals." }),
        submitted_at: isoTime().nullable(),
        updated_at: isoTime(),
      })
      .nullable(),
    others: z
      .object({
        hidden: z.boolean(),
        count: z.number().int(),
        items: z
          .array(
            z.object({
              id: z.uuid(),
              reviewer: Reviewer,
              version: z.number().int(),
              scores: z.array(Score),
              recommendation: Recommendation,
              overall_score: z.number().nullable(),
              submitted_at: isoTime(),
            }),
          )
          .optional()
          .meta({ description: "Absent while hidden." }),
      })
      .meta({ description: "Others' submitted scorecards (never their drafts or private notes)." }),
    disagreements: z
      .object({
        hidden: z.boolean(),
        items: z
          .array(
            z.object({
              reviewer: Reviewer,
              scorecard_version: z.number().int(),
              evaluation_version: z.number().int().nullable(),
              answer: z.number().int(),
              criterion: z.string(),
              human_score: z.number().int(),
              ai_score: z.number().int(),
              created_at: isoTime(),
            }),
          )
          .optional()
          .meta({ description: "Absent while hidden." }),
      })
      .meta({
        description:
          "Every criterion where a submitted scorecard version and the AI's score (its latest completed evaluation then) differed by 2 or more; all versions kept.",
      }),
  })
  .meta({ id: "Scorecards" });

export const Decision = z
  .object({
    id: z.uuid(),
    decision: z.enum(["advance", "hold", "reject"]),
    reason: nullableString,
    decided_by: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
    created_at: isoTime(),
    email: z
      .object({
        id: z.uuid(),
        to: z.string(),
        subject: z.string(),
        status: z.enum(["queued", "sending", "sent", "failed"]),
        transport: z.enum(["smtp", "outbox"]),
        attempts: z.number().int(),
        error: nullableString,
        sent_at: isoTime().nullable(),
      })
      .nullable(),
  })
  .meta({ id: "Decision" });

export const FailedJob = z
  .object({
    id: z.string(),
    queue: z.string(),
    state: z.enum(["failed", "retry"]),
    payload: z.unknown(),
    error: z.unknown(),
    retry_count: z.number().int(),
    created_at: isoTime(),
    failed_at: isoTime(),
  })
  .meta({ id: "FailedJob" });

const share = (description: string) => z.number().nullable().meta({ description });

export const Analytics = z
  .object({
    scope: z.enum(["interview", "company"]),
    interview: z.object({ id: z.uuid(), title: z.string() }).nullable().meta({ description: "Null for the company." }),
    funnel: z.array(
      z.object({
        step: z.enum(["invited", "opened", "started", "completed", "reviewed", "decided"]),
        count: z.number().int().meta({ description: "Invites that reached this step (or a later one)." }),
        drop_off: z.number().int().meta({ description: "Invites that reached the previous step but not this one." }),
        conversion: share("The share (0-1) of the previous step; null for `invited` and after an empty step."),
      }),
    ),
    completed_sessions: z.number().int(),
    median_completion_seconds: z.number().nullable(),
    completion_by_age: z.array(
      z.object({
        bucket: z.enum(["lt1", "1to3", "3to7", "7to14", "gte14"]),
        label: z.string(),
        invited: z.number().int(),
        completed: z.number().int(),
        rate: share("completed / invited (0-1); null for an empty bucket."),
      }),
    ),
    score_distribution: z.array(
      z.object({ score: z.number().int().min(1).max(5), ai: z.number().int(), human: z.number().int() }),
    ),
    ai_scores: z.number().int().meta({ description: "AI scores counted (sessions)." }),
    human_scores: z.number().int().meta({ description: "Human scores counted (submitted scorecards)." }),
    scores_hidden_sessions: z
      .number()
      .int()
      .meta({ description: "Completed sessions whose scores the caller may not see yet (blind review), left out." }),
    agreement: z.array(
      z.object({
        criterion: z.string(),
        pairs: z.number().int(),
        within_one: share("Share (0-1) of pairs within 1 point; null without pairs."),
        kappa: share("Cohen's kappa, quadratic weights; null (not enough data) without pairs or with one score only."),
      }),
    ),
  })
  .meta({
    id: "Analytics",
    description:
      "Funnel, time to complete, completion by invite age, score distributions and AI-human agreement (lib/analytics).",
  });

export const BoardRow = z
  .object({
    session_id: z.uuid(),
    token_id: z.uuid().meta({ description: "The invite's id." }),
    candidate_name: nullableString,
    candidate_email: nullableString,
    attempt_number: z.number().int(),
    completed_at: isoTime().nullable(),
    ai_score: z.number().nullable().meta({ description: "The latest completed evaluation's overall score." }),
    human_score: z.number().nullable().meta({ description: "The mean of the submitted scorecards." }),
    scores_hidden: z.boolean().meta({ description: "Blind review: both scores are null and do not order the row." }),
    review_count: z.number().int(),
    my_review: z.enum(["none", "draft", "submitted"]),
    decision: z.enum(["advance", "hold", "reject"]).nullable(),
    decided_at: isoTime().nullable(),
  })
  .meta({ id: "BoardRow", description: "One candidate (invite): their latest completed attempt." });

export const TokenStats = z
  .object({
    generated_at: isoTime(),
    window_minutes: z.literal(60),
    tokens_minted: z.object({
      total: z.number().int(),
      per_minute: z.array(z.object({ minute: isoTime(), count: z.number().int() })).meta({ description: "60 rows." }),
    }),
    validations: z.object({
      total: z.number().int(),
      valid: z.number().int(),
      invalid: z.number().int(),
      success_rate: z.number().nullable(),
    }),
    failed_operations: z.object({ total: z.number().int(), mint: z.number().int(), validate: z.number().int() }),
    latency_ms: z.object({ samples: z.number().int(), p50: z.number().nullable(), p99: z.number().nullable() }),
    active_rooms: z.number().int(),
  })
  .meta({ id: "TokenStats" });

export const StaffToken = z
  .object({
    token: z.string(),
    server_url: z.string(),
    room_name: z.string(),
    identity: z.string(),
    expires_at: isoTime(),
  })
  .meta({ id: "StaffToken", description: "A staff member's LiveKit token for an interview room." });
