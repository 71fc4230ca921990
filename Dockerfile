# syntax=docker/dockerfile:1
# The AI Interviewer image: the Next.js server and the background-job worker, on the current Node LTS (26).
#   docker build -t ai-interviewer .
#   web:    docker run ... ai-interviewer                   (node start.mjs: boots, migrates, then listens on PORT)
#   worker: docker run --no-healthcheck ... ai-interviewer node worker.mjs   (`npm run worker`, beside web servers
#           started with WORKER_IN_PROCESS=false; it serves no HTTP, so the /health check is not for it)
# compose.yaml wires both to PostgreSQL, Redis and LiveKit. Settings come from the environment (lib/env.ts); the web
# server refuses to start in production with development secrets, without APP_URL or with the LiveKit dev key.
#
# The runtime holds only what the build traced: Next's standalone output (output: "standalone" in next.config.ts),
# completed by scripts/build-standalone.mjs with start.mjs, the static files, and the worker bundled by esbuild into
# one file (worker.mjs) whose only external packages are ones the server's trace already holds. So no devDependency,
# no TypeScript runner and no full node_modules reach the image. .ci/production-start.sh runs this same folder, copied
# away from the checkout and its node_modules, on PostgreSQL: server and worker.

ARG NODE_IMAGE=node:26-bookworm-slim

# --- deps: the full install (devDependencies included: the build and the worker bundle need them) ---------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# No browsers (Playwright is for the e2e suite) and no install-time analytics (swagger-ui-dist's @scarf/scarf).
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# --- build: next build, then the standalone folder completed (start.mjs, worker.mjs, .next/static, public) ---------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build && node scripts/build-standalone.mjs

# --- runtime -----------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# ffmpeg decodes recordings for transcription (lib/transcription/decode.ts). Debian's version is the one the suites
# use; pinning it would break the build at every Debian point release.
# hadolint ignore=DL3008
RUN apt-get update \
  && apt-get install -y --no-install-recommends ffmpeg \
  && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# HOSTNAME: Docker sets it to the container's id, and Next's server listens on HOSTNAME.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    DATA_DIR=/app/.data

# The code belongs to root and is only readable by the app's user; the app writes only to DATA_DIR (the embedded
# database and local recordings, when PostgreSQL and S3 are not configured: mount a volume there) and Next's cache.
COPY --from=build /app/.next/standalone ./
RUN mkdir -p .data .next/cache && chown node:node .data .next/cache
VOLUME ["/app/.data"]

# The non-root user the Node images ship (uid 1000).
USER node
EXPOSE 3000
# No curl in the slim image: Node's fetch asks /health (database and cache checks; 503 when one fails).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The app drains requests and closes the database on SIGTERM (lib/server/boot.ts); node is PID 1 and gets it directly.
CMD ["node", "start.mjs"]
