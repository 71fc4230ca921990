import type { NextConfig } from "next";
import { STATIC_HEADER_SOURCES, staticSecurityHeaders } from "./lib/http/security-headers";

const staticHeaders = Object.entries(staticSecurityHeaders({ production: process.env.NODE_ENV === "production" })).map(
  ([key, value]) => ({ key, value }),
);

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The container image (Dockerfile) runs .next/standalone: the server with only the files it traces, no full
  // node_modules. `npm start` keeps running `next start` on a full install (scripts/start.mjs).
  output: "standalone",
  // Files read at run time through a path built from process.cwd(), which tracing cannot follow; the standalone server
  // runs in its own folder, so each must be copied there. Every route gets them: the boot (instrumentation) is not a
  // route, and one listing copies each file once.
  outputFileTracingIncludes: {
    "/**": [
      "./db/migrations/**/*", // applied as the server boots (db/index.ts)
      "./lib/auth/bcrypt-worker.mjs", // piscina's worker thread (lib/auth/bcrypt-pool.ts)
      "./node_modules/bcryptjs/**/*", // imported by that worker only
      "./node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf", // the PDF reports' font (lib/reports/pdf-layout.ts)
      "./node_modules/swagger-ui-dist/swagger-ui-bundle.js", // the API reference page (/api/docs)
      "./node_modules/swagger-ui-dist/swagger-ui.css",
    ],
  },
  // Types are checked by `npm run typecheck` (CI's Typecheck step), tests included. `next build` checking the whole
  // project again would fail in a production install (`npm ci --omit=dev` has no vitest or Playwright types).
  typescript: { ignoreBuildErrors: true },
  // PGlite loads its WASM bundle from its own package folder; bundling it breaks that path lookup.
  // piscina spawns a worker from a file path at runtime, which a bundler cannot follow.
  // pdfkit loads its font metrics and ICC profile relative to its own module file; bundled, that works only as far as
  // the bundler rewrites import.meta.url (Turbopack does today), so it stays a plain Node package.
  serverExternalPackages: ["@electric-sql/pglite", "piscina", "bcryptjs", "postgres", "pdfkit"],
  // forbidden() renders app/forbidden.tsx with a 403 when a signed-in user lacks a permission.
  // NEXT_SERVER_MINIFY=0 keeps server code readable, for CPU profiles of the bench (bench/profile-top.ts).
  experimental: { authInterrupts: true, serverMinification: process.env.NEXT_SERVER_MINIFY !== "0" },
  // Pages get their headers (with a per-request CSP nonce) from proxy.ts; everything else gets them here.
  headers: async () => STATIC_HEADER_SOURCES.map((source) => ({ source, headers: staticHeaders })),
  // CORS preflights (OPTIONS with Access-Control-Request-Method) to the API all go to one handler, which answers from
  // CORS_ORIGINS (lib/http/cors.ts); the routes themselves never see them.
  rewrites: async () => ({
    beforeFiles: [
      {
        source: "/api/:path*",
        has: [{ type: "header", key: "access-control-request-method" }],
        destination: "/api/cors-preflight/:path*",
      },
    ],
    afterFiles: [],
    fallback: [],
  }),
};

export default nextConfig;
