import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { POST as finalizeRoute } from "@/app/api/candidates/sessions/[id]/recordings/[answer]/finalize/route";
import { PUT as chunkRoute } from "@/app/api/candidates/sessions/[id]/recordings/[answer]/chunks/[seq]/route";
import { getDb } from "@/lib/db";
import { interviewSessions } from "@/db/schema";
import { send, sha256, WEBM_HEAD } from "@/test/kits/recordings";

// Shared by the review tests: recordings made through the candidate's real upload routes.

type Session = { sessionId: string; resumeToken: string };

export const webmOf = (bytes: number, fill = 7) =>
  Buffer.concat([WEBM_HEAD, Buffer.alloc(bytes - WEBM_HEAD.length, fill)]);

function putChunk(s: Session, questionIndex: number, seq: number, bytes: Buffer) {
  return send(chunkRoute, {
    method: "PUT",
    path: `/api/candidates/sessions/${s.sessionId}/recordings/${questionIndex}/chunks/${seq}`,
    params: { id: s.sessionId, answer: String(questionIndex), seq: String(seq) },
    body: new Uint8Array(bytes),
    headers: { authorization: `Bearer ${s.resumeToken}` },
  });
}

/** Uploads `file` as one chunk; with `finalize`, also verifies it so the recording is READY. */
export async function recordAnswer(
  s: Session,
  questionIndex: number,
  file: Buffer,
  { finalize = true, mimeType = "video/webm;codecs=vp8,opus", durationMs = 4200 } = {},
) {
  expect((await putChunk(s, questionIndex, 0, file)).status).toBe(201);
  if (!finalize) return;
  const done = await send(finalizeRoute, {
    method: "POST",
    path: `/api/candidates/sessions/${s.sessionId}/recordings/${questionIndex}/finalize`,
    params: { id: s.sessionId, answer: String(questionIndex) },
    body: JSON.stringify({
      chunk_count: 1,
      sha256: sha256(file),
      size_bytes: file.length,
      duration_ms: durationMs,
      mime_type: mimeType,
    }),
    headers: { authorization: `Bearer ${s.resumeToken}`, "content-type": "application/json" },
  });
  expect(done.status).toBe(200);
}

export async function sessionRow(sessionId: string) {
  const db = await getDb();
  const [row] = await db.select().from(interviewSessions).where(eq(interviewSessions.id, sessionId));
  return row!;
}

export async function updateSession(sessionId: string, values: Partial<typeof interviewSessions.$inferInsert>) {
  const db = await getDb();
  await db.update(interviewSessions).set(values).where(eq(interviewSessions.id, sessionId));
}
