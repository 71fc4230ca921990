import { AppError } from "@/lib/errors";

// For POST routes that also accept the dashboard's session cookie. A page on another site can make a browser send a
// cookie-carrying POST only as a "simple" request (a form, text/plain); an application/json POST from another origin
// needs a CORS preflight, which this app never grants. Requiring JSON keeps such cross-site requests out.

/** A request with no body at all passes: there is nothing to misread, and the body's validation answers it. */
export function assertJsonContentType(request: Request): void {
  if (request.body === null) return;
  const mediaType = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json")
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json");
}
