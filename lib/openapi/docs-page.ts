import { readFile } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";
import { docsSecurityHeaders } from "@/lib/http/security-headers";

// The API reference page: Swagger UI from the swagger-ui-dist package, served by this app (no CDN; the CSP allows
// scripts from this origin only, so the page has no inline script: init.js starts Swagger UI).

const ASSET_DIR = path.join(process.cwd(), "node_modules", "swagger-ui-dist"); // copied by next.config.ts's outputFileTracingIncludes

const INIT_SCRIPT = `window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true, tryItOutEnabled: false, validatorUrl: null });
});
`;

export const DOCS_ASSETS = {
  "swagger-ui-bundle.js": { type: "text/javascript; charset=utf-8", file: "swagger-ui-bundle.js" },
  "swagger-ui.css": { type: "text/css; charset=utf-8", file: "swagger-ui.css" },
  "init.js": { type: "text/javascript; charset=utf-8", file: null },
} as const;

export type DocsAsset = keyof typeof DOCS_ASSETS;

export const isDocsAsset = (name: string): name is DocsAsset => Object.hasOwn(DOCS_ASSETS, name);

const headers = (type: string, cache: string) => ({
  "content-type": type,
  "cache-control": cache,
  ...docsSecurityHeaders({ production: env().NODE_ENV === "production" }),
});

/** A refusal under /api/docs (an unknown asset) keeps the page's security headers: next.config.ts leaves the whole
 * subtree to these routes. */
export function withDocsHeaders(response: Response): Response {
  for (const [name, value] of Object.entries(docsSecurityHeaders({ production: env().NODE_ENV === "production" })))
    response.headers.set(name, value);
  return response;
}

export function docsPage(): Response {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>AI Interviewer API reference</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;
  return new Response(html, { headers: headers("text/html; charset=utf-8", "no-cache") });
}

export async function docsAsset(name: DocsAsset): Promise<Response> {
  const { type, file } = DOCS_ASSETS[name];
  const body = file ? await readFile(path.join(ASSET_DIR, file)) : INIT_SCRIPT;
  return new Response(new Uint8Array(Buffer.from(body)), { headers: headers(type, "public, max-age=3600") });
}
