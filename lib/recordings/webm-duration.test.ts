import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WEBM_HEAD, fixtureFile as fixture } from "@/test/kits/recordings";
import { webmDurationScan } from "./webm-duration";

// The fixtures: Chromium's MediaRecorder writes an unknown-size Segment and Clusters and no Duration; ffmpeg's remux
// of the 3 s one has known sizes, a SeekHead, Cues and a Duration. ffprobe puts their last packets at 2.940 s and
// 24.900 s.

function scan(bytes: Uint8Array, pieceBytes = bytes.length) {
  const s = webmDurationScan();
  for (let at = 0; at < bytes.length; at += pieceBytes) s.push(bytes.subarray(at, at + pieceBytes));
  return s.result();
}

// A tiny EBML writer for shapes the fixtures do not have.
const size8 = (n: number) => {
  const out = Buffer.alloc(8);
  out.writeUIntBE(n, 2, 6);
  out[0] = 0x01; // the 8-byte length marker
  return out;
};
const el = (id: number, body: Buffer) => Buffer.concat([Buffer.from(id.toString(16), "hex"), size8(body.length), body]);
const unknownSize = (id: number) =>
  Buffer.concat([Buffer.from(id.toString(16), "hex"), Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])]);
const uintEl = (id: number, value: number) => el(id, Buffer.from([value >> 8, value & 0xff]));
const block = (offset: number) => {
  const body = Buffer.alloc(20, 9);
  body[0] = 0x81; // track 1
  body.writeInt16BE(offset, 1);
  return el(0xa3, body);
};
const EBML = el(0x1a45dfa3, Buffer.from([0x42, 0x82, 0x84, ...Buffer.from("webm")]));

describe("WebM duration scan", () => {
  it("measures Chromium's MediaRecorder output to the millisecond, however the bytes are cut", () => {
    const short = fixture("chromium-3s.webm");
    expect(scan(short)).toMatchObject({ durationMs: 2940, complete: true });
    for (const piece of [1, 2, 3, 5, 7, 11, 13, 1000])
      expect(scan(short, piece)).toMatchObject({ durationMs: 2940, complete: true });
    expect(scan(fixture("chromium-25s.webm"), 4096)).toMatchObject({ durationMs: 24_900, complete: true });
  });

  it("gives the same answer for any way the stream is cut into pieces", () => {
    const file = fixture("chromium-3s.webm");
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: file.length - 1 }), { maxLength: 40 }), (cuts) => {
        const s = webmDurationScan();
        let from = 0;
        for (const at of [...cuts].sort((a, b) => a - b)) s.push(file.subarray(from, (from = at)));
        s.push(file.subarray(from));
        expect(s.result()).toEqual({ durationMs: 2940, blocks: 80, complete: true });
      }),
    );
  });

  it("reads known-size clusters, cues and a Duration element alike (ffmpeg's remux)", () => {
    expect(scan(fixture("ffmpeg-remux-3s.webm"), 7)).toMatchObject({ durationMs: 2940, complete: true });
  });

  it("uses the Segment's TimecodeScale and the span from the first block to the last", () => {
    const info = el(0x1549a966, el(0x2ad7b1, Buffer.from([0x1e, 0x84, 0x80]))); // 2 000 000 ns per tick
    const cluster = (time: number, ...offsets: number[]) =>
      Buffer.concat([unknownSize(0x1f43b675), uintEl(0xe7, time), ...offsets.map(block)]);
    const file = Buffer.concat([EBML, unknownSize(0x18538067), info, cluster(100, 0, 50), cluster(1000, -10, 400)]);
    expect(scan(file, 3)).toEqual({ durationMs: (1400 - 100) * 2, blocks: 4, complete: true });
  });

  it("stops at bytes that are not WebM and keeps what it measured", () => {
    expect(scan(Buffer.concat([WEBM_HEAD, Buffer.alloc(500, 7)]))).toMatchObject({
      durationMs: null,
      blocks: 0,
      complete: false,
    });
    const short = fixture("chromium-3s.webm");
    const truncated = scan(short.subarray(0, 4000));
    expect(truncated.complete).toBe(false);
    expect(truncated.durationMs).toBeGreaterThan(0);
    expect(truncated.durationMs).toBeLessThan(2940);
    const garbage = scan(Buffer.concat([short, Buffer.from([0x00, 0x01, 0x02])]));
    expect(garbage).toMatchObject({ durationMs: 2940, complete: false });
    expect(garbage.problem).toMatch(/no element id/);
  });

  it("refuses shapes a player refuses: an unknown size on a leaf, a block outside a timed cluster", () => {
    expect(scan(Buffer.concat([EBML, unknownSize(0x18538067), unknownSize(0xa3)])).problem).toMatch(/unknown size/);
    expect(scan(Buffer.concat([EBML, unknownSize(0x18538067), block(0)])).problem).toMatch(
      /before its cluster's timecode/,
    );
  });
});
