"""The real `faqbot run --webhook`: Telegram's secret is checked on every posted update."""

from __future__ import annotations

import asyncio
import copy
import json
import socket
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from tests.botprocess import TOKEN, BotProcess
from tests.fakebotapi import FakeBotAPI

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="module")]
SECRET = "some-secret"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def listening(host: str, port: int, timeout: float = 10.0) -> None:
    """Until something accepts TCP connections on host:port."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        try:
            _reader, writer = await asyncio.open_connection(host, port)
        except OSError:
            if loop.time() >= deadline:
                raise AssertionError(f"nothing listens on {host}:{port}") from None
            await asyncio.sleep(0.05)
        else:
            writer.close()
            await writer.wait_closed()
            return


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def fake() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI(TOKEN) as server:
        yield server


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def bot(
    fake: FakeBotAPI, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[BotProcess]:
    port = free_port()
    process = BotProcess(
        fake,
        tmp_path_factory.mktemp("webhook") / "bot.log",
        WEBHOOK_URL=f"http://127.0.0.1:{port}",
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=str(port),
        WEBHOOK_PATH="telegram",
        WEBHOOK_SECRET=SECRET,
    )
    await process.start("run", "--webhook")
    try:
        await fake.wait_until(lambda: fake.webhook_url, timeout=20)
        await listening("127.0.0.1", port)
    except AssertionError as error:
        raise AssertionError(f"{error}\n--- bot output ---\n{process.output()}") from None
    yield process
    assert await process.stop() == 0, process.output()


async def test_the_bot_registers_its_webhook_with_the_secret(
    fake: FakeBotAPI, bot: BotProcess
) -> None:
    assert fake.webhook_url == f"{bot.env['WEBHOOK_URL']}/telegram"
    assert fake.webhook_secret_token == SECRET
    assert fake.commands, "the command menu is set in webhook mode too"


@pytest.mark.parametrize("secret", ["wrong-secret", None], ids=["wrong", "missing"])
async def test_an_update_without_the_right_secret_is_refused_and_not_answered(
    fake: FakeBotAPI, bot: BotProcess, secret: str | None
) -> None:
    chat = 6001 if secret else 6002
    update = fake.send_text(chat, "is ketamine adictive?")
    before = len(fake.calls_to("sendMessage"))

    status = await fake.post_to_webhook(fake.webhook_url, copy.deepcopy(update), secret)

    assert status == 403
    await asyncio.sleep(1)
    assert fake.messages(chat) == []
    assert len(fake.calls_to("sendMessage")) == before


async def test_the_same_update_with_the_right_secret_is_answered(
    fake: FakeBotAPI, bot: BotProcess
) -> None:
    chat = 6003
    update = fake.send_text(chat, "is ketamine adictive?")
    assert await fake.post_to_webhook(fake.webhook_url, copy.deepcopy(update), "wrong") == 403

    status = await fake.post_to_webhook(fake.webhook_url, copy.deepcopy(update), SECRET)

    assert status == 200
    [answer] = await fake.wait_until(lambda: fake.messages(chat), timeout=10)
    assert answer["text"].startswith("Is ketamine addictive, and does it have side effects?")
    assert [c for c in fake.calls_to("sendMessage") if str(c["chat_id"]) == str(chat)]


async def test_webhook_mode_without_a_secret_exits_2_with_one_line(
    fake: FakeBotAPI, tmp_path_factory: pytest.TempPathFactory
) -> None:
    port = free_port()
    process = BotProcess(
        fake,
        tmp_path_factory.mktemp("nosecret") / "bot.log",
        WEBHOOK_URL=f"http://127.0.0.1:{port}",
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=str(port),
        WEBHOOK_PATH="telegram",
    )
    await process.start("run", "--webhook")
    assert process.process is not None
    code = await asyncio.wait_for(process.process.wait(), timeout=20)
    output = process.output()
    await process.stop()

    assert code == 2, output
    assert "Traceback" not in output
    lines = output.strip().splitlines()
    assert len(lines) == 1, output
    assert lines[0].startswith("faqbot: ") and "WEBHOOK_SECRET" in lines[0]


async def test_healthz_reports_the_knowledge_base_and_a_writable_store(bot: BotProcess) -> None:
    port = int(bot.env["WEBHOOK_PORT"])
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    await writer.drain()
    response = (await asyncio.wait_for(reader.read(), timeout=10)).decode()
    writer.close()
    head, _, body = response.partition("\r\n\r\n")
    assert head.startswith("HTTP/1.1 200")
    report = json.loads(body)
    assert report["kb"] == "kb" and report["entries"] >= 16
    assert report["store_writable"] is True and len(report["sha256"]) == 16
