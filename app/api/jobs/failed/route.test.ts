import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLogs } from "@/db/schema";
import { enqueue } from "@/lib/jobs/enqueue";
import { jobHandler } from "@/lib/jobs/registry";
import { startJobs, stopJobs, type JobRuntime } from "@/lib/jobs/runtime";
import { FAST_TIMINGS, testJob, waitFor } from "@/test/kits/jobs";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { useTestDb } from "@/test/use-test-db";
import { POST as retryRoute } from "../[id]/retry/route";
import { GET } from "./route";

const fixture = useTestDb();
const ip = fileClientIp();
const tokens: Record<string, string> = {};
const STAFF = [
  "admin@nextgenai.com",
  "hr@nextgenai.com",
  "lead@nextgenai.com",
  "employee@nextgenai.com",
  "admin@globex.com",
];

const flaky = testJob("api-flaky");
let fixed = false;
const runs: string[] = [];
let runtime: JobRuntime;
const ids: Record<string, string> = {};

const list = (email: string, query?: Record<string, string | number>) =>
  call(GET, "/api/jobs/failed", { token: tokens[email], ip, query });
const retry = (email: string, id: string, body?: unknown) =>
  call(retryRoute, `/api/jobs/${id}/retry`, { method: "POST", token: tokens[email], ip, params: { id }, body });
const stateOf = async (id: string) => (await runtime.boss.getJobById(flaky.queue, id))?.state;

beforeAll(async () => {
  for (const email of STAFF) tokens[email] = (await apiLogin(email, ip)).access_token;
  runtime = await startJobs({
    workers: true,
    handle: fixture.db,
    registrations: [
      jobHandler(flaky, async (p) => {
        runs.push(p.key);
        if (!fixed) throw new Error(`speech service refused ${p.key}`);
      }),
    ],
    definitions: [],
    timings: FAST_TIMINGS,
    catchUp: false,
  });
  const nextgen = fixture.people["hr@nextgenai.com"]!.companyId;
  const globex = fixture.people["admin@globex.com"]!.companyId;
  for (const [key, company] of [
    ["a", nextgen],
    ["b", nextgen],
    ["c", nextgen],
    ["g", globex],
  ] as const) {
    ids[key] = (await enqueue(flaky, { company_id: company, key })).id;
  }
  for (const id of Object.values(ids)) await waitFor(async () => (await stateOf(id)) === "failed", `job ${id} to fail`);
});

afterAll(async () => {
  await stopJobs();
});

describe("GET /api/jobs/failed", () => {
  it("HR and ADMIN list their company's failed jobs, newest failure first, with the reason", async () => {
    for (const email of ["hr@nextgenai.com", "admin@nextgenai.com"]) {
      const res = await list(email);
      expect(res.status).toBe(200);
      expect(res.headers.get("x-total-count")).toBe("3");
      expect(res.json.map((j: { id: string }) => j.id).sort()).toEqual([ids.a, ids.b, ids.c].sort());
      const a = res.json.find((j: { id: string }) => j.id === ids.a);
      expect(Object.keys(a).sort()).toEqual([
        "created_at",
        "error",
        "failed_at",
        "id",
        "payload",
        "queue",
        "retry_count",
        "state",
      ]);
      expect(a).toMatchObject({
        queue: flaky.queue,
        state: "failed",
        error: "speech service refused a",
        retry_count: 0,
        payload: { key: "a" },
      });
      expect(res.text).not.toMatch(/stack|at .*\.ts:/);
    }
  });

  it("paginates with skip and limit", async () => {
    const all = (await list("hr@nextgenai.com")).json;
    const page = await list("hr@nextgenai.com", { skip: 1, limit: 1 });
    expect(page.headers.get("x-total-count")).toBe("3");
    expect(page.json).toEqual(all.slice(1, 2));
    expect((await list("hr@nextgenai.com", { limit: 0 })).status).toBe(422);
  });

  it("EMPLOYEE and TEAM_LEAD get 403; no token is 401", async () => {
    for (const email of ["employee@nextgenai.com", "lead@nextgenai.com"]) {
      const res = await list(email);
      expect(res.status).toBe(403);
      expect(res.json).toEqual({ detail: "Insufficient permissions", code: "forbidden" });
    }
    expect((await call(GET, "/api/jobs/failed", { ip })).status).toBe(401);
  });

  it("tenant isolation: the Globex admin sees only Globex's job", async () => {
    const res = await list("admin@globex.com");
    expect(res.json.map((j: { id: string }) => j.id)).toEqual([ids.g]);
  });
});

describe("POST /api/jobs/{id}/retry", () => {
  it("EMPLOYEE and TEAM_LEAD get 403, another company's job is 404, a bad id is 404, a bad body 422", async () => {
    for (const email of ["employee@nextgenai.com", "lead@nextgenai.com"]) {
      expect((await retry(email, ids.a!)).json).toEqual({ detail: "Insufficient permissions", code: "forbidden" });
    }
    const foreign = await retry("admin@globex.com", ids.a!);
    expect(foreign.status).toBe(404);
    expect(foreign.json).toEqual({ detail: "Job not found", code: "not_found" });
    expect((await retry("hr@nextgenai.com", "not-a-uuid")).status).toBe(404);
    const invalid = await retry("hr@nextgenai.com", ids.a!, { reason: 42 });
    expect(invalid.status).toBe(422);
    expect(invalid.json.code).toBe("validation_error");
    expect((await retry("hr@nextgenai.com", ids.a!, { priority: 1 })).status).toBe(422);
    expect(await stateOf(ids.a!)).toBe("failed");
  });

  it("HR retries a failed job: requeued, audited, and it then succeeds; a second retry is 409", async () => {
    fixed = true;
    const hr = fixture.people["hr@nextgenai.com"]!;
    const res = await retry("hr@nextgenai.com", ids.a!, { reason: "speech service is back" });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: ids.a, state: "retry", queue: flaky.queue });
    await waitFor(async () => (await stateOf(ids.a!)) === "completed", "the retried job to complete");
    expect(runs.filter((k) => k === "a")).toHaveLength(2);

    const [audit] = await fixture.db.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, "JOB_RETRIED"), eq(auditLogs.resourceId, ids.a!)));
    expect(audit).toMatchObject({ companyId: hr.companyId, userId: hr.id, resourceType: "job" });
    expect(audit?.details).toMatchObject({ queue: flaky.queue, reason: "speech service is back" });

    expect((await list("hr@nextgenai.com")).headers.get("x-total-count")).toBe("2");
    const again = await retry("hr@nextgenai.com", ids.a!);
    expect(again.status).toBe(409);
    expect(again.json.code).toBe("job_not_failed");
    // Globex's job was never touched.
    expect(await stateOf(ids.g!)).toBe("failed");
  });
});
