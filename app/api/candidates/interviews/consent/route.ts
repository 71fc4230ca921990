// POST /api/candidates/interviews/consent: a candidate holding an invite agrees to be recorded. Stored with the
// server's time and the statement shown; uses no attempt. 201 the first time, 200 with the same record after that.
import { ConsentBody, recordConsent } from "@/lib/consent/record";
import { apiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";

export const POST = apiRoute(async (request) => {
  const body = parseOrThrow(ConsentBody, await readJsonBody(request), "body");
  const { created, consent } = await recordConsent({ body, meta: requestMeta(request.headers) });
  return json(consent, { status: created ? 201 : 200 });
});
