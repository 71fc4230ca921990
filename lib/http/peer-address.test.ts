import { describe, expect, it } from "vitest";
import { PEER_HEADER, peerHeaderValue, readPeerAddress } from "./peer-address";

const headersWith = (value: string) => new Headers({ [PEER_HEADER]: value });

describe("the peer address stamp", () => {
  it("reads back what the server stamped, for IPv4 and IPv6 addresses", () => {
    for (const address of ["203.0.113.7", "::ffff:127.0.0.1", "2001:db8::1"]) {
      expect(readPeerAddress(headersWith(peerHeaderValue(address)))).toBe(address);
    }
  });

  it("refuses a header a client forged or altered, and a missing one", () => {
    const stamped = peerHeaderValue("203.0.113.7");
    expect(readPeerAddress(headersWith(stamped.replace("203.0.113.7", "198.51.100.1")))).toBeNull();
    expect(readPeerAddress(headersWith("198.51.100.1|not-a-signature"))).toBeNull();
    expect(readPeerAddress(headersWith("198.51.100.1"))).toBeNull();
    expect(readPeerAddress(new Headers())).toBeNull();
  });

  it("keeps verifying after its signature cache fills and starts over (more addresses than it holds)", () => {
    const first = peerHeaderValue("10.0.0.1");
    for (let i = 0; i < 10_050; i++) peerHeaderValue(`10.1.${i >> 8}.${i & 255}`);
    expect(readPeerAddress(headersWith(first))).toBe("10.0.0.1");
    expect(peerHeaderValue("10.0.0.1")).toBe(first);
  });
});
