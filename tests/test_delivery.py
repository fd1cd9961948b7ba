"""The rate limit, the order updates are handled in, and the handled-update store."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest
from telegram import Update

from bot.analytics import Store, now
from bot.delivery import NORMAL, URGENT, Admission, FairProcessor, RateGate, Ticket, ticket_for


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
