import { Readable } from "node:stream";
import { json } from "@/lib/http/api-handler";
import { etagMatches, parseRange } from "./byte-range";
import type { OpenedRecording } from "./media";

// The HTTP answer for a recording: 200 whole file, 206 one range, 304 unchanged, 416 unsatisfiable. The body is
// streamed from storage (never buffered), and HEAD gets the same headers without opening the file.

// Private: only the signed-in viewer's browser may keep a copy, and must check back (cheap: ETag → 304) before use.
const CACHE_CONTROL = "private, max-age=0, must-revalidate";

function baseHeaders(recording: OpenedRecording): Headers {
  return new Headers({
    "content-type": recording.contentType,
    "content-disposition": `inline; filename="${recording.filename}"`,
    "cache-control": CACHE_CONTROL,
    "x-content-type-options": "nosniff",
    "accept-ranges": "bytes",
    etag: recording.etag,
    "last-modified": recording.lastModified.toUTCString(),
  });
}

/** If-Range names the representation the client holds a part of; for another one, it gets the whole file. */
function rangeStillValid(request: Request, recording: OpenedRecording): boolean {
  const ifRange = request.headers.get("if-range");
  return !ifRange || ifRange.trim() === recording.etag || ifRange.trim() === recording.lastModified.toUTCString();
}

export function recordingResponse(request: Request, recording: OpenedRecording): Response {
  const headers = baseHeaders(recording);
  if (etagMatches(request.headers.get("if-none-match"), recording.etag))
    return new Response(null, { status: 304, headers });

  const size = recording.sizeBytes;
  const outcome = rangeStillValid(request, recording)
    ? parseRange(request.headers.get("range"), size)
    : { kind: "full" as const };
  if (outcome.kind === "unsatisfiable") {
    return json(
      { detail: "Requested range not satisfiable", code: "range_not_satisfiable" },
      { status: 416, headers: { "content-range": `bytes */${size}` } },
    );
  }
  const range = outcome.kind === "partial" ? { start: outcome.start, end: outcome.end } : undefined;
  if (range) headers.set("content-range", `bytes ${range.start}-${range.end}/${size}`);
  headers.set("content-length", String(range ? range.end - range.start + 1 : size));
  const body = request.method === "HEAD" ? null : (Readable.toWeb(recording.read(range)) as ReadableStream<Uint8Array>);
  return new Response(body, { status: range ? 206 : 200, headers });
}
