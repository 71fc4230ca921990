import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { AppError, notFound } from "@/lib/errors";

// Parsing the upload routes' path and body at the edge.

const INDEX = /^\d{1,6}$/; // answer and seq: small non-negative integers, no signs, no exponents

/** A path index that is not a plain small integer names nothing: 404. */
export function indexParam(value: string | string[] | undefined, what: string): number {
  if (typeof value !== "string" || !INDEX.test(value)) throw notFound(what);
  return Number(value);
}

/** The declared Content-Length, or null when the client streams without one. */
export function declaredLength(headers: Headers): number | null {
  const value = headers.get("content-length");
  return value !== null && /^\d+$/.test(value) ? Number(value) : null;
}

export function bodyStream(request: Request): Readable {
  return request.body ? Readable.fromWeb(request.body as WebReadableStream<Uint8Array>) : Readable.from([]);
}

/** The `take` query parameter of a chunk upload: absent means take 0. */
export function takeQuery(url: string): number {
  const value = new URL(url).searchParams.get("take");
  if (value === null) return 0;
  if (!INDEX.test(value)) {
    const msg = "take must be a non-negative integer";
    throw new AppError("VALIDATION", msg, { issues: [{ loc: ["query", "take"], msg, type: "int_parsing" }] });
  }
  return Number(value);
}
