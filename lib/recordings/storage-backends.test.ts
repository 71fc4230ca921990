import path from "node:path";
import { Readable } from "node:stream";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as finalizeRoute } from "@/app/api/candidates/sessions/[id]/recordings/[answer]/finalize/route";
import { PUT as chunkRoute } from "@/app/api/candidates/sessions/[id]/recordings/[answer]/chunks/[seq]/route";
import {
  GET as playRoute,
  HEAD as headRoute,
} from "@/app/api/interviewer/sessions/[sessionId]/recordings/[answer]/route";
import { getDb } from "@/db";
import { interviewSessions, recordings, transcripts } from "@/db/schema";
import { runTranscribeJob } from "@/lib/ai-pipeline/transcribe-job";
import { type Env, setEnvForTests } from "@/lib/env";
import type { ProviderEngine } from "@/lib/transcription/engine";
import { apiLogin } from "@/test/fixtures";
import { fileClientIp } from "@/test/http";
import { actorFrom } from "@/test/interview-fixtures";
import { s3Installed, useS3Server } from "@/test/s3-server";
import { useTestDb } from "@/test/use-test-db";
import { companyStorage, forgetStorageUsage } from "./quota";
import { recordingStorage } from "./recording-storage";
import { purgeExpiredRecordings, sweepStagedFiles } from "./retention";
import {
  filesUnder,
  fixtureFile,
  piecesOf,
  send,
  sha256,
  startedSession,
  useTempDataDir,
} from "@/test/kits/recordings";

// The same candidate and reviewer journeys on each backend, through the real routes and jobs, with only the settings
// switched: chunks, finalize and ranged playback (the same statuses and headers), retention, the storage quota and
// transcription. On S3 nothing may land on the instance's disk.

const fixture = useTestDb();
const dataDir = useTempDataDir();
const s3 = s3Installed ? useS3Server() : null;
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
const ip = fileClientIp();
let token = "";
beforeAll(async () => {
  token = (await apiLogin("hr@nextgenai.com", ip)).access_token;
});

interface Backend {
  name: string;
  env(): Partial<Env>;
  /** Every stored key under a session, relative to it. */
  keysOf(sessionId: string): Promise<string[]>;
}

const disk: Backend = {
  name: "the local disk",
  env: () => ({}),
  keysOf: async (sessionId) => filesUnder(path.join(dataDir.path, "recordings", hr().companyId, sessionId)).sort(),
};
const bucket: Backend[] = s3
  ? [
      {
        name: "S3 (versitygw)",
        env: () => s3.env(),
        async keysOf(sessionId) {
          const prefix = `${hr().companyId}/${sessionId}/`;
          const listed = await s3.client().send(new ListObjectsV2Command({ Bucket: s3.server.bucket, Prefix: prefix }));
          return (listed.Contents ?? []).map((o) => o.Key!.slice(prefix.length)).sort();
        },
      },
    ]
  : [];

type Session = Awaited<ReturnType<typeof startedSession>>;
const putChunk = (s: Session, seq: number, bytes: Buffer) =>
  send(chunkRoute, {
    method: "PUT",
    path: `/api/candidates/sessions/${s.sessionId}/recordings/0/chunks/${seq}`,
    params: { id: s.sessionId, answer: "0", seq: String(seq) },
    body: new Uint8Array(bytes),
    headers: { authorization: `Bearer ${s.resumeToken}` },
  });
const finalize = (s: Session, file: Buffer, chunkCount: number) =>
  send(finalizeRoute, {
    method: "POST",
    path: `/api/candidates/sessions/${s.sessionId}/recordings/0/finalize`,
    params: { id: s.sessionId, answer: "0" },
    body: JSON.stringify({
      chunk_count: chunkCount,
      sha256: sha256(file),
      size_bytes: file.length,
      duration_ms: 2940,
      mime_type: "video/webm;codecs=vp8,opus",
    }),
    headers: { authorization: `Bearer ${s.resumeToken}`, "content-type": "application/json" },
  });
async function play(s: Session, options: { method?: "GET" | "HEAD"; range?: string } = {}) {
  const headers = new Headers({ authorization: `Bearer ${token}` });
  if (options.range) headers.set("range", options.range);
  const request = new Request(`http://localhost:3000/api/interviewer/sessions/${s.sessionId}/recordings/0`, {
    method: options.method ?? "GET",
    headers,
  });
  const response = await (options.method === "HEAD" ? headRoute : playRoute)(request, {
    params: Promise.resolve({ sessionId: s.sessionId, answer: "0" }),
  });
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

async function recorded(file: Buffer): Promise<Session> {
  const s = await startedSession(hr());
  const pieces = piecesOf(file, 4096);
  for (const [seq, piece] of pieces.entries()) expect((await putChunk(s, seq, piece)).status).toBe(201);
  expect((await finalize(s, file, pieces.length)).status).toBe(200);
  return s;
}

describe.each([disk, ...bucket])("recordings on $name", (backend) => {
  const settings = () => ({ DATA_DIR: dataDir.path, ...backend.env() });
  beforeAll(() => setEnvForTests(settings()));
  afterAll(() => setEnvForTests({ DATA_DIR: dataDir.path }));
  const file = fixtureFile("chromium-3s.webm");

  it("assembles uploaded chunks into the recording, drops the chunks, and plays it back whole, ranged and HEAD", async () => {
    const s = await recorded(file);
    expect(await backend.keysOf(s.sessionId)).toEqual(["0/recording"]);
    const safe = {
      "content-type": "video/webm",
      "content-disposition": 'inline; filename="answer-1.webm"',
      "cache-control": "private, max-age=0, must-revalidate",
      "x-content-type-options": "nosniff",
      "accept-ranges": "bytes",
      etag: `"${sha256(file)}"`,
    };

    const whole = await play(s);
    expect(whole).toMatchObject({ status: 200, headers: { ...safe, "content-length": String(file.length) } });
    expect(whole.body.equals(file)).toBe(true);
    const part = await play(s, { range: "bytes=4090-4101" });
    expect(part).toMatchObject({
      status: 206,
      headers: { ...safe, "content-range": `bytes 4090-4101/${file.length}`, "content-length": "12" },
    });
    expect(part.body.equals(file.subarray(4090, 4102))).toBe(true);
    const tail = await play(s, { range: "bytes=-5" });
    expect([tail.status, tail.body.equals(file.subarray(-5))]).toEqual([206, true]);
    const past = await play(s, { range: `bytes=${file.length}-` });
    expect(past).toMatchObject({ status: 416, headers: { "content-range": `bytes */${file.length}` } });
    const head = await play(s, { method: "HEAD" });
    expect(head).toMatchObject({ status: 200, headers: { ...safe, "content-length": String(file.length) } });
    expect(head.body.length).toBe(0);
    // What an instance keeps on its own disk: everything on the disk backend, nothing on S3.
    const local = filesUnder(path.join(dataDir.path, "recordings")).filter((f) => f.includes(s.sessionId));
    expect(local.length).toBe(backend === disk ? 1 : 0);
  });

  it("transcribes a recording read back from the backend", async () => {
    const s = await recorded(file);
    const db = await getDb();
    const [recording] = await db.select().from(recordings).where(eq(recordings.sessionId, s.sessionId));
    const heard: number[] = [];
    const engine: ProviderEngine = {
      kind: "openai-compatible",
      model: "test-model",
      maxUploadBytes: 24_000_000,
      transcribe: async ({ wav }) => (heard.push(wav.length), { segments: [{ start: 0, end: 1, text: "Heard it." }] }),
    };
    expect(await runTranscribeJob({ company_id: hr().companyId, recording_id: recording!.id }, { engine })).toBe(
      "transcribed",
    );
    expect(heard).toHaveLength(1);
    expect(heard[0]).toBeGreaterThan(44 + 16_000); // more than a WAV header: real decoded audio
    const [transcript] = await db.select().from(transcripts).where(eq(transcripts.recordingId, recording!.id));
    expect(transcript?.text).toBe("Heard it.");
  });

  it("retention deletes a purged session's bytes and rows, and sweeps staged leftovers", async () => {
    const old = await recorded(file);
    const kept = await recorded(file);
    const db = await getDb();
    await db
      .update(interviewSessions)
      .set({
        status: "completed",
        startedAt: sql`now() - interval '13 months'`,
        endedAt: sql`now() - interval '12 months 1 day'`,
      })
      .where(eq(interviewSessions.id, old.sessionId));
    expect(await purgeExpiredRecordings()).toEqual({ sessions: 1, recordings: 1 });
    expect(await backend.keysOf(old.sessionId)).toEqual([]);
    expect(await backend.keysOf(kept.sessionId)).toEqual(["0/recording"]);
    expect((await play(old)).status).toBe(404);

    await recordingStorage().stage(Readable.from([Buffer.from("crashed")]), { maxBytes: 100 });
    expect(await sweepStagedFiles({ now: new Date(Date.now() - 1000) })).toBe(0);
    expect(await sweepStagedFiles({ now: new Date(Date.now() + 2 * 60 * 60 * 1000) })).toBe(1);
  });

  it("the company's storage quota refuses with 507 past it, writing nothing, and a retried chunk still answers 200", async () => {
    const s = await startedSession(hr());
    forgetStorageUsage();
    // Room for one 100-byte chunk more than the company holds now (the same figure on every backend: from the rows).
    setEnvForTests({
      ...settings(),
      STORAGE_QUOTA_BYTES_PER_COMPANY: (await companyStorage(await getDb(), hr().companyId)).usedBytes + 150,
    });
    try {
      expect((await putChunk(s, 0, Buffer.alloc(100, 1))).status).toBe(201);
      expect(await putChunk(s, 1, Buffer.alloc(100, 2))).toMatchObject({
        status: 507,
        json: { code: "storage_quota_exceeded" },
      });
      expect((await putChunk(s, 0, Buffer.alloc(100, 1))).status).toBe(200);
      expect(await backend.keysOf(s.sessionId)).toEqual(["0/chunks/0"]);
    } finally {
      setEnvForTests(settings());
      forgetStorageUsage();
    }
  });
});
