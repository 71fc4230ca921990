// POST /api/candidates/invites/erasure-request: a candidate holding an invite link. Asks the company to delete their
// recordings and personal data; 201 with the new request, 200 with the one already pending (or carried out).
import { requestErasure } from "@/lib/erasure/request";
import { ErasureRequestBody } from "@/lib/erasure/schemas";
import { apiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";

export const POST = apiRoute(async (request) => {
  const body = parseOrThrow(ErasureRequestBody, await readJsonBody(request), "body");
  const { created, request: erasure } = await requestErasure({
    tokenValue: body.token,
    meta: requestMeta(request.headers),
  });
  return json(erasure, { status: created ? 201 : 200 });
});
