import type { SessionView } from "./manage-sessions";

/** A sign-in session as the API answers it (snake_case, ISO instants). */
export function toSessionJson(session: SessionView) {
  return {
    id: session.id,
    kind: session.kind,
    method: session.method,
    device: session.device,
    browser: session.browser,
    user_agent: session.userAgent,
    ip_address: session.ipAddress,
    created_at: session.createdAt.toISOString(),
    last_seen_at: session.lastSeenAt?.toISOString() ?? null,
    expires_at: session.expiresAt.toISOString(),
    current: session.current,
  };
}
