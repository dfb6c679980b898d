# The backend (NestJS control plane). Build context: the repository root (docker-compose.yml sets it).
# The same Node.js release as development and CI (.nvmrc; a test keeps them equal).

FROM node:24.22.3-bookworm-slim AS build
WORKDIR /app
# Every workspace's package.json, so that `npm ci` sees exactly the workspaces the lockfile was made with.
COPY package.json package-lock.json tsconfig.base.json ./
COPY config/package.json config/
COPY ops/package.json ops/
COPY lib/processes/package.json lib/processes/
COPY lib/services/package.json lib/services/
COPY lib/traffic/package.json lib/traffic/
COPY pipeline/package.json pipeline/
COPY edge/package.json edge/
COPY backend/package.json backend/
COPY tracker/package.json tracker/
COPY frontend/package.json frontend/
RUN npm ci --no-audit --no-fund
# Sources only (no dist from the host, no tests): what the image runs is built here.
COPY config/tsconfig.json config/
COPY config/src config/src
COPY lib/processes/tsconfig.json lib/processes/
COPY lib/processes/src lib/processes/src
COPY lib/traffic/tsconfig.json lib/traffic/
COPY lib/traffic/src lib/traffic/src
COPY pipeline/tsconfig.json pipeline/
COPY pipeline/src pipeline/src
COPY backend/tsconfig.json backend/
COPY backend/src backend/src
# In dependency order (lib/processes: the pipeline starts its shipper process with it; lib/traffic: a demo site's
# month). The servers tests start
# (lib/services: ClickHouse, ZooKeeper, PostgreSQL) are no part of the backend and stay out of the image.
RUN npm run build -w config && npm run build -w lib/processes && npm run build -w lib/traffic && npm run build -w pipeline \
  && npm run build -w backend

FROM node:24.22.3-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/config/package.json config/
COPY --from=build /app/ops/package.json ops/
COPY --from=build /app/lib/processes/package.json lib/processes/
COPY --from=build /app/lib/services/package.json lib/services/
COPY --from=build /app/lib/traffic/package.json lib/traffic/
COPY --from=build /app/pipeline/package.json pipeline/
COPY --from=build /app/edge/package.json edge/
COPY --from=build /app/backend/package.json backend/
COPY --from=build /app/tracker/package.json tracker/
COPY --from=build /app/frontend/package.json frontend/
# Only the production dependencies of the workspaces the backend runs. better-sqlite3 fetches its prebuilt
# binary, or compiles with the tools installed here for the install only.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && npm ci --omit=dev --no-audit --no-fund -w config -w lib/processes -w lib/traffic -w pipeline -w backend \
  && npm cache clean --force \
  && apt-get purge -y python3 make g++ && apt-get autoremove -y && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/config/dist config/dist
COPY --from=build /app/lib/processes/dist lib/processes/dist
COPY --from=build /app/lib/traffic/dist lib/traffic/dist
COPY --from=build /app/pipeline/dist pipeline/dist
COPY pipeline/migrations pipeline/migrations
COPY --from=build /app/backend/dist backend/dist
# The sites file lives in /var/lib/sluice/sites, a volume the edge (the same uid, 1000) mounts read-only.
RUN mkdir -p /var/lib/sluice/sites /var/lib/sluice-backend && chown node:node /var/lib/sluice/sites /var/lib/sluice-backend \
  && chmod 700 /var/lib/sluice-backend
# Inside a container the network namespace is the boundary: listen on every interface of it.
# Secrets (ClickHouse passwords, optionally the JWT secret and the first owner) and CLICKHOUSE_URL come from
# the environment at run time.
ENV BACKEND_HOST=0.0.0.0 \
    BACKEND_PORT=3000 \
    BACKEND_DATA_DIR=/var/lib/sluice-backend \
    SLUICE_SITES_FILE=/var/lib/sluice/sites/sites.json
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.BACKEND_PORT}/api/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "backend/dist/src/main.js"]
