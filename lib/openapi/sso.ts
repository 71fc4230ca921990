import { z } from "zod";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { SSO_LOOKUP_API_RULE } from "@/lib/auth/sso/lookup";
import { SsoLookupBody } from "@/lib/auth/sso/schemas";
import { jsonBody, markdown, ok, operation } from "./common";

export function registerSso(registry: OpenAPIRegistry) {
  operation(registry, {
    method: "post",
    path: "/api/v1/auth/sso/lookup",
    operationId: "ssoLookup",
    tags: ["Auth"],
    auth: "public",
    summary: "Whether an email address signs in with its company's OpenID provider",
    description: markdown(
      "**Who:** anyone (the login page asks it before sign-in). **Body:** `{email}`.",
      '**200:** `{"sso": true}` when the address\'s domain (exactly; not its subdomains) belongs to a company whose single sign-on is set up and enabled, else `{"sso": false}`: an unknown domain, a company without single sign-on and one that turned it off answer alike, and nothing else about the company or its provider is said. `Cache-Control: no-store`. Sign-in itself happens in the browser through the dashboard\'s login page ("Sign in with your company").',
      `**Refusals:** 422 \`validation_error\` (a missing or malformed \`email\`); 400 \`bad_request\` (unparseable JSON); 429 \`rate_limited\` with \`Retry-After\` past ${SSO_LOOKUP_API_RULE.limit} lookups per client in ${SSO_LOOKUP_API_RULE.windowSeconds} seconds (an IPv6 client counts per /64).`,
    ),
    request: { body: jsonBody(SsoLookupBody) },
    responses: { 200: ok("The answer.", z.object({ sso: z.boolean() })) },
    errors: ["validation_error", "bad_request", "payload_too_large", "rate_limited"],
  });
}
