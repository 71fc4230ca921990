import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // PGlite loads its WASM bundle from its own package folder; bundling it breaks that path lookup.
  // piscina spawns a worker from a file path at runtime, which a bundler cannot follow.
  serverExternalPackages: ["@electric-sql/pglite", "piscina", "bcryptjs", "postgres"],
  // forbidden() renders app/forbidden.tsx with a 403 when a signed-in user lacks a permission.
  experimental: { authInterrupts: true },
};

export default nextConfig;
