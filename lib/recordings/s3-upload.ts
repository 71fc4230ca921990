import "server-only";
import { Readable } from "node:stream";
import type { S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { byteMeter } from "./meter";
import type { StageOptions, StagedObject } from "./storage";

// S3's smallest part (except the last): the least memory an upload in flight holds. A body that ends before this
// many bytes goes up in one PutObject instead of a multipart upload.
export const PART_BYTES = 5 * 1024 * 1024; // bytes (5 MiB)

export type Measured = Pick<StagedObject, "sizeBytes" | "sha256" | "head">;

/**
 * Streams `source` to `key`, measuring, hashing and capping it on the way (each byte is read once). Parts go up one
 * at a time, so memory stays at about one part. On any failure (the source's, the cap, the server's) the upload is
 * aborted before this rejects with that failure, and nothing is left at `key` or in an unfinished multipart upload.
 */
export async function uploadMetered(
  target: { client: S3Client; bucket: string; key: string },
  source: AsyncIterable<Buffer>,
  options: StageOptions,
): Promise<Measured> {
  const meter = byteMeter(options);
  // The meter runs inside the upload's own read loop: a source error or the cap fails the upload itself (which then
  // aborts its multipart upload), and a failed upload stops reading, which ends the source (the loop's return).
  async function* metered() {
    for await (const piece of source) {
      const bytes = Buffer.isBuffer(piece) ? piece : Buffer.from(piece);
      meter.push(bytes);
      yield bytes;
    }
  }
  const upload = new Upload({
    client: target.client,
    params: { Bucket: target.bucket, Key: target.key, Body: Readable.from(metered(), { objectMode: false }) },
    queueSize: 1,
    partSize: PART_BYTES,
    leavePartsOnError: false,
  });
  await upload.done();
  return meter.result();
}
