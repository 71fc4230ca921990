// POST /api/candidates/invites/unsubscribe?t=...: public, the value in a reminder's link. RFC 8058 one-click: the body is
// `List-Unsubscribe=One-Click` (form-encoded or multipart). Stops the invite's reminders; 200 every time after the
// first too. A browser's form submit (Accept: text/html) is sent on to the page, which says it is done.
// GET: never unsubscribes (mail scanners follow links); 303 to the page whose button POSTs here.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { apiRoute, json } from "@/lib/http/api-handler";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";
import { unsubscribeFromReminders } from "@/lib/invites/unsubscribe";

const Query = z.object({ t: z.string().min(1).max(200) });
const ONE_CLICK = "One-Click";

// Relative, so the answer never names a host taken from the request.
const seeOther = (value: string) =>
  new Response(null, {
    status: 303,
    headers: { location: `/reminders/unsubscribe?t=${encodeURIComponent(value)}`, "cache-control": "no-store" },
  });

async function oneClickField(request: Request): Promise<string | null> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded")
    return new URLSearchParams(await request.text()).get("List-Unsubscribe");
  if (type === "multipart/form-data") {
    const form = await request.formData().catch(() => null);
    const field = form?.get("List-Unsubscribe");
    return typeof field === "string" ? field : null;
  }
  throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/x-www-form-urlencoded");
}

export const POST = apiRoute(async (request) => {
  const { t } = parseOrThrow(Query, Object.fromEntries(new URL(request.url).searchParams), "query");
  if ((await oneClickField(request)) !== ONE_CLICK)
    throw new AppError("BAD_REQUEST", "The body must be List-Unsubscribe=One-Click");
  const { unsubscribedAt } = await unsubscribeFromReminders({ value: t, meta: requestMeta(request.headers) });
  if (request.headers.get("accept")?.includes("text/html")) return seeOther(t);
  return json({ unsubscribed: true, reminders_unsubscribed_at: unsubscribedAt.toISOString() });
});

export const GET = apiRoute(async (request) => {
  const { t } = parseOrThrow(Query, Object.fromEntries(new URL(request.url).searchParams), "query");
  return seeOther(t);
});
