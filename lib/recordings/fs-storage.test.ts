import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { afterAll, describe, expect, it } from "vitest";
import { fsRecordingStorage } from "./fs-storage";
import { TooLargeError, chunkKey, recordingKey } from "./storage";
import { filesUnder, sha256 } from "@/test/kits/recordings";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "aii-storage-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const storage = fsRecordingStorage(root);
const ref = {
  companyId: "0b6c2a8e-0000-4000-8000-000000000001",
  sessionId: "0b6c2a8e-0000-4000-8000-000000000002",
  questionIndex: 1,
};
const bytes = (s: string) => Readable.from([Buffer.from(s)]);

describe("filesystem recording storage", () => {
  it("stages with size and digest, commits by rename, reads, concatenates in order and deletes", async () => {
    for (const [seq, part] of ["hello ", "world"].entries()) {
      const staged = await storage.stage(bytes(part), { maxBytes: 100 });
      expect(staged).toMatchObject({ sizeBytes: part.length, sha256: sha256(Buffer.from(part)) });
      await staged.commit(chunkKey(ref, seq));
    }
    expect(await text(storage.read(chunkKey(ref, 1)))).toBe("world");
    const joined = await storage.concat([chunkKey(ref, 0), chunkKey(ref, 1)], { maxBytes: 100 });
    expect(joined).toMatchObject({
      sizeBytes: 11,
      sha256: sha256(Buffer.from("hello world")),
      head: Buffer.from("hello world"),
    });
    await joined.commit(recordingKey(ref));
    expect(await storage.exists(recordingKey(ref))).toBe(true);
    await storage.delete(recordingKey(ref));
    expect(await storage.exists(recordingKey(ref))).toBe(false);
    expect(filesUnder(path.join(root, "tmp"))).toEqual([]);
  });

  it("reads an inclusive byte range, and stats an object's size (null when absent)", async () => {
    const key = recordingKey({ ...ref, questionIndex: 2 });
    await (await storage.stage(bytes("0123456789"), { maxBytes: 100 })).commit(key);
    expect(await storage.stat(key)).toEqual({ sizeBytes: 10 });
    expect(await text(storage.read(key, { start: 2, end: 5 }))).toBe("2345");
    expect(await text(storage.read(key, { start: 9, end: 9 }))).toBe("9");
    expect(await text(storage.read(key))).toBe("0123456789");
    await storage.delete(key);
    expect(await storage.stat(key)).toBeNull();
  });

  it("shows every byte it stages to onData, in order, and a concat of a missing object fails leaving nothing", async () => {
    const seen: Buffer[] = [];
    for (const [seq, part] of ["abc", "defg"].entries())
      await (await storage.stage(bytes(part), { maxBytes: 10 })).commit(chunkKey({ ...ref, questionIndex: 5 }, seq));
    const joined = await storage.concat(
      [chunkKey({ ...ref, questionIndex: 5 }, 0), chunkKey({ ...ref, questionIndex: 5 }, 1)],
      {
        maxBytes: 10,
        onData: (b) => seen.push(Buffer.from(b)),
      },
    );
    expect(Buffer.concat(seen).toString()).toBe("abcdefg");
    await joined.discard();
    await expect(
      storage.concat([chunkKey({ ...ref, questionIndex: 5 }, 0), chunkKey({ ...ref, questionIndex: 5 }, 9)], {
        maxBytes: 10,
      }),
    ).rejects.toMatchObject({ code: "ENOENT" });
    expect(filesUnder(path.join(root, "tmp"))).toEqual([]);
  });

  it("assembles many answers at once, each in order with its own digest, taking turns (past the buffer size too)", async () => {
    const answers = Array.from({ length: 6 }, (_, i) => ({ ...ref, questionIndex: 10 + i }));
    const parts = answers.map((_, i) => [Buffer.alloc(1024 * 1024 + 17, i), Buffer.from(`tail ${i}`)]);
    for (const [i, answer] of answers.entries()) {
      for (const [seq, part] of parts[i]!.entries())
        await (await storage.stage(Readable.from([part]), { maxBytes: 2 ** 22 })).commit(chunkKey(answer, seq));
    }
    const joined = await Promise.all(
      answers.map((answer) => storage.concat([chunkKey(answer, 0), chunkKey(answer, 1)], { maxBytes: 2 ** 22 })),
    );
    for (const [i, staged] of joined.entries()) {
      expect(staged).toMatchObject({ sizeBytes: 1024 * 1024 + 17 + 6, sha256: sha256(Buffer.concat(parts[i]!)) });
      await staged.discard();
    }
    expect(filesUnder(path.join(root, "tmp"))).toEqual([]);
  });

  it("sweeps staged files untouched since the cutoff and keeps the ones still being written", async () => {
    const tmp = path.join(root, "tmp");
    fs.mkdirSync(tmp, { recursive: true });
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    for (const [name, mtime] of [
      ["crashed", new Date(Date.now() - 2 * 60 * 60 * 1000)],
      ["in-flight", new Date()],
    ] as const) {
      fs.writeFileSync(path.join(tmp, name), "x");
      fs.utimesSync(path.join(tmp, name), mtime, mtime);
    }
    expect(await storage.sweepStaged(hourAgo)).toBe(1);
    expect(filesUnder(tmp)).toEqual(["in-flight"]);
    fs.rmSync(path.join(tmp, "in-flight"));
    expect(await fsRecordingStorage(path.join(root, "nowhere")).sweepStaged(hourAgo)).toBe(0);
  });

  it("stops at the byte cap and leaves no temporary file; refuses keys it did not build", async () => {
    await expect(storage.stage(bytes("x".repeat(11)), { maxBytes: 10 })).rejects.toBeInstanceOf(TooLargeError);
    await expect(storage.concat([chunkKey(ref, 0), chunkKey(ref, 1)], { maxBytes: 5 })).rejects.toBeInstanceOf(
      TooLargeError,
    );
    expect(filesUnder(path.join(root, "tmp"))).toEqual([]);
    expect(() => storage.read("../../etc/passwd")).toThrow(/Unsafe storage key/);
    await expect(storage.stat("../../etc/passwd")).rejects.toThrow(/Unsafe storage key/);
  });
});
