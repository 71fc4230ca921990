import path from "node:path";
import { type APIRequestContext, expect, type Page, type WebSocket } from "@playwright/test";
import { RoomServiceClient, TrackType } from "livekit-server-sdk";
import { LIVEKIT_DEV_KEY, LIVEKIT_DEV_SECRET } from "../../lib/env";
import { type LivekitServer, livekitBinary, startLivekitServer } from "../../scripts/livekit/server-process";

// The real LiveKit server the relay project (e2e/relay/) runs against: built by `npm run livekit:install`, started
// here on fixed loopback ports that the e2e app server is configured with (playwright.config.ts), and sending its
// webhooks to that app. The other e2e projects run with it stopped: local mode is their subject.

export const E2E_LIVEKIT_PORTS = { http: 7890, rtcTcp: 7891, rtcUdp: 7892 };
export const E2E_LIVEKIT_URL = `ws://127.0.0.1:${E2E_LIVEKIT_PORTS.http}`;
/** The candidates' join-token lifetime in the e2e app (a test setting): short, so refreshes happen during an answer. */
export const E2E_CANDIDATE_TOKEN_TTL_S = 45;

export const relayAvailable = () => livekitBinary() !== null;

export async function startRelay(appBaseUrl: string): Promise<LivekitServer> {
  return startLivekitServer({
    ports: E2E_LIVEKIT_PORTS,
    keys: { [LIVEKIT_DEV_KEY]: LIVEKIT_DEV_SECRET },
    webhookKey: LIVEKIT_DEV_KEY,
    webhookUrls: [`${appBaseUrl}/api/livekit/webhook`],
    logFile: path.join(import.meta.dirname, "..", "..", "test-results", "livekit-server.log"),
  });
}

export const roomService = () =>
  new RoomServiceClient(`http://127.0.0.1:${E2E_LIVEKIT_PORTS.http}`, LIVEKIT_DEV_KEY, LIVEKIT_DEV_SECRET);

/** Waits until the app's own status check reaches the relay (this also closes its circuit breaker). */
export async function expectAppReachesRelay(
  request: APIRequestContext,
  headers: Record<string, string>,
): Promise<void> {
  await expect
    .poll(
      async () =>
        ((await (await request.get("/api/livekit/status", { headers })).json()) as { reachable?: boolean }).reachable,
      { timeout: 20_000, intervals: [250, 500, 1000] },
    )
    .toBe(true);
}

/** The candidate's tracks as the server lists them: kinds of the participant `candidate-<session id>`. */
export async function candidateTracks(
  room: string,
  sessionId: string,
): Promise<{ video: number; audio: number } | null> {
  const participants = await roomService()
    .listParticipants(room)
    .catch(() => []);
  const candidate = participants.find((p) => p.identity === `candidate-${sessionId}`);
  if (!candidate) return null;
  return {
    video: candidate.tracks.filter((t) => t.type === TrackType.VIDEO).length,
    audio: candidate.tracks.filter((t) => t.type === TrackType.AUDIO).length,
  };
}

/** Every signalling connection the page opens to the relay, with the join token it presented. */
export function recordSignalling(page: Page): { tokens: string[]; opened: WebSocket[] } {
  const seen = { tokens: [] as string[], opened: [] as WebSocket[] };
  page.on("websocket", (ws) => {
    const url = new URL(ws.url());
    if (url.port !== String(E2E_LIVEKIT_PORTS.http)) return;
    seen.opened.push(ws);
    const token = url.searchParams.get("access_token");
    if (token) seen.tokens.push(token);
  });
  return seen;
}

/** A JWT's claims, unverified (the server already verified it by accepting the connection). */
export function claimsOf(token: string): { exp: number; sub?: string } {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as { exp: number; sub?: string };
}
