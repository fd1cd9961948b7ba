"""Telegram's rules: escaped HTML, messages of at most 4096 characters, valid buttons."""

from __future__ import annotations

import pytest

from bot import render
from faq import knowledge
from faq.reply import Kind, Match, Reply


@pytest.fixture(scope="module")
def renderer() -> render.Renderer:
    return render.Renderer(knowledge.load())


def test_every_piece_of_text_is_escaped() -> None:
    [message] = render.messages(["<script>alert('x')</script> & more"])
    assert message.html == "&lt;script&gt;alert('x')&lt;/script&gt; &amp; more"


def test_the_heading_is_bold_and_still_escaped() -> None:
    [message] = render.messages(["Q & A?", "body"], bold_first=True)
    assert message.html == "<b>Q &amp; A?</b>\n\nbody"


def test_long_text_is_split_at_paragraph_boundaries() -> None:
    paragraphs = [f"Paragraph {n}. " + "word " * 300 for n in range(10)]
    chunks = render.split(paragraphs)
    assert all(len(chunk) <= render.MAX_MESSAGE for chunk in chunks)
    assert "\n\n".join(chunks) == "\n\n".join(p for p in paragraphs)
    assert all(chunk.startswith("Paragraph") for chunk in chunks)


def test_a_paragraph_longer_than_a_message_is_split_between_words() -> None:
    chunks = render.split([("word " * 2000).strip()])
    assert len(chunks) == 3
    assert all(len(chunk) <= render.MAX_MESSAGE and not chunk.endswith(" ") for chunk in chunks)


def test_a_word_longer_than_a_message_is_split_anywhere() -> None:
    chunks = render.split(["x" * 9000])
    assert [len(chunk) for chunk in chunks] == [4096, 4096, 808]


def test_buttons_go_under_the_last_message_only() -> None:
    rows = ((render.InlineKeyboardButton("a", callback_data="a:x"),),)
    messages = render.messages(["word " * 600, "word " * 600], rows)
    assert [bool(m.buttons) for m in messages] == [False, True]


def test_button_data_over_64_bytes_is_refused() -> None:
    with pytest.raises(ValueError, match="over 64 bytes"):
        render.button_data("a", "é" * 40)


@pytest.mark.parametrize(
    ("data", "parsed"),
    [("a:what-is-ocd", ("a", "what-is-ocd")), ("junk", ("", "")), (None, ("", ""))],
)
def test_button_data_is_parsed_or_rejected(data: str | None, parsed: tuple[str, str]) -> None:
    assert render.parse_button(data) == parsed


def test_every_entry_fits_in_button_data_and_one_message(renderer: render.Renderer) -> None:
    for entry in renderer.kb.entries:
        assert len(render.button_data(render.ANSWER, entry.id).encode()) <= 64
        assert len(renderer.answer(entry)) == 1


def test_topics_are_paged_with_navigation(renderer: render.Renderer) -> None:
    first, last = renderer.topic_rows(0), renderer.topic_rows(99)
    assert len(first) == render.TOPICS_PER_PAGE + 1
    assert first[-1][-1].callback_data == "t:1"
    assert last[-1][0].callback_data == "t:0"  # out-of-range pages show the last one


def test_crisis_reply_is_the_crisis_message_only(renderer: render.Renderer) -> None:
    [message] = renderer.reply(Reply(Kind.CRISIS, "..."))
    assert "988" in message.html and message.buttons == ()


def test_suggestions_are_buttons_to_their_answers(renderer: render.Renderer) -> None:
    entries = renderer.kb.entries[:3]
    reply = Reply(
        Kind.SUGGESTIONS, "q", Match(entries[0], 60), tuple(Match(e, 60) for e in entries)
    )
    [message] = renderer.reply(reply)
    assert [row[0].callback_data for row in message.buttons] == [f"a:{e.id}" for e in entries]


def test_the_check_in_asks_with_yes_and_no_buttons(renderer: render.Renderer) -> None:
    [message] = renderer.reply(Reply(Kind.CONCERN, "i cant take this anymore"))
    assert "988" in message.html and "ending your life" in message.html
    data = [button.callback_data for row in message.buttons for button in row]
    assert data == ["k:yes", "k:no"]


def test_a_spanish_crisis_gets_the_spanish_resources_first(renderer: render.Renderer) -> None:
    messages = renderer.reply(Reply(Kind.CRISIS, "quiero morir", language="es"))
    text = "\n\n".join(message.html for message in messages)
    assert text.index("marque 2") < text.index("Suicide &amp; Crisis Lifeline")


def test_another_language_gets_the_numbers_and_the_clinic_phone(renderer: render.Renderer) -> None:
    [english] = renderer.reply(Reply(Kind.LANGUAGE, "Сколько стоит?", language="other"))
    assert "911" in english.html and "988" in english.html
    assert renderer.kb.clinic.phone in english.html
    spanish = renderer.reply(Reply(Kind.LANGUAGE, "¿Cuánto cuesta?", language="es"))
    assert "Solo puedo responder" in "".join(message.html for message in spanish)


def test_a_decline_the_staff_can_take_has_an_ask_the_clinic_button(
    renderer: render.Renderer,
) -> None:
    [message] = renderer.no_answer(handoff=True)
    assert [[(b.text, b.callback_data) for b in row] for row in message.buttons] == [
        [("Ask the clinic", "h:")]
    ]


def test_an_answer_has_a_button_a_related_question_then_the_feedback_row(
    renderer: render.Renderer,
) -> None:
    entry = renderer.kb.entries[0]
    [message] = renderer.answer(entry, vote="v1")
    rows = [[button.callback_data for button in row] for row in message.buttons]
    assert rows == [
        *([f"a:{related}"] for related in entry.related),
        [f"f:{entry.id}:v1:1", f"f:{entry.id}:v1:0"],
    ]


def test_the_related_heading_is_left_to_the_buttons(renderer: render.Renderer) -> None:
    [message] = renderer.answer(renderer.kb.entries[0])
    assert renderer.kb.messages.related not in message.html
