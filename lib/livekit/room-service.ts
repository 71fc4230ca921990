import "server-only";
import { type Room, RoomServiceClient } from "livekit-server-sdk";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

// Room lifecycle on the LiveKit server: a room is created when a session starts and deleted when it completes or is
// abandoned. Both are best effort: LiveKit creates a room on first join anyway, and an unjoined room closes itself
// after its empty timeout. So the candidate flow never waits on the relay. Callers fire these with `void` (they never
// reject) rather than Next's after(), which throws outside a request scope; `next start` is a long-lived process.
//
// A circuit breaker keeps an unreachable or slow relay from costing anything per request. After a failure (no
// answer, a timeout, or an error answer such as a wrong API key), calls are skipped without a network request for
// COOLDOWN_MS. While the relay is not known to answer, one call goes out as a trial and the others wait for its
// outcome in memory, so a burst of starts against a dead relay makes one request, not one per start. The outage is
// logged once when it begins and once when it ends, never per call.

export const MAX_OBSERVERS = 4; // staff watching live, besides the one candidate
export const ROOM_EMPTY_TIMEOUT_S = 10 * 60; // a room nobody joined closes itself after 10 minutes
export const ROOM_DEPARTURE_TIMEOUT_S = 2 * 60; // kept 2 minutes after the last participant leaves, for a reload
const REQUEST_TIMEOUT_MS = 2_000; // per call, including the status probe
const COOLDOWN_MS = 30_000; // after a failure, no request for this long
const MAX_IN_FLIGHT = 16; // against a relay known to answer; beyond this, calls are skipped

export type RoomOpOutcome = "done" | "skipped" | "failed";

export interface ProbeResult {
  reachable: boolean;
  url: string;
  latency_ms: number;
  /** The caller's company's rooms only: another company's interviews are none of its business. */
  rooms?: number;
  error?: string;
}

/** One ListRooms answer, shared by the status checks waiting on it. */
type Listing = Omit<ProbeResult, "rooms"> & { rooms?: Room[] };

const settings = { timeoutMs: REQUEST_TIMEOUT_MS, cooldownMs: COOLDOWN_MS };
const breaker = { state: "unknown" as "unknown" | "up" | "down", openUntil: 0, inFlight: 0 };
const pending = new Set<Promise<unknown>>();
let listing: Promise<Listing> | null = null;
let trial: Promise<void> | null = null;

/** Creates the session's room: one candidate plus observers; the metadata names the session, never the person. */
export function openRoom(input: { room: string; sessionId: string; companyId: string }): Promise<RoomOpOutcome> {
  return guarded("create", input.room, (client) =>
    client.createRoom({
      name: input.room,
      emptyTimeout: ROOM_EMPTY_TIMEOUT_S,
      departureTimeout: ROOM_DEPARTURE_TIMEOUT_S,
      maxParticipants: 1 + MAX_OBSERVERS,
      metadata: JSON.stringify({ session_id: input.sessionId, company_id: input.companyId }),
    }),
  );
}

/** Deletes the room, disconnecting anyone still in it. A room the server does not know is already closed. */
export function closeRoom(room: string): Promise<RoomOpOutcome> {
  return guarded("delete", room, (client) =>
    client.deleteRoom(room).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    }),
  );
}

/**
 * Asks the server for its rooms and counts the viewer's company's, by the metadata openRoom gave them. An explicit
 * status check really asks, even while the breaker skips lifecycle calls, but concurrent checks share one request
 * whoever asks (each counts its own company's rooms in the shared list), and its outcome opens or closes the breaker.
 */
export async function probe(viewer: { companyId: string }): Promise<ProbeResult> {
  listing ??= track(listRooms()).finally(() => {
    listing = null;
  });
  const { rooms, ...status } = await listing;
  return rooms ? { ...status, rooms: rooms.filter((room) => companyOf(room) === viewer.companyId).length } : status;
}

/** Resolves when every call started so far has finished; tests await it. */
export async function pendingRoomOps(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}

/** Tests: forget the breaker's state, optionally with shorter timings. */
export function resetRoomServiceForTests(overrides: Partial<typeof settings> = {}): void {
  Object.assign(settings, { timeoutMs: REQUEST_TIMEOUT_MS, cooldownMs: COOLDOWN_MS }, overrides);
  Object.assign(breaker, { state: "unknown", openUntil: 0, inFlight: 0 });
  trial = null;
}

async function listRooms(): Promise<Listing> {
  const url = publicUrl();
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  breaker.inFlight += 1;
  try {
    const rooms = await client().listRooms();
    recordSuccess();
    return { reachable: true, url, latency_ms: latency(), rooms };
  } catch (error) {
    const reason = safeReason(error);
    recordFailure(reason);
    return { reachable: false, url, latency_ms: latency(), error: reason };
  } finally {
    breaker.inFlight -= 1;
  }
}

/** The company a room was opened for; none for a room another client made (LiveKit creates one on first join). */
function companyOf(room: Room): string | undefined {
  try {
    const metadata = JSON.parse(room.metadata) as { company_id?: unknown } | null;
    return typeof metadata?.company_id === "string" ? metadata.company_id : undefined;
  } catch {
    return undefined;
  }
}

function guarded(
  op: "create" | "delete",
  room: string,
  call: (client: RoomServiceClient) => Promise<unknown>,
): Promise<RoomOpOutcome> {
  return track(
    (async (): Promise<RoomOpOutcome> => {
      const slot = await admit();
      if (!slot) return "skipped";
      try {
        await call(client());
        recordSuccess();
        return "done";
      } catch (error) {
        recordFailure(safeReason(error), { op, room });
        return "failed";
      } finally {
        breaker.inFlight -= 1;
        slot.release();
      }
    })(),
  );
}

function track<T>(promise: Promise<T>): Promise<T> {
  const settle = () => pending.delete(promise);
  pending.add(promise);
  promise.then(settle, settle);
  return promise;
}

/**
 * Takes an in-flight slot, or says the call is skipped. While the relay is not known to answer (never tried, or the
 * cooldown just ended) one call goes out as the trial and the others wait for its outcome in memory, never on the
 * network: they go ahead if it succeeded and are skipped if it failed.
 */
async function admit(): Promise<{ release: () => void } | null> {
  for (;;) {
    if (breaker.state === "down" && Date.now() < breaker.openUntil) return null;
    if (breaker.state === "up") {
      if (breaker.inFlight >= MAX_IN_FLIGHT) return null;
      breaker.inFlight += 1;
      return { release: () => {} };
    }
    if (!trial) {
      let done!: () => void;
      const gate = new Promise<void>((resolve) => (done = resolve));
      trial = gate;
      breaker.inFlight += 1;
      return {
        release: () => {
          if (trial === gate) trial = null;
          done();
        },
      };
    }
    await trial;
  }
}

function recordSuccess(): void {
  if (breaker.state === "down") log.info("livekit.reachable", { url: publicUrl() });
  breaker.state = "up";
}

function recordFailure(error: string, fields: Record<string, unknown> = {}): void {
  if (breaker.state !== "down") {
    log.warn("livekit.unreachable", { url: publicUrl(), error, retry_in_s: settings.cooldownMs / 1000, ...fields });
  }
  breaker.state = "down";
  breaker.openUntil = Date.now() + settings.cooldownMs;
}

function client(): RoomServiceClient {
  const { LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET } = env();
  // Failover retries other LiveKit Cloud regions; one request per call is what the breaker budgets for.
  return new RoomServiceClient(httpUrl(LIVEKIT_URL), LIVEKIT_API_KEY, LIVEKIT_API_SECRET, {
    requestTimeout: settings.timeoutMs / 1000,
    failover: false,
  });
}

/** The Twirp API is served over HTTP(S) on the same host as the WebSocket signalling URL. */
export function httpUrl(livekitUrl: string): string {
  const url = new URL(livekitUrl);
  if (url.protocol === "ws:") url.protocol = "http:";
  if (url.protocol === "wss:") url.protocol = "https:";
  return url.origin;
}

/** LIVEKIT_URL as it may be shown: scheme, host and path only (no credentials or query string). */
function publicUrl(): string {
  try {
    const url = new URL(env().LIVEKIT_URL);
    return `${url.protocol}//${url.host}${url.pathname === "/" ? "" : url.pathname}`;
  } catch {
    return "(invalid LIVEKIT_URL)";
  }
}

/** The SDK's TwirpError, by shape: a bundler may load the SDK twice, which defeats instanceof. */
function twirp(error: unknown): { status: number; code?: string; message: string } | null {
  const status = (error as { status?: unknown } | null)?.status;
  return error instanceof Error && typeof status === "number"
    ? (error as Error & { status: number; code?: string })
    : null;
}

const isNotFound = (error: unknown) => twirp(error)?.status === 404 || twirp(error)?.code === "not_found";

const JWT_LIKE = /eyJ[\w-]+\.[\w-]+\.[\w-]*/g;
const MAX_ERROR_CHARS = 200;

/** A short reason safe to log and to show staff: no token, key or secret, whatever the server echoed. */
function safeReason(error: unknown): string {
  let text: string;
  const answered = twirp(error);
  if (answered) text = `HTTP ${answered.status}${answered.code ? ` ${answered.code}` : ""}: ${answered.message}`;
  else if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))
    text = `timed out after ${settings.timeoutMs} ms`;
  else if (error instanceof Error) {
    const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
    text =
      typeof cause?.code === "string" ? cause.code : typeof cause?.message === "string" ? cause.message : error.message;
  } else text = "unknown error";
  const { LIVEKIT_API_KEY, LIVEKIT_API_SECRET } = env();
  for (const secret of [LIVEKIT_API_SECRET, LIVEKIT_API_KEY]) if (secret) text = text.split(secret).join("[redacted]");
  return text.replace(JWT_LIKE, "[redacted]").slice(0, MAX_ERROR_CHARS);
}
