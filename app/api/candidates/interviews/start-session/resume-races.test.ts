import { and, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLogs, candidateTokens, interviewSessions } from "@/db/schema";
import { call, fileClientIp } from "@/test/http";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { POST } from "./route";

// A double click or two tabs send the same resume token at once. Exactly one request rotates it; the others must get
// the same session and the same rotated token, never a new attempt and never an abandoned session. Run against real
// PostgreSQL as well (DATABASE_URL), where the requests really do overlap.

const fixture = useTestDb();
const ip = fileClientIp();
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
const start = (body: Record<string, unknown>) => call(POST, "/api/candidates/interviews/start-session", { body, ip });

async function inviteState(tokenId: string) {
  const db = await getDb();
  const [token] = await db.select().from(candidateTokens).where(eq(candidateTokens.id, tokenId));
  const sessions = await db.select().from(interviewSessions).where(eq(interviewSessions.tokenId, tokenId));
  const count = (status: string) => sessions.filter((s) => s.status === status).length;
  return {
    current: token!.currentAttempts,
    max: token!.maxAttempts ?? 1,
    sessions: sessions.length,
    inProgress: count("in_progress"),
    abandoned: count("abandoned"),
  };
}

describe("concurrent resumes with one resume token", () => {
  it("20 at once answer one session and one rotated token; no attempt is used and nothing is abandoned", async () => {
    const interview = await makeInterview(hr());
    const { value, token } = await makeInvite(hr(), interview.id, { max_attempts: 3 });
    const first = await start({ token: value });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => start({ token: value, resume_token: first.json.resume_token })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(results.map((r) => r.json.session_id))).toEqual(new Set([first.json.session_id]));
    expect(results.every((r) => r.json.resumed === true && r.json.attempt_number === 1)).toBe(true);
    const rotated = new Set(results.map((r) => r.json.resume_token));
    expect(rotated.size).toBe(1);
    expect(rotated.has(first.json.resume_token)).toBe(false);
    expect(new Set(results.map((r) => r.headers.get("set-cookie")!.split(";")[0]))).toHaveProperty("size", 1);

    expect(await inviteState(token.id)).toEqual({ current: 1, max: 3, sessions: 1, inProgress: 1, abandoned: 0 });
    // One rotation, and every replay audited as one.
    const db = await getDb();
    const audits = await db.select().from(auditLogs).where(eq(auditLogs.resourceId, first.json.session_id));
    const resumes = audits.filter((a) => a.action === "SESSION_RESUMED");
    expect(resumes).toHaveLength(20);
    expect(resumes.filter((a) => !(a.details as { grace_replay?: boolean }).grace_replay)).toHaveLength(1);
    // The rotated token is the one that works from now on.
    const next = await start({ token: value, resume_token: [...rotated][0] });
    expect(next.json).toMatchObject({ resumed: true, session_id: first.json.session_id });
  });
});

describe("concurrent explicit new attempts", () => {
  it("each uses one attempt, and only the latest stays in progress (a double click on the new-attempt button)", async () => {
    const interview = await makeInterview(hr());
    const { value, token } = await makeInvite(hr(), interview.id, { max_attempts: 6 });
    await start({ token: value });
    const results = await Promise.all(Array.from({ length: 5 }, () => start({ token: value, mode: "new" })));
    expect(results.map((r) => r.status)).toEqual(Array(5).fill(200));
    expect(await inviteState(token.id)).toEqual({ current: 6, max: 6, sessions: 6, inProgress: 1, abandoned: 5 });
    const db = await getDb();
    const [latest] = await db
      .select()
      .from(interviewSessions)
      .where(and(eq(interviewSessions.tokenId, token.id), eq(interviewSessions.status, "in_progress")));
    expect(latest!.attemptNumber).toBe(6);
  });
});

type Op =
  | { kind: "resume"; pick: number }
  | { kind: "garbage" }
  | { kind: "start" }
  | { kind: "new" }
  | { kind: "resume-only" };
type Step = { kind: "batch"; ops: Op[] } | { kind: "leave-reuse-grace" };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.nat(50).map((pick) => ({ kind: "resume" as const, pick })) },
  { weight: 1, arbitrary: fc.constant({ kind: "garbage" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "start" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "new" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "resume-only" as const }) },
);
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.array(op, { minLength: 1, maxLength: 5 }).map((ops) => ({ kind: "batch" as const, ops })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "leave-reuse-grace" as const }) },
);

describe("property: any interleaving of resumes and starts", () => {
  it("never overdraws, never consumes on a refusal, and a resume never abandons or opens a session", async () => {
    const interview = await makeInterview(hr());
    const db = await getDb();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(step, { minLength: 1, maxLength: 6 }),
        async (maxAttempts, steps) => {
          const { value, token } = await makeInvite(hr(), interview.id, { max_attempts: maxAttempts });
          const seen: string[] = []; // every resume token the server ever answered, current or rotated away
          const opening = await start({ token: value });
          expect(opening.status).toBe(200);
          seen.push(opening.json.resume_token);
          for (const s of steps) {
            if (s.kind === "leave-reuse-grace") {
              await db.execute(
                sql`UPDATE interview_sessions SET resume_rotated_at = resume_rotated_at - interval '1 minute' WHERE token_id = ${token.id}`,
              );
              continue;
            }
            const before = await inviteState(token.id);
            const bodies = s.ops.map((o) => {
              if (o.kind === "resume") return { token: value, resume_token: seen[o.pick % seen.length] };
              if (o.kind === "garbage") return { token: value, resume_token: "G".repeat(43) };
              if (o.kind === "new") return { token: value, mode: "new" };
              if (o.kind === "resume-only") return { token: value, mode: "resume" };
              return { token: value };
            });
            const results = await Promise.all(bodies.map((b) => start(b)));
            const after = await inviteState(token.id);

            for (const r of results) expect([200, 403, 409]).toContain(r.status);
            const opened = results.filter((r) => r.status === 200 && !r.json.resumed).length;
            const tokenless = bodies.filter((b) => !("resume_token" in b) && b.mode !== "resume").length;
            // Only a request without a resume token may use an attempt, and only an answered one did.
            expect(opened).toBeLessThanOrEqual(tokenless);
            expect(after.current - before.current).toBe(opened);
            expect(after.current).toBeLessThanOrEqual(after.max);
            expect(after.sessions - before.sessions).toBe(opened);
            // Only a new attempt abandons the one it replaces; a resume never does.
            expect(after.abandoned - before.abandoned).toBeLessThanOrEqual(opened);
            expect(after.inProgress).toBeLessThanOrEqual(1);
            // Whoever presented the same token and was answered got the same session and the same rotated token.
            const byPresented = new Map<string, Set<string>>();
            bodies.forEach((b, i) => {
              const r = results[i]!;
              if (r.status !== 200 || !("resume_token" in b)) return;
              const key = String(b.resume_token);
              byPresented.set(
                key,
                (byPresented.get(key) ?? new Set()).add(`${r.json.session_id}/${r.json.resume_token}`),
              );
            });
            for (const answers of byPresented.values()) expect(answers.size).toBe(1);
            for (const r of results) if (r.status === 200) seen.push(r.json.resume_token);
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 180_000);
});
