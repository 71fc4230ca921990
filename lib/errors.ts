// One error type for the whole app. Route wrappers and server actions turn it into a response; nothing else
// needs try/catch. The message of an AppError is safe to show a client.

import type { Reason } from "./errors/reasons";

export type { Reason } from "./errors/reasons";

export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  VALIDATION: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INSUFFICIENT_STORAGE: 507,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/** The `code` a response carries when the error names no finer reason. */
export const DEFAULT_REASON = {
  BAD_REQUEST: "bad_request",
  UNAUTHORIZED: "not_authenticated",
  FORBIDDEN: "forbidden",
  NOT_FOUND: "not_found",
  CONFLICT: "conflict",
  GONE: "gone",
  VALIDATION: "validation_error",
  PAYLOAD_TOO_LARGE: "payload_too_large",
  UNSUPPORTED_MEDIA_TYPE: "unsupported_media_type",
  RATE_LIMITED: "rate_limited",
  INSUFFICIENT_STORAGE: "storage_quota_exceeded",
  UNAVAILABLE: "service_unavailable",
} as const satisfies Record<ErrorCode, Reason>;

export interface AppErrorExtra {
  issues?: ValidationIssue[];
  retryAfterSeconds?: number;
  /**
   * A stable snake_case reason clients switch on (sent as `code` beside `detail`), e.g. `resume_conflict`. One of the
   * catalog's (lib/errors/reasons.ts), which documents it for the API reference.
   */
  reason?: Reason;
}

export class AppError extends Error {
  readonly status: number;
  /** What the response's `code` says: the given reason, or the status class's default. */
  readonly reason: Reason;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: AppErrorExtra = {},
  ) {
    super(message);
    this.name = "AppError";
    this.status = ERROR_STATUS[code];
    this.reason = extra.reason ?? DEFAULT_REASON[code];
  }
}

export const unauthorized = (message = "Not authenticated") => new AppError("UNAUTHORIZED", message);
export const forbidden = (message = "Insufficient permissions") => new AppError("FORBIDDEN", message);
export const notFound = (what = "Resource") => new AppError("NOT_FOUND", `${what} not found`);
