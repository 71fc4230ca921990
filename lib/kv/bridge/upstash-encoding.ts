// With `Upstash-Encoding: base64` the REST API base64-encodes every string in a result so binary values survive
// JSON; integers and nil stay as they are. Replies arrive from ioredis `callBuffer`, so strings are Buffers here.

export type ResultEncoding = "base64" | "utf8";

const OK = Buffer.from("OK");

export function encodeResult(reply: unknown, encoding: ResultEncoding): unknown {
  // Upstash leaves the top-level status reply "OK" readable. callBuffer cannot tell it from a stored value "OK", but
  // the client decodes a top-level "OK" to "OK" either way, so both come out right. Nested strings are always
  // encoded: the client base64-decodes every string inside an array, "OK" included.
  if (encoding === "base64" && Buffer.isBuffer(reply) && reply.equals(OK)) return "OK";
  return encodeValue(reply, encoding);
}

function encodeValue(value: unknown, encoding: ResultEncoding): unknown {
  if (Buffer.isBuffer(value)) return value.toString(encoding);
  if (Array.isArray(value)) return value.map((item) => encodeValue(item, encoding));
  // A Lua script can return an error inside a table; it reaches the client as that error's text.
  if (value instanceof Error) return Buffer.from(value.message).toString(encoding);
  return value;
}
