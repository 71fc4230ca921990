import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { openPostgres } from "@/db";

const url = process.env.DATABASE_URL;
const journal = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "migrations", "meta", "_journal.json"), "utf8")) as {
  entries: unknown[];
};

// Every app instance applies the migrations as it boots (lib/server/boot.ts), so instances starting together must
// take turns rather than race each other's CREATE statements. PostgreSQL only: PGlite serves one process.
describe.skipIf(!url)("migrations on PostgreSQL", () => {
  it("are applied once when several instances boot at the same time", async () => {
    const name = `aii_migrate_${randomBytes(6).toString("hex")}`;
    const admin = postgres(url!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const dbUrl = new URL(url!);
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
  });
});
