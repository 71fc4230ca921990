import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_LOGIN, safeRedirectPath } from "./safe-redirect";

describe("safeRedirectPath", () => {
  it("keeps a path on this site, query included", () => {
    expect(safeRedirectPath("/dashboard/audit?action=LOGIN")).toBe("/dashboard/audit?action=LOGIN");
  });

  it.each([
    ["missing", undefined],
    ["not a string", ["/dashboard/users"]],
    ["empty", ""],
    ["absolute URL", "https://evil.example/phish"],
    ["protocol-relative", "//evil.example/phish"],
    ["backslash trick", "/\\evil.example"],
    ["relative path", "dashboard"],
    ["javascript URL", "javascript:alert(1)"],
    ["a tab that browsers drop", "/\t/evil.example"],
    ["a newline that browsers drop", "/\n/evil.example"],
    ["a carriage return (header injection)", "/dashboard\r\nSet-Cookie: x=1"],
  ])("falls back to the dashboard when %s", (_case, value) => {
    expect(safeRedirectPath(value)).toBe(DEFAULT_AFTER_LOGIN);
  });
});
