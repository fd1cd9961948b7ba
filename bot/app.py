"""The Telegram application: built in one place, run by polling or by webhook."""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import BotCommand, Update
from telegram.error import BadRequest, InvalidToken, NetworkError
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    ChosenInlineResultHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest
from tornado.httpserver import HTTPServer
from tornado.iostream import IOStream

from bot import delivery, engine, handlers, recorder
from bot.config import Settings
from bot.handlers import BotApplication, BotState
from faq.knowledge import KnowledgeBase
from faq.text import fold

LOGGER = logging.getLogger(__name__)
COMMANDS = (
    BotCommand("start", "What I can answer, and how to reach the clinic"),
    BotCommand("topics", "Every question I can answer"),
    BotCommand("help", "How to ask"),
)
HANDLED_UPKEEP_SECONDS = 6 * 60 * 60  # how often old handled update ids are deleted
CONNECTION_POOL = 8
MAX_BACKOFF = 8.0  # seconds between tries of a call that failed on the network
STOP_GRACE = 5.0  # seconds a reply may still be retried once the bot is stopping
# The webhook server's limits (tornado's own defaults: no cap, an hour's idle wait, 100 MB
# bodies). At the common 1,024-file limit, 1,100 idle connections stopped every reply for
# 160 s. Telegram opens at most TELEGRAM_CONNECTIONS at once; past WEBHOOK_CONNECTIONS
# the oldest connection is closed for the new one, so that no file limit is ever reached.
TELEGRAM_CONNECTIONS = 40  # setWebhook's max_connections (Telegram's default)
WEBHOOK_CONNECTIONS = 100
WEBHOOK_IDLE_SECONDS = 15.0  # a connection that sends no request for this long is closed
WEBHOOK_BODY_SECONDS = 15.0  # a request body that takes longer to arrive is dropped
WEBHOOK_MAX_BODY_BYTES = 1024 * 1024  # an update is a few KB; Telegram's biggest far less
WEBHOOK_WARN_SECONDS = 60.0  # at most one warning a minute about closing connections


class RetryingRateLimiter(AIORateLimiter):
    """Telegram's flood limits, waiting out a 429, and retrying network errors and
    timeouts, so every reply is sent even when a call fails on the way."""

    def __init__(self, rate: float, retries: int) -> None:
        super().__init__(overall_max_rate=rate, max_retries=retries)
        self._retries = retries
        self._application: BotApplication | None = None
        self._was_running = False
        self._stopped_at: float | None = None

    def serve(self, application: BotApplication) -> None:
        """Retry without end only while this application runs: once it is stopping,
        a reply gets STOP_GRACE more seconds, so a stop never waits out an outage."""
        self._application = application

    def _grace_left(self) -> float:
        """Seconds retries may still take: unlimited while running, then STOP_GRACE."""
        application = self._application
        if application is None or application.running or not self._was_running:
            self._was_running = self._was_running or bool(application and application.running)
            return float("inf")
        if self._stopped_at is None:
            self._stopped_at = time.monotonic()
        return STOP_GRACE - (time.monotonic() - self._stopped_at)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        self._grace_left()  # notes that the application runs, before any failure
        for attempt in range(self._retries + 1):
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except BadRequest:
                raise  # the request itself is wrong: sending it again changes nothing
            except NetworkError as error:  # includes TimedOut and 5xx answers
                grace = self._grace_left()
                if attempt == self._retries or grace <= 0:
                    raise
                delay = min(MAX_BACKOFF, 0.25 * 2**attempt, grace)
                LOGGER.warning(
                    "%s failed (%s); try %d again in %.2fs", endpoint, error, attempt + 2, delay
                )
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")


async def post_init(application: BotApplication) -> None:
    """Set the command menu once the bot is connected; start the upkeep task."""
    await application.bot.set_my_commands(COMMANDS)
    application.bot_data.maintenance = asyncio.create_task(handlers.maintain(application))


async def post_shutdown(application: BotApplication) -> None:
    """Stop the upkeep task; write the queued analytics (for a few seconds at most)."""
    state = application.bot_data
    task, state.maintenance = state.maintenance, None
    if task is not None:
        task.cancel()
    await asyncio.to_thread(state.services.recorder.stop, recorder.DRAIN_SECONDS)


async def _health(application: BotApplication) -> dict[str, object]:
    """What /healthz reports: the knowledge base served, and whether the store writes."""
    engine, services = application.bot_data.engine, application.bot_data.services
    try:
        writable = await services.recorder.call("health check", lambda store: store.writable())
    except recorder.StoreUnavailable:
        writable = False
    kb = engine.kb
    return {
        "kb": kb.path.name,
        "sha256": kb.digest(),
        "entries": len(kb.entries),
        "store_writable": writable,
    }


def _unsafe(application: BotApplication, update: object) -> bool:
    """Whether triage, the semantic net included, finds a crisis or a concern."""
    text = delivery.update_text(update)
    if not text:
        return False
    return application.bot_data.engine.matcher.triage.assess(text, fold(text)).tier is not None


def build(
    settings: Settings, kb: KnowledgeBase, request: BaseRequest | None = None
) -> BotApplication:
    """The application with every handler registered; `request` replaces HTTP in tests."""
    limiter = RetryingRateLimiter(settings.rate_limit, settings.retries)
    # The processor calls back into the application and the intake, made below.
    processor = delivery.FairProcessor(
        ticket=lambda update: delivery.ticket_for(update, settings.staff_chat_id),
        slow_down=lambda update: delivery.slow_down(application.bot, update),
        finished=lambda update, handled: intake.finished(update, handled),
        unsafe=lambda update: _unsafe(application, update),
        gate=delivery.RateGate(*settings.chat_limits),
    )
    builder = (
        Application.builder()
        .token(settings.token)
        .context_types(ContextTypes(bot_data=BotState))
        .rate_limiter(limiter)
        .concurrent_updates(processor)
        # Updates are fetched and confirmed by delivery.poll and delivery.WebhookHandler,
        # only once handled; PTB's Updater confirms them before.
        .updater(None)
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    else:
        builder = (
            # httpcore scans every pooled connection on each request; PTB's default of
            # 256 made that scan the bot's main cost under load (make bench).
            builder.connection_pool_size(CONNECTION_POOL)
            .connect_timeout(settings.timeout)
            .read_timeout(settings.timeout)
            .write_timeout(settings.timeout)
            .pool_timeout(settings.timeout)
        )
    if settings.api_base_url:
        builder = builder.base_url(settings.api_base_url)
    application = builder.build()
    limiter.serve(application)
    encoder = engine.load_encoder(settings.semantic)
    state = application.bot_data
    state.engine = handlers.Engine(kb, encoder, settings.cache_dir)
    state.services = handlers.Services(settings, recorder.Recorder(settings.db_path))
    state.intake = intake = delivery.Intake(application, state.services.recorder)

    application.add_handler(CommandHandler("start", handlers.start))
    application.add_handler(CommandHandler("help", handlers.help_command))
    application.add_handler(CommandHandler("topics", handlers.topics))
    if settings.admin_ids:
        admins = filters.User(user_id=settings.admin_ids)
        application.add_handler(CommandHandler("stats", handlers.stats, filters=admins))
        application.add_handler(CommandHandler("reload", handlers.reload_command, filters=admins))
    # Any other command, /stats from a non-admin included, is met as if it did not exist.
    application.add_handler(
        MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE, handlers.unknown_command)
    )
    for callback, data in (
        (handlers.answer_button, handlers.ANSWER_DATA),
        (handlers.topics_button, handlers.TOPICS_DATA),
        (handlers.feedback_button, handlers.FEEDBACK_DATA),
        (handlers.handoff_button, handlers.HANDOFF_DATA),
        (handlers.concern_button, handlers.CONCERN_DATA),
        (handlers.noop_button, handlers.NOOP_DATA),
    ):
        application.add_handler(CallbackQueryHandler(callback, pattern=data))
    # Last: data none of those patterns matches (forged, or from an older bot) is met politely.
    application.add_handler(CallbackQueryHandler(handlers.unknown_button))
    application.add_handler(InlineQueryHandler(handlers.inline_query))
    application.add_handler(ChosenInlineResultHandler(handlers.inline_chosen))
    if settings.staff_chat_id is not None:
        # Before the question handler: a staff reply to the bot's post is not a question.
        application.add_handler(
            MessageHandler(
                filters.Chat(settings.staff_chat_id) & filters.REPLY & filters.TEXT,
                handlers.staff_reply,
            )
        )
    # A caption is read like text: a crisis written under a photo must not get "I can only
    # read text". Not in the staff group, where a captioned reply is staff's, not a question.
    captions: filters.BaseFilter = filters.CAPTION
    if settings.staff_chat_id is not None:
        captions = captions & ~filters.Chat(settings.staff_chat_id)
    application.add_handler(
        MessageHandler((filters.TEXT | captions) & ~filters.COMMAND, handlers.question)
    )
    application.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE
            & filters.UpdateType.MESSAGES
            & ~filters.TEXT
            & ~filters.CAPTION
            & ~filters.StatusUpdate.ALL,
            handlers.not_text,
        )
    )
    application.add_error_handler(handlers.error_handler)
    return application


def run(settings: Settings, kb: KnowledgeBase) -> None:
    """Serve until SIGINT or SIGTERM: long polling, or a webhook when one is set."""
    application = build(settings, kb)
    asyncio.run(_serve(application, settings))


async def _serve(application: BotApplication, settings: Settings) -> None:
    """Start, receive updates until a signal, then stop: what is handled is confirmed to
    Telegram, what is not comes again after the restart."""
    intake = application.bot_data.intake
    processor = application.update_processor
    assert isinstance(processor, delivery.FairProcessor)
    stopping = asyncio.Event()

    def stop() -> None:
        if not stopping.is_set():
            LOGGER.info("stopping: updates not yet started are left for the next run")
            intake.close()
            processor.close()
            stopping.set()

    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop)
    await application.initialize()
    server: Any = None
    receiving: asyncio.Task[None] | None = None
    upkeep: asyncio.Task[None] | None = None
    try:
        await post_init(application)
        await intake.start()
        await application.start()
        upkeep = asyncio.create_task(_forget_handled(application))
        bot = application.bot
        hook = settings.webhook
        if hook is None:
            await _bootstrap(settings, lambda: bot.delete_webhook())
            LOGGER.info("polling for updates")
            receiving = asyncio.create_task(delivery.poll(bot, intake, stopping))
        else:
            await _bootstrap(
                settings,
                lambda: bot.set_webhook(
                    hook.url,
                    secret_token=hook.secret,
                    allowed_updates=Update.ALL_TYPES,
                    max_connections=TELEGRAM_CONNECTIONS,
                ),
            )
            server = CappedHTTPServer(
                delivery.webhook_app(
                    intake, bot, hook.path, hook.secret, health=lambda: _health(application)
                ),
                max_connections=WEBHOOK_CONNECTIONS,
                idle_connection_timeout=WEBHOOK_IDLE_SECONDS,
                body_timeout=WEBHOOK_BODY_SECONDS,
                max_body_size=WEBHOOK_MAX_BODY_BYTES,
            )
            server.listen(hook.port, address=hook.listen)
            LOGGER.info("serving the webhook on %s:%d/%s", hook.listen, hook.port, hook.path)
        waiting = [asyncio.ensure_future(stopping.wait())]
        await asyncio.wait(
            [*waiting, *([receiving] if receiving else [])], return_when="FIRST_COMPLETED"
        )
        waiting[0].cancel()
        stop()
        if server is not None:
            server.stop()  # no new connections; requests in progress get their answer
        await application.stop()  # waits for the updates running; retries get STOP_GRACE
        intake.abandon()
        if receiving is not None:
            await receiving  # confirms the handled updates to Telegram
        if server is not None:
            await server.close_all_connections()
    finally:
        stop()
        if upkeep is not None:
            upkeep.cancel()
        if application.running:
            await application.stop()
        intake.abandon()
        await post_shutdown(application)
        await application.shutdown()


async def _bootstrap(settings: Settings, call: Callable[[], Coroutine[Any, Any, Any]]) -> None:
    """Register (or remove) the webhook, trying again on network errors."""
    for attempt in range(settings.retries + 1):
        try:
            await call()
            return
        except InvalidToken:
            raise
        except NetworkError as error:
            if attempt == settings.retries:
                raise
            delay = min(MAX_BACKOFF, 0.25 * 2**attempt)
            LOGGER.warning("starting failed (%s); trying again in %.2fs", error, delay)
            await asyncio.sleep(delay)


async def _forget_handled(application: BotApplication) -> None:
    """Forever: delete handled update ids once Telegram can no longer send them again."""
    while True:
        application.bot_data.services.recorder.forget_handled()
        await asyncio.sleep(HANDLED_UPKEEP_SECONDS)


class CappedHTTPServer(HTTPServer):
    """The webhook's server: at its cap, it closes its oldest connection for a new one,
    so idle connections cannot lock Telegram out, nor run the bot out of files."""

    def initialize(
        self, *args: Any, max_connections: int = WEBHOOK_CONNECTIONS, **kwargs: Any
    ) -> None:
        super().initialize(*args, **kwargs)
        self._cap = max_connections
        self._streams: dict[IOStream, None] = {}  # open connections, oldest first
        self._warned = -WEBHOOK_WARN_SECONDS

    def handle_stream(self, stream: IOStream, address: tuple[Any, ...]) -> None:
        while len(self._streams) >= self._cap:
            oldest = next(iter(self._streams))
            del self._streams[oldest]
            oldest.close()
            if time.monotonic() - self._warned >= WEBHOOK_WARN_SECONDS:
                self._warned = time.monotonic()
                LOGGER.warning(
                    "webhook: %d connections open, the limit; closing the oldest for "
                    "each new one (more than Telegram opens: see README, reverse proxy)",
                    self._cap,
                )
        self._streams[stream] = None
        super().handle_stream(stream, address)

    def on_close(self, server_conn: object) -> None:
        stream = getattr(server_conn, "stream", None)
        if stream is not None:
            self._streams.pop(stream, None)
        super().on_close(server_conn)
