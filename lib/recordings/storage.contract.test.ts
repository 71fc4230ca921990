import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { afterAll, describe, expect, it } from "vitest";
import { describeWithS3, useS3Server } from "@/test/s3-server";
import { fsRecordingStorage } from "./fs-storage";
import { s3RecordingStorage } from "./s3-storage";
import { type AnswerRef, type RecordingStorage, TooLargeError, chunkKey, recordingKey, sessionPrefix } from "./storage";
import { filesUnder, sha256 } from "@/test/kits/recordings";

// One behaviour, two backends: every case runs against the local disk and against a real S3-compatible server
// (versitygw, which enforces S3's 5 MiB minimum part). `leftovers` lists what a backend still holds in its staging
// area (temporary files; temporary objects and unfinished multipart uploads), which must be nothing after any failure.

interface Subject {
  storage: RecordingStorage;
  leftovers(): Promise<string[]>;
}

const MiB = 1024 * 1024;
const newRef = (questionIndex = 0): AnswerRef => ({ companyId: randomUUID(), sessionId: randomUUID(), questionIndex });
const body = (...pieces: (string | Buffer)[]) =>
  Readable.from(pieces.map((p) => (typeof p === "string" ? Buffer.from(p) : p)));
/** A body that sends `bytes` and then breaks, as a candidate's dropped connection does. */
const brokenBody = (bytes: Buffer) =>
  Readable.from(
    (async function* () {
      yield bytes;
      throw Object.assign(new Error("aborted"), { code: "ECONNRESET" });
    })(),
  );

async function putChunks(storage: RecordingStorage, ref: AnswerRef, pieces: Buffer[]): Promise<string[]> {
  const keys = pieces.map((_, seq) => chunkKey(ref, seq));
  for (const [seq, piece] of pieces.entries())
    await (await storage.stage(body(piece), { maxBytes: 8 * MiB })).commit(keys[seq]!);
  return keys;
}

function storageContract(subject: () => Subject) {
  it("stages with size, digest and head; commit puts the whole object in place, discard leaves nothing", async () => {
    const { storage } = subject();
    const ref = newRef();
    const staged = await storage.stage(body("hello ", "world"), { maxBytes: 100 });
    expect(staged).toMatchObject({
      sizeBytes: 11,
      sha256: sha256(Buffer.from("hello world")),
      head: Buffer.from("hello world"),
    });
    await staged.commit(recordingKey(ref));
    expect((await buffer(storage.read(recordingKey(ref)))).toString()).toBe("hello world");
    // A second commit to the same key replaces the object whole.
    await (await storage.stage(body("replaced"), { maxBytes: 100 })).commit(recordingKey(ref));
    expect((await buffer(storage.read(recordingKey(ref)))).toString()).toBe("replaced");
    await (await storage.stage(body("never committed"), { maxBytes: 100 })).discard();
    expect(await subject().leftovers()).toEqual([]);
  });

  it("refuses past maxBytes, small or past a multipart part, and a body that breaks, leaving nothing behind", async () => {
    const { storage } = subject();
    await expect(storage.stage(body("x".repeat(11)), { maxBytes: 10 })).rejects.toBeInstanceOf(TooLargeError);
    const big = [randomBytes(3 * MiB), randomBytes(3 * MiB), randomBytes(MiB)];
    await expect(storage.stage(body(...big), { maxBytes: 6.5 * MiB })).rejects.toBeInstanceOf(TooLargeError);
    await expect(storage.stage(brokenBody(randomBytes(6 * MiB)), { maxBytes: 8 * MiB })).rejects.toMatchObject({
      code: "ECONNRESET",
    });
    // Refused at the first bytes, before a file or request could even be opened, again and again.
    for (let i = 0; i < 100; i++) {
      await expect(storage.stage(body("x".repeat(11)), { maxBytes: 10 })).rejects.toBeInstanceOf(TooLargeError);
      await expect(storage.stage(brokenBody(Buffer.from("x")), { maxBytes: 10 })).rejects.toMatchObject({
        code: "ECONNRESET",
      });
    }
    expect(await subject().leftovers()).toEqual([]);
  });

  it("assembles many ~100 KB chunks into one object past S3's 5 MiB part, in order, each byte shown to onData once", async () => {
    const { storage } = subject();
    const ref = newRef(1);
    const pieces = Array.from({ length: 60 }, (_, i) => randomBytes(100_000 + i));
    const keys = await putChunks(storage, ref, pieces);
    const whole = Buffer.concat(pieces);
    expect(whole.length).toBeGreaterThan(5 * MiB);
    let seen = 0;
    const joined = await storage.concat(keys, { maxBytes: 8 * MiB, onData: (bytes) => (seen += bytes.length) });
    expect(joined).toMatchObject({
      sizeBytes: whole.length,
      sha256: sha256(whole),
      head: whole.subarray(0, joined.head.length),
    });
    expect(joined.head.length).toBeGreaterThan(0);
    expect(seen).toBe(whole.length);
    await joined.commit(recordingKey(ref));
    expect(await storage.stat(recordingKey(ref))).toEqual({ sizeBytes: whole.length });
    expect(sha256(await buffer(storage.read(recordingKey(ref))))).toBe(sha256(whole));
    // Across the first part's end and a chunk's end.
    const across = { start: 5 * MiB - 10, end: 5 * MiB + 10 };
    expect(await buffer(storage.read(recordingKey(ref), across))).toEqual(whole.subarray(across.start, across.end + 1));
    expect(await subject().leftovers()).toEqual([]);
  });

  it("assembles a recording under 5 MiB, and refuses past maxBytes or at a missing chunk, leaving nothing", async () => {
    const { storage } = subject();
    const ref = newRef(2);
    const pieces = [randomBytes(100_000), randomBytes(100_000), Buffer.from("tail")];
    const keys = await putChunks(storage, ref, pieces);
    const joined = await storage.concat(keys, { maxBytes: MiB });
    expect(joined).toMatchObject({ sizeBytes: 200_004, sha256: sha256(Buffer.concat(pieces)) });
    await joined.discard();
    await expect(storage.concat(keys, { maxBytes: 150_000 })).rejects.toBeInstanceOf(TooLargeError);
    await expect(storage.concat([keys[0]!, chunkKey(ref, 9)], { maxBytes: MiB })).rejects.toMatchObject({
      code: "ENOENT",
    });
    // Past 5 MiB, then refused: an unfinished multipart upload must not stay behind either.
    const many = await putChunks(
      storage,
      newRef(3),
      Array.from({ length: 70 }, () => randomBytes(100_000)),
    );
    await expect(storage.concat(many, { maxBytes: 6 * MiB })).rejects.toBeInstanceOf(TooLargeError);
    expect(await subject().leftovers()).toEqual([]);
  });

  it("reads inclusive byte ranges; stats, finds and deletes objects; a missing one reads as ENOENT", async () => {
    const { storage } = subject();
    const key = recordingKey(newRef(4));
    await (await storage.stage(body("0123456789"), { maxBytes: 100 })).commit(key);
    expect(await storage.stat(key)).toEqual({ sizeBytes: 10 });
    expect(await storage.exists(key)).toBe(true);
    expect((await buffer(storage.read(key, { start: 2, end: 5 }))).toString()).toBe("2345");
    expect((await buffer(storage.read(key, { start: 9, end: 9 }))).toString()).toBe("9");
    expect((await buffer(storage.read(key, { start: 0, end: 0 }))).toString()).toBe("0");
    await storage.delete(key);
    await storage.delete(key); // already gone is fine
    expect(await storage.stat(key)).toBeNull();
    expect(await storage.exists(key)).toBe(false);
    await expect(buffer(storage.read(key))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("lets go of an object a reader stops reading early (a closed player), and keeps answering", async () => {
    const { storage } = subject();
    const key = recordingKey(newRef(5));
    await (await storage.stage(body(randomBytes(2 * MiB)), { maxBytes: 4 * MiB })).commit(key);
    for (let i = 0; i < 20; i++) {
      const stream = storage.read(key, { start: 0, end: 2 * MiB - 1 });
      for await (const _ of stream) break;
      expect(stream.destroyed).toBe(true);
    }
    expect(await storage.stat(key)).toEqual({ sizeBytes: 2 * MiB });
    expect((await buffer(storage.read(key, { start: 10, end: 19 }))).length).toBe(10);
  });

  it("deletes everything under one session's prefix and nothing of another session; an empty prefix is fine", async () => {
    const { storage } = subject();
    const [gone, kept] = [newRef(0), newRef(0)];
    for (const ref of [gone, kept]) {
      await putChunks(storage, ref, [Buffer.from("a"), Buffer.from("b")]);
      await putChunks(storage, { ...ref, questionIndex: 1 }, [Buffer.from("c")]);
      await (await storage.stage(body("r"), { maxBytes: 10 })).commit(recordingKey(ref, 2));
    }
    await storage.deletePrefix(sessionPrefix(gone));
    for (const key of [
      chunkKey(gone, 0),
      chunkKey(gone, 1),
      chunkKey({ ...gone, questionIndex: 1 }, 0),
      recordingKey(gone, 2),
    ])
      expect(await storage.exists(key)).toBe(false);
    for (const key of [chunkKey(kept, 0), chunkKey({ ...kept, questionIndex: 1 }, 0), recordingKey(kept, 2)])
      expect(await storage.exists(key)).toBe(true);
    await storage.deletePrefix(sessionPrefix(newRef()));
  });

  it("sweeps staged objects last written before the cutoff and keeps newer ones", async () => {
    const { storage } = subject();
    await storage.stage(body("crashed"), { maxBytes: 100 });
    await storage.stage(body("in flight"), { maxBytes: 100 });
    expect(await storage.sweepStaged(new Date(Date.now() - 60 * 60 * 1000))).toBe(0);
    expect(await subject().leftovers()).toHaveLength(2);
    expect(await storage.sweepStaged(new Date(Date.now() + 60 * 1000))).toBe(2);
    expect(await subject().leftovers()).toEqual([]);
  });

  it("refuses keys and prefixes it did not build", async () => {
    const { storage } = subject();
    expect(() => storage.read("../../etc/passwd")).toThrow(/Unsafe storage key/);
    await expect(storage.stat("../../etc/passwd")).rejects.toThrow(/Unsafe storage key/);
    await expect(storage.concat(["tmp/x"], { maxBytes: 10 })).rejects.toThrow(/Unsafe storage key/);
    await expect(storage.deletePrefix(randomUUID())).rejects.toThrow(/Unsafe storage prefix/);
  });
}

describe("recording storage on the local disk", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "aii-storage-contract-"));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const storage = fsRecordingStorage(root);
  storageContract(() => ({ storage, leftovers: async () => filesUnder(path.join(root, "tmp")) }));
});

describeWithS3("recording storage on S3 (versitygw)", () => {
  const s3 = useS3Server();
  const Bucket = () => s3.server.bucket;
  const leftovers = async () => {
    const objects = await s3.client().send(new ListObjectsV2Command({ Bucket: Bucket(), Prefix: "tmp/" }));
    const uploads = await s3.client().send(new ListMultipartUploadsCommand({ Bucket: Bucket() }));
    return [...(objects.Contents ?? []).map((o) => o.Key!), ...(uploads.Uploads ?? []).map((u) => `upload ${u.Key}`)];
  };
  storageContract(() => ({ storage: s3RecordingStorage(s3.settings()), leftovers }));

  it("the server refuses a 100 KB part that is not the last (EntityTooSmall), so our code cannot rely on a lenient one", async () => {
    const client = s3.client();
    const Key = "tmp/too-small";
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: Bucket(), Key }));
    const parts = [];
    for (const PartNumber of [1, 2]) {
      const { ETag } = await client.send(
        new UploadPartCommand({ Bucket: Bucket(), Key, UploadId, PartNumber, Body: randomBytes(100 * 1024) }),
      );
      parts.push({ PartNumber, ETag });
    }
    await expect(
      client.send(
        new CompleteMultipartUploadCommand({ Bucket: Bucket(), Key, UploadId, MultipartUpload: { Parts: parts } }),
      ),
    ).rejects.toMatchObject({
      name: "EntityTooSmall",
    });
    // The sweep aborts unfinished multipart uploads left by a crash mid-assembly, once they are old enough.
    const storage = s3RecordingStorage(s3.settings());
    expect(await storage.sweepStaged(new Date(Date.now() - 60 * 60 * 1000))).toBe(0);
    expect(await leftovers()).toEqual(["upload tmp/too-small"]);
    expect(await storage.sweepStaged(new Date(Date.now() + 60 * 1000))).toBe(1);
    expect(await leftovers()).toEqual([]);
  });
});
