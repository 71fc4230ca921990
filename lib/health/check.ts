import { getDbHandle } from "@/db";
import { getKv } from "@/lib/kv";

const CHECK_TIMEOUT_MS = 2_000; // a dependency slower than this counts as down

export interface HealthReport {
  status: "healthy" | "unhealthy";
  checks: Record<string, { status: "ok" | "error"; latency_ms: number; kind?: string; error?: string }>;
}

async function timed(kind: string, probe: () => Promise<void>) {
  const started = performance.now();
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS).unref()),
    ]);
    return { status: "ok" as const, kind, latency_ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: "error" as const, kind, latency_ms: Math.round(performance.now() - started), error: (error as Error).message };
  }
}

export async function checkHealth(): Promise<HealthReport> {
  const [database, cache] = await Promise.all([
    getDbHandle().then((h) => timed(h.kind, () => h.ping()), (e: Error) => ({ status: "error" as const, latency_ms: 0, error: e.message })),
    timed(getKv().kind, () => getKv().ping()),
  ]);
  const checks = { database, cache };
  return { status: Object.values(checks).every((c) => c.status === "ok") ? "healthy" : "unhealthy", checks };
}
