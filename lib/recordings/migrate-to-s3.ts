import "server-only";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { asc, gt, inArray } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { recordingChunks, recordings } from "@/db/schema";
import { assertSafeKey, chunkKey } from "./storage";

// `npm run storage:migrate`: copies what the database says is stored (every ready recording, and the chunks of every
// answer still uploading) from the local disk to the S3 bucket. Each object is checked against the database's size
// and SHA-256: the disk's copy before it is sent, the bucket's after (read back). An object already in the bucket with
// the right size and checksum is left alone, so a second run copies only what the first did not (or what arrived on
// the disk since). Files the database does not know (leftovers of failed cleanups) are not copied.

const BATCH = 500; // recordings per database page
const CONCURRENT_COPIES = 4;

export interface StoredObject {
  key: string;
  sizeBytes: number;
  sha256: string;
}

export type Outcome = "copied" | "would_copy" | "present" | "failed";

export interface MigrationSummary {
  objects: number;
  copied: number;
  /** Dry run: what a real run would copy. */
  wouldCopy: number;
  /** Already in the bucket with the right size and checksum. */
  present: number;
  bytesCopied: number;
  failures: { key: string; reason: string }[];
}

export interface MigrationOptions {
  /** The disk storage's root ($DATA_DIR/recordings). */
  root: string;
  client: S3Client;
  bucket: string;
  dryRun?: boolean;
  /** Told about each object as it is done. */
  onObject?: (object: StoredObject, outcome: Outcome, reason?: string) => void;
}

/** Everything the database says is stored, page by page. */
export async function* trackedObjects(): AsyncGenerator<StoredObject[]> {
  const db = await getDb();
  let after: string | undefined;
  for (;;) {
    const page = await db
      .select({
        id: recordings.id,
        companyId: recordings.companyId,
        sessionId: recordings.sessionId,
        questionIndex: recordings.questionIndex,
        take: recordings.take,
        status: recordings.status,
        storageKey: recordings.storageKey,
        sizeBytes: recordings.sizeBytes,
        sha256: recordings.sha256,
      })
      .from(recordings)
      .where(after ? gt(recordings.id, after) : undefined)
      .orderBy(asc(recordings.id))
      .limit(BATCH);
    if (page.length === 0) return;
    after = page.at(-1)!.id;
    const objects: StoredObject[] = [];
    for (const r of page) {
      if (r.status === "ready" && r.storageKey && r.sha256 && r.sizeBytes !== null)
        objects.push({ key: r.storageKey, sizeBytes: r.sizeBytes, sha256: r.sha256 });
    }
    const uploading = page.filter((r) => r.status !== "ready");
    if (uploading.length > 0) {
      const byId = new Map(uploading.map((r) => [r.id, r]));
      const chunks = await db
        .select({
          recordingId: recordingChunks.recordingId,
          seq: recordingChunks.seq,
          sizeBytes: recordingChunks.sizeBytes,
          sha256: recordingChunks.sha256,
        })
        .from(recordingChunks)
        .where(inArray(recordingChunks.recordingId, [...byId.keys()]));
      for (const c of chunks) {
        const r = byId.get(c.recordingId)!;
        objects.push({
          key: chunkKey(
            { companyId: r.companyId, sessionId: r.sessionId, questionIndex: r.questionIndex },
            c.seq,
            r.take,
          ),
          sizeBytes: c.sizeBytes,
          sha256: c.sha256,
        });
      }
    }
    yield objects;
  }
}

async function digest(stream: Readable): Promise<{ sizeBytes: number; sha256: string }> {
  const hash = createHash("sha256");
  let sizeBytes = 0;
  for await (const piece of stream) {
    hash.update(piece as Buffer);
    sizeBytes += (piece as Buffer).length;
  }
  return { sizeBytes, sha256: hash.digest("hex") };
}

const matches = (a: { sizeBytes: number; sha256: string }, b: StoredObject) =>
  a.sizeBytes === b.sizeBytes && a.sha256 === b.sha256;

export async function migrateRecordingsToS3(options: MigrationOptions): Promise<MigrationSummary> {
  const { client, bucket: Bucket } = options;
  const summary: MigrationSummary = { objects: 0, copied: 0, wouldCopy: 0, present: 0, bytesCopied: 0, failures: [] };

  const inBucket = async (object: StoredObject) => {
    const head = await client
      .send(new HeadObjectCommand({ Bucket, Key: object.key }))
      .catch((error: { name?: string }) => {
        if (error?.name === "NotFound") return null;
        throw error;
      });
    if (head?.ContentLength !== object.sizeBytes) return false;
    const got = await client.send(new GetObjectCommand({ Bucket, Key: object.key }));
    return matches(await digest(got.Body as Readable), object);
  };

  async function migrate(object: StoredObject): Promise<[Outcome, string?]> {
    if (await inBucket(object)) return ["present"];
    const file = path.join(options.root, assertSafeKey(object.key));
    const local = await fs.stat(file).catch(() => null);
    if (!local?.isFile()) return ["failed", "missing on the disk, and not in the bucket with its recorded checksum"];
    if (!matches(await digest(createReadStream(file)), object))
      return ["failed", "the disk's copy does not match the database's size and SHA-256"];
    if (options.dryRun) return ["would_copy"];
    await client.send(
      new PutObjectCommand({ Bucket, Key: object.key, Body: createReadStream(file), ContentLength: local.size }),
    );
    if (!(await inBucket(object)))
      return ["failed", "the uploaded object does not match the database's size and SHA-256"];
    return ["copied"];
  }

  const record = (object: StoredObject, outcome: Outcome, reason?: string) => {
    summary.objects += 1;
    if (outcome === "copied") {
      summary.copied += 1;
      summary.bytesCopied += object.sizeBytes;
    }
    if (outcome === "would_copy") summary.wouldCopy += 1;
    if (outcome === "present") summary.present += 1;
    if (outcome === "failed") summary.failures.push({ key: object.key, reason: reason ?? "failed" });
    options.onObject?.(object, outcome, reason);
  };

  for await (const page of trackedObjects()) {
    let next = 0;
    const worker = async () => {
      while (next < page.length) {
        const object = page[next++]!;
        const [outcome, reason] = await migrate(object).catch((error: unknown): [Outcome, string] => [
          "failed",
          String(error),
        ]);
        record(object, outcome, reason);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENT_COPIES }, worker));
  }
  return summary;
}
