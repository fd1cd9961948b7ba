"""The faults that reached patients, reproduced against the real `faqbot run`: a
half-saved knowledge base, an alias bomb, a 999-deep file, a crisis in a photo's caption
or behind zero-width spaces, the token percent-encoded in an error body, an update's
content in the log, idle webhook connections at the open-file limit."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import logging
import os
import resource
import shutil
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
import pytest_asyncio

from bot import logs
from faq import knowledge
from tests.botprocess import TOKEN, BotProcess
from tests.fakebotapi import FakeBotAPI
from tests.test_e2e_webhook import free_port, listening
from tests.test_knowledge import bomb

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="module")]
ADMIN = 31337
PATIENT = 515151
LEAKY = 626262  # sendMessage to this chat fails with the token in the error body
PREGNANCY = "is ketamine safe during pregnancy"
SIDE_EFFECTS = "Is ketamine addictive, and does it have side effects?"
SECRET = "some-secret"
# The token as an error body might echo it: percent-encoded, ':' as %3a, every byte.
TOKEN_SPELLINGS = (
    quote(TOKEN, safe=""),
    TOKEN.replace(":", "%3a"),
    "".join(f"%{byte:02X}" for byte in TOKEN.encode()),
)


@dataclass
class Clinic:
    fake: FakeBotAPI
    bot: BotProcess
    kb_path: Path


def write(path: Path, content: str) -> None:
    """Replace a file as an editor that saves atomically does."""
    temporary = path.with_suffix(".tmp")
    temporary.write_text(content, encoding="utf-8")
    os.replace(temporary, path)


def copy_kb(folder: Path) -> Path:
    shutil.copy(
        Path(__file__).parent / "data" / "kb-single-file.yaml", folder / "ketamine-ocd.yaml"
    )
    shutil.copy(knowledge.DEFAULT_PATH / "ketamine-ocd-article.txt", folder)
    return folder / "ketamine-ocd.yaml"


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def clinic(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Clinic]:
    folder = tmp_path_factory.mktemp("reload-faults")
    kb_path = copy_kb(folder)
    async with FakeBotAPI(TOKEN) as fake:
        fake.add_chat(ADMIN, first_name="Admin")
        name, send_message = fake._methods["sendmessage"]

        async def leaky_send_message(params: dict) -> dict:
            if str(params.get("chat_id")) == str(LEAKY):
                echoed = " ".join(f"/bot{spelling}/sendMessage" for spelling in TOKEN_SPELLINGS)
                raise fake.ApiError(400, f"Bad Request: chat not found ({echoed})")
            return await send_message(params)

        fake._methods["sendmessage"] = (name, leaky_send_message)
        bot = BotProcess(
            fake,
            folder / "bot.log",
            ADMIN_IDS=str(ADMIN),
            FAQ_PATH=str(kb_path),
            FAQBOT_RELOAD_SECONDS="0.2",
        )
        await bot.start()
        await bot.wait_ready()
        yield Clinic(fake, bot, kb_path)
        if bot.process and bot.process.returncode is None:
            assert await bot.stop() == 0, bot.output()


async def ask(clinic: Clinic, text: str, chat: int = PATIENT, timeout: float = 10) -> dict:
    before = len(clinic.fake.messages(chat))
    clinic.fake.send_text(chat, text)
    await clinic.fake.wait_until(lambda: len(clinic.fake.messages(chat)) > before, timeout=timeout)
    return clinic.fake.messages(chat)[-1]


async def answered_throughout(clinic: Clinic, seconds: float) -> int:
    """Ask for `seconds`; every question must be answered within 2 s. How many were."""
    loop = asyncio.get_running_loop()
    deadline, count = loop.time() + seconds, 0
    while loop.time() < deadline:
        reply = await ask(clinic, "how fast does ketamine work", timeout=2)
        assert reply["text"].startswith("How quickly does ketamine work?")
        count += 1
    return count


async def admin_told(clinic: Clinic, since: int, words: str) -> str:
    fake = clinic.fake
    await fake.wait_until(
        lambda: any(words in m["text"] for m in fake.messages(ADMIN)[since:]), timeout=20
    )
    return next(m["text"] for m in fake.messages(ADMIN)[since:] if words in m["text"])


async def test_a_half_saved_file_is_never_served(clinic: Clinic) -> None:
    original = clinic.kb_path.read_text(encoding="utf-8")
    declined = (await ask(clinic, PREGNANCY))["text"]
    assert not declined.startswith(SIDE_EFFECTS)
    admin_before = len(clinic.fake.messages(ADMIN))
    reloads = clinic.bot.output().count("reloaded")
    # A non-atomic save: the file is cut, the first half written, a pause, the rest.
    # The first half (everything before the declined topics) is a valid file.
    cut = original.index("\nunanswered:") + 1
    loop = asyncio.get_running_loop()
    with clinic.kb_path.open("w", encoding="utf-8") as file:
        file.write(original[:cut])
        file.flush()
        pause = loop.time() + 3
        while loop.time() < pause:
            assert (await ask(clinic, PREGNANCY))["text"] == declined
        file.write(original[cut:])
    await clinic.fake.wait_until(
        lambda: clinic.bot.output().count("reloaded") > reloads, timeout=20
    )
    assert (await ask(clinic, PREGNANCY))["text"] == declined
    held = await admin_told(clinic, admin_before, "Not loaded")
    # The half keeps only the unfilled clinic entries, which are declined topics too.
    served = len(knowledge.load(clinic.kb_path).unanswered)
    assert f"declined topics where the bot serves {served}" in held


async def test_an_alias_bomb_is_refused_while_the_bot_answers(clinic: Clinic) -> None:
    original = clinic.kb_path.read_text(encoding="utf-8")
    admin_before = len(clinic.fake.messages(ADMIN))
    write(clinic.kb_path, original + bomb())
    assert await answered_throughout(clinic, 3) > 5
    assert "aliases" in await admin_told(clinic, admin_before, "Reload failed")
    write(clinic.kb_path, original.replace("question: What is OCD?", "question: What is OCD 2?"))
    await until_answered(clinic, "what is ocd", "What is OCD 2?")


async def test_a_999_deep_file_is_refused_and_later_edits_still_load(clinic: Clinic) -> None:
    original = clinic.kb_path.read_text(encoding="utf-8")
    admin_before = len(clinic.fake.messages(ADMIN))
    write(clinic.kb_path, original + "deep: " + "[" * 999 + "]" * 999 + "\n")
    assert await answered_throughout(clinic, 2) > 3
    assert "deeper than" in await admin_told(clinic, admin_before, "Reload failed")
    write(clinic.kb_path, original.replace("question: What is OCD", "question: What is OCD 3"))
    await until_answered(clinic, "what is ocd", "What is OCD 3")


async def until_answered(clinic: Clinic, question: str, heading: str) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 20
    while not (await ask(clinic, question))["text"].startswith(heading):
        assert loop.time() < deadline, clinic.bot.output()[-3000:]
        await asyncio.sleep(0.2)


async def test_a_photo_with_a_crisis_caption_gets_crisis_resources(clinic: Clinic) -> None:
    before = len(clinic.fake.messages(PATIENT))
    clinic.fake.send_photo(PATIENT, caption="i want to kill myself")
    await clinic.fake.wait_until(lambda: len(clinic.fake.messages(PATIENT)) > before, timeout=10)
    reply = clinic.fake.messages(PATIENT)[-1]["text"]
    assert "988" in reply and "only read text" not in reply


async def test_a_document_caption_is_answered_and_a_bare_photo_gets_the_note(
    clinic: Clinic,
) -> None:
    fake = clinic.fake
    before = len(fake.messages(PATIENT))
    fake.send_document(PATIENT, caption="is ketamine addictive")
    await fake.wait_until(lambda: len(fake.messages(PATIENT)) > before, timeout=10)
    assert fake.messages(PATIENT)[-1]["text"].startswith(SIDE_EFFECTS)
    fake.send_photo(PATIENT)
    await fake.wait_until(lambda: len(fake.messages(PATIENT)) > before + 1, timeout=10)
    assert "only read text" in fake.messages(PATIENT)[-1]["text"]


async def test_zero_width_spaces_inside_crisis_words_get_crisis_resources(
    clinic: Clinic,
) -> None:
    # With a question after it: before, the question was answered and the crisis missed.
    reply = await ask(clinic, "i want to k\u200bill my\u200bself. is ketamine safe?")
    assert "988" in reply["text"] and not reply["text"].startswith(SIDE_EFFECTS)


async def test_a_percent_encoded_token_never_reaches_the_log(clinic: Clinic) -> None:
    errors = len(clinic.fake.errors)
    clinic.fake.send_text(LEAKY, "is ketamine addictive")
    # The answer and then the apology both fail with the token in the error body.
    await clinic.fake.wait_until(lambda: len(clinic.fake.errors) >= errors + 2, timeout=10)
    await clinic.fake.wait_until(
        lambda: "could not tell the user" in clinic.bot.output(), timeout=10
    )
    output = clinic.bot.output()
    assert "error while handling an update" in output and logs.REDACTED in output
    # python-telegram-bot lower-cases an error's description: compare without case.
    secret = TOKEN.split(":", 1)[1]
    for spelling in (TOKEN, secret, *TOKEN_SPELLINGS, TOKEN_SPELLINGS[2][-30:]):
        assert spelling.lower() not in output.lower()


# Starting on a file that cannot load: exit status 2, quickly, no traceback.


@pytest.mark.parametrize(
    "content",
    [
        "source: ketamine-ocd-article.txt\n" + bomb(),
        "source: ketamine-ocd-article.txt\nentries: " + "[" * 999 + "]" * 999 + "\n",
        "# " + "x" * (knowledge.MAX_FILE_BYTES + 10) + "\n",
        "[" + ",".join(["1"] * 1_000_000) + "]\n",
    ],
    ids=["alias-bomb", "999-deep", "huge", "million-values"],
)
async def test_a_bad_file_at_start_exits_2_with_one_problem_line(
    tmp_path: Path, content: str
) -> None:
    kb_path = copy_kb(tmp_path)
    kb_path.write_text(content, encoding="utf-8")
    async with FakeBotAPI(TOKEN) as fake:
        bot = BotProcess(fake, tmp_path / "bot.log", FAQ_PATH=str(kb_path), LOG_LEVEL="INFO")
        await bot.start()
        assert bot.process is not None
        # The bomb once took 105 s and 5.8 GB, then a traceback: it must be refused
        # before it expands, so the bot exits long before this guard.
        code = await asyncio.wait_for(bot.process.wait(), timeout=20)
        output = bot.output()
        await bot.stop()
    assert code == 2, output
    assert "Traceback" not in output
    problems = [line for line in output.splitlines() if ": error: " in line]
    assert len(problems) == 1, output
    assert any(word in problems[0] for word in ("aliases", "deeper", "over 2,048 KB", "values"))


# The webhook: update content kept out of the log; idle connections at the file limit.


@contextlib.contextmanager
def open_files_limit(limit: int) -> Iterator[None]:
    """Children started inside inherit this soft limit on open files."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(limit, hard), hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def webhook(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[BotProcess]:
    """`faqbot run --webhook` at LOG_LEVEL=INFO, limited to 1,024 open files."""
    folder = tmp_path_factory.mktemp("webhook-faults")
    port = free_port()
    async with FakeBotAPI(TOKEN) as fake:
        bot = BotProcess(
            fake,
            folder / "bot.log",
            FAQ_PATH=str(copy_kb(folder)),
            LOG_LEVEL="INFO",
            WEBHOOK_URL=f"http://127.0.0.1:{port}",
            WEBHOOK_LISTEN="127.0.0.1",
            WEBHOOK_PORT=str(port),
            WEBHOOK_PATH="telegram",
            WEBHOOK_SECRET=SECRET,
        )
        with open_files_limit(1024):
            await bot.start("run", "--webhook")
        try:
            await fake.wait_until(lambda: fake.webhook_url, timeout=30)
            await listening("127.0.0.1", port)
        except AssertionError as error:
            raise AssertionError(f"{error}\n--- bot output ---\n{bot.output()}") from None
        yield bot
        assert await bot.stop() == 0, bot.output()


async def test_json_that_is_not_an_update_is_logged_without_its_content(
    webhook: BotProcess,
) -> None:
    fake = webhook.fake
    status = await fake.post_to_webhook(
        fake.webhook_url, {"message": {"text": "i feel zanzibar"}}, SECRET
    )
    assert status == 400
    await fake.wait_until(lambda: "not an update" in webhook.output(), timeout=10)
    output = webhook.output()
    assert "zanzibar" not in output
    assert "CRITICAL" not in output


async def test_idle_connections_past_the_open_file_limit_do_not_stop_replies(
    webhook: BotProcess,
) -> None:
    fake = webhook.fake
    port = int(fake.webhook_url.rsplit(":", 1)[1].split("/")[0])
    idle = []
    for _ in range(1100):  # more than the bot's 1,024 open files
        idle.append(await asyncio.open_connection("127.0.0.1", port))
    try:
        chat = 7001
        update = fake.send_text(chat, "is ketamine adictive?")
        status = await fake.post_to_webhook(fake.webhook_url, copy.deepcopy(update), SECRET)
        assert status == 200
        # Answered while the idle connections are still open (the guard is only for a hang).
        [answer] = await fake.wait_until(lambda: fake.messages(chat), timeout=10)
        assert answer["text"].startswith(SIDE_EFFECTS)
    finally:
        for _reader, writer in idle:
            writer.close()
    output = webhook.output()
    assert "Too many open files" not in output
    assert output.count("Traceback") <= 2, output[-3000:]
    assert "connections open, the limit" in output


# The log filters, record by record.


def record(
    level: int, message: str, *args: object, error: BaseException | None = None
) -> logging.LogRecord:
    """A log record as python-telegram-bot's Updater makes one."""
    exc_info = (type(error), error, error.__traceback__) if error is not None else None
    return logging.LogRecord("telegram.ext.Updater", level, __file__, 1, message, args, exc_info)


@pytest.mark.parametrize("level", [logging.DEBUG, logging.INFO, logging.ERROR, logging.CRITICAL])
async def test_the_token_is_redacted_in_every_spelling_at_every_level(level: int) -> None:
    formatter = logs.RedactingFormatter([TOKEN], "%(levelname)s %(message)s")
    spellings = (TOKEN, *TOKEN_SPELLINGS, TOKEN.lower(), quote(quote(TOKEN, safe=""), safe=""))
    text = formatter.format(record(level, "GET /bot%s/getMe", " ".join(spellings)))
    assert text.count(logs.REDACTED) == len(spellings)
    assert TOKEN.split(":")[1].lower() not in text.lower()


async def test_update_content_is_left_out_above_debug() -> None:
    message = "Something went wrong. Received data was: %r"
    above = record(logging.CRITICAL, message, {"text": "zanzibar"}, error=KeyError("zanzibar"))
    assert logs.UpdateContentOnlyAtDebug("INFO").filter(above)
    assert above.levelno == logging.WARNING and above.exc_info is None
    assert "zanzibar" not in above.getMessage() and "KeyError" in above.getMessage()
    at_debug = record(logging.CRITICAL, message, {"text": "zanzibar"})
    assert logs.UpdateContentOnlyAtDebug("DEBUG").filter(at_debug)
    assert at_debug.levelno == logging.DEBUG and "zanzibar" in at_debug.getMessage()


async def test_a_repeated_error_is_written_once_then_counted() -> None:
    repeated = logs.RepeatedErrorsCounted()
    error = OSError(24, "Too many open files")
    written = [
        repeated.filter(record(logging.ERROR, "accept failed", error=error)) for _ in range(5)
    ]
    assert written == [True, False, False, False, False]
    other = OSError(28, "No space left on device")
    assert repeated.filter(record(logging.ERROR, "accept failed", error=other))
