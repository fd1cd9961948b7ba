"""The Telegram handlers: each turns one kind of update into the engine's reply."""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from telegram import (
    CallbackQuery,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest
from telegram.ext import Application, CallbackContext, ExtBot

from bot import engine, render
from bot.analytics import is_token
from bot.config import Settings
from bot.recorder import REPORT_CALL_SECONDS, Recorder, StoreUnavailable
from faq import knowledge, view
from faq.embedding import Encoder
from faq.knowledge import KnowledgeBase
from faq.reply import SAFETY_KINDS, Kind, Reply

if TYPE_CHECKING:
    from bot.delivery import Intake

LOGGER = logging.getLogger(__name__)
MAX_INLINE_RESULTS = 50
INLINE_MATCHES = 10
DESCRIPTION_CHARS = 120
MAINTENANCE_SECONDS = 24 * 60 * 60  # retention runs at start and then daily
# A changed file is loaded only once it has stayed the same (size and modification time)
# this long: an editor's save takes milliseconds, a copy over a network share longer.
SETTLE_SECONDS = 1.0
# Building the matcher encodes each new phrasing (about 4 ms each on this machine): 2 MB
# of new alternates, the most a file may hold, takes about two minutes. Past this, the
# reload is abandoned, so that the watcher and the retention job go on.
BUILD_SECONDS = 600.0


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
    """The settings, and the recorder that keeps the analytics store off the event loop."""

    settings: Settings
    recorder: Recorder


class BotState:
    """What every handler shares, as `context.bot_data` (app.build sets it up through
    ContextTypes): attributes rather than dict keys, so that mypy checks every read."""

    engine: Engine  # replaced whole by each reload
    services: Services
    intake: Intake

    def __init__(self) -> None:
        # Built by the application with no arguments; app.build sets the three above.
        self.reload_lock = asyncio.Lock()  # one reload at a time, the watcher's or /reload's
        self.maintenance: asyncio.Task[None] | None = None  # the upkeep task, once started


# The handlers' context, its bot_data a BotState. ExtBot's parameter is the type of the
# rate limiter's per-call argument: an int for AIORateLimiter.
Context: TypeAlias = CallbackContext[ExtBot[int], dict[Any, Any], dict[Any, Any], BotState]
# An application whose bot_data is a BotState. The rest is left open: PTB types
# context.application with a type variable of its own, which no alias could match.
BotApplication: TypeAlias = Application[Any, Any, Any, Any, BotState, Any]


def _data(prefix: str, value: str) -> re.Pattern[str]:
    """Button data of one prefix (render's) whose value, all of it, matches `value`."""
    return re.compile(rf"{re.escape(prefix)}:{value}\Z")


# What each button's data looks like: CallbackQueryHandler(pattern=...) routes a tap to
# its callback, and anything else to unknown_button.
ANSWER_DATA = _data(render.ANSWER, r"(?P<id>.+)")
TOPICS_DATA = _data(render.TOPICS_PAGE, r"(?P<page>[0-9]+)")
FEEDBACK_DATA = _data(render.FEEDBACK, r"(?P<id>[^:]*):(?P<vote>[^:]*):(?P<helpful>[01])")
HANDOFF_DATA = _data(render.HANDOFF, r"(?s:.*)")
CONCERN_DATA = _data(render.CONCERN, rf"(?P<answer>{re.escape(render.YES)}|{re.escape(render.NO)})")
NOOP_DATA = _data(render.NOOP, r"(?s:.*)")


async def send(message: Message, parts: list[render.Message]) -> None:
    """Send rendered messages in reply to a message (quoting it in groups)."""
    quote = message.chat.type != ChatType.PRIVATE
    for part in parts:
        await message.reply_text(
            part.html, parse_mode=ParseMode.HTML, reply_markup=part.markup, do_quote=quote
        )


async def start(update: Update, context: Context) -> None:
    """Send the welcome: what the bot answers, the disclaimer, the clinic, the topics."""
    message = update.effective_message
    if message is None:
        return
    await send(message, context.bot_data.engine.renderer.welcome())


async def help_command(update: Update, context: Context) -> None:
    """Explain how to ask, with the topics as buttons."""
    message = update.effective_message
    if message is None:
        return
    await send(message, context.bot_data.engine.renderer.help())


async def topics(update: Update, context: Context) -> None:
    """List every question as a button, a page at a time."""
    message = update.effective_message
    if message is None:
        return
    await send(message, context.bot_data.engine.renderer.topics())


async def unknown_command(update: Update, context: Context) -> None:
    """Answer a command the bot does not have (or this person may not use) with /help."""
    await help_command(update, context)


async def question(update: Update, context: Context) -> None:
    """Answer a text message (new or edited) with the engine's reply."""
    message = update.effective_message
    if message is None or not message_text(message) or not addressed_to_bot(message, context):
        return
    engine, services = context.bot_data.engine, context.bot_data.services
    reply = engine.matcher.reply(without_mention(message, context))
    log_reply(reply, "chat")
    # Only queued: the writer thread stores them later, so the reply below never waits
    # for the store or fails with it. Queued before sending, so the vote token and the
    # pending question are there before anyone can tap the buttons that use them.
    services.recorder.record(reply, "chat")
    handoff = (
        reply.kind is Kind.NO_MATCH
        and services.settings.staff_chat_id is not None
        and services.recorder.hold_question(message.chat_id, reply.query)
    )
    answered = reply.match.entry.id if reply.kind is Kind.ANSWER and reply.match else None
    vote = services.recorder.issue_vote(answered) if answered else None
    await send(message, engine.renderer.reply(reply, vote=vote, handoff=handoff))


def _tap(
    update: Update, context: Context
) -> tuple[CallbackQuery, Message | None, re.Match[str] | None]:
    """A button tap: its query; the message the button is under, None when Telegram no
    longer gives it; its data as the handler's pattern matched it, None for a query with
    no data at all (which CallbackQueryHandler lets through whatever its pattern)."""
    query = update.callback_query
    assert query is not None  # CallbackQueryHandler passes only callback queries
    message = query.message if isinstance(query.message, Message) else None
    data = context.match if isinstance(context.match, re.Match) else None
    return query, message, data


async def _stale(query: CallbackQuery, context: Context) -> None:
    """Say that a button no longer works, and change nothing."""
    LOGGER.info("button: unknown data")
    engine = context.bot_data.engine
    await query.answer(engine.renderer.text(engine.kb.messages.stale_button), show_alert=True)


async def answer_button(update: Update, context: Context) -> None:
    """Send the answer to the question tapped."""
    query, message, data = _tap(update, context)
    engine, services = context.bot_data.engine, context.bot_data.services
    entry = engine.kb.entry(data["id"]) if data else None
    if entry is None or message is None:  # an entry of an older knowledge base
        await _stale(query, context)
        return
    await query.answer()
    LOGGER.info("button: answer id=%s", entry.id)
    services.recorder.record_lookup(entry.id, "chat")
    await send(message, engine.renderer.answer(entry, vote=services.recorder.issue_vote(entry.id)))


async def topics_button(update: Update, context: Context) -> None:
    """Turn the topics list to the page tapped."""
    query, message, data = _tap(update, context)
    if message is None or data is None:
        await _stale(query, context)
        return
    await query.answer()
    rows = context.bot_data.engine.renderer.topic_rows(int(data["page"]))
    if message.reply_markup is None or message.reply_markup.inline_keyboard != rows:
        await query.edit_message_reply_markup(reply_markup=render.Message("", rows).markup)


async def feedback_button(update: Update, context: Context) -> None:
    """Count a 👍 or 👎 on an answer, and thank for it."""
    query, message, data = _tap(update, context)
    engine, services = context.bot_data.engine, context.bot_data.services
    entry_id, vote, helpful = data.group("id", "vote", "helpful") if data else ("", "", "")
    # Whether the bot issued the vote token is the store's to say.
    if message is None or engine.kb.entry(entry_id) is None or not is_token(vote):
        await _stale(query, context)
        return
    # Counted by the writer only for a token the bot issued, once; thanked either way.
    services.recorder.vote(entry_id, helpful == "1", vote)
    thanks = engine.renderer.text(engine.kb.messages.feedback_thanks)
    await query.answer(thanks)
    rows = message.reply_markup.inline_keyboard if message.reply_markup else ()
    if not any(FEEDBACK_DATA.match(str(b.callback_data or "")) for row in rows for b in row):
        return  # already thanked: a second tap of a stale button
    thanked = engine.renderer.thanked(rows)
    try:
        await query.edit_message_reply_markup(reply_markup=render.Message("", thanked).markup)
    except BadRequest as error:
        # Taps at once all see the 👍/👎 row; the first one's edit already thanked.
        if "not modified" not in str(error):
            raise


async def concern_button(update: Update, context: Context) -> None:
    """Answer the safety check-in. Yes: the crisis resources (and the clinic team when a
    staff group is set). No: thanks, and an invitation to ask."""
    query, message, data = _tap(update, context)
    if message is None or data is None:
        await _stale(query, context)
        return
    engine, services = context.bot_data.engine, context.bot_data.services
    thinking_of_it = data["answer"] == render.YES
    await query.answer()
    await query.edit_message_reply_markup(reply_markup=None)
    LOGGER.info("check-in: answered %s", "yes" if thinking_of_it else "no")
    if not thinking_of_it:
        note = engine.renderer.text(engine.kb.messages.concern_declined)
        await send(message, render.messages([note]))
        return
    services.recorder.record(Reply(Kind.CRISIS, ""), "chat")
    chat = update.effective_chat
    handoff = (
        services.settings.staff_chat_id is not None
        and chat is not None
        and services.recorder.hold_question(
            chat.id, engine.renderer.text(engine.kb.messages.concern_handoff)
        )
    )
    await send(message, engine.renderer.crisis(handoff=handoff))


async def handoff_button(update: Update, context: Context) -> None:
    """Post the patient's question to the staff group under an anonymous label."""
    query, message, _ = _tap(update, context)
    if message is None:
        await _stale(query, context)
        return
    engine, services = context.bot_data.engine, context.bot_data.services
    staff_chat, chat = services.settings.staff_chat_id, update.effective_chat
    expired = engine.renderer.text(engine.kb.messages.handoff_expired)
    if staff_chat is None or chat is None:
        await query.answer(expired, show_alert=True)
        return
    try:
        claim = await services.recorder.claim_question(chat.id, services.settings.handoff_days)
    except StoreUnavailable as error:
        LOGGER.warning("handoff: not posted, the store is unavailable (%s)", error)
        # The question stays pending (or was never taken): the same button works later.
        await query.answer(engine.renderer.text(engine.kb.messages.error), show_alert=True)
        return
    if claim is None:
        await query.answer(expired, show_alert=True)
        return
    await query.answer()
    label, pending = claim.label, claim.question
    # After a safety check-in the patient asked for a person, not a question answered.
    care = pending == engine.renderer.text(engine.kb.messages.concern_handoff)
    said = f" {render.escape(pending)}" if care else f" asks:\n\n{render.escape(pending)}"
    try:
        post = await context.bot.send_message(
            staff_chat,
            f"<b>{render.escape(label)}</b>{said}\n\n"
            "<i>Reply to this message to answer them; the bot relays it without names.</i>",
            parse_mode=ParseMode.HTML,
        )
    except Exception:
        # Not posted: put the question back, so a later tap can post it.
        services.recorder.close_handoff(label)
        services.recorder.hold_question(chat.id, pending)
        raise
    services.recorder.posted(label, post.message_id)
    LOGGER.info("handoff: posted %s to the staff group", label)
    await query.edit_message_reply_markup(reply_markup=None)
    note = engine.renderer.text(engine.kb.messages.handoff_sent)
    await send(message, render.messages([note]))


async def noop_button(update: Update, context: Context) -> None:
    """Acknowledge a button that only shows something (a page number, a thank-you)."""
    query, _, _ = _tap(update, context)
    await query.answer()


async def unknown_button(update: Update, context: Context) -> None:
    """Answer a button from an older version of the bot, or forged data: it no longer
    works, and nothing changes."""
    query = update.callback_query
    if query is not None:
        await _stale(query, context)


async def staff_reply(update: Update, context: Context) -> None:
    """Relay a staff member's reply to a hand-off post back to the patient."""
    message = update.effective_message
    if message is None:
        return
    engine, services = context.bot_data.engine, context.bot_data.services
    replied = message.reply_to_message
    # Hand-offs are the bot's posts: staff replying to each other cost no lookup.
    if replied is None or replied.from_user is None or replied.from_user.id != context.bot.id:
        return
    try:
        handoff = await services.recorder.handoff_for(replied.message_id)
    except StoreUnavailable as error:
        LOGGER.warning("handoff: a staff reply not relayed, the store is unavailable (%s)", error)
        await message.reply_text(
            "Not sent: the bot cannot look this question up just now. "
            "Please send your reply again in a minute."
        )
        return
    if handoff is None:
        await message.reply_text("That question was already answered, or has expired.")
        return
    header = engine.renderer.text(engine.kb.messages.staff_reply)
    for part in render.messages([header, message.text or ""], bold_first=True):
        await context.bot.send_message(handoff.chat_id, part.html, parse_mode=ParseMode.HTML)
    services.recorder.close_handoff(handoff.label)
    LOGGER.info("handoff: relayed the reply to %s", handoff.label)
    await message.reply_text(f"Sent to {handoff.label}.")


async def inline_query(update: Update, context: Context) -> None:
    """List matching entries for the front desk; one tap sends the approved passage."""
    inline = update.inline_query
    if inline is None:
        return
    engine = context.bot_data.engine
    text = inline.query.strip()
    results = []
    # The same verdict as a patient's message gets, as on the front desk's page: crisis
    # resources first for a crisis or a concern, a "no approved answer" card for a topic
    # the article does not answer (an empty list looked like the bot was down).
    reply = engine.matcher.reply(text) if text else None
    if reply is not None and reply.kind in SAFETY_KINDS:
        crisis = view.crisis(engine.kb, reply.language)  # in Spanish first for Spanish
        results.append(_card("crisis", "Crisis resources", crisis.paragraphs))
    if reply is not None and reply.kind is Kind.NO_MATCH:
        no_answer = view.no_answer(engine.kb).paragraphs
        results.append(_card("no-answer", "No approved answer: refer to the clinic", no_answer))
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
    await inline.answer(results, cache_time=60, is_personal=False)


def _card(result_id: str, title: str, paragraphs: tuple[str, ...]) -> InlineQueryResultArticle:
    """An inline result that sends the clinic's own words, as the reply's view holds them."""
    said = "\n\n".join(paragraphs)
    return InlineQueryResultArticle(
        id=result_id,
        title=title,
        description=said[:DESCRIPTION_CHARS],
        input_message_content=InputTextMessageContent(
            render.escape(said), parse_mode=ParseMode.HTML
        ),
    )


async def inline_chosen(update: Update, context: Context) -> None:
    """Count an answer the front desk sent from inline mode (needs /setinlinefeedback)."""
    chosen = update.chosen_inline_result
    if chosen is None:
        return
    entry_id = chosen.result_id
    if context.bot_data.engine.kb.entry(entry_id) is not None:
        context.bot_data.services.recorder.record_lookup(entry_id, "inline")


async def not_text(update: Update, context: Context) -> None:
    """Tell a sender of stickers, or of photos, voice or files without a caption, that
    the bot reads text."""
    message = update.effective_message
    if message is None:
        return
    engine = context.bot_data.engine
    note = engine.renderer.text(engine.kb.messages.text_only)
    await send(message, render.messages([note]))


async def stats(update: Update, context: Context) -> None:
    """Send an admin the figures of the last 7 and 30 days."""
    from bot import report  # only admins pay for importing the report

    message = update.effective_message
    if message is None:
        return
    engine, services = context.bot_data.engine, context.bot_data.services
    try:
        # On the writer's connection, off the event loop; patients' replies go on meanwhile.
        figures = await services.recorder.call(
            "report", lambda store: report.report(store, engine.kb), REPORT_CALL_SECONDS
        )
    except StoreUnavailable as error:
        note = f"The analytics cannot be read just now ({error}). Try /stats again in a minute."
        await send(message, render.messages([note]))
        return
    # <pre> keeps the report's columns aligned in Telegram's proportional font.
    chunks = render.split(report.to_text(figures).split("\n\n"))
    parts = [render.Message(f"<pre>{render.escape(chunk)}</pre>") for chunk in chunks]
    await send(message, parts)


async def reload_command(update: Update, context: Context) -> None:
    """Reload the knowledge base now, even one held for dropping many entries, and tell
    the admin how it went."""
    problem = await reload_knowledge(context.application, force=True)
    note = problem or "Reloaded: the bot now serves the knowledge base as it is on disk."
    message = update.effective_message
    if message is None:
        return
    await send(message, render.messages([note]))


async def reload_knowledge(application: BotApplication, *, force: bool = False) -> str | None:
    """Load the knowledge base file again, then serve it; None when done, else what the
    admins should be told while the previous one keeps serving.

    The file is loaded and checked in a child process killed past its time and memory
    limits, and the matcher built in a thread: the bot answers throughout. Unless
    forced, a file with over a third fewer entries or declined topics is held.
    """
    async with application.bot_data.reload_lock:
        served = application.bot_data.engine
        path = served.kb.path
        try:
            kb = await asyncio.to_thread(knowledge.load_isolated, path)
            shrunk = None if force else knowledge.shrinkage(served.kb, kb)
            if shrunk is not None:
                LOGGER.warning("reload held until /reload: %s has %s", path.name, shrunk)
                return (
                    f"Not loaded: {path.name} now has {shrunk}. A file that loses over a "
                    "third of either is held, in case it is only half saved. Still serving "
                    "the previous knowledge base; send /reload to load this one anyway."
                )
            # Shielded: past the limit the build is left to finish unused, not cancelled
            # (a thread cannot be), and this reload is reported as failed.
            build = asyncio.ensure_future(
                asyncio.to_thread(Engine, kb, served.encoder, served.cache_dir)
            )
            fresh = await asyncio.wait_for(asyncio.shield(build), BUILD_SECONDS)
        except knowledge.KnowledgeBaseError as error:
            LOGGER.error("reload failed; still serving the previous knowledge base:\n%s", error)
            return f"Reload failed; still serving the previous knowledge base.\n\n{error}"
        except TimeoutError:
            LOGGER.error("reload failed: the matcher took over %.0f s to build", BUILD_SECONDS)
            return (
                f"Reload failed: preparing the matcher took over {BUILD_SECONDS:.0f} s. "
                "Still serving the previous knowledge base."
            )
        except Exception as error:  # whatever it is, the previous knowledge base serves on
            LOGGER.exception("reload failed; still serving the previous knowledge base")
            return (
                f"Reload failed ({type(error).__name__}: {error}); still serving the "
                "previous knowledge base. The log has the details."
            )
        # One assignment: every update from now on gets the new matcher and renderer.
        application.bot_data.engine = fresh
    LOGGER.info("reloaded %s: %d entries", path, len(kb.entries))
    return None


async def error_handler(update: object, context: Context) -> None:
    """Log the error and carry on; tell the person, if there is one, to try again."""
    LOGGER.error("error while handling an update", exc_info=context.error)
    # While stopping, an apology would only wait on the same failing network.
    if not context.application.running:
        return
    if isinstance(update, Update) and update.effective_message is not None:
        engine = context.bot_data.engine
        note = engine.renderer.text(engine.kb.messages.error)
        try:
            await update.effective_message.reply_text(render.escape(note), parse_mode="HTML")
        except Exception:  # the error may be that Telegram cannot be reached at all
            LOGGER.warning("could not tell the user about the error", exc_info=True)


async def maintain(application: BotApplication) -> None:
    """Forever: reload the knowledge base when its files change and then stop changing,
    and apply retention at start and daily; no failure of either ends it."""
    services = application.bot_data.services
    settings = services.settings
    watched = _stamps(application.bot_data.engine.kb)
    since_retention: float = MAINTENANCE_SECONDS
    while True:
        # Each step catches everything: an exception that once ended this task stopped
        # the reloads and the daily retention for good.
        try:
            if since_retention >= MAINTENANCE_SECONDS:
                # Queued: the writer applies it and logs the count, off the event loop.
                services.recorder.expire(settings.retention_days, settings.handoff_days)
                since_retention = 0.0
        except Exception:
            LOGGER.exception("retention failed; it runs again in a day")
            since_retention = 0.0
        await asyncio.sleep(settings.reload_seconds)
        since_retention += settings.reload_seconds
        try:
            kb = application.bot_data.engine.kb  # replaced by each reload
            current = _stamps(kb)
            if current == watched:
                continue
            # A save still in progress changes the file again within a moment (the first
            # half of a non-atomic save is often valid YAML): wait for it to settle.
            await asyncio.sleep(SETTLE_SECONDS)
            if _stamps(kb) != current:
                continue  # still changing: looked at again on the next round
            watched = current
            problem = await reload_knowledge(application)
            if problem is not None:
                await _tell_admins(application, problem)
        except Exception as error:
            LOGGER.exception("the knowledge base watcher failed; it goes on watching")
            await _tell_admins(
                application,
                f"Reloading the knowledge base failed ({type(error).__name__}); the previous "
                "one keeps serving. The log has the details.",
            )


async def _tell_admins(application: BotApplication, note: str) -> None:
    """Send a note to every admin; a failure to send is logged, never raised."""
    try:
        admins = application.bot_data.services.settings.admin_ids
        if not admins:
            LOGGER.warning("no ADMIN_IDS to tell: %s", note.split("\n", 1)[0])
        for admin in admins:
            for part in render.messages([note]):
                try:
                    await application.bot.send_message(admin, part.html, parse_mode=ParseMode.HTML)
                except Exception:
                    LOGGER.warning("could not tell an admin about the reload", exc_info=True)
    except Exception:  # called from except blocks: must not raise itself
        LOGGER.exception("could not tell the admins about the reload")


def _stamps(kb: KnowledgeBase) -> tuple[tuple[int, int], ...]:
    """Size and modification time of every file of the knowledge base and its article."""
    return tuple(_stamp(path) for path in kb.paths or (kb.path,))


def _stamp(path: Path) -> tuple[int, int]:
    """A file's size and modification time in nanoseconds; (0, 0) if it is missing.

    Both: a save can keep the modification time (same second on some file systems,
    or a copy that preserves it) and change the size, or the other way round.
    """
    try:
        status = path.stat()
    except OSError:
        return (0, 0)
    return (status.st_size, status.st_mtime_ns)


def message_text(message: Message) -> str:
    """What a person wrote: a message's text, or the caption of its photo, video or file."""
    # A caption is read like text: "i want to kill myself" under a photo is a crisis.
    return message.text or message.caption or ""


def addressed_to_bot(message: Message, context: Context) -> bool:
    """In a group the bot answers only mentions of it (in a text or a caption) and
    replies to its own messages."""
    if message.chat.type == ChatType.PRIVATE:
        return True
    replied = message.reply_to_message
    if (
        replied is not None
        and replied.from_user is not None
        and replied.from_user.id == context.bot.id
    ):
        return True
    if message.text is None and message.caption is not None:
        # A caption's mentions are caption entities, which _mentions does not read.
        username = f"@{context.bot.username}".lower()
        return any(
            (entity.type == MessageEntity.MENTION and text.lower() == username)
            or (entity.user is not None and entity.user.id == context.bot.id)
            for entity, text in message.parse_caption_entities(
                [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
            ).items()
        )
    return _mentions(message, context)


def _mentions(message: Message, context: Context) -> bool:
    username = f"@{context.bot.username}".lower()
    for entity, text in message.parse_entities(
        [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
    ).items():
        if entity.type == MessageEntity.MENTION and text.lower() == username:
            return True
        if entity.user is not None and entity.user.id == context.bot.id:
            return True
    return False


def without_mention(message: Message, context: Context) -> str:
    """The message text (or caption) without "@botname", which is addressing, not the
    question."""
    text = message_text(message)
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
