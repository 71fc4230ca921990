import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { login } from "@/lib/auth/login";
import { logout } from "@/lib/auth/logout";
import { loadSignInContext } from "@/lib/auth/sign-in-sessions";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { isClientAbort } from "@/lib/http/client-abort";
import { requestMeta } from "@/lib/http/request-meta";
import { log } from "@/lib/log";
import { authConfig } from "./config";

// Dashboard sign-in: Auth.js Credentials with the very same check, throttling and audit as the API login. The
// Auth.js JWT carries only the id of a server-side session row (`sid`), which requireUser checks on every request.

/** Error codes reach the login form, which turns them into messages; they never say which field was wrong. */
export class LoginRefused extends CredentialsSignin {
  constructor(
    code: "invalid" | "rate_limited" | "unavailable" | "mfa_required" | "mfa_invalid",
    readonly retryAfterSeconds?: number,
  ) {
    super();
    this.code = code;
  }
}

const Credentials_ = z.object({
  email: z.email().max(255),
  password: z.string().min(1).max(1024),
  // The second step of a two-factor sign-in: the form sends email and password again with the code.
  code: z.string().max(64).optional(),
});

/** One field takes either: six digits are an app code, anything else a recovery code. */
const secondFactorOf = (code: string | undefined) => {
  const trimmed = code?.replace(/\s/g, "") ?? "";
  if (!trimmed) return {};
  return /^\d{6}$/.test(trimmed) ? { totpCode: trimmed } : { recoveryCode: trimmed };
};

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  secret: env().AUTH_SECRET,
  // A refused sign-in is an expected outcome (already audited), not a server error worth a stack trace; nor is a
  // client that went away mid-body, or a body the server cut off at its limit (lib/http/body-limit-guard.ts).
  logger: {
    error(error) {
      if (error instanceof CredentialsSignin || (error as { type?: string }).type === "CredentialsSignin") return;
      if (isClientAbort(error) || isClientAbort((error as { cause?: unknown }).cause)) return;
      log.error("auth.js error", { error });
    },
    warn(code) {
      log.warn("auth.js warning", { code });
    },
  },
  events: {
    // Auth.js's own sign-out endpoint only clears the cookie; the server-side session must end too, or a copied
    // cookie would stay valid. (The dashboard's sign-out action revokes first; then this finds nothing to do.)
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (!sid) return;
      const context = await loadSignInContext(sid);
      if (context) await logout({ context, meta: { ip: null, userAgent: null } });
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {}, code: {} },
      async authorize(raw, request) {
        const parsed = Credentials_.safeParse(raw);
        if (!parsed.success) throw new LoginRefused("invalid");
        try {
          const { email, password, code } = parsed.data;
          const { user, session } = await login({
            email,
            password,
            ...secondFactorOf(code),
            kind: "web",
            meta: requestMeta(request.headers),
          });
          const name = [user.firstName, user.lastName].filter(Boolean).join(" ") || user.email;
          return { id: user.id, email: user.email, name, sid: session.id };
        } catch (error) {
          // Not a refusal but a failure (the database, the cache bridge): Auth.js would wrap it in a CallbackRouteError
          // whose log hides the cause, and the form would say "Invalid email or password". Log the cause here and
          // tell the person to try again shortly instead.
          if (!(error instanceof AppError)) {
            log.error("sign-in failed", { error });
            throw new LoginRefused("unavailable");
          }
          if (error.code === "RATE_LIMITED") throw new LoginRefused("rate_limited", error.extra.retryAfterSeconds);
          if (error.code === "UNAVAILABLE") throw new LoginRefused("unavailable");
          if (error.reason === "mfa_required") throw new LoginRefused("mfa_required");
          if (error.reason === "mfa_invalid") throw new LoginRefused("mfa_invalid");
          throw new LoginRefused("invalid");
        }
      },
    }),
  ],
});
