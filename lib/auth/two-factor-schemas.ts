import { z } from "zod";

// The bodies of the two-factor API (/api/v1/auth/two-factor/*); the rules are lib/auth/two-factor.ts's.

const totpCode = z
  .string()
  .trim()
  .min(1)
  .max(16)
  .meta({ description: "The 6-digit code the authenticator app shows now." });

/** Confirming enrolment, or regenerating the recovery codes: one current code from the app. */
export const TwoFactorCodeBody = z.object({ code: totpCode });

/** Turning two-factor off: a current code from the app, or one unused recovery code (a lost phone); exactly one. */
export const DisableTwoFactorBody = z
  .object({
    code: totpCode.optional(),
    recovery_code: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .optional()
      .meta({ description: "One of the ten one-time recovery codes, instead of `code`." }),
  })
  .refine((body) => (body.code === undefined) !== (body.recovery_code === undefined), {
    message: "Send either code or recovery_code",
  });
