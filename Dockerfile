# syntax=docker/dockerfile:1
# Vestibule's production image: Next.js's standalone server (only the files the server loads), run as
# an unprivileged user. The image runs exactly what `npm run build && npm run start:standalone` runs
# in a checkout, which is what the journeys and the scale-out test (npm run test:scale) exercise.
#
#   docker build -t vestibule .
#   docker run -p 3000:3000 --env-file .env vestibule
#
# Configuration comes only from the environment at run time (see .env.example and the README's
# "Deploying to Azure"); nothing secret is baked in.

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Dependencies, dev ones included: the build needs TypeScript and Next's compiler. better-sqlite3
#    downloads a prebuilt addon for this Node version; the toolchain is only its fallback.
FROM ${NODE_IMAGE} AS deps
WORKDIR /src
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# 2. Build. `npm run build` is `next build` + scripts/assemble-standalone.mjs, which copies the static
#    assets and public/ into .next/standalone: that one directory is the whole application.
FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npm run build

# 3. Run. No npm, no dev dependencies, no source: the traced server and its assets, owned by root and
#    read-only to the app; only the data directory (SQLite for a single instance) is writable.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=build /src/.next/standalone ./
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# Liveness only (the process answers): readiness, which also checks the database, is for the load
# balancer (/api/health/ready), not a reason for Docker to restart the container.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM (docker stop, Container Apps scale-in) drains in-flight requests and closes the database pool.
STOPSIGNAL SIGTERM
CMD ["node", "server.js"]
