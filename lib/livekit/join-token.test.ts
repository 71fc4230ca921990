import { AccessToken, TokenVerifier } from "livekit-server-sdk";
import { describe, expect, it } from "vitest";
import { candidateGrant, candidateIdentity } from "./candidate-grant";
import { signJoinToken } from "./join-token";

const KEY = "APIjoinTokenTest";
const SECRET = "a-secret-long-enough-for-hs256-signing-0123456789";

const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
const headerOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split(".")[0]!, "base64url").toString("utf8")) as Record<string, unknown>;

describe("signJoinToken", () => {
  it("signs a token LiveKit's own TokenVerifier accepts, with the claims AccessToken would give", async () => {
    const identity = candidateIdentity("3f9c1f1e-0000-4000-8000-000000000001");
    const grant = candidateGrant("interview-room-1");
    // Both in the same second, so nbf and exp agree.
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const ours = signJoinToken({
      apiKey: KEY,
      apiSecret: SECRET,
      identity,
      name: "Zoë Ångström",
      ttlSeconds: 600,
      grant,
      now,
    });
    const reference = new AccessToken(KEY, SECRET, { identity, name: "Zoë Ångström", ttl: 600 });
    reference.addGrant(candidateGrant("interview-room-1"));
    const theirs = await reference.toJwt();

    const verified = await new TokenVerifier(KEY, SECRET).verify(ours);
    expect(verified.sub).toBe(identity);
    expect(verified.video).toMatchObject({
      room: "interview-room-1",
      roomJoin: true,
      canPublishSources: ["camera", "microphone"],
    });
    expect(headerOf(ours)).toEqual({ alg: "HS256" });
    const expected = claimsOf(theirs);
    // AccessToken stamps nbf from its own clock: compare the window, not the instant.
    expect(claimsOf(ours)).toEqual({ ...expected, nbf: now.getTime() / 1000, exp: now.getTime() / 1000 + 600 });
    expect(Math.abs((expected.nbf as number) - now.getTime() / 1000)).toBeLessThanOrEqual(1);
  });

  it("is refused by a verifier holding another secret, and once expired", async () => {
    const token = signJoinToken({
      apiKey: KEY,
      apiSecret: SECRET,
      identity: "candidate-x",
      ttlSeconds: 60,
      grant: candidateGrant("r"),
    });
    await expect(new TokenVerifier(KEY, `${SECRET}-other`).verify(token)).rejects.toThrow();
    const old = signJoinToken({
      apiKey: KEY,
      apiSecret: SECRET,
      identity: "candidate-x",
      ttlSeconds: 60,
      grant: candidateGrant("r"),
      now: new Date(Date.now() - 3600_000),
    });
    await expect(new TokenVerifier(KEY, SECRET).verify(old, 0)).rejects.toThrow();
  });

  it("follows a rotated secret (the cached key is per secret)", async () => {
    const first = signJoinToken({
      apiKey: KEY,
      apiSecret: SECRET,
      identity: "a",
      ttlSeconds: 60,
      grant: candidateGrant("r"),
    });
    const rotated = signJoinToken({
      apiKey: KEY,
      apiSecret: `${SECRET}-2`,
      identity: "a",
      ttlSeconds: 60,
      grant: candidateGrant("r"),
    });
    await expect(new TokenVerifier(KEY, SECRET).verify(first)).resolves.toMatchObject({ sub: "a" });
    await expect(new TokenVerifier(KEY, `${SECRET}-2`).verify(rotated)).resolves.toMatchObject({ sub: "a" });
    await expect(new TokenVerifier(KEY, SECRET).verify(rotated)).rejects.toThrow();
  });
});
