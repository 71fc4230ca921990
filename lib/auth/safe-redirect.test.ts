import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { authRedirect, DEFAULT_AFTER_LOGIN, safeRedirectPath } from "./safe-redirect";

const PROBE = "http://probe.test";

/** What a browser does with a Location header: the target must stay on our origin, at a path no layer reads as a host. */
function expectSameSitePath(path: string): void {
  expect(path.startsWith("/")).toBe(true);
  const followed = new URL(path, PROBE);
  expect(followed.origin).toBe(PROBE);
  let decoded = followed.pathname;
  for (let round = 0; round < 5; round++) {
    expect(decoded.startsWith("//")).toBe(false);
    expect(decoded.startsWith("/\\")).toBe(false);
    expect(new URL(decoded.replace(/[\t\n\r]/g, ""), PROBE).origin).toBe(PROBE);
    decoded = decodeURIComponent(decoded);
  }
}

// Each of these reached a browser as a Location another site could own, or would after one decoding layer.
const HOSTILE: [string, unknown][] = [
  ["dot segment before a double slash", "/.//evil.example/"],
  ["encoded dot-dot before a double slash", "/%2e%2e//x"],
  ["upper-case encoded dot-dot", "/%2E%2E//evil.example"],
  ["dot-dot climbing out of a folder", "/a/..//evil.example"],
  ["two encoded dot-dots", "/%2e%2e/%2e%2e//evil.example"],
  ["mixed dot segments", "/./%2e/.//evil.example"],
  ["encoded slash after a dot", "/.%2F/evil.example"],
  ["encoded slash", "/%2F/evil.example"],
  // Found by the fuzz below: resolving "/%/.." drops the bad escape, decoding it first does not.
  ["an escape left malformed by one decoding", "/%25%2f.."],
  ["encoded slashes", "/%2f%2fevil.example"],
  ["double-encoded slashes", "/%252F%252Fevil.example"],
  ["encoded backslash", "/%5C/evil.example"],
  ["encoded backslash, lower case", "/%5cevil.example"],
  ["encoded tab between slashes", "/%09/evil.example"],
  ["encoded newline between slashes", "/%0A/evil.example"],
  ["triple slash", "///evil.example"],
  ["protocol-relative", "//evil.example/phish"],
  ["backslash trick", "/\\evil.example"],
  ["backslash then slash", "\\/evil.example"],
  ["a tab that browsers drop", "/\t/evil.example"],
  ["a newline that browsers drop", "/\n/evil.example"],
  ["a carriage return (header injection)", "/dashboard\r\nSet-Cookie: x=1"],
  ["absolute URL", "https://evil.example/phish"],
  ["scheme without slashes", "http:evil.example"],
  ["javascript URL", "javascript:alert(1)"],
  ["relative path", "dashboard"],
  ["leading space", " /dashboard"],
  ["malformed escape", "/dashboard/%E0%A4%A"],
  ["missing", undefined],
  ["not a string", ["/dashboard/users"]],
  ["empty", ""],
  ["absurdly long", `/${"a".repeat(5000)}`],
];

describe("safeRedirectPath", () => {
  it("keeps a path on this site, query and fragment included", () => {
    expect(safeRedirectPath("/dashboard/audit?action=LOGIN")).toBe("/dashboard/audit?action=LOGIN");
    expect(safeRedirectPath("/dashboard/interviews/42#sessions")).toBe("/dashboard/interviews/42#sessions");
    expect(safeRedirectPath("/dashboard?next=//not-a-host")).toBe("/dashboard?next=//not-a-host");
  });

  it("normalises a harmless path the way the browser would", () => {
    expect(safeRedirectPath("/dashboard/./users/../audit")).toBe("/dashboard/audit");
    expect(safeRedirectPath("/dashboard/users%20list")).toBe("/dashboard/users%20list");
  });

  it.each(HOSTILE)("falls back to the dashboard for %s", (_case, value) => {
    expect(safeRedirectPath(value)).toBe(DEFAULT_AFTER_LOGIN);
  });

  it("fuzz: any input maps to a same-origin path no layer reads as a host, or to the default", () => {
    const pathish = fc
      .array(
        fc.constantFrom(
          "/",
          "\\",
          ".",
          "..",
          "%2e",
          "%2E",
          "%2f",
          "%2F",
          "%5c",
          "%25",
          "%09",
          "%0a",
          "\t",
          "\n",
          " ",
          "evil.example",
          "a",
          "?",
          "#",
          ":",
          "@",
          "http:",
          "%",
          "é",
        ),
        { maxLength: 12 },
      )
      .map((parts) => parts.join(""));
    const anyInput = fc.oneof(
      pathish,
      pathish.map((p) => `/${p}`),
      fc.string(),
      fc.webUrl(),
      fc.webPath(),
      fc.anything(),
    );
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = safeRedirectPath(input);
        if (result === DEFAULT_AFTER_LOGIN) return;
        expectSameSitePath(result);
        // A judged path is stable: judging it again (Auth.js does, after the login form) changes nothing.
        expect(safeRedirectPath(result)).toBe(result);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("Auth.js redirect callback", () => {
  const baseUrl = "http://localhost:3210";

  it("keeps our own paths and same-origin URLs, on our origin", () => {
    expect(authRedirect({ url: "/dashboard/users", baseUrl })).toBe(`${baseUrl}/dashboard/users`);
    expect(authRedirect({ url: `${baseUrl}/dashboard/audit?x=1`, baseUrl })).toBe(`${baseUrl}/dashboard/audit?x=1`);
    expect(authRedirect({ url: "/login", baseUrl })).toBe(`${baseUrl}/login`);
  });

  it.each(HOSTILE.filter(([, value]) => typeof value === "string") as [string, string][])(
    "sends %s to the dashboard",
    (_case, url) => {
      expect(authRedirect({ url, baseUrl })).toBe(`${baseUrl}${DEFAULT_AFTER_LOGIN}`);
    },
  );

  it("refuses another origin and same-origin URLs whose path would leave it", () => {
    expect(authRedirect({ url: "https://evil.example/", baseUrl })).toBe(`${baseUrl}${DEFAULT_AFTER_LOGIN}`);
    expect(authRedirect({ url: `${baseUrl}/.//evil.example/`, baseUrl })).toBe(`${baseUrl}${DEFAULT_AFTER_LOGIN}`);
    expect(authRedirect({ url: "http://localhost:3210.evil.example/", baseUrl })).toBe(
      `${baseUrl}${DEFAULT_AFTER_LOGIN}`,
    );
  });
});
