"""The web page's settings, read from the environment (FAQBOT_WEB_*)."""

from __future__ import annotations

import ipaddress
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot import config
from bot.config import ConfigError
from bot.web import passwords

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
SESSION_HOURS = 12  # one working day at the desk, then sign in again
MAX_WORKERS = 8


@dataclass(frozen=True)
class WebSettings:
    """Where to listen, how staff and admins sign in, and where analytics are counted."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    password: str = field(default="", repr=False)  # FAQBOT_WEB_PASSWORD: plain
    password_hash: str = field(default="", repr=False)  # FAQBOT_WEB_PASSWORD_HASH
    # FAQBOT_WEB_ADMIN_PASSWORD(_HASH): signs in to the dashboard as well as the search.
    admin_password: str = field(default="", repr=False)
    admin_password_hash: str = field(default="", repr=False)
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(32), repr=False)
    secure_cookie: bool = False  # FAQBOT_WEB_SECURE_COOKIE=on behind HTTPS
    login_attempts: int = 5  # per client address per minute
    # FAQBOT_DB_PATH, the bot's analytics: searches are counted there (channel "web")
    # and the dashboard reads it. None: nothing is counted, and no dashboard is shown.
    db_path: Path | None = None
    # FAQBOT_WEB_WORKERS: processes serving the page, each with its own engine (about
    # 350 MB). One search runs at a time in a process; two let two long searches run at
    # once on a two-core machine (README, "Benchmarks").
    workers: int = 1

    @property
    def sign_in(self) -> bool:
        """Whether the page needs signing in (any password or hash is set)."""
        return self.staff_sign_in or self.admin

    @property
    def staff_sign_in(self) -> bool:
        """Whether a staff password or hash is set."""
        return bool(self.password or self.password_hash)

    @property
    def admin(self) -> bool:
        """Whether there is a dashboard: an admin password or hash is set."""
        return bool(self.admin_password or self.admin_password_hash)

    def password_ok(self, given: str) -> bool:
        """Whether `given` is the staff password."""
        return _matches(given, self.password, self.password_hash)

    def admin_password_ok(self, given: str) -> bool:
        """Whether `given` is the admin password."""
        return _matches(given, self.admin_password, self.admin_password_hash)


def _matches(given: str, plain: str, hashed: str) -> bool:
    """Whether `given` is the password set as a hash (which wins) or plain; False if unset."""
    if hashed:
        return passwords.verify(given, hashed)
    return bool(plain) and passwords.matches_plain(given, plain)


def is_loopback(host: str) -> bool:
    """Whether listening on `host` keeps the page on this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def load(
    environ: Mapping[str, str] = os.environ, host: str | None = None, port: int | None = None
) -> WebSettings:
    """Settings from the environment (command-line values first); ConfigError if unusable."""
    host = host or environ.get("FAQBOT_WEB_HOST", "").strip() or DEFAULT_HOST
    if port is None:
        raw = environ.get("FAQBOT_WEB_PORT", "").strip() or str(DEFAULT_PORT)
        if not raw.isdigit() or not 0 < int(raw) < 65536:
            raise ConfigError(f"FAQBOT_WEB_PORT must be a port number, not {raw!r}")
        port = int(raw)
    password = environ.get("FAQBOT_WEB_PASSWORD", "")
    password_hash = _hash(environ, "FAQBOT_WEB_PASSWORD_HASH")
    admin_password = environ.get("FAQBOT_WEB_ADMIN_PASSWORD", "")
    admin_password_hash = _hash(environ, "FAQBOT_WEB_ADMIN_PASSWORD_HASH")
    secure = environ.get("FAQBOT_WEB_SECURE_COOKIE", "off").strip().lower() or "off"
    if secure not in ("on", "off"):
        raise ConfigError("FAQBOT_WEB_SECURE_COOKIE must be on or off")
    raw_workers = environ.get("FAQBOT_WEB_WORKERS", "").strip() or "1"
    if not raw_workers.isdigit() or not 1 <= int(raw_workers) <= MAX_WORKERS:
        raise ConfigError(f"FAQBOT_WEB_WORKERS must be 1 to {MAX_WORKERS}, not {raw_workers!r}")
    secret = environ.get("FAQBOT_WEB_SECRET", "").strip()
    given: dict[str, Any] = {"secret": secret} if secret else {}  # else the field's default
    settings = WebSettings(
        host=host,
        port=port,
        password=password,
        password_hash=password_hash,
        admin_password=admin_password,
        admin_password_hash=admin_password_hash,
        secure_cookie=secure == "on",
        db_path=config.db_path(environ),
        workers=int(raw_workers),
        **given,
    )
    _check_admin(settings)
    if not settings.sign_in and not is_loopback(host):
        raise ConfigError(
            f"refusing to serve on {host} without a staff password: "
            "set FAQBOT_WEB_PASSWORD or FAQBOT_WEB_PASSWORD_HASH, or use 127.0.0.1"
        )
    return settings


def _hash(environ: Mapping[str, str], name: str) -> str:
    """A password hash setting, checked for a format bot/web/passwords.py reads."""
    value = environ.get(name, "").strip()
    if value:
        try:
            passwords.check_format(value)
        except passwords.HashFormatError as error:
            raise ConfigError(f"{name} is not usable: {error}") from error
    return value


def _check_admin(settings: WebSettings) -> None:
    """Refuse an admin password that staff could not be told apart by (ConfigError)."""
    if not settings.admin:
        return
    if not settings.staff_sign_in:
        # Without one the page would be open to anyone on this machine but the dashboard,
        # and staff would have only the admin password to sign in with.
        raise ConfigError(
            "FAQBOT_WEB_ADMIN_PASSWORD needs a staff password too: "
            "set FAQBOT_WEB_PASSWORD or FAQBOT_WEB_PASSWORD_HASH"
        )
    if (settings.admin_password and settings.password_ok(settings.admin_password)) or (
        settings.password and settings.admin_password_ok(settings.password)
    ):
        raise ConfigError(
            "FAQBOT_WEB_ADMIN_PASSWORD must differ from FAQBOT_WEB_PASSWORD: "
            "the password is what tells an admin from the staff"
        )
