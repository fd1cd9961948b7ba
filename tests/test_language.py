"""A message in another language gets the emergency numbers, never a bare "no answer"."""

from __future__ import annotations

import pytest

from faq import language
from faq.language import OTHER_MARKERS, SPANISH_MARKERS, Markers


@pytest.mark.parametrize(
    ("markers", "message"),
    [(m, example) for m in (SPANISH_MARKERS, *OTHER_MARKERS) for example in m.examples],
    ids=lambda value: value.language if isinstance(value, Markers) else value[:30],
)
def test_each_language_is_told_by_its_own_examples(markers: Markers, message: str) -> None:
    expected = markers.language if markers.language == language.SPANISH else language.OTHER
    assert language.detect(message) == expected


@pytest.mark.parametrize(
    "message",
    [
        "how fast does ketamine work",
        "is it addictive?",
        "hola",  # a greeting, answered as one
        "can I come to La Jolla clinic",
        "what is the dose of esketamine in mg",
        "",
        "🙂",
        "me",
        "ok so my son has ocd, de facto it is pretty bad, what is the success rate",
        "As long as I’m alive, I’ll always be someone’s responsibility, someone’s inconvenience….",
        "can my fiancée come to the infusion with me?",  # French accents are not a sign
    ],
)
def test_english_and_near_empty_messages_count_as_english(message: str) -> None:
    assert language.detect(message) == language.ENGLISH


@pytest.mark.parametrize(
    "message", ["Сколько стоит лечение?", "氯胺酮治疗强迫症有效吗", "كم التكلفة"]
)
def test_a_message_in_another_script_is_another_language(message: str) -> None:
    assert language.detect(message) == language.OTHER


def test_no_word_is_a_marker_of_two_languages_and_english() -> None:
    for markers in (SPANISH_MARKERS, *OTHER_MARKERS):
        assert not markers.words & language.ENGLISH_MARKERS, markers.language
