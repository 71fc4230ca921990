import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type ApiResult, NetworkError } from "./api";
import { memoryChunkStore } from "./chunk-store";
import { pickRecordingMime } from "./mime";
import { retryDelayMs } from "./backoff";
import { Uploader, type UploaderOptions, type UploaderSnapshot } from "./uploader";

const SESSION = "00000000-0000-4000-8000-000000000001";

/** A fake server: stores chunks per (answer, take, seq), fails while `down`, verifies finalize like the real one. */
function fakeServer() {
  const chunks = new Map<string, string>();
  const state = {
    down: false,
    puts: 0,
    finalized: [] as { questionIndex: number; sha256: string; size: number }[],
    replacedTake: -1,
  };
  const api = {
    async putChunk(_s: string, questionIndex: number, take: number, seq: number, blob: Blob): Promise<ApiResult> {
      state.puts += 1;
      if (state.down) throw new NetworkError(new Error("offline"));
      if (take <= state.replacedTake)
        return {
          status: 409,
          body: { detail: `Take ${take} of this answer was replaced by take ${take + 1}`, code: "take_replaced" },
        };
      chunks.set(`${questionIndex}/${take}/${seq}`, await blob.text());
      return { status: 201, body: {} };
    },
    async finalize(
      _s: string,
      questionIndex: number,
      _t: string,
      body: { chunk_count: number; sha256: string; size_bytes: number; take: number },
    ): Promise<ApiResult> {
      if (state.down) throw new NetworkError(new Error("offline"));
      const parts = Array.from({ length: body.chunk_count }, (_, seq) =>
        chunks.get(`${questionIndex}/${body.take}/${seq}`),
      );
      if (parts.some((p) => p === undefined))
        return { status: 409, body: { detail: "Missing chunks: 0", code: "missing_chunks" } };
      const digest = createHash("sha256").update(parts.join("")).digest("hex");
      if (digest !== body.sha256)
        return { status: 422, body: { detail: [{ msg: "The SHA-256 of the uploaded bytes does not match" }] } };
      state.finalized.push({ questionIndex, sha256: digest, size: body.size_bytes });
      return { status: 200, body: {} };
    },
  };
  return { api, state, chunks };
}

function harness(server = fakeServer(), options: Partial<UploaderOptions> = {}) {
  const store = memoryChunkStore();
  const snapshots: UploaderSnapshot[] = [];
  const uploader = new Uploader({
    store,
    api: server.api as never,
    sessionId: SESSION,
    token: () => "t",
    onChange: (s) => snapshots.push(s),
    delay: () => 5,
    ...options,
  });
  const settled = async (predicate: () => boolean) => {
    for (let i = 0; i < 400 && !predicate(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(predicate()).toBe(true);
  };
  return { store, uploader, server, snapshots, settled, last: () => snapshots.at(-1) };
}

async function record(
  store: ReturnType<typeof memoryChunkStore>,
  questionIndex: number,
  parts: string[],
  take = 0,
  digest?: { sha256: string; sizeBytes: number },
) {
  await store.putTake({
    sessionId: SESSION,
    questionIndex,
    take,
    mimeType: "video/webm",
    startedAt: 0,
    finished: false,
    finalized: false,
  });
  for (const [seq, text] of parts.entries())
    await store.putChunk({ sessionId: SESSION, questionIndex, take, seq, blob: new Blob([text]), uploaded: false });
  await store.putTake({
    sessionId: SESSION,
    questionIndex,
    take,
    mimeType: "video/webm",
    startedAt: 0,
    finished: true,
    chunkCount: parts.length,
    durationMs: 1234,
    digest,
    finalized: false,
  });
}

describe("chunk uploader", () => {
  it("uploads every chunk in order, finalizes with the SHA-256 of the whole take and frees the browser's copy", async () => {
    const h = harness();
    await record(h.store, 0, ["aa", "bb", "cc"]);
    h.uploader.kick();
    await h.settled(() => h.last()?.answers.get(0)?.status === "ready");
    expect(h.server.state.finalized).toEqual([
      { questionIndex: 0, sha256: createHash("sha256").update("aabbcc").digest("hex"), size: 6 },
    ]);
    expect(await h.store.chunksOf(SESSION, 0, 0)).toEqual([]);
    expect(h.last()?.answers.get(0)).toMatchObject({ status: "ready", sizeBytes: 6, durationMs: 1234 });
  });

  it("finalizes with the digest computed while recording, never reading the chunks again for it", async () => {
    const readAgain: Blob[][] = [];
    const h = harness(fakeServer(), {
      digestOf: async (chunks) => (readAgain.push(chunks), { sha256: "", sizeBytes: 0 }),
    });
    const sha256 = createHash("sha256").update("aabbcc").digest("hex");
    await record(h.store, 0, ["aa", "bb", "cc"], 0, { sha256, sizeBytes: 6 });
    h.uploader.kick();
    await h.settled(() => h.last()?.answers.get(0)?.status === "ready");
    expect(h.server.state.finalized).toEqual([{ questionIndex: 0, sha256, size: 6 }]);
    expect(readAgain).toEqual([]);
  });

  it("hashes the stored chunks when the recorded digest does not cover them (a stale or missing digest)", async () => {
    const h = harness();
    await record(h.store, 0, ["aa", "bb", "cc"], 0, { sha256: "f".repeat(64), sizeBytes: 4 });
    h.uploader.kick();
    await h.settled(() => h.last()?.answers.get(0)?.status === "ready");
    expect(h.server.state.finalized).toEqual([
      { questionIndex: 0, sha256: createHash("sha256").update("aabbcc").digest("hex"), size: 6 },
    ]);
  });

  it("keeps retrying while offline and completes the take once the network is back", async () => {
    const h = harness();
    h.server.state.down = true;
    await record(h.store, 1, ["x1", "x2"]);
    h.uploader.kick();
    await h.settled(() => h.server.state.puts >= 3 && h.last()?.offline === true);
    expect(h.last()?.answers.get(1)?.status).toBe("uploading");
    expect((await h.store.chunksOf(SESSION, 1, 0)).length).toBe(2); // nothing dropped while offline
    h.server.state.down = false;
    h.uploader.kick();
    await h.settled(() => h.last()?.answers.get(1)?.status === "ready");
    expect(h.last()?.offline).toBe(false);
  });

  it("drops a take the server says was replaced, and marks a refused take failed with the reason", async () => {
    const h = harness();
    h.server.state.replacedTake = 0;
    await record(h.store, 0, ["old"]);
    h.uploader.kick();
    await h.settled(() => h.snapshots.length > 0 && !h.last()?.answers.has(0));
    expect(await h.store.takesOf(SESSION)).toEqual([]);

    const sha = harness();
    await record(sha.store, 2, ["a"]);
    const realFinalize = sha.server.api.finalize;
    sha.server.api.finalize = (s, a, t, body) => realFinalize(s, a, t, { ...body, sha256: "0".repeat(64) });
    sha.uploader.kick();
    await sha.settled(() => sha.last()?.answers.get(2)?.status === "failed");
    expect(sha.last()?.answers.get(2)?.error).toMatch(/SHA-256/);
  });

  it("sends chunks again when finalize reports one missing", async () => {
    const h = harness();
    await record(h.store, 0, ["p", "q"]);
    h.uploader.kick();
    await h.settled(() => h.last()?.answers.get(0)?.status === "ready");
    // A second take whose chunk 1 the browser thinks was delivered, but the server never stored.
    await record(h.store, 3, ["r", "s"]);
    await h.store.markUploaded({ sessionId: SESSION, questionIndex: 3, take: 0, seq: 1 });
    h.uploader.kick();
    await h.settled(() => h.last()?.answers.get(3)?.status === "ready");
    expect(h.server.chunks.get("3/0/1")).toBe("s");
  });
});

describe("a withdrawn interview", () => {
  it("stops sending at once on 409 session_revoked, reports it, and does not call the take failed", async () => {
    const h = harness();
    await record(h.store, 0, ["aa", "bb", "cc"]);
    const realPut = h.server.api.putChunk;
    let puts = 0;
    h.server.api.putChunk = async (...args) => {
      puts += 1;
      if (puts === 1) return realPut(...args);
      return { status: 409, body: { detail: "This interview was withdrawn by the company.", code: "session_revoked" } };
    };
    h.uploader.kick();
    await h.settled(() => h.last()?.withdrawn === true);
    expect(h.last()?.sessionLost).toMatch(/withdrawn/);
    expect(h.last()?.answers.get(0)?.status).toBe("uploading");
    h.uploader.kick();
    await new Promise((r) => setTimeout(r, 50));
    expect(puts).toBe(2);
  });
});

describe("chunk uploader and the server's limits", () => {
  it("asks again when another request is finalizing the take (409 finalize_in_progress), then has it ready", async () => {
    const h = harness();
    const realFinalize = h.server.api.finalize;
    let busy = 2;
    h.server.api.finalize = async (...args) =>
      busy-- > 0
        ? {
            status: 409,
            body: { detail: "This answer is being finalized by another request", code: "finalize_in_progress" },
          }
        : realFinalize(...args);
    await record(h.store, 0, ["aa"]);
    h.uploader.kick();
    await h.settled(() => h.last()?.answers.get(0)?.status === "ready");
    expect(h.snapshots.some((s) => s.answers.get(0)?.status === "failed")).toBe(false);
  });

  it("keeps the chunks and retries while the company's storage is full (507), saying so, and goes on once there is room", async () => {
    const h = harness();
    const realPut = h.server.api.putChunk;
    let full = true;
    h.server.api.putChunk = async (...args) =>
      full
        ? { status: 507, body: { detail: "The company's recording storage is full", code: "storage_quota_exceeded" } }
        : realPut(...args);
    await record(h.store, 0, ["aa", "bb"]);
    h.uploader.kick();
    await h.settled(() => h.last()?.storageFull === "The company's recording storage is full");
    expect(h.last()?.answers.get(0)?.status).toBe("uploading");
    expect(await h.store.chunksOf(SESSION, 0, 0)).toHaveLength(2);
    full = false;
    h.uploader.kick();
    await h.settled(() => h.last()?.answers.get(0)?.status === "ready");
    expect(h.last()?.storageFull).toBeUndefined();
  });
});

describe("recording helpers", () => {
  it("prefers WebM with VP9 and Opus, then VP8, and falls back to MP4 where only MP4 records (Safari)", () => {
    expect(pickRecordingMime((t) => t.startsWith("video/webm"))).toBe("video/webm;codecs=vp9,opus");
    expect(pickRecordingMime((t) => t.startsWith("video/webm") && !t.includes("vp9"))).toBe(
      "video/webm;codecs=vp8,opus",
    );
    expect(pickRecordingMime((t) => t === "video/mp4")).toBe("video/mp4");
    expect(pickRecordingMime(() => false)).toBeNull();
  });

  it("backs off exponentially with jitter, capped at 8 s", () => {
    expect(retryDelayMs(1, () => 0)).toBe(250);
    expect(retryDelayMs(1, () => 1)).toBe(500);
    expect(retryDelayMs(3, () => 1)).toBe(2000);
    expect(retryDelayMs(20, () => 1)).toBe(8000);
  });
});
