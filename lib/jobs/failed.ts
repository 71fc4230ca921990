import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type Db, type DbOrTx } from "@/lib/db";
import { rowsOf } from "@/db/rows";
import type { SignInContext } from "@/lib/auth/sign-in-sessions";
import { writeAudit } from "@/lib/audit/write";
import { AppError, notFound } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { JOB_SCHEMA } from "./boss";

// The dead-letter list: jobs whose retries are spent stay in pg-boss's `failed` state (kept 30 days, boss.ts) until a
// person retries them. Read and changed with the company's id in the statement itself: a job whose payload names
// another company (or none: system jobs) is not found.

const job = sql.raw(`${JOB_SCHEMA}.job`);
const ERROR_MAX_CHARS = 500;

export interface FailedJob {
  id: string;
  queue: string;
  payload: Record<string, unknown>;
  error: string | null;
  /** Attempts made after the first. */
  retryCount: number;
  createdAt: Date;
  failedAt: Date;
}

interface FailedRow {
  id: string;
  name: string;
  data: unknown;
  output: unknown;
  retry_count: number;
  created_ms: number;
  failed_ms: number;
}

const asObject = (value: unknown): Record<string, unknown> => {
  const parsed = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
};

/**
 * What the failure said: pg-boss stores the thrown error (`message`) or, for a timeout, `{value: {message}}`. Only the
 * first line, without the statement parameters a query error quotes; the stack stays in the worker's log.
 */
function errorMessage(output: unknown): string | null {
  const out = asObject(output);
  const message = out.message ?? asObject(out.value).message;
  if (typeof message !== "string") return null;
  return message.split("\nparams:")[0]!.split("\n")[0]!.slice(0, ERROR_MAX_CHARS);
}

function toFailedJob(row: FailedRow): FailedJob {
  return {
    id: row.id,
    queue: row.name,
    payload: asObject(row.data),
    error: errorMessage(row.output),
    retryCount: Number(row.retry_count),
    createdAt: new Date(Number(row.created_ms)),
    failedAt: new Date(Number(row.failed_ms)),
  };
}

/** A page of the company's failed jobs, most recent failure first. */
export async function listFailedJobs(db: DbOrTx, input: { companyId: string; skip: number; limit: number }) {
  const mine = sql`state = 'failed' AND data->>'company_id' = ${input.companyId}`;
  const [items, totals] = await Promise.all([
    db.execute(sql`
      SELECT id, name, data, output, retry_count,
             (extract(epoch FROM created_on) * 1000)::float8 AS created_ms,
             (extract(epoch FROM completed_on) * 1000)::float8 AS failed_ms
        FROM ${job}
       WHERE ${mine}
       ORDER BY completed_on DESC, id
       LIMIT ${input.limit} OFFSET ${input.skip}`),
    db.execute(sql`SELECT count(*)::int AS total FROM ${job} WHERE ${mine}`),
  ]);
  return {
    items: rowsOf<FailedRow>(items).map(toFailedJob),
    total: Number(rowsOf<{ total: number }>(totals)[0]?.total ?? 0),
  };
}

/**
 * Puts a failed job of the actor's company back on its queue for one more attempt, audited in the same transaction.
 * The update is pg-boss 10's own `retry()` statement (state `retry`, one more attempt allowed) with the company's id
 * added to its condition, which pg-boss's API cannot express.
 */
export async function retryFailedJob(
  db: Db,
  input: { actor: SignInContext; jobId: string; reason?: string; meta?: RequestMeta },
): Promise<FailedJob> {
  const { actor, jobId } = input;
  return db.transaction(async (tx) => {
    const retried = rowsOf<FailedRow>(
      await tx.execute(sql`
        UPDATE ${job}
           SET state = 'retry', retry_limit = retry_limit + 1
         WHERE id = ${jobId} AND state = 'failed' AND data->>'company_id' = ${actor.companyId}
        RETURNING id, name, data, output, retry_count,
                  (extract(epoch FROM created_on) * 1000)::float8 AS created_ms,
                  (extract(epoch FROM completed_on) * 1000)::float8 AS failed_ms`),
    );
    const row = retried[0];
    if (!row) {
      const [other] = rowsOf<{ state: string }>(
        await tx.execute(
          sql`SELECT state FROM ${job} WHERE id = ${jobId} AND data->>'company_id' = ${actor.companyId} LIMIT 1`,
        ),
      );
      if (!other) throw notFound("Job");
      throw new AppError("CONFLICT", `This job is ${other.state}, not failed; only a failed job can be retried`, {
        reason: "job_not_failed",
      });
    }
    await writeAudit(tx, {
      action: "JOB_RETRIED",
      companyId: actor.companyId,
      userId: actor.userId,
      resourceType: "job",
      resourceId: row.id,
      details: {
        queue: row.name,
        retry_count: Number(row.retry_count),
        ...(input.reason ? { reason: input.reason } : {}),
      },
      meta: input.meta,
    });
    return toFailedJob(row);
  });
}

/** listFailedJobs on the app's database (the API's list). */
export async function companyFailedJobs(input: { companyId: string; skip: number; limit: number }) {
  return listFailedJobs(await getDb(), input);
}

/** retryFailedJob on the app's database (the API's retry). */
export async function retryCompanyJob(input: {
  actor: SignInContext;
  jobId: string;
  reason?: string;
  meta?: RequestMeta;
}): Promise<FailedJob> {
  return retryFailedJob(await getDb(), input);
}
