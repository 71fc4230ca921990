import { z } from "zod";

// Configuration is parsed once, here. Nothing else reads process.env for app settings.

export const DEV_SECRET = "dev-only-secret-change-me-in-production-0000";
export const LIVEKIT_DEV_KEY = "devkey";
// At least 32 characters: the LiveKit server logs an error for a shorter secret (livekit.dev.yaml uses this pair).
export const LIVEKIT_DEV_SECRET = "devsecret-local-livekit-only-not-for-production";

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(z.url().optional());

/** `*` alone, or exact origins (scheme, host, port; no path, no trailing slash). */
function parseCorsOrigins(raw: string, ctx: z.RefinementCtx): "*" | string[] {
  const entries = raw
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.includes("*")) {
    if (entries.length > 1) ctx.addIssue({ code: "custom", message: "`*` must stand alone (any origin)" });
    return "*";
  }
  for (const entry of entries) {
    let origin: string | null = null;
    try {
      origin = new URL(entry).origin;
    } catch {
      /* reported below */
    }
    if (origin !== entry || !/^https?:/.test(entry)) {
      ctx.addIssue({
        code: "custom",
        message: `"${entry}" is not an exact origin (like https://hr.example.com: scheme, host and port only)`,
      });
    }
  }
  return [...new Set(entries)];
}

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    // Set by Next while it builds; secrets are checked when the server starts, not at build time.
    NEXT_PHASE: z.string().optional(),
    LOCAL_DEMO: bool,
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    APP_URL: optionalUrl,
    // Other origins allowed to call the JSON API from a browser (CORS): comma-separated exact origins
    // (https://hr.example.com), or `*` alone for any origin without credentials. Unset: none.
    CORS_ORIGINS: z
      .string()
      .optional()
      .transform((v, ctx) => parseCorsOrigins(v ?? "", ctx)),
    DATA_DIR: z.string().min(1).default(".data"),
    DATABASE_URL: optionalUrl,
    UPSTASH_REDIS_REST_URL: optionalUrl,
    UPSTASH_REDIS_REST_TOKEN: z.string().optional(),
    // Plain Redis over RESP (redis:// or rediss://), for self-hosted Redis; the Upstash pair above is the alternative.
    REDIS_URL: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(
        z
          .url()
          .refine((v) => /^rediss?:\/\//.test(v), "must start with redis:// or rediss://")
          .optional(),
      ),
    // Recordings in S3-compatible object storage (set S3_BUCKET to select it); unset = the local disk under DATA_DIR.
    S3_BUCKET: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined),
    S3_REGION: z.string().trim().min(1).default("us-east-1"),
    // For non-AWS servers (MinIO, versitygw, R2, ...); unset = AWS's own endpoint for the region.
    S3_ENDPOINT: optionalUrl,
    S3_ACCESS_KEY_ID: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined),
    S3_SECRET_ACCESS_KEY: z
      .string()
      .optional()
      .transform((v) => v || undefined),
    // Path-style URLs (endpoint/bucket/key), which most non-AWS servers need.
    S3_FORCE_PATH_STYLE: bool,
    AUTH_SECRET: z.string().default(DEV_SECRET),
    JWT_SECRET: z.string().default(DEV_SECRET),
    JWT_ISSUER: z.string().min(1).default("ai-interviewer"),
    JWT_AUDIENCE: z.string().min(1).default("ai-interviewer-api"),
    BCRYPT_COST: z.coerce.number().int().min(10, "must be at least 10").max(15).default(12),
    BCRYPT_WORKERS: z.coerce.number().int().min(1).max(16).default(1),
    REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    LIVEKIT_URL: z.string().default("ws://localhost:7880"),
    LIVEKIT_API_KEY: z.string().default(LIVEKIT_DEV_KEY),
    LIVEKIT_API_SECRET: z.string().default(LIVEKIT_DEV_SECRET),
    // Lifetime of a candidate's LiveKit join token, in seconds; the room asks for a fresh one 30 s before expiry.
    // A test setting: the default (15 minutes) is also the maximum; the e2e relay suite shortens it to see refreshes.
    LIVEKIT_CANDIDATE_TOKEN_TTL_S: z.coerce.number().int().min(40, "must be at least 40 seconds").max(900).default(900),
    // Lifetime of staff LiveKit tokens (/api/token/*), in hours. The seed allowed 1-24 h; we cap the effective TTL at
    // 1 h whatever this says (lib/livekit/staff-grant.ts), because a LiveKit token cannot be revoked once handed out.
    JWT_EXPIRY_HOURS: z.coerce.number().positive("must be a positive number of hours").finite().default(0.25),
    // Speech-to-text over an OpenAI-compatible API (POST {base}/audio/transcriptions, Whisper verbose_json); unset =
    // transcription off (lib/transcription).
    TRANSCRIBE_BASE_URL: optionalUrl,
    TRANSCRIBE_API_KEY: z
      .string()
      .optional()
      .transform((v) => v || undefined),
    TRANSCRIBE_MODEL: z.string().trim().min(1).default("whisper-1"),
    // Per request, in milliseconds; a slow CPU Whisper server needs minutes for a 12-minute piece.
    TRANSCRIBE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(180_000),
    // Largest audio file per request, in bytes; longer audio is split at pauses. 24 MB stays under OpenAI's 25 MB.
    TRANSCRIBE_MAX_UPLOAD_BYTES: z.coerce
      .number()
      .int()
      .min(65_536)
      .max(1024 ** 3)
      .default(24_000_000),
    TRANSCRIBE_FFMPEG_PATH: z.string().trim().min(1).default("ffmpeg"),
    // SMTP delivery (nodemailer URL, e.g. smtp://user:pass@host:587); unset = the outbox table only.
    SMTP_URL: optionalUrl,
    EMAIL_FROM: z.string().min(3).default("AI Interviewer <no-reply@localhost>"),
    SEED_FORCE: bool,
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
    // Bytes of recordings one company may keep (finalized answers plus chunks of unfinished ones); past it, chunk
    // uploads answer 507 storage_quota_exceeded. Default 50 GiB.
    STORAGE_QUOTA_BYTES_PER_COMPANY: z.coerce
      .number()
      .int()
      .min(1)
      .max(Number.MAX_SAFE_INTEGER)
      .default(50 * 1024 ** 3),
    // Days the recordings of an abandoned attempt (replaced by a newer attempt of the invite) are kept; then deleted.
    ABANDONED_RECORDINGS_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(7),
    // AI evaluation of answers through an OpenAI-compatible chat/completions API (lib/evaluation). Unset base URL = off.
    EVAL_BASE_URL: optionalUrl,
    EVAL_API_KEY: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined),
    EVAL_MODEL: z.string().trim().min(1).default("gpt-4o-mini"),
    EVAL_TIMEOUT_MS: z.coerce.number().int().min(1000, "must be at least 1000 ms").max(600_000).default(60_000),
    EVAL_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
    // Prices per 1,000 tokens in USD, for the cost estimate recorded with each evaluation; 0 = unknown.
    EVAL_PRICE_INPUT_PER_1K: z.coerce.number().min(0).finite().default(0),
    EVAL_PRICE_OUTPUT_PER_1K: z.coerce.number().min(0).finite().default(0),
    // Background jobs (pg-boss). true: this app process also runs the job workers and the schedule; false: it only
    // enqueues and `npm run worker` processes drain the queue. Unset: true for `next dev` and on the embedded PGlite
    // (one process holds it, so no separate worker could open it), false on PostgreSQL.
    WORKER_IN_PROCESS: z
      .enum(["true", "false", "1", "0", ""])
      .optional()
      .transform((v) => (v === undefined || v === "" ? undefined : v === "true" || v === "1")),
    // Jobs of each queue one worker process runs at the same time.
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(1),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.UPSTASH_REDIS_REST_URL) !== Boolean(env.UPSTASH_REDIS_REST_TOKEN)) {
      ctx.addIssue({
        code: "custom",
        path: ["UPSTASH_REDIS_REST_TOKEN"],
        message: "UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN must be set together",
      });
    }
    if (env.REDIS_URL && env.UPSTASH_REDIS_REST_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["REDIS_URL"],
        message: "set either REDIS_URL (plain Redis) or the UPSTASH_REDIS_REST_* pair, not both",
      });
    }
    if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({
        code: "custom",
        path: ["S3_SECRET_ACCESS_KEY"],
        message:
          "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together (or neither, for the SDK's default credentials)",
      });
    }
    if (!env.S3_BUCKET && (env.S3_ENDPOINT || env.S3_ACCESS_KEY_ID)) {
      ctx.addIssue({
        code: "custom",
        path: ["S3_BUCKET"],
        message: "required when other S3_* settings are given (it selects S3 storage)",
      });
    }
    if (env.WORKER_IN_PROCESS === false && !env.DATABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["WORKER_IN_PROCESS"],
        message:
          "false needs DATABASE_URL: the embedded PGlite is held by one process, so no separate worker could drain the queue",
      });
    }
    const strict = env.NODE_ENV === "production" && !env.LOCAL_DEMO && env.NEXT_PHASE !== "phase-production-build";
    if (!strict) return;
    for (const key of ["AUTH_SECRET", "JWT_SECRET", "LIVEKIT_API_SECRET"] as const) {
      const value = env[key];
      if (value === DEV_SECRET || value === LIVEKIT_DEV_SECRET || Buffer.byteLength(value) < 32) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: "must be a random secret of at least 32 bytes in production (dev default refused)",
        });
      }
    }
    if (!env.APP_URL) {
      // Links in invite emails must not be built from a request's Host header, which a client controls.
      ctx.addIssue({
        code: "custom",
        path: ["APP_URL"],
        message: "must be set in production (the public URL used in invite links)",
      });
    }
    if (env.LIVEKIT_API_KEY === LIVEKIT_DEV_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["LIVEKIT_API_KEY"],
        message: "the LiveKit dev key is refused in production",
      });
    }
  })
  .transform((env) => ({
    ...env,
    WORKER_IN_PROCESS: env.WORKER_IN_PROCESS ?? (!env.DATABASE_URL || env.NODE_ENV === "development"),
  }));

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses a raw environment; exported so tests can check the rules without touching process.env. */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join(".") || "env"}: ${i.message}`));
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests override settings (for example a short grace window) and reset afterwards. */
export function setEnvForTests(overrides: Partial<Env> | undefined): void {
  cached = overrides ? { ...parseEnv(process.env), ...overrides } : undefined;
}
