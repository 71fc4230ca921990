import { randomUUID } from "node:crypto";
import { authenticateBearer } from "@/lib/auth/bearer";
import { assertPasswordCurrent } from "@/lib/auth/password-expired-api";
import { assertCan, type Action } from "@/lib/auth/permissions";
import { authenticateWebCookie } from "@/lib/auth/web-cookie";
import type { SignInContext } from "@/lib/auth/sign-in-sessions";
import { AppError } from "@/lib/errors";
import { isAwsSdkError } from "./client-abort";
import { applyCors } from "./cors";
import { assertJsonContentType } from "./json-content-type";
import { KvUnavailableError } from "@/lib/kv/types";
import { log } from "@/lib/log";

// Route handlers are written as `apiRoute(async (req, ctx) => json(...))`. The wrapper gives each request an id,
// turns AppError into FastAPI-style `{"detail": ..., "code": <reason>}` responses, maps infrastructure outages to 503, logs
// anything unexpected with the request id. JSON responses (json(), so every error too) are `Cache-Control: no-store`;
// a handler that builds its own Response (media) sets its own caching headers.

type Params = Record<string, string | string[] | undefined>;
interface NextRouteContext {
  params: Promise<Params>;
}

export interface ApiContext<P extends Params> {
  params: P;
  requestId: string;
}

export interface AuthedApiContext<P extends Params> extends ApiContext<P> {
  auth: SignInContext;
}

const NO_STORE = "no-store";

export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("cache-control", NO_STORE);
  return Response.json(data, { ...init, headers });
}

function isDatabaseOutage(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code ?? (error as { cause?: { code?: unknown } })?.cause?.code;
  return typeof code === "string" && ["ECONNREFUSED", "ECONNRESET", "CONNECT_TIMEOUT", "57P01", "57P03"].includes(code);
}

export function errorResponse(error: unknown, requestId: string): Response {
  if (error instanceof AppError) {
    const headers: Record<string, string> = { "x-request-id": requestId };
    if (error.extra.retryAfterSeconds) headers["retry-after"] = String(error.extra.retryAfterSeconds);
    if (error.status === 401) headers["www-authenticate"] = "Bearer";
    const detail = error.code === "VALIDATION" ? error.extra.issues : error.message;
    return json({ detail, code: error.reason }, { status: error.status, headers });
  }
  if (error instanceof KvUnavailableError || isDatabaseOutage(error) || isAwsSdkError(error)) {
    log.error("dependency unavailable", { requestId, error });
    return json(
      { detail: "Service temporarily unavailable", code: "service_unavailable" },
      { status: 503, headers: { "x-request-id": requestId } },
    );
  }
  log.error("unhandled error", { requestId, error });
  return json(
    { detail: "Internal server error", request_id: requestId },
    { status: 500, headers: { "x-request-id": requestId } },
  );
}

export function apiRoute<P extends Params = Params>(
  handler: (request: Request, ctx: ApiContext<P>) => Promise<Response>,
) {
  return async (request: Request, routeContext?: NextRouteContext): Promise<Response> => {
    const requestId = request.headers.get("x-request-id")?.slice(0, 64) || randomUUID();
    try {
      const params = ((await routeContext?.params) ?? {}) as P;
      const response = await handler(request, { params, requestId });
      response.headers.set("x-request-id", requestId);
      applyCors(request, response);
      return response;
    } catch (error) {
      const response = errorResponse(error, requestId);
      applyCors(request, response);
      return response;
    }
  };
}

export interface AuthedRouteOptions {
  /**
   * Also accept the dashboard's session cookie when no Authorization header is sent: for what the dashboard's own
   * pages call (media for <video>, which cannot add a Bearer header; the observation page's requests). A cookie-borne
   * request that is not a GET must be application/json, which another site cannot send without a CORS preflight this
   * app never grants (the cookie is SameSite=Lax as well).
   */
  webSession?: boolean;
  /**
   * Who may call the route, from the permission matrix (lib/auth/permissions.ts): checked right after authentication,
   * before the handler parses a path, query or body (401, then 403, then 404/422). Ownership (a TEAM_LEAD's own
   * interviews) is judged in lib, where the row is loaded.
   */
  permission?: Action;
  /**
   * `"allow"`: a Bearer caller whose company requires two-factor sign-in they have not set up yet may call this route
   * (lib/auth/mfa-setup-gate.ts); every other route answers them 403 `mfa_setup_required`.
   */
  mfaSetup?: "allow";
}

function authenticate(request: Request, options: AuthedRouteOptions): Promise<SignInContext> {
  if (options.webSession && !request.headers.has("authorization")) {
    if (request.method !== "GET" && request.method !== "HEAD") assertJsonContentType(request);
    return authenticateWebCookie(request.headers);
  }
  return authenticateBearer(request.headers, undefined, { mfaSetup: options.mfaSetup });
}

/**
 * Like apiRoute, for handlers that need a signed-in API client (Bearer access token of a live session), in the style
 * of dub's `withWorkspace`: `authedApiRoute(handler, { permission: "interviews.read" })` declares who may call it.
 */
export function authedApiRoute<P extends Params = Params>(
  handler: (request: Request, ctx: AuthedApiContext<P>) => Promise<Response>,
  options: AuthedRouteOptions = {},
) {
  return apiRoute<P>(async (request, ctx) => {
    const auth = await authenticate(request, options);
    assertPasswordCurrent(auth, request);
    if (options.permission) assertCan(auth.role, options.permission);
    return handler(request, { ...ctx, auth });
  });
}
