import { afterEach, describe, expect, it } from "vitest";
import { setEnvForTests } from "@/lib/env";
import { assertFetchable, SsoUrlRefused } from "./guarded-fetch";
import { normalizeDomain, domainOfEmail } from "./domains";

afterEach(() => setEnvForTests(undefined));

const refusal = (url: string) =>
  assertFetchable(new URL(url)).then(
    () => "allowed",
    (e: unknown) => (e instanceof SsoUrlRefused ? e.reason : `threw ${String(e)}`),
  );

describe("assertFetchable (the issuer is a URL an ADMIN typed and the server fetches)", () => {
  it("refuses plain http, credentials in the URL, and private, loopback, link-local and metadata addresses", async () => {
    expect(await refusal("http://example.com/")).toBe("not_https");
    expect(await refusal("ftp://example.com/")).toBe("not_https");
    expect(await refusal("https://user:pw@example.com/")).toBe("bad_url");
    for (const host of [
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "127.0.0.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "[::1]",
      "[fd00::1]",
      "[fe80::1]",
      "[::ffff:10.0.0.1]",
      "[::ffff:169.254.169.254]",
    ])
      expect(await refusal(`https://${host}/`), host).toBe("private_address");
  });

  it("refuses a host name that resolves to a private address, or to nothing", async () => {
    expect(await refusal("https://localhost/")).toBe("private_address");
    expect(await refusal("https://no-such-host.invalid/")).toBe("unresolvable");
  });

  it("allows https to a public address", async () => {
    expect(await refusal("https://93.184.215.14/")).toBe("allowed");
    expect(await refusal("https://[2606:4700::1111]/")).toBe("allowed");
  });

  it("allows plain http to loopback only under test or a local demo", async () => {
    expect(await refusal("http://127.0.0.1:4000/")).toBe("allowed"); // NODE_ENV=test
    expect(await refusal("http://10.0.0.5:4000/")).toBe("not_https");
    setEnvForTests({ NODE_ENV: "production", LOCAL_DEMO: false });
    expect(await refusal("http://127.0.0.1:4000/")).toBe("not_https");
    setEnvForTests({ NODE_ENV: "production", LOCAL_DEMO: true });
    expect(await refusal("http://localhost:4000/")).toBe("allowed");
  });
});

describe("email domains", () => {
  it("normalises what an ADMIN types, and refuses what is not a domain", () => {
    expect(normalizeDomain(" @Example.COM. ")).toBe("example.com");
    expect(normalizeDomain("bücher.example")).toBe("xn--bcher-kva.example");
    for (const bad of [
      "",
      "localhost",
      "exa mple.com",
      "-a.com",
      "a-.com",
      "1.2.3.4",
      "a..com",
      "x".repeat(64) + ".com",
    ])
      expect(normalizeDomain(bad), bad).toBeNull();
  });

  it("takes an address's domain after its last @", () => {
    expect(domainOfEmail("a@b@Acme.Test")).toBe("acme.test");
    expect(domainOfEmail("nobody")).toBeNull();
  });
});
