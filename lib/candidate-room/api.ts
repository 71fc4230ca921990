import { type LivekitJoin, type StartedSession, recordingPath } from "@/lib/candidate-sessions/started-session";

// The candidate room's calls to the server. Every call resolves with the status and the JSON body, or rejects with
// NetworkError when no answer came back (offline, connection reset), which callers treat as "retry later".

export class NetworkError extends Error {
  constructor(cause: unknown) {
    super("No response from the server", { cause });
    this.name = "NetworkError";
  }
}

export interface ApiResult<T = Record<string, unknown>> {
  status: number;
  /** `code` is the API's stable reason (e.g. `session_revoked`): the room switches on it, never on `detail`. */
  body: Partial<T> & { detail?: unknown; code?: string };
}

export const ok = (r: ApiResult<unknown>) => r.status >= 200 && r.status < 300;

/** A status worth retrying: nothing was decided (server busy or failing, or rate limited). */
export const retryable = (status: number) => status === 408 || status === 429 || status >= 500;

/** The API's reason for a refusal, or "" when it gave none. */
export const codeOf = (result: ApiResult<unknown>): string =>
  typeof result.body.code === "string" ? result.body.code : "";

/** The invite was revoked while the interview ran: every later call of the session answers this. */
export const isWithdrawn = (result: ApiResult<unknown>) => codeOf(result) === "session_revoked";

/** The API's `detail` as one readable sentence. */
export function detailOf(result: ApiResult<unknown>, fallback: string): string {
  const detail = result.body.detail;
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail) && typeof detail[0]?.msg === "string") return detail[0].msg;
  return fallback;
}

async function call<T>(path: string, init: RequestInit): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, cache: "no-store" });
  } catch (error) {
    throw new NetworkError(error);
  }
  const body = (await response.json().catch(() => ({}))) as ApiResult<T>["body"];
  return { status: response.status, body };
}

const jsonInit = (method: string, body: unknown, token?: string): RequestInit => ({
  method,
  headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});

export interface FinalizeRequest {
  chunk_count: number;
  sha256: string;
  size_bytes: number;
  duration_ms?: number;
  mime_type: string;
  take: number;
}

/**
 * How a start asks: "resume" continues the session in progress and never uses an attempt (the resume token is the
 * given one, or else the cookie the last start set); "new" uses an attempt whatever resume token the browser holds.
 */
export type StartMode = { mode: "resume"; resumeToken?: string } | { mode: "new" };

export const roomApi = {
  consent: (invite: string, version: string) =>
    call<{ consent_id: string; accepted_at: string }>(
      "/api/candidates/interviews/consent",
      jsonInit("POST", { token: invite, version, accepted: true }),
    ),
  start: (invite: string, how: StartMode) =>
    call<StartedSession>(
      "/api/candidates/interviews/start-session",
      jsonInit("POST", {
        token: invite,
        mode: how.mode,
        ...(how.mode === "resume" && how.resumeToken ? { resume_token: how.resumeToken } : {}),
      }),
    ),
  complete: (invite: string, resumeToken: string) =>
    call<{ status: string; recording_count: number }>(
      "/api/candidates/interviews/complete-session",
      jsonInit("PATCH", { token: invite, resume_token: resumeToken }),
    ),
  putChunk: (sessionId: string, questionIndex: number, take: number, seq: number, blob: Blob, token: string) =>
    call<{ seq: number; stored: boolean }>(`${recordingPath(sessionId, questionIndex)}/chunks/${seq}?take=${take}`, {
      method: "PUT",
      headers: { "content-type": "application/octet-stream", authorization: `Bearer ${token}` },
      body: blob,
    }),
  finalize: (sessionId: string, questionIndex: number, token: string, body: FinalizeRequest) =>
    call<{ status: string; sha256: string; size_bytes: number }>(
      `${recordingPath(sessionId, questionIndex)}/finalize`,
      jsonInit("POST", body, token),
    ),
  retake: (sessionId: string, questionIndex: number, token: string, take: number) =>
    call<{ take: number; retakes_left: number; retakes_used: number }>(
      `${recordingPath(sessionId, questionIndex)}/retake`,
      jsonInit("POST", { take }, token),
    ),
  refreshLivekit: (sessionId: string, token: string) =>
    call<{ livekit: LivekitJoin }>(`/api/candidates/sessions/${sessionId}/livekit-token`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    }),
};

export type RoomApi = typeof roomApi;
