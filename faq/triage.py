"""Triage: whether a message is a crisis, a concern, or a question, before any matching.

Layered because no single method generalises: the named rules (exact, explainable,
in English and Spanish), then the semantic net (wordings no rule lists), then the
tier, the more urgent of the two. A crisis or a concern never gets an article passage.
"""

from __future__ import annotations

from dataclasses import dataclass

from faq import language, safety, smalltalk, text
from faq.safety import Rule, Tier
from faq.semantic import SafetyNet, SemanticVerdict

_URGENCY = {None: 0, Tier.CONCERN: 1, Tier.CRISIS: 2}


@dataclass(frozen=True)
class Assessment:
    """Everything triage found in one message, for the reply and for `faqbot why`."""

    language: str
    rules: tuple[Rule, ...]
    semantic: SemanticVerdict | None  # None when the net is off or was not needed

    @property
    def tier(self) -> Tier | None:
        """The more urgent of what the rules and the net found."""
        tiers = [safety.tier_of(self.rules)]
        if self.semantic is not None:
            tiers.append(self.semantic.tier)
        return max(tiers, key=lambda tier: _URGENCY[tier])


class Triage:
    """The rules, and the semantic net when it is loaded."""

    def __init__(self, net: SafetyNet | None = None) -> None:
        self.net = net

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
        semantic = None
        # A greeting ("bye", "good evening") says nothing the net could weigh: short
        # social words sit near farewells in meaning. The rules still read it.
        needed = safety.tier_of(rules) is not Tier.CRISIS and not smalltalk.is_greeting(message)
        if self.net is not None and folded and (needed or explain):
            # An idiom's words mean something else; the net reads the message without it.
            plain = safety.without_idioms(folded)
            reading = message if plain == folded else plain
            if spoken == language.SPANISH:
                semantic = self.net.assess_spanish(reading)
            elif spoken == language.ENGLISH or explain:
                semantic = self.net.assess(reading, None if plain == folded else message)
        return Assessment(spoken, rules, semantic)
