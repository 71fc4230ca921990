import { SESSION_LIFETIME_S } from "./sessions";

// The refresh token cookie of the seed TRD contract: HttpOnly, Secure, SameSite=Strict, Path=/.

export const REFRESH_COOKIE = "refresh_token";

export function refreshCookie(token: string, maxAgeSeconds = SESSION_LIFETIME_S): string {
  return `${REFRESH_COOKIE}=${token}; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`;
}

export const clearedRefreshCookie = (): string => `${REFRESH_COOKIE}=; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=0`;

export function readRefreshCookie(headers: Headers): string | null {
  const cookie = headers.get("cookie");
  if (!cookie) return null;
  for (const part of cookie.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === REFRESH_COOKIE) return rest.join("=") || null;
  }
  return null;
}
