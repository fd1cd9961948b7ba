"""What the engine decided to say: plain data that every front end renders."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from faq.knowledge import Entry


class Kind(StrEnum):
    """The things the bot can do with a message."""

    ANSWER = "answer"
    SUGGESTIONS = "suggestions"
    NO_MATCH = "no_match"
    CRISIS = "crisis"
    GREETING = "greeting"
    # Distress without clear danger: a check-in that asks, never an article passage.
    CONCERN = "concern"
    # Written in a language the bot does not read: the emergency numbers and the
    # clinic's phone, in English and, where known, in the sender's language.
    LANGUAGE = "language"


# Kinds that say nothing from the article: what a patient in danger must get.
SAFETY_KINDS = frozenset({Kind.CRISIS, Kind.CONCERN})


@dataclass(frozen=True)
class Match:
    """An entry and how well the message matched it (0-100)."""

    entry: Entry
    score: float

    def as_dict(self) -> dict[str, Any]:
        """The JSON form used by `faqbot ask --json`."""
        return {
            "id": self.entry.id,
            "question": self.entry.question,
            "answer": self.entry.answer,
            "score": round(self.score, 1),
        }


@dataclass(frozen=True)
class Reply:
    """The engine's decision for one message.

    `match` is the best entry whenever matching ran (also for suggestions and declines,
    for analysis); only an `answer` reply shows it. `suggestions` are the runner-ups,
    distinct entries, best first.
    """

    kind: Kind
    query: str
    match: Match | None = None
    suggestions: tuple[Match, ...] = ()
    language: str = "en"  # the sender's language, as far as the bot can tell

    @property
    def score(self) -> float | None:
        """The best entry's score, or None when no matching ran."""
        return None if self.match is None else self.match.score

    def as_dict(self) -> dict[str, Any]:
        """The JSON contract of `faqbot ask --json`."""
        answered = self.match if self.kind is Kind.ANSWER else None
        return {
            "query": self.query,
            "kind": str(self.kind),
            "id": answered.entry.id if answered else None,
            "question": answered.entry.question if answered else None,
            "answer": answered.entry.answer if answered else None,
            "score": None if self.score is None else round(self.score, 1),
            "suggestions": [match.as_dict() for match in self.suggestions],
            "language": self.language,
        }
