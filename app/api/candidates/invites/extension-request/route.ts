// POST /api/candidates/invites/extension-request: a candidate holding an invite link asks for more time `{token,
// reason}`. 201 with the request's status; 404 unknown link, 409 `extension_not_eligible` / `extension_limit_reached` /
// `extension_pending`, 429 throttled (per client address and per invite).
import { ExtensionRequestBody } from "@/lib/extensions/schemas";
import { requestExtension } from "@/lib/extensions/request";
import { apiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";

export const POST = apiRoute(async (request) => {
  const body = parseOrThrow(ExtensionRequestBody, await readJsonBody(request), "body");
  const created = await requestExtension({
    tokenValue: body.token,
    reason: body.reason,
    meta: requestMeta(request.headers),
  });
  return json(
    { id: created.id, status: created.status, requested_at: created.createdAt.toISOString() },
    { status: 201 },
  );
});
