#!/bin/sh
# The edge container's start: renders nginx's config from the environment (EDGE_TRUSTED_PROXIES, the rate and
# connection limits, the panel's own listener and host name; the renderer checks each against the settings schema
# and names a bad one), then runs OpenResty in the foreground. Every path is the renderer's default, which is this
# image's layout (edge/src/render-config.ts, IMAGE_DEFAULTS).
set -eu
# The panel's own listener is 8081 inside the container; compose publishes it on EDGE_ADMIN_HOST:EDGE_ADMIN_PORT.
node /usr/local/openresty/sluice/render/edge/dist/src/render-config.js --target openresty \
  --out /run/sluice-edge/nginx.conf --listen-port 8080 --admin-port "${EDGE_ADMIN_PORT:+8081}"
exec /usr/local/openresty/bin/openresty -p /run/sluice-edge -c /run/sluice-edge/nginx.conf -e stderr \
  -g 'daemon off;'
