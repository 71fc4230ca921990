import { describe, expect, it } from "vitest";
import { describeDevice, deviceKey, networkOf } from "./device";

const CHROME_MAC_131 =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const CHROME_MAC_132 = CHROME_MAC_131.replace("131.0.0.0", "132.0.6834.83");
const FIREFOX_UBUNTU = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";
const EDGE_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";

describe("describeDevice", () => {
  it("names a browser and its OS without versions", () => {
    expect(describeDevice(CHROME_MAC_131)).toEqual({ label: "Chrome on macOS", browser: true, family: "chrome|macos" });
    expect(describeDevice(FIREFOX_UBUNTU).label).toBe("Firefox on Ubuntu");
    expect(describeDevice(SAFARI_IPHONE).label).toBe("Mobile Safari on iOS");
    expect(describeDevice(EDGE_WINDOWS).label).toBe("Edge on Windows");
  });

  it("shows an API client's user agent, cut to 60 characters, and 'API client' when there is none", () => {
    expect(describeDevice("curl/8.5.0")).toEqual({ label: "curl/8.5.0", browser: false, family: "client:curl" });
    expect(describeDevice("python-requests/2.31.0").family).toBe("client:python-requests");
    const long = `my-sdk/1.0 ${"x".repeat(100)}`;
    expect(describeDevice(long).label).toHaveLength(60);
    expect(describeDevice(long).label.endsWith("…")).toBe(true);
    expect(describeDevice(null)).toEqual({ label: "API client", browser: false, family: "unknown" });
    expect(describeDevice("   ").label).toBe("API client");
  });
});

describe("networkOf", () => {
  it("keeps an IPv4 address whole and cuts IPv6 to its /64", () => {
    expect(networkOf("203.0.113.7")).toBe("203.0.113.7");
    expect(networkOf("203.0.113.7/32")).toBe("203.0.113.7");
    expect(networkOf("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(networkOf("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(networkOf("2001:0db8:0001:0002::1")).toBe("2001:db8:1:2::/64");
    expect(networkOf("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(networkOf("::1")).toBe("0:0:0:0::/64");
    expect(networkOf(null)).toBeNull();
  });
});

describe("deviceKey", () => {
  it("is the same across browser updates and IPv6 hosts of one /64, and differs across browsers and networks", () => {
    const key = (userAgent: string | null, ipAddress: string | null) => deviceKey({ userAgent, ipAddress });
    expect(key(CHROME_MAC_131, "203.0.113.7")).toBe(key(CHROME_MAC_132, "203.0.113.7"));
    expect(key(CHROME_MAC_131, "2001:db8:1:2::10")).toBe(key(CHROME_MAC_131, "2001:db8:1:2:ffff::99"));
    expect(key(CHROME_MAC_131, "203.0.113.7")).not.toBe(key(FIREFOX_UBUNTU, "203.0.113.7"));
    expect(key(CHROME_MAC_131, "203.0.113.7")).not.toBe(key(CHROME_MAC_131, "203.0.113.8"));
    expect(key(CHROME_MAC_131, "2001:db8:1:2::10")).not.toBe(key(CHROME_MAC_131, "2001:db8:1:3::10"));
    expect(key("curl/8.5.0", "203.0.113.7")).toBe(key("curl/8.6.0", "203.0.113.7"));
  });
});
