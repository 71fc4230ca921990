import { describe, expect, it } from "vitest";
import { clientKey } from "./login-throttle";

describe("throttle client key", () => {
  it("an IPv4 address is one client", () => {
    expect(clientKey("203.0.113.7")).toBe("203.0.113.7");
  });

  it("an IPv6 client is its /64, however the address is written", () => {
    expect(clientKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:0DB8:0001:0002:0:0:0:9")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientKey("::1")).toBe("0:0:0:0::/64");
  });

  it("no address is a shared key", () => {
    expect(clientKey(null)).toBe("unknown");
  });
});
