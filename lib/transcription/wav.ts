// The one audio format this module hands around: RIFF/WAVE, PCM 16-bit little-endian. Pure helpers: read a header to
// find the samples, and write the 44-byte header of a piece cut from them.

export const SAMPLE_RATE = 16_000; // Hz: what Whisper-family models work at; more only makes uploads bigger
export const BYTES_PER_SAMPLE = 2; // 16-bit mono
export const WAV_HEADER_BYTES = 44;

export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Where the PCM samples start in the file, and how many bytes of them there are. */
  dataOffset: number;
  dataBytes: number;
  durationS: number;
}

/** Reads the header at the start of a WAV file (the first few KB suffice), or null when it is not PCM WAV. */
export function parseWav(head: Uint8Array): WavInfo | null {
  const view = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (view.length < 12 || view.toString("latin1", 0, 4) !== "RIFF" || view.toString("latin1", 8, 12) !== "WAVE")
    return null;
  let format: Pick<WavInfo, "sampleRate" | "channels" | "bitsPerSample"> | null = null;
  // Chunks follow one another (fmt, maybe LIST, data), each padded to an even length.
  for (let at = 12; at + 8 <= view.length;) {
    const id = view.toString("latin1", at, at + 4);
    const size = view.readUInt32LE(at + 4);
    if (id === "fmt " && at + 24 <= view.length) {
      const audioFormat = view.readUInt16LE(at + 8);
      // 1 = PCM; 0xFFFE = WAVE_FORMAT_EXTENSIBLE, which ffmpeg writes for some layouts (its subformat is PCM here).
      if (audioFormat !== 1 && audioFormat !== 0xfffe) return null;
      format = {
        channels: view.readUInt16LE(at + 10),
        sampleRate: view.readUInt32LE(at + 12),
        bitsPerSample: view.readUInt16LE(at + 22),
      };
    } else if (id === "data") {
      if (!format || format.sampleRate === 0 || format.channels === 0 || format.bitsPerSample === 0) return null;
      const frameBytes = format.channels * (format.bitsPerSample / 8);
      return { ...format, dataOffset: at + 8, dataBytes: size, durationS: size / frameBytes / format.sampleRate };
    }
    at += 8 + size + (size % 2);
  }
  return null;
}

/** The header of a mono 16-bit WAV holding `dataBytes` of samples. */
export function wavHeader(dataBytes: number, sampleRate = SAMPLE_RATE): Buffer {
  const header = Buffer.alloc(WAV_HEADER_BYTES);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write("WAVE", 8, "latin1");
  header.write("fmt ", 12, "latin1");
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * BYTES_PER_SAMPLE, 28); // byte rate
  header.writeUInt16LE(BYTES_PER_SAMPLE, 32); // block align
  header.writeUInt16LE(BYTES_PER_SAMPLE * 8, 34); // bits per sample
  header.write("data", 36, "latin1");
  header.writeUInt32LE(dataBytes, 40);
  return header;
}
