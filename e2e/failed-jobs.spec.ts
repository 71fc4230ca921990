import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import PgBoss from "pg-boss";
import postgres from "postgres";
import { ACCOUNTS } from "./support/accounts";

// The dashboard's dead-letter list: a job that failed for good is listed with its reason, and retrying it asks first.
// The failed job is made here through pg-boss on the server's database, so this runs on PostgreSQL only (the
// embedded PGlite belongs to the server process).

const DATABASE_URL = process.env.DATABASE_URL;
test.skip(!DATABASE_URL, "needs PostgreSQL (DATABASE_URL): the test writes the failed job into the server's database");

async function failedJob(companyId: string): Promise<{ id: string; queue: string }> {
  const boss = new PgBoss({ connectionString: DATABASE_URL!, schema: "pgboss", supervise: false, schedule: false, max: 1 });
  await boss.start();
  try {
    const queue = `e2e-failing-${randomUUID().slice(0, 8)}`;
    await boss.createQueue(queue, { name: queue, retryLimit: 0 });
    await boss.send(queue, { company_id: companyId, recording_id: randomUUID() });
    const [job] = await boss.fetch(queue);
    await boss.fail(queue, job!.id, new Error("speech service refused the audio"));
    return { id: job!.id, queue };
  } finally {
    await boss.stop({ graceful: false });
  }
}

test("the admin retries a failed job after confirming; it leaves the list and the retry is audited", async ({ page }) => {
  const sql = postgres(DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    const [admin] = await sql<{ company_id: string }[]>`SELECT company_id FROM users WHERE email = ${ACCOUNTS.admin.email}`;
    const job = await failedJob(admin!.company_id);

    await page.goto("/dashboard/jobs");
    await expect(page.getByRole("heading", { name: "Failed jobs", level: 1 })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: "speech service refused the audio" });
    await expect(row).toContainText(job.queue);

    await row.getByRole("button", { name: new RegExp(`^Retry .*${job.id}`) }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    const [untouched] = await sql<{ state: string }[]>`SELECT state::text FROM pgboss.job WHERE id = ${job.id}`;
    expect(untouched?.state).toBe("failed");

    await row.getByRole("button", { name: new RegExp(`^Retry .*${job.id}`) }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Retry job" }).click();
    await expect(page.getByRole("status").filter({ hasText: "queued again" })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: job.queue })).toHaveCount(0);

    const [retried] = await sql<{ state: string }[]>`SELECT state::text FROM pgboss.job WHERE id = ${job.id}`;
    expect(retried?.state).toBe("retry");
    const audits = await sql`SELECT 1 FROM audit_logs WHERE action = 'JOB_RETRIED' AND resource_id = ${job.id}`;
    expect(audits).toHaveLength(1);
  } finally {
    await sql.end();
  }
});
