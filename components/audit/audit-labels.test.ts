import { describe, expect, it } from "vitest";
import { actionLabel } from "./audit-labels";

describe("actionLabel", () => {
  it("reads an audit action as a sentence, abbreviations in capitals", () => {
    expect(actionLabel("LOGIN_FAILED")).toBe("Login failed");
    expect(actionLabel("MFA_RESET")).toBe("MFA reset");
    expect(actionLabel("MFA_RECOVERY_CODE_USED")).toBe("MFA recovery code used");
    expect(actionLabel("AI_EVALUATION_FAILED")).toBe("AI evaluation failed");
    expect(actionLabel("NEW_DEVICE_SIGN_IN")).toBe("New device sign in");
  });
});
