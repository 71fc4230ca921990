import { type ApiResult, NetworkError, type RoomApi, codeOf, detailOf, isWithdrawn, ok, retryable } from "./api";
import { retryDelayMs } from "./backoff";
import type { ChunkStore, TakeRecord } from "./chunk-store";
import { digestOfChunks } from "./take-hash";

// Moves recorded chunks from the browser's store to the server, in order, one request at a time, and finalizes each
// finished take with its SHA-256: the digest computed while it was recorded (take-hash.ts), checked against the
// chunks' total size, or for a take without one, a digest read one chunk at a time. The whole take is never read
// into memory. Anything that did not get an answer is retried with backoff, forever: the chunks
// stay in the store until the server has verified the whole take. A refusal no retry can fix marks the take failed
// with the server's reason, so the room can ask for a re-record.

export type UploadStatus = "recording" | "uploading" | "verifying" | "ready" | "failed";

export interface AnswerUpload {
  questionIndex: number;
  take: number;
  status: UploadStatus;
  uploadedBytes: number;
  totalBytes: number;
  sizeBytes?: number;
  sha256?: string;
  durationMs?: number;
  error?: string;
}

export interface UploaderSnapshot {
  answers: Map<number, AnswerUpload>;
  /** The last attempt got no response; uploads resume when the network does. */
  offline: boolean;
  /** The session itself is gone (completed elsewhere, abandoned, or the link rotated): nothing more can upload. */
  sessionLost?: string;
  /** The company revoked the invite, which ended the session: what was uploaded is kept, nothing more is sent. */
  withdrawn?: boolean;
  /** The server's storage for this company is full (507): uploads wait, and resume once it has room. */
  storageFull?: string;
}

export interface UploaderOptions {
  store: ChunkStore;
  api: Pick<RoomApi, "putChunk" | "finalize">;
  sessionId: string;
  /** The current resume token (it rotates on every resume). */
  token: () => string;
  onChange: (snapshot: UploaderSnapshot) => void;
  /** The digest of stored chunks in order, for takes recorded without one (tests replace it). */
  digestOf?: (chunks: Blob[]) => Promise<{ sha256: string; sizeBytes: number }>;
  delay?: (failures: number) => number;
}

class Retry extends Error {}

export class Uploader {
  private running = false;
  private again = false;
  private stopped = false;
  private failures = 0;
  private wake: (() => void) | null = null;
  private offline = false;
  private sessionLost: string | undefined;
  private withdrawn = false;
  private storageFull: string | undefined;

  constructor(private readonly options: UploaderOptions) {}

  /** Looks for work now (a new chunk, the network back, a resume). Safe to call any time, any number of times. */
  kick(): void {
    this.again = true;
    this.wake?.();
    if (!this.running && !this.stopped) void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  private async loop() {
    this.running = true;
    try {
      while (this.again && !this.stopped && !this.sessionLost) {
        this.again = false;
        try {
          await this.pass();
          this.failures = 0;
          this.offline = false;
        } catch (error) {
          if (!(error instanceof Retry) && !(error instanceof NetworkError)) console.warn("upload pass failed", error);
          this.failures += 1;
          this.offline = error instanceof NetworkError;
          this.again = true;
          await this.emit();
          await this.pause((this.options.delay ?? retryDelayMs)(this.failures));
        }
      }
    } finally {
      this.running = false;
      await this.emit();
    }
  }

  private pause(ms: number) {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private async pass() {
    const { store, sessionId } = this.options;
    const takes = (await store.takesOf(sessionId))
      .filter((t) => !t.finalized && !t.failed)
      .sort((a, b) => a.questionIndex - b.questionIndex || a.take - b.take);
    for (const take of takes) {
      if (this.stopped) return;
      await this.uploadTake(take);
      await this.emit();
    }
  }

  private async uploadTake(take: TakeRecord) {
    const { store, api, sessionId } = this.options;
    for (const chunk of await store.chunksOf(sessionId, take.questionIndex, take.take)) {
      if (chunk.uploaded) continue;
      const result = await api.putChunk(
        sessionId,
        take.questionIndex,
        take.take,
        chunk.seq,
        chunk.blob,
        this.options.token(),
      );
      if (ok(result)) {
        await store.markUploaded(chunk);
        this.offline = false;
        this.storageFull = undefined;
        await this.emit();
        continue;
      }
      if (await this.refused(take, result)) return;
    }
    if (!take.finished) return;
    const chunks = await store.chunksOf(sessionId, take.questionIndex, take.take);
    if (chunks.length !== take.chunkCount || chunks.some((c) => !c.uploaded)) return;
    const { sha256, sizeBytes } = await this.digestOf(
      take,
      chunks.map((c) => c.blob),
    );
    const result = await api.finalize(sessionId, take.questionIndex, this.options.token(), {
      chunk_count: chunks.length,
      sha256,
      size_bytes: sizeBytes,
      ...(take.durationMs !== undefined ? { duration_ms: Math.round(take.durationMs) } : {}),
      mime_type: take.mimeType,
      take: take.take,
    });
    if (ok(result)) {
      await store.putTake({ ...take, finalized: true, sizeBytes, sha256 });
      await store.dropChunks(sessionId, take.questionIndex, take.take);
      return;
    }
    if (codeOf(result) === "missing_chunks") {
      // The server lacks a chunk this browser believed delivered: send them all again (each is idempotent).
      for (const c of chunks) await store.putChunk({ ...c, uploaded: false });
      throw new Retry();
    }
    await this.refused(take, result);
  }

  /**
   * The recorder's digest when it covers exactly the stored chunks (same total size), else one computed now from the
   * stored chunks, one at a time. Either way the server checks it against the bytes it assembled.
   */
  private async digestOf(take: TakeRecord, chunks: Blob[]): Promise<{ sha256: string; sizeBytes: number }> {
    const storedBytes = chunks.reduce((n, c) => n + c.size, 0);
    if (take.digest && take.digest.sizeBytes === storedBytes) return take.digest;
    return (this.options.digestOf ?? digestOfChunks)(chunks);
  }

  /** Handles a non-2xx answer: throws Retry when retrying can help, returns true when the take is settled. */
  private async refused(take: TakeRecord, result: ApiResult<unknown>): Promise<boolean> {
    const { store, sessionId } = this.options;
    const detail = detailOf(result, `The server answered ${result.status}`);
    if (isWithdrawn(result)) {
      // Not this take's fault: leave it as it is (the room drops the browser's copies) and send nothing more.
      this.sessionLost = detail;
      this.withdrawn = true;
      return true;
    }
    // The company's storage is full: keep the chunks here and retry (with backoff) until it has room again.
    if (result.status === 507) this.storageFull = detail;
    // Another request (another tab) is finalizing this take right now: ask again, and get its result.
    if (retryable(result.status) || codeOf(result) === "finalize_in_progress") throw new Retry();
    if (codeOf(result) === "take_replaced") {
      // Another tab (or a restart) moved this answer to a newer take; this one is no longer wanted.
      await store.deleteTake(sessionId, take.questionIndex, take.take);
      return true;
    }
    if (result.status === 401 || result.status === 404 || codeOf(result) === "session_closed") {
      this.sessionLost = detail;
      return true;
    }
    await store.putTake({ ...take, failed: detail });
    return true;
  }

  private async emit() {
    const { store, sessionId } = this.options;
    const latest = new Map<number, TakeRecord>();
    for (const t of await store.takesOf(sessionId))
      if ((latest.get(t.questionIndex)?.take ?? -1) < t.take) latest.set(t.questionIndex, t);
    const answers = new Map<number, AnswerUpload>();
    for (const t of latest.values()) {
      const chunks = t.finalized ? [] : await store.chunksOf(sessionId, t.questionIndex, t.take);
      const total = t.finalized ? (t.sizeBytes ?? 0) : chunks.reduce((n, c) => n + c.blob.size, 0);
      const uploaded = t.finalized ? total : chunks.reduce((n, c) => n + (c.uploaded ? c.blob.size : 0), 0);
      const status: UploadStatus = t.failed
        ? "failed"
        : t.finalized
          ? "ready"
          : !t.finished
            ? "recording"
            : uploaded < total
              ? "uploading"
              : "verifying";
      answers.set(t.questionIndex, {
        questionIndex: t.questionIndex,
        take: t.take,
        status,
        uploadedBytes: uploaded,
        totalBytes: total,
        sizeBytes: t.sizeBytes,
        sha256: t.sha256,
        durationMs: t.durationMs,
        error: t.failed,
      });
    }
    this.options.onChange({
      answers,
      offline: this.offline,
      sessionLost: this.sessionLost,
      withdrawn: this.withdrawn,
      storageFull: this.storageFull,
    });
  }
}
