import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { digestOfChunks, takeDigest } from "./take-hash";

const hex = (buffer: ArrayBuffer) => Buffer.from(buffer).toString("hex");

describe("a take's incremental SHA-256", () => {
  it("equals WebCrypto's digest of the whole blob, for chunks of any size in order", async () => {
    // Uneven sizes on purpose: an empty chunk, ones smaller than a SHA-256 block, and ones past hash-wasm's buffer.
    const sizes = [0, 1, 63, 64, 65, 1000, 65_536, 200_003, 1_048_576, 7];
    const chunks = sizes.map((n) => new Blob([randomBytes(n)]));
    const whole = new Blob(chunks);
    const expected = hex(await crypto.subtle.digest("SHA-256", await whole.arrayBuffer()));

    const digest = await takeDigest();
    for (const chunk of chunks) await digest.update(chunk);
    expect(await digest.finish()).toEqual({ sha256: expected, sizeBytes: whole.size });
    expect(await digestOfChunks(chunks)).toEqual({ sha256: expected, sizeBytes: whole.size });
  });

  it("keeps takes apart: two digests running at once do not mix", async () => {
    const [a, b] = [new Blob([randomBytes(5000)]), new Blob([randomBytes(7000)])];
    const [da, db] = [await takeDigest(), await takeDigest()];
    await Promise.all([da.update(a), db.update(b)]);
    expect((await da.finish()).sha256).toBe(hex(await crypto.subtle.digest("SHA-256", await a.arrayBuffer())));
    expect((await db.finish()).sha256).toBe(hex(await crypto.subtle.digest("SHA-256", await b.arrayBuffer())));
  });

  it("digests an empty take as the SHA-256 of nothing", async () => {
    expect(await digestOfChunks([])).toEqual({
      sha256: hex(await crypto.subtle.digest("SHA-256", new Uint8Array())),
      sizeBytes: 0,
    });
  });
});
