"""The web page's settings, read from the environment (FAQBOT_WEB_*)."""

from __future__ import annotations

import ipaddress
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.config import ConfigError
from bot.web import passwords

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
SESSION_HOURS = 12  # one working day at the desk, then sign in again


@dataclass(frozen=True)
class WebSettings:
    """Where to listen, and how staff sign in."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    password: str = ""  # FAQBOT_WEB_PASSWORD: plain, compared in constant time
    password_hash: str = ""  # FAQBOT_WEB_PASSWORD_HASH: see bot/web/passwords.py
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(32), repr=False)
    secure_cookie: bool = False  # FAQBOT_WEB_SECURE_COOKIE=on behind HTTPS
    login_attempts: int = 5  # per client address per minute

    @property
    def sign_in(self) -> bool:
        """Whether staff must sign in (a password or hash is set)."""
        return bool(self.password or self.password_hash)

    def password_ok(self, given: str) -> bool:
        """Whether `given` is the staff password."""
        if self.password_hash:
            return passwords.verify(given, self.password_hash)
        return bool(self.password) and passwords.matches_plain(given, self.password)


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
    password_hash = environ.get("FAQBOT_WEB_PASSWORD_HASH", "").strip()
    if password_hash:
        try:
            passwords.check_format(password_hash)
        except passwords.HashFormatError as error:
            raise ConfigError(f"FAQBOT_WEB_PASSWORD_HASH is not usable: {error}") from error
    secure = environ.get("FAQBOT_WEB_SECURE_COOKIE", "off").strip().lower() or "off"
    if secure not in ("on", "off"):
        raise ConfigError("FAQBOT_WEB_SECURE_COOKIE must be on or off")
    secret = environ.get("FAQBOT_WEB_SECRET", "").strip()
    given: dict[str, Any] = {"secret": secret} if secret else {}  # else the field's default
    settings = WebSettings(
        host=host,
        port=port,
        password=password,
        password_hash=password_hash,
        secure_cookie=secure == "on",
        **given,
    )
    if not settings.sign_in and not is_loopback(host):
        raise ConfigError(
            f"refusing to serve on {host} without a staff password: "
            "set FAQBOT_WEB_PASSWORD or FAQBOT_WEB_PASSWORD_HASH, or use 127.0.0.1"
        )
    return settings
