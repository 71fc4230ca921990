import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { env } from "@/lib/env";
import { SNIFF_BYTES } from "./container";
import { type RecordingStorage, type StageOptions, type StagedObject, TooLargeError } from "./storage";

// Recordings on the local disk under $DATA_DIR/recordings. Staged files go to a tmp folder on the same filesystem,
// so commit is a rename (atomic).

const SAFE_PREFIX = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/; // company/session, nothing shorter
const SAFE_KEY = /^[0-9a-f-]+\/[0-9a-f-]+\/\d+\/(?:chunks\/(?:t\d+\/)?\d+|recording(?:-t\d+)?)$/;

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
    return {
      sizeBytes: size,
      sha256: hash.digest("hex"),
      head: Buffer.concat(headParts).subarray(0, SNIFF_BYTES),
      async commit(key) {
        const target = pathOf(key);
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.rename(tmp, target);
      },
      discard: () => fs.rm(tmp, { force: true }),
    };
  }

  return {
    stage: (body, options) => stageFrom(body, options),
    concat(keys, options) {
      // One file after another, each read only as fast as the staged copy is written (no listeners pile up per key).
      async function* joined() {
        for (const key of keys) yield* createReadStream(pathOf(key));
      }
      return stageFrom(Readable.from(joined(), { objectMode: false }), options);
    },
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
