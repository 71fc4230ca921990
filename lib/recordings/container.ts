// Which container the assembled bytes really are, judged by magic bytes; the client's MIME type is only a claim.

export type Container = "webm" | "mp4";

/** Bytes needed from the start of the file to decide. */
export const SNIFF_BYTES = 12;

const EBML_MAGIC = [0x1a, 0x45, 0xdf, 0xa3]; // WebM / Matroska
const FTYP = [0x66, 0x74, 0x79, 0x70]; // "ftyp" box type at offset 4 in MP4

const startsWith = (head: Uint8Array, magic: number[], at = 0) => magic.every((byte, i) => head[at + i] === byte);

export function sniffContainer(head: Uint8Array): Container | null {
  if (startsWith(head, EBML_MAGIC)) return "webm";
  if (startsWith(head, FTYP, 4)) return "mp4";
  return null;
}

/** The declared type's container ("video/webm;codecs=vp8,opus" → "webm"), or null for anything we do not store. */
export function declaredContainer(mimeType: string): Container | null {
  const match = /^(?:video|audio)\/(webm|mp4)(?:\s*;.*)?$/i.exec(mimeType.trim());
  return match ? (match[1]!.toLowerCase() as Container) : null;
}
