import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openPglite, openPostgres, setDbHandleForTests, type DbHandle } from "@/db";

// Each test file gets its own migrated database: an in-memory PGlite by default, or a throwaway database on the
// PostgreSQL server named by DATABASE_URL (CI runs the suite both ways).

export interface TestDb extends DbHandle {
  drop(): Promise<void>;
}

export async function createTestDb(): Promise<TestDb> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const handle = await openPglite();
    await handle.migrate();
    setDbHandleForTests(handle);
    return { ...handle, drop: () => handle.close() };
  }
  const name = `aii_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const handle = openPostgres(testUrl.toString(), { max: 25 });
  await handle.migrate();
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
