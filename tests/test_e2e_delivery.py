"""The real `faqbot run` under a flood and a crash: urgent messages first, one chat cannot
hold up the others, and an update is confirmed to Telegram only once it is handled."""

from __future__ import annotations

import asyncio
import copy
import signal
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
import pytest_asyncio

from bot.analytics import Store
from bot.delivery import SLOW_DOWN
from tests.botprocess import TOKEN, BotProcess
from tests.fakebotapi import FakeBotAPI, JSONDict
from tests.test_e2e_webhook import SECRET, free_port, listening

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="module")]
QUESTION = "is ketamine addictive?"
ANSWER = "Is ketamine addictive, and does it have side effects?"
CRISIS = "i don't want to be alive anymore"
FLOOD = 1000
BURST = 300  # messages, one per chat, for the crash tests
ANSWERED_BEFORE_CRASH = 100


class GatedFakeBotAPI(FakeBotAPI):
    """The fake Bot API that, once `allowed` messages are sent, holds every further
    sendMessage; after a crash (`reopen`) the held ones fail, unrecorded, as calls from a
    killed process would."""

    def __init__(self, token: str) -> None:
        super().__init__(token)
        self.allowed: int | None = None
        self.passed = 0
        self.held = 0
        self._era = 0
        self._gate = asyncio.Event()

    async def _send_message(self, params: JSONDict) -> JSONDict:
        if self.allowed is not None:
            if self.passed >= self.allowed:
                era = self._era
                self.held += 1
                await self._gate.wait()
                if era != self._era:
                    raise self.ApiError(500, "Internal Server Error")
            else:
                self.passed += 1
        return await super()._send_message(params)

    def hold_after(self, count: int) -> None:
        self.allowed, self.passed, self.held = count, 0, 0
        self._gate = asyncio.Event()

    def reopen(self) -> None:
        self._era += 1
        self.allowed = None
        self._gate.set()


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def fake() -> AsyncIterator[GatedFakeBotAPI]:
    async with GatedFakeBotAPI(TOKEN) as server:
        yield server


async def started(fake: FakeBotAPI, folder: Path, name: str, port: int | None) -> BotProcess:
    """`faqbot run` (with a webhook on `port` if given), ready for updates."""
    # The limits people get, not the tests' relaxed ones (tests/botprocess.py).
    env = {"FAQBOT_CHAT_BURST": "5", "FAQBOT_CHAT_RATE": "1"}
    env |= {} if port is None else webhook_env(port)
    bot = BotProcess(fake, folder / f"{name}.log", **env)
    if port is None:
        await bot.start()
        await bot.wait_ready()
    else:
        await bot.start("run", "--webhook")
        await fake.wait_until(lambda: fake.webhook_url, timeout=20)
        await listening("127.0.0.1", port, timeout=20)
    return bot


def webhook_env(port: int) -> dict[str, str]:
    return {
        "WEBHOOK_URL": f"http://127.0.0.1:{port}",
        "WEBHOOK_LISTEN": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
        "WEBHOOK_PATH": "telegram",
        "WEBHOOK_SECRET": SECRET,
    }


async def killed(bot: BotProcess) -> None:
    """SIGKILL: no clean-up of any kind."""
    assert bot.process is not None
    bot.process.send_signal(signal.SIGKILL)
    await bot.process.wait()
    await bot.stop()


def answered(fake: FakeBotAPI, chats: range) -> dict[int, int]:
    return {chat: len(fake.messages(chat)) for chat in chats}


async def test_a_crisis_in_a_flood_is_answered_first_and_the_flooder_told_once(
    fake: GatedFakeBotAPI, tmp_path: Path
) -> None:
    bot = await started(fake, tmp_path, "flood", None)
    try:
        flooder, patients, crisis_chat = 80_000, range(80_001, 80_021), 80_100
        for number in range(FLOOD):
            fake.send_text(flooder, f"{QUESTION} ({number})")
        await asyncio.sleep(1)  # the crisis comes a second into the flood
        for chat in patients:
            fake.send_text(chat, QUESTION)
        fake.send_text(crisis_chat, CRISIS)

        [crisis] = await fake.wait_until(lambda: fake.messages(crisis_chat), timeout=5)
        assert ANSWER not in crisis["text"], "a crisis gets the resources, never a passage"
        await fake.wait_until(lambda: all(fake.messages(c) for c in patients), timeout=5)
        for chat in patients:
            [reply] = fake.messages(chat)
            assert reply["text"].startswith(ANSWER)
        await fake.wait_until(lambda: fake.pending_update_count == 0, timeout=20)
        flood = [m["text"] for m in fake.messages(flooder)]
        assert flood.count(SLOW_DOWN) == 1, flood.count(SLOW_DOWN)
        # The burst, then about one a second: the rest was dropped, not queued.
        assert len(flood) < 40, len(flood)
    finally:
        assert await bot.stop() == 0, bot.output()


async def test_no_message_is_lost_or_answered_twice_after_sigkill_while_polling(
    fake: GatedFakeBotAPI, tmp_path: Path
) -> None:
    chats = range(81_000, 81_000 + BURST)
    bot = await started(fake, tmp_path, "first", None)
    fake.hold_after(ANSWERED_BEFORE_CRASH)
    for chat in chats:
        fake.send_text(chat, QUESTION)
    await fake.wait_until(lambda: fake.held > 0, timeout=20)
    await asyncio.sleep(1)  # the handled ids reach the store
    await killed(bot)
    assert sum(answered(fake, chats).values()) == ANSWERED_BEFORE_CRASH

    fake.reopen()
    bot = await started(fake, tmp_path, "second", None)
    try:
        await fake.wait_until(lambda: all(answered(fake, chats).values()), timeout=30)
        await asyncio.sleep(1)  # time for a duplicate to show up
        counts = answered(fake, chats)
        assert set(counts.values()) == {1}, {c: n for c, n in counts.items() if n != 1}
    finally:
        assert await bot.stop() == 0, bot.output()


async def test_after_sigkill_while_polling_the_unanswered_come_from_the_inbox(
    fake: GatedFakeBotAPI, tmp_path: Path
) -> None:
    chats = range(84_000, 84_000 + BURST)
    bot = await started(fake, tmp_path, "first", None)
    fake.hold_after(ANSWERED_BEFORE_CRASH)
    for chat in chats:
        fake.send_text(chat, QUESTION)
    await fake.wait_until(lambda: fake.held > 0, timeout=20)
    # Kept in the inbox, so confirmed at once: Telegram would not send them again.
    await fake.wait_until(lambda: fake.pending_update_count == 0, timeout=10)
    await asyncio.sleep(1)  # the handled ids reach the store
    await killed(bot)
    assert sum(answered(fake, chats).values()) == ANSWERED_BEFORE_CRASH

    fake.reopen()
    bot = await started(fake, tmp_path, "second", None)
    try:
        await fake.wait_until(lambda: all(answered(fake, chats).values()), timeout=30)
        await asyncio.sleep(1)
        counts = answered(fake, chats)
        assert set(counts.values()) == {1}, {c: n for c, n in counts.items() if n != 1}
        assert f"inbox: replaying {BURST - ANSWERED_BEFORE_CRASH} updates" in bot.output()
    finally:
        assert await bot.stop() == 0, bot.output()
    store = Store(tmp_path / "faqbot.db")
    assert store.held_updates() == [], "each handled update leaves the inbox"
    store.close()


async def post(url: str, update: JSONDict, gate: asyncio.Semaphore) -> int | None:
    """POST like Telegram (at most 40 at once); the status, None if the bot went away."""
    async with gate:
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        try:
            async with (
                aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session,
                session.post(url, json=update, headers=headers) as response,
            ):
                await response.read()
                return response.status
        except (aiohttp.ClientError, TimeoutError):
            return None


async def test_no_message_is_lost_or_answered_twice_after_sigkill_in_webhook_mode(
    fake: GatedFakeBotAPI, tmp_path: Path
) -> None:
    chats = range(82_000, 82_000 + BURST)
    port = free_port()
    bot = await started(fake, tmp_path, "first", port)
    url = fake.webhook_url
    updates = [copy.deepcopy(fake.send_text(chat, QUESTION)) for chat in chats]
    fake.hold_after(ANSWERED_BEFORE_CRASH)
    gate = asyncio.Semaphore(40)  # Telegram's max_connections
    posts = [asyncio.ensure_future(post(url, update, gate)) for update in updates]
    await fake.wait_until(lambda: fake.held > 0, timeout=20)
    await asyncio.sleep(1)
    await killed(bot)
    statuses = await asyncio.gather(*posts)
    counts = answered(fake, chats)
    # A 200 only for what was answered: Telegram forgets an update once it gets one.
    for status, chat in zip(statuses, chats, strict=True):
        if status == 200:
            assert counts[chat] == 1, chat
    assert statuses.count(200) <= ANSWERED_BEFORE_CRASH

    fake.reopen()
    bot = await started(fake, tmp_path, "second", port)
    try:
        # Telegram sends again what got no 200; here everything is sent again, so the
        # handled ones are redeliveries that must not be answered twice.
        gate = asyncio.Semaphore(40)
        again = await asyncio.gather(*(post(url, update, gate) for update in updates))
        assert set(again) == {200}
        await asyncio.sleep(1)
        counts = answered(fake, chats)
        assert set(counts.values()) == {1}, {c: n for c, n in counts.items() if n != 1}
    finally:
        assert await bot.stop() == 0, bot.output()


async def test_a_redelivered_update_is_answered_once(fake: GatedFakeBotAPI, tmp_path: Path) -> None:
    port = free_port()
    bot = await started(fake, tmp_path, "redelivery", port)
    try:
        chat = 83_000
        update = fake.send_text(chat, QUESTION)
        gate = asyncio.Semaphore(1)
        assert await post(fake.webhook_url, copy.deepcopy(update), gate) == 200
        # The 200 came after the reply: it is there already.
        assert len(fake.messages(chat)) == 1
        assert await post(fake.webhook_url, copy.deepcopy(update), gate) == 200
        await asyncio.sleep(1)
        assert len(fake.messages(chat)) == 1
    finally:
        assert await bot.stop() == 0, bot.output()
