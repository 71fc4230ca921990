import postgres from "postgres";

// The start-session figures only mean something on a real PostgreSQL server (the embedded PGlite is single-threaded
// and in-process). Without DATABASE_URL the bench makes its own database on this server and drops it afterwards.
const DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const CONNECT_TIMEOUT_S = 5; // seconds; a missing server should fail fast, not hang the bench

export interface ThrowawayDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export const adminUrl = (): string => process.env.BENCH_PG_URL || DEFAULT_ADMIN_URL;

/** Creates `aii_bench_<stamp>` next to the admin database; the caller must drop() it, also on failure. */
export async function createThrowawayDatabase(stamp: string): Promise<ThrowawayDatabase> {
  const name = `aii_bench_${stamp.replace(/[^0-9a-z]/gi, "_").toLowerCase()}`;
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {}, connect_timeout: CONNECT_TIMEOUT_S });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      const again = postgres(adminUrl(), { max: 1, onnotice: () => {}, connect_timeout: CONNECT_TIMEOUT_S });
      try {
        // FORCE (PostgreSQL 13+) ends connections a killed server or pgbench may have left behind.
        await again.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await again.end({ timeout: 5 });
      }
    },
  };
}
