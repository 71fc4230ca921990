import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { PATCH as completeRoute } from "@/app/api/candidates/interviews/complete-session/route";
import { startSession } from "@/lib/candidate-sessions/start";
import { setEnvForTests } from "@/lib/env";
import type { InterviewActor } from "@/lib/interviews/access";
import { call } from "@/test/http";
import { makeInterview, makeInvite } from "@/test/interview-fixtures";

// Shared by the recording tests: a temporary DATA_DIR per file, a started session, and requests with binary bodies
// (test/http.ts sends text and JSON only).

export function useTempDataDir() {
  const dir = { path: "" };
  beforeAll(() => {
    dir.path = fs.mkdtempSync(path.join(os.tmpdir(), "aii-recordings-"));
    setEnvForTests({ DATA_DIR: dir.path });
  });
  afterAll(() => {
    setEnvForTests(undefined);
    fs.rmSync(dir.path, { recursive: true, force: true });
  });
  return dir;
}

/** Every file under the folder, relative to it (empty when nothing was written). */
export function filesUnder(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

export async function startedSession(actor: InterviewActor) {
  const interview = await makeInterview(actor);
  const { value: invite } = await makeInvite(actor, interview.id);
  const session = await startSession({ invite, meta: { ip: "127.0.0.1", userAgent: "vitest" } });
  return { invite, sessionId: session.sessionId, resumeToken: session.resumeToken, interviewId: interview.id };
}

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export const WEBM_HEAD = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01]);
export const MP4_HEAD = Buffer.from([0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]);

type RouteHandler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export async function send(
  handler: RouteHandler,
  options: { method: string; path: string; params: Record<string, string>; body?: BodyInit; headers?: Record<string, string> },
) {
  const request = new Request(new URL(options.path, "http://localhost:3000"), {
    method: options.method,
    headers: options.headers,
    body: options.body,
    duplex: "half",
  } as RequestInit);
  const response = await handler(request, { params: Promise.resolve(options.params) });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

export const completeByInvite = (invite: string, resumeToken: string) =>
  call(completeRoute, "/api/candidates/interviews/complete-session", { method: "PATCH", body: { token: invite, resume_token: resumeToken } });
