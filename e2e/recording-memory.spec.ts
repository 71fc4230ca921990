import { type CDPSession, expect, test } from "@playwright/test";
import { CandidateLandingPage } from "./pages/candidate-landing-page";
import { CandidateRoomPage } from "./pages/candidate-room-page";
import { SIGNED_OUT } from "./support/accounts";
import { interviewWithInvite } from "./support/api";

// The room hashes a take as its chunks are produced (lib/candidate-room/take-hash.ts), so its memory must not grow
// with the answer's length: a 60 s answer against a 10 s one, in Chromium with the fake devices (~57 KB/s).
// Measured through CDP: the JS heap plus ArrayBuffer backing stores (where a whole take read into memory would sit),
// retained after a forced GC once each answer is verified, and sampled while it records and uploads. Beside it, the
// largest Blob the page ever reads into memory must stay a chunk, never a take.

const SHORT_S = 10;
const LONG_S = 60;
const SAMPLE_MS = 500; // heap sampling period while an answer records and uploads
const MIB = 1024 * 1024;

interface HeapUsage {
  usedSize: number;
  backingStorageSize?: number;
}

/** JS heap in use plus ArrayBuffer backing stores, in bytes. */
async function heapBytes(cdp: CDPSession): Promise<number> {
  const usage = (await cdp.send("Runtime.getHeapUsage")) as HeapUsage;
  return usage.usedSize + (usage.backingStorageSize ?? 0);
}

async function retainedBytes(cdp: CDPSession): Promise<number> {
  await cdp.send("HeapProfiler.collectGarbage");
  return heapBytes(cdp);
}

test.use({ storageState: SIGNED_OUT });

test("the room's memory does not grow with the answer's length (60 s against 10 s)", async ({ browser, request }) => {
  test.setTimeout(240_000);
  const title = `Memory ${Date.now()}`;
  const { link, interviewId, headers } = await interviewWithInvite(request, {
    title,
    practice_question: false,
    questions: [
      { text: "A short answer, please.", time_limit_seconds: 120, think_time_seconds: 120 },
      { text: "A long answer, please.", time_limit_seconds: 120, think_time_seconds: 120 },
    ],
  });
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  // Every Blob the page reads into memory, by size: hashing a chunk reads that chunk, hashing a whole take would read it.
  await context.addInitScript(() => {
    const read = Blob.prototype.arrayBuffer;
    const w = window as unknown as { __largestBlobRead: number };
    w.__largestBlobRead = 0;
    Blob.prototype.arrayBuffer = function (this: Blob) {
      w.__largestBlobRead = Math.max(w.__largestBlobRead, this.size);
      return read.call(this);
    };
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("HeapProfiler.enable");
  const room = new CandidateRoomPage(page);
  await new CandidateLandingPage(page).goto(link, title);
  await room.enterRoom({ practice: false, questions: 2 });

  const answer = async (n: number, seconds: number) => {
    await room.expectQuestion(n, 2);
    const before = await retainedBytes(cdp);
    let peak = before;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, await heapBytes(cdp));
        await page.waitForTimeout(SAMPLE_MS);
      }
    })();
    await room.startAnswering();
    await page.waitForTimeout(seconds * 1000);
    await room.finishAnswer();
    await room.expectAnswerSaved(n, 30_000);
    sampling = false;
    await sampler;
    return { before, peak, after: await retainedBytes(cdp) };
  };

  const short = await answer(1, SHORT_S);
  await room.main.getByRole("button", { name: "Next question" }).click();
  const long = await answer(2, LONG_S);
  const largestRead = await page.evaluate(() => (window as unknown as { __largestBlobRead: number }).__largestBlobRead);
  await context.close();

  const detail = (await (
    await request.get(`/api/interviewer/interviews/${interviewId}/sessions`, { headers })
  ).json()) as { id: string }[];
  const session = (await (await request.get(`/api/interviewer/sessions/${detail[0]!.id}`, { headers })).json()) as {
    answers: { recording: { status: string; size_bytes: number } | null }[];
  };
  const [shortBytes, longBytes] = session.answers.map((a) => a.recording!.size_bytes) as [number, number];
  const figures = {
    short: { recorded: shortBytes, ...short },
    long: { recorded: longBytes, ...long },
    largestBlobRead: largestRead,
  };
  test.info().annotations.push({ type: "memory", description: JSON.stringify(figures) });
  console.log(`[recording-memory] ${JSON.stringify(figures)}`);

  // Both takes were verified by the server against the digest computed while recording.
  expect(session.answers.map((a) => a.recording?.status)).toEqual(["ready", "ready"]);
  const extra = longBytes - shortBytes;
  expect(extra).toBeGreaterThan(1 * MIB); // the long answer really holds more bytes (fake devices: ~57 KB/s)
  // Memory that grew with the answer would grow by its bytes; half of the extra bytes is far above the noise.
  const bound = Math.max(MIB, extra / 2);
  expect(long.after - short.after).toBeLessThan(bound);
  expect(long.peak - long.before - (short.peak - short.before)).toBeLessThan(bound + 4 * MIB);
  // No read ever covers the take: a chunk at a time (a 2 s chunk is ~115 KB here).
  expect(largestRead).toBeGreaterThan(0);
  expect(largestRead).toBeLessThan(longBytes / 10);
});
