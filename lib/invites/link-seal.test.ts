import { afterEach, describe, expect, it } from "vitest";
import { setEnvForTests } from "@/lib/env";
import { openInviteSeal, sealInviteValue, tokenIdOfUnsubscribeValue, unsubscribeValue } from "./link-seal";
import { hashInvite, newInviteValue } from "./token-value";

afterEach(() => setEnvForTests(undefined));

describe("the sealed invite link", () => {
  it("opens to the same value, and each seal differs (a fresh nonce)", () => {
    const value = newInviteValue();
    const sealed = sealInviteValue(value);
    expect(sealed).not.toContain(value);
    expect(sealInviteValue(value)).not.toBe(sealed);
    expect(openInviteSeal(sealed, hashInvite(value))).toBe(value);
  });

  it("opens nothing that is missing, tampered with, stale (rotated since) or sealed under another secret", () => {
    const value = newInviteValue();
    const sealed = sealInviteValue(value);
    expect(openInviteSeal(null, hashInvite(value))).toBeNull();
    const flipped = `${sealed.slice(0, -2)}${sealed.endsWith("AA") ? "BB" : "AA"}`;
    expect(openInviteSeal(flipped, hashInvite(value))).toBeNull();
    expect(openInviteSeal(sealed, hashInvite(newInviteValue()))).toBeNull();
    setEnvForTests({ AUTH_SECRET: "another-secret-of-at-least-thirty-two-bytes!!" });
    expect(openInviteSeal(sealed, hashInvite(value))).toBeNull();
  });
});

describe("the unsubscribe value", () => {
  const tokenId = "145cc812-f32e-400a-9809-9c46d2319701";

  it("vouches for its invite only under the app's secret", () => {
    const value = unsubscribeValue(tokenId);
    expect(tokenIdOfUnsubscribeValue(value)).toBe(tokenId);
    expect(tokenIdOfUnsubscribeValue(value.replace(tokenId, "245cc812-f32e-400a-9809-9c46d2319701"))).toBeNull();
    expect(tokenIdOfUnsubscribeValue(`${tokenId}.`)).toBeNull();
    expect(tokenIdOfUnsubscribeValue("not-a-value")).toBeNull();
    setEnvForTests({ AUTH_SECRET: "another-secret-of-at-least-thirty-two-bytes!!" });
    expect(tokenIdOfUnsubscribeValue(value)).toBeNull();
  });
});
