"""The real `faqbot run` when its analytics store fails: locked by another process, its
directory removed, its disk full. Every patient still gets the real reply at once, the
log says what happened, and the store is written again once it can be."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
import shutil
import sqlite3
import stat
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

from tests.botprocess import TOKEN, BotProcess, buttons
from tests.fakebotapi import FakeBotAPI

pytestmark = pytest.mark.e2e
STAFF_CHAT = -1009876
ADMIN = 31337
QUESTIONS = {
    "is ketamine adictive?": "Is ketamine addictive, and does it have side effects?",
    "how fast does ketamine work": "How quickly does ketamine work?",
    "what is ketamine": "What is ketamine?",
}
CRISIS = "i want to end my life tonight"
LOCK_SECONDS = 10.0


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI(TOKEN) as server:
        server.add_chat(STAFF_CHAT, chat_type="supergroup", title="Front desk")
        server.add_chat(ADMIN, first_name="Admin")
        yield server


async def launch(fake: FakeBotAPI, folder: Path, db_path: Path) -> BotProcess:
    bot = BotProcess(
        fake,
        folder / "bot.log",
        FAQBOT_DB_PATH=str(db_path),
        STAFF_CHAT_ID=str(STAFF_CHAT),
        ADMIN_IDS=str(ADMIN),
    )
    await bot.start()
    await bot.wait_ready()
    return bot


@pytest_asyncio.fixture
async def bots() -> AsyncIterator[list[BotProcess]]:
    """Bots a test started; stopped (exit status 0) before the test's folders go."""
    started: list[BotProcess] = []
    yield started
    for bot in started:
        assert await bot.stop() == 0, bot.output()


def messages(count: int, first_chat: int) -> list[tuple[int, str]]:
    """`count` messages, one a chat, the questions in turn and a crisis among them."""
    texts = [*QUESTIONS, CRISIS]
    return [(first_chat + n, texts[n % len(texts)]) for n in range(count)]


async def ask_all(fake: FakeBotAPI, asked: list[tuple[int, str]]) -> None:
    """Send every message at once, wait for every reply, and check each is the real one
    (the answer, or the crisis resources)."""
    for chat, text in asked:
        fake.send_text(chat, text)
    await fake.wait_until(
        lambda: all(fake.messages(chat) for chat, _text in asked),
        timeout=30,
        message="a chat got no reply",
    )
    for chat, text in asked:
        replies = fake.messages(chat)
        assert len(replies) == 1, f"chat {chat} ({text!r}): {replies}"
        reply = replies[0]["text"]
        assert "went wrong" not in reply, f"{text!r} got the apology"
        if text == CRISIS:
            assert "988" in reply, reply
        else:
            assert reply.startswith(QUESTIONS[text]), reply


def rows(db_path: Path) -> int:
    """Replies recorded so far, read as any other process would."""
    with contextlib.closing(sqlite3.connect(db_path, timeout=5)) as db:
        return db.execute("SELECT count(*) FROM replies").fetchone()[0]


async def wait_for_rows(db_path: Path, count: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if rows(db_path) >= count:
                return
        except sqlite3.Error:
            pass  # the bot is creating it
        assert time.monotonic() < deadline, f"{count} replies never reached {db_path}"
        await asyncio.sleep(0.1)


async def test_a_locked_database_delays_no_reply_and_loses_no_record(
    fake: FakeBotAPI, bots: list[BotProcess], tmp_path: Path
) -> None:
    db_path = tmp_path / "faqbot.db"
    bot = await launch(fake, tmp_path, db_path)
    bots.append(bot)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process keeps the database locked
    locked_at = time.monotonic()
    try:
        # Every chat gets its real reply while the lock is still held: it is released
        # only below, so a reply that waited for it would never come.
        await ask_all(fake, messages(20, first_chat=3001))
        await asyncio.sleep(max(0.0, LOCK_SECONDS - (time.monotonic() - locked_at)))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    await wait_for_rows(db_path, 20)  # retried until the lock went: nothing lost
    assert rows(db_path) == 20
    output = bot.output()
    reported = [line for line in output.splitlines() if "analytics: cannot use" in line]
    assert len(reported) == 1 and "database is locked" in reported[0], "a line a minute at most"
    assert "writing to" in output and "again; 0 records dropped" in output


async def test_a_removed_database_directory_is_reported_and_recreated(
    fake: FakeBotAPI, bots: list[BotProcess], tmp_path: Path
) -> None:
    db_path = tmp_path / "analytics" / "faqbot.db"
    bot = await launch(fake, tmp_path, db_path)
    bots.append(bot)
    await ask_all(fake, messages(1, first_chat=3101))
    await wait_for_rows(db_path, 1)

    shutil.rmtree(db_path.parent)
    await ask_all(fake, messages(8, first_chat=3201))
    await fake.wait_until(lambda: "was removed while the bot ran" in bot.output(), timeout=10)
    await wait_for_rows(db_path, 8)  # in a new file, in a new private directory
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


async def test_a_store_that_cannot_be_recreated_says_try_again_until_it_can(
    fake: FakeBotAPI, bots: list[BotProcess], tmp_path: Path
) -> None:
    db_path = tmp_path / "analytics" / "faqbot.db"
    bot = await launch(fake, tmp_path, db_path)
    bots.append(bot)
    patient = 3501
    fake.send_text(patient, "do you have parking for patients")
    [decline] = await fake.wait_until(lambda: fake.messages(patient), timeout=10)
    await wait_for_rows(db_path, 1)

    shutil.rmtree(db_path.parent)
    db_path.parent.write_text("a file where the directory should be")
    await ask_all(fake, messages(8, first_chat=3601))
    await fake.wait_until(lambda: "Not a directory" in bot.output(), timeout=10)

    fake.send_command(ADMIN, "/stats")
    [note] = await fake.wait_until(lambda: fake.messages(ADMIN), timeout=10)
    assert "Try /stats again" in note["text"]
    fake.press_button(patient, decline["message_id"], buttons(decline)[0]["callback_data"])
    [alert] = await fake.wait_until(lambda: fake.callback_answers, timeout=10)
    assert "try again" in alert["text"] and alert["show_alert"]
    assert fake.messages(STAFF_CHAT) == []

    db_path.parent.unlink()  # fixed, without a restart
    await ask_all(fake, messages(1, first_chat=3701))
    await wait_for_rows(db_path, 1)
    await fake.wait_until(lambda: "again; " in bot.output(), timeout=10)
    reported = [line for line in bot.output().splitlines() if "analytics: cannot use" in line]
    assert len(reported) == 1 and "Not a directory" in reported[0], "a line a minute at most"


async def test_a_pending_hand_off_survives_a_restart(
    fake: FakeBotAPI, bots: list[BotProcess], tmp_path: Path
) -> None:
    db_path = tmp_path / "faqbot.db"
    bot = await launch(fake, tmp_path, db_path)
    patient = 3801
    fake.send_text(patient, "do you validate parking tickets")
    [decline] = await fake.wait_until(lambda: fake.messages(patient), timeout=10)
    assert await bot.stop() == 0, bot.output()

    bots.append(await launch(fake, tmp_path, db_path))
    fake.press_button(patient, decline["message_id"], buttons(decline)[0]["callback_data"])
    [post] = await fake.wait_until(lambda: fake.messages(STAFF_CHAT), timeout=10)
    assert "do you validate parking tickets" in post["text"]
    with contextlib.closing(sqlite3.connect(db_path)) as db:
        assert db.execute("SELECT count(*) FROM pending_handoffs").fetchone() == (0,)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 KiB tmpfs to fill up; unmounted afterwards."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("a full disk needs root to mount a small tmpfs; not running as root")
    mount = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mount.returncode != 0:
        pytest.skip(f"a full disk needs `mount -t tmpfs`, which failed: {mount.stderr.strip()}")
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> Path:
    """Write a file until the disk has not one byte of room left; the file."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as out:
        chunk = 65536
        while chunk:
            try:
                out.write(b"\0" * chunk)
            except OSError as error:
                assert error.errno == errno.ENOSPC, error
                chunk //= 2
    return filler


async def test_a_full_disk_still_lets_every_message_be_answered(
    fake: FakeBotAPI, small_disk: Path, tmp_path: Path
) -> None:
    db_path = small_disk / "faqbot.db"
    bot = await launch(fake, tmp_path, db_path)
    try:
        await ask_all(fake, messages(1, first_chat=3301))
        await wait_for_rows(db_path, 1)
        filler = fill(small_disk)

        await ask_all(fake, messages(20, first_chat=3401))
        await fake.wait_until(lambda: "disk is full" in bot.output(), timeout=10)

        filler.unlink()  # room again: the record being retried, and those queued, land
        await wait_for_rows(db_path, 21, timeout=20)
    finally:
        assert await bot.stop() == 0, bot.output()
