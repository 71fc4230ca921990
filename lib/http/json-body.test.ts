import { describe, expect, it } from "vitest";
import { readJsonBody } from "./json-body";

const streamOf = (chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
      controller.close();
    },
  });

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("http://localhost/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("readJsonBody", () => {
  it("parses JSON, reads an empty body as undefined, and refuses non-JSON with 400", async () => {
    expect(await readJsonBody(post('{"a":1}'))).toEqual({ a: 1 });
    expect(await readJsonBody(post(null))).toBeUndefined();
    await expect(readJsonBody(post("{nope"))).rejects.toMatchObject({ status: 400 });
  });

  it("refuses a body over 64 KiB with 413, declared or streamed without a length", async () => {
    await expect(readJsonBody(post("x", { "content-length": String(1024 * 1024) }))).rejects.toMatchObject({
      status: 413,
    });
    const chunks = Array.from({ length: 100 }, () => "x".repeat(1024));
    await expect(readJsonBody(post(streamOf(chunks)))).rejects.toMatchObject({ status: 413 });
    expect(await readJsonBody(post(streamOf(['{"ok":', "true}"])))).toEqual({ ok: true });
  });

  it("a client that hangs up mid-body is a 400, not an outage", async () => {
    const cut = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"a":'));
        controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
      },
    });
    await expect(readJsonBody(post(cut))).rejects.toMatchObject({
      status: 400,
      message: "The request body was cut off before it ended",
    });
    const broken = new ReadableStream<Uint8Array>({
      start: (controller) => controller.error(new TypeError("something else")),
    });
    await expect(readJsonBody(post(broken))).rejects.toBeInstanceOf(TypeError);
  });
});
