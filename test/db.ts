import { randomBytes } from "node:crypto";
import fs from "node:fs";
import postgres from "postgres";
import { inject } from "vitest";
import { openPglite, openPostgres, setDbHandleForTests, type DbHandle } from "@/db";

// Each test file gets its own migrated database: an in-memory PGlite by default, or a throwaway database on the
// PostgreSQL server named by DATABASE_URL (CI runs the suite both ways). Both start from the run's migrated template
// (test/global-setup.ts), so a file pays for a copy, not for initdb and the migrations.

export interface TestDb extends DbHandle {
  drop(): Promise<void>;
}

export async function createTestDb(): Promise<TestDb> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const template = inject("pgliteTemplate");
    const handle = template
      ? await openPglite(undefined, { loadDataDir: new Blob([fs.readFileSync(template)]) })
      : await openPglite();
    if (!template) await handle.migrate();
    setDbHandleForTests(handle);
    return { ...handle, drop: () => handle.close() };
  }
  const template = inject("postgresTemplate");
  const name = `aii_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const handle = openPostgres(testUrl.toString(), { max: 25 });
  if (!template) await handle.migrate();
  setDbHandleForTests(handle);
  return {
    ...handle,
    drop: async () => {
      await handle.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
