"""One description of each reply (faq.view), and every front end saying the same from it:
Telegram, the terminal, `faqbot ask --json` and the front desk's page."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from bot import render, terminal
from bot.web.lookup import lookup, result_for
from faq import knowledge, view
from faq.knowledge import KnowledgeBase
from faq.matcher import Matcher
from faq.reply import Kind, Match, Reply
from faq.view import Action, Option
from tests.conftest import VALID_KB

CLINIC_ENTRY = """\
  - id: opening
    source: clinic
    question: When are you open?
    alternates: [opening times]
    answer: "We are open {hours}."
"""


@pytest.fixture
def clinic_kb(write_kb: Callable[[str], Path]) -> KnowledgeBase:
    """A small knowledge base with one of the clinic's own entries, its hours filled in."""
    content = VALID_KB.replace('  phone: "555-0100"', '  phone: "555-0100"\n  hours: "9 to 5"')
    return knowledge.load(write_kb(content + CLINIC_ENTRY))


def entry(kb: KnowledgeBase, entry_id: str) -> knowledge.Entry:
    found = kb.entry(entry_id)
    assert found is not None
    return found


def reply_of(kb: KnowledgeBase, case: str) -> Reply:
    """A reply of each kind, in each language that changes what it says."""
    first, near = Match(kb.entries[0], 60.0), tuple(Match(e, 60.0) for e in kb.entries[:3])
    if case.startswith("answer:"):
        return terminal.answer_entry(entry(kb, case.removeprefix("answer:")))
    return {
        "suggestions": Reply(Kind.SUGGESTIONS, "how long", first, near),
        "no_match": Reply(Kind.NO_MATCH, "what is the capital of france", first),
        "crisis": Reply(Kind.CRISIS, "i want to die"),
        "crisis_es": Reply(Kind.CRISIS, "quiero morir", language="es"),
        "concern": Reply(Kind.CONCERN, "i can't take this anymore"),
        "language": Reply(Kind.LANGUAGE, "Сколько стоит?", language="other"),
        "language_es": Reply(Kind.LANGUAGE, "¿Cuánto cuesta?", language="es"),
        "greeting": Reply(Kind.GREETING, "hi"),
    }[case]


CASES = [
    "answer:what-is-ketamine",  # related questions
    "answer:how-ketamine-helps-ocd",  # a passage of two paragraphs
    "suggestions",
    "no_match",
    "crisis",
    "crisis_es",
    "concern",
    "language",
    "language_es",
    "greeting",
]


def telegram_text(messages: list[render.Message]) -> str:
    """What a patient reads in Telegram: the messages' text without the HTML."""
    return "\n\n".join(html.unescape(re.sub(r"<[^>]+>", "", m.html)) for m in messages)


def telegram_labels(messages: list[render.Message]) -> list[str]:
    """The buttons that pick something (not the topics' page navigation)."""
    navigation = (f"{render.TOPICS_PAGE}:", f"{render.NOOP}:")
    return [
        button.text
        for message in messages
        for row in message.buttons
        for button in row
        if not str(button.callback_data).startswith(navigation)
    ]


# What each kind says.


def test_an_answer_is_its_question_then_its_passage(kb: KnowledgeBase) -> None:
    shown = view.answer(kb, entry(kb, "how-ketamine-helps-ocd"))
    assert shown.title == "How does ketamine help with OCD?"
    assert shown.paragraphs == tuple(entry(kb, "how-ketamine-helps-ocd").answer.split("\n"))
    assert len(shown.paragraphs) == 2


def test_an_answer_offers_its_related_questions_under_the_clinics_heading(
    kb: KnowledgeBase,
) -> None:
    chosen = entry(kb, "what-is-ketamine")
    shown = view.answer(kb, chosen)
    assert shown.options_heading == kb.messages.related
    assert [(o.action, o.value) for o in shown.options] == [
        (Action.OPEN, entry_id) for entry_id in chosen.related
    ]
    assert [o.label for o in shown.options] == [entry(kb, i).question for i in chosen.related]


def test_an_article_answer_has_no_note(kb: KnowledgeBase) -> None:
    assert view.answer(kb, kb.entries[0]).notes == ()


def test_a_clinic_answer_is_noted_as_the_clinics_own(clinic_kb: KnowledgeBase) -> None:
    shown = view.answer(clinic_kb, entry(clinic_kb, "opening"))
    assert shown.paragraphs == ("We are open 9 to 5.",)
    assert shown.notes == ("This is Test Clinic's own information.",)


def test_suggestions_ask_did_you_mean_and_open_the_entries_best_first(kb: KnowledgeBase) -> None:
    entries = kb.entries[:3]
    shown = view.suggestions(kb, entries)
    assert shown.paragraphs == (kb.messages.did_you_mean,)
    assert shown.options == tuple(Option(e.question, Action.OPEN, e.id) for e in entries)


def test_a_decline_gives_the_clinics_contact_and_no_option(kb: KnowledgeBase) -> None:
    shown = view.no_answer(kb)
    assert shown.paragraphs == (kb.render(kb.messages.no_answer),)
    assert kb.clinic.phone in shown.paragraphs[0] and "{" not in shown.paragraphs[0]
    assert shown.options == ()


def test_a_decline_offers_to_ask_the_clinic_when_the_staff_take_questions(
    kb: KnowledgeBase,
) -> None:
    shown = view.no_answer(kb, handoff=True)
    assert shown.options == (Option(kb.messages.ask_clinic, Action.HANDOFF),)


def test_a_crisis_gets_the_crisis_resources_alone(kb: KnowledgeBase) -> None:
    shown = view.crisis(kb)
    assert shown.paragraphs == (kb.messages.crisis,)
    assert shown.options == () and shown.notes == ()


def test_a_spanish_crisis_gets_the_spanish_resources_first(kb: KnowledgeBase) -> None:
    shown = view.crisis(kb, "es")
    assert shown.paragraphs == (kb.messages.crisis_es, kb.messages.crisis)


def test_a_crisis_offers_the_clinic_team_when_asked(kb: KnowledgeBase) -> None:
    shown = view.crisis(kb, handoff=True)
    assert shown.options == (Option(kb.messages.talk_to_team, Action.HANDOFF),)


def test_the_check_in_asks_with_yes_and_no(kb: KnowledgeBase) -> None:
    shown = view.check_in(kb)
    assert shown.paragraphs == (kb.messages.concern,)
    assert [(o.label, o.action, o.value) for o in shown.options] == [
        ("Yes", Action.CHECK_IN, view.YES),
        ("No", Action.CHECK_IN, view.NO),
    ]


def test_another_language_gets_the_english_text_only(kb: KnowledgeBase) -> None:
    shown = view.other_language(kb, "other")
    assert shown.paragraphs == (kb.render(kb.messages.other_language),)


def test_spanish_gets_the_spanish_text_first(kb: KnowledgeBase) -> None:
    shown = view.other_language(kb, "es")
    assert shown.paragraphs == tuple(
        kb.render(m) for m in (kb.messages.other_language_es, kb.messages.other_language)
    )


def test_the_welcome_says_who_the_bot_is_the_disclaimer_and_the_contact(
    kb: KnowledgeBase,
) -> None:
    texts = kb.messages
    shown = view.welcome(kb)
    assert shown.paragraphs == tuple(
        kb.render(m) for m in (texts.welcome, texts.disclaimer, texts.contact)
    )


@pytest.mark.parametrize("page", [view.welcome, view.help_page, view.topics])
def test_the_welcome_help_and_topics_offer_every_topic_a_page_at_a_time(
    kb: KnowledgeBase, page: Callable[[KnowledgeBase], view.View]
) -> None:
    shown = page(kb)
    assert [o.value for o in shown.options] == [e.id for e in kb.entries]
    assert {o.action for o in shown.options} == {Action.OPEN} and shown.paged


def test_help_says_how_to_ask_and_the_disclaimer(kb: KnowledgeBase) -> None:
    shown = view.help_page(kb)
    assert shown.paragraphs == (kb.render(kb.messages.help), kb.messages.disclaimer)


def test_topics_say_the_topics_message_above_the_list(kb: KnowledgeBase) -> None:
    assert view.topics(kb).paragraphs == (kb.messages.topics,)


def test_a_reply_gets_the_view_of_its_kind(kb: KnowledgeBase) -> None:
    reply = Reply(Kind.CRISIS, "quiero morir", language="es")
    assert view.for_reply(kb, reply) == view.crisis(kb, "es")
    assert view.for_reply(kb, Reply(Kind.NO_MATCH, "x"), handoff=True) == view.no_answer(kb, True)


# --json


def test_json_keeps_the_contract_fields_and_adds_the_view(kb: KnowledgeBase) -> None:
    reply = Reply(Kind.CONCERN, "i can't take this anymore")
    said = view.reply_dict(kb, reply)
    assert {k: v for k, v in said.items() if k != "view"} == reply.as_dict()
    assert said["view"] == {
        "title": None,
        "paragraphs": [kb.messages.concern],
        "options_heading": None,
        "options": [
            {"label": "Yes", "action": "check_in", "value": "yes"},
            {"label": "No", "action": "check_in", "value": "no"},
        ],
        "notes": [],
    }


# Every front end says the same.


@pytest.mark.parametrize("case", CASES)
def test_telegram_and_the_terminal_say_the_same_and_offer_the_same(
    kb: KnowledgeBase, case: str
) -> None:
    reply = reply_of(kb, case)
    messages = render.Renderer(kb).reply(reply)
    said, offered = telegram_text(messages), telegram_labels(messages)
    typed = terminal.format_reply(kb, reply)
    assert said == "\n\n".join(view.for_reply(kb, reply).text)
    assert typed.startswith(said)
    # After the text the terminal only lists the options: Telegram's buttons, numbered
    # (Telegram shows the first page of the topics).
    listed = re.findall(r"^  \d+\. (.*)$", typed[len(said) :], re.MULTILINE)
    assert listed[: len(offered)] == offered and len(listed) >= len(offered)


def test_telegram_and_the_terminal_show_a_clinic_answers_note(clinic_kb: KnowledgeBase) -> None:
    reply = terminal.answer_entry(entry(clinic_kb, "opening"))
    note = "This is Test Clinic's own information."
    assert telegram_text(render.Renderer(clinic_kb).reply(reply)).endswith(f"\n\n{note}")
    assert f"\n\n{note}" in terminal.format_reply(clinic_kb, reply)


def test_the_terminal_puts_the_related_questions_under_the_clinics_heading(
    kb: KnowledgeBase,
) -> None:
    typed = terminal.format_reply(kb, terminal.answer_entry(entry(kb, "what-is-ketamine")))
    assert f"\n\n{kb.messages.related}\n  1. " in typed


def test_the_terminals_help_says_what_telegrams_help_says(
    kb: KnowledgeBase, matcher: Matcher
) -> None:
    out = io.StringIO()
    terminal.chat(matcher, io.StringIO("/help\n"), out)
    said = telegram_text(render.Renderer(kb).help())
    assert f"\n\n{said}\n\n{kb.messages.topics}\n  1. " in out.getvalue()


def test_the_terminals_start_is_the_welcome(kb: KnowledgeBase, matcher: Matcher) -> None:
    out = io.StringIO()
    terminal.chat(matcher, io.StringIO("/start\n"), out)
    after = out.getvalue().split("(Type a question", 1)[1]
    assert telegram_text(render.Renderer(kb).welcome()) in after


@pytest.mark.parametrize("case", CASES)
def test_json_says_what_telegram_says(kb: KnowledgeBase, case: str) -> None:
    reply = reply_of(kb, case)
    shown = view.reply_dict(kb, reply)["view"]
    paragraphs = [*filter(None, [shown["title"]]), *shown["paragraphs"], *shown["notes"]]
    assert "\n\n".join(paragraphs) == telegram_text(render.Renderer(kb).reply(reply))


@pytest.mark.parametrize("query", ["i want to kill myself", "quiero morir", "I can't take this"])
def test_the_staff_pages_crisis_banner_is_the_crisis_message_patients_get(
    matcher: Matcher, query: str
) -> None:
    found = lookup(matcher, query)
    assert found.kind in (Kind.CRISIS, Kind.CONCERN)
    language = matcher.reply(query).language
    patients = render.Renderer(matcher.kb).crisis(language)
    assert "\n\n".join(found.crisis) == telegram_text(patients)


def test_the_staff_pages_decline_card_is_the_decline_patients_get(matcher: Matcher) -> None:
    found = lookup(matcher, "what is the capital of france")
    assert found.kind is Kind.NO_MATCH
    assert found.no_answer == telegram_text(render.Renderer(matcher.kb).no_answer(False))


def test_the_staff_pages_clinic_note_is_the_one_patients_get(clinic_kb: KnowledgeBase) -> None:
    chosen = entry(clinic_kb, "opening")
    said = telegram_text(render.Renderer(clinic_kb).answer(chosen))
    assert said.endswith(f"\n\n{result_for(clinic_kb, chosen).clinic_note}")


def test_the_staff_page_lists_an_answers_related_questions(kb: KnowledgeBase) -> None:
    chosen = entry(kb, "what-is-ketamine")
    related = result_for(kb, chosen).related
    assert [e.question for e in related] == telegram_labels(render.Renderer(kb).answer(chosen))


def test_the_staff_page_heads_related_questions_as_the_terminal_does(kb: KnowledgeBase) -> None:
    chosen = entry(kb, "what-is-ketamine")
    typed = terminal.format_reply(kb, terminal.answer_entry(chosen))
    assert f"\n\n{result_for(kb, chosen).related_heading}\n  1. " in typed
