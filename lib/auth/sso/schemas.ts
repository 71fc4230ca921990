import { z } from "zod";

// The body of POST /api/v1/auth/sso/lookup (also what the login page's lookup action accepts).

export const SsoLookupBody = z.object({ email: z.email().max(255) });
