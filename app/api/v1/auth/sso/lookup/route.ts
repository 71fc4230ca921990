// POST /api/v1/auth/sso/lookup: anyone. {email} -> {sso: true|false}: whether the address signs in with its company's
// OpenID provider. Nothing else is said; counted per client (lib/auth/sso/lookup.ts).
import { ssoLookup, SSO_LOOKUP_API_RULE } from "@/lib/auth/sso/lookup";
import { SsoLookupBody } from "@/lib/auth/sso/schemas";
import { apiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { requestMeta } from "@/lib/http/request-meta";
import { parseOrThrow } from "@/lib/http/validation";

export const POST = apiRoute(async (request) => {
  const { email } = parseOrThrow(SsoLookupBody, await readJsonBody(request), "body");
  const sso = await ssoLookup({ email, ip: requestMeta(request.headers).ip, rule: SSO_LOOKUP_API_RULE });
  return json({ sso });
});
