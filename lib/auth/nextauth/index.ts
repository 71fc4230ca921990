import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { NextRequest } from "next/server";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
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
import { loadEnabledSso, type EnabledSso } from "@/lib/auth/sso/config";
import { companyProvider, ssoProviderId, SSO_AUTH_PATH } from "@/lib/auth/sso/provider";
import { auditSsoFailure, ssoSignIn } from "@/lib/auth/sso/sign-in";
import { getDb } from "@/lib/db";

// Dashboard sign-in: Auth.js Credentials with the very same check, throttling and audit as the API login, and a
// company's own OpenID provider (lib/auth/sso). The Auth.js JWT carries only the id of a server-side session row
// (`sid`), which requireUser checks on every request.
//
// The config is built per request (Auth.js's lazy initialisation): /api/auth/{signin,callback}/sso-<companyId> adds
// that company's provider, loaded from the database; every other request, and auth() in server components, gets the
// static config without a query. The login page's server action has no request to read, so it names the company in
// an AsyncLocalStorage (signInWithCompany).

/** Error codes reach the login form, which turns them into messages; they never say which field was wrong. */
export class LoginRefused extends CredentialsSignin {
  constructor(
    code: "invalid" | "rate_limited" | "unavailable" | "mfa_required" | "mfa_invalid" | "sso_required",
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

const credentials = Credentials({
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
      if (error.reason === "sso_required") throw new LoginRefused("sso_required");
      throw new LoginRefused("invalid");
    }
  },
});

const ssoStart = new AsyncLocalStorage<{ companyId: string }>();

/**
 * Audits of sign-ins Auth.js refused before our callback ran (wrong nonce, audience, expired token), per request: the
 * route handlers wait for them, so the row exists before the redirect goes out (lib/auth/nextauth/handlers.ts).
 */
export const pendingSsoAudits = new WeakMap<Request, Promise<unknown>[]>();

const isRefusal = (error: unknown) =>
  error instanceof CredentialsSignin || (error as { type?: string }).type === "CredentialsSignin";

/** What Auth.js says went wrong in an OpenID callback: its error type and oauth4webapi's check, never claims or body. */
function callbackFailure(error: unknown): Record<string, unknown> {
  const e = error as { type?: string; cause?: { err?: { code?: string; message?: string }; claim?: string } };
  return {
    check: e.cause?.err?.code ?? e.type ?? "unknown",
    ...(e.cause?.claim ? { claim: e.cause.claim } : {}),
    ...(e.type ? { error_type: e.type } : {}),
  };
}

function configFor(req: NextRequest | undefined, sso: EnabledSso | null): NextAuthConfig {
  const meta = req ? requestMeta(req.headers) : { ip: null, userAgent: null };
  return {
    ...authConfig,
    secret: env().AUTH_SECRET,
    // A refused sign-in is an expected outcome (already audited), not a server error worth a stack trace; nor is a
    // client that went away mid-body, or a body the server cut off at its limit (lib/http/body-limit-guard.ts).
    logger: {
      error(error) {
        if (isRefusal(error)) return;
        if (isClientAbort(error) || isClientAbort((error as { cause?: unknown }).cause)) return;
        if (sso && req && /\/callback\//.test(req.nextUrl.pathname)) {
          // An OpenID answer Auth.js refused (state, nonce, audience, expiry...): audited like our own refusals.
          const details = { issuer: sso.issuer, ...callbackFailure(error) };
          log.warn("sso sign-in refused by Auth.js", { companyId: sso.companyId, ...details });
          const audit = getDb().then((db) =>
            auditSsoFailure(db, {
              companyId: sso.companyId,
              reason: "sso_invalid_token",
              details,
              meta,
              now: new Date(),
            }),
          );
          pendingSsoAudits.set(req, [...(pendingSsoAudits.get(req) ?? []), audit]);
          return;
        }
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
    providers: sso ? [credentials, companyProvider(sso)] : [credentials],
    callbacks: {
      ...authConfig.callbacks,
      async signIn({ user, account, profile }) {
        if (account?.type !== "oidc") return true; // Credentials: authorize() already decided and audited
        if (!sso || account.provider !== ssoProviderId(sso.companyId) || !profile) return false;
        const result = await ssoSignIn({
          sso,
          idToken: account.id_token,
          profile: profile as Record<string, unknown>,
          meta,
          now: new Date(),
        });
        if (!result.ok) return `/login?error=${result.reason}`;
        // With JWT sessions and no adapter, Auth.js builds the token from this very object (its callback passes the
        // user it gave us to handleLoginOrRegister, which returns it unchanged), so the session row's id rides along.
        Object.assign(user, { id: result.user.id, email: result.user.email, name: result.name, sid: result.sessionId });
        return true;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(async (req) => {
  const companyId = req ? SSO_AUTH_PATH.exec(req.nextUrl.pathname)?.[1] : ssoStart.getStore()?.companyId;
  const sso = companyId ? await loadEnabledSso(companyId) : null;
  return configFor(req, sso);
});

/**
 * The login page's "Sign in with your company": to the company's provider, with the address as a hint. The caller
 * found the company from the address on the server, never from the client.
 */
export const signInWithCompany = (companyId: string, email: string, redirectTo: string) =>
  ssoStart.run({ companyId }, () => signIn(ssoProviderId(companyId), { redirectTo }, { login_hint: email }));
