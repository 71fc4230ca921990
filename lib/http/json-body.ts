import { AppError } from "@/lib/errors";

const MAX_BODY_BYTES = 64 * 1024; // JSON bodies here are small; anything larger is a mistake or an attack

/**
 * Reads a JSON request body. An empty body reads as `undefined` so that optional bodies work and required ones
 * fail validation with 422; text that is not JSON is a 400.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "Request body too large");
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "Request body too large");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("BAD_REQUEST", "Invalid JSON body");
  }
}
