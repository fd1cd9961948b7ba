"""Getting updates to the handlers: fairly, urgent ones first, and none lost in a crash:
each is confirmed to Telegram only once it is kept in the inbox or handled.

- A per-chat token bucket (a burst, then a steady rate): one chat's flood is dropped,
  with one "slow down" note per burst, and never queued ahead of other patients.
- `FairProcessor`, python-telegram-bot's update processor, runs a bounded number of
  updates at once and picks the next by priority (crisis and concern first, by the
  named rules, which cost microseconds), then round-robin over chats.
- `Intake` hands each update to the application and waits until it is handled; only
  then does the webhook answer 200. Handled ids are kept in the store, so a redelivery
  after a crash is not answered again.
- Polling keeps each fetched update in the store's inbox first, then confirms it to
  Telegram at once (so a flood cannot hide the next updates behind getUpdates' limit of
  100), and replays the inbox at start. Without the store it confirms an update only
  once it and every earlier one is handled.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import heapq
import itertools
import json
import logging
import time
from collections.abc import Callable, Coroutine, Hashable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import tornado.web
from telegram import Bot, Update
from telegram.error import InvalidToken, RetryAfter, TelegramError
from telegram.ext import Application, BaseUpdateProcessor

from bot import render
from bot.handlers import message_text
from bot.recorder import Recorder, StoreUnavailable
from faq import safety

LOGGER = logging.getLogger(__name__)
# Sent once per burst to a chat over its limit. A constant here, not in the knowledge
# base's messages, which are another file's; a crisis is never limited, hence the last line.
SLOW_DOWN = (
    "You are sending messages faster than I can read them, so I skipped some. Please wait "
    "a few seconds and send your question again. If you are in danger, say so: I answer "
    "that at once."
)
BURST = 5  # messages a chat may send at once
RATE = 1.0  # then messages a second
# Updates handled at once; the rest wait in priority order. Each one admitted runs the
# engine (about 12 ms of CPU) on the event loop, and a crisis, admitted at once, waits
# its turn behind them: in a 1,000-message flood a crisis was answered in 1.01 and 1.93 s
# with 64, and in 0.38 and 0.40 s with 16, the others' p99 the same (1.45-2.13 s against
# 1.57-1.89 s; benchmarks/telegram_load.py). Sixteen sends in flight cover Telegram's 30
# messages a second at up to half a second each.
WORKERS = 16
MAX_CHATS = 10_000  # buckets kept; full ones are forgotten past this
POLL_SECONDS = 10  # getUpdates long-poll timeout
POLL_LIMIT = 100  # Telegram's maximum per getUpdates
RECHECK_SECONDS = 0.5  # while every fetched update is in hand: how long before fetching again
MAX_BACKOFF = 8.0  # seconds between getUpdates attempts while Telegram cannot be reached
RECENT_IDS = 10_000  # handled ids also kept in memory: a webhook retry needs no lookup
URGENT, NORMAL = 0, 1  # priorities: lower goes first


RESCUE_BURST = 10  # messages over a chat's limit the semantic net still reads at once
RESCUE_RATE = 1.0  # and then a second


class Admission(Enum):
    """What the rate limit says about one message."""

    ADMIT = "admit"
    WARN = "warn"  # over the limit, and the chat has not been told during this burst
    DROP = "drop"


@dataclass(frozen=True)
class Ticket:
    """How to schedule one update: its priority, whose it is, and whether it is limited."""

    priority: int
    key: Hashable  # the chat (and sender) the fairness and the limit are counted for
    limited: bool


class _Bucket:
    """One chat's tokens (mutable, so not a dataclass of plain data)."""

    __slots__ = ("at", "tokens", "warned")

    def __init__(self, tokens: float, at: float) -> None:
        self.tokens, self.at, self.warned = tokens, at, False


class RateGate:
    """A token bucket per chat: `burst` at once, then `rate` a second."""

    def __init__(
        self,
        burst: int = BURST,
        rate: float = RATE,
        clock: Callable[[], float] = time.monotonic,
        max_chats: int = MAX_CHATS,
    ) -> None:
        self._burst, self._rate, self._clock, self._max_chats = burst, rate, clock, max_chats
        self._buckets: dict[Hashable, _Bucket] = {}

    def admit(self, key: Hashable) -> Admission:
        """Take a token for this chat if it has one."""
        moment = self._clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= self._max_chats:
                self._forget_full(moment)
            bucket = self._buckets[key] = _Bucket(float(self._burst), moment)
        bucket.tokens = min(self._burst, bucket.tokens + (moment - bucket.at) * self._rate)
        bucket.at = moment
        if bucket.tokens >= self._burst:
            bucket.warned = False  # refilled: the next overflow is a new burst, told again
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return Admission.ADMIT
        if bucket.warned:
            return Admission.DROP
        bucket.warned = True
        return Admission.WARN

    def _forget_full(self, moment: float) -> None:
        """Forget chats whose bucket has refilled: they are as new ones."""
        full = [
            key
            for key, bucket in self._buckets.items()
            if bucket.tokens + (moment - bucket.at) * self._rate >= self._burst
        ]
        for key in full:
            del self._buckets[key]


@dataclass(frozen=True, order=True)
class _Waiting:
    """An update waiting for a worker, in the order it should get one."""

    priority: int
    round: int  # how many of its chat's updates are ahead of it: round-robin over chats
    seq: int
    turn: asyncio.Future[None] = field(compare=False)


class FairProcessor(BaseUpdateProcessor):
    """At most `workers` updates at once; the next is the most urgent, then the chat with
    the fewest updates ahead of it. A chat over its limit is dropped (told once)."""

    def __init__(
        self,
        ticket: Callable[[object], Ticket],
        slow_down: Callable[[object], Coroutine[Any, Any, Any]],
        finished: Callable[[object, bool], None],
        *,
        unsafe: Callable[[object], bool] = lambda update: False,
        workers: int = WORKERS,
        gate: RateGate | None = None,
    ) -> None:
        # PTB's own semaphore would admit updates first come, first served: it is made
        # wide enough never to hold one, and the waiting happens here, by priority.
        super().__init__(max_concurrent_updates=1_000_000)
        self._ticket, self._slow_down, self._finished = ticket, slow_down, finished
        self._unsafe = unsafe
        # The net costs milliseconds a message: a flood must not buy itself that many.
        # Ten reads, then one a second, covers a person typing a line at a time.
        self._rescue_gate = RateGate(burst=RESCUE_BURST, rate=RESCUE_RATE)
        self._workers = workers
        self._gate = gate or RateGate()
        self._running = 0
        self._waiting: list[_Waiting] = []
        self._per_key: dict[Hashable, int] = {}
        self._seq = itertools.count()
        self._closing = False

    async def initialize(self) -> None:
        """Open for updates (again)."""
        self._closing = False

    async def shutdown(self) -> None:
        """Nothing is held beyond the updates themselves."""

    def close(self) -> None:
        """Stop starting updates: those still waiting are left unhandled (in the inbox,
        or unconfirmed, so they come again after the restart)."""
        self._closing = True
        for waiting in self._waiting:
            if not waiting.turn.done():
                waiting.turn.set_result(None)

    async def do_process_update(self, update: object, coroutine: Any) -> None:
        """Limit, wait for a turn, handle; report whether the update was handled."""
        ticket = self._ticket(update)
        if ticket.limited:
            admission = self._gate.admit(ticket.key)
            # The rules already let every crisis they know through; before a message is
            # dropped, the semantic net reads it too (in a thread: it takes milliseconds),
            # so a crisis only the net recognises is answered, first, not skipped.
            if (
                admission is not Admission.ADMIT
                and self._rescue_gate.admit(ticket.key) is Admission.ADMIT
                and await asyncio.to_thread(self._unsafe, update)
            ):
                ticket, admission = Ticket(URGENT, ticket.key, False), Admission.ADMIT
            if admission is not Admission.ADMIT:
                coroutine.close()  # never started: no "never awaited" warning
                if admission is Admission.DROP:
                    self._finished(update, True)  # dropped on purpose: nothing to redo
                    return
                coroutine = self._slow_down(update)
        handled = False
        await self._enter(ticket)
        try:
            if self._closing:
                coroutine.close()
                return
            await coroutine
            handled = True
        finally:
            self._leave(ticket)
            self._finished(update, handled)

    async def _enter(self, ticket: Ticket) -> None:
        ahead = self._per_key.get(ticket.key, 0)
        self._per_key[ticket.key] = ahead + 1
        # A crisis never waits for a worker: the workers already running each need
        # milliseconds of the engine, and in a flood all of them are taken (measured when
        # a crisis still queued for one of 64: it waited 0.8-1.9 s). Its own reply is the
        # rules' verdict, microseconds.
        if ticket.priority == URGENT or (self._running < self._workers and not self._waiting):
            self._running += 1
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiting, _Waiting(ticket.priority, ahead, next(self._seq), turn))
        await turn  # _leave counts this update as running before it sets the turn

    def _leave(self, ticket: Ticket) -> None:
        left = self._per_key[ticket.key] - 1
        if left:
            self._per_key[ticket.key] = left
        else:
            del self._per_key[ticket.key]
        self._running -= 1
        while self._waiting and self._running < self._workers:
            turn = heapq.heappop(self._waiting).turn
            if not turn.done():
                self._running += 1
                turn.set_result(None)


class Intake:
    """Hands updates to the application and tells the caller when each is handled."""

    def __init__(self, application: Application, recorder: Recorder) -> None:
        self._application, self._recorder = application, recorder
        self._in_hand: dict[int, asyncio.Future[bool]] = {}
        self._last_stored: int | None = None  # ids above it were never handled before
        self._lookups = False  # whether any id may have been handled before this run
        self._recent: dict[int, None] = {}  # ids handled in this run, oldest first
        self._closed = False

    async def start(self) -> None:
        """Learn the highest handled id, so that newer updates need no lookup."""
        try:
            self._last_stored = await self._recorder.last_handled()
        except StoreUnavailable as error:
            LOGGER.warning("handled updates unknown (%s): each is looked up", error)
            self._last_stored, self._lookups = None, True
            return
        self._lookups = self._last_stored is not None

    def close(self) -> None:
        """Take no more updates: each is answered "not handled", so it comes again."""
        self._closed = True

    def abandon(self) -> None:
        """Once the application has stopped: what it never started is not handled."""
        for done in self._in_hand.values():
            if not done.done():
                done.set_result(False)

    async def deliver(self, update: Update) -> bool:
        """Handle an update (once, however often it arrives); True once it is handled,
        False if the bot stopped first."""
        update_id = update.update_id
        if self._closed:
            return False
        if update_id in self._in_hand:  # a redelivery while the first is handled
            return await asyncio.shield(self._in_hand[update_id])
        if await self._seen_before(update_id):
            LOGGER.info("update %d was handled before a restart: not answered again", update_id)
            # Marked again: polling may have kept this redelivery in the inbox, and the
            # mark is what removes its row.
            self._recorder.mark_handled(update_id)
            return True
        done: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._in_hand[update_id] = done
        await self._application.update_queue.put(update)
        try:
            return await asyncio.shield(done)
        finally:
            if done.done():
                self._in_hand.pop(update_id, None)

    def finished(self, update: object, handled: bool) -> None:
        """Called by the processor: remember a handled id, and wake its deliverer."""
        if not isinstance(update, Update):
            return
        if handled:
            self._recorder.mark_handled(update.update_id)
            self._recent[update.update_id] = None
            if len(self._recent) > RECENT_IDS:
                del self._recent[next(iter(self._recent))]
        done = self._in_hand.get(update.update_id)
        if done is not None and not done.done():
            done.set_result(handled)

    async def keep(self, updates: list[Update]) -> bool:
        """Store fetched updates in the inbox; True once they are kept (safe to confirm)."""
        rows = [(update.update_id, json.dumps(update.to_dict())) for update in updates]
        try:
            await self._recorder.hold_updates(rows)
        except StoreUnavailable as error:
            LOGGER.debug("inbox write failed: %s", error)
            return False
        return True

    async def kept(self, bot: Bot) -> list[Update]:
        """The inbox's updates, for a replay at start; none if the store cannot say."""
        try:
            rows = await self._recorder.held_updates()
        except StoreUnavailable as error:
            LOGGER.warning("inbox unreadable (%s): its updates are replayed next start", error)
            return []
        updates = []
        for update_id, body in rows:
            try:
                update = Update.de_json(json.loads(body), bot)
            except Exception as error:  # a row this release cannot read: skip, not crash
                LOGGER.warning("inbox: update %d unreadable (%s)", update_id, error)
                continue
            if update is not None:
                updates.append(update)
        return updates

    async def _seen_before(self, update_id: int) -> bool:
        if update_id in self._recent:
            return True
        if not self._lookups:
            return False
        if self._last_stored is not None and update_id > self._last_stored:
            return False
        try:
            return await self._recorder.was_handled(update_id)
        except StoreUnavailable:
            return False  # answering twice is better than not answering


async def poll(bot: Bot, intake: Intake, stopping: asyncio.Event) -> None:
    """Long polling that confirms an update once it is kept in the inbox (or, while the
    store is unavailable, only once it and every earlier one is handled).

    getUpdates confirms, by its `offset`, every update below it, and returns at most 100
    past it. Kept updates are confirmed at once, so the next getUpdates sees new ones
    (a crisis) however many are still waiting for a worker; a crash loses none, as the
    inbox is replayed at start. An update not kept holds the offset at itself: the ones
    after it are fetched again meanwhile and recognised as in hand, and after a crash
    Telegram delivers all of them again.
    """
    offset = 0
    in_hand: dict[int, asyncio.Task[bool]] = {}  # fetched, not yet confirmable
    kept: set[int] = set()  # of those, the ones in the inbox: confirmable at once
    deliveries: set[asyncio.Task[bool]] = set()  # every update being handled

    def deliver(update: Update) -> asyncio.Task[bool]:
        task = asyncio.ensure_future(intake.deliver(update))
        deliveries.add(task)
        task.add_done_callback(deliveries.discard)
        return task

    # Before the first getUpdates: what a previous run kept and confirmed, but did not
    # handle, comes from the inbox now (Telegram will not send it again).
    replayed = await intake.kept(bot)
    if replayed:
        LOGGER.info("inbox: replaying %d updates kept before the restart", len(replayed))
    for update in replayed:
        deliver(update)
    storing = True  # whether the last inbox write worked: a change is logged once
    backoff = 0.25
    while not stopping.is_set():
        fetch = asyncio.ensure_future(
            bot.get_updates(
                offset=offset or None,
                limit=POLL_LIMIT,
                timeout=0 if in_hand else POLL_SECONDS,
                allowed_updates=Update.ALL_TYPES,
            )
        )
        stop = asyncio.ensure_future(stopping.wait())
        await asyncio.wait((fetch, stop), return_when=asyncio.FIRST_COMPLETED)
        stop.cancel()
        if not fetch.done():
            fetch.cancel()
            break
        try:
            updates = fetch.result()
        except InvalidToken:
            raise
        except RetryAfter as error:
            # An int unless PTB_TIMEDELTA is set: PTB 22 is moving it to a timedelta.
            wait = error.retry_after
            seconds = wait.total_seconds() if isinstance(wait, datetime.timedelta) else wait
            await _sleep(stopping, float(seconds))
            continue
        except TelegramError as error:  # network, timeout, 5xx, a conflict
            LOGGER.warning("getUpdates failed (%s); trying again in %.2fs", error, backoff)
            await _sleep(stopping, backoff)
            backoff = min(MAX_BACKOFF, backoff * 2)
            continue
        backoff = 0.25
        fresh = [update for update in updates if update.update_id not in in_hand]
        if fresh:
            # Awaited: an update is confirmed only once its row is committed (safe from a
            # crash; with synchronous=NORMAL a power cut may still lose the last rows).
            stored = await intake.keep(fresh)
            if stored != storing:
                storing = stored
                if stored:
                    LOGGER.info("inbox: writable again; updates are confirmed when kept")
                else:
                    LOGGER.warning(
                        "inbox: the store is unavailable; updates are confirmed only once"
                        " handled, so a flood can delay the updates behind it"
                    )
            if stored:
                kept.update(update.update_id for update in fresh)
        for update in fresh:
            in_hand[update.update_id] = deliver(update)
        if not fresh and in_hand:
            # Everything Telegram has is in hand: fetching again at once would spin.
            await asyncio.wait(
                [*in_hand.values(), asyncio.ensure_future(stopping.wait())],
                timeout=RECHECK_SECONDS,
                return_when=asyncio.FIRST_COMPLETED,
            )
        offset = _confirmable(in_hand, kept, offset)
    # Confirm what was kept or handled; the rest comes again after the restart.
    for task in list(deliveries):
        if not task.done():
            await asyncio.wait([task])
    offset = _confirmable(in_hand, kept, offset)
    if offset:
        try:
            await bot.get_updates(offset=offset, limit=1, timeout=0)
        except TelegramError as error:
            LOGGER.warning("could not confirm the last updates (%s): they come again", error)


def _confirmable(in_hand: dict[int, asyncio.Task[bool]], kept: set[int], offset: int) -> int:
    """The next getUpdates offset: past the prefix of the updates in hand that are kept
    in the inbox or handled."""
    for update_id in sorted(in_hand):
        task = in_hand[update_id]
        if update_id in kept:
            kept.discard(update_id)
        elif not task.done() or task.cancelled() or task.exception() or not task.result():
            break
        del in_hand[update_id]
        offset = update_id + 1
    return offset


async def _sleep(stopping: asyncio.Event, seconds: float) -> None:
    """Sleep, unless the bot stops first."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stopping.wait(), seconds)


class WebhookHandler(tornado.web.RequestHandler):
    """Answers Telegram's POST only once the update is handled: a 200 means done."""

    SUPPORTED_METHODS = ("POST",)  # type: ignore[assignment]

    def initialize(self, intake: Intake, bot: Bot, secret: str) -> None:
        """Tornado's per-request setup."""
        self.intake, self.bot, self.secret = intake, bot, secret

    def log_exception(self, *args: Any) -> None:
        """Quiet: a refused request is expected, and its content must not be logged."""

    async def post(self) -> None:
        """Check the secret, parse the update, handle it, then answer."""
        if self.request.headers.get("X-Telegram-Bot-Api-Secret-Token") != self.secret:
            self.set_status(403)
            return
        try:
            update = Update.de_json(json.loads(self.request.body), self.bot)
            if update is None:
                raise ValueError("empty")
        except Exception as error:
            LOGGER.warning(
                "data received from Telegram was not an update it could use (%s), and was "
                "not processed; its content is logged only with LOG_LEVEL=DEBUG",
                type(error).__name__,
            )
            LOGGER.debug("webhook data: %r", self.request.body[:2000])
            self.set_status(400)
            return
        handled = await self.intake.deliver(update)
        # Not handled (the bot is stopping): a 5xx, so that Telegram sends it again.
        self.set_status(200 if handled else 503)


def update_text(update: object) -> str:
    """The text or caption of a patient's message, if the update is one."""
    if not isinstance(update, Update):
        return ""
    message = update.message or update.edited_message
    return message_text(message) if message is not None else ""


def ticket_for(update: object, staff_chat_id: int | None) -> Ticket:
    """Schedule by the named crisis and concern rules (microseconds), before the matcher
    and the semantic net (milliseconds) run: urgent updates go first and are never limited.
    Patients' messages are limited per chat and sender; button taps and the staff are not."""
    if not isinstance(update, Update):
        return Ticket(NORMAL, None, False)
    chat, user = update.effective_chat, update.effective_user
    key = (chat.id if chat else None, user.id if user else None)
    message = update.message or update.edited_message
    if message is not None:
        text = update_text(update)
        if text and safety.tier_of(safety.fired(text)) is not None:
            return Ticket(URGENT, key, False)
        return Ticket(NORMAL, key, chat is not None and chat.id != staff_chat_id)
    query = update.callback_query
    if query is not None and render.parse_button(query.data) == (render.CONCERN, render.YES):
        return Ticket(URGENT, key, False)  # "yes, I am thinking of it": the crisis resources
    return Ticket(NORMAL, key, False)


async def slow_down(bot: Bot, update: object) -> None:
    """Tell a chat over its limit, once per burst, that some messages were skipped."""
    chat = update.effective_chat if isinstance(update, Update) else None
    if chat is None:
        return
    LOGGER.info("a chat is over its rate limit: told to slow down, its excess dropped")
    try:
        await bot.send_message(chat.id, SLOW_DOWN)
    except TelegramError as error:  # the note is a courtesy: its failure changes nothing
        LOGGER.warning("could not send the slow-down note (%s)", error)


class HealthHandler(tornado.web.RequestHandler):
    """GET /healthz: 200 with the knowledge base's version and whether the store takes
    writes, for a container's HEALTHCHECK or a monitor; 503 when the store does not."""

    def initialize(self, health: Callable[[], Coroutine[Any, Any, dict[str, object]]]) -> None:
        self.health = health

    def log_exception(self, *args: Any) -> None:
        LOGGER.warning("healthz: %s", args[1] if len(args) > 1 else args)

    async def get(self) -> None:
        report = await self.health()
        self.set_status(200 if report.get("store_writable") else 503)
        self.set_header("Cache-Control", "no-store")
        self.write(report)


def webhook_app(
    intake: Intake,
    bot: Bot,
    path: str,
    secret: str,
    health: Callable[[], Coroutine[Any, Any, dict[str, object]]] | None = None,
) -> tornado.web.Application:
    """The webhook's tornado application: Telegram's POSTs, and /healthz."""
    handler_args = {"intake": intake, "bot": bot, "secret": secret}
    routes: list[Any] = [(rf"/{path}/?", WebhookHandler, handler_args)]
    if health is not None:
        routes.append((r"/healthz", HealthHandler, {"health": health}))
    return tornado.web.Application(routes)
