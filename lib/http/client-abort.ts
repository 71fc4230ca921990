import { AppError } from "@/lib/errors";

// A client that hangs up while its body is being read (closed tab, lost network, a load tester stopping) makes the
// body stream fail with "aborted" / ECONNRESET. That is the client's doing, not an outage of ours: answer 400 (nobody
// is listening) instead of letting the handler's error mapping call it a database outage.

export function isClientAbort(error: unknown): boolean {
  const e = error as { code?: unknown; name?: unknown; message?: unknown } | null;
  // The AWS SDK's own failures (a reset or silent S3) carry $metadata: an outage of ours, which the browser retries.
  if (isAwsSdkError(error)) return false;
  return (
    e?.code === "ECONNRESET" ||
    e?.code === "ERR_STREAM_PREMATURE_CLOSE" ||
    e?.name === "AbortError" ||
    e?.message === "aborted"
  );
}

export const bodyCutOff = () => new AppError("BAD_REQUEST", "The request body was cut off before it ended");

/** A failure the AWS SDK raised (S3 answered with an error, or its connection failed after the SDK's retries). */
export const isAwsSdkError = (error: unknown): boolean =>
  typeof (error as { $metadata?: unknown } | null)?.$metadata === "object";
