import type { IncomingMessage, ServerResponse } from "node:http";
import { bodyLimitFor, declaredLength } from "./body-limit";

// Enforces the body limits of body-limit.ts on the raw Node request, for every route the server answers (Auth.js's
// included, which reads req.json()/req.text() with no limit of its own). A declared Content-Length over the limit is
// refused before the app sees the request; a chunked body is counted as the parser hands it over and cut off the
// moment it passes the limit, so at most `limit` bytes ever reach the app's buffers.
//
// A refused client usually is still sending. Closing at once would reset the connection with its bytes unread, and a
// reset can destroy the 413 in the client's receive buffer before it is read. So, like nginx's lingering close, the
// rest of the body is read and thrown away (nothing is kept) until it ends, for at most LINGER_MS and
// LINGER_MAX_BYTES, and only then is the connection closed.

const LINGER_MS = 5_000; // ms an over-limit client may go on sending (discarded) before its connection is closed
const LINGER_MAX_BYTES = 16 * 1024 * 1024; // bytes discarded at most before the connection is closed anyway

function tooLargeResponse(limit: number): Buffer {
  const body = JSON.stringify({ detail: `Request body too large (at most ${limit} bytes)`, code: "payload_too_large" });
  const head = [
    "HTTP/1.1 413 Payload Too Large",
    "content-type: application/json",
    `content-length: ${Buffer.byteLength(body)}`,
    "cache-control: no-store",
    "connection: close",
  ];
  return Buffer.from(`${head.join("\r\n")}\r\n\r\n${body}`);
}

/**
 * After our 413, whatever the app still writes for this request must neither reach the client (it would follow the
 * 413 on the wire) nor throw. Every byte a ServerResponse sends goes through `_writeRaw`, which Node itself turns
 * into a silent no-op once the socket is destroyed; this does the same while we linger. 'finish' still fires, so
 * the server's own bookkeeping (and the app's) completes as usual.
 */
function mute(res: ServerResponse): void {
  const raw = res as unknown as { _writeRaw?: (data: unknown, encoding?: unknown, callback?: unknown) => boolean };
  if (typeof raw._writeRaw !== "function") return;
  raw._writeRaw = (_data, encoding, callback) => {
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") process.nextTick(done as () => void);
    return true;
  };
}

/**
 * What the app's body stream fails with. Next still logs one for a server action (as it does for any client that
 * hangs up mid-action); it carries no stack because there is no fault of ours to trace, just this line.
 */
function cutOff(): Error {
  const error = new Error("The request body went past its limit and was cut off after a 413");
  error.name = "AbortError";
  error.stack = `${error.name}: ${error.message}`;
  return error;
}

/** Answers 413 on the wire, then discards the rest of the body and closes the connection (see above). */
function refuse(req: IncomingMessage, res: ServerResponse, limit: number) {
  const socket = req.socket;
  let answered = false;
  let bodyEnded = false;
  let discarded = 0;
  let closing = false;
  const close = () => {
    if (closing) return;
    closing = true;
    clearTimeout(timer);
    // Not from inside the parser's callback that got us here. The app's body stream fails first, with an AbortError:
    // Next, our handlers and Auth.js's logger take that for a client that went away, where the connection-reset
    // error of a bare socket.destroy() would be logged with its stack.
    setImmediate(() => {
      req.destroy(cutOff());
      socket.destroy();
    });
  };
  const timer = setTimeout(close, LINGER_MS).unref();
  socket.once("close", () => clearTimeout(timer));

  res.shouldKeepAlive = false;
  // Once the app has started its own answer, a 413 cannot be sent any more: the connection is just closed.
  if (!res.headersSent && socket.writable) {
    socket.write(tooLargeResponse(limit), () => {
      answered = true;
      if (bodyEnded) close();
    });
  } else {
    close();
  }
  mute(res);

  /** Takes the place of push() from now on: the app never gets another byte, nor the end of the body. */
  return (chunk: Buffer | null): boolean => {
    if (chunk === null) {
      bodyEnded = true;
      if (answered) close();
    } else {
      discarded += chunk.length;
      if (discarded > LINGER_MAX_BYTES) close();
    }
    return true; // keep the parser reading, so the client's sending is not stalled while we discard
  };
}

/**
 * Installs the body limit on one request. Returns false when the request was refused at once (a declared length over
 * its limit): the caller must not hand it to the app.
 */
export function guardRequestBody(req: IncomingMessage, res: ServerResponse, limit = bodyLimitFor(req)): boolean {
  const declared = declaredLength(req.headers);
  // Node's parser delivers exactly the declared length, so only a chunked body needs counting; a request with neither
  // header has no body at all.
  if (declared !== null && declared <= limit) return true;
  if (declared === null && req.headers["transfer-encoding"] === undefined) return true;

  const push = req.push.bind(req);
  let received = 0;
  let discard: ((chunk: Buffer | null) => boolean) | undefined;
  req.push = (chunk: Buffer | null, encoding?: BufferEncoding): boolean => {
    if (discard) return discard(chunk);
    if (chunk !== null) {
      received += chunk.length;
      if (received > limit) {
        discard = refuse(req, res, limit);
        return true;
      }
    }
    return push(chunk, encoding);
  };
  if (declared === null) return true;
  discard = refuse(req, res, limit);
  return false;
}
