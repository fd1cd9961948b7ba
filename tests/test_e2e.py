"""Whole conversations with the real `faqbot run`, through a fake Bot API on 127.0.0.1."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from tests.botprocess import TOKEN, BotProcess, buttons
from tests.fakebotapi import FakeBotAPI

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="module")]
BOT_USERNAME = "clinic_faq_bot"
CHAT_IDS = itertools.count(1001)


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def fake() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI(TOKEN, bot_username=BOT_USERNAME) as server:
        yield server


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def bot(
    fake: FakeBotAPI, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[BotProcess]:
    process = BotProcess(fake, tmp_path_factory.mktemp("bot") / "bot.log")
    await process.start()
    await process.wait_ready()
    yield process
    assert await process.stop() == 0, process.output()


async def replies(fake: FakeBotAPI, chat_id: int, count: int = 1) -> list[dict]:
    """Wait for the bot's `count` messages in a chat (and no more arriving)."""
    await fake.wait_until(lambda: len(fake.messages(chat_id)) >= count, timeout=15)
    return fake.messages(chat_id)


async def test_bot_sets_its_command_menu(fake: FakeBotAPI, bot: BotProcess) -> None:
    assert {c["command"] for c in fake.commands} == {"start", "help", "topics"}


async def test_start_welcomes_with_disclaimer_contact_and_topic_buttons(
    fake: FakeBotAPI, bot: BotProcess
) -> None:
    chat = next(CHAT_IDS)
    fake.send_command(chat, "/start")
    [welcome] = await replies(fake, chat)
    assert "I answer common questions about ketamine" in welcome["text"]
    assert "not medical advice" in welcome["text"]
    assert "To reach the clinic" in welcome["text"]
    assert any(b.get("callback_data", "").startswith("a:") for b in buttons(welcome))


async def test_question_gets_its_answer_headed_by_the_question(
    fake: FakeBotAPI, bot: BotProcess
) -> None:
    chat = next(CHAT_IDS)
    fake.send_text(chat, "is ketamine adictive?")
    [answer] = await replies(fake, chat)
    assert answer["text"].startswith("Is ketamine addictive, and does it have side effects?")
    assert "lower risk of addiction" in answer["text"]
    assert answer["entities"][0]["type"] == "bold"
    assert buttons(answer), "related questions as buttons"


async def test_tapping_a_suggestion_shows_its_answer(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = next(CHAT_IDS)
    fake.send_text(chat, "how long")
    [suggestions] = await replies(fake, chat)
    assert "Did you mean" in suggestions["text"]
    choice = buttons(suggestions)[0]
    fake.press_button(chat, suggestions["message_id"], choice["callback_data"])
    messages = await replies(fake, chat, 2)
    assert messages[1]["text"].startswith(choice["text"])
    await fake.wait_until(lambda: fake.callback_answers, timeout=10)


async def test_topics_pages_through_every_question(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = next(CHAT_IDS)
    fake.send_command(chat, "/topics")
    [listing] = await replies(fake, chat)
    more = [b for b in buttons(listing) if b["callback_data"].startswith("t:")]
    fake.press_button(chat, listing["message_id"], more[-1]["callback_data"])
    await fake.wait_until(lambda: buttons(fake.messages(chat)[0]) != buttons(listing), timeout=10)
    seen = {b["text"] for b in buttons(listing) + buttons(fake.messages(chat)[0])}
    assert len([t for t in seen if t.endswith("?")]) == 16


async def test_inline_query_lists_matching_entries(fake: FakeBotAPI, bot: BotProcess) -> None:
    fake.inline_query(5001, "addictive")
    await fake.wait_until(lambda: fake.inline_answers, timeout=10)
    answer = fake.inline_answers[-1]
    results = answer["results"]
    assert 1 <= len(results) <= 10
    assert results[0]["id"] == "addiction-and-side-effects"
    assert "lower risk of addiction" in results[0]["input_message_content"]["message_text"]


async def test_empty_inline_query_lists_the_topics(fake: FakeBotAPI, bot: BotProcess) -> None:
    before = len(fake.inline_answers)
    fake.inline_query(5002, "")
    await fake.wait_until(lambda: len(fake.inline_answers) > before, timeout=10)
    assert len(fake.inline_answers[-1]["results"]) == 16


async def test_crisis_like_inline_query_offers_crisis_resources_first(
    fake: FakeBotAPI, bot: BotProcess
) -> None:
    before = len(fake.inline_answers)
    fake.inline_query(5003, "i want to kill myself")
    await fake.wait_until(lambda: len(fake.inline_answers) > before, timeout=10)
    assert fake.inline_answers[-1]["results"][0]["id"] == "crisis"


async def test_sticker_gets_a_note_that_the_bot_reads_text(
    fake: FakeBotAPI, bot: BotProcess
) -> None:
    chat = next(CHAT_IDS)
    fake.send_sticker(chat)
    [note] = await replies(fake, chat)
    assert "only read text" in note["text"]


async def test_crisis_message_gets_crisis_resources_and_nothing_else(
    fake: FakeBotAPI, bot: BotProcess
) -> None:
    chat = next(CHAT_IDS)
    fake.send_text(chat, "how fast does ketamine work? i dont want to live anymore")
    [crisis] = await replies(fake, chat)
    assert "988" in crisis["text"] and "911" in crisis["text"]
    assert not buttons(crisis)


async def test_six_thousand_character_message_is_answered(
    fake: FakeBotAPI, bot: BotProcess
) -> None:
    chat = next(CHAT_IDS)
    story = "I have had OCD for years and tried many things. " * 120
    fake.send_text(chat, story[:5950] + " Is ketamine addictive?")
    [answer] = await replies(fake, chat)
    assert 1 <= len(answer["text"]) <= 4096


async def test_markup_in_a_message_is_harmless(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = next(CHAT_IDS)
    fake.send_text(chat, "<script>alert(1)</script> & is ketamine <b>addictive</b>?")
    [answer] = await replies(fake, chat)
    assert "lower risk of addiction" in answer["text"]
    assert not [e for e in fake.errors if e[0] == "sendMessage"]


async def test_group_message_that_mentions_the_bot_is_answered(
    fake: FakeBotAPI, bot: BotProcess
) -> None:
    chat = -next(CHAT_IDS)
    fake.send_text(chat, f"@{BOT_USERNAME} is ketamine addictive?", chat_type="group", user_id=42)
    [answer] = await replies(fake, chat)
    assert "lower risk of addiction" in answer["text"]


async def test_group_message_that_does_not_mention_the_bot_is_ignored(
    fake: FakeBotAPI, bot: BotProcess
) -> None:
    chat = -next(CHAT_IDS)
    fake.send_text(chat, "is ketamine addictive?", chat_type="group", user_id=43)
    fake.send_text(chat, f"@{BOT_USERNAME} hi", chat_type="group", user_id=43)
    messages = await replies(fake, chat)
    assert len(messages) == 1 and "I answer common questions" in messages[0]["text"]


async def test_reply_to_the_bot_in_a_group_is_answered(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = -next(CHAT_IDS)
    fake.send_text(chat, f"@{BOT_USERNAME} hello", chat_type="group", user_id=44)
    [welcome] = await replies(fake, chat)
    fake.send_text(
        chat,
        "is it addictive?",
        chat_type="group",
        user_id=44,
        reply_to_message_id=welcome["message_id"],
    )
    messages = await replies(fake, chat, 2)
    assert "lower risk of addiction" in messages[1]["text"]


async def test_forged_button_data_gets_a_polite_note(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = next(CHAT_IDS)
    fake.send_text(chat, "hi")
    [welcome] = await replies(fake, chat)
    before = len(fake.callback_answers)
    fake.press_button(chat, welcome["message_id"], "a:no-such-entry", check_button=False)
    fake.press_button(chat, welcome["message_id"], "\x00garbage", check_button=False)
    await fake.wait_until(lambda: len(fake.callback_answers) >= before + 2, timeout=10)
    for answer in fake.callback_answers[before:]:
        assert "no longer works" in answer.get("text", "")
    assert len(fake.messages(chat)) == 1


async def test_edited_message_is_answered_again(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = next(CHAT_IDS)
    sent = fake.send_text(chat, "is ketamine adictive")
    await replies(fake, chat)
    fake.edit_text(chat, sent["message"]["message_id"], "how fast does ketamine work")
    messages = await replies(fake, chat, 2)
    assert "within hours of a single infusion" in messages[1]["text"]


async def test_the_token_never_appears_in_the_log(fake: FakeBotAPI, bot: BotProcess) -> None:
    # Runs after the conversations above, at LOG_LEVEL=DEBUG.
    output = bot.output()
    assert "getUpdates" in output, "DEBUG logging is on"
    assert TOKEN not in output
    assert TOKEN.split(":")[1] not in output
