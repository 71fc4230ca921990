import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";
import { peerHeaderValue, PEER_HEADER, readPeerAddress } from "./peer-address";

describe("clientIp", () => {
  it("uses the socket address when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientIp({ peer: "198.51.100.7", forwardedFor: "1.2.3.4", trustedHops: 0 })).toBe("198.51.100.7");
  });

  it("with trusted proxies, takes the address the outermost trusted proxy saw", () => {
    // client forged "1.2.3.4"; the proxy appended the real client 203.0.113.9.
    expect(clientIp({ peer: "10.0.0.2", forwardedFor: "1.2.3.4, 203.0.113.9", trustedHops: 1 })).toBe("203.0.113.9");
    expect(clientIp({ peer: "10.0.0.3", forwardedFor: "1.2.3.4, 203.0.113.9, 10.0.0.2", trustedHops: 2 })).toBe(
      "203.0.113.9",
    );
  });

  it("falls back to the leftmost entry when fewer hops than configured, and to the socket with no header", () => {
    expect(clientIp({ peer: "10.0.0.2", forwardedFor: "203.0.113.9", trustedHops: 3 })).toBe("203.0.113.9");
    expect(clientIp({ peer: "10.0.0.2", forwardedFor: null, trustedHops: 1 })).toBe("10.0.0.2");
  });

  it("unmaps IPv4-mapped IPv6 and drops garbage", () => {
    expect(clientIp({ peer: "::ffff:127.0.0.1", forwardedFor: null, trustedHops: 0 })).toBe("127.0.0.1");
    expect(clientIp({ peer: "::1", forwardedFor: null, trustedHops: 0 })).toBe("::1");
    expect(clientIp({ peer: null, forwardedFor: "<script>", trustedHops: 1 })).toBeNull();
  });
});

describe("peer address stamp", () => {
  it("round-trips a stamped address", () => {
    const headers = new Headers({ [PEER_HEADER]: peerHeaderValue("203.0.113.5") });
    expect(readPeerAddress(headers)).toBe("203.0.113.5");
  });

  it("rejects a client-forged stamp", () => {
    expect(readPeerAddress(new Headers({ [PEER_HEADER]: "1.2.3.4|forged" }))).toBeNull();
    expect(readPeerAddress(new Headers({ [PEER_HEADER]: "1.2.3.4" }))).toBeNull();
    expect(readPeerAddress(new Headers())).toBeNull();
  });
});
