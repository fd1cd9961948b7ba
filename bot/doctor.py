"""`faqbot doctor`: check a deployment end to end, one line per check."""

from __future__ import annotations

import asyncio
import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from telegram import Bot
from telegram.error import BadRequest, Forbidden, InvalidToken, TelegramError
from telegram.request import HTTPXRequest

from bot import analytics, config, logs
from faq import knowledge

Level = Literal["ok", "warn", "FAIL"]
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_CONFIG = 2
# Long enough for a slow link to Telegram, short enough that a firewalled host answers
# within a minute over all the checks instead of hanging on the 10 s default per retry.
DOCTOR_TIMEOUT = 8.0
# Chat member statuses in which the bot may post to the group (a "restricted" member
# may too, when its can_send_messages says so).
POSTING_STATUSES = ("creator", "administrator", "member")
GROUP_TYPES = ("group", "supergroup")


@dataclass(frozen=True)
class Check:
    """The outcome of one check: its level, what was checked, and what to do."""

    level: Level
    name: str
    detail: str

    def line(self) -> str:
        """The check as printed: level, name, detail."""
        return f"{self.level:<4}  {self.name}: {self.detail}"


def _bot(settings: config.Settings) -> Bot:
    """A Bot on TELEGRAM_API_BASE_URL (or Telegram's) with a short timeout."""
    seconds = min(settings.timeout, DOCTOR_TIMEOUT)
    request = HTTPXRequest(
        connect_timeout=seconds, read_timeout=seconds, write_timeout=seconds, pool_timeout=seconds
    )
    if settings.api_base_url:
        return Bot(settings.token, base_url=settings.api_base_url, request=request)
    return Bot(settings.token, request=request)


def _redact(text: str, secrets: list[str]) -> str:
    """The text with every secret replaced, in any of its spellings (python-telegram-bot
    lower-cases an error's text, token and all), so no message shows the token."""
    pattern = logs.secrets_pattern(secrets)
    return text if pattern is None else pattern.sub(logs.REDACTED, text)


async def _telegram_checks(settings: config.Settings, environ: Mapping[str, str]) -> list[Check]:
    """The token, the staff group, the admins and the webhook, as Telegram sees them."""
    checks: list[Check] = []
    secrets = [settings.token, environ.get("WEBHOOK_SECRET", "")]
    bot = _bot(settings)
    try:
        me = await bot.get_me()
    except InvalidToken:
        return [
            Check("FAIL", "token", "Telegram rejected TELEGRAM_BOT_TOKEN: check it with @BotFather")
        ]
    except TelegramError as error:
        reason = _redact(str(error), secrets)
        return [
            Check(
                "FAIL",
                "token",
                f"cannot reach the Telegram Bot API ({reason}): check the network or "
                "TELEGRAM_API_BASE_URL",
            )
        ]
    checks.append(Check("ok", "token", f"Telegram knows the bot as @{me.username}"))
    try:
        if settings.staff_chat_id is not None:
            checks.append(await _staff_check(bot, me.id, settings.staff_chat_id, secrets))
        for admin in sorted(settings.admin_ids):
            checks.append(await _admin_check(bot, admin, secrets))
        if environ.get("WEBHOOK_URL", "").strip():
            checks.append(await _webhook_check(bot, environ, secrets))
    finally:
        await bot.shutdown()
    return checks


async def _staff_check(bot: Bot, bot_id: int, chat_id: int, secrets: list[str]) -> Check:
    """The staff group exists for the bot, and the bot may post in it."""
    name = "staff group"
    advice = (
        "add the bot to the staff group, send a message there, and run "
        "`faqbot doctor --find-chats` for its id"
    )
    try:
        chat = await bot.get_chat(chat_id)
        member = await bot.get_chat_member(chat_id, bot_id)
    except (BadRequest, Forbidden) as error:
        # Telegram answers "chat not found" both for a wrong id and for a group the bot
        # was never added to: the advice covers both.
        reason = _redact(error.message, secrets)
        return Check("FAIL", name, f"STAFF_CHAT_ID={chat_id}: Telegram says {reason!r}; {advice}")
    except TelegramError as error:
        return Check("FAIL", name, f"cannot check STAFF_CHAT_ID: {_redact(str(error), secrets)}")
    title = chat.title or chat.full_name or str(chat_id)
    can_post = member.status in POSTING_STATUSES or (
        member.status == "restricted" and bool(getattr(member, "can_send_messages", False))
    )
    if not can_post:
        return Check(
            "FAIL", name, f"the bot is {member.status} in {title!r}, so it cannot post: {advice}"
        )
    if chat.type not in GROUP_TYPES:
        return Check(
            "warn", name, f"{title!r} is a {chat.type}, not a group: staff replies need a group"
        )
    return Check("ok", name, f"{title!r} ({chat.type}), the bot is {member.status}")


async def _admin_check(bot: Bot, admin: int, secrets: list[str]) -> Check:
    """An admin the bot can message (they have started it)."""
    try:
        await bot.get_chat(admin)
    except (BadRequest, Forbidden) as error:
        reason = _redact(error.message, secrets)
        return Check(
            "warn",
            f"admin {admin}",
            f"the bot cannot message them (Telegram says {reason!r}): they should open the bot "
            "and send /start",
        )
    except TelegramError as error:
        return Check("FAIL", f"admin {admin}", f"cannot check: {_redact(str(error), secrets)}")
    return Check("ok", f"admin {admin}", "the bot can message them")


async def _webhook_check(bot: Bot, environ: Mapping[str, str], secrets: list[str]) -> Check:
    """WEBHOOK_* are valid, and Telegram has the same URL registered."""
    try:
        webhook = config.load(environ, webhook=True).webhook
    except config.ConfigError as error:
        return Check("FAIL", "webhook", str(error))
    assert webhook is not None  # load(webhook=True) returns one or raises
    try:
        info = await bot.get_webhook_info()
    except TelegramError as error:
        return Check("FAIL", "webhook", f"cannot read it: {_redact(str(error), secrets)}")
    if info.url != webhook.url:
        registered = info.url or "none"
        return Check(
            "warn",
            "webhook",
            f"Telegram has {registered}, not {webhook.url}: `faqbot run --webhook` "
            "registers it at start",
        )
    return Check("ok", "webhook", f"{webhook.url}, with a secret, registered with Telegram")


def _knowledge_check(path: Path) -> Check:
    """The knowledge base has no errors; placeholders left are a warning."""
    problems = knowledge.check(path)
    errors = [problem for problem in problems if not problem.warning]
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        return Check(
            "FAIL",
            "knowledge base",
            f"{errors[0].located(path)}{more}: run `faqbot check {path}`",
        )
    # The clinic's [BRACKETED] details, and the clinic entries that wait for them.
    placeholders = [problem for problem in problems if problem.placeholder]
    if placeholders:
        return Check(
            "warn",
            "knowledge base",
            f"{path}: {len(placeholders)} placeholder warning(s): run `faqbot init` or edit "
            f"{knowledge.layout(path).file_of('clinic').name}, then `faqbot check {path}`",
        )
    others = len(problems)
    note = f" ({others} other warning(s): `faqbot check`)" if others else ""
    return Check("ok", "knowledge base", f"{path}, no errors{note}")


def _database_check(settings: config.Settings) -> Check:
    """FAQBOT_DB_PATH opens, is writable and is at this faqbot's schema."""
    path = settings.db_path
    try:
        store = analytics.Store(path)
        try:
            version = store.schema_version
        finally:
            store.close()
    except (OSError, sqlite3.Error, RuntimeError) as error:
        reason = analytics.problem(path, error)
        return Check("FAIL", "database", f"cannot use FAQBOT_DB_PATH={path}: {reason}")
    if not os.access(path, os.W_OK):  # SQLite opens a read-only file, then fails at the first write
        return Check("FAIL", "database", f"FAQBOT_DB_PATH={path} is read-only for this user")
    if version != analytics.SCHEMA_VERSION:
        return Check(
            "FAIL",
            "database",
            f"{path} is at schema {version}, this faqbot needs {analytics.SCHEMA_VERSION}",
        )
    return Check(
        "ok",
        "database",
        f"{path} (schema {version}), replies kept {settings.retention_days} days "
        f"(FAQBOT_RETENTION_DAYS), hand-offs {settings.handoff_days}",
    )


def _semantic_check(settings: config.Settings) -> Check:
    """The model's files are installed and their sha256 verified, or the net is off."""
    if not settings.semantic:
        return Check(
            "warn",
            "semantic net",
            "off (FAQBOT_SEMANTIC=off): crisis detection relies on the named rules (and, for "
            "Spanish, its letters)",
        )
    from faq.embedding import Encoder, ModelError, locate

    try:
        # numpy: verifies both hashes and reads the weights, without building (or
        # trusting) the cached int8 graph, which the bot checks on its own at start.
        encoder = Encoder.load(locate(), backend="numpy")
    except ModelError as error:
        return Check("FAIL", "semantic net", f"{error}")
    return Check(
        "ok", "semantic net", f"model weights verified (sha256 {encoder.weights_sha256[:12]}…)"
    )


def checks(environ: Mapping[str, str], kb_path: Path | None = None) -> tuple[list[Check], int]:
    """Run every check; return them and the exit status."""
    try:
        settings = config.load(environ)
    except config.ConfigError as error:
        return [Check("FAIL", "settings", str(error))], EXIT_CONFIG
    found = [Check("ok", "settings", "loaded")]
    found += asyncio.run(_telegram_checks(settings, environ))
    found.append(_knowledge_check(kb_path or settings.faq_path))
    found.append(_database_check(settings))
    found.append(_semantic_check(settings))
    failed = any(check.level == "FAIL" for check in found)
    return found, EXIT_FAILED if failed else EXIT_OK


def run(environ: Mapping[str, str], kb_path: Path | None = None) -> int:
    """Print one line per check; the exit status: 0 all pass, 1 one fails, 2 bad settings."""
    found, status = checks(environ, kb_path)
    for check in found:
        print(check.line(), flush=True)
    return status


async def _group_chats(settings: config.Settings) -> list[tuple[str, int]]:
    """The groups in the updates Telegram holds for the bot, without confirming them."""
    bot = _bot(settings)
    try:
        # No offset: nothing is confirmed, so the bot still gets these updates later.
        updates = await bot.get_updates(timeout=0)
    finally:
        await bot.shutdown()
    chats: dict[int, str] = {}
    for update in updates:
        chat = update.effective_chat
        if chat is not None and chat.type in GROUP_TYPES:
            chats[chat.id] = chat.title or ""
    return [(title, chat_id) for chat_id, title in chats.items()]


def find_chats(environ: Mapping[str, str]) -> int:
    """Print the title and id of each group the bot has recent messages from."""
    try:
        settings = config.load(environ)
    except config.ConfigError as error:
        print(f"FAIL  settings: {error}")
        return EXIT_CONFIG
    try:
        chats = asyncio.run(_group_chats(settings))
    except InvalidToken:
        print("FAIL  token: Telegram rejected TELEGRAM_BOT_TOKEN: check it with @BotFather")
        return EXIT_FAILED
    except TelegramError as error:
        # 409 Conflict: the bot is polling, or a webhook is set; getUpdates is refused.
        reason = _redact(str(error), [settings.token])
        print(f"FAIL  updates: {reason}; stop the bot (and any webhook) and try again")
        return EXIT_FAILED
    if not chats:
        print(
            "No group messages waiting. Add the bot to the staff group, send any message "
            "there (mention the bot if privacy mode is on), then run this again while the "
            "bot is stopped."
        )
        return EXIT_FAILED
    for title, chat_id in chats:
        print(f"{chat_id}  {title}")
    print("Put the staff group's id in .env as STAFF_CHAT_ID=<id>.")
    return EXIT_OK


def main(kb_path: Path | None, find: bool = False, environ: Mapping[str, str] = os.environ) -> int:
    """`faqbot doctor` (or `--find-chats`) on this environment."""
    return find_chats(environ) if find else run(environ, kb_path)
