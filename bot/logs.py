"""Logging that never writes the bot token, in any encoding, whatever logs it (httpx logs
request URLs), and never a patient's message above DEBUG."""

from __future__ import annotations

import logging
import re
import sys
import threading
import time
from collections.abc import Iterable
from types import TracebackType

from telegram.error import BadRequest, NetworkError

REDACTED = "[TOKEN]"
# python-telegram-bot's own records that carry an update or a Bot API answer as an
# argument, logged at ERROR or CRITICAL: a webhook post with the right secret that is not
# an update, getUpdates data it cannot parse, an update it cannot build a context for.
CONTENT_MESSAGES = ("Received data was", "for update %s", "invalid JSON data")
# The same error with the same traceback, again within this many seconds, is counted,
# not written: at the open-file limit tornado's accept loop failed 577,000 times.
REPEAT_SECONDS = 60.0
MAX_REPEAT_KEYS = 1000  # distinct errors remembered at once; older ones are forgotten


def spelled_any_way(secret: str) -> str:
    """A regex for `secret` with each character as written, percent-encoded (%3A) or
    percent-encoded twice (%253A); compiled ignoring case."""
    parts = []
    for character in secret:
        if character.isascii():
            code = f"{ord(character):02X}"
            parts.append(f"(?:{re.escape(character)}|%(?:25)?{code})")
        else:  # tokens are ASCII; anything else is matched as written
            parts.append(re.escape(character))
    return "".join(parts)


def secrets_pattern(secrets: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for every secret in any of its spellings, or None for no secret.

    A bot token's part after the colon is the secret: it is matched with or without the
    bot's id in front, so an error that quotes it alone, or with its colon encoded, is
    caught too. Case is ignored: python-telegram-bot lower-cases an error's description
    after its first letter, token and all.
    """
    alternatives = []
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        prefix, colon, rest = secret.partition(":")
        if colon and rest:
            head = spelled_any_way(prefix + colon)
            alternatives.append(f"(?:{head})?{spelled_any_way(rest)}")
        else:
            alternatives.append(spelled_any_way(secret))
    return re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None


class RedactingFormatter(logging.Formatter):
    """Formats a record, then removes the token from all of it, tracebacks included."""

    def __init__(self, secrets: list[str], fmt: str) -> None:
        super().__init__(fmt)
        self._pattern = secrets_pattern(secrets)

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        return text if self._pattern is None else self._pattern.sub(REDACTED, text)


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


class UpdateContentOnlyAtDebug(logging.Filter):
    """python-telegram-bot's records that carry an update keep it only at DEBUG: at
    DEBUG they become DEBUG records; above it, a WARNING without the content."""

    def __init__(self, level: str) -> None:
        super().__init__()
        self._debug = logging.getLevelName(level) <= logging.DEBUG

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno <= logging.DEBUG or not record.name.startswith("telegram"):
            return True
        template = str(record.msg)
        if not any(marker in template for marker in CONTENT_MESSAGES):
            return True
        if self._debug:
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
            return True
        # The exception's text can quote the content too: only its type is kept.
        error = record.exc_info[1] if record.exc_info else None
        kind = f" ({type(error).__name__})" if error is not None else ""
        record.msg = (
            f"data received from Telegram was not an update it could use{kind}, and was not "
            "processed; its content is logged only with LOG_LEVEL=DEBUG"
        )
        record.args = ()
        record.exc_info = record.exc_text = None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


class RepeatedErrorsCounted(logging.Filter):
    """An error with a traceback is written once per REPEAT_SECONDS; its repeats in that
    time are counted, and the count goes with the next one written."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()  # records come from the event loop and from threads
        self._seen: dict[tuple[str, ...], tuple[float, int]] = {}  # key: (written at, held)

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.exc_info or record.exc_info[1] is None or record.levelno < logging.ERROR:
            return True
        error = record.exc_info[1]
        key = (record.name, str(record.msg), type(error).__name__, str(error))
        now = time.monotonic()
        with self._lock:
            written, held = self._seen.get(key, (float("-inf"), 0))
            if now - written < REPEAT_SECONDS:
                self._seen[key] = (written, held + 1)
                return False
            if len(self._seen) >= MAX_REPEAT_KEYS:
                self._seen.clear()
            self._seen[key] = (now, 0)
        if held:
            record.msg = f"{record.getMessage()} [and {held} more like it, not written]"
            record.args = ()
        return True


def configure(level: str, secrets: list[str]) -> None:
    """Send every log record through one handler that redacts the secrets."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        RedactingFormatter(secrets, "%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    handler.addFilter(UpdateContentOnlyAtDebug(level))
    if level != "DEBUG":
        handler.addFilter(NetworkErrorsInOneLine())
    handler.addFilter(RepeatedErrorsCounted())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL (which holds the token) at INFO; keep its chatter,
    # redacted, for DEBUG only.
    logging.getLogger("httpx").setLevel(logging.DEBUG if level == "DEBUG" else logging.WARNING)
    # An exception nobody caught is printed by Python straight to stderr, past the
    # redaction: route it through the handler instead.
    sys.excepthook = _log_uncaught
    threading.excepthook = _log_uncaught_in_thread


def _log_uncaught(
    kind: type[BaseException], error: BaseException, traceback: TracebackType | None
) -> None:
    """Log an exception that ended the program, redacted like every other record."""
    logging.getLogger("faqbot").critical("uncaught exception", exc_info=(kind, error, traceback))


def _log_uncaught_in_thread(args: threading.ExceptHookArgs) -> None:
    """Log an exception that ended a thread, redacted like every other record."""
    if args.exc_value is not None:
        logging.getLogger("faqbot").critical(
            "uncaught exception in thread %s",
            args.thread.name if args.thread else "?",
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
        )
