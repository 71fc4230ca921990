import "server-only";
import { z } from "zod";
import { env } from "@/lib/env";
import { notFound } from "@/lib/errors";

const Uuid = z.uuid();

/** A path id that is not a UUID names nothing: 404, like an unknown id (never a database cast error). */
export function uuidParam(value: string | string[] | undefined, what: string): string {
  const parsed = Uuid.safeParse(value);
  if (!parsed.success) throw notFound(what);
  return parsed.data;
}

/**
 * The public origin for links we hand out (invites, their emails), for the API (pass the request) and the dashboard's
 * server actions (pass `await headers()`): APP_URL, which production requires. Without it (development, tests) the
 * origin the request came to. Never X-Forwarded-Host: any client can set it, and a link built from it would send a
 * candidate's invite to the client's host.
 */
export function publicBaseUrl(source: Request | Headers): string {
  const configured = env().APP_URL;
  if (configured) return configured.replace(/\/$/, "");
  if (source instanceof Headers) return `http://${source.get("host") ?? "localhost"}`;
  return new URL(source.url).origin;
}
