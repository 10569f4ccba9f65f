# syntax=docker/dockerfile:1
# Multi-stage image of the site: dependencies → build (output: "standalone") → a small non-root runtime.
# Not built or run on the machines this project was written on (no container runtime there): see
# README "Deploy".

# Node 24 LTS (supported until 2028-04-30); Node 20 reached its end of life on 2026-04-30. .ci/run runs
# the whole suite on this Node as well as on the machine's; on it the server needs 24–34 % less CPU a
# request than on Node 20 (pages and route handlers; README "Support console", tenth pass).
ARG NODE_VERSION=24-bookworm-slim

# ---- deps: node_modules from the lockfile (postinstall generates the Prisma client) ----
FROM node:${NODE_VERSION} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
COPY package.json package-lock.json ./
COPY packages ./packages
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts/prisma-generate.mjs ./scripts/prisma-generate.mjs
RUN npm ci --no-audit --no-fund

# ---- build: next build → .next/standalone ----
# SITE_URL, the public origin, is a build input: the guide pages, the sitemap and robots.txt are
# prerendered with it and HSTS is a build-time header (next.config.js). The server refuses to start on
# an https SITE_URL other than the one it was built with (lib/startup.ts).
FROM deps AS build
ARG SITE_URL
WORKDIR /app
COPY . .
RUN npx next build

# ---- migrate: the one-shot migrations job (compose's "migrate" service: npm run db:migrate) ----
FROM deps AS migrate
WORKDIR /app
COPY lib ./lib
COPY scripts ./scripts
COPY tsconfig.json ./
USER node
CMD ["npm", "run", "db:migrate"]

# ---- runtime: the standalone server, the static files, nothing else ----
FROM node:${NODE_VERSION} AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
COPY --from=build --chown=node:node /app/public ./public
COPY --from=build --chown=node:node /app/scripts/http-preload.cjs /app/scripts/cluster.cjs ./scripts/
USER node
EXPOSE 3000
# /api/ready: PostgreSQL answers and every migration is applied (503 otherwise).
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# cluster.cjs runs server.js in WEB_CONCURRENCY workers (default: os.availableParallelism(); set it when the
# container's CPU quota is below the host's core count), each
# with http-preload.cjs, which appends the socket address to X-Forwarded-For (lib/http/client-ip.ts, TRUSTED_PROXY_HOPS).
CMD ["node", "./scripts/cluster.cjs", "server.js"]
