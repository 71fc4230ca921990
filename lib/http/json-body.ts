import { AppError } from "@/lib/errors";
import { DEFAULT_BODY_LIMIT_BYTES } from "./body-limit";
import { bodyCutOff, isClientAbort } from "./client-abort";

// The server already cuts every body at its route's limit (body-limit-guard.ts); this keeps a handler safe where
// that hook is not installed (tests, another server) with the very same number.
const MAX_BODY_BYTES = DEFAULT_BODY_LIMIT_BYTES;

const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", "Request body too large");

/**
 * Reads a body as UTF-8 text, at most MAX_BODY_BYTES, stopping as soon as a (possibly chunked, length-less) body goes
 * past it. Signed bodies (webhooks) verify against exactly this text.
 */
export async function readTextBody(request: Request): Promise<string> {
  if (Number(request.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read().catch((error: unknown) => {
      throw isClientAbort(error) ? bodyCutOff() : error;
    });
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Reads a JSON request body. An empty body reads as `undefined` so that optional bodies work and required ones
 * fail validation with 422; text that is not JSON is a 400.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await readTextBody(request);
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("BAD_REQUEST", "Invalid JSON body");
  }
}
