import os from "node:os";
import { num } from "../load";
import { makeUploadFixture, removeUploadFixture } from "./fixture";
import { pidListeningOn, processName, rssKiB, sampleRss } from "./rss";
import { makePayload, uploadAnswer, type AnswerRun } from "./uploader";

// PUT .../recordings/{answer}/chunks/{seq} and POST .../finalize: many candidates uploading at once, and whether the
// server's memory stays flat while a gigabyte streams through it to disk (it must stream, never hold an upload).
const UPLOADERS = num("BENCH_UPLOADERS", 50);
const CHUNKS = num("BENCH_UPLOAD_CHUNKS", 20); // per answer, sent one after another
// Bytes per chunk: 1 MiB (20 MiB per answer, 1000 MiB in all) by default; BENCH_UPLOAD_CHUNK_KIB=100 sends what a
// browser sends (a chunk every 2 s of about 100 KB), for requests per second rather than bytes (docs/capacity.md).
const CHUNK_BYTES = num("BENCH_UPLOAD_CHUNK_KIB", 1024) * 1024;
const RSS_INTERVAL_MS = 100; // between VmRSS samples
const SETTLE_MS = 1_000; // idle time before the baseline and before the after-run reading
// Growth below this share of the bytes uploaded counts as flat: buffering even a tenth of the uploads would show.
/**
 * "Flat" means RSS does not grow with the bytes: from the first half of the run to the second, the peak may rise by
 * at most this share of the bytes uploaded in the second half. (The total growth is bounded by the requests in flight,
 * about 50 x 1 MiB bodies plus stream buffers, whatever the total size.)
 */
export const FLAT_RATIO = 0.1;
const LISTED_FAILURES = 10;

export interface Latency {
  count: number;
  p50Ms: number;
  p99Ms: number;
}

export interface UploadReport {
  skipped?: string;
  database?: string;
  loadAverage?: { start: number; end: number };
  uploaders?: number;
  chunksPerAnswer?: number;
  chunkBytes?: number;
  /** Bytes the server acknowledged; from the first chunk to the last finalize answer. */
  bytes?: number;
  wallS?: number;
  chunk?: Latency;
  finalize?: Latency;
  finalized?: number;
  non2xx?: number;
  errors?: number;
  server?: {
    pid: number;
    name: string;
    baselineKiB: number;
    /** The higher of the sampled peak and the kernel's high-water mark. */
    peakKiB: number;
    sampledPeakKiB: number;
    kernelPeakKiB?: number;
    halvesKiB: [number, number];
    afterKiB?: number;
    samples: number;
    maxGapMs: number;
  };
  /** Peak RSS growth over the baseline divided by the bytes uploaded. */
  growthRatio?: number;
  /** RSS rise from the first half's peak to the second's, per byte uploaded in the second half. */
  secondHalfSlope?: number;
  /** Anything that makes the figures untrustworthy; printed loudly and fails the run. */
  problems: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Nearest-rank percentiles; zeros when nothing was measured. */
export function latency(values: number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0;
  return { count: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99) };
}

/**
 * Runs against a server started for this scenario alone (its DATA_DIR is temporary), so the baseline is a quiet
 * server's. `foreignDatabaseUrl` is set when the database is not the bench's own: the bench's rows are removed after.
 */
export async function benchUpload(opts: {
  baseUrl: string;
  port: number;
  staffToken: string;
  stamp: string;
  databaseLabel: string;
  foreignDatabaseUrl?: string;
}): Promise<UploadReport> {
  const loadAtStart = os.loadavg()[0]!;
  console.log(`[bench] upload: preparing ${UPLOADERS + 1} sessions through the API (one for the warm-up)`);
  const fixture = await makeUploadFixture({
    baseUrl: opts.baseUrl,
    staffToken: opts.staffToken,
    stamp: opts.stamp,
    count: UPLOADERS + 1,
  });
  try {
    const payload = makePayload(CHUNK_BYTES);
    const [warmSession, ...sessions] = fixture.sessions;
    // Loads both routes' code and warms the JIT, so the baseline already includes them.
    const warm = await uploadAnswer({ baseUrl: opts.baseUrl, session: warmSession!, payload, chunks: 1, answer: 0 });
    if (warm.failure) throw new Error(`the upload warm-up failed: ${warm.failure}`);
    await sleep(SETTLE_MS);

    const pid = pidListeningOn(opts.port);
    const baselineKiB = rssKiB(pid);
    if (baselineKiB === undefined) throw new Error(`cannot read the RSS of the server (pid ${pid})`);
    const name = processName(pid);
    console.log(
      `[bench] upload: ${UPLOADERS} uploaders x ${CHUNKS} chunks of ${CHUNK_BYTES} bytes; server pid ${pid} (${name})`,
    );
    const sampler = sampleRss(pid, RSS_INTERVAL_MS);
    const started = performance.now();
    const runs = await Promise.all(
      sessions.map((session) => uploadAnswer({ baseUrl: opts.baseUrl, session, payload, chunks: CHUNKS, answer: 0 })),
    );
    const wallS = (performance.now() - started) / 1000;
    const rss = sampler.stop();
    await sleep(SETTLE_MS);
    const afterKiB = rssKiB(pid);

    const problems = failures(runs);
    if (rss.lost || afterKiB === undefined) problems.push(`the server process ${pid} went away during the run`);
    const bytes = runs.reduce((sum, r) => sum + r.bytes, 0);
    const peakKiB = Math.max(rss.peakKiB, rss.kernelPeakKiB ?? 0);
    return {
      database: opts.databaseLabel,
      loadAverage: { start: loadAtStart, end: os.loadavg()[0]! },
      uploaders: UPLOADERS,
      chunksPerAnswer: CHUNKS,
      chunkBytes: CHUNK_BYTES,
      bytes,
      wallS,
      chunk: latency(runs.flatMap((r) => r.chunkMs)),
      finalize: latency(runs.flatMap((r) => (r.finalizeMs === undefined ? [] : [r.finalizeMs]))),
      finalized: runs.filter((r) => r.finalizeMs !== undefined).length,
      non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
      errors: runs.reduce((sum, r) => sum + r.errors, 0),
      server: {
        pid,
        name,
        baselineKiB,
        peakKiB,
        sampledPeakKiB: rss.peakKiB,
        kernelPeakKiB: rss.kernelPeakKiB,
        halvesKiB: rss.halves,
        afterKiB,
        samples: rss.samples,
        maxGapMs: rss.maxGapMs,
      },
      growthRatio: bytes > 0 ? ((peakKiB - baselineKiB) * 1024) / bytes : undefined,
      secondHalfSlope: bytes > 0 ? (Math.max(0, rss.halves[1] - rss.halves[0]) * 1024) / (bytes / 2) : undefined,
      problems,
    };
  } finally {
    if (opts.foreignDatabaseUrl) await removeUploadFixture(opts.foreignDatabaseUrl, fixture.interviewId);
  }
}

function failures(runs: AnswerRun[]): string[] {
  const failed = runs
    .map((r, i) => (r.failure ? `uploader ${i}: ${r.failure}` : undefined))
    .filter((line) => line !== undefined);
  if (failed.length <= LISTED_FAILURES) return failed;
  return [...failed.slice(0, LISTED_FAILURES), `... and ${failed.length - LISTED_FAILURES} more uploaders failed`];
}
