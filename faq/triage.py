"""Triage: whether a message is a crisis, a concern, or a question, before any matching.

Layered because no single method generalises: the named rules (exact, explainable,
in English and Spanish), then the semantic net (wordings no rule lists), then the
tier, the more urgent of the two. A crisis or a concern never gets an article passage.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from faq import language, lettergrams, safety, semantic, smalltalk, text
from faq.lettergrams import LetterLeaning
from faq.safety import Rule, Tier
from faq.semantic import Exemplars, SafetyNet, SemanticVerdict

_URGENCY = {None: 0, Tier.CONCERN: 1, Tier.CRISIS: 2}
# A Spanish message read by the model's Spanish classifier and by its letters is a
# concern when their two leans add up to this. Either one alone flagging it (the model's
# from 0.2, the letters' from 0.2) had found 644 of 716 Spanish crises, 172 of 398
# look-alikes and one of 765 ordinary questions, leaving each of fifteen collections out
# in turn (tools/leave_one_out.py). Added, from 0.1: 654 crises, 168 look-alikes, no
# question; from 0.2, 632 and 148; from 0, 671 and 197. Two readings that each see part
# of a message's evidence weigh it better together than by the louder one.
BOTH_FROM = 0.10


@dataclass(frozen=True)
class Assessment:
    """Everything triage found in one message, for the reply and for `faqbot why`."""

    language: str
    rules: tuple[Rule, ...]
    semantic: SemanticVerdict | None  # None when the net is off or was not needed
    letters: float | None = None  # Spanish only: the lean of the reading by letters

    @property
    def tier(self) -> Tier | None:
        """The more urgent of what the rules found and what the reading found."""
        return max((safety.tier_of(self.rules), self.reading), key=lambda tier: _URGENCY[tier])

    @property
    def reading(self) -> Tier | None:
        """What the net and the letters found: in Spanish, read both ways, the two leans
        together; read one way, that way's own verdict."""
        if self.letters is None:
            return None if self.semantic is None else self.semantic.tier
        lean, start = self.letters, lettergrams.CONCERN_FROM
        if self.semantic is not None:
            lean, start = lean + self.semantic.leaning, BOTH_FROM
        return Tier.CONCERN if lean >= start else None


@functools.cache
def spanish_letters() -> LetterLeaning:
    """Spanish read by its letters, fitted once a process on the shipped exemplars (they
    do not change with the knowledge base). It needs no model, so it reads Spanish when
    the semantic net is off too."""
    return letters_of(semantic.load_exemplars())


def letters_of(exemplars: Exemplars, ridge: float = lettergrams.RIDGE) -> LetterLeaning:
    """The reading by letters fitted on these exemplars' Spanish crises and look-alikes."""
    crises = [exemplar.text for exemplar in exemplars.unsafe_es]
    return LetterLeaning.fit(crises, exemplars.ordinary_es, ridge)


class Triage:
    """The rules, the semantic net when it is loaded, and Spanish read by its letters
    when given."""

    def __init__(self, net: SafetyNet | None = None, letters: LetterLeaning | None = None) -> None:
        self.net = net
        self.letters = letters

    def assess(self, message: str, folded: str, *, explain: bool = False) -> Assessment:
        """Rules first; the net reads an English or Spanish message that is not a greeting
        and that the rules did not call a crisis (with `explain`, every message, to show
        its score)."""
        message = text.straight_quotes(message)
        rules = safety.folded_fired(folded)
        spoken = language.detect(message) if folded else language.ENGLISH
        if (
            spoken == language.ENGLISH
            and rules
            and all(r.language == language.SPANISH for r in rules)
        ):
            # Only Spanish wording set them off: "Quiero desaparecer" has too few common
            # words to tell its language, but its reply must be in Spanish.
            spoken = language.SPANISH
        semantic = letters = None
        # A greeting ("bye", "good evening") says nothing the net could weigh: short
        # social words sit near farewells in meaning. The rules still read it.
        needed = safety.tier_of(rules) is not Tier.CRISIS and not smalltalk.is_greeting(message)
        if folded and (needed or explain):
            # An idiom's words mean something else; the net reads the message without it.
            plain = safety.without_idioms(folded)
            reading = message if plain == folded else plain
            if spoken == language.SPANISH:
                if self.net is not None:
                    semantic = self.net.assess_spanish(reading)
                if self.letters is not None:
                    letters = self.letters.score(reading)
            elif self.net is not None and (spoken == language.ENGLISH or explain):
                semantic = self.net.assess(reading, None if plain == folded else message)
        return Assessment(spoken, rules, semantic, letters)
