import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { CONSENT_VERSION } from "../../lib/consent/text";

// A candidate who completes an interview through the candidate API alone (consent, start, one chunk per answer,
// finalize, complete), with a real Chromium recording: for specs whose subject is what happens after completion (the
// board, scorecards, decisions), where driving the room in a browser for every candidate would only add minutes.

const FIXTURE = fs.readFileSync(
  path.join(import.meta.dirname, "..", "..", "lib", "recordings", "fixtures", "chromium-3s.webm"),
);
const FIXTURE_SHA256 = createHash("sha256").update(FIXTURE).digest("hex");
const FIXTURE_DURATION_MS = 3000;

async function ok(response: Awaited<ReturnType<APIRequestContext["post"]>>, step: string) {
  if (!response.ok()) throw new Error(`${step}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** The invite's value from its link (`/interview/<invite>`). */
export const inviteOf = (link: string) => decodeURIComponent(link.split("/").filter(Boolean).pop()!);

/** Completes the invite's interview with every answer recorded; returns the session id. */
export async function completeInterviewByApi(request: APIRequestContext, link: string): Promise<string> {
  const token = inviteOf(link);
  await ok(
    await request.post("/api/candidates/interviews/consent", {
      data: { token, version: CONSENT_VERSION, accepted: true },
    }),
    "consent",
  );
  const started = (await ok(
    await request.post("/api/candidates/interviews/start-session", { data: { token, mode: "new" } }),
    "start",
  )) as {
    session_id: string;
    resume_token: string;
    questions: { index: number }[];
  };
  const auth = { authorization: `Bearer ${started.resume_token}` };
  for (const question of started.questions) {
    const base = `/api/candidates/sessions/${started.session_id}/recordings/${question.index}`;
    const put = await request.put(`${base}/chunks/0?take=0`, {
      headers: { ...auth, "content-type": "application/octet-stream" },
      data: FIXTURE,
    });
    if (!put.ok()) throw new Error(`chunk: ${put.status()} ${await put.text()}`);
    await ok(
      await request.post(`${base}/finalize`, {
        headers: auth,
        data: {
          chunk_count: 1,
          sha256: FIXTURE_SHA256,
          size_bytes: FIXTURE.length,
          duration_ms: FIXTURE_DURATION_MS,
          mime_type: "video/webm;codecs=vp8,opus",
          take: 0,
        },
      }),
      "finalize",
    );
  }
  await ok(
    await request.patch("/api/candidates/interviews/complete-session", {
      data: { token, resume_token: started.resume_token },
    }),
    "complete",
  );
  return started.session_id;
}
