import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres } from "@/db";

declare module "vitest" {
  export interface ProvidedContext {
    /** A tarball of a migrated PGlite data folder (embedded runs). */
    pgliteTemplate: string;
    /** A migrated PostgreSQL database each test file's database is copied from (runs with DATABASE_URL). */
    postgresTemplate: string;
  }
}

/**
 * Migrates one database per run and lets every test file start from a copy of it, instead of migrating once per file:
 * PGlite's initdb alone costs 3-5 s per file on these machines, loading a dump about 0.6 s; on PostgreSQL a
 * `CREATE DATABASE ... TEMPLATE` copy replaces the migrations.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aii-pglite-template-"));
    const file = path.join(dir, "migrated.tar");
    const handle = await openPglite();
    try {
      await handle.migrate();
      const client = (handle.db as unknown as { $client: PGlite }).$client;
      const dump = await client.dumpDataDir("none");
      fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await handle.close();
    }
    project.provide("pgliteTemplate", file);
    project.provide("postgresTemplate", "");
    return async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const name = `aii_template_${randomBytes(6).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const templateUrl = new URL(url);
  templateUrl.pathname = `/${name}`;
  const handle = openPostgres(templateUrl.toString(), { max: 1 });
  try {
    await handle.migrate();
  } finally {
    // No session may stay connected to a template while it is copied.
    await handle.close();
  }
  project.provide("pgliteTemplate", "");
  project.provide("postgresTemplate", name);
  return async () => {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
}
