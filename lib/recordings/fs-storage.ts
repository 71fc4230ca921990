import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { env } from "@/lib/env";
import { SNIFF_BYTES } from "./container";
import { type RecordingStorage, type StageOptions, type StagedObject, TooLargeError } from "./storage";

// Recordings on the local disk under $DATA_DIR/recordings. Staged files go to a tmp folder on the same filesystem,
// so commit is a rename (atomic).

// concat copies through one buffer of this size: each chunk file is read, hashed, measured and written in pieces
// this large (a whole 1 MiB chunk at once) rather than a stream's 64 KiB, each piece a round trip through libuv's
// file-system threads (4 unless UV_THREADPOOL_SIZE says otherwise), which every request of the process shares.
const COPY_BUFFER_BYTES = 1024 * 1024; // bytes
// Copies run at most this many at a time, the others wait their turn: 50 finalizes sharing those threads all
// finished together at the end (each waited for all the others' bytes); in turn, half of them are done by half-time,
// and the threads left over keep serving chunk uploads and playback. Memory: one buffer per running copy.
const CONCURRENT_COPIES = 2;

const SAFE_PREFIX = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/; // company/session, nothing shorter
const SAFE_KEY = /^[0-9a-f-]+\/[0-9a-f-]+\/\d+\/(?:chunks\/(?:t\d+\/)?\d+|recording(?:-t\d+)?)$/;

/** A counting semaphore, first come first served. */
function slots(count: number) {
  let free = count;
  const waiting: (() => void)[] = [];
  return {
    take: () => (free > 0 ? (free--, Promise.resolve()) : new Promise<void>((resolve) => waiting.push(resolve))),
    release: () => {
      const next = waiting.shift();
      if (next) next();
      else free++;
    },
  };
}

// One per process: the threads it rations are the process's.
const copySlots = slots(CONCURRENT_COPIES);

export function fsRecordingStorage(root = path.join(env().DATA_DIR, "recordings")): RecordingStorage {
  const tmpDir = path.join(root, "tmp");
  const pathOf = (key: string) => {
    // Keys are built by storage.ts; refusing anything else keeps a bug from writing outside the root.
    if (!SAFE_KEY.test(key)) throw new Error(`Unsafe storage key: ${key}`);
    return path.join(root, key);
  };

  async function stageFrom(source: Readable, { maxBytes, onData }: StageOptions): Promise<StagedObject> {
    await fs.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    const hash = createHash("sha256");
    const headParts: Buffer[] = [];
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        // Stop reading the moment the cap is passed, so a lying client cannot make us store more.
        if (size > maxBytes) return done(new TooLargeError(maxBytes));
        hash.update(chunk);
        onData?.(chunk);
        if (size - chunk.length < SNIFF_BYTES) headParts.push(chunk.subarray(0, SNIFF_BYTES));
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(tmp, { flags: "wx" }));
    } catch (error) {
      await fs.rm(tmp, { force: true });
      throw error;
    }
    return stagedAt(tmp, size, hash.digest("hex"), Buffer.concat(headParts).subarray(0, SNIFF_BYTES));
  }

  function stagedAt(tmp: string, sizeBytes: number, sha256: string, head: Buffer): StagedObject {
    return {
      sizeBytes,
      sha256,
      head,
      async commit(key) {
        const target = pathOf(key);
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.rename(tmp, target);
      },
      discard: () => fs.rm(tmp, { force: true }),
    };
  }

  /** Each byte is read once: into the buffer, then hashed, shown to onData and written from it. */
  async function concatFiles(keys: string[], options: StageOptions): Promise<StagedObject> {
    const files = keys.map(pathOf);
    await copySlots.take();
    try {
      return await copyFiles(files, options);
    } finally {
      copySlots.release();
    }
  }

  async function copyFiles(files: string[], { maxBytes, onData }: StageOptions): Promise<StagedObject> {
    await fs.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    const hash = createHash("sha256");
    const buffer = Buffer.allocUnsafe(COPY_BUFFER_BYTES);
    let head = Buffer.alloc(0);
    let size = 0;
    const out = await fs.open(tmp, "wx");
    try {
      for (const file of files) {
        const input = await fs.open(file, "r");
        try {
          for (;;) {
            const { bytesRead } = await input.read(buffer, 0, buffer.length, null);
            if (bytesRead === 0) break;
            size += bytesRead;
            // Stop reading the moment the cap is passed, so a lying client cannot make us store more.
            if (size > maxBytes) throw new TooLargeError(maxBytes);
            const bytes = buffer.subarray(0, bytesRead);
            hash.update(bytes);
            onData?.(bytes);
            if (head.length < SNIFF_BYTES) head = Buffer.concat([head, bytes.subarray(0, SNIFF_BYTES - head.length)]);
            for (let written = 0; written < bytesRead; ) written += (await out.write(bytes, written, bytesRead - written)).bytesWritten;
          }
        } finally {
          await input.close();
        }
      }
      await out.close();
    } catch (error) {
      await out.close().catch(() => {});
      await fs.rm(tmp, { force: true });
      throw error;
    }
    return stagedAt(tmp, size, hash.digest("hex"), head);
  }

  return {
    stage: (body, options) => stageFrom(body, options),
    concat: (keys, options) => concatFiles(keys, options),
    read: (key, range) => createReadStream(pathOf(key), range && { start: range.start, end: range.end }),
    async stat(key) {
      try {
        const stats = await fs.stat(pathOf(key));
        return stats.isFile() ? { sizeBytes: stats.size } : null;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    exists: (key) =>
      fs.access(pathOf(key)).then(
        () => true,
        () => false,
      ),
    delete: (key) => fs.rm(pathOf(key), { force: true }),
    deletePrefix(prefix) {
      if (!SAFE_PREFIX.test(prefix)) throw new Error(`Unsafe storage prefix: ${prefix}`);
      return fs.rm(path.join(root, prefix), { recursive: true, force: true });
    },
    async sweepStaged(olderThan) {
      let names: string[];
      try {
        names = await fs.readdir(tmpDir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
        throw error;
      }
      let removed = 0;
      for (const name of names) {
        const file = path.join(tmpDir, name);
        // A staged file grows while its upload streams, so its mtime is recent for as long as anyone writes it.
        const stats = await fs.stat(file).catch(() => null);
        if (!stats?.isFile() || stats.mtime >= olderThan) continue;
        await fs.rm(file, { force: true });
        removed += 1;
      }
      return removed;
    },
  };
}
