import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import {
  AbortMultipartUploadCommand,
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  type S3Client,
} from "@aws-sdk/client-s3";
import { log } from "@/lib/log";
import { type S3Settings, s3ClientFor } from "./s3-client";
import { uploadMetered } from "./s3-upload";
import { slots } from "./slots";
import {
  type ByteRange,
  MissingObjectError,
  type RecordingStorage,
  type StagedObject,
  assertSafeKey,
  assertSafePrefix,
} from "./storage";

// Recordings in an S3-compatible bucket. Nothing is kept on the instance's disk: a chunk is staged as its own
// temporary object (tmp/<uuid>; chunks are far below S3's 5 MiB minimum part, so they cannot be parts), finalize
// streams the chunks in order into one multipart upload to another temporary object, and commit copies a temporary
// object into place (a single-object write, which readers see whole or not at all) and deletes it. Copying in one
// request is limited to 5 GB; a recording is at most RECORDING_LIMITS.recordingMaxBytes.

const TMP_PREFIX = "tmp/";
// Assemblies at a time per process; each holds about one part (5 MiB) in memory while its bytes stream through.
const CONCURRENT_ASSEMBLIES = 4;
const DELETE_BATCH = 1000; // keys per DeleteObjects request: S3's maximum

const assemblySlots = slots(CONCURRENT_ASSEMBLIES);

type S3Error = { name?: string };
/** A missing key (HeadObject has no body, so its 404 is only named NotFound); a missing bucket is not this. */
const isMissing = (error: unknown) => ["NotFound", "NoSuchKey"].includes((error as S3Error)?.name ?? "");

export function s3RecordingStorage(settings: S3Settings, client: S3Client = s3ClientFor(settings)): RecordingStorage {
  const Bucket = settings.bucket;

  const deleteQuietly = (key: string, why: string) =>
    client.send(new DeleteObjectCommand({ Bucket, Key: key })).catch((error: unknown) =>
      // The staged-object sweep removes it later.
      log.warn("recordings.s3_tmp_delete_failed", { key, why, error: String(error) }),
    );

  function stagedAt(tmp: string, measured: Pick<StagedObject, "sizeBytes" | "sha256" | "head">): StagedObject {
    return {
      ...measured,
      async commit(key) {
        await client.send(new CopyObjectCommand({ Bucket, Key: assertSafeKey(key), CopySource: `${Bucket}/${tmp}` }));
        await deleteQuietly(tmp, "committed");
      },
      async discard() {
        await client.send(new DeleteObjectCommand({ Bucket, Key: tmp }));
      },
    };
  }

  async function open(key: string, range?: ByteRange, abortSignal?: AbortSignal): Promise<Readable> {
    const Range = range && `bytes=${range.start}-${range.end}`;
    try {
      const response = await client.send(new GetObjectCommand({ Bucket, Key: key, Range }), { abortSignal });
      return response.Body as Readable;
    } catch (error) {
      if (isMissing(error)) throw new MissingObjectError(key);
      throw error;
    }
  }

  /** The objects' bytes in order; the next object's request is sent while the current one streams. */
  async function* inOrder(keys: string[]): AsyncGenerator<Buffer> {
    const opening = (i: number) => {
      const body = i < keys.length ? open(keys[i]!) : null;
      body?.catch(() => {}); // awaited below, or abandoned (and its stream destroyed) when reading stops early
      return body;
    };
    let next = opening(0);
    try {
      for (let i = 0; i < keys.length; i++) {
        const body = await next!;
        next = opening(i + 1);
        for await (const piece of body) yield piece as Buffer;
      }
    } finally {
      void next?.then(
        (body) => body.destroy(),
        () => {},
      );
    }
  }

  async function deleteKeys(keys: string[]): Promise<void> {
    for (let at = 0; at < keys.length; at += DELETE_BATCH) {
      const Objects = keys.slice(at, at + DELETE_BATCH).map((Key) => ({ Key }));
      const { Errors } = await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects, Quiet: true } }));
      if (Errors?.length)
        throw new Error(
          `Deleting ${Errors.length} objects failed, first ${Errors[0]!.Key}: ${Errors[0]!.Code} ${Errors[0]!.Message}`,
        );
    }
  }

  /** The keys under `prefix` (of the objects `select` picks by their last write), page by page. */
  async function listKeys(
    prefix: string,
    select: (lastModified: Date | undefined) => boolean = () => true,
  ): Promise<string[]> {
    const keys: string[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix: prefix, ContinuationToken }));
      for (const object of page.Contents ?? []) if (object.Key && select(object.LastModified)) keys.push(object.Key);
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    return keys;
  }

  /** Aborts the unfinished multipart uploads of staged objects started before `olderThan` (a crash mid-assembly). */
  async function abortStaleUploads(olderThan: Date): Promise<number> {
    let aborted = 0;
    let KeyMarker: string | undefined;
    let UploadIdMarker: string | undefined;
    do {
      const page = await client.send(
        new ListMultipartUploadsCommand({ Bucket, Prefix: TMP_PREFIX, KeyMarker, UploadIdMarker }),
      );
      for (const upload of page.Uploads ?? []) {
        if (!upload.Key || !upload.UploadId || !upload.Initiated || upload.Initiated >= olderThan) continue;
        await client.send(new AbortMultipartUploadCommand({ Bucket, Key: upload.Key, UploadId: upload.UploadId }));
        aborted += 1;
      }
      [KeyMarker, UploadIdMarker] = page.IsTruncated
        ? [page.NextKeyMarker, page.NextUploadIdMarker]
        : [undefined, undefined];
    } while (KeyMarker);
    return aborted;
  }

  async function stat(key: string) {
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket, Key: assertSafeKey(key) }));
      return { sizeBytes: head.ContentLength ?? 0 };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  return {
    async stage(body, options) {
      const tmp = `${TMP_PREFIX}${randomUUID()}`;
      return stagedAt(tmp, await uploadMetered({ client, bucket: Bucket, key: tmp }, body, options));
    },
    async concat(keys, options) {
      keys.forEach(assertSafeKey);
      const tmp = `${TMP_PREFIX}${randomUUID()}`;
      return assemblySlots.run(async () =>
        stagedAt(tmp, await uploadMetered({ client, bucket: Bucket, key: tmp }, inOrder(keys), options)),
      );
    },
    read(key, range) {
      assertSafeKey(key);
      const stop = new AbortController();
      const stream = Readable.from(
        (async function* () {
          yield* await open(key, range, stop.signal);
        })(),
        { objectMode: false },
      );
      // A reader that goes away (a closed player) ends the request, so its connection is not held open.
      stream.once("close", () => stream.readableEnded || stop.abort());
      return stream;
    },
    stat,
    exists: async (key) => (await stat(key)) !== null,
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: assertSafeKey(key) }));
    },
    async deletePrefix(prefix) {
      await deleteKeys(await listKeys(`${assertSafePrefix(prefix)}/`));
    },
    async sweepStaged(olderThan) {
      // A staged object exists only once its upload completed; until then it is an unfinished multipart upload.
      const stale = await listKeys(
        TMP_PREFIX,
        (lastModified) => lastModified !== undefined && lastModified < olderThan,
      );
      await deleteKeys(stale);
      return stale.length + (await abortStaleUploads(olderThan));
    },
  };
}
