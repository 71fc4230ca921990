import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openPglite, openPostgres } from "@/db";
import { rowsOf } from "@/db/rows";

const url = process.env.DATABASE_URL;
const journal = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, "migrations", "meta", "_journal.json"), "utf8"),
) as {
  entries: unknown[];
};

// Every app instance applies the migrations as it boots (lib/server/boot.ts), so instances starting together must
// take turns rather than race each other's CREATE statements (PostgreSQL, with DATABASE_URL), and a restart must find
// nothing left to do (the embedded PGlite, which serves one process at a time).

/** The embedded PGlite: a second boot finds nothing left to do. */
async function bootTwiceOnPglite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aii-migrate-"));
  try {
    for (let boot = 0; boot < 2; boot++) {
      const handle = await openPglite(path.join(dir, "pglite"));
      try {
        await handle.migrate();
        const [row] = rowsOf<{ count: number }>(
          await handle.db.execute(sql`select count(*)::int as count from drizzle.__drizzle_migrations`),
        );
        expect(row?.count).toBe(journal.entries.length);
      } finally {
        await handle.close();
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** PostgreSQL: four instances booting at once take turns, and each migration is applied once. */
async function bootTogetherOnPostgres(url: string) {
  const name = `aii_migrate_${randomBytes(6).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const instances = Array.from({ length: 4 }, () => openPostgres(dbUrl.toString(), { max: 2 }));
  try {
    const results = await Promise.allSettled(instances.map((instance) => instance.migrate()));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const check = postgres(dbUrl.toString(), { max: 1, onnotice: () => {} });
    const rows = await check`select count(*)::int as count from drizzle.__drizzle_migrations`;
    await check.end();
    expect(rows[0]?.count).toBe(journal.entries.length);
  } finally {
    await Promise.all(instances.map((instance) => instance.close()));
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

describe("migrations at boot", () => {
  it(
    url
      ? "are applied once when several PostgreSQL instances boot at the same time"
      : "are applied once on the embedded database, and a second boot finds nothing to do",
    async () => {
      if (url) await bootTogetherOnPostgres(url);
      else await bootTwiceOnPglite();
    },
  );
});
