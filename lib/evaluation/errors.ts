import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { NO_USAGE, type TokenUsage } from "./config";

// Why an evaluation call failed, and whether the job should try again later. Transient provider trouble (429, 5xx,
// timeouts, refused connections) is retryable. A request the provider rejects (other 4xx: bad key, unknown model,
// unsupported schema) will fail the same way again. A reply that is not the requested JSON (refusal, invalid JSON,
// wrong shape, cut off) has already been retried once inside the call before this error is raised.

export type EvaluationErrorKind =
  | "rate_limited"
  | "provider_error"
  | "timeout"
  | "connection"
  | "aborted"
  | "request_rejected"
  | "malformed_response"
  | "refusal"
  | "invalid_input";

const RETRYABLE: Record<EvaluationErrorKind, boolean> = {
  rate_limited: true,
  provider_error: true,
  timeout: true,
  connection: true,
  aborted: true,
  request_rejected: false,
  malformed_response: false,
  refusal: false,
  invalid_input: false,
};

export class EvaluationError extends Error {
  readonly retryable: boolean;
  /** The provider's HTTP status, when it answered with an error. */
  readonly status: number | undefined;

  constructor(
    readonly kind: EvaluationErrorKind,
    message: string,
    readonly extra: { status?: number; usage?: TokenUsage; replies?: number; latencyMs?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: extra.cause });
    this.name = "EvaluationError";
    this.retryable = RETRYABLE[kind];
    this.status = extra.status;
  }

  /** Tokens the provider billed before the failure (replies that were malformed still cost tokens). */
  get usage(): TokenUsage {
    return this.extra.usage ?? NO_USAGE;
  }
}

/** Turns what the SDK throws into an EvaluationError (unknown errors are rethrown as they are: they are bugs). */
export function classifyProviderError(error: unknown, usage: TokenUsage = NO_USAGE): EvaluationError {
  if (error instanceof EvaluationError) return error;
  if (error instanceof APIUserAbortError)
    return new EvaluationError("aborted", "The evaluation was aborted", { usage, cause: error });
  if (error instanceof APIConnectionTimeoutError)
    return new EvaluationError("timeout", "The evaluation provider did not answer in time", { usage, cause: error });
  if (error instanceof APIConnectionError)
    return new EvaluationError("connection", "Could not reach the evaluation provider", { usage, cause: error });
  if (error instanceof APIError && typeof error.status === "number") {
    const { status } = error;
    const kind: EvaluationErrorKind =
      status === 429
        ? "rate_limited"
        : status === 408
          ? "timeout"
          : status >= 500
            ? "provider_error"
            : "request_rejected";
    return new EvaluationError(kind, `The evaluation provider answered ${status}: ${error.message}`, {
      status,
      usage,
      cause: error,
    });
  }
  throw error;
}
