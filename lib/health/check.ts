import "server-only";
import { getDbHandle } from "@/lib/db";
import { getKv } from "@/lib/kv";
import { log } from "@/lib/log";

// /health is public (load balancers call it without credentials), so it answers status words only. The reason a
// dependency is down (hosts, ports, driver messages) goes to the server log, never to the caller.

const CHECK_TIMEOUT_MS = 2_000; // a dependency slower than this counts as down

type CheckStatus = "ok" | "error";

export interface HealthReport {
  status: "healthy" | "unhealthy";
  checks: Record<"database" | "cache", { status: CheckStatus }>;
}

async function probe(
  dependency: string,
  kind: () => Promise<string>,
  ping: () => Promise<void>,
): Promise<{ status: CheckStatus }> {
  const started = performance.now();
  try {
    await Promise.race([
      ping(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`timed out after ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS).unref(),
      ),
    ]);
    return { status: "ok" };
  } catch (error) {
    const latencyMs = Math.round(performance.now() - started);
    log.warn("health.check_failed", {
      dependency,
      kind: await kind().catch(() => "unknown"),
      latency_ms: latencyMs,
      error: (error as Error)?.message ?? String(error),
    });
    return { status: "error" };
  }
}

export async function checkHealth(): Promise<HealthReport> {
  const [database, cache] = await Promise.all([
    probe(
      "database",
      async () => (await getDbHandle()).kind,
      async () => (await getDbHandle()).ping(),
    ),
    probe(
      "cache",
      async () => getKv().kind,
      () => getKv().ping(),
    ),
  ]);
  const checks = { database, cache };
  return { status: database.status === "ok" && cache.status === "ok" ? "healthy" : "unhealthy", checks };
}
