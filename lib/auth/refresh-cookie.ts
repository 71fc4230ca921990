import { readCookie } from "@/lib/http/cookies";
import { SESSION_LIFETIME_S } from "./sign-in-sessions";

// The refresh token cookie of the seed TRD contract: HttpOnly, Secure, SameSite=Strict, Path=/.

export const REFRESH_COOKIE = "refresh_token";

export function refreshCookie(token: string, maxAgeSeconds = SESSION_LIFETIME_S): string {
  return `${REFRESH_COOKIE}=${token}; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`;
}

export const clearedRefreshCookie = (): string =>
  `${REFRESH_COOKIE}=; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=0`;

export const readRefreshCookie = (headers: Headers): string | null => readCookie(headers, REFRESH_COOKIE);
