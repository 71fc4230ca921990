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
import { REDACTED_LINK } from "@/lib/email/redact-links";

// Migration 0007 redacts the links of invite emails already delivered before it (the app redacts on delivery from
// then on). This migrates a database to 0006, stores emails as the old code did, then applies the rest: on PGlite
// by default, on a throwaway PostgreSQL database when DATABASE_URL is set (CI runs both).

const FOLDER = path.join(import.meta.dirname, "migrations");
const VALUE = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWp"; // 43 characters, like an invite value
const TEXT = `Hello Jane,\n\nStart your interview: http://localhost:3000/interview/${VALUE}\n\nThanks`;
const HTML = `<p><a href="http://localhost:3000/interview/${VALUE}">Start your interview</a></p>`;

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

describe("migration 0007", () => {
  it("redacts the links of invite emails delivered before it, and leaves queued ones for their managers", async () => {
    const { exec, migrate } = await database();
    const before = foldersUpTo("0006_observation_flags");
    cleanups.push(async () => fs.rmSync(before, { recursive: true, force: true }));
    await migrate(before);
    const company = randomUUID();
    await exec(sql`INSERT INTO companies (id, name) VALUES (${company}, 'Acme')`);
    for (const status of ["sent", "queued"]) {
      await exec(sql`INSERT INTO email_outbox (company_id, to_address, subject, text_body, html_body, status, transport)
                     VALUES (${company}, ${`${status}@example.com`}, 'Your interview', ${TEXT}, ${HTML}, ${status}::outbox_status, 'smtp')`);
    }
    await migrate(FOLDER);
    const rows = rowsOf<{ status: string; text_body: string; html_body: string }>(
      await exec(sql`SELECT status, text_body, html_body FROM email_outbox ORDER BY status`),
    );
    const sent = rows.find((r) => r.status === "sent")!;
    expect(sent.text_body).toBe(`Hello Jane,\n\nStart your interview: ${REDACTED_LINK}\n\nThanks`);
    expect(sent.html_body).toBe(`<p><a href="${REDACTED_LINK}">Start your interview</a></p>`);
    const queued = rows.find((r) => r.status === "queued")!;
    expect([queued.text_body, queued.html_body]).toEqual([TEXT, HTML]);
  });
});
