import { afterAll, beforeAll } from "vitest";
import { closeBcryptPool } from "@/lib/auth/bcrypt-pool";
import { createTestDb, type TestDb } from "./db";
import { seed } from "./fixtures";

type People = Awaited<ReturnType<typeof seed>>;

/**
 * Registers the file's database lifecycle: a fresh migrated database (seeded with the demo companies unless
 * `seed: false`) before the first test, dropped after the last. Read `handle.people` / `handle.db` inside tests.
 */
export function useTestDb(options: { seed?: boolean } = {}) {
  const handle = {} as { db: TestDb; people: People };
  beforeAll(async () => {
    handle.db = await createTestDb();
    if (options.seed !== false) handle.people = await seed();
  });
  afterAll(async () => {
    await handle.db.drop();
    await closeBcryptPool();
  });
  return handle;
}
