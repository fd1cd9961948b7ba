"""Tests of the fake Bot API server against python-telegram-bot's real ``telegram.Bot``."""

from __future__ import annotations

import asyncio
import datetime as dtm
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    Conflict,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

try:  # works whether or not tests/ is a package
    from tests.fakebotapi import FakeBotAPI
except ImportError:
    from fakebotapi import FakeBotAPI

TOKEN = "123456789:AAF4k3T0k3nF0rT3st5_0nlyAbCdEfGhIjK"
CHAT = 4242


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI(TOKEN, seed=1) as server:
        yield server


@pytest.fixture
async def bot(fake: FakeBotAPI) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=fake.base_url) as client:  # initialize() calls getMe
        yield client


def article(result_id: str, text: str = "Answer") -> InlineQueryResultArticle:
    content = InputTextMessageContent(text, parse_mode=ParseMode.HTML)
    return InlineQueryResultArticle(result_id, "Title", content)


async def test_get_me(fake: FakeBotAPI) -> None:
    client = Bot(TOKEN, base_url=fake.base_url)
    await client.initialize()
    try:
        assert client.username == "clinic_faq_bot"
        assert client.id == 123456789
        assert fake.base_url == f"http://127.0.0.1:{fake.port}/bot"
        assert [name for name, _ in fake.calls] == ["getMe"]
    finally:
        await client.shutdown()


async def test_long_polling_returns_queued_update_and_honours_offset(
    fake: FakeBotAPI, bot: Bot
) -> None:
    queued = fake.send_text(CHAT, "Is ketamine safe?")
    updates = await bot.get_updates(timeout=5)
    assert [u.update_id for u in updates] == [queued["update_id"]]
    assert updates[0].message.text == "Is ketamine safe?"
    assert updates[0].effective_chat.id == CHAT
    # Without an offset the update stays unconfirmed; the offset confirms and drops it.
    again = await bot.get_updates(timeout=0)
    assert [u.update_id for u in again] == [queued["update_id"]]
    assert await bot.get_updates(offset=queued["update_id"] + 1, timeout=0) == ()
    assert fake.pending_update_count == 0


async def test_long_polling_wakes_up_on_new_update(fake: FakeBotAPI, bot: Bot) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.2)
    assert not poll.done()
    fake.send_command(CHAT, "/start")
    # Well before its own 5 s: the update woke it.
    updates = await asyncio.wait_for(poll, 2)
    assert updates[0].message.text == "/start"
    assert updates[0].message.entities[0].type == "bot_command"


async def test_long_polling_times_out_with_empty_list(bot: Bot) -> None:
    started = time.monotonic()
    assert await asyncio.wait_for(bot.get_updates(timeout=1), 10) == ()
    assert time.monotonic() - started >= 0.9  # it held the request for its timeout


async def test_send_message_with_valid_html_is_recorded(fake: FakeBotAPI, bot: Bot) -> None:
    fake.send_text(CHAT, "hello")
    html = (
        '<b>Dose</b> &lt;5 mg &amp; <a href="https://example.org">leaflet</a>'
        ' <pre><code class="language-text">x</code></pre> <span class="tg-spoiler">s</span>'
        " <blockquote expandable>q</blockquote> &#128138;"
    )
    sent = await bot.send_message(CHAT, html, parse_mode=ParseMode.HTML)
    assert sent.text == "Dose <5 mg & leaflet x s q \N{PILL}"
    assert sent.from_user.id == bot.id
    assert sent.chat.id == CHAT
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [
        ("bold", 0, 4),
        ("text_link", 13, 7),
        ("pre", 21, 1),
        ("spoiler", 23, 1),
        ("expandable_blockquote", 25, 1),
    ]
    assert sent.entities[2].language == "text"
    stored = fake.messages(CHAT)
    assert [m["text"] for m in stored] == [sent.text]
    assert stored[0]["message_id"] == sent.message_id == 2  # the user's message was 1
    assert fake.calls_to("sendMessage")[0]["text"] == html


async def test_text_over_4096_characters_is_rejected(fake: FakeBotAPI, bot: Bot) -> None:
    fake.send_text(CHAT, "hello")
    ok = await bot.send_message(CHAT, "<b>" + "a" * 4096 + "</b>", parse_mode=ParseMode.HTML)
    assert len(ok.text) == 4096  # the limit applies after entity parsing
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(CHAT, "a" * 4097)
    assert len(fake.messages(CHAT)) == 1


@pytest.mark.parametrize(
    ("html", "error"),
    [
        pytest.param(
            "<b>bold <i>both</b></i>",
            'Unmatched end tag at byte offset 15, expected "</i>", found "</b>"',
            id="unbalanced",
        ),
        pytest.param(
            "<b>never closed",
            'Can\'t find end tag corresponding to start tag "b"',
            id="unclosed",
        ),
        pytest.param(
            "<p>paragraph</p>",
            'Unsupported start tag "p" at byte offset 0',
            id="unknown-tag",
        ),
        pytest.param(
            "dose < 5 mg",
            'Unsupported start tag "" at byte offset 5',
            id="bare-lt",
        ),
        pytest.param(
            "Q&A session",
            'character "&" at byte offset 1 does not start an HTML entity',
            id="bare-amp",
        ),
    ],
)
async def test_invalid_html_is_rejected(fake: FakeBotAPI, bot: Bot, html: str, error: str) -> None:
    fake.send_text(CHAT, "hello")
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities") as caught:
        await bot.send_message(CHAT, html, parse_mode=ParseMode.HTML)
    assert error.lower() in caught.value.message.lower()
    assert fake.errors[-1][3].startswith(f"Bad Request: can't parse entities: {error}")
    assert fake.messages(CHAT) == []


async def test_callback_data_of_65_bytes_is_rejected(fake: FakeBotAPI, bot: Bot) -> None:
    fake.send_text(CHAT, "hello")
    data = "\N{CYRILLIC SMALL LETTER ZHE}" * 32 + "a"  # 33 characters, 65 UTF-8 bytes
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data=data)]])
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await bot.send_message(CHAT, "Pick one", reply_markup=keyboard)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data=data[:-1])]])
    sent = await bot.send_message(CHAT, "Pick one", reply_markup=keyboard)
    assert sent.reply_markup == keyboard


@pytest.mark.parametrize(
    ("results", "error"),
    [
        pytest.param([article(str(i)) for i in range(51)], "RESULTS_TOO_MUCH", id="51-results"),
        pytest.param([article("same"), article("same")], "RESULT_ID_DUPLICATE", id="duplicate"),
        pytest.param([article("x" * 65)], "RESULT_ID_INVALID", id="id-65-bytes"),
        pytest.param([article("1", "<b>oops")], "can't parse entities", id="bad-html"),
    ],
)
async def test_invalid_inline_answers_are_rejected(
    fake: FakeBotAPI, bot: Bot, results: list[InlineQueryResultArticle], error: str
) -> None:
    query_id = fake.inline_query(CHAT, "dose")["inline_query"]["id"]
    with pytest.raises(BadRequest, match=rf"(?i){error}"):
        await bot.answer_inline_query(query_id, results)
    assert fake.inline_answers == []
    assert await bot.answer_inline_query(query_id, [article(str(i)) for i in range(50)])
    assert fake.inline_answers[0]["query"] == "dose"
    assert len(fake.inline_answers[0]["results"]) == 50


async def test_wrong_token_is_rejected(fake: FakeBotAPI) -> None:
    with pytest.raises(InvalidToken):
        await Bot("123456789:WRONGtoken", base_url=fake.base_url).initialize()
    async with aiohttp.ClientSession() as session:
        url = f"http://127.0.0.1:{fake.port}/bot123456789:WRONGtoken/getMe"
        async with session.get(url) as response:
            assert response.status == 401
            assert await response.json() == {
                "ok": False,
                "error_code": 401,
                "description": "Unauthorized",
            }
        async with session.post(f"{fake.base_url}{TOKEN}/noSuchMethod") as response:
            assert response.status == 404
            assert (await response.json())["description"] == "Not Found"
        async with session.get(f"{fake.base_url}{TOKEN}/GETME") as response:
            assert (await response.json())["result"]["username"] == "clinic_faq_bot"


# PTB 22.2+ itself warns (inside RetryAfter) that retry_after will become a timedelta.
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_429_fault_surfaces_as_retry_after(fake: FakeBotAPI, bot: Bot) -> None:
    fake.send_text(CHAT, "hello")
    fake.set_faults(1.0, kinds=("429",), retry_after=3)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(CHAT, "Hi")
    assert caught.value.retry_after in (3, dtm.timedelta(seconds=3))
    assert fake.fault_counts == {"429": 1, "500": 0, "stall": 0}
    assert fake.messages(CHAT) == []
    fake.set_faults(0)
    await bot.send_message(CHAT, "Hi")
    assert len(fake.messages(CHAT)) == 1


async def test_500_and_stall_faults_do_not_record(fake: FakeBotAPI) -> None:
    fake.send_text(CHAT, "hello")
    request = HTTPXRequest(read_timeout=0.3)
    async with Bot(TOKEN, base_url=fake.base_url, request=request) as client:
        fake.set_faults(1.0, kinds=("500",))
        with pytest.raises(NetworkError):
            await client.send_message(CHAT, "Hi")
        fake.set_faults(1.0, kinds=("stall",), stall_seconds=0.6)
        with pytest.raises(TimedOut):
            await client.send_message(CHAT, "Hi")
    assert fake.fault_counts == {"429": 0, "500": 1, "stall": 1}
    assert fake.messages(CHAT) == []
    assert fake.calls_to("sendMessage") == []


async def test_callback_query_can_be_answered_only_once(fake: FakeBotAPI, bot: Bot) -> None:
    fake.send_text(CHAT, "hello")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Side effects", callback_data="se")]])
    sent = await bot.send_message(CHAT, "Topics", reply_markup=keyboard)
    update = fake.press_button(CHAT, sent.message_id, "se")
    query = update["callback_query"]
    assert query["message"]["message_id"] == sent.message_id
    assert query["message"]["from"]["id"] == bot.id
    assert await bot.answer_callback_query(query["id"], text="Loading")
    assert fake.callback_answers[0]["data"] == "se"
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(query["id"])
    with pytest.raises(ValueError, match="no button"):
        fake.press_button(CHAT, sent.message_id, "not-there")


async def test_unknown_chat_and_edits(fake: FakeBotAPI, bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(999, "Hi")
    fake.send_text(CHAT, "hello")
    sent = await bot.send_message(CHAT, "v1")
    edited = await bot.edit_message_text("<i>v2</i>", CHAT, sent.message_id, parse_mode="HTML")
    assert edited.text == "v2"
    assert fake.messages(CHAT)[0]["text"] == "v2"
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("v2", CHAT, sent.message_id, entities=edited.entities)
    with pytest.raises(BadRequest, match=r"(?i)message can't be edited"):
        await bot.edit_message_text("x", CHAT, 1)


async def test_group_mention_reply_and_commands(fake: FakeBotAPI, bot: Bot) -> None:
    first = fake.send_text(-1001, "question", chat_type="supergroup", user_id=7)
    update = fake.send_text(
        -1001,
        "@clinic_faq_bot how long does it last?",
        chat_type="supergroup",
        user_id=7,
        reply_to_message_id=first["message"]["message_id"],
    )
    parsed = Update.de_json(update, bot)
    assert parsed.message.parse_entities(["mention"]).popitem()[1] == "@clinic_faq_bot"
    assert parsed.message.reply_to_message.text == "question"
    assert parsed.effective_user.id == 7
    with pytest.raises(BadRequest, match=r"(?i)bot_command_invalid"):
        await bot.set_my_commands([("Start", "Begin")])
    await bot.set_my_commands([("start", "Begin"), ("help", "How to use")])
    assert [c["command"] for c in fake.commands] == ["start", "help"]
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]


async def test_application_round_trip_with_polling(fake: FakeBotAPI) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="more")]])
        await update.effective_message.reply_html("<b>Welcome</b>", reply_markup=keyboard)

    async def more(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.callback_query.answer()
        await update.callback_query.edit_message_text("Details")

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_text(f"Got {update.effective_message.text}")

    app = Application.builder().token(TOKEN).base_url(fake.base_url).build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(more))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=1)
        fake.send_command(CHAT, "/start")
        welcome = await fake.wait_until(lambda: fake.last_message(CHAT))
        assert welcome["text"] == "Welcome"
        fake.press_button(CHAT, welcome["message_id"], "more")
        await fake.wait_until(lambda: fake.messages(CHAT)[0]["text"] == "Details")
        fake.send_text(CHAT, "dose?")
        await fake.wait_until(lambda: fake.last_message(CHAT)["text"] == "Got dose?")
        await app.updater.stop()
        await app.stop()
    assert len(fake.callback_answers) == 1
    assert fake.pending_update_count == 0


async def test_wait_until_timeout_is_descriptive(fake: FakeBotAPI) -> None:
    with pytest.raises(AssertionError, match=r"timed out after 0\.05s") as caught:
        await fake.wait_until(lambda: fake.messages(CHAT), timeout=0.05)
    assert "fake.messages(CHAT)" in str(caught.value)
    assert "pending updates: 0" in str(caught.value)


async def test_post_to_webhook_sends_secret_header(fake: FakeBotAPI, bot: Bot) -> None:
    received: list[tuple[str | None, dict]] = []

    async def handler(request: web.Request) -> web.Response:
        received.append(
            (request.headers.get("X-Telegram-Bot-Api-Secret-Token"), await request.json())
        )
        return web.Response()

    app = web.Application()
    app.router.add_post("/hook", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
        assert await bot.set_webhook(url, secret_token="s3cret")
        assert fake.webhook_url == url and fake.webhook_secret_token == "s3cret"
        assert (await bot.get_webhook_info()).url == url
        with pytest.raises(Conflict, match=r"(?i)webhook is active"):
            await bot.get_updates()
        update = fake.send_text(CHAT, "hi")
        assert fake.pending_update_count == 1
        assert await fake.post_to_webhook(url, update, secret_token="s3cret") == 200
        assert received == [("s3cret", update)]
        assert fake.pending_update_count == 0
    finally:
        await runner.cleanup()
