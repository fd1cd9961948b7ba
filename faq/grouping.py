"""Questions asked in similar words, grouped: the clinic sees "how much does it cost"
once, with how often it was asked in any wording, and its most common wordings.

Pure text work on what the analytics kept (the questions the bot could not answer);
the knowledge base only says which words every entry uses and so tell nothing apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from faq import text
from faq.knowledge import KnowledgeBase

MAX_GROUPS = 20
MAX_EXAMPLES = 3  # other wordings shown under a group's representative
# Distinct wordings clustered pairwise; rarer ones only join the groups shown. The
# 2,000 most frequent cover the questions worth a new entry, and keep grouping fast.
MAX_CLUSTERED = 2000
# Similarity of two questions' content words (fuzz.token_set_ratio, 0-100). A wording
# inside another scores 100 ("cost", "ketamine cost") and a typo stays high ("insurence
# cover", "insurance cover": 93), but questions sharing only the ever-present "ketamine"
# reach 76-78 ("ketamine dose", "ssri ketamine": 77; "ketamine price", "ketamine
# pregnant": 77). 80 keeps those apart: a wrong merge hides a question the clinic
# should answer, a missed one only costs an extra row.
SIMILAR = 80
COMMON_SHARE = 0.4  # a word in the phrasings of this share of entries is common


@dataclass(frozen=True)
class Group:
    """Questions asked in similar words: the most frequent wording and a few others."""

    representative: str
    count: int
    examples: tuple[str, ...] = ()


def common_words(kb: KnowledgeBase) -> frozenset[str]:
    """Words in the phrasings of most entries ("ketamine", "ocd"): they say nothing
    about which question an unanswered message asks."""
    seen: Counter[str] = Counter()
    for entry in kb.entries:
        phrasings = (entry.question, *entry.alternates)
        seen.update({word for phrasing in phrasings for word in text.words(phrasing)})
    return frozenset(
        word for word, count in seen.items() if count >= COMMON_SHARE * len(kb.entries)
    )


def group_questions(
    questions: Iterable[str],
    limit: int = MAX_GROUPS,
    common: frozenset[str] = frozenset(),
    clustered: int = MAX_CLUSTERED,
) -> tuple[Group, ...]:
    """Questions in similar words as one group each, the most asked first, at most `limit`.
    Words in `common` are left out of the comparison: "how much is one infusion" and
    "how long does an infusion take" share only "infusion", which is no reason to merge.
    Only the `clustered` most asked topics are compared pairwise; the rest join the
    groups shown that they are like."""
    wordings = _wordings(questions)
    topics: dict[str, list[str]] = {}
    for folded in wordings:
        topics.setdefault(_topic(folded, common), []).append(folded)
    asked = {topic: sum(_asked(wordings[f]) for f in folded) for topic, folded in topics.items()}
    ranked = sorted(topics, key=lambda topic: (-asked[topic], len(topic), topic))
    clusters = _cluster(ranked[:clustered])
    clusters.sort(key=lambda cluster: -sum(asked[topic] for topic in cluster))
    shown = clusters[:limit]
    _join(ranked[clustered:], shown)
    groups = [
        _group([f for topic in cluster for f in topics[topic]], wordings) for cluster in shown
    ]
    return tuple(sorted(groups, key=lambda group: (-group.count, group.representative)))


def _wordings(questions: Iterable[str]) -> dict[str, Counter[str]]:
    """Each folded wording, with how often each way of writing it was asked."""
    wordings: dict[str, Counter[str]] = {}
    for question in questions:
        written = " ".join(question.split())
        folded = text.fold(written)
        if folded:  # "???" says nothing
            wordings.setdefault(folded, Counter())[written] += 1
    return wordings


def _asked(written: Counter[str]) -> int:
    return written.total()


def _topic(folded: str, common: frozenset[str] = frozenset()) -> str:
    """What a folded question is about: its content words, or all of it if it has none."""
    # "how much does it cost" and "how much does it hurt" differ in one word of five;
    # compared on content words they are "cost" and "hurt".
    words = folded.split()
    content = [word for word in words if word not in text.STOPWORDS]
    specific = [word for word in content if word not in common]
    return " ".join(specific or content) or folded


def _cluster(topics: list[str]) -> list[list[str]]:
    """Greedy clusters, most asked first: each topic not yet taken gathers those like it."""
    choices: list[str | None] = list(topics)  # None once taken: rapidfuzz skips it
    clusters = []
    for index, leader in enumerate(topics):
        if choices[index] is None:
            continue
        similar = process.extract(
            leader,
            choices,
            scorer=fuzz.token_set_ratio,
            processor=None,
            score_cutoff=SIMILAR,
            limit=None,
        )
        members = sorted(position for _, _, position in similar)
        for position in members:
            choices[position] = None
        clusters.append([topics[position] for position in members])
    return clusters


def _join(rare: list[str], clusters: list[list[str]]) -> None:
    """Add the rare topics left out of clustering to the shown cluster they are like."""
    leaders = [cluster[0] for cluster in clusters]
    for topic in rare:
        best = process.extractOne(
            topic, leaders, scorer=fuzz.token_set_ratio, processor=None, score_cutoff=SIMILAR
        )
        if best is not None:
            clusters[best[2]].append(topic)


def _group(folded: list[str], wordings: dict[str, Counter[str]]) -> Group:
    """A group: its most asked wording (ties: the shortest) and the next most asked ones."""
    ordered = sorted(folded, key=lambda f: (-_asked(wordings[f]), len(f), f))
    shown = [_written(wordings[f]) for f in ordered]
    count = sum(_asked(wordings[f]) for f in folded)
    return Group(shown[0], count, tuple(shown[1 : 1 + MAX_EXAMPLES]))


def _written(written: Counter[str]) -> str:
    """The way of writing a wording that was used most (ties: the shortest)."""
    return min(written, key=lambda w: (-written[w], len(w), w))
