import { z } from "zod";

// The bodies of the token API (/api/v1/auth/*).

export const LoginBody = z.object({
  email: z.email().max(255),
  password: z.string().min(1).max(1024),
});

/** The refresh token may come in the body or in the refresh cookie; no body at all is fine. */
export const RefreshBody = z.object({ refresh_token: z.string().max(512).optional() }).optional();

/** Changing one's own password: the current one, and the new one (the password policy judges it). */
export const ChangePasswordBody = z.object({
  current_password: z.string().min(1).max(1024),
  new_password: z.string().min(1).max(1024),
});
