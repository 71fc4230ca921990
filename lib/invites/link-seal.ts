import "server-only";
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { hashInvite } from "./token-value";

// Only the SHA-256 of an invite's value identifies it, so nobody can take a working link from the database. A reminder
// must still carry the candidate's own link (only a resend rotates it), so the value is also kept sealed: AES-256-GCM
// under a key derived from AUTH_SECRET. A copy of the database alone opens nothing; the seal opens only where the
// app's secret is. Keys are derived per purpose (HKDF), so neither use weakens the other or the sign-in cookies.

const SEAL_VERSION = "v1";
const IV_BYTES = 12; // GCM's standard nonce
const TAG_BYTES = 16;

const keyFor = (purpose: string): Buffer =>
  Buffer.from(hkdfSync("sha256", env().AUTH_SECRET, "ai-interviewer", purpose, 32));

let sealKey: { secret: string; key: Buffer } | null = null;
function linkKey(): Buffer {
  const secret = env().AUTH_SECRET;
  if (sealKey?.secret !== secret) sealKey = { secret, key: keyFor("invite-link-seal v1") };
  return sealKey.key;
}

/** The invite value sealed for the link_sealed column. */
export function sealInviteValue(value: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", linkKey(), iv);
  const sealed = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return `${SEAL_VERSION}.${Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString("base64url")}`;
}

/**
 * The invite value, or null when the seal is missing (an invite minted before seals existed), was made under another
 * AUTH_SECRET, or no longer matches the invite's hash (a stale copy): a reminder then goes out without a link.
 */
export function openInviteSeal(sealed: string | null, tokenHash: string): string | null {
  if (!sealed?.startsWith(`${SEAL_VERSION}.`)) return null;
  const raw = Buffer.from(sealed.slice(SEAL_VERSION.length + 1), "base64url");
  if (raw.length <= IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", linkKey(), raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    const value = Buffer.concat([
      decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
      decipher.final(),
    ]).toString("utf8");
    return hashInvite(value) === tokenHash ? value : null;
  } catch {
    return null;
  }
}

let unsubscribeKey: { secret: string; key: Buffer } | null = null;
function unsubscribeMac(tokenId: string): string {
  const secret = env().AUTH_SECRET;
  if (unsubscribeKey?.secret !== secret) unsubscribeKey = { secret, key: keyFor("reminder-unsubscribe v1") };
  return createHmac("sha256", unsubscribeKey.key).update(tokenId).digest("base64url");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The value in a reminder's unsubscribe link: the invite's id and its HMAC. It lets its holder stop reminders and
 * nothing else, so it can sit in a List-Unsubscribe header (kept with the outbox row) without being a second way in.
 */
export const unsubscribeValue = (tokenId: string): string => `${tokenId}.${unsubscribeMac(tokenId)}`;

/** The invite id an unsubscribe value vouches for, or null when it is malformed or forged. */
export function tokenIdOfUnsubscribeValue(value: string): string | null {
  const dot = value.indexOf(".");
  const tokenId = value.slice(0, dot);
  if (dot < 0 || !UUID.test(tokenId)) return null;
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(unsubscribeMac(tokenId));
  return given.length === expected.length && timingSafeEqual(given, expected) ? tokenId : null;
}
