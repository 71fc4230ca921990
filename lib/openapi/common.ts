import { z } from "zod";
import type { OpenAPIRegistry, ResponseConfig, RouteConfig } from "@asteasolutions/zod-to-openapi";
import { PASSWORD_EXPIRED_OPEN_PATHS } from "@/lib/auth/password-expired-api";
import { REASONS, type Reason } from "@/lib/errors/reasons";

// What every area file (lib/openapi/*.ts) uses to describe its operations: the auth schemes, the error bodies and
// `operation()`, which adds each error status with the reason codes the operation can answer (from the catalog).

export type AuthScheme = "public" | "bearer" | "bearerOrCookie" | "resumeToken" | "livekitWebhook" | "authjs";

export const SECURITY_SCHEMES = {
  bearerAuth: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "An access token from POST /api/v1/auth/login or /refresh.",
  },
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: "authjs.session-token",
    description:
      "The dashboard's sign-in session cookie (`__Secure-authjs.session-token` over HTTPS). Used when no Authorization header is sent; a cookie-borne request other than GET must be application/json.",
  },
  resumeToken: {
    type: "http",
    scheme: "bearer",
    description:
      "The interview session's resume token (from start-session), as `Authorization: Bearer <resume_token>`.",
  },
  resumeTokenHeader: {
    type: "apiKey",
    in: "header",
    name: "x-resume-token",
    description: "The interview session's resume token, instead of the Authorization header.",
  },
  livekitWebhook: {
    type: "apiKey",
    in: "header",
    name: "Authorization",
    description: "LiveKit's webhook signature: a JWT signed with the API secret over the body's SHA-256.",
  },
} as const;

const SECURITY: Record<AuthScheme, Record<string, string[]>[] | undefined> = {
  public: [],
  bearer: [{ bearerAuth: [] }],
  bearerOrCookie: [{ bearerAuth: [] }, { sessionCookie: [] }],
  resumeToken: [{ resumeToken: [] }, { resumeTokenHeader: [] }],
  livekitWebhook: [{ livekitWebhook: [] }],
  authjs: [],
};

export const ValidationIssue = z
  .object({ loc: z.array(z.union([z.string(), z.number()])), msg: z.string(), type: z.string() })
  .meta({ id: "ValidationIssue" });

export const ValidationErrorBody = z
  .object({ detail: z.array(ValidationIssue), code: z.literal("validation_error") })
  .meta({ id: "ValidationErrorBody" });

const InternalErrorBody = z.object({ detail: z.string(), request_id: z.string() }).meta({ id: "InternalErrorBody" });

export const uuid = (description: string) => z.uuid().meta({ description });
export const isoTime = (description?: string) => z.iso.datetime().meta(description ? { description } : {});

/** An error a route answers: a catalogued reason (its usual status) or `[reason, status]` for one of its others. */
export type ErrorSpec = Reason | readonly [Reason, number];

export interface OperationSpec extends Omit<RouteConfig, "responses" | "security" | "method"> {
  method: RouteConfig["method"];
  operationId: string;
  tags: string[];
  summary: string;
  auth: AuthScheme;
  responses: Record<number, ResponseConfig>;
  errors?: ErrorSpec[];
}

const json = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });
export const jsonBody = (schema: z.ZodType, description?: string) => ({
  ...(description ? { description } : {}),
  ...json(schema),
});
export const ok = (description: string, schema?: z.ZodType): ResponseConfig => ({
  description,
  ...(schema ? json(schema) : {}),
});

/**
 * Auth failures every authenticated operation can answer (a staff route also refuses a password past the company's
 * maximum age, except those it stays open for), and the outage any operation can.
 */
function implicitErrors(auth: AuthScheme, path: string): ErrorSpec[] {
  if ((auth === "bearer" || auth === "bearerOrCookie") && !PASSWORD_EXPIRED_OPEN_PATHS.has(path))
    return ["not_authenticated", "password_expired", "service_unavailable"];
  if (auth === "bearer" || auth === "bearerOrCookie" || auth === "resumeToken" || auth === "livekitWebhook")
    return ["not_authenticated", "service_unavailable"];
  return ["service_unavailable"];
}

function errorResponses(errors: ErrorSpec[]): Record<number, ResponseConfig> {
  const byStatus = new Map<number, Set<Reason>>();
  for (const spec of errors) {
    const [reason, status] = typeof spec === "string" ? [spec, REASONS[spec].statuses[0]!] : spec;
    if (!(REASONS[reason].statuses as readonly number[]).includes(status))
      throw new Error(`${reason} is not sent with ${status} (lib/errors/reasons.ts)`);
    byStatus.set(status, (byStatus.get(status) ?? new Set()).add(reason));
  }
  const responses: Record<number, ResponseConfig> = {};
  for (const [status, reasons] of [...byStatus].sort(([a], [b]) => a - b)) {
    const codes = [...reasons];
    const description = codes.map((r) => `\`${r}\`: ${REASONS[r].meaning}`).join("\n\n");
    const schema =
      codes.length === 1 && codes[0] === "validation_error"
        ? ValidationErrorBody
        : z.object({
            detail: codes.includes("validation_error") ? z.union([z.string(), z.array(ValidationIssue)]) : z.string(),
            code: z.enum(codes as [Reason, ...Reason[]]),
          });
    const retry = codes.filter((r) => RETRY_AFTER.has(r));
    responses[status] = {
      description,
      ...(retry.length
        ? {
            headers: {
              "Retry-After": header(
                `Seconds to wait (sent with ${retry.map((r) => `\`${r}\``).join(", ")}).`,
                "integer",
              ),
            },
          }
        : {}),
      ...json(schema),
    };
  }
  responses[500] = { description: "An unexpected error; logged with the request id.", ...json(InternalErrorBody) };
  return responses;
}

/** The reasons whose responses say when to ask again. */
const RETRY_AFTER: ReadonlySet<Reason> = new Set(["rate_limited", "finalize_in_progress"]);

const header = (description: string, type: "string" | "integer" = "string") => ({ description, schema: { type } });

/** An operation's description: paragraphs (markdown), joined by blank lines. */
export const markdown = (...paragraphs: string[]) => paragraphs.join("\n\n");

/** Response headers an operation documents beside its body. */
export const headers = {
  totalCount: { "X-Total-Count": header("How many items match, across all pages.", "integer") },
  setRefreshCookie: {
    "Set-Cookie": header(
      "`refresh_token=<refresh token>; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=604800` (7 days at sign-in; after a refresh, what is left of the sign-in session's lifetime).",
    ),
  },
  clearRefreshCookie: { "Set-Cookie": header("Clears the refresh cookie (`Max-Age=0`).") },
  setResumeCookie: {
    "Set-Cookie": header(
      "`aii_resume_<16 hex of the invite's hash>=<resume token>; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=86400` (it outlives any grace window; the server decides validity).",
    ),
  },
  attachment: (example: string) => ({ "Content-Disposition": header(`\`attachment; filename="${example}"\`.`) }),
};

/** Registers one operation with its error statuses and reason codes. */
export function operation(registry: OpenAPIRegistry, spec: OperationSpec): void {
  const { auth, errors = [], responses, ...route } = spec;
  const security = SECURITY[auth];
  registry.registerPath({
    ...route,
    ...(security ? { security } : {}),
    // An operation's own description of a status (e.g. /health's 503 body) wins over the generic error body.
    responses: { ...errorResponses([...errors, ...implicitErrors(auth, route.path)]), ...responses },
  });
}

/** The `{id}`-style path parameters of an operation, each a UUID unless said otherwise. */
export const pathParams = (params: Record<string, string | z.ZodType>) =>
  z.object(Object.fromEntries(Object.entries(params).map(([name, d]) => [name, typeof d === "string" ? uuid(d) : d])));

export const answerIndex = z.coerce.number().int().min(0).meta({ description: "The 0-based answer (question) index." });

export const totalCountHeader = headers.totalCount;
