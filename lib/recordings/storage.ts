import type { Readable } from "node:stream";

// Where recording bytes live. Keys are chosen by the server (see keys below), never taken from a client. Two
// implementations: the local disk (fs-storage.ts, the embedded default: stage = a temporary file, commit = rename) and
// S3-compatible object storage (s3-storage.ts: stage = a temporary object, commit = copy into place).
// recording-storage.ts picks one from the settings; storage.contract.test.ts holds both to the same behaviour.

/** Bytes written to a private temporary place, with their size and digest, waiting to be committed or discarded. */
export interface StagedObject {
  sizeBytes: number;
  sha256: string;
  /** The first bytes, for container sniffing. */
  head: Buffer;
  /** Moves the bytes to `key` atomically: a reader sees the old object or the whole new one, never a part. */
  commit(key: string): Promise<void>;
  discard(): Promise<void>;
}

export class TooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`More than ${maxBytes} bytes`);
    this.name = "TooLargeError";
  }
}

/** Reading an object that is not there; `code` is the filesystem's, so callers check one thing on every backend. */
export class MissingObjectError extends Error {
  readonly code = "ENOENT";
  constructor(readonly key: string) {
    super(`No stored object at ${key}`);
    this.name = "MissingObjectError";
  }
}

/** Byte offsets into an object, both inclusive (as in an HTTP Range). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StageOptions {
  maxBytes: number;
  /**
   * Sees every byte staged, in order, as it streams past (e.g. to measure a recording without reading it twice). The
   * bytes are only valid during the call (the buffer is reused): copy what must be kept.
   */
  onData?: (bytes: Buffer) => void;
}

export interface RecordingStorage {
  /** Streams `body` to a temporary place; rejects with TooLargeError past `maxBytes`, leaving nothing behind. */
  stage(body: Readable, options: StageOptions): Promise<StagedObject>;
  /**
   * Streams the objects at `keys`, in order, into one staged object (never buffering a whole object); a missing one
   * rejects with ENOENT, leaving nothing behind.
   */
  concat(keys: string[], options: StageOptions): Promise<StagedObject>;
  /** Streams the object, or only the bytes `start..end` (both inclusive) of it; a missing object errors with ENOENT. */
  read(key: string, range?: ByteRange): Readable;
  /** The object's size, or null when there is no object at `key`. */
  stat(key: string): Promise<{ sizeBytes: number } | null>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Deletes everything under a session's prefix (retention); nothing there is fine. */
  deletePrefix(prefix: string): Promise<void>;
  /** Deletes staged objects last written before `olderThan` (left by a crash); answers how many. */
  sweepStaged(olderThan: Date): Promise<number>;
}

export interface AnswerRef {
  companyId: string;
  sessionId: string;
  questionIndex: number;
}

/** Everything one session stored: its answers' chunks and recordings. */
export const sessionPrefix = (ref: { companyId: string; sessionId: string }) => `${ref.companyId}/${ref.sessionId}`;
const answerPrefix = (ref: AnswerRef) => `${ref.companyId}/${ref.sessionId}/${ref.questionIndex}`;
// Every take of an answer has its own keys, so deleting a replaced take can never touch the bytes of the next one.
export const chunkKey = (ref: AnswerRef, seq: number, take = 0) =>
  `${answerPrefix(ref)}/chunks/${take === 0 ? "" : `t${take}/`}${seq}`;
export const recordingKey = (ref: AnswerRef, take = 0) =>
  `${answerPrefix(ref)}/recording${take === 0 ? "" : `-t${take}`}`;

const SAFE_PREFIX = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/; // company/session, nothing shorter
const SAFE_KEY = /^[0-9a-f-]+\/[0-9a-f-]+\/\d+\/(?:chunks\/(?:t\d+\/)?\d+|recording(?:-t\d+)?)$/;

/** Keys are built above; refusing anything else keeps a bug from reaching outside the recordings. */
export function assertSafeKey(key: string): string {
  if (!SAFE_KEY.test(key)) throw new Error(`Unsafe storage key: ${key}`);
  return key;
}

export function assertSafePrefix(prefix: string): string {
  if (!SAFE_PREFIX.test(prefix)) throw new Error(`Unsafe storage prefix: ${prefix}`);
  return prefix;
}
