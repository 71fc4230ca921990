import "server-only";
import path from "node:path";
import { type DbHandle, openPglite, openPostgres, setDbOpener } from "@/db";
import { env } from "@/lib/env";

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, otherwise PGlite in $DATA_DIR/pglite. */
export async function openConfiguredDb(): Promise<DbHandle> {
  const { DATABASE_URL, DATA_DIR } = env();
  if (DATABASE_URL) return openPostgres(DATABASE_URL);
  return openPglite(path.resolve(DATA_DIR, "pglite"));
}

// lib, scripts and tests reach the process's database through this module, so it is configured before first use.
setDbOpener(openConfiguredDb);

export { closeDb, getDb, getDbHandle, setDbHandleForTests, type Db, type DbHandle, type DbOrTx, type Tx } from "@/db";
