import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { isoTime, markdown, ok, operation } from "./common";

// A candidate stopping their invite's reminder emails (RFC 8058 one-click). The value in the link proves the right.

const query = z.object({
  t: z.string().meta({
    description:
      "The value from the reminder's link: the invite's id and an HMAC of it under the app's secret (it stops reminders and opens nothing else).",
  }),
});

const Unsubscribed = z
  .object({ unsubscribed: z.literal(true), reminders_unsubscribed_at: isoTime("When reminders were first stopped.") })
  .meta({ id: "RemindersUnsubscribed" });

export function registerReminders(registry: OpenAPIRegistry) {
  const tags = ["Candidate"];
  operation(registry, {
    method: "post",
    path: "/api/candidates/invites/unsubscribe",
    operationId: "unsubscribeFromReminders",
    tags,
    auth: "public",
    summary: "Stops an invite's reminder emails (RFC 8058 one-click)",
    description: markdown(
      "**Who:** anyone holding a reminder's link; no sign-in. A reminder email carries `List-Unsubscribe: <.../api/candidates/invites/unsubscribe?t=...>` and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`; mail clients POST here. **Body:** `List-Unsubscribe=One-Click`, `application/x-www-form-urlencoded` or `multipart/form-data`.",
      "**200:** `{unsubscribed: true, reminders_unsubscribed_at}`; the same answer (the first time on record) every time after, with nothing written. Audited `INVITE_REMINDERS_UNSUBSCRIBED` once. HR sees it on the invite (`reminders_unsubscribed_at`). A browser's form submit (`Accept: text/html`) gets **303** to the `/reminders/unsubscribe` page instead.",
      "**Refusals:** 404 `unsubscribe_link_invalid` for a malformed or forged value; 400 `bad_request` without the one-click body; 415 for another body type; 429 `rate_limited` (60 a minute per client address, 10 an hour per invite).",
    ),
    request: {
      query,
      body: {
        content: {
          "application/x-www-form-urlencoded": {
            schema: z.object({ "List-Unsubscribe": z.literal("One-Click") }),
          },
        },
      },
    },
    responses: {
      200: ok("Reminders are stopped.", Unsubscribed),
      303: { description: "A browser's form submit: sent on to the page that says reminders stopped." },
    },
    errors: ["unsubscribe_link_invalid", "bad_request", "unsupported_media_type", "validation_error", "rate_limited"],
  });
  operation(registry, {
    method: "get",
    path: "/api/candidates/invites/unsubscribe",
    operationId: "unsubscribePage",
    tags,
    auth: "public",
    summary: "Sends a person to the stop-reminders page (never unsubscribes)",
    description: markdown(
      "**Who:** anyone opening the `List-Unsubscribe` address in a browser. A GET changes nothing, because mail scanners follow links: **303** to `/reminders/unsubscribe?t=...`, whose button POSTs the one-click body here.",
    ),
    request: { query },
    responses: { 303: { description: "To the page with the button." } },
    errors: ["validation_error"],
  });
}
