"""Logging that never writes the bot token, whatever logs it (httpx logs request URLs)."""

from __future__ import annotations

import logging
import sys

from telegram.error import BadRequest, NetworkError

REDACTED = "[TOKEN]"


class RedactingFormatter(logging.Formatter):
    """Formats a record, then removes the token from all of it, tracebacks included."""

    def __init__(self, secrets: list[str], fmt: str) -> None:
        super().__init__(fmt)
        self._secrets = [secret for secret in secrets if secret]

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text


class NetworkErrorsInOneLine(logging.Filter):
    """A network failure is an outage to report, not a bug to debug: one line for it
    (its traceback is kept at DEBUG)."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
            record.msg = f"{record.getMessage()} ({type(error).__name__}: {error})"
            record.args = ()
            record.exc_info = None
        return True


def configure(level: str, secrets: list[str]) -> None:
    """Send every log record through one handler that redacts the secrets."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        RedactingFormatter(secrets, "%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    if level != "DEBUG":
        handler.addFilter(NetworkErrorsInOneLine())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL (which holds the token) at INFO; keep its chatter,
    # redacted, for DEBUG only.
    logging.getLogger("httpx").setLevel(logging.DEBUG if level == "DEBUG" else logging.WARNING)
