"""The Telegram application: built in one place, run by polling or by webhook."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import BotCommand, Update
from telegram.error import BadRequest, NetworkError
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot import handlers
from bot.config import Settings
from faq.knowledge import KnowledgeBase

LOGGER = logging.getLogger(__name__)
COMMANDS = (
    BotCommand("start", "What I can answer, and how to reach the clinic"),
    BotCommand("topics", "Every question I can answer"),
    BotCommand("help", "How to ask"),
)
MAX_BACKOFF = 8.0  # seconds between tries of a call that failed on the network


class RetryingRateLimiter(AIORateLimiter):
    """Telegram's flood limits, waiting out a 429, and retrying network errors and
    timeouts, so every reply is sent even when a call fails on the way."""

    def __init__(self, rate: float, retries: int) -> None:
        super().__init__(overall_max_rate=rate, max_retries=retries)
        self._retries = retries

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        for attempt in range(self._retries + 1):
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except BadRequest:
                raise  # the request itself is wrong: sending it again changes nothing
            except NetworkError as error:  # includes TimedOut and 5xx answers
                if attempt == self._retries:
                    raise
                delay = min(MAX_BACKOFF, 0.25 * 2**attempt)
                LOGGER.warning(
                    "%s failed (%s); try %d again in %.2fs", endpoint, error, attempt + 2, delay
                )
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")


async def post_init(application: Application) -> None:
    """Set the command menu once the bot is connected."""
    await application.bot.set_my_commands(COMMANDS)


def build(settings: Settings, kb: KnowledgeBase) -> Application:
    """The application with every handler registered."""
    builder = (
        Application.builder()
        .token(settings.token)
        .rate_limiter(RetryingRateLimiter(settings.rate_limit, settings.retries))
        .connect_timeout(settings.timeout)
        .read_timeout(settings.timeout)
        .write_timeout(settings.timeout)
        .pool_timeout(settings.timeout)
        .concurrent_updates(True)
        .post_init(post_init)
    )
    if settings.api_base_url:
        builder = builder.base_url(settings.api_base_url)
    application = builder.build()
    application.bot_data[handlers.ENGINE] = handlers.Engine(kb)

    application.add_handler(CommandHandler("start", handlers.start))
    application.add_handler(CommandHandler("help", handlers.help_command))
    application.add_handler(CommandHandler("topics", handlers.topics))
    application.add_handler(CallbackQueryHandler(handlers.button))
    application.add_handler(InlineQueryHandler(handlers.inline_query))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, handlers.question))
    application.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE
            & filters.UpdateType.MESSAGES
            & ~filters.TEXT
            & ~filters.StatusUpdate.ALL,
            handlers.not_text,
        )
    )
    application.add_error_handler(handlers.error_handler)
    return application


def run(settings: Settings, kb: KnowledgeBase) -> None:
    """Serve until SIGINT or SIGTERM: long polling, or a webhook when one is set."""
    application = build(settings, kb)
    if settings.webhook is None:
        LOGGER.info("polling for updates")
        application.run_polling(allowed_updates=Update.ALL_TYPES)
        return
    hook = settings.webhook
    LOGGER.info("serving the webhook on %s:%d/%s", hook.listen, hook.port, hook.path)
    application.run_webhook(
        listen=hook.listen,
        port=hook.port,
        url_path=hook.path,
        webhook_url=hook.url,
        secret_token=hook.secret,
        allowed_updates=Update.ALL_TYPES,
    )
