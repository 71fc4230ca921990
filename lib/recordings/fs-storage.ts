import "server-only";
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { env } from "@/lib/env";
import { byteMeter } from "./meter";
import { slots } from "./slots";
import {
  MissingObjectError,
  type RecordingStorage,
  type StageOptions,
  type StagedObject,
  assertSafeKey,
  assertSafePrefix,
} from "./storage";

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

// One per process: the threads it rations are the process's.
const copySlots = slots(CONCURRENT_COPIES);

export function fsRecordingStorage(root = path.join(env().DATA_DIR, "recordings")): RecordingStorage {
  const tmpDir = path.join(root, "tmp");
  const pathOf = (key: string) => path.join(root, assertSafeKey(key));

  async function stageFrom(source: Readable, options: StageOptions): Promise<StagedObject> {
    await fs.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    const meter = byteMeter(options);
    // Opened before the copy starts, so the file exists when a failure removes it: a write stream opening it lazily
    // could create it after the removal (a body refused at once left such files behind).
    const out = await fs.open(tmp, "wx");
    try {
      await pipeline(source, meter.transform(), out.createWriteStream());
    } catch (error) {
      await fs.rm(tmp, { force: true });
      throw error;
    }
    return stagedAt(tmp, meter.result());
  }

  function stagedAt(tmp: string, measured: Pick<StagedObject, "sizeBytes" | "sha256" | "head">): StagedObject {
    return {
      ...measured,
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
    const files = keys.map((key) => ({ key, path: pathOf(key) }));
    return copySlots.run(() => copyFiles(files, options));
  }

  async function copyFiles(files: { key: string; path: string }[], options: StageOptions): Promise<StagedObject> {
    await fs.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    const meter = byteMeter(options);
    const buffer = Buffer.allocUnsafe(COPY_BUFFER_BYTES);
    const out = await fs.open(tmp, "wx");
    try {
      for (const file of files) {
        const input = await fs.open(file.path, "r").catch((error: unknown) => {
          throw (error as NodeJS.ErrnoException).code === "ENOENT" ? new MissingObjectError(file.key) : error;
        });
        try {
          for (;;) {
            const { bytesRead } = await input.read(buffer, 0, buffer.length, null);
            if (bytesRead === 0) break;
            const bytes = buffer.subarray(0, bytesRead);
            meter.push(bytes);
            for (let written = 0; written < bytesRead;)
              written += (await out.write(bytes, written, bytesRead - written)).bytesWritten;
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
    return stagedAt(tmp, meter.result());
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
    deletePrefix: async (prefix) => fs.rm(path.join(root, assertSafePrefix(prefix)), { recursive: true, force: true }),
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
