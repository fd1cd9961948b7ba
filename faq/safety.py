"""Crisis detection: messages about suicide, self-harm or overdose get help first.

Recall matters more than precision here: a false alarm costs a patient one extra
message, a miss can cost a life. The wordings are named rules (`faq.crisis_rules` in
English, `faq.crisis_rules_es` in Spanish), each with the messages that justify it. They
run on folded text (lower case, no punctuation, apostrophes dropped: "don't" is "dont",
"I'll" is "ill"), after common misspellings of the key words are corrected and figures
of speech ("overdosed on coffee") are removed. `fired` says which rules a message sets
off; `tier_of` turns them into a crisis, a concern (distress without a sign of danger:
the bot asks), or nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

import re2
from rapidfuzz import fuzz, process

from faq import crisis_rules, crisis_rules_es, text
from faq.crisis_rules_base import Idiom, Rule, RuleKind, Tier

__all__ = [
    "IDIOMS",
    "RULES",
    "Idiom",
    "Rule",
    "RuleKind",
    "Tier",
    "fired",
    "folded_fired",
    "is_crisis",
    "matching",
    "prepared",
    "tier_of",
]

# Long, distinctive words are corrected for typos ("suicde", "overdoes", "myslef");
# short ones are not, because "putting" is one letter from "cutting".
_TYPO_TARGETS: tuple[str, ...] = (
    "suicide",
    "suicidal",
    "overdose",
    "overdosed",
    "overdosing",
    "overdoses",
    "myself",
    "herself",
    "himself",
    "themselves",
)
_TYPO_CUTOFF = 80.0
# Real words within that cutoff of a crisis word, never taken for its typo: "Is the term
# OCD overused?" (a real question, real_questions_sealed.yaml) got the crisis resources.
_NOT_TYPOS = frozenset(
    {"overuse", "overused", "overuses", "overusing", "overdue", "overdone", "oversee", "oversees"}
)

# Which rules match, in one pass over the message for all of them: RE2's FilteredRE2
# (re2.Filter) finds the literal words each rule needs ("suicid", "bridge") with one
# RE2::Set of those words, then runs only the rules whose words are all there, each
# rule a linear-time RE2. A single re2.Set of the rules themselves gives the same
# answers but must track every rule to the end of the text: on 3,800-character stories
# it built DFA states at 4-11 ms a story (20 times this) and held over 100 MB of cache.
# Each rule's own budget is RE2's default: a rule alone is a small automaton, and an
# automaton that outgrew it would say so on stderr (tests/test_safety.py watches).
_MAX_MEM = 8 << 20


def _compiled(rules: tuple[Rule, ...]) -> re2.Filter:
    """All rules in one filter; a match's index is the rule's index in `rules`."""
    options = re2.Options()
    options.max_mem = _MAX_MEM
    rule_filter = re2.Filter()
    for index, rule in enumerate(rules):
        if rule_filter.Add(rule.pattern, options) != index:
            raise RuntimeError(f"rule {rule.name!r} did not get index {index} in the filter")
    rule_filter.Compile()  # raises re2.error if the set of words cannot be built
    return rule_filter


RULES: tuple[Rule, ...] = (*crisis_rules.RULES, *crisis_rules_es.RULES)
IDIOMS: tuple[Idiom, ...] = (*crisis_rules.IDIOMS, *crisis_rules_es.IDIOMS)
_RULE_FILTER = _compiled(RULES)
# One alternation, as the idioms' order says which wins where two could match.
_IDIOM_PATTERN = re2.compile("|".join(f"(?:{idiom.pattern})" for idiom in IDIOMS))


def _corrected(folded: str) -> str:
    """Replace near-misses of the crisis vocabulary by the word itself."""
    words = folded.split()
    candidates = [
        word
        for word in set(words)
        if len(word) >= 5 and word not in _TYPO_TARGETS and word not in _NOT_TYPOS
    ]
    # One search per target word over all the message's words, not one per message
    # word: ten calls instead of a long message's hundreds. On a tie the target listed
    # first wins.
    best: dict[str, tuple[float, str]] = {}
    for target in _TYPO_TARGETS:
        for word, score, _ in process.extract(
            target,
            candidates,
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=_TYPO_CUTOFF,
            limit=None,
        ):
            if score > best.get(word, (0.0, ""))[0]:
                best[word] = (score, target)
    if not best:
        return folded
    return " ".join(best[word][1] if word in best else word for word in words)


def prepared(folded: str) -> str:
    """Folded text as the rules see it: typos corrected, idioms removed."""
    result: str = _IDIOM_PATTERN.sub(" ", _corrected(folded))  # re2 is untyped
    return result


def without_idioms(folded: str) -> str:
    """Folded text with its figures of speech removed ("overdosed on coffee", "i'd kill
    for"): what the semantic net reads when the message has any."""
    return " ".join(_IDIOM_PATTERN.sub(" ", folded).split())


def matching(candidate: str) -> tuple[Rule, ...]:
    """The rules that match text already `prepared`, in `RULES` order."""
    indices = _RULE_FILTER.Match(candidate)
    if not indices:
        return ()
    return tuple(RULES[index] for index in sorted(indices))


def fired(message: str) -> tuple[Rule, ...]:
    """The rules a message sets off, in `RULES` order."""
    return folded_fired(text.fold(message))


def folded_fired(folded: str) -> tuple[Rule, ...]:
    """`fired` for a message already folded with `text.fold`."""
    if not folded:
        return ()
    return matching(prepared(folded))


def tier_of(rules: Iterable[Rule]) -> Tier | None:
    """Crisis if any rule is a crisis rule, else concern if any rule fired, else None."""
    tiers = {rule.tier for rule in rules}
    if Tier.CRISIS in tiers:
        return Tier.CRISIS
    if Tier.CONCERN in tiers:
        return Tier.CONCERN
    return None


def is_crisis(message: str) -> bool:
    """True when a message suggests suicide, self-harm or an overdose."""
    return tier_of(folded_fired(text.fold(message))) is Tier.CRISIS
