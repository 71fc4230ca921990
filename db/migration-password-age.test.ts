import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/rows";

// Migration 0015 adds the company's maximum password age (off) and each user's password_changed_at, which existing
// users get as the migration's time. This migrates a database to 0014, adds a user, then applies the rest: on PGlite by
// default, on a throwaway PostgreSQL database when DATABASE_URL is set (CI runs both).

const FOLDER = path.join(import.meta.dirname, "migrations");

/** The migrations folder up to and including `lastTag`, in a temporary copy. */
function foldersUpTo(lastTag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aii-migrations-"));
  fs.cpSync(FOLDER, dir, { recursive: true });
  const journalPath = path.join(dir, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === lastTag) + 1);
  fs.writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

type Exec = (query: ReturnType<typeof sql>) => Promise<unknown>;

async function database(): Promise<{ exec: Exec; migrate: (folder: string) => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const client = await PGlite.create();
    cleanups.push(() => client.close());
    const db = drizzlePglite(client);
    return { exec: (q) => db.execute(q), migrate: (folder) => migratePglite(db, { migrationsFolder: folder }) };
  }
  const name = `aii_mig_${randomBytes(6).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const client = postgres(dbUrl.toString(), { max: 1, onnotice: () => {} });
  cleanups.push(async () => {
    await client.end();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });
  const db = drizzlePostgres(client);
  return { exec: (q) => db.execute(q), migrate: (folder) => migratePostgres(db, { migrationsFolder: folder }) };
}

describe("migration 0015", () => {
  it("leaves the maximum password age off, dates existing passwords from the migration, and bounds the setting", async () => {
    const { exec, migrate } = await database();
    const before = foldersUpTo("0014_totp_two_factor");
    cleanups.push(async () => fs.rmSync(before, { recursive: true, force: true }));
    await migrate(before);
    const company = randomUUID();
    await exec(sql`INSERT INTO companies (id, name) VALUES (${company}, 'Acme')`);
    await exec(sql`INSERT INTO users (company_id, email, password_hash, created_at)
                   VALUES (${company}, 'old@example.com', 'x', now() - interval '3 years')`);
    await migrate(FOLDER);

    const [row] = rowsOf<{ max_days: number | null; changed_recently: boolean }>(
      await exec(sql`SELECT c.max_password_age_days AS max_days,
                            u.password_changed_at > now() - interval '1 hour' AS changed_recently
                     FROM users u JOIN companies c ON c.id = u.company_id WHERE u.email = 'old@example.com'`),
    );
    expect(row).toEqual({ max_days: null, changed_recently: true });

    await exec(sql`UPDATE companies SET max_password_age_days = 30 WHERE id = ${company}`);
    await exec(sql`UPDATE companies SET max_password_age_days = 730 WHERE id = ${company}`);
    await expect(exec(sql`UPDATE companies SET max_password_age_days = 29 WHERE id = ${company}`)).rejects.toThrow();
    await expect(exec(sql`UPDATE companies SET max_password_age_days = 731 WHERE id = ${company}`)).rejects.toThrow();
  });
});
