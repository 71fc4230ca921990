// The candidate's recordings in the browser, kept until the server has verified them. Each chunk MediaRecorder
// produces is written here before any upload is tried, so a reload, a crash or a lost network loses nothing that was
// recorded. IndexedDB in the browser; the memory store serves tests and browsers without IndexedDB.

export interface ChunkKey {
  sessionId: string;
  questionIndex: number;
  take: number;
  seq: number;
}

export interface StoredChunk extends ChunkKey {
  blob: Blob;
  uploaded: boolean;
}

/** One take of one answer, as the browser knows it. */
export interface TakeRecord {
  sessionId: string;
  questionIndex: number;
  take: number;
  mimeType: string;
  startedAt: number;
  /** The recorder stopped normally: the last chunk is stored and the take can be finalized. */
  finished: boolean;
  chunkCount?: number;
  durationMs?: number;
  /** SHA-256 and size of the take's chunks, computed while it was recorded (absent: the uploader computes them). */
  digest?: { sha256: string; sizeBytes: number };
  /** The server verified and stored it; its chunks are gone from here. */
  finalized: boolean;
  sizeBytes?: number;
  sha256?: string;
  /** A refusal no retry can fix (the reason is shown); the candidate re-records. */
  failed?: string;
}

export interface ChunkStore {
  putChunk(chunk: StoredChunk): Promise<void>;
  markUploaded(key: ChunkKey): Promise<void>;
  /** The take's chunks in seq order. */
  chunksOf(sessionId: string, questionIndex: number, take: number): Promise<StoredChunk[]>;
  putTake(take: TakeRecord): Promise<void>;
  takesOf(sessionId: string): Promise<TakeRecord[]>;
  /** Removes a take and its chunks (a replaced or abandoned take). */
  deleteTake(sessionId: string, questionIndex: number, take: number): Promise<void>;
  /** Removes a take's chunks but keeps its record (after the server verified it). */
  dropChunks(sessionId: string, questionIndex: number, take: number): Promise<void>;
}

const takeId = (t: { sessionId: string; questionIndex: number; take: number }) =>
  `${t.sessionId}/${t.questionIndex}/${t.take}`;

export function memoryChunkStore(): ChunkStore {
  const chunks = new Map<string, StoredChunk>();
  const takes = new Map<string, TakeRecord>();
  const chunkId = (c: ChunkKey) => `${takeId(c)}/${c.seq}`;
  const ofTake = (sessionId: string, questionIndex: number, take: number) =>
    [...chunks.values()]
      .filter((c) => c.sessionId === sessionId && c.questionIndex === questionIndex && c.take === take)
      .sort((a, b) => a.seq - b.seq);
  return {
    async putChunk(chunk) {
      chunks.set(chunkId(chunk), { ...chunk });
    },
    async markUploaded(key) {
      const chunk = chunks.get(chunkId(key));
      if (chunk) chunk.uploaded = true;
    },
    chunksOf: async (sessionId, questionIndex, take) => ofTake(sessionId, questionIndex, take).map((c) => ({ ...c })),
    async putTake(take) {
      takes.set(takeId(take), { ...take });
    },
    takesOf: async (sessionId) => [...takes.values()].filter((t) => t.sessionId === sessionId).map((t) => ({ ...t })),
    async deleteTake(sessionId, questionIndex, take) {
      for (const c of ofTake(sessionId, questionIndex, take)) chunks.delete(chunkId(c));
      takes.delete(takeId({ sessionId, questionIndex, take }));
    },
    async dropChunks(sessionId, questionIndex, take) {
      for (const c of ofTake(sessionId, questionIndex, take)) chunks.delete(chunkId(c));
    },
  };
}

const DB_NAME = "ai-interviewer-recordings";
const DB_VERSION = 1;

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
  });
}

// IndexedDB keeps the question's index of a chunk or take under the name `answer` (and in both key paths). Those
// records outlive a deploy in candidates' browsers, so the stored name never changes: records are mapped on the way in
// and out, and only this store sees the stored shape.
type Persisted<T extends { questionIndex: number }> = Omit<T, "questionIndex"> & { answer: number };
const persisted = <T extends { questionIndex: number }>({ questionIndex, ...rest }: T): Persisted<T> => ({
  ...rest,
  answer: questionIndex,
});
const restored = <T extends { questionIndex: number }>({ answer, ...rest }: Persisted<T>): T =>
  ({ ...rest, questionIndex: answer }) as unknown as T;

/** IndexedDB-backed store; rejects when IndexedDB is unavailable (the caller falls back to memory and says so). */
export async function indexedDbChunkStore(): Promise<ChunkStore> {
  if (typeof indexedDB === "undefined") throw new Error("IndexedDB is not available");
  const open = indexedDB.open(DB_NAME, DB_VERSION);
  open.onupgradeneeded = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains("chunks"))
      db.createObjectStore("chunks", { keyPath: ["sessionId", "answer", "take", "seq"] });
    if (!db.objectStoreNames.contains("takes"))
      db.createObjectStore("takes", { keyPath: ["sessionId", "answer", "take"] });
  };
  const db = await promised(open);
  // Arrays sort after numbers in IndexedDB, so [id, n, []] bounds every key that starts with [id, n].
  const takeRange = (s: string, a: number, t: number) => IDBKeyRange.bound([s, a, t, -Infinity], [s, a, t, []]);
  const write = async (stores: string[], work: (tx: IDBTransaction) => void) => {
    const tx = db.transaction(stores, "readwrite");
    work(tx);
    await done(tx);
  };
  return {
    putChunk: (chunk) => write(["chunks"], (tx) => tx.objectStore("chunks").put(persisted(chunk))),
    async markUploaded(key) {
      const tx = db.transaction(["chunks"], "readwrite");
      const store = tx.objectStore("chunks");
      const chunk = (await promised(store.get([key.sessionId, key.questionIndex, key.take, key.seq]))) as
        Persisted<StoredChunk> | undefined;
      if (chunk) store.put({ ...chunk, uploaded: true });
      await done(tx);
    },
    async chunksOf(sessionId, questionIndex, take) {
      const rows = (await promised(
        db
          .transaction(["chunks"])
          .objectStore("chunks")
          .getAll(takeRange(sessionId, questionIndex, take)),
      )) as Persisted<StoredChunk>[];
      return rows.map((c) => restored<StoredChunk>(c)).sort((a, b) => a.seq - b.seq);
    },
    putTake: (take) => write(["takes"], (tx) => tx.objectStore("takes").put(persisted(take))),
    async takesOf(sessionId) {
      const rows = (await promised(
        db
          .transaction(["takes"])
          .objectStore("takes")
          .getAll(IDBKeyRange.bound([sessionId, -Infinity], [sessionId, []])),
      )) as Persisted<TakeRecord>[];
      return rows.map((t) => restored<TakeRecord>(t));
    },
    deleteTake: (sessionId, questionIndex, take) =>
      write(["chunks", "takes"], (tx) => {
        tx.objectStore("chunks").delete(takeRange(sessionId, questionIndex, take));
        tx.objectStore("takes").delete([sessionId, questionIndex, take]);
      }),
    dropChunks: (sessionId, questionIndex, take) =>
      write(["chunks"], (tx) => tx.objectStore("chunks").delete(takeRange(sessionId, questionIndex, take))),
  };
}
