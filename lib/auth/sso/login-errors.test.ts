import { describe, expect, it } from "vitest";
import { loginErrorMessage, SSO_LOGIN_FAILED } from "./login-errors";
import { SSO_REFUSALS } from "./sign-in";

describe("loginErrorMessage", () => {
  it("is null without an error", () => {
    expect(loginErrorMessage(undefined)).toBeNull();
    expect(loginErrorMessage("")).toBeNull();
  });

  it("has its own sentence for every refusal of a company sign-in", () => {
    const sentences = SSO_REFUSALS.map((code) => loginErrorMessage(code));
    for (const sentence of sentences) expect(sentence).not.toBe(SSO_LOGIN_FAILED);
    expect(new Set(sentences).size).toBe(SSO_REFUSALS.length);
    expect(loginErrorMessage("sso_domain")).toBe("Your company's sign-in does not cover this email address.");
  });

  it("answers Auth.js's error types and anything unknown generically, never with the value", () => {
    for (const value of ["Configuration", "AccessDenied", "OAuthCallbackError", "<script>", "toString", "__proto__"])
      expect(loginErrorMessage(value)).toBe(SSO_LOGIN_FAILED);
    expect(loginErrorMessage(["sso_domain", "x"])).toBe("Your company's sign-in does not cover this email address.");
  });
});
