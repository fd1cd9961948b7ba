"""From a patient's message to a Reply: crisis first, then greetings, then the entries."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from faq import safety, smalltalk, text
from faq.knowledge import Entry, KnowledgeBase
from faq.reply import Kind, Match, Reply

MAX_SUGGESTIONS = 3
# A message longer than this is read from its start and its end, where people put
# their question; the middle of a 10,000-character story adds cost, not signal.
MAX_CHARS = 3000
MAX_UNITS = 12
TYPO_CUTOFF = 80.0  # rapidfuzz ratio for a misspelt word to count as the known word
MIN_TYPO_LENGTH = 4  # shorter words are too easily one letter from another word
STEM_STRENGTH = 0.9  # "addicted" for "addictive": the same word, not quite the same sense
# How a phrasing's score weighs what it covers of the message (precision) against
# what the message covers of it (recall): the square root lets a question inside a
# longer sentence still score well, while a message about something else scores low.
PRECISION_EXPONENT = 0.5
# A message whose every word appears somewhere in one entry's phrasings is evidence
# for that entry even when no single phrasing matches; it counts for less than a
# phrasing match, so it can suggest on its own but answers only when nearly all of
# the message is explained.
ENTRY_EVIDENCE = 0.85
_QUESTION_START = re.compile(
    r"^(?:how|what|whats|why|when|where|who|which|is|are|can|could|do|does|did|will|would|"
    r"should|may|am|has|have|any|wat|wht|hw)\b"
)


@dataclass(frozen=True)
class _Phrasing:
    """One way of asking an entry (or an unanswered topic), as weighted content words."""

    target: int  # index into Matcher._targets
    words: tuple[str, ...]
    weights: tuple[float, ...]
    total: float


@dataclass(frozen=True)
class _Target:
    """Something a message can match: an entry, or a topic the bot must decline."""

    entry: Entry | None
    answer_key: str  # targets with the same answer never compete on the margin


@dataclass(frozen=True)
class _Ranked:
    """A target's score for a message: overall, and from phrasings alone."""

    target: int
    score: float
    direct: float  # the best single phrasing's score: an answer needs this


class Matcher:
    """Decides what to say to a message, using one knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.settings = kb.matching
        self._synonyms = text.SynonymMap(kb.synonyms)
        self._targets: list[_Target] = [_Target(entry, entry.answer) for entry in kb.entries]
        sources: list[tuple[int, str]] = []
        for index, entry in enumerate(kb.entries):
            for phrasing in (entry.question, *entry.alternates, *entry.keywords):
                sources.append((index, phrasing))
        for topic in kb.unanswered:
            self._targets.append(_Target(None, f"unanswered:{topic.topic}"))
            sources.extend((len(self._targets) - 1, phrasing) for phrasing in topic.alternates)

        tokenised = [(target, self._content(phrasing)) for target, phrasing in sources]
        frequency: dict[str, set[int]] = defaultdict(set)
        for target, words in tokenised:
            for word in words:
                frequency[word].add(target)
        count = len(self._targets)
        self._idf = {word: math.log(1 + count / len(hits)) for word, hits in frequency.items()}
        # A word no phrasing uses is as telling as the rarest known word: "cost" or
        # "pregnant" in a message is the reason the bot must not answer it.
        self._unknown_idf = math.log(1 + count)
        self._vocabulary = sorted(self._idf)
        self._by_prefix: dict[str, list[str]] = defaultdict(list)
        for word in self._vocabulary:
            if len(word) >= MIN_TYPO_LENGTH:
                self._by_prefix[word[:MIN_TYPO_LENGTH]].append(word)

        self._targets_of: dict[str, frozenset[int]] = {
            word: frozenset(hits) for word, hits in frequency.items()
        }
        self._phrasings: list[_Phrasing] = []
        self._postings: dict[str, list[int]] = defaultdict(list)
        seen: set[tuple[int, tuple[str, ...]]] = set()
        for target, words in tokenised:
            if not words or (target, words) in seen:
                continue
            seen.add((target, words))
            weights = tuple(self._idf[word] for word in words)
            for word in words:
                self._postings[word].append(len(self._phrasings))
            self._phrasings.append(_Phrasing(target, words, weights, sum(weights)))

    def reply(self, message: str) -> Reply:
        """The engine's decision for one message."""
        if safety.is_crisis(message):
            return Reply(Kind.CRISIS, message)
        if smalltalk.is_greeting(message):
            return Reply(Kind.GREETING, message)
        ranked = self._rank(message)
        if not ranked:
            return Reply(Kind.NO_MATCH, message)
        best = ranked[0]
        best_target = self._targets[best.target]
        entries = [
            Match(entry, item.score)
            for item in ranked
            if (entry := self._targets[item.target].entry) is not None
        ]
        top = entries[0] if entries else None
        if best_target.entry is None:
            # The message is about something the article does not answer (cost, dose,
            # pregnancy ...): a nearby entry would be a confident wrong answer.
            return Reply(Kind.NO_MATCH, message, top, ())
        runner_up = next(
            (
                item.score
                for item in ranked[1:]
                if self._targets[item.target].answer_key != best_target.answer_key
            ),
            0.0,
        )
        settings = self.settings
        if best.direct >= settings.answer_threshold and best.score - runner_up >= settings.margin:
            others = [
                m
                for m in _distinct(entries[1:], exclude=best_target.answer_key)
                if m.score >= settings.suggest_threshold
            ]
            return Reply(Kind.ANSWER, message, top, tuple(others[:MAX_SUGGESTIONS]))
        if best.score >= settings.suggest_threshold:
            close = [m for m in _distinct(entries, None) if m.score >= settings.suggest_threshold]
            return Reply(Kind.SUGGESTIONS, message, top, tuple(close[:MAX_SUGGESTIONS]))
        return Reply(Kind.NO_MATCH, message, top, ())

    def rank(self, message: str) -> list[tuple[str, float]]:
        """Every entry id or unanswered topic that shares a word with the message, best first."""
        return [
            (target.entry.id if target.entry else target.answer_key, item.score)
            for item in self._rank(message)
            for target in (self._targets[item.target],)
        ]

    def search(self, query: str, limit: int = 10) -> list[Match]:
        """Entries for a lookup (inline mode), best first, without the answer rules."""
        entries = [
            Match(entry, item.score)
            for item in self._rank(query)
            if (entry := self._targets[item.target].entry) is not None
        ]
        return _distinct(entries, exclude=None, by_answer=False)[:limit]

    def _rank(self, message: str) -> list[_Ranked]:
        score: dict[int, float] = {}
        direct: dict[int, float] = {}
        for unit in self._units(message):
            unit_score, unit_direct = self._score_unit(unit)
            for target, value in unit_score.items():
                score[target] = max(score.get(target, 0.0), value)
            for target, value in unit_direct.items():
                direct[target] = max(direct.get(target, 0.0), value)
        ranked = [_Ranked(t, value, direct.get(t, 0.0)) for t, value in score.items()]
        ranked.sort(key=lambda item: (-item.score, -item.direct, item.target))
        return ranked

    def _content(self, phrase: str) -> tuple[str, ...]:
        return self._synonyms.content(phrase)

    def _units(self, message: str) -> list[tuple[str, ...]]:
        """The whole message, and each sentence of it that asks something."""
        if len(message) > MAX_CHARS:
            half = MAX_CHARS // 2
            message = f"{message[:half]}\n{message[-half:]}"
        units = [self._content(message)]
        parts = text.sentences(message)
        if len(parts) > 1:
            asking = [
                part
                for part in parts
                if part.rstrip().endswith("?") or _QUESTION_START.match(text.fold(part))
            ]
            # A one-word sentence ("is he right?") means something only with the rest
            # of the message, which the whole-message unit already reads.
            units.extend(
                unit
                for unit in (self._content(part) for part in asking[-MAX_UNITS:])
                if len(unit) >= 2
            )
        return [unit for unit in units if unit]

    def _strengths(self, word: str) -> dict[str, float]:
        """Known words this message word stands for, with how sure that is (0-1)."""
        if word in self._idf:
            found = {word: 1.0}
        else:
            found = {}
        if len(word) < MIN_TYPO_LENGTH:
            return found
        for known in self._by_prefix.get(word[:MIN_TYPO_LENGTH], ()):
            if known != word and (known.startswith(word) or word.startswith(known)):
                found[known] = max(found.get(known, 0.0), STEM_STRENGTH)
        if word not in self._idf:
            for known, score, _ in process.extract(
                word,
                self._vocabulary,
                scorer=fuzz.ratio,
                processor=None,
                score_cutoff=TYPO_CUTOFF,
                limit=3,
            ):
                found[known] = max(found.get(known, 0.0), score / 100)
        return found

    def _score_unit(self, words: tuple[str, ...]) -> tuple[dict[int, float], dict[int, float]]:
        """Each target's score for one unit, overall and from single phrasings."""
        strengths = {word: self._strengths(word) for word in words}
        weights = {
            word: max((self._idf[k] for k in known), default=self._unknown_idf)
            for word, known in strengths.items()
        }
        message_total = sum(weights.values())
        # Best strength with which the message covers each known word.
        covered: dict[str, float] = {}
        for known in strengths.values():
            for word, strength in known.items():
                covered[word] = max(covered.get(word, 0.0), strength)
        candidates: set[int] = set()
        for word in covered:
            candidates.update(self._postings.get(word, ()))

        # How much of the message each target's whole vocabulary explains.
        explained: dict[int, float] = defaultdict(float)
        for word, known in strengths.items():
            best: dict[int, float] = {}
            for known_word, strength in known.items():
                for target in self._targets_of.get(known_word, ()):
                    best[target] = max(best.get(target, 0.0), strength)
            for target, strength in best.items():
                explained[target] += weights[word] * strength
        direct: dict[int, float] = {}
        for index in candidates:
            phrasing = self._phrasings[index]
            recall = (
                sum(
                    weight * covered.get(word, 0.0)
                    for word, weight in zip(phrasing.words, phrasing.weights, strict=True)
                )
                / phrasing.total
            )
            precision = (
                sum(
                    weights[word]
                    * max((known.get(p, 0.0) for p in phrasing.words), default=0.0)
                    for word, known in strengths.items()
                )
                / message_total
            )
            score = 100.0 * recall * precision**PRECISION_EXPONENT
            if score > direct.get(phrasing.target, 0.0):
                direct[phrasing.target] = score
        combined = {
            target: 100.0 * ENTRY_EVIDENCE * total / message_total
            for target, total in explained.items()
        }
        for target, score in direct.items():
            combined[target] = max(combined.get(target, 0.0), score)
        return combined, direct


def _distinct(
    matches: Iterable[Match], exclude: str | None, by_answer: bool = True
) -> list[Match]:
    """Matches with one per answer (two buttons must not lead to the same text)."""
    seen: set[str] = set() if exclude is None else {exclude}
    found = []
    for match in matches:
        key = match.entry.answer if by_answer else match.entry.id
        if key not in seen:
            seen.add(key)
            found.append(match)
    return found
