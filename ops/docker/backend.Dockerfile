# The backend (NestJS control plane). Build context: the repository root (docker-compose.yml sets it).
# Production runs Node 24 LTS; the code also runs on Node 20.19+, which development and CI use.

FROM node:24-bookworm-slim AS build
WORKDIR /app
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
COPY pipeline pipeline
COPY backend backend
RUN npm run build -w config -w ops/services -w pipeline -w backend

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/config/package.json config/
COPY --from=build /app/pipeline/package.json pipeline/
COPY --from=build /app/backend/package.json backend/
# Only the production dependencies of the three workspaces the backend runs.
RUN npm ci --omit=dev --no-audit --no-fund -w config -w pipeline -w backend && npm cache clean --force
COPY --from=build /app/config/dist config/dist
COPY --from=build /app/pipeline/dist pipeline/dist
COPY pipeline/migrations pipeline/migrations
COPY --from=build /app/backend/dist backend/dist
# The sites file lives here, in a volume shared with the edge (which runs as the same uid, 1000).
RUN mkdir -p /var/lib/sluice && chown node:node /var/lib/sluice
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "backend/dist/src/main.js"]
