import { randomUUID } from "node:crypto";
import { AccessToken } from "livekit-server-sdk";
import { LIVEKIT_DEV_SECRET, parseEnv } from "../../lib/env";
import {
  DEFAULT_STAFF_PERMISSIONS,
  decideStaffGrant,
  staffIdentity,
  staffTokenTtlSeconds,
} from "../../lib/livekit/staff-grant";

// The ceiling: livekit-server-sdk minting the route's token in a tight loop in this process, one token after another
// on one core, with no HTTP, auth, database, audit or stats around it.

const WARMUP_MS = 1_000; // JIT and jose's key import settle
const LOOP_MS = 3_000; // measured part

export interface MintCeiling {
  tokensPerSec: number;
  tokens: number;
  seconds: number;
  /** The API key, and whether the secret is the dev default (never the secret itself). */
  key: string;
  devSecret: boolean;
}

/**
 * Mints with the key, secret and TTL that `serverEnv` gives the server, and the grant the route hands an ADMIN asking
 * for `permissions` in `room` (lib/livekit/staff-grant.ts decides it, as for the route).
 */
export async function measureMintCeiling(opts: {
  serverEnv: NodeJS.ProcessEnv;
  room: string;
  participantName: string;
  participantIdentity: string;
  permissions: { can_subscribe: boolean };
}): Promise<MintCeiling> {
  const { LIVEKIT_API_KEY: key, LIVEKIT_API_SECRET: secret, JWT_EXPIRY_HOURS } = parseEnv(opts.serverEnv);
  const decision = decideStaffGrant({
    role: "ADMIN",
    room: opts.room,
    mayObserveHidden: true,
    requested: { ...DEFAULT_STAFF_PERMISSIONS, ...opts.permissions },
  });
  if (!decision.ok) throw new Error(`the ceiling's grant was refused: ${decision.detail}`);
  const identity = staffIdentity(randomUUID(), opts.participantIdentity); // a user id of the same length as the route's
  const ttl = staffTokenTtlSeconds(JWT_EXPIRY_HOURS);
  const mint = async () => {
    const token = new AccessToken(key, secret, { identity, name: opts.participantName, ttl });
    token.addGrant(decision.grant);
    return token.toJwt();
  };

  const loop = async (ms: number) => {
    let tokens = 0;
    const started = performance.now();
    let elapsed = 0;
    while (elapsed < ms) {
      await mint();
      tokens++;
      elapsed = performance.now() - started;
    }
    return { tokens, seconds: elapsed / 1000 };
  };
  await loop(WARMUP_MS);
  const { tokens, seconds } = await loop(LOOP_MS);
  return { tokensPerSec: tokens / seconds, tokens, seconds, key, devSecret: secret === LIVEKIT_DEV_SECRET };
}
