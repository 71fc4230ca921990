import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { acquirePgliteLock } from "./pglite-lock";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the database or an open transaction: query functions accept both. */
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  kind: "postgres" | "pglite";
  /** PostgreSQL: the URL it was opened with (pg-boss opens its own pool on the same database). */
  url?: string;
  migrate(): Promise<void>;
  /**
   * Runs one fixed statement (`$1..$n` placeholders) and answers its rows, for the hot paths. On PostgreSQL it is
   * prepared once per connection: drizzle sends every unnamed statement unprepared, so each run is parsed, described
   * and planned again (for start-session's statement that doubled the server process's CPU per request).
   */
  prepared<T>(text: string, params: readonly unknown[]): Promise<T[]>;
  /** Answers when the database does; used by /health. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");
const POOL_SIZE = 10; // connections per app process
// Every app instance migrates as it boots; on PostgreSQL they take turns under this advisory lock.
const MIGRATION_LOCK = "select pg_advisory_lock(hashtext('ai-interviewer:migrations'))";

export function openPostgres(url: string, opts: { max?: number } = {}): DbHandle {
  const client = postgres(url, { max: opts.max ?? POOL_SIZE, onnotice: () => {}, connect_timeout: 5 });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    url,
    migrate: async () => {
      // One connection of its own: the advisory lock belongs to a session, and ending the session releases it.
      const session = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
      try {
        await session.unsafe(MIGRATION_LOCK);
        await migratePostgres(drizzlePostgres(session, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await session.end({ timeout: 5 });
      }
    },
    prepared: async <T>(text: string, params: readonly unknown[]) =>
      (await client.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true })) as unknown as T[],
    ping: async () => {
      await client`select 1`;
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * `dataDir` undefined means an in-memory database (tests). A folder is held by one process at a time
 * (db/pglite-lock.ts): another process holding it makes this throw DatabaseLockedError.
 */
/**
 * Opens the embedded database in `dataDir` (in memory without one). `loadDataDir` starts it from a dump of another
 * PGlite (`dumpDataDir`) instead of running initdb: the tests start each file's database from one migrated template.
 */
export async function openPglite(dataDir?: string, options: { loadDataDir?: Blob } = {}): Promise<DbHandle> {
  let release = () => {};
  if (dataDir) {
    // PGlite does not create parent folders itself.
    fs.mkdirSync(dataDir, { recursive: true });
    release = await acquirePgliteLock(dataDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create({ dataDir, loadDataDir: options.loadDataDir });
  } catch (error) {
    release();
    throw error;
  }
  const pg = drizzlePglite(client, { schema });
  return {
    db: pg as unknown as Db,
    kind: "pglite",
    migrate: () => migratePglite(pg, { migrationsFolder: MIGRATIONS_FOLDER }),
    prepared: async <T>(text: string, params: readonly unknown[]) => (await client.query<T>(text, [...params])).rows,
    ping: async () => {
      await client.query("select 1");
    },
    close: async () => {
      try {
        if (!client.closed) await client.close();
      } finally {
        release();
      }
    },
  };
}

/** How this process opens its database. db/ reads no configuration: lib/db.ts registers the configured opener. */
export type DbOpener = () => Promise<DbHandle>;

// One handle per process, kept on globalThis so Next dev reloads do not open PGlite twice (and every bundle of the
// server shares it).
const holder = globalThis as unknown as { __aiiDb?: Promise<DbHandle>; __aiiDbOpener?: DbOpener };

export function setDbOpener(open: DbOpener): void {
  holder.__aiiDbOpener = open;
}

export function getDbHandle(): Promise<DbHandle> {
  if (!holder.__aiiDb) {
    const open = holder.__aiiDbOpener;
    if (!open) return Promise.reject(new Error("No database opener: import getDb from @/lib/db, which configures it"));
    holder.__aiiDb = open();
  }
  return holder.__aiiDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

export async function closeDb(): Promise<void> {
  const pending = holder.__aiiDb;
  holder.__aiiDb = undefined;
  // A database that failed to open has nothing to close (the failure was reported where it was awaited).
  const handle = await pending?.catch(() => undefined);
  await handle?.close();
}

/** Tests install their own database (an in-memory PGlite or a throwaway PostgreSQL database). */
export function setDbHandleForTests(handle: DbHandle | undefined): void {
  holder.__aiiDb = handle ? Promise.resolve(handle) : undefined;
}
