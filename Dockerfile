# syntax=docker/dockerfile:1

# One image for every CareLoop process: the server (default) and the worker (compose overrides CMD).
# tsx is a production dependency and runs the TypeScript directly, so there is no compile step
# for server/workers; only the browser client is built, and vite (a devDependency) lives in the
# build stage alone.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY shared/ shared/
COPY client/ client/
RUN npm run build:client

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY shared/ shared/
COPY server/ server/
COPY workers/ workers/
COPY scripts/ scripts/
COPY NOTICE ./
COPY --from=build /app/client/dist client/dist
# DATA_DIR (./data) is only used without DATABASE_URL, but it must be writable by the app user.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# No HEALTHCHECK here: the worker runs from this image too and serves no HTTP. Compose sets one
# per service (docker-compose.yml).
# Node directly rather than `npm run`, so that SIGTERM reaches the app (graceful shutdown).
CMD ["node", "--import", "tsx", "server/src/main.ts"]
