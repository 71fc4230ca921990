import path from "node:path";

// The demo accounts that scripts/prepare.ts seeds into a fresh database (scripts/seeds/demo-data.ts).
export const DEMO_PASSWORD = "SecurePassword123!";

export const ACCOUNTS = {
  admin: { email: "admin@nextgenai.com", firstName: "Ada" },
  hr: { email: "hr@nextgenai.com", firstName: "Emma" },
  employee: { email: "employee@nextgenai.com", firstName: "Marcus" },
  lead: { email: "lead@nextgenai.com", firstName: "Liam" },
} as const;

/** The admin's saved sign-in, written by auth.setup.ts and loaded by every test that does not sign in itself. */
export const ADMIN_STATE = path.join(import.meta.dirname, "..", ".auth", "admin.json");

/** For tests that must start signed out. */
export const SIGNED_OUT = { cookies: [], origins: [] };

/** An address no other run has used, so tests can create users against a reused server. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@nextgenai.com`;
}
