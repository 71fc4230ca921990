import { createSHA256, type IHasher } from "hash-wasm";

// A take's SHA-256, computed as its chunks are produced: each chunk is read once, when it arrives, and dropped, so
// memory stays flat however long the answer (a whole take in memory is 200 MiB on a phone). WebCrypto has no
// incremental digest; hash-wasm's is a maintained SHA-256 in WebAssembly (hence 'wasm-unsafe-eval' in the CSP).

export interface TakeDigest {
  /** Adds the next chunk; chunks must be given in seq order (the recorder hands them over one at a time). */
  update(chunk: Blob): Promise<void>;
  /** The hex digest of every chunk given so far, and their total size. Ends the digest. */
  finish(): Promise<{ sha256: string; sizeBytes: number }>;
}

export async function takeDigest(): Promise<TakeDigest> {
  const hasher: IHasher = (await createSHA256()).init();
  let sizeBytes = 0;
  return {
    async update(chunk) {
      const bytes = new Uint8Array(await chunk.arrayBuffer());
      hasher.update(bytes);
      sizeBytes += bytes.byteLength;
    },
    async finish() {
      return { sha256: hasher.digest("hex"), sizeBytes };
    },
  };
}

/**
 * The digest of chunks already stored (a take recorded without one), read one chunk at a time. Only where WebAssembly
 * cannot run at all does it fall back to WebCrypto over the whole take: a take that can never be verified is worse.
 */
export async function digestOfChunks(chunks: Blob[]): Promise<{ sha256: string; sizeBytes: number }> {
  const digest = await takeDigest().catch(() => null);
  if (!digest) return wholeTakeDigest(new Blob(chunks));
  for (const chunk of chunks) await digest.update(chunk);
  return digest.finish();
}

async function wholeTakeDigest(whole: Blob): Promise<{ sha256: string; sizeBytes: number }> {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", await whole.arrayBuffer()));
  return { sha256: Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(""), sizeBytes: whole.size };
}
