import { createHash } from "node:crypto";
import { Transform } from "node:stream";
import { SNIFF_BYTES } from "./container";
import { type StageOptions, TooLargeError } from "./storage";

/**
 * Measures, hashes and keeps the head of bytes being staged, in one pass: every backend's stage and concat push
 * each piece through here once, before it is written.
 */
export function byteMeter({ maxBytes, onData }: StageOptions) {
  const hash = createHash("sha256");
  let head = Buffer.alloc(0);
  let size = 0;
  const push = (bytes: Buffer) => {
    size += bytes.length;
    // Stop the moment the cap is passed, so a lying client cannot make us store more.
    if (size > maxBytes) throw new TooLargeError(maxBytes);
    hash.update(bytes);
    onData?.(bytes);
    if (head.length < SNIFF_BYTES) head = Buffer.concat([head, bytes.subarray(0, SNIFF_BYTES - head.length)]);
  };
  return {
    push,
    /** The same, as a stream stage that passes the bytes on. */
    transform: () =>
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          try {
            push(chunk);
          } catch (error) {
            return done(error as Error);
          }
          done(null, chunk);
        },
      }),
    result: () => ({ sizeBytes: size, sha256: hash.digest("hex"), head }),
  };
}
