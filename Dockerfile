# Klynge in production: gunicorn (`klynge serve`) with the production settings, static files collected at
# build. Data (uploaded files) lives in the /data volume; the database is PostgreSQL (DATABASE_URL).
# See README, Deployment.

FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --omit=dev

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    KLYNGE_DATA_DIR=/data \
    KLYNGE_STATIC_ROOT=/app/static \
    KLYNGE_NODE_MODULES=/app/node_modules \
    KLYNGE_BIND=0.0.0.0:8000 \
    DJANGO_SETTINGS_MODULE=klynge.settings.production
WORKDIR /app
COPY pyproject.toml README.md ./
COPY src ./src
RUN pip install . && useradd --system --uid 10001 --home-dir /app klynge && mkdir /data && chown klynge /data
COPY --from=assets /build/node_modules ./node_modules
# The build needs a secret and host names to load the production settings; neither is kept in the image.
RUN KLYNGE_SECRET_KEY="build-only-not-a-secret-build-only-not-a-secret-build" KLYNGE_ALLOWED_HOSTS=build \
    klynge collectstatic --noinput --verbosity 0
USER klynge
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["sh", "-c", "klynge migrate --noinput && exec klynge serve"]
