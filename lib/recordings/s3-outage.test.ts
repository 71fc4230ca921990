import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PUT as chunkRoute } from "@/app/api/candidates/sessions/[id]/recordings/[answer]/chunks/[seq]/route";
import { setEnvForTests } from "@/lib/env";
import { isClientAbort } from "@/lib/http/client-abort";
import { actorFrom } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { s3RecordingStorage } from "./s3-storage";
import { send, startedSession, useTempDataDir } from "@/test/kits/recordings";

// An S3 that resets connections or never answers is an outage of ours, not the candidate hanging up: the chunk route
// answers 503 (which the room retries), never 400 (which it gives up on) or a request that hangs.

const fixture = useTestDb();
useTempDataDir();
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");

/** A TCP server that resets every connection once it is sent something, or (silent) never answers at all. */
async function brokenS3(kind: "reset" | "silent") {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    if (kind === "reset") socket.on("data", () => socket.resetAndDestroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const settings = (endpoint: string) => ({
  S3_BUCKET: "recordings",
  S3_ENDPOINT: endpoint,
  S3_ACCESS_KEY_ID: "outage-test",
  S3_SECRET_ACCESS_KEY: "outage-test-secret",
  S3_FORCE_PATH_STYLE: true,
});

describe("S3 outages", () => {
  let reset: Awaited<ReturnType<typeof brokenS3>>;
  let silent: Awaited<ReturnType<typeof brokenS3>>;
  beforeAll(async () => {
    reset = await brokenS3("reset");
    silent = await brokenS3("silent");
  });
  afterAll(async () => {
    await reset.close();
    await silent.close();
  });
  afterEach(() => setEnvForTests(undefined));

  it("a chunk upload to an S3 that resets its connections is a 503, not the client's cut-off body", async () => {
    const s = await startedSession(hr());
    setEnvForTests(settings(reset.endpoint));
    const response = await send(chunkRoute, {
      method: "PUT",
      path: `/api/candidates/sessions/${s.sessionId}/recordings/0/chunks/0`,
      params: { id: s.sessionId, answer: "0", seq: "0" },
      body: new Uint8Array(Buffer.alloc(2048, 1)),
      headers: { authorization: `Bearer ${s.resumeToken}` },
    });
    expect(response.status).toBe(503);
    expect(response.json).toMatchObject({ code: "service_unavailable" });
  });

  it("an S3 that never answers fails the request after the idle timeout instead of holding it forever", async () => {
    const storage = s3RecordingStorage({
      bucket: "recordings",
      region: "us-east-1",
      endpoint: silent.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: "outage-test", secretAccessKey: "outage-test-secret" },
      idleTimeoutMs: 300,
    });
    const started = Date.now();
    const error = await storage
      .stat("00000000-0000-0000-0000-000000000000/00000000-0000-0000-0000-000000000001/0/recording")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(isClientAbort(error)).toBe(false);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
