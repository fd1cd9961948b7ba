"""What a crisis rule is: a named pattern with the messages that justify it.

Like a grammar checker's rules, each one carries its evidence: the messages it must
match and the look-alikes it must not. The rule data lives in `faq.crisis_rules` (English)
and `faq.crisis_rules_es` (Spanish); `faq.safety` compiles them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

# Names are what `faqbot why` and the logs show, so they must read as words.
_KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class Tier(StrEnum):
    """How urgent a message is: crisis resources at once, or a check-in that asks."""

    CRISIS = "crisis"
    CONCERN = "concern"


class RuleKind(StrEnum):
    """What a rule recognises."""

    INTENT = "intent"  # wanting to die or to kill oneself, said outright or veiled
    PASSIVE_WISH = "wish to be dead"  # not waking up, not existing, wouldn't mind dying
    PLAN = "plan"  # a time, a place or a method chosen; a decision made
    RESEARCH = "method research"  # how much would be lethal, how high is high enough
    MEANS = "means at hand"  # a rope bought, pills lined up, standing on the bridge
    MEANS_WITH_INTENT = "means with intent"  # a means and a sign of intent together
    FAREWELL = "farewell"  # goodbyes, last messages, notes
    LOGISTICS = "last arrangements"  # the will, the pets, belongings given away
    BURDEN = "burden"  # others better off without one
    HOPELESSNESS = "hopelessness"  # no reason, no future, nothing worth it
    ENTRAPMENT = "entrapment"  # cannot go on, the only way out
    SELF_HARM = "self-harm"
    OVERDOSE = "overdose"  # too much taken, or a whole supply
    EMERGENCY = "medical emergency"  # poisoning signs: not breathing, cannot be woken
    SLANG = "slang"  # "kms", "sewerslide", "top myself"
    DISTRESS = "distress"  # despair without a sign of danger: a check-in, not an alarm


@dataclass(frozen=True)
class Rule:
    """One wording of a crisis, as an RE2 pattern over folded text."""

    name: str  # kebab-case, unique, says what it catches: "wants-to-die"
    kind: RuleKind
    pattern: str  # RE2 syntax, applied to folded text (see faq.text.fold)
    examples: tuple[str, ...]  # raw messages (not folded) it must match
    lookalikes: tuple[str, ...] = ()  # raw messages it must not match
    language: str = "en"

    def __post_init__(self) -> None:
        # Checked here, not only in the tests: a rule without evidence must not load.
        if not _KEBAB.fullmatch(self.name):
            raise ValueError(f"rule name {self.name!r} is not kebab-case")
        if not self.examples:
            raise ValueError(f"rule {self.name!r} has no example")

    @property
    def tier(self) -> Tier:
        """Distress asks how the patient is; every other kind is a crisis."""
        return Tier.CONCERN if self.kind is RuleKind.DISTRESS else Tier.CRISIS


@dataclass(frozen=True)
class Idiom:
    """A figure of speech removed before the rules run ("overdosed on coffee")."""

    name: str
    pattern: str  # RE2 syntax, over folded and typo-corrected text
    examples: tuple[str, ...]  # raw messages some rule (or the semantic net) would flag
    language: str = "en"
    # True when no rule needs it and it is there for the semantic net, which reads a
    # message without its idioms ("i'd kill for a treatment that works").
    for_net: bool = False

    def __post_init__(self) -> None:
        if not _KEBAB.fullmatch(self.name):
            raise ValueError(f"idiom name {self.name!r} is not kebab-case")
        if not self.examples:
            raise ValueError(f"idiom {self.name!r} has no example")
