import http from "node:http";
import type { AddressInfo } from "node:net";
import { type ClaimGrants, TokenVerifier } from "livekit-server-sdk";
import { vi } from "vitest";
import { env } from "@/lib/env";

// Tests only: a LiveKit RoomService on a local port, speaking the Twirp JSON the SDK sends (POST
// /twirp/livekit.RoomService/<Method>, a Bearer JWT signed with our API key). It keeps rooms in memory and can answer
// late (a delay, or held until released) to play a slow or hanging relay, which a real server cannot be made to be.
// Everything a real server does do is tested against one (test/livekit-server.ts).

const PREFIX = "/twirp/livekit.RoomService/";
// The grant each method needs, as the LiveKit server checks it.
const REQUIRED_GRANT: Record<string, "roomCreate" | "roomList"> = {
  CreateRoom: "roomCreate",
  DeleteRoom: "roomCreate",
  ListRooms: "roomList",
};

export async function startTwirpStub() {
  const rooms = new Map<string, Record<string, unknown>>();
  const state = { delayMs: 0, hold: false, received: 0, inFlight: 0, maxInFlight: 0, aborted: 0 };
  const held: (() => void)[] = [];

  const server = http.createServer((req, res) => {
    state.received += 1;
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    let finished = false;
    const finish = () => {
      if (!finished) state.inFlight -= 1;
      finished = true;
    };
    res.on("close", () => {
      if (!res.writableFinished) state.aborted += 1;
      finish();
    });
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    const respond = () => {
      if (res.destroyed) return;
      void answer(req, raw).then(({ status, body }) => {
        if (!res.destroyed) res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      });
    };
    req.on("end", () => (state.hold ? held.push(respond) : setTimeout(respond, state.delayMs)));
  });

  async function answer(req: http.IncomingMessage, raw: string): Promise<{ status: number; body: unknown }> {
    const method = req.url?.startsWith(PREFIX) ? req.url.slice(PREFIX.length) : "";
    if (req.method !== "POST" || !REQUIRED_GRANT[method])
      return twirpError(404, "bad_route", `no handler for ${req.method} ${req.url}`);
    const authorization = req.headers.authorization ?? "";
    const { LIVEKIT_API_KEY, LIVEKIT_API_SECRET } = env();
    let claims: ClaimGrants;
    try {
      claims = await new TokenVerifier(LIVEKIT_API_KEY, LIVEKIT_API_SECRET).verify(
        authorization.replace(/^Bearer /, ""),
      );
    } catch {
      return twirpError(401, "unauthenticated", "invalid token");
    }
    const body = JSON.parse(raw || "{}") as Record<string, unknown>;
    if (!claims.video?.[REQUIRED_GRANT[method]!]) return twirpError(403, "permission_denied", "permissions denied");
    if (method === "CreateRoom") {
      const name = String(body.name);
      const room = { sid: `RM_${rooms.size + 1}`, ...body, name, creationTime: String(Math.floor(Date.now() / 1000)) };
      if (!rooms.has(name)) rooms.set(name, room);
      return { status: 200, body: rooms.get(name) };
    }
    if (method === "DeleteRoom") {
      if (!rooms.delete(String(body.room))) return twirpError(404, "not_found", "requested room does not exist");
      return { status: 200, body: {} };
    }
    const names = (body.names as string[] | undefined) ?? [];
    return {
      status: 200,
      body: { rooms: [...rooms.values()].filter((r) => names.length === 0 || names.includes(String(r.name))) },
    };
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    rooms,
    state,
    /** Answers the requests held so far (state.hold keeps new ones waiting until the next release). */
    release: () => {
      for (const respond of held.splice(0)) respond();
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type TwirpStub = Awaited<ReturnType<typeof startTwirpStub>>;

const twirpError = (status: number, code: string, msg: string) => ({ status, body: { code, msg } });

/** Captures the structured log lines written from now on, keeping them off the console; undo with vi.restoreAllMocks(). */
export function captureLogs() {
  const lines: Record<string, unknown>[] = [];
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    for (const line of String(chunk).split("\n").filter(Boolean)) {
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        lines.push({ message: line });
      }
    }
    return true;
  });
  return { lines, livekit: () => lines.filter((l) => String(l.message).startsWith("livekit.")) };
}

/** Polls until `check` holds (the stub learns of an aborted request a moment after the client gives up). */
export async function eventually(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
