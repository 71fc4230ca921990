import { z } from "zod";

// The bodies of the token API (/api/v1/auth/*).

export const LoginBody = z.object({
  email: z.email().max(255),
  password: z.string().min(1).max(1024),
  /** The 6-digit code from the authenticator app, for an account with two-factor sign-in. */
  totp_code: z.string().max(16).optional(),
  /** Or one of its one-time recovery codes. */
  recovery_code: z.string().max(64).optional(),
});

/** The refresh token may come in the body or in the refresh cookie; no body at all is fine. */
export const RefreshBody = z.object({ refresh_token: z.string().max(512).optional() }).optional();

/** Changing one's own password: the current one, and the new one (the password policy judges it). */
export const ChangePasswordBody = z.object({
  current_password: z.string().min(1).max(1024),
  new_password: z.string().min(1).max(1024),
});
