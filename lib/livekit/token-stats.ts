import "server-only";
import { and, count, eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { interviewSessions } from "@/db/schema";
import { getKv } from "@/lib/kv";
import { log } from "@/lib/log";
import { LATENCY_BUCKET_COUNT, latencyBucket, latencyQuantileMs } from "./latency-histogram";

// Token service metrics, per company, as counters in the shared cache so every app instance adds to the same figures.
// One counter per company, minute and metric; the hour is read back with MGET. The cache is not the source of truth:
// a lost or unreachable cache loses figures, never a token.

export const STATS_WINDOW_MINUTES = 60;
const COUNTER_TTL_S = (STATS_WINDOW_MINUTES + 2) * 60; // seconds: a minute's counters outlive the hour that reads them
const MGET_CHUNK = 1_000; // keys per MGET, keeping each cache request small

type Metric = "mint_ok" | "mint_failed" | "validate_ok" | "validate_failed";
const METRICS: readonly Metric[] = ["mint_ok", "mint_failed", "validate_ok", "validate_failed"];
const latencyMetric = (bucket: number) => `latency:${bucket}`;

const minuteOf = (now: Date) => Math.floor(now.getTime() / 60_000);
const counterKey = (companyId: string, minute: number, metric: string) => `lk-stats:${companyId}:${minute}:${metric}`;

/** Never throws: figures are worth less than the request that produced them. */
async function bump(companyId: string, now: Date, metrics: string[]): Promise<void> {
  const kv = getKv();
  const minute = minuteOf(now);
  try {
    await Promise.all(
      metrics.map((metric) => kv.incr(counterKey(companyId, minute, metric), { ttlSeconds: COUNTER_TTL_S })),
    );
  } catch (error) {
    log.warn("token stats not recorded", { companyId, error });
  }
}

/** A mint that issued a token (with how long it took), or one that was refused or failed. */
export function recordMint(
  input: { companyId: string; now: Date } & ({ ok: true; micros: number } | { ok: false }),
): Promise<void> {
  const metrics = input.ok ? ["mint_ok", latencyMetric(latencyBucket(input.micros))] : ["mint_failed"];
  return bump(input.companyId, input.now, metrics);
}

/** `valid` is false for a token that did not verify, and for a validation that failed. */
export function recordValidation(input: { companyId: string; now: Date; valid: boolean }): Promise<void> {
  return bump(input.companyId, input.now, [input.valid ? "validate_ok" : "validate_failed"]);
}

async function readCounters(keys: string[]): Promise<number[]> {
  const kv = getKv();
  const chunks: string[][] = [];
  for (let i = 0; i < keys.length; i += MGET_CHUNK) chunks.push(keys.slice(i, i + MGET_CHUNK));
  const values = (await Promise.all(chunks.map((chunk) => kv.mget(chunk)))).flat();
  return values.map((value) => Number(value ?? 0) || 0);
}

/** The last hour, ending with the current (partial) minute, oldest minute first. */
export async function readTokenStats({ companyId, now }: { companyId: string; now: Date }) {
  const last = minuteOf(now);
  const minutes = Array.from({ length: STATS_WINDOW_MINUTES }, (_, i) => last - STATS_WINDOW_MINUTES + 1 + i);
  const metrics = [...METRICS, ...Array.from({ length: LATENCY_BUCKET_COUNT }, (_, b) => latencyMetric(b))];
  const values = await readCounters(
    minutes.flatMap((minute) => metrics.map((metric) => counterKey(companyId, minute, metric))),
  );
  const at = (minuteIndex: number, metricIndex: number) => values[minuteIndex * metrics.length + metricIndex]!;
  const sum = (metricIndex: number) => minutes.reduce((total, _, m) => total + at(m, metricIndex), 0);

  const [mintOk, mintFailed, validateOk, validateFailed] = METRICS.map((_, i) => sum(i)) as [
    number,
    number,
    number,
    number,
  ];
  const latencyCounts = Array.from({ length: LATENCY_BUCKET_COUNT }, (_, b) => sum(METRICS.length + b));
  const validations = validateOk + validateFailed;
  return {
    window_minutes: STATS_WINDOW_MINUTES,
    tokens_minted: {
      total: mintOk,
      per_minute: minutes.map((minute, m) => ({ minute: new Date(minute * 60_000).toISOString(), count: at(m, 0) })),
    },
    validations: {
      total: validations,
      valid: validateOk,
      invalid: validateFailed,
      success_rate: validations ? validateOk / validations : null,
    },
    failed_operations: { total: mintFailed + validateFailed, mint: mintFailed, validate: validateFailed },
    latency_ms: {
      samples: latencyCounts.reduce((a, b) => a + b, 0),
      p50: latencyQuantileMs(latencyCounts, 0.5),
      p99: latencyQuantileMs(latencyCounts, 0.99),
    },
  };
}

/** Rooms of the company's sessions that are still in progress. */
export async function countActiveRooms(companyId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(interviewSessions)
    .where(and(eq(interviewSessions.companyId, companyId), eq(interviewSessions.status, "in_progress")));
  return row?.n ?? 0;
}
