// Measures a WebM recording's real duration from its bytes, fed in pieces as they stream past: nothing is buffered
// beyond the few bytes of an element header cut by a piece boundary. MediaRecorder writes no Duration element and
// gives the Segment and its Clusters an unknown size, so the duration is the span of the block timestamps: each
// Cluster's Timecode plus each SimpleBlock's (or Block's) signed 16-bit offset, in TimecodeScale units (1 ms unless
// the Segment's Info says otherwise).
//
// The scan is flat: it steps into the few master elements on the way to a timestamp (Segment, Info, Cluster,
// BlockGroup) and skips every other element by its size, so known and unknown sizes read alike. At the first bytes
// that are not a well-formed element it stops and keeps what it measured (`complete: false`); players stop there too.

const ID = {
  Segment: 0x18538067,
  Info: 0x1549a966,
  TimecodeScale: 0x2ad7b1,
  Cluster: 0x1f43b675,
  Timecode: 0xe7,
  BlockGroup: 0xa0,
  Block: 0xa1,
  SimpleBlock: 0xa3,
} as const;

const STEP_INTO = new Set<number>([ID.Segment, ID.Info, ID.Cluster, ID.BlockGroup]);
const MAY_HAVE_UNKNOWN_SIZE = new Set<number>([ID.Segment, ID.Cluster]);
const DEFAULT_TIMECODE_SCALE = 1_000_000; // nanoseconds per tick
/** The most bytes one step needs: an element header (4-byte id + 8-byte size) or a block's track number and offset. */
const MAX_STEP_BYTES = 12;
const EMPTY = Buffer.alloc(0);

export interface WebmTiming {
  /** Last block timestamp minus the first, in ms; null when no block was found. */
  durationMs: number | null;
  blocks: number;
  /** The bytes were well-formed to the end and did not stop inside an element. */
  complete: boolean;
  /** Why the scan stopped early, when it did. */
  problem?: string;
}

export interface WebmDurationScan {
  push(bytes: Uint8Array): void;
  result(): WebmTiming;
}

/** Length of an EBML variable-length integer from its first byte (1-8), or 0 when the byte cannot start one. */
const vintLength = (first: number) => (first === 0 ? 0 : Math.clz32(first) - 23);

export function webmDurationScan(): WebmDurationScan {
  let carry: Buffer = EMPTY; // bytes of a step cut by a piece boundary
  let skip = 0; // bytes of the current element still to pass over
  let leaf: { id: number; size: number } | null = null; // an element whose payload is read next
  let problem: string | undefined;
  let scale = DEFAULT_TIMECODE_SCALE;
  let clusterTime: number | null = null;
  let first = Infinity;
  let last = -Infinity;
  let blocks = 0;

  const stop = (why: string) => {
    problem = why;
    return 0;
  };

  const uint = (buf: Uint8Array, at: number, length: number) => {
    let value = 0;
    for (let i = 0; i < length; i++) value = value * 256 + buf[at + i]!;
    return value;
  };

  /** Reads one element header at `pos`; answers the bytes used, or 0 when more are needed (or on a problem). */
  function header(buf: Uint8Array, pos: number): number {
    const available = buf.length - pos;
    const idLength = vintLength(buf[pos]!);
    if (idLength === 0 || idLength > 4) return stop(`no element id at byte ${pos}`);
    if (available < idLength + 1) return 0;
    const sizeLength = vintLength(buf[pos + idLength]!);
    if (sizeLength === 0) return stop("an element size longer than 8 bytes");
    if (available < idLength + sizeLength) return 0;
    const id = uint(buf, pos, idLength);
    const sizeAt = pos + idLength;
    const marker = 0x80 >> (sizeLength - 1);
    let size = buf[sizeAt]! & (marker - 1);
    let unknown = size === marker - 1;
    for (let i = 1; i < sizeLength; i++) {
      size = size * 256 + buf[sizeAt + i]!;
      unknown &&= buf[sizeAt + i] === 0xff;
    }
    if (unknown && !MAY_HAVE_UNKNOWN_SIZE.has(id)) return stop(`element 0x${id.toString(16)} of unknown size`);
    const used = idLength + sizeLength;
    if (STEP_INTO.has(id)) {
      if (id === ID.Cluster) clusterTime = null;
      return used;
    }
    if (id === ID.Timecode || id === ID.TimecodeScale) {
      if (size < 1 || size > 8) return stop(`a timestamp of ${size} bytes`);
      leaf = { id, size };
    } else if (id === ID.SimpleBlock || id === ID.Block) {
      if (clusterTime === null) return stop("a block before its cluster's timecode");
      leaf = { id, size };
    } else {
      skip = size;
    }
    return used;
  }

  /** Reads the payload of the pending leaf (a timestamp, or the head of a block). */
  function payload(buf: Uint8Array, pos: number): number {
    const { id, size } = leaf!;
    const available = buf.length - pos;
    if (id === ID.SimpleBlock || id === ID.Block) {
      const trackLength = vintLength(buf[pos]!);
      if (trackLength === 0 || trackLength + 2 > size) return stop("a block without a timestamp");
      if (available < trackLength + 2) return 0;
      const view = new DataView(buf.buffer, buf.byteOffset + pos + trackLength, 2);
      const at = clusterTime! + view.getInt16(0);
      first = Math.min(first, at);
      last = Math.max(last, at);
      blocks += 1;
      leaf = null;
      skip = size - trackLength - 2;
      return trackLength + 2;
    }
    if (available < size) return 0;
    const value = uint(buf, pos, size);
    if (id === ID.Timecode) clusterTime = value;
    else if (value === 0) return stop("a TimecodeScale of 0");
    else scale = value;
    leaf = null;
    return size;
  }

  const step = (buf: Uint8Array, pos: number) => (leaf ? payload(buf, pos) : header(buf, pos));

  return {
    push(bytes) {
      let pos = 0;
      while (pos < bytes.length && problem === undefined) {
        if (skip > 0) {
          // Bytes held over from the previous piece come first.
          const fromCarry = Math.min(skip, carry.length);
          carry = carry.subarray(fromCarry);
          skip -= fromCarry;
          const n = Math.min(skip, bytes.length - pos);
          skip -= n;
          pos += n;
          continue;
        }
        if (carry.length > 0) {
          const taken = Math.min(MAX_STEP_BYTES - carry.length, bytes.length - pos);
          const joined = Buffer.concat([carry, bytes.subarray(pos, pos + taken)]);
          const used = step(joined, 0);
          if (used === 0) {
            if (problem !== undefined) break;
            carry = joined;
            pos += taken;
            if (carry.length >= MAX_STEP_BYTES) stop("an element header that does not end");
          } else if (used < carry.length) {
            carry = carry.subarray(used);
          } else {
            pos += used - carry.length;
            carry = EMPTY;
          }
          continue;
        }
        const used = step(bytes, pos);
        if (used === 0) {
          if (problem !== undefined) break;
          carry = Buffer.from(bytes.subarray(pos)); // a copy: the caller may reuse its buffer
          pos = bytes.length;
        } else {
          pos += used;
        }
      }
    },
    result() {
      const durationMs = blocks === 0 ? null : Math.round(((last - first) * scale) / 1_000_000);
      const complete = problem === undefined && carry.length === 0 && skip === 0 && leaf === null;
      return { durationMs, blocks, complete, ...(problem !== undefined ? { problem } : {}) };
    },
  };
}
