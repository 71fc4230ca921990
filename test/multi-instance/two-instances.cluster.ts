import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { AccessToken, WebhookEvent } from "livekit-server-sdk";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CONSENT_VERSION } from "@/lib/consent/text";
import { LIVEKIT_DEV_KEY, LIVEKIT_DEV_SECRET } from "@/lib/env";
import { caughtMail } from "./mail-catcher";
import { type Instance, login, ok, send } from "./client";

// Issue 13's proof that instances are stateless: whatever one instance did, the other sees at once. Requests alternate
// between A and B; the worker is a third process; each instance has its own empty DATA_DIR.

const PASSWORD = "SecurePassword123!"; // the demo accounts' (scripts/seeds/demo-data.ts)
const HR = "hr@nextgenai.com";
const FIXTURE = fs.readFileSync(
  path.join(import.meta.dirname, "..", "..", "lib", "recordings", "fixtures", "chromium-25s.webm"),
);
const other = (instance: Instance): Instance => (instance === "A" ? "B" : "A");

let sql: postgres.Sql;
let hrToken: string;

beforeAll(async () => {
  sql = postgres(inject("clusterDatabaseUrl"), { max: 2, onnotice: () => {} });
  hrToken = ok(await login("A", HR, PASSWORD), "hr login").access_token;
});
afterAll(async () => {
  await sql?.end();
});

async function interviewWithInvite(input: { on: Instance; email?: string }) {
  const created = ok(
    await send<{ id: string }>(input.on, "/api/interviewer/interviews", {
      bearer: hrToken,
      json: {
        title: `Cluster ${randomUUID().slice(0, 8)}`,
        status: "active",
        questions: [{ text: "Tell us about a hard bug.", time_limit_seconds: 120 }],
      },
    }),
    "create interview",
  );
  const minted = ok(
    await send<{ id: string; token_value: string; email_delivery: string | null }>(
      other(input.on),
      `/api/interviewer/interviews/${created.id}/tokens`,
      {
        bearer: hrToken,
        json: { candidate_name: "Casey Cluster", ...(input.email ? { candidate_email: input.email } : {}) },
      },
    ),
    "mint",
  );
  return { interviewId: created.id, inviteId: minted.id, invite: minted.token_value, delivery: minted.email_delivery };
}

async function startedSession() {
  const { invite } = await interviewWithInvite({ on: "B" });
  ok(
    await send("B", "/api/candidates/interviews/consent", {
      json: { token: invite, version: CONSENT_VERSION, accepted: true },
    }),
    "consent",
  );
  const started = ok(
    await send<{ session_id: string; resume_token: string }>("A", "/api/candidates/interviews/start-session", {
      json: { token: invite, mode: "new" },
    }),
    "start",
  );
  return { invite, sessionId: started.session_id, resumeToken: started.resume_token };
}

describe(`two instances behave as one (storage: ${inject("clusterStorage")})`, () => {
  it("takes an answer whose chunks alternate between the instances, verifies it, and plays it from either", async () => {
    const { invite, sessionId, resumeToken } = await startedSession();
    const base = `/api/candidates/sessions/${sessionId}/recordings/0`;
    const chunkSize = Math.ceil(FIXTURE.length / 6);
    const chunks = Array.from({ length: 6 }, (_, i) => FIXTURE.subarray(i * chunkSize, (i + 1) * chunkSize));
    for (const [seq, bytes] of chunks.entries()) {
      const instance: Instance = seq % 2 === 0 ? "A" : "B";
      ok(
        await send(instance, `${base}/chunks/${seq}?take=0`, { method: "PUT", bearer: resumeToken, bytes }),
        `chunk ${seq} on ${instance}`,
      );
    }
    const finalized = ok(
      await send<{ status: string }>("B", `${base}/finalize`, {
        bearer: resumeToken,
        json: {
          chunk_count: chunks.length,
          sha256: createHash("sha256").update(FIXTURE).digest("hex"),
          size_bytes: FIXTURE.length,
          duration_ms: 24_900,
          mime_type: "video/webm;codecs=vp8,opus",
          take: 0,
        },
      }),
      "finalize",
    );
    expect(finalized.status).toBe("ready");
    ok(
      await send("A", "/api/candidates/interviews/complete-session", {
        method: "PATCH",
        json: { token: invite, resume_token: resumeToken },
      }),
      "complete",
    );

    const whole = await send("B", `/api/interviewer/sessions/${sessionId}/recordings/0`, { bearer: hrToken });
    expect(whole.status).toBe(200);
    expect(Buffer.compare(whole.body as unknown as Buffer, FIXTURE)).toBe(0);
    const part = await send("A", `/api/interviewer/sessions/${sessionId}/recordings/0`, {
      bearer: hrToken,
      headers: { range: "bytes=100-1099" },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-1099/${FIXTURE.length}`);
    expect(Buffer.compare(part.body as unknown as Buffer, FIXTURE.subarray(100, 1100))).toBe(0);
  });

  it("refuses on B a refresh token that A already rotated", async () => {
    const first = ok(await login("A", HR, PASSWORD), "login");
    const rotated = ok(
      await send<{ refresh_token: string }>("A", "/api/v1/auth/refresh", {
        json: { refresh_token: first.refresh_token },
      }),
      "rotate",
    );
    expect(rotated.refresh_token).not.toBe(first.refresh_token);
    const reuse = await send("B", "/api/v1/auth/refresh", { json: { refresh_token: first.refresh_token } });
    expect(reuse.status).toBe(401);
  });

  it("counts failed logins across both instances", async () => {
    const email = `nobody-${randomUUID().slice(0, 8)}@nextgenai.com`;
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++)
      statuses.push((await login(attempt % 2 === 0 ? "A" : "B", email, "wrong-password")).status);
    // LOGIN_FAILURE_RULE: 5 failures per email and client a minute; the sixth is refused wherever it lands.
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    const onA = await login("A", email, "wrong-password");
    expect(onA.status).toBe(429);
  });

  it("rejects on B, at once, an access token signed out on A", async () => {
    const session = ok(await login("B", HR, PASSWORD), "login");
    expect((await send("B", "/api/v1/users/me", { bearer: session.access_token })).status).toBe(200);
    ok(await send("A", "/api/v1/auth/logout", { method: "POST", bearer: session.access_token, json: {} }), "logout");
    expect((await send("B", "/api/v1/users/me", { bearer: session.access_token })).status).toBe(401);
  });

  it("applies once a LiveKit webhook delivered to each instance", async () => {
    const { sessionId } = await startedSession();
    const [room] = await sql<
      { livekit_room: string }[]
    >`SELECT livekit_room FROM interview_sessions WHERE id = ${sessionId}`;
    const event = new WebhookEvent({
      id: `EV_${randomUUID()}`,
      room: { name: room!.livekit_room },
      participant: { identity: `candidate-${sessionId}` },
      createdAt: BigInt(Math.floor(Date.now() / 1000)),
    });
    event.event = "participant_joined";
    const body = event.toJsonString();
    const token = new AccessToken(LIVEKIT_DEV_KEY, LIVEKIT_DEV_SECRET, { ttl: "5m" });
    token.sha256 = createHash("sha256").update(body).digest("base64");
    const authorization = await token.toJwt();
    const deliver = (instance: Instance) =>
      fetch(`${instance === "A" ? inject("instanceA") : inject("instanceB")}/api/livekit/webhook`, {
        method: "POST",
        headers: { authorization, "content-type": "application/webhook+json" },
        body,
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { status: string } }));
    const outcomes = await Promise.all([deliver("A"), deliver("B")]);
    expect(outcomes.map((o) => o.status)).toEqual([200, 200]);
    expect(outcomes.map((o) => o.body.status).sort()).toEqual(["applied", "duplicate"]);
    const [applied] = await sql<
      { count: string }[]
    >`SELECT count(*) FROM livekit_webhook_events WHERE id = ${event.id}`;
    expect(Number(applied!.count)).toBe(1);
  });

  it("runs each job once, on the worker, whichever instance enqueued it", async () => {
    const recipients = [
      `cand-a-${randomUUID().slice(0, 8)}@example.com`,
      `cand-b-${randomUUID().slice(0, 8)}@example.com`,
    ];
    // The first invite is minted on B (interviewWithInvite mints on the other instance), the second on A.
    await interviewWithInvite({ on: "A", email: recipients[0] });
    await interviewWithInvite({ on: "B", email: recipients[1] });
    const deadline = Date.now() + 60_000;
    const delivered = () => caughtMail(inject("mailDir")).filter((mail) => recipients.some((r) => mail.to.includes(r)));
    while (delivered().length < 2 && Date.now() < deadline) await sleep(250);
    await sleep(2_000); // a second delivery, if any, would land now
    const mails = delivered();
    expect(mails.map((mail) => mail.to[0]).sort()).toEqual([...recipients].sort());
    const rows = await sql<
      { id: string; status: string }[]
    >`SELECT id, status FROM email_outbox WHERE to_address IN ${sql(recipients)}`;
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent"]);
    // The instances only enqueue (WORKER_IN_PROCESS=false): each delivery is in the worker's log, once, and in neither
    // instance's.
    const logs = inject("clusterLogs");
    const sentLines = (file: string) =>
      fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line.includes('"email sent"'));
    for (const { id } of rows) {
      expect(sentLines(logs.worker).filter((line) => line.includes(id))).toHaveLength(1);
      for (const instance of logs.instances)
        expect(sentLines(instance).filter((line) => line.includes(id))).toHaveLength(0);
    }
  });
});
