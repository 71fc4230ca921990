import { describe, expect, it } from "vitest";
import { assertMfaSetupDone, MFA_SETUP_REQUIRED_MESSAGE } from "./mfa-setup-gate";

describe("assertMfaSetupDone", () => {
  it("refuses a caller who must still set up two-factor, unless the route allows it", () => {
    expect(() => assertMfaSetupDone({ mfaSetupRequired: true })).toThrow(
      expect.objectContaining({ status: 403, reason: "mfa_setup_required", message: MFA_SETUP_REQUIRED_MESSAGE }),
    );
    expect(() => assertMfaSetupDone({ mfaSetupRequired: true }, { mfaSetup: "allow" })).not.toThrow();
  });

  it("lets everyone else through (sessions cached before the flag existed have none)", () => {
    expect(() => assertMfaSetupDone({ mfaSetupRequired: false })).not.toThrow();
    expect(() => assertMfaSetupDone({})).not.toThrow();
  });

  it("waits while the password has expired, which comes first as on the dashboard", () => {
    expect(() => assertMfaSetupDone({ mfaSetupRequired: true, passwordExpired: true })).not.toThrow();
    expect(() => assertMfaSetupDone({ mfaSetupRequired: true, passwordExpired: false })).toThrow(
      expect.objectContaining({ reason: "mfa_setup_required" }),
    );
  });
});
