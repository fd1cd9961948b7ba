"""The rate limit, the order updates are handled in, the handled-update store, and the
polling inbox."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest
from telegram import Update

from bot.analytics import Store, now
from bot.delivery import (
    NORMAL,
    URGENT,
    Admission,
    FairProcessor,
    RateGate,
    Ticket,
    poll,
    ticket_for,
)
from bot.recorder import Recorder


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_passes_then_one_warning_then_drops_until_refilled() -> None:
    clock = Clock()
    gate = RateGate(burst=5, rate=1.0, clock=clock)
    assert [gate.admit("a") for _ in range(5)] == [Admission.ADMIT] * 5
    assert gate.admit("a") is Admission.WARN
    assert [gate.admit("a") for _ in range(50)] == [Admission.DROP] * 50
    assert gate.admit("b") is Admission.ADMIT, "another chat has its own bucket"
    clock.now += 1.0
    assert gate.admit("a") is Admission.ADMIT, "one a second once the burst is spent"
    assert gate.admit("a") is Admission.DROP, "still the same burst: told once only"
    clock.now += 10.0
    assert [gate.admit("a") for _ in range(5)] == [Admission.ADMIT] * 5
    assert gate.admit("a") is Admission.WARN, "a new burst is told again"


def test_full_buckets_are_forgotten_past_the_limit() -> None:
    clock = Clock()
    gate = RateGate(burst=2, rate=1.0, clock=clock, max_chats=3)
    for chat in range(3):
        gate.admit(chat)
    clock.now += 5
    gate.admit(99)
    assert len(gate._buckets) == 1


def message(text: str, chat: int = 7) -> Update:
    body = {
        "update_id": 1,
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": chat, "type": "private"},
            "from": {"id": chat, "is_bot": False, "first_name": "Pat"},
            "text": text,
        },
    }
    return Update.de_json(body, None)


def test_crisis_and_concern_are_urgent_and_never_limited() -> None:
    assert ticket_for(message("i don't want to be alive anymore"), None) == Ticket(
        URGENT, (7, 7), False
    )
    assert ticket_for(message("I can't take this anymore"), None).priority == URGENT
    assert ticket_for(message("is ketamine addictive?"), None) == Ticket(NORMAL, (7, 7), True)
    assert not ticket_for(message("hello", chat=-100), -100).limited, "the staff group"


async def test_urgent_first_then_round_robin_over_chats() -> None:
    order: list[str] = []
    tickets = {
        "a1": Ticket(NORMAL, "a", False),
        "a2": Ticket(NORMAL, "a", False),
        "a3": Ticket(NORMAL, "a", False),
        "b1": Ticket(NORMAL, "b", False),
        "crisis": Ticket(URGENT, "c", False),
    }
    release = asyncio.Event()

    async def work(name: str) -> None:
        order.append(name)
        if name == "a1":
            await release.wait()

    finished: list[tuple[object, bool]] = []
    processor = FairProcessor(
        ticket=lambda name: tickets[name],
        slow_down=lambda name: work("slow"),
        finished=lambda name, handled: finished.append((name, handled)),
        workers=1,
    )
    tasks = [asyncio.ensure_future(processor.process_update(name, work(name))) for name in tickets]
    await asyncio.sleep(0.01)  # a1 runs; the others wait for the one worker
    release.set()
    await asyncio.gather(*tasks)
    assert order == ["a1", "crisis", "b1", "a2", "a3"]
    assert all(handled for _, handled in finished)


async def test_an_urgent_update_does_not_wait_for_a_worker() -> None:
    started: list[str] = []
    release = asyncio.Event()

    async def work(name: str) -> None:
        started.append(name)
        if name == "a1":
            await release.wait()

    tickets = {"a1": Ticket(NORMAL, "a", False), "b1": Ticket(NORMAL, "b", False)}
    tickets["crisis"] = Ticket(URGENT, "c", False)
    processor = FairProcessor(
        ticket=lambda name: tickets[name],
        slow_down=lambda name: work("slow"),
        finished=lambda name, handled: None,
        workers=1,
    )
    tasks = [asyncio.ensure_future(processor.process_update(name, work(name))) for name in tickets]
    await asyncio.sleep(0.01)  # the one worker is taken by a1, still running
    assert started == ["a1", "crisis"]  # b1 waits; the crisis did not
    release.set()
    await asyncio.gather(*tasks)
    assert started == ["a1", "crisis", "b1"]


async def test_updates_still_waiting_at_close_are_not_handled() -> None:
    release = asyncio.Event()
    finished: list[tuple[object, bool]] = []

    async def work(name: str) -> None:
        await release.wait()

    processor = FairProcessor(
        ticket=lambda name: Ticket(NORMAL, name, False),
        slow_down=lambda name: work(name),
        finished=lambda name, handled: finished.append((name, handled)),
        workers=1,
    )
    tasks = [asyncio.ensure_future(processor.process_update(n, work(n))) for n in "xy"]
    await asyncio.sleep(0.01)
    processor.close()
    release.set()
    await asyncio.gather(*tasks)
    assert sorted(finished) == [("x", True), ("y", False)]


def test_handled_ids_are_kept_and_expire(tmp_path: Path) -> None:
    store = Store(tmp_path / "faqbot.db")
    assert store.last_handled() is None
    store.mark_handled(1001, at=now() - timedelta(hours=72))
    store.mark_handled(1002)
    store.mark_handled(1002)  # a second mark changes nothing
    assert store.was_handled(1001) and store.was_handled(1002)
    assert not store.was_handled(1003)
    assert store.last_handled() == 1002
    assert store.forget_handled() == 1
    assert not store.was_handled(1001)
    store.close()


@pytest.mark.parametrize("text", ["hi", ""])
def test_a_message_without_danger_is_normal(text: str) -> None:
    assert ticket_for(message(text), None).priority == NORMAL


async def test_a_crisis_only_the_semantic_net_knows_is_answered_not_dropped() -> None:
    gate = RateGate(burst=1, rate=0.001, clock=Clock())
    handled: list[str] = []

    async def work(name: str) -> None:
        handled.append(name)

    processor = FairProcessor(
        ticket=lambda name: Ticket(NORMAL, "flooder", True),
        slow_down=lambda name: work("slow down"),
        finished=lambda name, done: None,
        unsafe=lambda name: name == "I'll soon be at peace.",
        gate=gate,
    )
    for name in ("first", "second", "third", "I'll soon be at peace."):
        await processor.process_update(name, work(name))
    assert handled == ["first", "slow down", "I'll soon be at peace."]


def test_the_inbox_keeps_updates_until_they_are_handled(tmp_path: Path) -> None:
    store = Store(tmp_path / "faqbot.db")
    store.hold_updates([(12, '{"update_id": 12}'), (11, '{"update_id": 11}')])
    store.hold_updates([(11, '{"update_id": 11, "again": true}')])  # sent twice: kept once
    assert store.held_updates() == [(11, '{"update_id": 11}'), (12, '{"update_id": 12}')]
    store.mark_handled(11)
    assert store.held_updates() == [(12, '{"update_id": 12}')]
    assert store.was_handled(11) and not store.was_handled(12)
    store.close()


def test_inbox_rows_older_than_a_day_are_dropped(tmp_path: Path) -> None:
    store = Store(tmp_path / "faqbot.db")
    store.hold_updates([(1, "{}")], at=now() - timedelta(hours=25))
    store.hold_updates([(2, "{}")], at=now() - timedelta(hours=23))
    assert store.expire_inbox() == 1
    assert store.held_updates() == [(2, "{}")]
    store.close()


def test_a_handled_message_is_not_left_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "faqbot.db"
    store = Store(path)
    secret = "a-patient-wrote-this-0451"
    store.hold_updates([(1, f'{{"text": "{secret}"}}')])
    store.mark_handled(1)
    store.expire_inbox()  # as the periodic upkeep does: old page images leave the log too
    store.close()
    for file in tmp_path.iterdir():
        assert secret.encode() not in file.read_bytes(), file.name


async def test_the_recorder_drops_day_old_inbox_rows_with_a_log_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "faqbot.db"
    store = Store(path)
    store.hold_updates([(1, "{}")], at=now() - timedelta(hours=25))
    store.close()
    recorder = Recorder(path)
    try:
        await recorder.hold_updates([(2, '{"update_id": 2}')])
        assert await recorder.held_updates() == [(2, '{"update_id": 2}')]
    finally:
        recorder.stop()
    assert "inbox: dropped 1 updates kept over 24 hours" in caplog.text


class StubBot:
    """getUpdates over a fixed list: an offset confirms (forgets) what is below it."""

    def __init__(self, count: int) -> None:
        self.updates = [Update.de_json({"update_id": n}, None) for n in range(1, count + 1)]
        self.offsets: list[int | None] = []

    async def get_updates(self, offset: int | None = None, **kwargs: object) -> list[Update]:
        self.offsets.append(offset)
        if offset:
            self.updates = [u for u in self.updates if u.update_id >= offset]
        await asyncio.sleep(0.01)
        return self.updates[:2]  # a small getUpdates limit


class StubIntake:
    """Delivers nothing until released; keeps updates only if `storing`."""

    def __init__(self, storing: bool, replay: list[Update] | None = None) -> None:
        self.storing, self.replay = storing, replay or []
        self.release = asyncio.Event()
        self.delivered: list[int] = []

    async def kept(self, bot: object) -> list[Update]:
        return self.replay

    async def keep(self, updates: list[Update]) -> bool:
        return self.storing

    async def deliver(self, update: Update) -> bool:
        self.delivered.append(update.update_id)
        await self.release.wait()
        return True


async def test_kept_updates_are_confirmed_before_they_are_handled() -> None:
    bot, intake = StubBot(5), StubIntake(storing=True)
    stopping = asyncio.Event()
    task = asyncio.ensure_future(poll(bot, intake, stopping))  # type: ignore[arg-type]
    await asyncio.sleep(0.2)
    # Past all five while none is handled: later updates are never hidden behind them.
    assert 6 in bot.offsets and not bot.updates
    assert sorted(intake.delivered) == [1, 2, 3, 4, 5]
    intake.release.set()
    stopping.set()
    await task


async def test_without_the_inbox_an_update_is_confirmed_only_once_handled() -> None:
    bot, intake = StubBot(5), StubIntake(storing=False)
    stopping = asyncio.Event()
    task = asyncio.ensure_future(poll(bot, intake, stopping))  # type: ignore[arg-type]
    await asyncio.sleep(0.2)
    assert set(bot.offsets) == {None}, "nothing handled: nothing confirmed"
    assert sorted(intake.delivered) == [1, 2], "the limit hides the rest, as before"
    intake.release.set()
    await asyncio.sleep(0.5)
    stopping.set()
    await task
    assert sorted(intake.delivered) == [1, 2, 3, 4, 5]
    assert bot.offsets[-1] == 6


async def test_the_inbox_is_replayed_before_polling() -> None:
    old = [Update.de_json({"update_id": n}, None) for n in (3, 4)]
    bot, intake = StubBot(0), StubIntake(storing=True, replay=old)
    stopping = asyncio.Event()
    task = asyncio.ensure_future(poll(bot, intake, stopping))  # type: ignore[arg-type]
    await asyncio.sleep(0.05)
    assert intake.delivered == [3, 4]
    intake.release.set()
    stopping.set()
    await task
