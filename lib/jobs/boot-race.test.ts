import { describe, expect, it } from "vitest";
import { useTestDb } from "@/test/use-test-db";
import { startBoss } from "./boss";
import { ALL_JOBS } from "./queues";

// Instances that boot at the same moment on a fresh database (a deployment's first rollout, the two-instance CI
// cluster) all create the same queues. PostgreSQL aborted one of them with a deadlock, and that instance exited.

const fixture = useTestDb();
const onPostgres = Boolean(process.env.DATABASE_URL);

describe.runIf(onPostgres)("instances booting together on PostgreSQL", () => {
  it("all start, and every queue exists once", async () => {
    const bosses = await Promise.all(
      Array.from({ length: 4 }, () =>
        startBoss({ handle: fixture.db, connectionString: fixture.db.url, supervise: false, definitions: ALL_JOBS }),
      ),
    );
    try {
      const queues = await bosses[0]!.getQueues();
      for (const { queue, policy } of ALL_JOBS) {
        const matching = queues.filter((q) => q.name === queue);
        expect(matching).toHaveLength(1);
        expect(matching[0]!.retryLimit).toBe(policy.retryLimit);
      }
    } finally {
      await Promise.all(bosses.map((boss) => boss.stop({ graceful: false, close: true })));
    }
  }, 60_000);
});
