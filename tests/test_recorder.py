"""The recorder: records reach a real SQLite file off the caller's thread; a full queue,
a locked, missing or unusable store drop and count instead of blocking, are reported at
most once a minute, and are recovered from without help."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.analytics import Store, now
from bot.recorder import Recorder, StoreUnavailable
from faq.matcher import Matcher

FLUSH = 10.0  # seconds a test waits for the writer; it normally takes milliseconds


class Clock:
    """A monotonic clock the test moves by hand, so "a minute later" takes no time."""

    def __init__(self) -> None:
        self.seconds = 1000.0

    def __call__(self) -> float:
        return self.seconds


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "faqbot.db"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def recorder(path: Path, clock: Clock) -> Iterator[Recorder]:
    # No retry window: a failing record goes straight to "dropped", so tests need no sleep.
    recorder = Recorder(path, clock=clock, retry_seconds=0, probe_seconds=1, busy_seconds=0.1)
    yield recorder
    recorder.stop(timeout=FLUSH)


def read(path: Path, sql: str) -> list[tuple]:
    """What the file holds, read on a connection of its own, past the store's methods."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        return db.execute(sql).fetchall()


def count(path: Path, table: str = "replies") -> int:
    [(rows,)] = read(path, f"SELECT count(*) FROM {table}")
    return rows


def lines(caplog: pytest.LogCaptureFixture, text: str) -> list[str]:
    found = (r.getMessage() for r in caplog.records if r.name == "bot.recorder")
    return [line for line in found if text in line]


def test_records_land_in_the_file(recorder: Recorder, path: Path, matcher: Matcher) -> None:
    for message in ["is ketamine addictive", "how long", "i want to end my life"]:
        assert recorder.record(matcher.reply(message), "chat")
    recorder.record_lookup("what-is-ocd", "inline")
    assert recorder.flush(FLUSH)
    assert count(path) == 4
    assert recorder.counts().written == 4 and recorder.counts().dropped == 0


async def test_the_store_is_used_on_the_writer_thread_only(recorder: Recorder) -> None:
    name = await recorder.call("who", lambda store: threading.current_thread().name)
    assert name == "analytics-writer" != threading.current_thread().name


def blocker(gate: threading.Event, running: threading.Event) -> Callable[[Store], None]:
    """A call that keeps the writer busy until `gate` is set."""

    def block(store: Store) -> None:
        running.set()
        gate.wait(FLUSH)

    return block


async def test_a_full_queue_drops_and_counts(
    path: Path, matcher: Matcher, caplog: pytest.LogCaptureFixture
) -> None:
    recorder = Recorder(path, capacity=3)
    gate, running = threading.Event(), threading.Event()
    blocked = asyncio.create_task(recorder.call("block", blocker(gate, running), FLUSH))
    assert await asyncio.to_thread(running.wait, FLUSH)
    reply = matcher.reply("is ketamine addictive")
    with caplog.at_level(logging.WARNING):
        accepted = [recorder.record(reply, "chat") for _ in range(5)]
    assert accepted == [True, True, True, False, False]
    assert recorder.counts().dropped == 2
    assert lines(caplog, "dropped") == [
        "analytics: the record queue is full (3 records); 1 records dropped since the last"
        " report; replies go on"
    ]  # the second drop waits for the next line, a minute on
    gate.set()
    await blocked
    assert recorder.flush(FLUSH)
    assert count(path) == 3
    recorder.stop()


def test_a_failing_store_is_reported_once_a_minute_and_recovered_from(
    recorder: Recorder,
    path: Path,
    clock: Clock,
    matcher: Matcher,
    caplog: pytest.LogCaptureFixture,
) -> None:
    reply = matcher.reply("is ketamine addictive")
    path.parent.parent.mkdir(exist_ok=True)
    path.parent.write_text("a file where the database's directory should be")
    caplog.set_level(logging.WARNING)

    for _ in range(5):
        recorder.record(reply, "chat")
    assert recorder.flush(FLUSH)
    [first] = lines(caplog, "cannot use")
    assert "Not a directory" in first and "0 records dropped" in first

    clock.seconds += 30  # a probe fails again, but a line is not due yet
    recorder.record(reply, "chat")
    assert recorder.flush(FLUSH)
    assert len(lines(caplog, "cannot use")) == 1

    clock.seconds += 31
    recorder.record(reply, "chat")
    assert recorder.flush(FLUSH)
    second = lines(caplog, "cannot use")[1]
    assert "6 records dropped since the last report" in second

    path.parent.unlink()  # the administrator fixes it; nobody restarts the bot
    clock.seconds += 1
    recorder.record(reply, "chat")
    assert recorder.flush(FLUSH)
    [again] = lines(caplog, "again")
    assert "1 records dropped since the last report" in again  # the last failed probe
    assert count(path) == 1
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert recorder.counts().dropped == 7 and recorder.counts().written == 1


def test_a_removed_directory_is_recreated_private_and_said_so(
    recorder: Recorder, path: Path, matcher: Matcher, caplog: pytest.LogCaptureFixture
) -> None:
    reply = matcher.reply("is ketamine addictive")
    recorder.record(reply, "chat")
    assert recorder.flush(FLUSH)
    shutil.rmtree(path.parent)
    with caplog.at_level(logging.WARNING):
        recorder.record(reply, "chat")
        assert recorder.flush(FLUSH)
    assert lines(caplog, "was removed while the bot ran")
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert count(path) == 1  # the new file has what came after


def test_a_lock_held_for_a_while_loses_nothing(
    path: Path, matcher: Matcher, caplog: pytest.LogCaptureFixture
) -> None:
    Store(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    recorder = Recorder(path, busy_seconds=0.1)  # the real retry window: 30 s
    caplog.set_level(logging.WARNING)
    accepted = [recorder.record(matcher.reply("how long"), "chat") for _ in range(3)]
    # Taken at once while the database is locked: queued for the writer, none written.
    assert accepted == [True, True, True]
    assert (recorder.counts().queued, recorder.counts().written) == (3, 0)
    time.sleep(0.5)
    holder.execute("ROLLBACK")
    holder.close()
    assert recorder.flush(FLUSH)
    assert count(path) == 3
    assert "database is locked" in lines(caplog, "cannot use")[0]
    assert "0 records dropped" in lines(caplog, "again")[0]
    recorder.stop()


def test_forged_vote_tokens_are_not_counted(recorder: Recorder, path: Path) -> None:
    token = recorder.issue_vote("what-is-ocd")
    for forged in ("AAAAAAAAAAAA", "invented-one", Store.new_vote()):
        recorder.vote("what-is-ocd", True, forged)
    recorder.vote("how-fast-it-works", True, token)  # a real token on another entry
    recorder.vote("what-is-ocd", False, token)
    recorder.vote("what-is-ocd", True, token)  # the same button again
    assert recorder.flush(FLUSH)
    assert read(path, "SELECT entry_id, helpful FROM feedback") == [("what-is-ocd", 0)]


async def test_a_pending_question_survives_a_restart_and_expires(path: Path) -> None:
    before = Recorder(path)
    before.hold_question(4242, "do you validate parking")
    before.hold_question(4343, "is there a lift")
    before.stop()

    after = Recorder(path)  # a new process, the same file
    claim = await after.claim_question(4242, handoff_days=7)
    assert claim is not None and claim.question == "do you validate parking"
    assert await after.claim_question(4242, handoff_days=7) is None  # posted once
    after.stop()

    store = Store(path)
    assert store.claim_question(4343, at=now() + timedelta(hours=25)) is None
    assert read(path, "SELECT * FROM pending_handoffs") == []


async def test_a_read_says_unavailable_at_once_while_the_store_fails(
    recorder: Recorder, path: Path, clock: Clock, matcher: Matcher
) -> None:
    path.parent.parent.mkdir(exist_ok=True)
    path.parent.write_text("not a directory")
    with pytest.raises(StoreUnavailable, match="Not a directory"):
        await recorder.handoff_for(77)  # tried, and failed
    recorder.record(matcher.reply("hi"), "chat")
    assert recorder.flush(FLUSH)
    path.parent.unlink()
    with pytest.raises(StoreUnavailable, match="Not a directory"):
        await recorder.handoff_for(77)  # not even tried: the failure is seconds old
    clock.seconds += 60
    assert await recorder.handoff_for(77) is None  # an old failure is tried again


async def test_a_read_that_times_out_is_never_run(path: Path) -> None:
    recorder = Recorder(path)
    recorder.hold_question(1, "kept")
    gate, running = threading.Event(), threading.Event()
    blocked = asyncio.create_task(recorder.call("block", blocker(gate, running), FLUSH))
    assert await asyncio.to_thread(running.wait, FLUSH)
    with pytest.raises(StoreUnavailable, match="within"):
        await recorder.call("claim", lambda store: store.claim_question(1), timeout=0.1)
    gate.set()
    await blocked
    assert recorder.flush(FLUSH)
    assert count(path, "pending_handoffs") == 1  # still there for the next tap
    recorder.stop()


def test_shutdown_drains_within_its_time_limit(
    path: Path, matcher: Matcher, caplog: pytest.LogCaptureFixture
) -> None:
    Store(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    recorder = Recorder(path, busy_seconds=0.1)
    for _ in range(4):
        recorder.record(matcher.reply("how long"), "chat")
    # The lock is held throughout: a stop that waited for it would never return (the
    # join's limit only stops the test from hanging if it did).
    stopping = threading.Thread(target=recorder.stop, kwargs={"timeout": 0.3})
    with caplog.at_level(logging.WARNING):
        stopping.start()
        stopping.join(timeout=60)
    assert not stopping.is_alive(), "stop waited for the locked database"
    assert recorder.counts().dropped == 4
    assert "4 records dropped" in lines(caplog, "dropped")[-1]
    assert not recorder.record(matcher.reply("hi"), "chat")  # after stop: dropped
    holder.execute("ROLLBACK")
    holder.close()
