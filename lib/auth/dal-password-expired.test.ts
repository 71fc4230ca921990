import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SignInContext } from "./sign-in-sessions";

// The dashboard's gate for an expired password (lib/auth/dal.ts), with the cookie session and its context stubbed:
// the context's flags come from lib/auth/sign-in-sessions.ts, tested against the database in
// lib/companies/password-age.test.ts.

const state = vi.hoisted(() => ({ context: null as SignInContext | null }));
vi.mock("@/lib/auth/nextauth", () => ({ auth: async () => ({ sid: "session-1" }) }));
vi.mock("./sign-in-sessions", () => ({ loadSignInContext: async () => state.context }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`redirect ${to}`);
  },
  forbidden: () => {
    throw new Error("forbidden page");
  },
}));
vi.mock("react", async (importOriginal) => ({
  ...(await importOriginal<typeof import("react")>()),
  cache: <T>(fn: T) => fn,
}));

const { requireActionPermission, requireUser } = await import("./dal");

const base: SignInContext = {
  sessionId: "session-1",
  kind: "web",
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  userId: "user-1",
  companyId: "company-1",
  role: "HR",
  email: "hr@example.com",
  firstName: null,
  lastName: null,
  isActive: true,
  createdAt: new Date().toISOString(),
};

beforeEach(() => {
  state.context = { ...base };
});

describe("an expired password in the dashboard", () => {
  it("sends every page to the change-password page, which (and the layout) may open", async () => {
    state.context = { ...base, passwordExpired: true };
    await expect(requireUser()).rejects.toThrow("redirect /dashboard/account/password");
    await expect(requireUser({ mfaSetup: "allow" })).rejects.toThrow("redirect /dashboard/account/password");
    await expect(requireUser({ passwordChange: "allow" })).resolves.toMatchObject({ passwordExpired: true });
  });

  it("comes before two-factor set-up, so the two pages never send someone back and forth", async () => {
    state.context = { ...base, passwordExpired: true, mfaSetupRequired: true };
    await expect(requireUser({ passwordChange: "allow" })).resolves.toBeTruthy();
    await expect(requireUser({ mfaSetup: "allow" })).rejects.toThrow("redirect /dashboard/account/password");
    state.context = { ...base, passwordExpired: false, mfaSetupRequired: true };
    await expect(requireUser({ passwordChange: "allow" })).rejects.toThrow("redirect /dashboard/account/security");
  });

  it("refuses every server action but changing the password, with the reason", async () => {
    state.context = { ...base, passwordExpired: true };
    await expect(requireActionPermission("users.list")).rejects.toMatchObject({
      status: 403,
      message: "Your password has expired; change it first",
    });
    await expect(requireActionPermission("account.two_factor")).rejects.toMatchObject({ status: 403 });
    await expect(requireActionPermission("account.password")).resolves.toMatchObject({ userId: "user-1" });
  });

  it("changes nothing for a current password", async () => {
    await expect(requireUser()).resolves.toMatchObject({ userId: "user-1" });
    await expect(requireActionPermission("users.list")).resolves.toMatchObject({ userId: "user-1" });
  });
});
