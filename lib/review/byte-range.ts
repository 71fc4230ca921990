// HTTP Range requests for recordings (RFC 9110 §14), pure. Only the `bytes` unit and ONE range are served: a media
// element asks for one range at a time. Anything we do not serve as a range is ignored, as the RFC allows, so the
// client gets the whole file with 200: another unit, a malformed header, or several ranges (`bytes=0-1,5-9`).

export type RangeOutcome =
  | { kind: "full" }
  | { kind: "partial"; start: number; end: number }
  /** Well-formed, but no byte of it exists: 416 with `Content-Range: bytes * / size`. */
  | { kind: "unsatisfiable" };

const FULL = { kind: "full" } as const;
const UNSATISFIABLE = { kind: "unsatisfiable" } as const;
const SPEC = /^(\d*)-(\d*)$/;

export function parseRange(header: string | null, size: number): RangeOutcome {
  const match = /^\s*bytes\s*=(.*)$/i.exec(header ?? "");
  if (!match) return FULL;
  const specs = match[1]!.split(",").map((s) => s.trim());
  if (specs.length !== 1) return FULL;
  const spec = SPEC.exec(specs[0]!);
  if (!spec || (spec[1] === "" && spec[2] === "")) return FULL;
  const [first, last] = [spec[1]!, spec[2]!];
  if (first === "") {
    // bytes=-n: the last n bytes.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return UNSATISFIABLE;
    return { kind: "partial", start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== "" && Number(last) < start) return FULL; // invalid, so ignored
  if (start >= size) return UNSATISFIABLE;
  return { kind: "partial", start, end: last === "" ? size - 1 : Math.min(Number(last), size - 1) };
}

/** Does an If-None-Match header name this strong ETag (weak comparison, as the RFC asks for it)? */
export function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t.replace(/^W\//, "") === etag;
  });
}
