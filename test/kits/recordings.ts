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

/** A started session of a fresh interview (3 questions of 60, 120 and 60 s unless `interview` says otherwise). */
export async function startedSession(actor: InterviewActor, interview: Parameters<typeof makeInterview>[1] = {}) {
  const made = await makeInterview(actor, interview);
  const { value: invite } = await makeInvite(actor, made.id);
  const session = await startSession({ invite, meta: { ip: "127.0.0.1", userAgent: "vitest" } });
  return { invite, sessionId: session.sessionId, resumeToken: session.resumeToken, interviewId: made.id };
}

/**
 * Real recordings (lib/recordings/fixtures): Chromium's MediaRecorder with the fake camera (VP8 + Opus, 64x48, low
 * bitrate so they stay small; their block timestamps end at 2.940 s and 24.900 s), and the 3 s one remuxed by ffmpeg.
 */
export const fixtureFile = (name: "chromium-3s.webm" | "chromium-25s.webm" | "ffmpeg-remux-3s.webm") =>
  fs.readFileSync(path.join(import.meta.dirname, "../../lib/recordings/fixtures", name));

/** `file` cut into pieces of `size` bytes, as a recorder's timeslices would cut it. */
export function piecesOf(file: Buffer, size: number): Buffer[] {
  const pieces: Buffer[] = [];
  for (let at = 0; at < file.length; at += size) pieces.push(file.subarray(at, at + size));
  return pieces;
}

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export const WEBM_HEAD = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01]);
export const MP4_HEAD = Buffer.from([0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]);

type RouteHandler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export async function send(
  handler: RouteHandler,
  options: {
    method: string;
    path: string;
    params: Record<string, string>;
    body?: BodyInit;
    headers?: Record<string, string>;
  },
) {
  const request = new Request(new URL(options.path, "http://localhost:3000"), {
    method: options.method,
    headers: options.headers,
    body: options.body,
    duplex: "half",
  } as RequestInit);
  const response = await handler(request, { params: Promise.resolve(options.params) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

export const completeByInvite = (invite: string, resumeToken: string) =>
  call(completeRoute, "/api/candidates/interviews/complete-session", {
    method: "PATCH",
    body: { token: invite, resume_token: resumeToken },
  });
