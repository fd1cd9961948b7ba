"""Deployment settings from the environment (and `.env`): checked once, at start."""

from __future__ import annotations

import io
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from dotenv import load_dotenv
from dotenv.parser import parse_stream

from bot import analytics
from faq import knowledge

TOKEN_PATTERN = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{20,}$")
SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
# Bounds of the numeric settings: wide enough for any real deployment, narrow enough
# that a typo (an extra zero, "nan") is refused at start instead of misbehaving later.
MAX_RATE_LIMIT = 1000.0  # messages per second; Telegram itself allows about 30
MAX_TIMEOUT = 600.0  # seconds for one Bot API call
MAX_RETRIES = 100
MAX_DAYS = 3650  # ten years of analytics; also the longest `faqbot report --days`
MAX_HANDOFF_DAYS = 365
MAX_RELOAD_SECONDS = 3600.0
MAX_TELEGRAM_ID = 2**53  # Telegram's user and chat ids have at most 52 significant bits
_ENV_KEY = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=")


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
    # FAQBOT_CHAT_BURST and FAQBOT_CHAT_RATE; the defaults are the limiter's own.
    chat_limits: tuple[int, float] = field(default_factory=lambda: chat_limits({}))


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
        rate_limit=_number(environ, "TELEGRAM_RATE_LIMIT", 30.0, 0.0, MAX_RATE_LIMIT),
        timeout=_number(environ, "TELEGRAM_TIMEOUT", 10.0, 0.1, MAX_TIMEOUT),
        retries=int(_number(environ, "TELEGRAM_RETRIES", 5, 0, MAX_RETRIES, whole=True)),
        webhook=_webhook(environ, local_api=base_url is not None) if webhook else None,
        db_path=db_path(environ),
        retention_days=int(
            _number(
                environ,
                "FAQBOT_RETENTION_DAYS",
                analytics.DEFAULT_RETENTION_DAYS,
                1,
                MAX_DAYS,
                whole=True,
            )
        ),
        handoff_days=int(
            _number(
                environ,
                "FAQBOT_HANDOFF_DAYS",
                analytics.DEFAULT_HANDOFF_DAYS,
                1,
                MAX_HANDOFF_DAYS,
                whole=True,
            )
        ),
        staff_chat_id=_chat_id(environ),
        admin_ids=_admin_ids(environ),
        reload_seconds=_number(environ, "FAQBOT_RELOAD_SECONDS", 5.0, 0.1, MAX_RELOAD_SECONDS),
        semantic=semantic_enabled(environ),
        cache_dir=cache_dir(environ),
        chat_limits=chat_limits(environ),
    )


def load_env_file(path: Path) -> None:
    """Fill in os.environ from a .env file (the environment wins); ConfigError names the
    first line python-dotenv cannot parse, which it would otherwise skip with a warning
    (a token behind an unclosed quote would then read as "not set")."""
    if not path.exists():
        return
    try:
        content = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path} is not UTF-8 text") from None
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror or error}") from None
    for binding in parse_stream(io.StringIO(content)):
        if binding.error:
            # Name the setting, never show the line: it may hold the token.
            key = _ENV_KEY.match(binding.original.string)
            name = f" ({key.group(1)})" if key else ""
            raise ConfigError(
                f"{path} line {binding.original.line}{name} cannot be read: "
                "write NAME=value, and close any quote the value opens"
            )
    load_dotenv(stream=io.StringIO(content), override=False)


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
        value = int(raw)
    except ValueError:
        value = 0
    if not 0 < abs(value) < MAX_TELEGRAM_ID:
        raise ConfigError(
            "STAFF_CHAT_ID must be the numeric id of the staff group, such as -1001234567890"
        )
    return value


def _admin_ids(environ: Mapping[str, str]) -> frozenset[int]:
    raw = environ.get("ADMIN_IDS", "").replace(",", " ").split()
    try:
        ids = frozenset(int(value) for value in raw)
    except ValueError:
        ids = frozenset({0})
    if not all(0 < value < MAX_TELEGRAM_ID for value in ids):
        raise ConfigError(
            "ADMIN_IDS must be Telegram user ids (positive numbers) separated by commas"
        )
    return ids


def _webhook(environ: Mapping[str, str], *, local_api: bool = False) -> Webhook:
    """The webhook settings; http is allowed only with a self-hosted Bot API server."""
    url = environ.get("WEBHOOK_URL", "").strip()
    if not url:
        raise ConfigError("WEBHOOK_URL is not set: the public https URL Telegram should call")
    if not _is_http_url(url) or not (local_api or urlparse(url).scheme == "https"):
        # Telegram posts updates to https addresses only (setWebhook refuses http); a
        # self-hosted Bot API server in --local mode also posts to http, as in tests.
        raise ConfigError(
            "WEBHOOK_URL must be an https URL, such as https://bot.example.org "
            "(http only with a self-hosted TELEGRAM_API_BASE_URL)"
        )
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
        port=int(_number(environ, "WEBHOOK_PORT", 8443, 1, 65535, whole=True)),
        path=path,
    )


def _is_http_url(value: str) -> bool:
    parsed = urlparse(value)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def _number(
    environ: Mapping[str, str],
    name: str,
    default: float,
    minimum: float,
    maximum: float,
    *,
    whole: bool = False,
) -> float:
    """A numeric setting within [minimum, maximum], or its default when unset."""
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    kind = "a whole number" if whole else "a number"
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):  # float() reads "nan" and "inf", which no bound refuses
        raise ConfigError(f"{name} must be {kind} from {minimum:g} to {maximum:g}, not {raw!r}")
    if not minimum <= value <= maximum:
        raise ConfigError(f"{name} must be at least {minimum:g} and at most {maximum:g}")
    return value


def chat_limits(environ: Mapping[str, str] = os.environ) -> tuple[int, float]:
    """FAQBOT_CHAT_BURST and FAQBOT_CHAT_RATE: how many messages one chat may send at
    once, then how many a second, before its excess is skipped (crises never are)."""
    from bot import delivery  # the defaults live with the limiter

    burst = _number(environ, "FAQBOT_CHAT_BURST", delivery.BURST, 1, 1000, whole=True)
    rate = _number(environ, "FAQBOT_CHAT_RATE", delivery.RATE, 0.01, 1000)
    return int(burst), rate
