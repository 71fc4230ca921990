import { RECORDING_LIMITS } from "@/lib/recordings/limits";

// How many request-body bytes each route may receive. The server enforces these before the app sees a byte (see
// body-limit-guard.ts, installed by lib/server/boot.ts), so no route, Auth.js's included, can be made to buffer an
// unbounded body; route code keeps its own, equal or tighter, checks.

/** Every JSON body, form and anything else: our JSON bodies are a few KiB; more is a mistake or an attack. */
export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024; // bytes (64 KiB)

/** Server actions (POST with a Next-Action header): Next's own default bodySizeLimit ("1mb"). */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 1024 * 1024; // bytes (1 MiB)

/** A recording chunk: the chunk limit plus room for framing, so the route's own 8 MiB check speaks first. */
export const CHUNK_UPLOAD_BODY_LIMIT_BYTES = RECORDING_LIMITS.chunkMaxBytes + 64 * 1024; // bytes (8 MiB + 64 KiB)

// PUT /api/candidates/sessions/{id}/recordings/{answer}/chunks/{seq}
const CHUNK_UPLOAD_PATH = /^\/api\/candidates\/sessions\/[^/]+\/recordings\/[^/]+\/chunks\/[^/]+\/?$/;

export interface BodyLimitRequest {
  method?: string;
  /** The request target as sent: path and query. */
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}

/** The most body bytes `request` may send. */
export function bodyLimitFor(request: BodyLimitRequest): number {
  const path = (request.url ?? "").split("?", 1)[0]!;
  if (request.method === "PUT" && CHUNK_UPLOAD_PATH.test(path)) return CHUNK_UPLOAD_BODY_LIMIT_BYTES;
  if (request.method === "POST" && request.headers["next-action"] !== undefined) return SERVER_ACTION_BODY_LIMIT_BYTES;
  return DEFAULT_BODY_LIMIT_BYTES;
}

/**
 * The declared Content-Length in bytes, or null when none is declared (chunked, or no body). Node's parser already
 * refuses a malformed one; should one get through anyway, it counts as too large.
 */
export function declaredLength(headers: BodyLimitRequest["headers"]): number | null {
  const raw = headers["content-length"];
  if (raw === undefined) return null;
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? "";
  return /^\d+$/.test(value) ? Number(value) : Number.POSITIVE_INFINITY;
}
