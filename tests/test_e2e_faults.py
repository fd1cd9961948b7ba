"""The real `faqbot run` when the Bot API misbehaves: 429s, 500s, stalls, blocked users
and signals.  Each test has its own fake server and bot, so no fault leaks into another."""

from __future__ import annotations

import asyncio
import signal
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
import pytest_asyncio

from tests.botprocess import TOKEN, BotProcess, buttons
from tests.fakebotapi import FakeBotAPI

pytestmark = pytest.mark.e2e
BOT_USERNAME = "clinic_faq_bot"
TIMEOUT = 1  # TELEGRAM_TIMEOUT of the bot under test, seconds
STALL = 2.0  # a stall outlasts the bot's timeout
QUESTIONS = {
    "is ketamine adictive?": "Is ketamine addictive, and does it have side effects?",
    "how fast does ketamine work": "How quickly does ketamine work?",
    "what is ketamine": "What is ketamine?",
}


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI(TOKEN, bot_username=BOT_USERNAME, seed=20240611) as server:
        yield server


@pytest_asyncio.fixture
async def launch(
    fake: FakeBotAPI, tmp_path: Path
) -> AsyncIterator[Callable[[], Awaitable[BotProcess]]]:
    """Starts a bot that the test stops itself; kills it if the test did not."""
    launched: list[BotProcess] = []

    async def start() -> BotProcess:
        process = BotProcess(fake, tmp_path / "bot.log", TELEGRAM_TIMEOUT=str(TIMEOUT))
        launched.append(process)
        await process.start()
        await started(process)
        return process

    yield start
    for process in launched:
        if process.process is not None and process.process.returncode is None:
            process.process.kill()
            await process.process.wait()
        if process.process is not None:
            await process.stop()  # closes the log


@pytest_asyncio.fixture
async def bot(fake: FakeBotAPI, tmp_path: Path) -> AsyncIterator[BotProcess]:
    process = BotProcess(fake, tmp_path / "bot.log", TELEGRAM_TIMEOUT=str(TIMEOUT))
    await process.start()
    await started(process)
    yield process
    assert await process.stop() == 0, process.output()


async def started(bot: BotProcess) -> None:
    """Until the bot has set its commands and dropped any webhook, so it polls next.

    (BotProcess.wait_ready waits for a whole first long poll, 10 s with no updates.)
    """
    fake = bot.fake
    try:
        await fake.wait_until(lambda: fake.commands and fake.calls_to("deleteWebhook"), timeout=20)
    except AssertionError as error:
        raise AssertionError(f"{error}\n--- bot output ---\n{bot.output()}") from None


async def stop_with(bot: BotProcess, signum: signal.Signals) -> tuple[int, str]:
    """Send a signal; the exit status and the whole output."""
    assert bot.process is not None
    bot.process.send_signal(signum)
    code = await asyncio.wait_for(bot.process.wait(), timeout=20)
    output = bot.output()
    await bot.stop()
    return code, output


async def settle(seconds: float = 1.5) -> None:
    """Give a late duplicate (a retry of a call that did go through) time to show up."""
    await asyncio.sleep(seconds)


async def fault_then_recover(fake: FakeBotAPI, methods: set[str], **faults) -> None:
    """Fault every call to `methods` until each has been faulted once, then stop faulting."""
    fake.set_faults(1.0, methods=methods, stall_seconds=STALL, **faults)
    await fake.wait_until(
        lambda: methods <= {method for method, _kind, _params in fake.faulted_calls},
        timeout=10,
    )
    fake.set_faults(0)


async def test_every_message_is_answered_exactly_once_through_mixed_faults(
    fake: FakeBotAPI, bot: BotProcess
) -> None:
    fake.set_faults(
        0.3, kinds=("429", "500", "stall"), methods=("sendMessage",), stall_seconds=STALL
    )
    chats = range(2001, 2021)
    for chat in chats:
        for text in QUESTIONS:
            fake.send_text(chat, text)

    await fake.wait_until(
        lambda: all(len(fake.messages(chat)) >= len(QUESTIONS) for chat in chats), timeout=30
    )
    await settle()

    expected = Counter(QUESTIONS.values())
    for chat in chats:
        headings = Counter(m["text"].split("\n", 1)[0] for m in fake.messages(chat))
        assert headings == expected, f"chat {chat}: {headings}"
    assert all(fake.fault_counts[kind] >= 1 for kind in ("429", "500", "stall")), fake.fault_counts
    assert not [e for e in fake.errors if e[0] == "sendMessage"], fake.errors


async def test_a_429_is_waited_out_and_the_reply_still_arrives(
    fake: FakeBotAPI, bot: BotProcess
) -> None:
    fake.set_faults(1.0, kinds=("429",), methods=("sendMessage",), retry_after=1)
    chat = 2101
    fake.send_text(chat, "is ketamine adictive?")
    await fake.wait_until(lambda: fake.fault_counts["429"] >= 1, timeout=10)
    refused_at = time.monotonic()
    fake.set_faults(0)

    [answer] = await fake.wait_until(lambda: fake.messages(chat), timeout=10)
    waited = time.monotonic() - refused_at
    assert answer["text"].startswith(QUESTIONS["is ketamine adictive?"])
    assert waited >= 0.9, f"sent again after {waited:.2f}s, before retry_after=1 passed"
    assert fake.fault_counts == {"429": 1, "500": 0, "stall": 0}
    await settle(0.5)
    assert len(fake.messages(chat)) == 1


async def test_a_stalled_call_times_out_and_is_sent_again(
    fake: FakeBotAPI, bot: BotProcess
) -> None:
    chat = 2201
    recovery = asyncio.create_task(fault_then_recover(fake, {"sendMessage"}, kinds=("stall",)))
    fake.send_text(chat, "how fast does ketamine work")
    await recovery

    [answer] = await fake.wait_until(lambda: fake.messages(chat), timeout=10)
    assert answer["text"].startswith(QUESTIONS["how fast does ketamine work"])
    assert fake.fault_counts == {"429": 0, "500": 0, "stall": 1}
    assert "sendMessage failed" in bot.output(), "the timeout is logged before the retry"
    await settle(0.5)
    assert len(fake.messages(chat)) == 1


async def test_button_taps_and_inline_queries_are_answered_through_faults(
    fake: FakeBotAPI, bot: BotProcess
) -> None:
    chat = 2301
    fake.send_text(chat, "hi")
    [welcome] = await fake.wait_until(lambda: fake.messages(chat), timeout=10)
    choice = next(b for b in buttons(welcome) if b.get("callback_data", "").startswith("a:"))

    methods = {"answerCallbackQuery", "answerInlineQuery"}
    recovery = asyncio.create_task(fault_then_recover(fake, methods, kinds=("429", "500", "stall")))
    fake.press_button(chat, welcome["message_id"], choice["callback_data"])
    fake.inline_query(chat, "addictive")
    await recovery

    await fake.wait_until(lambda: fake.callback_answers and fake.inline_answers, timeout=15)
    messages = await fake.wait_until(lambda: fake.messages(chat)[1:], timeout=15)
    assert messages[0]["text"].startswith(choice["text"])
    assert fake.inline_answers[0]["results"][0]["id"] == "addiction-and-side-effects"
    await settle(0.5)
    assert len(fake.callback_answers) == 1
    assert len(fake.inline_answers) == 1
    assert len(fake.messages(chat)) == 2


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
async def test_a_signal_stops_the_bot_cleanly(
    fake: FakeBotAPI, launch: Callable[[], Awaitable[BotProcess]], signum: signal.Signals
) -> None:
    bot = await launch()
    fake.send_text(2401, "what is ketamine")
    await fake.wait_until(lambda: fake.messages(2401), timeout=10)

    code, output = await stop_with(bot, signum)
    assert code == 0, output
    assert "Traceback" not in output


async def test_a_user_who_blocked_the_bot_is_logged_and_the_next_one_answered(
    fake: FakeBotAPI, bot: BotProcess
) -> None:
    blocked, next_patient = 2501, 2502
    fake.block_user(blocked)
    fake.send_text(blocked, "is ketamine adictive?")
    await fake.wait_until(
        lambda: [e for e in fake.errors if e[0] == "sendMessage" and e[2] == 403], timeout=10
    )

    fake.send_text(next_patient, "how fast does ketamine work")
    [answer] = await fake.wait_until(lambda: fake.messages(next_patient), timeout=10)
    assert answer["text"].startswith(QUESTIONS["how fast does ketamine work"])
    assert bot.process is not None and bot.process.returncode is None
    assert "Forbidden: bot was blocked by the user" in bot.output()
    assert fake.messages(blocked) == []


async def test_sigterm_during_a_retry_still_sends_the_reply_then_exits_0(
    fake: FakeBotAPI, launch: Callable[[], Awaitable[BotProcess]]
) -> None:
    bot = await launch()
    fake.set_faults(1.0, kinds=("stall",), methods=("sendMessage",), stall_seconds=STALL)
    fake.send_text(2601, "what is ketamine")
    await fake.wait_until(lambda: fake.fault_counts["stall"] >= 1, timeout=10)
    fake.set_faults(0)

    code, output = await stop_with(bot, signal.SIGTERM)
    assert code == 0, output
    assert "Traceback" not in output
    assert [m["text"].split("\n", 1)[0] for m in fake.messages(2601)] == ["What is ketamine?"]


async def test_sigterm_during_an_outage_stops_the_bot_within_10_seconds(
    fake: FakeBotAPI, launch: Callable[[], Awaitable[BotProcess]]
) -> None:
    bot = await launch()
    fake.set_faults(1.0, kinds=("stall",), methods=("sendMessage",), stall_seconds=STALL)
    fake.send_text(2701, "what is ketamine")
    await fake.wait_until(lambda: fake.fault_counts["stall"] >= 1, timeout=10)

    assert bot.process is not None
    bot.process.send_signal(signal.SIGTERM)
    try:
        code = await asyncio.wait_for(bot.process.wait(), timeout=10)
    except TimeoutError:
        code = None
    output = bot.output()
    assert code is not None, f"still running 10 s after SIGTERM (docker would kill it)\n{output}"
    assert code == 0, output
