import path from "node:path";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as requestRoute } from "@/app/api/candidates/invites/erasure-request/route";
import { POST as completeRoute } from "@/app/api/interviewer/erasure-requests/[id]/complete/route";
import { GET as listRoute } from "@/app/api/interviewer/erasure-requests/route";
import { getDb } from "@/db";
import {
  answerEvaluations,
  auditLogs,
  candidateConsents,
  candidateTokens,
  emailOutbox,
  erasureRequests,
  evaluations,
  recordings,
  transcripts,
} from "@/db/schema";
import { recordConsent } from "@/lib/consent/record";
import { CONSENT_VERSION } from "@/lib/consent/text";
import { decideSession } from "@/lib/decisions/decide";
import { type Env, setEnvForTests } from "@/lib/env";
import { startSession } from "@/lib/candidate-sessions/start";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { filesUnder, useTempDataDir } from "@/test/kits/recordings";
import { recordAnswer, updateSession, webmOf } from "@/test/kits/review";
import { s3Installed, useS3Server } from "@/test/s3-server";
import { useTestDb } from "@/test/use-test-db";
import { ERASURE_INVITE_RULE } from "./throttle";

// A candidate's erasure request (GDPR art. 17) and HR carrying it out: the files go from storage (disk and S3), the
// derived rows and personal fields go from the database, and the audit trail stays, anonymised.

const fixture = useTestDb();
const dataDir = useTempDataDir();
const s3 = s3Installed ? useS3Server() : null;
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
const staffIp = fileClientIp();
const tokens = { hr: "", admin: "", lead: "", employee: "" };
beforeAll(async () => {
  tokens.hr = (await apiLogin("hr@nextgenai.com", staffIp)).access_token;
  tokens.admin = (await apiLogin("admin@nextgenai.com", staffIp)).access_token;
  tokens.lead = (await apiLogin("lead@nextgenai.com", staffIp)).access_token;
  tokens.employee = (await apiLogin("employee@nextgenai.com", staffIp)).access_token;
});

let n = 0;
/** A candidate who consented, recorded answers (one finished, one still in chunks), completed and was told "advance". */
async function completedCandidate() {
  n += 1;
  const person = {
    name: `Quillon Marchetti-${n}`,
    email: `quillon.marchetti.${n}.${Date.now()}@example.org`,
    ip: `198.51.100.${n}`,
    userAgent: `CandidateBrowser/${n}.0 (erasure test)`,
  };
  const meta = { ip: person.ip, userAgent: person.userAgent };
  const interview = await makeInterview(hr());
  const invite = await makeInvite(hr(), interview.id, {
    candidate_name: person.name,
    candidate_email: person.email,
    max_attempts: 2,
  });
  await recordConsent({ body: { token: invite.value, version: CONSENT_VERSION, accepted: true }, meta });
  const session = await startSession({ invite: invite.value, meta });
  await recordAnswer(session, 0, webmOf(2048));
  await recordAnswer(session, 1, webmOf(1024), { finalize: false });
  await updateSession(session.sessionId, { status: "completed", endedAt: new Date() });
  const db = await getDb();
  const [recording] = await db.select().from(recordings).where(eq(recordings.sessionId, session.sessionId));
  const [transcript] = await db
    .insert(transcripts)
    .values({
      companyId: hr().companyId,
      sessionId: session.sessionId,
      recordingId: recording!.id,
      questionIndex: 0,
      take: recording!.take,
      engine: "openai-compatible",
      model: "whisper-1",
      durationMs: 1000,
      text: `My name is ${person.name}.`,
      segments: [{ start: 0, end: 1, text: `My name is ${person.name}.` }],
      words: [],
    })
    .returning();
  const [evaluation] = await db
    .insert(evaluations)
    .values({
      companyId: hr().companyId,
      sessionId: session.sessionId,
      version: 1,
      promptVersion: "p",
      model: "m",
      status: "completed",
      summary: { strengths: [`"My name is ${person.name}."`] },
    })
    .returning();
  await db.insert(answerEvaluations).values({
    companyId: hr().companyId,
    evaluationId: evaluation!.id,
    questionIndex: 0,
    transcriptId: transcript!.id,
    criteria: [],
    promptVersion: "p",
    model: "m",
  });
  await decideSession({
    actor: hr(),
    sessionId: session.sessionId,
    decision: "advance",
    reason: null,
    notify_candidate: true,
    meta: { ip: staffIp, userAgent: "staff-browser" },
  });
  return { person, invite, session };
}

type Candidate = Awaited<ReturnType<typeof completedCandidate>>;

const askErasure = (c: Candidate, ip = c.person.ip) =>
  call(requestRoute, "/api/candidates/invites/erasure-request", {
    body: { token: c.invite.value },
    ip,
    headers: { "user-agent": c.person.userAgent },
  });

const complete = (id: string, token = tokens.hr) =>
  call(completeRoute, `/api/interviewer/erasure-requests/${id}/complete`, {
    method: "POST",
    token,
    ip: staffIp,
    params: { id },
  });

async function companyAudit() {
  const db = await getDb();
  return db.select().from(auditLogs).where(eq(auditLogs.companyId, hr().companyId));
}

describe("asking for erasure", () => {
  it("creates one pending request, answers it again while pending, and audits only the first", async () => {
    const c = await completedCandidate();
    const first = await askErasure(c);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ status: "pending", completed_at: null });
    const again = await askErasure(c);
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    const db = await getDb();
    expect(await db.select().from(erasureRequests).where(eq(erasureRequests.tokenId, c.invite.token.id))).toHaveLength(
      1,
    );
    const audits = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, "ERASURE_REQUESTED"), eq(auditLogs.resourceId, c.invite.token.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ userId: null, details: { erasure_request_id: first.json.id } });
  });

  it("is throttled per invite (429 with Retry-After) and refuses an unknown link with 404", async () => {
    const c = await completedCandidate();
    const ip = fileClientIp();
    for (let i = 0; i < ERASURE_INVITE_RULE.limit; i++) expect([200, 201]).toContain((await askErasure(c, ip)).status);
    const refused = await askErasure(c, ip);
    expect(refused.status).toBe(429);
    expect(refused.json.code).toBe("rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);

    const unknown = await call(requestRoute, "/api/candidates/invites/erasure-request", {
      body: { token: "x".repeat(43) },
      ip: fileClientIp(),
    });
    expect(unknown.status).toBe(404);
    const malformed = await call(requestRoute, "/api/candidates/invites/erasure-request", { body: {}, ip });
    expect(malformed.status).toBe(422);
  });
});

describe("who may see and carry out erasures", () => {
  it("refuses TEAM_LEAD and EMPLOYEE at the edge; HR lists the request, pending first", async () => {
    const c = await completedCandidate();
    const id = (await askErasure(c)).json.id as string;
    for (const token of [tokens.lead, tokens.employee]) {
      expect((await call(listRoute, "/api/interviewer/erasure-requests", { token, ip: staffIp })).status).toBe(403);
      expect((await complete(id, token)).status).toBe(403);
    }
    const listed = await call(listRoute, "/api/interviewer/erasure-requests", { token: tokens.hr, ip: staffIp });
    expect(listed.status).toBe(200);
    expect(Number(listed.headers.get("x-total-count"))).toBeGreaterThanOrEqual(1);
    const statuses = (listed.json as { status: string }[]).map((r) => r.status);
    expect(statuses).toEqual([...statuses].sort((a, b) => (a === b ? 0 : a === "pending" ? -1 : 1)));
    expect(listed.json).toContainEqual(
      expect.objectContaining({ id, status: "pending", candidate_email: c.person.email, summary: null }),
    );
    const unknown = await complete("00000000-0000-4000-8000-000000000000");
    expect(unknown.status).toBe(404);
  });
});

describe("an attempt in progress", () => {
  it("is not erased under the candidate's feet: 409 erasure_session_in_progress, and nothing changes", async () => {
    const interview = await makeInterview(hr());
    const invite = await makeInvite(hr(), interview.id, {
      candidate_name: "Runa Running",
      candidate_email: "runa@example.org",
    });
    const session = await startSession({ invite: invite.value, meta: { ip: "192.0.2.44", userAgent: "ua" } });
    await recordAnswer(session, 0, webmOf(1024));
    const id = (
      await call(requestRoute, "/api/candidates/invites/erasure-request", {
        body: { token: invite.value },
        ip: fileClientIp(),
      })
    ).json.id as string;
    const refused = await complete(id);
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe("erasure_session_in_progress");
    expect(await disk.keysOf(session.sessionId)).not.toEqual([]);
    const db = await getDb();
    const [row] = await db.select().from(candidateTokens).where(eq(candidateTokens.id, invite.token.id));
    expect(row).toMatchObject({ candidateName: "Runa Running", erasedAt: null });
  });
});

interface Backend {
  name: string;
  env(): Partial<Env>;
  /** Every stored key under a session. */
  keysOf(sessionId: string): Promise<string[]>;
}

const disk: Backend = {
  name: "the local disk",
  env: () => ({}),
  keysOf: async (sessionId) => filesUnder(path.join(dataDir.path, "recordings", hr().companyId, sessionId)),
};
const bucket: Backend[] = s3
  ? [
      {
        name: "S3 (versitygw)",
        env: () => s3.env(),
        async keysOf(sessionId) {
          const prefix = `${hr().companyId}/${sessionId}/`;
          const listed = await s3.client().send(new ListObjectsV2Command({ Bucket: s3.server.bucket, Prefix: prefix }));
          return (listed.Contents ?? []).map((o) => o.Key!);
        },
      },
    ]
  : [];

describe.each([disk, ...bucket])("carrying out an erasure on $name", (backend) => {
  beforeAll(() => setEnvForTests({ DATA_DIR: dataDir.path, ...backend.env() }));
  afterAll(() => setEnvForTests({ DATA_DIR: dataDir.path }));

  it("deletes the files, transcripts and evaluations, nulls the personal fields, redacts the outbox and anonymises the audit rows", async () => {
    const c = await completedCandidate();
    const other = await completedCandidate(); // another candidate of the company: untouched
    expect((await backend.keysOf(c.session.sessionId)).length).toBeGreaterThanOrEqual(2); // a recording and a chunk
    const id = (await askErasure(c)).json.id as string;
    const db = await getDb();
    const auditBefore = await companyAudit();
    expect(JSON.stringify(auditBefore)).toContain(c.person.email);

    const done = await complete(id, tokens.admin);
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ id, status: "completed" });
    expect(done.json.summary).toMatchObject({ sessions: 1, recordings: 2, transcripts: 1, evaluations: 1 });
    expect(done.json.summary.emails_redacted).toBeGreaterThanOrEqual(2); // the invite and the decision
    expect(done.json.summary.audit_rows_anonymised).toBeGreaterThan(0);

    // The files, on this backend.
    expect(await backend.keysOf(c.session.sessionId)).toEqual([]);
    expect((await backend.keysOf(other.session.sessionId)).length).toBeGreaterThan(0);
    // The derived rows.
    expect(await db.select().from(recordings).where(eq(recordings.sessionId, c.session.sessionId))).toEqual([]);
    expect(await db.select().from(transcripts).where(eq(transcripts.sessionId, c.session.sessionId))).toEqual([]);
    expect(await db.select().from(evaluations).where(eq(evaluations.sessionId, c.session.sessionId))).toEqual([]);
    expect(await db.select().from(transcripts).where(eq(transcripts.sessionId, other.session.sessionId))).toHaveLength(
      1,
    );
    // The invite's personal fields; it can never start again.
    const [invite] = await db.select().from(candidateTokens).where(eq(candidateTokens.id, c.invite.token.id));
    expect(invite).toMatchObject({ candidateName: null, candidateEmail: null, linkSealed: null });
    expect(invite!.erasedAt).toBeInstanceOf(Date);
    expect(invite!.revokedAt).toBeInstanceOf(Date);
    const [consent] = await db.select().from(candidateConsents).where(eq(candidateConsents.tokenId, c.invite.token.id));
    expect(consent).toMatchObject({ ipAddress: null, userAgent: null });
    // The outbox.
    const emails = await db.select().from(emailOutbox).where(eq(emailOutbox.tokenId, c.invite.token.id));
    expect(emails.length).toBeGreaterThanOrEqual(2);
    for (const email of emails) {
      expect(email).toMatchObject({ toAddress: "erased", subject: "[erased]", textBody: "[erased]", htmlBody: null });
    }
    expect(JSON.stringify(await db.select().from(emailOutbox))).not.toContain(c.person.email);
    // The audit trail: every row still there (plus ERASURE_COMPLETED), none holding the candidate's data.
    const auditAfter = await companyAudit();
    expect(auditAfter).toHaveLength(auditBefore.length + 1);
    const text = JSON.stringify(auditAfter);
    for (const personal of [c.person.email, c.person.name, c.person.ip, c.person.userAgent])
      expect(text).not.toContain(personal);
    expect(text).toContain(other.person.email); // only this candidate's
    const byId = new Map(auditAfter.map((row) => [row.id, row]));
    for (const row of auditBefore) {
      const after = byId.get(row.id)!;
      expect([after.action, after.resourceType, after.resourceId, after.userId, after.createdAt]).toEqual([
        row.action,
        row.resourceType,
        row.resourceId,
        row.userId,
        row.createdAt,
      ]);
    }
    const completedRow = auditAfter.find(
      (row) => row.action === "ERASURE_COMPLETED" && row.resourceId === c.invite.token.id,
    );
    expect(completedRow?.details).toEqual({ erasure_request_id: id, ...done.json.summary });

    // Carried out once: the second time is refused, and nothing changes.
    const second = await complete(id);
    expect(second.status).toBe(409);
    expect(second.json.code).toBe("erasure_not_pending");
    expect(await companyAudit()).toHaveLength(auditAfter.length);

    // Asking again after the erasure answers the completed request and writes nothing.
    const asked = await askErasure(c, fileClientIp());
    expect(asked.status).toBe(200);
    expect(asked.json).toMatchObject({ id, status: "completed" });
  });
});

/** Rejects with the trigger's refusal (drizzle wraps the database's error; the trigger's words are in its cause). */
async function refusedByTrigger(work: Promise<unknown>) {
  const error = (await work.then(
    () => null,
    (e: unknown) => e,
  )) as { message: string; cause?: { message?: string } } | null;
  expect(error).not.toBeNull();
  expect(`${error!.message} ${error!.cause?.message ?? ""}`).toMatch(/append-only/);
}

describe("the audit log stays append-only around erasures", () => {
  it("refuses DELETE, an UPDATE outside an erasure's transaction setting, and any other column inside it", async () => {
    const db = await getDb();
    const [row] = await companyAudit();
    await refusedByTrigger(db.execute(sql`DELETE FROM audit_logs WHERE id = ${row!.id}`));
    await refusedByTrigger(db.execute(sql`UPDATE audit_logs SET details = '{}'::jsonb WHERE id = ${row!.id}`));
    await refusedByTrigger(
      db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL aii.audit_erasure = 'on'`);
        await tx.execute(sql`UPDATE audit_logs SET action = 'CHANGED' WHERE id = ${row!.id}`);
      }),
    );
    const [still] = await db.select().from(auditLogs).where(eq(auditLogs.id, row!.id));
    expect(still).toEqual(row);
  });
});
