import { mkdir, writeFile } from "node:fs/promises";
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
  decisions,
  emailOutbox,
  erasureRequests,
  evaluations,
  extensionRequests,
  interviewSessions,
  recordings,
  scorecards,
  scorecardVersions,
  transcripts,
} from "@/db/schema";
import { rowsOf } from "@/db/rows";
import { runEvaluateJob } from "@/lib/ai-pipeline/evaluate-job";
import { runTranscribeJob } from "@/lib/ai-pipeline/transcribe-job";
import type { TranscriptionEngine } from "@/lib/transcription/engine";
import { AppError } from "@/lib/errors";
import { unsubscribeValue } from "@/lib/invites/link-seal";
import { unsubscribeFromReminders, unsubscribeTarget } from "@/lib/invites/unsubscribe";
import { SEND_EMAIL } from "@/lib/jobs/queues";
import { startJobs, stopJobs } from "@/lib/jobs/runtime";
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
import { recordingStorage } from "@/lib/recordings/recording-storage";
import type { RecordingStorage } from "@/lib/recordings/storage";
import { carryOutErasure } from "./carry-out";
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

describe("an attempt left in progress (abandoned)", () => {
  it("never blocks the erasure: the invite is revoked, the attempt ends as revoked, and its files go", async () => {
    setEnvForTests({ DATA_DIR: dataDir.path });
    const interview = await makeInterview(hr());
    const invite = await makeInvite(hr(), interview.id, {
      candidate_name: "Runa Running",
      candidate_email: "runa@example.org",
    });
    const session = await startSession({ invite: invite.value, meta: { ip: "192.0.2.44", userAgent: "ua" } });
    await recordAnswer(session, 0, webmOf(1024));
    expect(await disk.keysOf(session.sessionId)).not.toEqual([]);
    const asked = await call(requestRoute, "/api/candidates/invites/erasure-request", {
      body: { token: invite.value },
      ip: fileClientIp(),
    });
    expect(asked.status).toBe(201);

    // An upload in flight lands a file after the first deletion: the deletion after the commit removes it.
    const real = recordingStorage();
    let deletions = 0;
    const storage: RecordingStorage = Object.assign(Object.create(real) as RecordingStorage, {
      async deletePrefix(prefix: string) {
        await real.deletePrefix(prefix);
        deletions += 1;
        if (deletions === 1) {
          const late = path.join(dataDir.path, "recordings", hr().companyId, session.sessionId, "late-chunk.webm");
          await mkdir(path.dirname(late), { recursive: true });
          await writeFile(late, "late bytes");
        }
      },
    });
    const done = await carryOutErasure({ actor: hr(), requestId: asked.json.id as string, storage });
    expect(done.summary).toMatchObject({ sessions: 1 });
    expect(deletions).toBe(2); // before the transaction and after its commit
    expect(await disk.keysOf(session.sessionId)).toEqual([]);

    const db = await getDb();
    const [row] = await db.select().from(candidateTokens).where(eq(candidateTokens.id, invite.token.id));
    expect(row).toMatchObject({ candidateName: null, candidateEmail: null });
    expect(row!.erasedAt).toBeInstanceOf(Date);
    expect(row!.revokedAt).toBeInstanceOf(Date);
    const [ended] = await db.select().from(interviewSessions).where(eq(interviewSessions.id, session.sessionId));
    expect(ended).toMatchObject({ status: "revoked" });
    expect(ended!.endedAt).toBeInstanceOf(Date);
    const audits = await companyAudit();
    expect(audits.filter((a) => a.action === "SESSION_REVOKED" && a.resourceId === session.sessionId)).toEqual([
      expect.objectContaining({ userId: hr().userId }),
    ]);
    expect(audits.filter((a) => a.action === "INVITE_REVOKED" && a.resourceId === invite.token.id)).toHaveLength(1);
    expect(JSON.stringify(audits)).not.toContain("runa@example.org");
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
    expect(auditAfter).toHaveLength(auditBefore.length + 2); // INVITE_REVOKED (the erasure revokes it) and ERASURE_COMPLETED
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

describe("what else an erasure reaches, and what it leaves alone", () => {
  afterAll(() => stopJobs());

  it("keeps another invite of the same person, erases staff free text, delivery errors and job output, declines a pending extension", async () => {
    setEnvForTests({ DATA_DIR: dataDir.path });
    const db = await getDb();
    const c = await completedCandidate();
    // The same person, invited again to another interview: a separate, live invite.
    const again = await makeInvite(hr(), (await makeInterview(hr())).id, {
      candidate_name: c.person.name,
      candidate_email: c.person.email,
    });
    const [againEmail] = await db.select().from(emailOutbox).where(eq(emailOutbox.tokenId, again.token.id));
    expect(againEmail).toBeDefined();

    // Free text staff typed: a decision reason (audited with it), a reviewer's private note, a note on an extension.
    await decideSession({
      actor: hr(),
      sessionId: c.session.sessionId,
      decision: "hold",
      reason: "Relocating to Lisbon in May",
      notify_candidate: false,
      meta: { ip: staffIp, userAgent: "staff-browser" },
    });
    const reviewer = fixture.people["hr@nextgenai.com"]!;
    const [card] = await db
      .insert(scorecards)
      .values({
        companyId: hr().companyId,
        sessionId: c.session.sessionId,
        reviewerId: reviewer.id,
        status: "submitted",
        version: 1,
        recommendation: "yes",
        privateNote: "Mentioned her kids in Lisbon",
      })
      .returning();
    await db.insert(scorecardVersions).values({
      companyId: hr().companyId,
      scorecardId: card!.id,
      sessionId: c.session.sessionId,
      reviewerId: reviewer.id,
      version: 1,
      scores: [],
      recommendation: "yes",
      privateNote: "Mentioned her kids in Lisbon",
    });
    const [declined] = await db
      .insert(extensionRequests)
      .values({
        companyId: hr().companyId,
        tokenId: c.invite.token.id,
        reason: "Moving flat to Lisbon",
        status: "declined",
        decisionNote: "Not while she is in Lisbon",
        decidedAt: new Date(),
      })
      .returning();
    const [pending] = await db
      .insert(extensionRequests)
      .values({ companyId: hr().companyId, tokenId: c.invite.token.id, reason: "Still in Lisbon" })
      .returning();
    // An expiry rule naming the person's time zone.
    await db
      .update(candidateTokens)
      .set({ expiryRule: { kind: "end_of_day", date: "2026-12-04", time_zone: "Europe/Lisbon" } })
      .where(eq(candidateTokens.id, c.invite.token.id));
    // A delivery that failed: the SMTP error quotes the recipient, in the outbox and in the send-email job's output
    // (in the job table and, once archived, in the archive table). The other invite's job output stays.
    const [mine] = await db.select().from(emailOutbox).where(eq(emailOutbox.tokenId, c.invite.token.id)).limit(1);
    const smtpError = `550 5.1.1 <${c.person.email}>: Recipient address rejected`;
    await db.update(emailOutbox).set({ status: "failed", error: smtpError }).where(eq(emailOutbox.id, mine!.id));
    await startJobs({
      workers: false,
      handle: fixture.db,
      definitions: [SEND_EMAIL],
      registrations: [],
      catchUp: false,
    });
    const job = (emailId: string) =>
      db.execute(sql`INSERT INTO pgboss.job (name, data, output, state)
        VALUES ('send-email', ${JSON.stringify({ company_id: hr().companyId, email_id: emailId })}::jsonb,
                ${JSON.stringify({ value: { message: smtpError } })}::jsonb, 'failed') RETURNING id`);
    const [mineJob] = rowsOf<{ id: string }>(await job(mine!.id));
    const [otherJob] = rowsOf<{ id: string }>(await job(againEmail!.id));
    await db.execute(sql`INSERT INTO pgboss.archive SELECT j.*, now() FROM pgboss.job j WHERE j.id = ${mineJob!.id}`);

    const id = (await askErasure(c)).json.id as string;
    expect((await complete(id)).status).toBe(200);

    // The other invite: untouched, its email still addressed, its audit rows still naming the person.
    const [other] = await db.select().from(candidateTokens).where(eq(candidateTokens.id, again.token.id));
    expect(other).toMatchObject({ candidateEmail: c.person.email, candidateName: c.person.name, erasedAt: null });
    expect(other!.revokedAt).toBeNull();
    const [otherEmail] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, againEmail!.id));
    expect(otherEmail).toEqual(againEmail);
    const otherAudit = (await companyAudit()).filter((a) => a.resourceId === again.token.id);
    expect(otherAudit.length).toBeGreaterThan(0);
    expect(JSON.stringify(otherAudit)).toContain(c.person.email);

    // The erased invite's outbox rows: no delivery error; the job output cleared in both tables, the other's kept.
    for (const email of await db.select().from(emailOutbox).where(eq(emailOutbox.tokenId, c.invite.token.id)))
      expect(email.error).toBeNull();
    const outputOf = async (table: "job" | "archive", jobId: string) =>
      rowsOf<{ output: unknown }>(
        await db.execute(sql`SELECT output FROM ${sql.raw(`pgboss.${table}`)} WHERE id = ${jobId}::uuid`),
      )[0]!.output;
    expect(await outputOf("job", mineJob!.id)).toBeNull();
    expect(await outputOf("archive", mineJob!.id)).toBeNull();
    expect(JSON.stringify(await outputOf("job", otherJob!.id))).toContain(c.person.email);

    // Staff free text.
    const [erasedCard] = await db.select().from(scorecards).where(eq(scorecards.id, card!.id));
    expect(erasedCard!.privateNote).toBe("[erased]");
    const [version] = await db.select().from(scorecardVersions).where(eq(scorecardVersions.scorecardId, card!.id));
    expect(version).toMatchObject({ privateNote: "[erased]", recommendation: "yes", version: 1 });
    const decided = await db.select().from(decisions).where(eq(decisions.sessionId, c.session.sessionId));
    expect(decided.map((d) => [d.decision, d.reason]).sort()).toEqual([
      ["advance", null],
      ["hold", "[erased]"],
    ]);
    const extensions = await db
      .select()
      .from(extensionRequests)
      .where(eq(extensionRequests.tokenId, c.invite.token.id));
    expect(extensions.find((e) => e.id === declined!.id)).toMatchObject({
      status: "declined",
      reason: "[erased]",
      decisionNote: "[erased]",
    });
    const wasPending = extensions.find((e) => e.id === pending!.id)!;
    expect(wasPending).toMatchObject({ status: "declined", reason: "[erased]", decisionNote: "[erased]" });
    expect(wasPending.decidedAt).toBeInstanceOf(Date);
    const [token] = await db.select().from(candidateTokens).where(eq(candidateTokens.id, c.invite.token.id));
    expect(token!.expiryRule).toEqual({ kind: "at" });
    // Nothing about Lisbon anywhere in the trail (the decision's audit row carried its reason).
    expect(JSON.stringify(await companyAudit())).not.toContain("Lisbon");
  });

  it("stops the AI pipeline for an erased session: the evaluate job (and a re-run's queued version) is a no-op", async () => {
    const c = await completedCandidate();
    const id = (await askErasure(c)).json.id as string;
    expect((await complete(id)).status).toBe(200);
    const db = await getDb();
    // A re-run asked for just before the erasure left its version row queued.
    await db.insert(evaluations).values({
      companyId: hr().companyId,
      sessionId: c.session.sessionId,
      version: 2,
      promptVersion: "pending",
      model: "m",
    });
    const config = {
      baseUrl: "http://127.0.0.1:9/v1", // nothing listens: a call to the model would fail the test
      model: "m",
      timeoutMs: 1000,
      maxRetries: 0,
      priceInputPer1k: 0,
      priceOutputPer1k: 0,
    };
    for (const version of [1, 2]) {
      expect(
        await runEvaluateJob({ company_id: hr().companyId, session_id: c.session.sessionId, version }, { config }),
      ).toBe("erased");
    }
    expect(await db.select().from(evaluations).where(eq(evaluations.sessionId, c.session.sessionId))).toEqual([]);
  });

  it("stops the transcribe job of a recording whose invite was erased, before the engine is asked", async () => {
    const c = await completedCandidate();
    const db = await getDb();
    // The moment between the invite's erasure mark and a job picked up for a recording the erasure is removing.
    await db.update(candidateTokens).set({ erasedAt: new Date() }).where(eq(candidateTokens.id, c.invite.token.id));
    const [recording] = await db.select().from(recordings).where(eq(recordings.sessionId, c.session.sessionId));
    const engine = {
      kind: "openai-compatible",
      transcribe: () => {
        throw new Error("the engine must not be asked");
      },
    } as unknown as TranscriptionEngine;
    expect(await runTranscribeJob({ company_id: hr().companyId, recording_id: recording!.id }, { engine })).toBe(
      "erased",
    );
  });

  it("answers an erased invite's unsubscribe link 404 unsubscribe_link_invalid and writes no audit row", async () => {
    const c = await completedCandidate();
    const id = (await askErasure(c)).json.id as string;
    expect((await complete(id)).status).toBe(200);
    const before = await companyAudit();
    const value = unsubscribeValue(c.invite.token.id);
    expect(await unsubscribeTarget(value)).toBeNull();
    const refused = await unsubscribeFromReminders({
      value,
      meta: { ip: "203.0.113.77", userAgent: "MailClient/1.0" },
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ reason: "unsubscribe_link_invalid" });
    expect(await companyAudit()).toHaveLength(before.length);
    const [token] = await (
      await getDb()
    )
      .select()
      .from(candidateTokens)
      .where(eq(candidateTokens.id, c.invite.token.id));
    expect(token!.remindersUnsubscribedAt).toBeNull();
  });
});

describe("submitted scorecard versions and decisions stay append-only around erasures", () => {
  it("allows only setting the free text to [erased] inside an erasure's setting", async () => {
    const c = await completedCandidate();
    const db = await getDb();
    await decideSession({
      actor: hr(),
      sessionId: c.session.sessionId,
      decision: "reject",
      reason: "Typed by staff",
      notify_candidate: false,
      meta: { ip: staffIp, userAgent: "staff-browser" },
    });
    const [row] = await db
      .select()
      .from(decisions)
      .where(and(eq(decisions.sessionId, c.session.sessionId), eq(decisions.decision, "reject")));
    await refusedByTrigger(db.execute(sql`UPDATE decisions SET reason = '[erased]' WHERE id = ${row!.id}`));
    await refusedByTrigger(db.execute(sql`DELETE FROM decisions WHERE id = ${row!.id}`));
    for (const change of [sql`decision = 'advance'`, sql`reason = 'Something else'`, sql`reason = NULL`]) {
      await refusedByTrigger(
        db.transaction(async (tx) => {
          await tx.execute(sql`SET LOCAL aii.audit_erasure = 'on'`);
          await tx.execute(sql`UPDATE decisions SET ${change} WHERE id = ${row!.id}`);
        }),
      );
    }
    await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL aii.audit_erasure = 'on'`);
      await tx.execute(sql`UPDATE decisions SET reason = '[erased]' WHERE id = ${row!.id}`);
    });
    const [after] = await db.select().from(decisions).where(eq(decisions.id, row!.id));
    expect(after).toEqual({ ...row, reason: "[erased]" });
  });
});
