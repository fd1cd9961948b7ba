"""Invisible and look-alike characters are folded away before the crisis check and
matching: what a person sees is what the bot reads."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from faq import safety, text
from faq.matcher import Matcher
from faq.reply import SAFETY_KINDS, Kind

DATA = Path(__file__).parent / "data"

INVISIBLE = {
    "zero-width space": "\u200b",
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
    "word joiner": "\u2060",
    "soft hyphen": "\u00ad",
    "left-to-right mark": "\u200e",
    "right-to-left override": "\u202e",
    "first strong isolate": "\u2068",
    "byte order mark": "\ufeff",
    "variation selector": "\ufe0f",
    "tag character": "\U000e0041",
    "Hangul filler": "\u3164",
}


@pytest.mark.parametrize("mark", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_an_invisible_character_inside_crisis_words_is_still_a_crisis(mark: str) -> None:
    message = f"i want to k{mark}ill my{mark}self"
    assert text.fold(message) == "i want to kill myself"
    assert safety.is_crisis(message)


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2007", "\u2009", "\u3000"])
def test_no_break_and_other_spaces_separate_words(space: str) -> None:
    assert text.fold(f"i{space}want{space}to{space}die") == "i want to die"


@pytest.mark.parametrize(
    ("message", "folded"),
    [
        ("i want to kіll myself", "i want to kill myself"),  # Cyrillic і
        ("i want to kіӏӏ myself", "i want to kill myself"),  # Cyrillic і and palochka
        ("і want to die", "i want to die"),  # a whole word of look-alikes, Latin text
        ("i wаnt tо dіе", "i want to die"),  # Cyrillic а, о, і, е
        ("ΚΕΤΑΜΙΝΕ dose", "ketamine dose"),  # Greek capitals
        ("Is ketamine sаfe?", "is ketamine safe"),
    ],
)
def test_look_alike_letters_in_latin_text_are_read_as_latin(message: str, folded: str) -> None:
    assert text.fold(message) == folded


@pytest.mark.parametrize(
    "message", ["я хочу умереть", "со мной всё хорошо", "Καλημέρα κόσμε", "ΚΕΤΑΜΙΝΕ и"]
)
def test_cyrillic_and_greek_words_are_not_made_latin(message: str) -> None:
    assert text.fold(message) == ""  # not ASCII words: the language check answers them


def test_fullwidth_and_styled_letters_fold_to_plain_ones() -> None:
    assert text.fold("ｉ ｗａｎｔ ｔｏ ｄｉｅ") == "i want to die"
    assert text.fold("𝐤𝐢𝐥𝐥 𝐦𝐲𝐬𝐞𝐥𝐟") == "kill myself"
    assert safety.is_crisis("ｉ ｗａｎｔ ｔｏ ｋｉｌｌ ｍｙｓｅｌｆ")


def test_accents_and_ascii_fold_as_before() -> None:
    assert text.fold("Café, naïve: is it SAFE?") == "cafe naive is it safe"
    assert text.fold("don't") == "dont"
    assert text.fold("what’s ketamine") == "whats ketamine"


@pytest.mark.parametrize(
    "message",
    ["is ketamine add\u200bictive", "is ketаmine addictive", "is\u00a0ketamine addictive"],
)
def test_a_question_with_hidden_characters_gets_its_answer(
    rules_only: Matcher, message: str
) -> None:
    reply = rules_only.reply(message)
    assert reply.kind is Kind.ANSWER
    assert reply.match is not None and reply.match.entry.id == "addiction-and-side-effects"


def test_a_crisis_with_hidden_characters_gets_the_crisis_reply(rules_only: Matcher) -> None:
    assert rules_only.reply("i want to k\u200bill my\u200bself").kind is Kind.CRISIS
    assert rules_only.reply("i wаnt to dіе").kind is Kind.CRISIS


def test_an_idiom_typed_with_a_phone_apostrophe_is_not_a_concern(matcher: Matcher) -> None:
    # Phones type "I’m" by default; the net's tokenizer had read it as other words.
    assert matcher.reply("i’m dying to know whether this could work for me").kind not in (
        Kind.CONCERN,
        Kind.CRISIS,
    )


def _messages_with_apostrophes() -> list[str]:
    found: list[str] = []
    for path in sorted(DATA.glob("*.yaml")):
        items = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(items, list):
            found += [item["text"] for item in items if "'" in item.get("text", "")]
    return found


def test_phone_quotes_get_the_same_reply_as_plain_ones(matcher: Matcher) -> None:
    def decision(message: str) -> tuple[Kind, str | None, tuple[str, ...]]:
        reply = matcher.reply(message)
        answered = reply.match.entry.id if reply.match else None
        return reply.kind, answered, tuple(m.entry.id for m in reply.suggestions)

    messages = _messages_with_apostrophes()
    assert len(messages) > 500
    differ = [
        message
        for message in messages
        if decision(message) != decision(message.replace("'", "’").replace('"', "“"))
    ]
    assert differ == []


def test_an_emoji_does_not_hide_a_crisis_from_the_net(matcher: Matcher) -> None:
    # No rule names "I welcome death."; the net finds it, with or without the emoji.
    plain = matcher.reply("I welcome death.").kind
    assert plain in SAFETY_KINDS
    assert matcher.reply("I welcome death. 😭").kind is plain


@pytest.mark.parametrize(
    ("message", "split"),
    [
        ("I'd like it to just end How long does each treatment last?", 2),
        ("i cant do this anymore Is ketamine covered by insurance?", 2),
        ("I don't want to be here\nhow much is an infusion", 2),
        ("What Is OCD? (Symptoms And Different Forms)", 2),
        ("What is ERP and How Does it Work?", 1),  # a joining word: one question
        ("Ketamine for Depression: In What Dose, at What Rate?", 1),
        ("Ketamine For Depression What To Expect", 1),  # a title
    ],
)
def test_a_sentence_ends_at_a_stop_a_line_break_or_a_question_typed_straight_on(
    message: str, split: int
) -> None:
    assert len(text.sentences(message)) == split


@pytest.mark.parametrize(
    "message",
    [
        "I'd like it to just end How long does each treatment last?",
        "I'd like it to just end\nHow long does each treatment last?",
        "How long does each treatment last?\nI'd like it to just end",
    ],
)
def test_a_crisis_typed_without_a_stop_beside_a_question_is_still_found(
    matcher: Matcher, message: str
) -> None:
    assert matcher.reply(message).kind in SAFETY_KINDS
