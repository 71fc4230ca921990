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

/** The public origin for links we hand out: APP_URL when configured, else the origin the request came to. */
export function publicBaseUrl(request: Request): string {
  return env().APP_URL ?? new URL(request.url).origin;
}
