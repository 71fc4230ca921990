import { Secret, TOTP } from "otpauth";

// RFC 6238 TOTP through otpauth (maintained, RFC-tested): 30-second steps, 6 digits, HMAC-SHA1, which every
// authenticator app reads from an otpauth:// URI. This file is the only place that knows those parameters; the rules
// around it (replay, throttle, audit) are in ./two-factor.ts.

export const TOTP_PERIOD_S = 30;
export const TOTP_DIGITS = 6;
/** Clock drift allowed between the phone and the server: one step either side. */
export const TOTP_DRIFT_STEPS = 1;
const ISSUER = "AI Interviewer";

export interface TotpParams {
  /** The shared secret, base32 (as in the otpauth URI). */
  secretBase32: string;
  digits?: number;
  algorithm?: "SHA1" | "SHA256" | "SHA512";
  period?: number;
}

const totpOf = (p: TotpParams, label = "") =>
  new TOTP({
    issuer: ISSUER,
    label,
    secret: Secret.fromBase32(p.secretBase32),
    digits: p.digits ?? TOTP_DIGITS,
    algorithm: p.algorithm ?? "SHA1",
    period: p.period ?? TOTP_PERIOD_S,
  });

/** A new random 160-bit secret (RFC 4226's recommended length), base32. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The base32 form of a raw secret (the RFC's test secrets are given as ASCII). */
export const base32OfUtf8 = (raw: string): string => Secret.fromUTF8(raw).base32;

/** The otpauth:// URI an authenticator app reads from the QR code. */
export const totpUri = (p: TotpParams, account: string): string => totpOf(p, account).toString();

/** The time step (counter) that `now` falls in. */
export const totpStep = (now: Date, period = TOTP_PERIOD_S): number => Math.floor(now.getTime() / 1000 / period);

/** The code for `now` (tests and the RFC vectors). */
export const totpCode = (p: TotpParams, now: Date): string => totpOf(p).generate({ timestamp: now.getTime() });

/**
 * The time step the code belongs to when it is valid at `now` within ±TOTP_DRIFT_STEPS, else null. The caller refuses
 * a step at or before the last one accepted, so a code cannot be replayed within its window.
 */
export function matchTotp(p: TotpParams, code: string, now: Date): number | null {
  const digits = p.digits ?? TOTP_DIGITS;
  if (!new RegExp(`^\\d{${digits}}$`).test(code)) return null;
  const delta = totpOf(p).validate({ token: code, timestamp: now.getTime(), window: TOTP_DRIFT_STEPS });
  return delta === null ? null : totpStep(now, p.period) + delta;
}
