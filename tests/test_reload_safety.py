"""Reloading the knowledge base: off the event loop, within limits, only a file that has
stopped changing and does not drop much, and never the end of the upkeep task."""

from __future__ import annotations

import asyncio
import os
import shutil
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from telegram.ext import Application

from bot import app as bot_app
from bot import config, handlers
from faq import knowledge
from tests.recording import RecordingRequest
from tests.test_knowledge import bomb

TOKEN = "123456789:TESTtokenTESTtokenTESTtokenTESTtok"
ADMIN = 31337
ROUND = 0.1  # FAQBOT_RELOAD_SECONDS of these tests


@pytest.fixture
def kb_path(tmp_path: Path) -> Path:
    """A copy of the shipped knowledge base (as one file) and its article, free to edit."""
    shutil.copy(
        Path(__file__).parent / "data" / "kb-single-file.yaml", tmp_path / "ketamine-ocd.yaml"
    )
    shutil.copy(knowledge.DEFAULT_PATH / "ketamine-ocd-article.txt", tmp_path)
    return tmp_path / "ketamine-ocd.yaml"


@pytest_asyncio.fixture
async def application(
    kb_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[Application, RecordingRequest]]:
    """The bot's application on that copy, with one admin, checking for changes often."""
    monkeypatch.setattr(handlers, "SETTLE_SECONDS", 0.3)
    settings = config.load(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "FAQBOT_DB_PATH": str(tmp_path / "faqbot.db"),
            "FAQBOT_RELOAD_SECONDS": str(ROUND),
            "ADMIN_IDS": str(ADMIN),
        }
    )
    recorder = RecordingRequest()
    application = bot_app.build(settings, knowledge.load(kb_path), request=recorder)
    async with application:
        yield application, recorder


@pytest_asyncio.fixture
async def upkeep(
    application: tuple[Application, RecordingRequest],
) -> AsyncIterator[asyncio.Task[None]]:
    """The upkeep task (reloads and retention) running, cancelled at the end."""
    task = asyncio.create_task(handlers.maintain(application[0]))
    yield task
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


def served(application: Application) -> knowledge.KnowledgeBase:
    return application.bot_data.engine.kb


def told_admins(recorder: RecordingRequest) -> list[str]:
    return [sent["text"] for sent in recorder.sent() if sent["chat_id"] == ADMIN]


def write(path: Path, content: str) -> None:
    """Replace a file as an editor that saves atomically does."""
    temporary = path.with_suffix(".tmp")
    temporary.write_text(content, encoding="utf-8")
    os.replace(temporary, path)


def edited(path: Path) -> str:
    return path.read_text(encoding="utf-8").replace(
        "question: What is OCD?", "question: What is OCD, briefly?"
    )


async def until(predicate: Callable[[], Any], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)


async def test_a_valid_edit_is_reloaded(application, kb_path: Path) -> None:
    app, _ = application
    write(kb_path, edited(kb_path))
    assert await handlers.reload_knowledge(app) is None
    assert served(app).entry("what-is-ocd").question == "What is OCD, briefly?"


async def test_an_alias_bomb_is_refused_and_the_previous_base_serves_on(
    application, kb_path: Path
) -> None:
    app, _ = application
    before = served(app)
    write(kb_path, kb_path.read_text(encoding="utf-8") + bomb())
    # Refused before it expands (it once took 105 s and 5.8 GB); the guard is for a hang.
    problem = await asyncio.wait_for(handlers.reload_knowledge(app), timeout=60)
    assert problem is not None and "Reload failed" in problem and "aliases" in problem
    assert served(app) is before


async def test_the_event_loop_runs_while_a_file_loads(
    application, kb_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, _ = application
    # 300,000 tiny values, which the child is made to build (its value limits off): a
    # second or two of parsing that, in the bot's process, would stop every reply.
    write(kb_path, "[" + ",".join(["1"] * 300_000) + "]\n")
    unlimited = (
        "from faq import knowledge\nknowledge.COUNT_FIRST_BYTES = knowledge.MAX_NODES = 10**9\n"
    )
    child = knowledge._ISOLATED_LOAD.replace("from faq import knowledge\n", unlimited)
    monkeypatch.setattr(knowledge, "_ISOLATED_LOAD", child)
    lags: list[float] = []

    async def tick() -> None:
        while True:
            started = time.monotonic()
            await asyncio.sleep(0.01)
            lags.append(time.monotonic() - started - 0.01)

    ticker = asyncio.create_task(tick())
    started = time.monotonic()
    problem = await handlers.reload_knowledge(app)
    took = time.monotonic() - started
    ticker.cancel()
    assert problem is not None and "must be a mapping" in problem
    assert took > 0.5 and len(lags) > 20 and max(lags) < 0.2, (took, max(lags))


async def test_a_file_losing_its_declined_topics_is_held_until_reload_forces_it(
    application, kb_path: Path
) -> None:
    app, _ = application
    text = kb_path.read_text(encoding="utf-8")
    write(kb_path, text[: text.index("\nunanswered:") + 1])
    problem = await handlers.reload_knowledge(app)
    assert problem is not None and problem.startswith("Not loaded")
    # What is left are the clinic entries not filled in, declined topics too.
    left, now = (len(knowledge.load(p).unanswered) for p in (kb_path, knowledge.DEFAULT_PATH))
    assert f"{left} declined topics where the bot serves {now}" in problem
    assert len(served(app).unanswered) == now
    assert await handlers.reload_knowledge(app, force=True) is None
    assert len(served(app).unanswered) == left


async def test_a_failing_reload_does_not_end_the_upkeep_task(
    application, upkeep: asyncio.Task[None], kb_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, recorder = application
    real = handlers.reload_knowledge
    failures = 0

    async def failing(application: Application, **options: bool) -> str | None:
        nonlocal failures
        failures += 1
        raise RecursionError("maximum recursion depth exceeded")  # what a deep file did

    monkeypatch.setattr(handlers, "reload_knowledge", failing)
    for round_ in range(3):
        write(kb_path, kb_path.read_text(encoding="utf-8") + f"# edit {round_}\n")
        await until(lambda round_=round_: failures > round_)
    assert not upkeep.done()
    assert any("RecursionError" in text for text in told_admins(recorder))

    monkeypatch.setattr(handlers, "reload_knowledge", real)
    write(kb_path, edited(kb_path))
    await until(lambda: served(app).entry("what-is-ocd").question == "What is OCD, briefly?")


async def test_a_deep_file_is_reported_and_later_edits_still_load(
    application, upkeep: asyncio.Task[None], kb_path: Path
) -> None:
    app, recorder = application
    original = kb_path.read_text(encoding="utf-8")
    write(kb_path, original + "deep: " + "[" * 999 + "]" * 999 + "\n")
    await until(lambda: any("deeper than" in text for text in told_admins(recorder)))
    write(kb_path, edited(kb_path).replace("deep: ", "# deep: "))
    await until(lambda: served(app).entry("what-is-ocd").question == "What is OCD, briefly?")
    assert not upkeep.done()


async def test_a_failing_retention_does_not_end_the_upkeep_task(
    application, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, _ = application
    calls = 0

    def failing(retention_days: int, handoff_days: int) -> bool:
        nonlocal calls
        calls += 1
        raise OSError("disk I/O error")

    services = app.bot_data.services
    monkeypatch.setattr(services.recorder, "expire", failing)
    monkeypatch.setattr(handlers, "MAINTENANCE_SECONDS", ROUND)  # retention every round
    task = asyncio.create_task(handlers.maintain(app))
    await until(lambda: calls >= 3)
    assert not task.done()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_a_file_still_being_written_is_loaded_only_once_it_settles(
    application, upkeep: asyncio.Task[None], kb_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, _ = application
    seen: list[str] = []
    real = handlers.reload_knowledge

    async def recording(application: Application, **options: bool) -> str | None:
        seen.append(kb_path.read_text(encoding="utf-8"))
        return await real(application, **options)

    monkeypatch.setattr(handlers, "reload_knowledge", recording)
    final = edited(kb_path)
    # Written in pieces, a round apart: each piece changes the file again in under
    # SETTLE_SECONDS, as a slow copy does.
    with kb_path.open("w", encoding="utf-8") as file:
        for start in range(0, len(final), len(final) // 8):
            file.write(final[start : start + len(final) // 8])
            file.flush()
            await asyncio.sleep(ROUND)
    await until(lambda: served(app).entry("what-is-ocd").question == "What is OCD, briefly?")
    assert seen == [final]
