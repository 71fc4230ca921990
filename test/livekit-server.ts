import { type Room, RoomServiceClient } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, vi } from "vitest";
import { type Env, setEnvForTests } from "@/lib/env";
import {
  freeLivekitPorts,
  LIVEKIT_BIN,
  livekitBinary,
  type LivekitServer,
  startLivekitServer,
} from "@/scripts/livekit/server-process";

// Integration tests against a real LiveKit server (the binary `npm run livekit:install` builds), one per test file on
// free loopback ports. Without the binary those suites do not run and the file says so once, unless
// LIVEKIT_REQUIRED=1 (CI), where a missing server fails the file instead of passing it silently.

export const REAL_LIVEKIT_KEY = "APIrealServerTestKey";
// At least 32 characters, as the server wants; distinctive, so a test can tell it never leaked.
export const REAL_LIVEKIT_SECRET = "real-livekit-test-secret-that-must-never-leak-0001";

const installed = livekitBinary() !== null;
if (!installed) {
  if (process.env.LIVEKIT_REQUIRED === "1") {
    throw new Error(`LIVEKIT_REQUIRED=1 but there is no LiveKit server at ${LIVEKIT_BIN}: npm run livekit:install`);
  }
  console.warn(`Real LiveKit server tests did not run: no LiveKit server at ${LIVEKIT_BIN} (npm run livekit:install)`);
}

/** describe() for suites that need the real server: they run only when it is installed. */
export const describeWithLivekit = describe.runIf(installed);

type LivekitEnv = Pick<Env, "LIVEKIT_URL" | "LIVEKIT_API_KEY" | "LIVEKIT_API_SECRET">;

/**
 * Registers a real LiveKit server for the enclosing suite: started before its first test with LIVEKIT_URL and the key
 * pair pointing at it, stopped after its last. Call inside describeWithLivekit.
 */
export function useLivekitServer() {
  let server: LivekitServer | undefined;
  let settings: LivekitEnv | undefined;
  const admin = () => new RoomServiceClient(handle.server.httpUrl, REAL_LIVEKIT_KEY, REAL_LIVEKIT_SECRET);
  const handle = {
    get server(): LivekitServer {
      if (!server) throw new Error("the LiveKit server is not started yet");
      return server;
    },
    /** The app's settings for this server, with any other overrides (setEnvForTests replaces earlier ones). */
    env(overrides: Partial<Env> = {}): Partial<Env> {
      if (!settings) throw new Error("the LiveKit server is not started yet");
      return { ...settings, ...overrides };
    },
    /** The server's rooms as it reports them (by name, or all of them), asked with our own client. */
    rooms: (names?: string[]): Promise<Room[]> => admin().listRooms(names),
    /** Deletes every room, so a test sees only the rooms it opened. */
    async clearRooms(): Promise<void> {
      const client = admin();
      for (const room of await client.listRooms()) await client.deleteRoom(room.name);
    },
  };
  beforeAll(async () => {
    server = await startLivekitServer({
      ports: await freeLivekitPorts(),
      keys: { [REAL_LIVEKIT_KEY]: REAL_LIVEKIT_SECRET },
    });
    settings = { LIVEKIT_URL: server.url, LIVEKIT_API_KEY: REAL_LIVEKIT_KEY, LIVEKIT_API_SECRET: REAL_LIVEKIT_SECRET };
    setEnvForTests(settings);
  });
  afterAll(async () => {
    await server?.stop();
    setEnvForTests(undefined);
  });
  return handle;
}

/**
 * Counts the API (Twirp) requests this process sends to the server from now on, ours included: the SDK calls the
 * global fetch, which is watched (and still does its work) until vi.restoreAllMocks().
 */
export function countRequests(server: LivekitServer): () => number {
  const spy = vi.spyOn(globalThis, "fetch");
  const from = spy.mock.calls.length;
  const origin = new URL(server.httpUrl).origin;
  const isApiCall = ([input]: Parameters<typeof fetch>) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    return url.origin === origin && url.pathname.startsWith("/twirp/"); // not startLivekitServer's readiness checks
  };
  return () => spy.mock.calls.slice(from).filter(isApiCall).length;
}
