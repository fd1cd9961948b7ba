"""Deployment settings from the environment (and `.env`): checked once, at start."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from bot import analytics
from faq import knowledge

TOKEN_PATTERN = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{20,}$")
SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class ConfigError(Exception):
    """A setting that is missing or malformed; its message is one line for the user."""


@dataclass(frozen=True)
class Webhook:
    """Where Telegram posts updates, and the secret it must send with them."""

    url: str
    secret: str
    listen: str
    port: int
    path: str


@dataclass(frozen=True)
class Settings:
    """Everything the Telegram bot needs that is not knowledge or wording."""

    token: str
    api_base_url: str | None
    faq_path: Path
    log_level: str
    rate_limit: float  # messages per second over all chats; 0 turns the limiter off
    timeout: float  # seconds to wait for one Bot API call
    retries: int  # further tries of a call that failed on the network or timed out
    webhook: Webhook | None
    db_path: Path = analytics.DEFAULT_PATH
    retention_days: int = (
        analytics.DEFAULT_RETENTION_DAYS
    )  # replies and votes older than this are deleted
    handoff_days: int = (
        analytics.DEFAULT_HANDOFF_DAYS
    )  # an unanswered hand-off (and its chat id) is deleted after this
    staff_chat_id: int | None = None  # the front desk's group; enables "Ask the clinic"
    admin_ids: frozenset[int] = frozenset()  # Telegram user ids allowed /stats and /reload
    reload_seconds: float = 5.0  # how often the knowledge base file is checked for changes
    semantic: bool = True  # the semantic safety net (FAQBOT_SEMANTIC)
    cache_dir: Path | None = None  # the knowledge base's vectors (FAQBOT_CACHE_DIR)


def faq_path(environ: Mapping[str, str] = os.environ) -> Path:
    """The knowledge base to serve: FAQ_PATH, or the bundled one."""
    return Path(environ["FAQ_PATH"]) if environ.get("FAQ_PATH") else knowledge.DEFAULT_PATH


def load(environ: Mapping[str, str] = os.environ, *, webhook: bool = False) -> Settings:
    """Read and check the settings; raise ConfigError naming the first bad one."""
    token = environ.get("TELEGRAM_BOT_TOKEN", "").strip()
    if not token:
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN is not set: get one from @BotFather (see README) "
            "and put it in .env or the environment"
        )
    if not TOKEN_PATTERN.match(token):
        # Never echo the value: a near-miss of a real token is still a secret.
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN does not look like a bot token "
            "(digits, a colon, then at least 20 letters, digits, '-' or '_')"
        )
    base_url = environ.get("TELEGRAM_API_BASE_URL", "").strip() or None
    if base_url is not None and not _is_http_url(base_url):
        raise ConfigError(
            "TELEGRAM_API_BASE_URL must be an http(s) URL such as http://127.0.0.1:8081/bot"
        )
    level = environ.get("LOG_LEVEL", "INFO").strip().upper() or "INFO"
    if level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}")
    return Settings(
        token=token,
        api_base_url=base_url,
        faq_path=faq_path(environ),
        log_level=level,
        rate_limit=_number(environ, "TELEGRAM_RATE_LIMIT", 30.0, minimum=0.0),
        timeout=_number(environ, "TELEGRAM_TIMEOUT", 10.0, minimum=0.1),
        retries=int(_number(environ, "TELEGRAM_RETRIES", 5, minimum=0, whole=True)),
        webhook=_webhook(environ) if webhook else None,
        db_path=db_path(environ),
        retention_days=int(
            _number(
                environ,
                "FAQBOT_RETENTION_DAYS",
                analytics.DEFAULT_RETENTION_DAYS,
                minimum=1,
                whole=True,
            )
        ),
        handoff_days=int(
            _number(
                environ,
                "FAQBOT_HANDOFF_DAYS",
                analytics.DEFAULT_HANDOFF_DAYS,
                minimum=1,
                whole=True,
            )
        ),
        staff_chat_id=_chat_id(environ),
        admin_ids=_admin_ids(environ),
        reload_seconds=_number(environ, "FAQBOT_RELOAD_SECONDS", 5.0, minimum=0.1),
        semantic=semantic_enabled(environ),
        cache_dir=cache_dir(environ),
    )


def semantic_enabled(environ: Mapping[str, str] = os.environ) -> bool:
    """FAQBOT_SEMANTIC: on (the default) or off, for machines too small for the model."""
    raw = environ.get("FAQBOT_SEMANTIC", "on").strip().lower() or "on"
    if raw not in ("on", "off"):
        raise ConfigError("FAQBOT_SEMANTIC must be on or off")
    return raw == "on"


def cache_dir(environ: Mapping[str, str] = os.environ) -> Path | None:
    """FAQBOT_CACHE_DIR: where the knowledge base's vectors are kept (None: the default)."""
    raw = environ.get("FAQBOT_CACHE_DIR", "").strip()
    return Path(raw) if raw else None


def db_path(environ: Mapping[str, str] = os.environ) -> Path:
    """Where analytics are kept: FAQBOT_DB_PATH, or data/faqbot.db."""
    raw = environ.get("FAQBOT_DB_PATH", "").strip()
    return Path(raw) if raw else analytics.DEFAULT_PATH


def _chat_id(environ: Mapping[str, str]) -> int | None:
    raw = environ.get("STAFF_CHAT_ID", "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(
            "STAFF_CHAT_ID must be the numeric id of the staff group, such as -1001234567890"
        ) from None


def _admin_ids(environ: Mapping[str, str]) -> frozenset[int]:
    raw = environ.get("ADMIN_IDS", "").replace(",", " ").split()
    try:
        return frozenset(int(value) for value in raw)
    except ValueError:
        raise ConfigError(
            "ADMIN_IDS must be Telegram user ids (numbers) separated by commas"
        ) from None


def _webhook(environ: Mapping[str, str]) -> Webhook:
    url = environ.get("WEBHOOK_URL", "").strip()
    if not url:
        raise ConfigError("WEBHOOK_URL is not set: the public https URL Telegram should call")
    if not _is_http_url(url):
        raise ConfigError("WEBHOOK_URL must be an http(s) URL, such as https://bot.example.org")
    secret = environ.get("WEBHOOK_SECRET", "").strip()
    if not SECRET_PATTERN.match(secret):
        raise ConfigError(
            "WEBHOOK_SECRET must be set to 1-256 letters, digits, '-' or '_' "
            "(Telegram sends it with every update, so strangers cannot post fake ones)"
        )
    path = environ.get("WEBHOOK_PATH", "telegram").strip().strip("/") or "telegram"
    return Webhook(
        url=url.rstrip("/") + "/" + path,
        secret=secret,
        listen=environ.get("WEBHOOK_LISTEN", "0.0.0.0").strip() or "0.0.0.0",
        port=int(_number(environ, "WEBHOOK_PORT", 8443, minimum=1, maximum=65535, whole=True)),
        path=path,
    )


def _is_http_url(value: str) -> bool:
    parsed = urlparse(value)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def _number(
    environ: Mapping[str, str],
    name: str,
    default: float,
    *,
    minimum: float,
    maximum: float | None = None,
    whole: bool = False,
) -> float:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        kind = "a whole number" if whole else "a number"
        raise ConfigError(f"{name} must be {kind}, not {raw!r}") from None
    if value < minimum or (maximum is not None and value > maximum):
        upper = f" and at most {maximum:g}" if maximum is not None else ""
        raise ConfigError(f"{name} must be at least {minimum:g}{upper}")
    return value
