"""Handlers through Application.process_update, with a request object that records calls."""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from telegram import Update
from telegram.ext import Application

from bot import app as bot_app
from bot import config, handlers, render
from faq import knowledge
from tests.recording import BOT_USER, RecordingRequest

TOKEN = "123456789:TESTtokenTESTtokenTESTtokenTESTtok"
IDS = itertools.count(1)


@pytest_asyncio.fixture
async def recorder() -> RecordingRequest:
    return RecordingRequest()


@pytest_asyncio.fixture
async def application(recorder: RecordingRequest, tmp_path: Path) -> AsyncIterator[Application]:
    settings = config.load(
        {"TELEGRAM_BOT_TOKEN": TOKEN, "FAQBOT_DB_PATH": str(tmp_path / "faqbot.db")}
    )
    application = bot_app.build(settings, knowledge.load(), request=recorder)
    async with application:
        await application.start()  # running, as under run_polling, without fetching updates
        yield application
        await application.stop()


def user(user_id: int = 42) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": "Pat"}


def chat(chat_id: int, kind: str = "private") -> dict[str, Any]:
    return {"id": chat_id, "type": kind} | ({} if kind == "private" else {"title": "Front desk"})


def message(
    text: str | None, chat_id: int = 42, kind: str = "private", **extra: Any
) -> dict[str, Any]:
    body = {"message_id": next(IDS), "date": 0, "chat": chat(chat_id, kind), "from": user()}
    if text is not None:
        body["text"] = text
    return body | extra


async def process(application: Application, update: dict[str, Any]) -> None:
    update = {"update_id": next(IDS)} | update
    await application.process_update(Update.de_json(update, application.bot))


def buttons(parameters: dict[str, Any]) -> list[dict[str, Any]]:
    markup = parameters.get("reply_markup")
    if markup is None:
        return []
    data = markup if isinstance(markup, dict) else json.loads(markup)
    return [button for row in data["inline_keyboard"] for button in row]


async def test_start_sends_the_welcome_with_topic_buttons(application, recorder) -> None:
    await process(
        application,
        {
            "message": message(
                "/start", entities=[{"type": "bot_command", "offset": 0, "length": 6}]
            )
        },
    )
    [sent] = recorder.sent()
    assert sent["parse_mode"] == "HTML"
    assert "not medical advice" in sent["text"]
    assert all(b["callback_data"].startswith(("a:", "t:", "noop:")) for b in buttons(sent))


async def test_question_is_answered_in_html_headed_by_its_question(application, recorder) -> None:
    await process(application, {"message": message("is ketamine addictive")})
    [sent] = recorder.sent()
    assert sent["text"].startswith("<b>Is ketamine addictive, and does it have side effects?</b>")
    related = knowledge.load().entry("addiction-and-side-effects").related
    data = [b["callback_data"] for b in buttons(sent)]
    assert data[: len(related)] == [f"a:{r}" for r in related]
    thumbs_up, thumbs_down = data[len(related) :]
    assert thumbs_up.startswith("f:addiction-and-side-effects:") and thumbs_up.endswith(":1")
    assert thumbs_down.endswith(":0")


async def test_crisis_reply_is_escaped_and_has_no_buttons(application, recorder) -> None:
    await process(application, {"message": message("i want to end my life")})
    [sent] = recorder.sent()
    assert "Suicide &amp; Crisis Lifeline" in sent["text"]
    assert buttons(sent) == []


async def test_near_miss_offers_did_you_mean_buttons(application, recorder) -> None:
    await process(application, {"message": message("how long")})
    [sent] = recorder.sent()
    assert "Did you mean" in sent["text"]
    assert 2 <= len(buttons(sent)) <= 3


async def test_no_match_declines_with_the_clinic_contact(application, recorder) -> None:
    await process(application, {"message": message("what is the capital of france")})
    [sent] = recorder.sent()
    assert "I don't have an answer" in sent["text"] and "/topics" in sent["text"]
    assert buttons(sent) == []  # no STAFF_CHAT_ID: no "Ask the clinic"


async def test_tapped_button_is_acknowledged_and_answered(application, recorder) -> None:
    query = {
        "id": "q1",
        "from": user(),
        "chat_instance": "1",
        "data": "a:nmda-mechanism",
        "message": message("earlier", from_=BOT_USER) | {"from": BOT_USER},
    }
    await process(application, {"callback_query": query})
    assert recorder.sent("answerCallbackQuery") == [{"callback_query_id": "q1"}]
    [sent] = recorder.sent()
    assert "NMDA" in sent["text"]


@pytest.mark.parametrize(
    "data", ["a:deleted-entry", "zzz", "a:" + "x" * 60, "t:notanumber", "k:maybe", "f:x", None]
)
async def test_stale_or_forged_button_gets_a_polite_alert(application, recorder, data) -> None:
    query = {
        "id": "q2",
        "from": user(),
        "chat_instance": "1",
        "data": data,
        "message": message("earlier") | {"from": BOT_USER},
    }
    await process(application, {"callback_query": query})
    [answer] = recorder.sent("answerCallbackQuery")
    assert "no longer works" in answer["text"] and answer["show_alert"] is True
    assert recorder.sent() == []


async def test_topics_button_turns_the_page(application, recorder) -> None:
    query = {
        "id": "q3",
        "from": user(),
        "chat_instance": "1",
        "data": "t:1",
        "message": message("topics") | {"from": BOT_USER},
    }
    await process(application, {"callback_query": query})
    [edit] = recorder.sent("editMessageReplyMarkup")
    questions = [b for b in buttons(edit) if b["callback_data"].startswith("a:")]
    assert len(questions) == 16 - render.TOPICS_PER_PAGE


async def test_page_number_button_is_only_acknowledged(application, recorder) -> None:
    query = {
        "id": "q4",
        "from": user(),
        "chat_instance": "1",
        "data": "noop:",
        "message": message("topics") | {"from": BOT_USER},
    }
    await process(application, {"callback_query": query})
    assert recorder.sent("answerCallbackQuery") == [{"callback_query_id": "q4"}]
    assert recorder.sent() == [] and recorder.sent("editMessageReplyMarkup") == []


async def test_inline_query_results_obey_telegram_limits(application, recorder) -> None:
    for text in ["", "dose", "ketamine", "i want to die", "x" * 200]:
        query = {"id": f"iq-{text[:5]}", "from": user(), "query": text, "offset": ""}
        await process(application, {"inline_query": query})
    answers = recorder.sent("answerInlineQuery")
    assert len(answers) == 5  # every query answered, the empty one too
    for answer in answers:
        results = answer["results"]
        ids = [result["id"] for result in results]
        assert len(results) <= 50
        assert len(set(ids)) == len(ids)
        assert all(1 <= len(i.encode()) <= 64 for i in ids)
        for result in results:
            assert 1 <= len(result["input_message_content"]["message_text"]) <= 4096


async def test_sticker_in_a_private_chat_gets_a_text_only_note(application, recorder) -> None:
    sticker = {
        "file_id": "s",
        "file_unique_id": "s",
        "type": "regular",
        "width": 1,
        "height": 1,
        "is_animated": False,
        "is_video": False,
    }
    await process(application, {"message": message(None, sticker=sticker)})
    [sent] = recorder.sent()
    assert "only read text" in sent["text"]


async def test_photo_in_a_group_is_ignored(application, recorder) -> None:
    photo = [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]
    await process(application, {"message": message(None, -5, "group", photo=photo)})
    assert recorder.sent() == []


async def test_group_message_without_mention_is_ignored(application, recorder) -> None:
    await process(application, {"message": message("is ketamine addictive", -5, "group")})
    assert recorder.sent() == []


async def test_group_message_with_mention_is_answered(application, recorder) -> None:
    text = "@clinic_faq_bot is ketamine addictive"
    entities = [{"type": "mention", "offset": 0, "length": 15}]
    await process(application, {"message": message(text, -5, "group", entities=entities)})
    [sent] = recorder.sent()
    assert "lower risk of addiction" in sent["text"]
    assert sent["reply_parameters"]["message_id"] > 0  # quotes the asker in a group


async def test_edited_message_is_answered_again(application, recorder) -> None:
    await process(application, {"edited_message": message("how fast does it work", edit_date=1)})
    [sent] = recorder.sent()
    assert "within hours of a single infusion" in sent["text"]


async def test_error_is_logged_and_the_person_told(
    application, recorder, caplog: pytest.LogCaptureFixture
) -> None:
    recorder._fail["sendMessage"] = 1  # the answer fails; the apology goes through
    with caplog.at_level(logging.ERROR):
        await process(application, {"message": message("is ketamine addictive")})
    assert "error while handling an update" in caplog.text
    [apology] = recorder.sent()
    assert "something went wrong" in apology["text"]


async def test_patients_words_are_not_logged_above_debug(
    application, recorder, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        await process(application, {"message": message("is ketamine addictive zebra")})
    assert "kind=answer" in caplog.text
    assert "zebra" not in caplog.text


def test_engine_swaps_matcher_and_renderer_together() -> None:
    engine = handlers.Engine(knowledge.load())
    assert engine.matcher.kb is engine.renderer.kb is engine.kb


async def test_distress_gets_the_check_in_not_a_passage(application, recorder) -> None:
    await process(application, {"message": message("I can't take this anymore")})
    [sent] = recorder.sent()
    assert "ending your life" in sent["text"]
    assert [b["callback_data"] for b in buttons(sent)] == ["k:yes", "k:no"]


def check_in_tap(answer: str) -> dict[str, Any]:
    return {
        "callback_query": {
            "id": f"k-{answer}",
            "from": user(),
            "chat_instance": "1",
            "data": f"k:{answer}",
            "message": message("check-in", from_=BOT_USER) | {"from": BOT_USER},
        }
    }


async def test_yes_to_the_check_in_sends_the_crisis_resources(application, recorder) -> None:
    await process(application, check_in_tap("yes"))
    [sent] = recorder.sent()
    assert "Suicide &amp; Crisis Lifeline" in sent["text"]
    assert buttons(sent) == []  # no STAFF_CHAT_ID: no "Talk to the clinic team"


async def test_no_to_the_check_in_thanks_and_invites_a_question(application, recorder) -> None:
    await process(application, check_in_tap("no"))
    [sent] = recorder.sent()
    assert "Thank you for telling me" in sent["text"] and "/topics" in sent["text"]
    assert "Lifeline" not in sent["text"]


async def inline_results(application, recorder, text: str) -> list[dict[str, Any]]:
    query = {"id": f"iq-{next(IDS)}", "from": user(), "query": text, "offset": ""}
    await process(application, {"inline_query": query})
    results = recorder.sent("answerInlineQuery")[-1]["results"]
    return json.loads(results) if isinstance(results, str) else results


async def test_inline_topic_without_an_approved_answer_offers_the_no_answer_card(
    application, recorder
) -> None:
    [first, *_] = await inline_results(application, recorder, "how much does it cost")
    assert first["id"] == "no-answer" and first["title"].startswith("No approved answer")
    assert "I don't have an answer" in first["input_message_content"]["message_text"]


async def test_inline_crisis_or_concern_puts_the_crisis_card_first(application, recorder) -> None:
    for text in ("i want to die", "I'll soon be at peace."):
        [first, *_] = await inline_results(application, recorder, text)
        assert first["id"] == "crisis"


async def test_inline_spanish_crisis_card_says_it_in_spanish_first(application, recorder) -> None:
    [first, *_] = await inline_results(application, recorder, "me quiero morir")
    said = first["input_message_content"]["message_text"]
    assert first["id"] == "crisis"
    assert said.startswith("Si está pensando en el suicidio") and "988" in said
