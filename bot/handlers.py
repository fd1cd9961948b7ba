"""The Telegram handlers: each turns one kind of update into the engine's reply."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from pathlib import Path

from telegram import (
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.ext import Application, ContextTypes

from bot import engine, render
from bot.analytics import Store
from bot.config import Settings
from faq import knowledge, safety
from faq.embedding import Encoder
from faq.knowledge import KnowledgeBase
from faq.reply import Kind, Reply

LOGGER = logging.getLogger(__name__)
ENGINE = "engine"  # keys in application.bot_data
SERVICES = "services"
PENDING_QUESTION = "pending_question"  # chat_data: the question "Ask the clinic" would send
MAX_INLINE_RESULTS = 50
INLINE_MATCHES = 10
DESCRIPTION_CHARS = 120
MAINTENANCE_SECONDS = 24 * 60 * 60  # retention runs at start and then daily


class Engine:
    """What the handlers answer with; swapped whole when the knowledge base reloads."""

    def __init__(
        self, kb: KnowledgeBase, encoder: Encoder | None = None, cache_dir: Path | None = None
    ) -> None:
        self.encoder, self.cache_dir = encoder, cache_dir
        self.load(kb)

    def load(self, kb: KnowledgeBase) -> None:
        """Serve a new knowledge base (the matcher and renderer are built first)."""
        matcher = engine.matcher_for(kb, self.encoder, self.cache_dir)
        renderer = render.Renderer(kb)
        self.kb, self.matcher, self.renderer = kb, matcher, renderer


@dataclass(frozen=True)
class Services:
    """The settings and analytics store the handlers share."""

    settings: Settings
    store: Store


def engine_of(context: ContextTypes.DEFAULT_TYPE) -> Engine:
    return context.bot_data[ENGINE]


def services_of(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return context.bot_data[SERVICES]


async def send(message: Message, parts: list[render.Message]) -> None:
    """Send rendered messages in reply to a message (quoting it in groups)."""
    quote = message.chat.type != ChatType.PRIVATE
    for part in parts:
        await message.reply_text(
            part.html, parse_mode=ParseMode.HTML, reply_markup=part.markup, do_quote=quote
        )


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the welcome: what the bot answers, the disclaimer, the clinic, the topics."""
    await send(update.effective_message, engine_of(context).renderer.welcome())


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Explain how to ask, with the topics as buttons."""
    await send(update.effective_message, engine_of(context).renderer.help())


async def topics(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List every question as a button, a page at a time."""
    await send(update.effective_message, engine_of(context).renderer.topics())


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a command the bot does not have (or this person may not use) with /help."""
    await help_command(update, context)


async def question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a text message (new or edited) with the engine's reply."""
    message = update.effective_message
    if message is None or not message.text or not addressed_to_bot(message, context):
        return
    engine, services = engine_of(context), services_of(context)
    reply = engine.matcher.reply(without_mention(message, context))
    log_reply(reply, "chat")
    services.store.record(reply, "chat")
    handoff = reply.kind is Kind.NO_MATCH and services.settings.staff_chat_id is not None
    if handoff and context.chat_data is not None:
        context.chat_data[PENDING_QUESTION] = reply.query
    vote = Store.new_vote() if reply.kind is Kind.ANSWER else None
    await send(message, engine.renderer.reply(reply, vote=vote, handoff=handoff))


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Act on a button tap, and always acknowledge it."""
    query = update.callback_query
    engine, services = engine_of(context), services_of(context)
    prefix, value = render.parse_button(query.data)
    message = query.message if isinstance(query.message, Message) else None
    entry = engine.kb.entry(value) if prefix == render.ANSWER else None
    if entry is not None and message is not None:
        await query.answer()
        LOGGER.info("button: answer id=%s", entry.id)
        services.store.record_lookup(entry.id, "chat")
        await send(message, engine.renderer.answer(entry, vote=Store.new_vote()))
    elif prefix == render.TOPICS_PAGE and value.isdigit() and message is not None:
        await query.answer()
        rows = engine.renderer.topic_rows(int(value))
        if message.reply_markup is None or message.reply_markup.inline_keyboard != rows:
            await query.edit_message_reply_markup(reply_markup=render.Message("", rows).markup)
    elif prefix == render.FEEDBACK and message is not None and _feedback(value, engine):
        await _record_feedback(update, context, value)
    elif prefix == render.HANDOFF and message is not None:
        await _hand_off(update, context)
    elif prefix == render.CONCERN and value in (render.YES, render.NO) and message is not None:
        await _check_in_answered(update, context, value == render.YES)
    elif prefix == render.NOOP:
        await query.answer()
    else:
        # Stale (from an older knowledge base) or forged data: say so, change nothing.
        LOGGER.info("button: unknown data")
        await query.answer(engine.renderer.text(engine.kb.messages.stale_button), show_alert=True)


def _feedback(value: str, engine: Engine) -> bool:
    entry_id, _, rest = value.partition(":")
    vote, _, helpful = rest.partition(":")
    return engine.kb.entry(entry_id) is not None and bool(vote) and helpful in ("0", "1")


async def _record_feedback(update: Update, context: ContextTypes.DEFAULT_TYPE, value: str) -> None:
    query = update.callback_query
    engine, services = engine_of(context), services_of(context)
    entry_id, vote, helpful = value.split(":")
    if services.store.vote(entry_id, helpful == "1", vote):
        LOGGER.info("feedback: id=%s helpful=%s", entry_id, helpful)
    thanks = engine.renderer.text(engine.kb.messages.feedback_thanks)
    await query.answer(thanks)
    rows = query.message.reply_markup.inline_keyboard if query.message.reply_markup else ()
    thanked = engine.renderer.thanked(rows)
    await query.edit_message_reply_markup(reply_markup=render.Message("", thanked).markup)


async def _check_in_answered(
    update: Update, context: ContextTypes.DEFAULT_TYPE, thinking_of_it: bool
) -> None:
    """Yes: the crisis resources (and the clinic team when a staff group is set).
    No: thanks, and an invitation to ask."""
    query = update.callback_query
    engine, services = engine_of(context), services_of(context)
    await query.answer()
    await query.edit_message_reply_markup(reply_markup=None)
    LOGGER.info("check-in: answered %s", "yes" if thinking_of_it else "no")
    if not thinking_of_it:
        note = engine.renderer.text(engine.kb.messages.concern_declined)
        await send(query.message, render.messages([note]))
        return
    reply = Reply(Kind.CRISIS, "")
    services.store.record(reply, "chat")
    handoff = services.settings.staff_chat_id is not None and context.chat_data is not None
    if handoff:
        context.chat_data[PENDING_QUESTION] = engine.renderer.text(
            engine.kb.messages.concern_handoff
        )
    await send(query.message, engine.renderer.crisis(handoff=handoff))


async def _hand_off(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Post the patient's question to the staff group under an anonymous label."""
    query = update.callback_query
    engine, services = engine_of(context), services_of(context)
    staff_chat = services.settings.staff_chat_id
    pending = context.chat_data.pop(PENDING_QUESTION, None) if context.chat_data else None
    if staff_chat is None or pending is None or update.effective_chat is None:
        await query.answer(
            engine.renderer.text(engine.kb.messages.handoff_expired), show_alert=True
        )
        return
    await query.answer()
    label = services.store.open_handoff(update.effective_chat.id)
    # After a safety check-in the patient asked for a person, not a question answered.
    care = pending == engine.renderer.text(engine.kb.messages.concern_handoff)
    said = f" {render.escape(pending)}" if care else f" asks:\n\n{render.escape(pending)}"
    post = await context.bot.send_message(
        staff_chat,
        f"<b>{render.escape(label)}</b>{said}\n\n"
        "<i>Reply to this message to answer them; the bot relays it without names.</i>",
        parse_mode=ParseMode.HTML,
    )
    services.store.posted(label, post.message_id)
    LOGGER.info("handoff: posted %s to the staff group", label)
    await query.edit_message_reply_markup(reply_markup=None)
    note = engine.renderer.text(engine.kb.messages.handoff_sent)
    await send(query.message, render.messages([note]))


async def staff_reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Relay a staff member's reply to a hand-off post back to the patient."""
    message = update.effective_message
    engine, services = engine_of(context), services_of(context)
    replied = message.reply_to_message
    handoff = services.store.handoff_for(replied.message_id) if replied else None
    if handoff is None:
        if replied is not None and replied.from_user and replied.from_user.id == context.bot.id:
            await message.reply_text("That question was already answered, or has expired.")
        return
    header = engine.renderer.text(engine.kb.messages.staff_reply)
    for part in render.messages([header, message.text or ""], bold_first=True):
        await context.bot.send_message(handoff.chat_id, part.html, parse_mode=ParseMode.HTML)
    services.store.close_handoff(handoff.label)
    LOGGER.info("handoff: relayed the reply to %s", handoff.label)
    await message.reply_text(f"Sent to {handoff.label}.")


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List matching entries for the front desk; one tap sends the approved passage."""
    engine = engine_of(context)
    text = update.inline_query.query.strip()
    results = []
    if text and safety.is_crisis(text):
        crisis = engine.renderer.text(engine.kb.messages.crisis)
        results.append(
            InlineQueryResultArticle(
                id="crisis",
                title="Crisis resources",
                description=crisis[:DESCRIPTION_CHARS],
                input_message_content=InputTextMessageContent(
                    render.escape(crisis), parse_mode=ParseMode.HTML
                ),
            )
        )
    if text:
        entries = [match.entry for match in engine.matcher.search(text, INLINE_MATCHES)]
        LOGGER.info("inline: %d results", len(entries))
    else:
        entries = list(engine.kb.entries)
    for entry in entries[: MAX_INLINE_RESULTS - len(results)]:
        first = engine.renderer.answer(entry)[0]
        results.append(
            InlineQueryResultArticle(
                id=entry.id,
                title=entry.question,
                description=_shorten(entry.answer),
                input_message_content=InputTextMessageContent(
                    first.html, parse_mode=ParseMode.HTML
                ),
            )
        )
    await update.inline_query.answer(results, cache_time=60, is_personal=False)


async def inline_chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Count an answer the front desk sent from inline mode (needs /setinlinefeedback)."""
    entry_id = update.chosen_inline_result.result_id
    if engine_of(context).kb.entry(entry_id) is not None:
        services_of(context).store.record_lookup(entry_id, "inline")


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Tell a sender of stickers, photos, voice or files that the bot reads text."""
    engine = engine_of(context)
    note = engine.renderer.text(engine.kb.messages.text_only)
    await send(update.effective_message, render.messages([note]))


async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send an admin the figures of the last 7 and 30 days."""
    from bot import report  # only admins pay for importing the report

    engine, services = engine_of(context), services_of(context)
    figures = report.report(services.store, engine.kb)
    # <pre> keeps the report's columns aligned in Telegram's proportional font.
    chunks = render.split(report.to_text(figures).split("\n\n"))
    parts = [render.Message(f"<pre>{render.escape(chunk)}</pre>") for chunk in chunks]
    await send(update.effective_message, parts)


async def reload_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reload the knowledge base now, and tell the admin how it went."""
    problem = reload_knowledge(context.application)
    note = problem or "Reloaded: the bot now serves the knowledge base as it is on disk."
    await send(update.effective_message, render.messages([note]))


def reload_knowledge(application: Application) -> str | None:
    """Load the knowledge base file again; on any problem keep serving the old one and
    return what went wrong."""
    engine: Engine = application.bot_data[ENGINE]
    path = engine.kb.path
    try:
        engine.load(knowledge.load(path))
    except knowledge.KnowledgeBaseError as error:
        LOGGER.error("reload failed; still serving the previous knowledge base:\n%s", error)
        return f"Reload failed; still serving the previous knowledge base.\n\n{error}"
    LOGGER.info("reloaded %s: %d entries", path, len(engine.kb.entries))
    return None


async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error and carry on; tell the person, if there is one, to try again."""
    LOGGER.error("error while handling an update", exc_info=context.error)
    # While stopping, an apology would only wait on the same failing network.
    if not context.application.running:
        return
    if isinstance(update, Update) and update.effective_message is not None:
        engine = engine_of(context)
        note = engine.renderer.text(engine.kb.messages.error)
        try:
            await update.effective_message.reply_text(render.escape(note), parse_mode="HTML")
        except Exception:  # the error may be that Telegram cannot be reached at all
            LOGGER.warning("could not tell the user about the error", exc_info=True)


async def maintain(application: Application) -> None:
    """Forever: reload the knowledge base when its files change, and apply retention
    at start and daily."""
    services: Services = application.bot_data[SERVICES]
    settings = services.settings
    engine: Engine = application.bot_data[ENGINE]
    watched = _stamps(engine.kb)
    since_retention = MAINTENANCE_SECONDS
    while True:
        if since_retention >= MAINTENANCE_SECONDS:
            deleted = services.store.expire(settings.retention_days, settings.handoff_days)
            LOGGER.info("retention: deleted %d old rows", deleted)
            since_retention = 0.0
        await asyncio.sleep(settings.reload_seconds)
        since_retention += settings.reload_seconds
        current = _stamps(engine.kb)
        if current != watched:
            watched = current
            problem = reload_knowledge(application)
            if problem is not None:
                await _tell_admins(application, problem)


async def _tell_admins(application: Application, note: str) -> None:
    for admin in application.bot_data[SERVICES].settings.admin_ids:
        for part in render.messages([note]):
            try:
                await application.bot.send_message(admin, part.html, parse_mode=ParseMode.HTML)
            except Exception:
                LOGGER.warning("could not tell admin about the failed reload", exc_info=True)


def _stamps(kb: KnowledgeBase) -> tuple[float, ...]:
    """Modification times of the knowledge base and its article (0 if missing)."""
    return tuple(_mtime(path) for path in (kb.path, kb.path.parent / kb.source_name))


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime_ns / 1e9
    except OSError:
        return 0.0


def addressed_to_bot(message: Message, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """In a group the bot answers only mentions of it and replies to its own messages."""
    if message.chat.type == ChatType.PRIVATE:
        return True
    replied = message.reply_to_message
    if (
        replied is not None
        and replied.from_user is not None
        and replied.from_user.id == context.bot.id
    ):
        return True
    return _mentions(message, context)


def _mentions(message: Message, context: ContextTypes.DEFAULT_TYPE) -> bool:
    username = f"@{context.bot.username}".lower()
    for entity, text in message.parse_entities(
        [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
    ).items():
        if entity.type == MessageEntity.MENTION and text.lower() == username:
            return True
        if entity.user is not None and entity.user.id == context.bot.id:
            return True
    return False


def without_mention(message: Message, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The message text without "@botname", which is addressing, not the question."""
    text = message.text or ""
    username = f"@{context.bot.username}"
    return text.replace(username, " ").replace(username.lower(), " ").strip()


def log_reply(reply: Reply, channel: str) -> None:
    """What was replied, never who asked; the message itself only at DEBUG."""
    entry_id = reply.match.entry.id if reply.match else "-"
    LOGGER.info("%s: reply kind=%s id=%s score=%s", channel, reply.kind, entry_id, reply.score)
    LOGGER.debug("%s: message %r", channel, reply.query)


def _shorten(text: str) -> str:
    if len(text) <= DESCRIPTION_CHARS:
        return text
    return text[: DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0] + "…"
