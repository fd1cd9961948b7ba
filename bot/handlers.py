"""The Telegram handlers: each turns one kind of update into the engine's reply."""

from __future__ import annotations

import logging

from telegram import (
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.ext import ContextTypes

from bot import render
from faq import safety
from faq.knowledge import KnowledgeBase
from faq.matcher import Matcher
from faq.reply import Reply

LOGGER = logging.getLogger(__name__)
ENGINE = "engine"  # key of the Engine in application.bot_data
MAX_INLINE_RESULTS = 50
INLINE_MATCHES = 10
DESCRIPTION_CHARS = 120


class Engine:
    """What the handlers answer with; swapped whole when the knowledge base reloads."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.load(kb)

    def load(self, kb: KnowledgeBase) -> None:
        """Serve a new knowledge base (the matcher and renderer are built first)."""
        matcher, renderer = Matcher(kb), render.Renderer(kb)
        self.kb, self.matcher, self.renderer = kb, matcher, renderer


def engine_of(context: ContextTypes.DEFAULT_TYPE) -> Engine:
    return context.bot_data[ENGINE]


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


async def question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a text message (new or edited) with the engine's reply."""
    message = update.effective_message
    if message is None or not message.text or not addressed_to_bot(message, context):
        return
    engine = engine_of(context)
    reply = engine.matcher.reply(without_mention(message, context))
    log_reply(reply, "chat")
    await send(message, engine.renderer.reply(reply))


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Act on a button tap, and always acknowledge it."""
    query = update.callback_query
    engine = engine_of(context)
    prefix, value = render.parse_button(query.data)
    entry = engine.kb.entry(value) if prefix == render.ANSWER else None
    if entry is not None and isinstance(query.message, Message):
        await query.answer()
        LOGGER.info("button: answer id=%s", entry.id)
        await send(query.message, engine.renderer.answer(entry))
    elif prefix == render.TOPICS_PAGE and value.isdigit() and isinstance(query.message, Message):
        await query.answer()
        rows = engine.renderer.topic_rows(int(value))
        if query.message.reply_markup is None or query.message.reply_markup.inline_keyboard != rows:
            await query.edit_message_reply_markup(reply_markup=render.Message("", rows).markup)
    elif prefix == "noop":
        await query.answer()
    else:
        # Stale (from an older knowledge base) or forged data: say so, change nothing.
        LOGGER.info("button: unknown data")
        await query.answer(engine.renderer.text(engine.kb.messages.stale_button), show_alert=True)


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
        log_reply(None, "inline", found=len(entries))
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


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Tell a sender of stickers, photos, voice or files that the bot reads text."""
    engine = engine_of(context)
    note = engine.renderer.text(engine.kb.messages.text_only)
    await send(update.effective_message, render.messages([note]))


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


def log_reply(reply: Reply | None, channel: str, found: int | None = None) -> None:
    """What was replied, never who asked; the message itself only at DEBUG."""
    if reply is None:
        LOGGER.info("%s: %s results", channel, found)
        return
    entry_id = reply.match.entry.id if reply.match else "-"
    LOGGER.info("%s: reply kind=%s id=%s score=%s", channel, reply.kind, entry_id, reply.score)
    LOGGER.debug("%s: message %r", channel, reply.query)


def _shorten(text: str) -> str:
    if len(text) <= DESCRIPTION_CHARS:
        return text
    return text[: DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0] + "…"
