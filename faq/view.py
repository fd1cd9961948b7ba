"""What a reply says, described once: every front end (Telegram, the terminal, `--json`,
the staff page) only formats it, so none of them can say something the others do not."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from faq.knowledge import Entry, KnowledgeBase
from faq.reply import Kind, Reply


class Action(StrEnum):
    """What picking an option does."""

    OPEN = "open"  # show the entry whose id is the value
    CHECK_IN = "check_in"  # answer the safety check-in: the value is YES or NO
    HANDOFF = "handoff"  # pass the person on to the clinic team


YES, NO = "yes", "no"


@dataclass(frozen=True)
class Option:
    """Something a person can pick next: its label and what picking it does."""

    label: str
    action: Action
    value: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"label": self.label, "action": str(self.action), "value": self.value}


@dataclass(frozen=True)
class View:
    """What one reply says, in plain text with the clinic's placeholders filled in.

    `title` heads an answer (its question); `paragraphs` follow, then `notes` (what the
    text is, e.g. the clinic's own information rather than the article). The options
    come last: a front end that lists them as text puts `options_heading` above them, one
    that shows them as buttons under the message leaves it out. `paged` marks the whole
    list of topics, which a small screen shows a page at a time.
    """

    title: str | None
    paragraphs: tuple[str, ...]
    options_heading: str | None = None
    options: tuple[Option, ...] = ()
    notes: tuple[str, ...] = ()
    paged: bool = False

    @property
    def text(self) -> tuple[str, ...]:
        """Everything the reply says, in order, options aside: what every front end shows."""
        return (*([self.title] if self.title else []), *self.paragraphs, *self.notes)

    def as_dict(self) -> dict[str, Any]:
        """The `view` of `faqbot ask --json`."""
        return {
            "title": self.title,
            "paragraphs": list(self.paragraphs),
            "options_heading": self.options_heading,
            "options": [option.as_dict() for option in self.options],
            "notes": list(self.notes),
        }


def for_reply(kb: KnowledgeBase, reply: Reply, handoff: bool = False) -> View:
    """The view of one engine reply; `handoff`: the clinic team can take this person's
    question (a decline) or talk to them (a crisis)."""
    if reply.kind is Kind.CRISIS:
        return crisis(kb, reply.language, handoff)
    if reply.kind is Kind.CONCERN:
        return check_in(kb)
    if reply.kind is Kind.LANGUAGE:
        return other_language(kb, reply.language)
    if reply.kind is Kind.GREETING:
        return welcome(kb)
    if reply.kind is Kind.NO_MATCH:
        return no_answer(kb, handoff)
    if reply.kind is Kind.SUGGESTIONS:
        return suggestions(kb, [match.entry for match in reply.suggestions])
    assert reply.match is not None
    return answer(kb, reply.match.entry)


def reply_dict(kb: KnowledgeBase, reply: Reply) -> dict[str, Any]:
    """The JSON of `faqbot ask --json`: the reply's contract fields, then its view."""
    return {**reply.as_dict(), "view": for_reply(kb, reply).as_dict()}


def passage(entry: Entry) -> tuple[str, ...]:
    """An entry's answer as paragraphs: one a line, blank lines left out."""
    return tuple(paragraphs(entry.answer))


def paragraphs(text: str) -> list[str]:
    """A text's paragraphs: the bot sends each line of an answer as one."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def answer(kb: KnowledgeBase, entry: Entry) -> View:
    """An entry's answer under its question, noted as the clinic's own where it is, with
    its related questions to open next."""
    texts = kb.messages
    related = (kb.entry(entry_id) for entry_id in entry.related)
    return View(
        title=entry.question,
        paragraphs=passage(entry),
        options_heading=kb.render(texts.related),
        options=_open(other for other in related if other is not None),
        notes=_said(kb, [texts.clinic_note] if entry.from_clinic else []),
    )


def suggestions(kb: KnowledgeBase, entries: Iterable[Entry]) -> View:
    """The "did you mean" question, and the entries it might have meant."""
    return View(None, _said(kb, [kb.messages.did_you_mean]), options=_open(entries))


def no_answer(kb: KnowledgeBase, handoff: bool = False) -> View:
    """The decline, with "Ask the clinic" when the staff can take the question."""
    texts = kb.messages
    options = (Option(kb.render(texts.ask_clinic), Action.HANDOFF),) if handoff else ()
    return View(None, _said(kb, [texts.no_answer]), options=options)


def crisis(kb: KnowledgeBase, language: str = "en", handoff: bool = False) -> View:
    """The crisis resources, in Spanish first for a Spanish message; "Talk to the clinic
    team" when the staff can take over."""
    texts = kb.messages
    spanish = [texts.crisis_es] if language == "es" else []
    options = (Option(kb.render(texts.talk_to_team), Action.HANDOFF),) if handoff else ()
    return View(None, _said(kb, [*spanish, texts.crisis]), options=options)


def check_in(kb: KnowledgeBase) -> View:
    """Distress without clear danger: the crisis line in one line, a direct question,
    Yes and No."""
    texts = kb.messages
    options = (
        Option(kb.render(texts.concern_yes), Action.CHECK_IN, YES),
        Option(kb.render(texts.concern_no), Action.CHECK_IN, NO),
    )
    return View(None, _said(kb, [texts.concern]), options=options)


def other_language(kb: KnowledgeBase, language: str) -> View:
    """A language the bot does not read: the numbers and the clinic's phone, in Spanish
    first for a Spanish message."""
    texts = kb.messages
    spanish = [texts.other_language_es] if language == "es" else []
    return View(None, _said(kb, [*spanish, texts.other_language]))


def welcome(kb: KnowledgeBase) -> View:
    """/start and a greeting: who the bot is, the disclaimer, the clinic's contact, and
    the topics the welcome promises."""
    texts = kb.messages
    return _with_topics(kb, _said(kb, [texts.welcome, texts.disclaimer, texts.contact]))


def help_page(kb: KnowledgeBase) -> View:
    """/help: how to ask (the welcome where the clinic wrote no help), the disclaimer,
    and the topics."""
    texts = kb.messages
    return _with_topics(kb, _said(kb, [texts.help or texts.welcome, texts.disclaimer]))


def topics(kb: KnowledgeBase) -> View:
    """/topics: every question to pick from."""
    return View(None, _said(kb, [kb.messages.topics]), options=_open(kb.entries), paged=True)


def _with_topics(kb: KnowledgeBase, paragraphs: tuple[str, ...]) -> View:
    heading = kb.render(kb.messages.topics)
    return View(None, paragraphs, heading, _open(kb.entries), paged=True)


def _open(entries: Iterable[Entry]) -> tuple[Option, ...]:
    return tuple(Option(entry.question, Action.OPEN, entry.id) for entry in entries)


def _said(kb: KnowledgeBase, messages: Iterable[str]) -> tuple[str, ...]:
    return tuple(kb.render(message) for message in messages)
