"""The clinic's own answers (hours, contact, address, booking): from the clinic block,
shown as the clinic's, and declined with the contact while they are not filled in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot import render
from faq import knowledge
from faq.matcher import Matcher
from faq.reply import Kind

FILLED = {
    '"[CLINIC NAME]"': '"Harbor Ketamine Clinic"',
    '"[CLINIC PHONE]"': '"555-0142"',
    '"[BOOKING LINK]"': '"https://harbor.example/book"',
    '"[OPENING HOURS]"': '"Monday to Friday, 8am to 6pm"',
    '"[CLINIC ADDRESS, AND HOW TO GET THERE]"': '"12 Pier Road, Suite 4; park behind it"',
}


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> knowledge.KnowledgeBase:
    """The shipped knowledge base with the clinic's details filled in."""
    folder = Path(shutil.copytree(knowledge.DEFAULT_PATH, tmp_path_factory.mktemp("filled") / "kb"))
    clinic = folder / "clinic.yaml"
    content = clinic.read_text(encoding="utf-8")
    for placeholder, value in FILLED.items():
        content = content.replace(placeholder, value, 1)
    clinic.write_text(content, encoding="utf-8")
    return knowledge.load(folder)


@pytest.mark.parametrize("message", ["hours", "what are your hours", "when are you open"])
def test_hours_never_get_the_passage_about_within_hours(rules_only: Matcher, message: str) -> None:
    reply = rules_only.reply(message)
    assert reply.kind is Kind.NO_MATCH  # the placeholder is not filled in: declined
    assert all(match.entry.id != "how-fast-it-works" for match in reply.suggestions)


@pytest.mark.parametrize(
    ("message", "entry_id", "says"),
    [
        ("what are your hours", "clinic-hours", "Monday to Friday, 8am to 6pm"),
        ("hours", "clinic-hours", "Monday to Friday"),
        ("what is your phone number", "clinic-contact", "555-0142"),
        ("where are you located", "clinic-address", "12 Pier Road"),
        ("how do i book", "clinic-booking", "https://harbor.example/book"),
    ],
)
def test_filled_in_details_are_answered_with_the_clinics_text(
    filled: knowledge.KnowledgeBase, message: str, entry_id: str, says: str
) -> None:
    reply = Matcher(filled).reply(message)
    assert reply.kind is Kind.ANSWER and reply.match is not None
    assert reply.match.entry.id == entry_id and says in reply.match.entry.answer


def test_a_clinic_answer_is_shown_as_the_clinics(filled: knowledge.KnowledgeBase) -> None:
    entry = filled.entry("clinic-hours")
    assert entry is not None and entry.from_clinic
    html = "\n".join(message.html for message in render.Renderer(filled).answer(entry))
    assert "This is Harbor Ketamine Clinic's own information." in html


def test_an_answer_still_to_be_written_is_declined(filled: knowledge.KnowledgeBase) -> None:
    assert filled.entry("clinic-what-to-bring") is None
    assert Matcher(filled).reply("what should i bring").kind is Kind.NO_MATCH


def test_the_article_entries_still_answer(filled: knowledge.KnowledgeBase) -> None:
    reply = Matcher(filled).reply("how fast does ketamine work")
    assert reply.match is not None and reply.match.entry.id == "how-fast-it-works"


CLINIC_ENTRY = """\
  - id: opening
    source: clinic
    question: When are you open?
    alternates: [opening times]
    answer: "{answer}"
"""


def kb_with_clinic_entry(write_kb, answer: str, hours: str = "") -> Path:
    from tests.conftest import VALID_KB

    content = VALID_KB + CLINIC_ENTRY.format(answer=answer)
    if hours:
        content = content.replace('  phone: "555-0100"', f'  phone: "555-0100"\n  hours: "{hours}"')
    return write_kb(content)


def test_check_accepts_a_clinic_answer_that_is_not_in_the_article(write_kb) -> None:
    path = kb_with_clinic_entry(write_kb, "Open {hours}.", hours="9 to 5")
    assert [p for p in knowledge.check(path) if not p.warning] == []
    assert knowledge.load(path).entry("opening").answer == "Open 9 to 5."


def test_check_names_an_unknown_placeholder_in_a_clinic_answer(write_kb) -> None:
    path = kb_with_clinic_entry(write_kb, "Open {opening_times}.")
    errors = [str(p) for p in knowledge.check(path) if not p.warning]
    assert any("unknown placeholder {opening_times}" in error for error in errors)


def test_check_warns_that_an_unfilled_clinic_entry_is_declined(write_kb) -> None:
    path = kb_with_clinic_entry(write_kb, "Open {hours}.")
    warnings = [str(p) for p in knowledge.check(path) if p.warning]
    assert any("'opening' needs clinic.hours filled in" in w for w in warnings)
    assert knowledge.load(path).entry("opening") is None


def test_an_unknown_source_is_an_error(write_kb) -> None:
    from tests.conftest import VALID_KB

    path = write_kb(VALID_KB.replace("  - id: how-fast\n", "  - id: how-fast\n    source: blog\n"))
    errors = [str(p) for p in knowledge.check(path) if not p.warning]
    assert any("source must be article or clinic" in error for error in errors)
