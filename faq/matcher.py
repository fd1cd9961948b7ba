"""From a patient's message to a Reply: triage first (crisis, concern, language), then
greetings, then the entries.

Each entry is known by its phrasings (question, alternates, keywords), each reduced to
its content words. A message is scored against a phrasing by how much of the phrasing
it covers (recall) and how much of the message the phrasing explains (precision), each
word weighted by how rare it is across entries (IDF), misspellings counted through
rapidfuzz. Topics the article does not answer (cost, dose, pregnancy ...) are scored
the same way, so a message about them is declined instead of getting a nearby entry.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from faq import decline, language, smalltalk, text
from faq.knowledge import Entry, KnowledgeBase
from faq.reply import Kind, Match, Reply
from faq.safety import Tier
from faq.semantic import SemanticVerdict
from faq.triage import Assessment, Triage

MAX_SUGGESTIONS = 3
# A message longer than this is read from its start and its end, where people put
# their question; the middle of a 10,000-character story adds cost, not signal.
MAX_CHARS = 3000
MAX_SENTENCES = 6  # question sentences of a long message scored on their own
TOP_TARGETS = 10  # targets scored exactly for each message; the rest are bounded out
MAX_SCORED = 12  # at most this many targets get the full phrasing-by-phrasing score
# A message of more content words than this is a story: its bag of words matches
# everything a little, so only its sentences that ask something are scored.
MAX_UNIT_WORDS = 40
TYPO_CUTOFF = 85.0  # rapidfuzz ratio for a misspelt word to count as the known word
MIN_TYPO_LENGTH = 4  # shorter words are too easily one letter from another word
STEM_STRENGTH = 0.9  # "addicted" for "addictive": the same word, not quite the same sense
MIN_STEM_LENGTH = 5  # "need" is not the stem of "needle"
MAX_SUFFIX = 3  # "super" is not the stem of "superbill"
# A phrasing's score is recall x precision ** PRECISION_EXPONENT: an exponent under 1
# lets a question inside a longer sentence still score well, while a message about
# something else (its extra words unexplained) scores low.
PRECISION_EXPONENT = 0.75
# A message whose words all appear somewhere in one entry's phrasings is evidence for
# that entry even when no single phrasing matches; it counts for less than a phrasing
# that matches (at most 85 of 100), so a phrasing match wins a tie-break with it.
ENTRY_EVIDENCE = 0.85
# Entry-level evidence alone suggests but does not answer: "is bitcoin going up this
# week" shares "going" and "week" with one entry's phrasings and no phrasing with it.
MIN_DIRECT_TO_ANSWER = 20.0
# Meaning in the decision (the ranking stays lexical). Cosines of the message's vector
# to each answer's nearest phrasing; chosen on the development sets (README, "How
# matching works"):
# - AGREE_COSINE, AGREE_LEAD: an undecided lexical top ("Did you mean") is answered
#   when the embedding's nearest answer is the same one, at least this close, and this
#   far ahead of the next answer.
# - DISAGREE_LEAD: a lexical answer becomes "Did you mean" when the embedding puts
#   another answer (or a topic the article does not answer) this far ahead of it.
# - AGREE_OTHER_COSINE, AGREE_OTHER_LEAD: when the embedding's nearest answer is one of
#   the other suggestions, it is answered instead at a stricter closeness and lead.
#   Measured on every labelled set: 15 more right answers, 4 more wrong ones (at 0.5
#   and 0.03 it was 30 more right and 8 more wrong).
AGREE_COSINE = 0.5
AGREE_LEAD = 0.03
AGREE_OTHER_COSINE = 0.6
AGREE_OTHER_LEAD = 0.06
DISAGREE_LEAD = 0.05
# A message that reads the same as one of the entry's phrasings (score 100) keeps its
# answer whatever the embedding says: "How do ketamine infusions work?" is a phrasing of
# the mechanism entry, which the model places nearer "how well does it work". Measured
# on every labelled set: 5 more right answers (3 on real_questions_2_dev), 1 more wrong.
READS_AS_A_PHRASING = 100.0
# A fragment ("how long") is ambiguous whatever its nearest phrasing: the model places
# it somewhere, but the patient has not yet said which question they mean.
MIN_WORDS_TO_AGREE = 3
# A message the crisis classifier leans towards as a whole (half-way to a concern) is
# never answered with a passage, only offered choices: "Why not someone like me who has no
# responsibilities ... Easy, right? And less grief for everyone involved." (leaning
# 0.21) had been answered with the benefits of ketamine because of "easy, right".
# Measured on every labelled set: one crisis and one look-alike no longer answered; two
# of 797 right answers ("needle in the arm?? i hate needles lol") become "Did you mean".
CAUTION_LEANING = 0.2
# Read on the raw sentence: folding every sentence of a long story costs more than the
# rest of matching it.
_QUESTION_START = re.compile(
    r"^\W*(?:how|what|what'?s|why|when|where|who|which|is|are|can|could|do|does|did|will|"
    r"would|should|may|am|has|have|any|wat|wht|hw)\b",
    re.IGNORECASE,
)

# word -> {known word: strength 0-1}
Strengths = dict[str, dict[str, float]]


@dataclass(frozen=True)
class _Phrasing:
    """One way of asking a target, as content words with their IDF weights."""

    words: tuple[str, ...]
    weights: tuple[float, ...]
    total: float


@dataclass(frozen=True)
class _Target:
    """Something a message can match: an entry, or a topic the bot must decline."""

    entry: Entry | None
    answer_key: str  # targets with the same answer never compete on the margin
    phrasings: tuple[_Phrasing, ...]
    by_word: dict[str, tuple[int, ...]]  # content word -> indexes into phrasings
    inverse_totals: tuple[float, ...]  # 1 / each phrasing's total weight


@dataclass(frozen=True)
class _Ranked:
    """A target's score for a message: overall, and from single phrasings alone."""

    target: int
    score: float
    direct: float


@dataclass(frozen=True)
class _Meanings:
    """Every answer's phrasings as vectors, to weigh a message's meaning per answer."""

    vectors: np.ndarray  # one row per phrasing, grouped by answer
    starts: np.ndarray  # the first row of each answer's group
    keys: tuple[str, ...]  # each group's answer key

    def nearest(self, vector: np.ndarray) -> tuple[dict[str, float], str, float]:
        """Each answer's cosine (its nearest phrasing), the nearest answer, and its lead
        over the next."""
        cosines = np.maximum.reduceat(self.vectors @ vector, self.starts)
        order = np.argsort(-cosines)
        lead = float(cosines[order[0]] - cosines[order[1]]) if len(order) > 1 else 1.0
        by_key = dict(zip(self.keys, cosines.tolist(), strict=True))
        return by_key, self.keys[int(order[0])], lead


@dataclass(frozen=True)
class _Unit:
    """A unit of a message (the whole, or a sentence) ready to score against targets."""

    total: float  # the weight of all its words
    # known word -> what covering it adds to a phrasing's recall and to what it explains
    gains: dict[str, tuple[float, float]]
    # The MAX_SCORED targets whose vocabulary explains most of it, with how much.
    candidates: list[tuple[int, float]]

    def bound(self, amount: float) -> float:
        """The most any phrasing of a target explaining `amount` of the unit can score:
        no phrasing explains more of it than the target's whole vocabulary."""
        # float ** float is typed Any (a negative base gives a complex); this ratio is >= 0.
        share: float = (amount / self.total) ** PRECISION_EXPONENT
        return 100.0 * share


class Matcher:
    """Decides what to say to a message, using one knowledge base."""

    def __init__(
        self, kb: KnowledgeBase, *, triage: Triage | None = None, exhaustive: bool = False
    ) -> None:
        """`triage` decides crisis and concern first (the named rules alone when not
        given); `exhaustive` scores every target in full, even where that cannot change
        a reply: slower, the same replies (the tests check that)."""
        self.kb = kb
        self.triage = triage or Triage()
        self._exhaustive = exhaustive
        self.settings = kb.matching
        self._synonyms = text.SynonymMap(kb.synonyms)
        sources: list[tuple[Entry | None, str, Iterable[str]]] = [
            (entry, entry.answer, (entry.question, *entry.alternates, *entry.keywords))
            for entry in kb.entries
        ]
        sources += [(None, f"unanswered:{t.topic}", t.alternates) for t in kb.unanswered]
        tokenised = [
            (entry, key, list(dict.fromkeys(filter(None, map(self._content, phrasings)))))
            for entry, key, phrasings in sources
        ]

        targets_of: dict[str, set[int]] = defaultdict(set)
        for index, (_, _, phrasings) in enumerate(tokenised):
            for words in phrasings:
                for word in words:
                    targets_of[word].add(index)
        count = len(tokenised)
        self._idf = {word: math.log(1 + count / len(hits)) for word, hits in targets_of.items()}
        # A word no phrasing uses is as telling as the rarest known word: "cost" or
        # "pregnant" in a message is the reason the bot must not answer it.
        self._unknown_idf = math.log(1 + count)
        self._targets_of = {word: tuple(sorted(hits)) for word, hits in targets_of.items()}
        self._vocabulary = sorted(self._idf)
        # Known words by their stems: "addict" -> "addicted", "addiction", "addicts".
        extensions: dict[str, list[str]] = defaultdict(list)
        for word in self._vocabulary:
            for end in range(max(MIN_STEM_LENGTH, len(word) - MAX_SUFFIX), len(word)):
                extensions[word[:end]].append(word)
        self._extensions = dict(extensions)
        self._typo_candidates = _by_reachable_length(self._vocabulary)
        self._targets = [self._target(entry, key, phrasings) for entry, key, phrasings in tokenised]
        # Under this a target is no suggestion, and as a runner-up it is a margin behind
        # any answer: its exact score cannot change a reply.
        settings = self.settings
        self._relevant = min(
            settings.suggest_threshold, settings.answer_threshold - settings.margin
        )
        self._meanings = self._embed_answers(sources)

    def _embed_answers(
        self, sources: list[tuple[Entry | None, str, Iterable[str]]]
    ) -> _Meanings | None:
        """The net's vectors of every answer's phrasings, grouped by answer; None without
        a net, or when the net was built for another knowledge base."""
        net = self.triage.net
        if net is None:
            return None
        grouped: dict[str, list[str]] = defaultdict(list)
        for _, key, phrasings in sources:
            grouped[key].extend(p for p in phrasings if p.strip())
        keys = tuple(key for key, phrasings in grouped.items() if phrasings)
        texts = [phrase for key in keys for phrase in grouped[key]]
        vectors = net.phrasing_vectors(texts)
        if vectors is None or len(keys) < 2:
            return None
        starts = np.cumsum([0, *(len(grouped[key]) for key in keys[:-1])])
        return _Meanings(np.ascontiguousarray(vectors), starts, keys)

    def _target(self, entry: Entry | None, key: str, phrasings: list[tuple[str, ...]]) -> _Target:
        weighted = []
        by_word: dict[str, list[int]] = defaultdict(list)
        for index, words in enumerate(phrasings):
            weights = tuple(self._idf[word] for word in words)
            weighted.append(_Phrasing(words, weights, sum(weights)))
            for word in words:
                by_word[word].append(index)
        return _Target(
            entry,
            key,
            tuple(weighted),
            {w: tuple(i) for w, i in by_word.items()},
            tuple(1.0 / phrasing.total for phrasing in weighted),
        )

    def reply(self, message: str) -> Reply:
        """The engine's decision for one message."""
        message = text.straight_quotes(message)
        # Folded once: the crisis check and the matching both read every word.
        folded = text.fold(message)
        assessment = self.triage.assess(message, folded)
        lexical = self._lexical(message, folded, assessment)
        return self._decide(message, assessment.semantic, lexical)

    def _lexical(self, message: str, folded: str, assessment: Assessment) -> Reply:
        """The decision from words alone, after triage."""
        spoken = assessment.language
        if assessment.tier is Tier.CRISIS:
            return Reply(Kind.CRISIS, message, language=spoken)
        if assessment.tier is Tier.CONCERN:
            # The check-in asks in English and waits for "Yes" or "No"; a patient who
            # writes in another language gets the crisis resources, in theirs first.
            kind = Kind.CONCERN if spoken == language.ENGLISH else Kind.CRISIS
            return Reply(kind, message, language=spoken)
        if spoken != language.ENGLISH:
            return Reply(Kind.LANGUAGE, message, language=spoken)
        if smalltalk.is_greeting(message):
            return Reply(Kind.GREETING, message)
        settings = self.settings
        ranked = self._rank(message, folded, exact=self._exhaustive)
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
            # The message is about something the article does not answer: a nearby
            # entry would be a confident wrong answer.
            return Reply(Kind.NO_MATCH, message, top, ())
        rivals = [
            item
            for item in ranked[1:]
            if self._targets[item.target].answer_key != best_target.answer_key
        ]
        runner_up = rivals[0].score if rivals else 0.0
        close = [m for m in _distinct(entries) if m.score >= settings.suggest_threshold]
        if (
            best.score >= settings.answer_threshold
            and best.score - runner_up >= settings.margin
            and best.direct >= MIN_DIRECT_TO_ANSWER
        ) or self._phrasing_wins(best, rivals):
            others = [m for m in close if m.entry.answer != best_target.answer_key]
            return Reply(Kind.ANSWER, message, top, tuple(others[:MAX_SUGGESTIONS]))
        if best.score >= settings.suggest_threshold:
            return Reply(Kind.SUGGESTIONS, message, top, tuple(close[:MAX_SUGGESTIONS]))
        return Reply(Kind.NO_MATCH, message, top, ())

    def _decide(self, message: str, meaning: SemanticVerdict | None, lexical: Reply) -> Reply:
        """The lexical decision, weighed against the message's meaning and against what
        the passage can answer. Only the answer-or-suggest choice changes; the ranking
        (and so the suggestions offered) stays lexical."""
        top = lexical.match
        if top is None or lexical.kind not in (Kind.ANSWER, Kind.SUGGESTIONS):
            return lexical
        kind = lexical.kind
        vector = None if meaning is None else meaning.vector
        if self._meanings is not None and vector is not None:
            cosines, nearest, lead = self._meanings.nearest(vector)
            mine = cosines.get(top.entry.answer, -1.0)
            choices = {m.entry.answer: m for m in (top, *lexical.suggestions)}
            same = nearest == top.entry.answer
            if (
                kind is Kind.SUGGESTIONS
                and nearest in choices
                and cosines[nearest] >= (AGREE_COSINE if same else AGREE_OTHER_COSINE)
                and lead >= (AGREE_LEAD if same else AGREE_OTHER_LEAD)
                and len(message.split()) >= MIN_WORDS_TO_AGREE
            ):
                kind = Kind.ANSWER  # words and meaning agree: evidence enough to answer
                top = choices[nearest]
            elif (
                kind is Kind.ANSWER
                and top.score < READS_AS_A_PHRASING
                and (nearest != top.entry.answer and cosines[nearest] - mine >= DISAGREE_LEAD)
            ):
                kind = Kind.SUGGESTIONS  # they disagree: let the patient choose
        if kind is Kind.ANSWER and decline.unanswerable(message, top.entry.answer):
            kind = Kind.SUGGESTIONS  # about this passage, but asking what it does not hold
        graver = meaning is not None and meaning.message_leaning >= CAUTION_LEANING
        if kind is Kind.ANSWER and graver:
            kind = Kind.SUGGESTIONS  # it may be about something graver than its words
        if kind is lexical.kind:
            return lexical
        if kind is Kind.ANSWER:
            others = tuple(m for m in lexical.suggestions if m.entry.answer != top.entry.answer)
            return Reply(Kind.ANSWER, lexical.query, top, others[:MAX_SUGGESTIONS])
        offered = _distinct((top, *lexical.suggestions))[:MAX_SUGGESTIONS]
        return Reply(Kind.SUGGESTIONS, lexical.query, top, tuple(offered))

    def _phrasing_wins(self, best: _Ranked, rivals: list[_Ranked]) -> bool:
        """Whether one of the best target's phrasings matches clearly better than any
        rival entry's phrasing, and than every topic the bot must decline.

        Common words ("ketamine", "work", "ocd") put several entries at full entry-level
        evidence; that ties them on score, but it is weaker evidence than a phrasing that
        reads like the message, so it does not hold back such a phrasing's answer.
        """
        settings = self.settings
        if best.direct < settings.answer_threshold:
            return False
        strongest_rival = max(
            (
                rival.direct if self._targets[rival.target].entry is not None else rival.score
                for rival in rivals
            ),
            default=0.0,
        )
        return best.direct - strongest_rival >= settings.margin

    def rank(self, message: str) -> list[tuple[str, float]]:
        """The best-scoring entry ids and unanswered topics for a message, best first."""
        return [
            (target.entry.id if target.entry else target.answer_key, item.score)
            for item in self._rank(message, text.fold(message))
            for target in (self._targets[item.target],)
        ]

    def search(self, query: str, limit: int = 10) -> list[Match]:
        """Entries for a lookup (inline mode), best first, without the answer rules."""
        entries = [
            Match(entry, item.score)
            for item in self._rank(query, text.fold(query))
            if (entry := self._targets[item.target].entry) is not None
        ]
        return _distinct(entries, by_answer=False)[:limit]

    def _content(self, phrase: str) -> tuple[str, ...]:
        return self._synonyms.content(phrase)

    def _rank(self, message: str, folded: str, exact: bool = True) -> list[_Ranked]:
        """Targets by score, best first.

        Unless `exact`, a target that cannot score `_relevant` in any unit is given its
        entry-level evidence, a lower bound, instead of its score: no score under that
        changes a reply.
        """
        word_units = self._units(message, folded)
        strengths: Strengths = {}
        for words in word_units:
            for word in words:
                if word not in strengths:
                    strengths[word] = self._strengths(word)
        units = [self._prepare(words, strengths) for words in word_units]
        score: dict[int, float] = {}
        direct: dict[int, float] = {}
        # Targets not scored in full in some unit, because none of their phrasings could
        # reach `_relevant` there: target -> [(unit, amount of it explained)].
        skipped: dict[int, list[tuple[_Unit, float]]] = defaultdict(list)
        relevant = 0.0 if exact else self._relevant
        for unit in units:
            for target, (unit_score, unit_direct) in self._score_unit(
                unit, relevant, skipped
            ).items():
                if unit_score > score.get(target, 0.0):
                    score[target] = unit_score
                if unit_direct > direct.get(target, 0.0):
                    direct[target] = unit_direct
        for target in self._undecided(score, direct, skipped):
            for unit, amount in skipped[target]:
                found = self._best_phrasing(target, unit, amount)
                direct[target] = max(direct.get(target, 0.0), found)
                score[target] = max(score[target], found)
        ranked = [_Ranked(t, value, direct.get(t, 0.0)) for t, value in score.items() if value > 0]
        # On a tie an entry goes before an unanswered topic: the tie makes the reply
        # "Did you mean", never an answer, and a list beats a flat decline.
        ranked.sort(
            key=lambda item: (
                -item.score,
                self._targets[item.target].entry is None,
                -item.direct,
                item.target,
            )
        )
        return ranked

    def _units(self, message: str, folded: str) -> list[tuple[str, ...]]:
        """The whole message, and each sentence of it that asks something."""
        half = MAX_CHARS // 2
        if len(folded) > MAX_CHARS:
            folded = f"{folded[:half]} {folded[-half:]}"
        whole = self._synonyms.folded_content(folded)
        if len(message) > MAX_CHARS:
            message = f"{message[:half]}\n{message[-half:]}"
        units = [whole] if len(whole) <= MAX_UNIT_WORDS else []
        parts = text.sentences(message)
        if len(parts) > 1:
            asking = [
                part for part in parts if part.endswith("?") or _QUESTION_START.match(part)
            ] or parts[-2:]
            # A one-word sentence ("is he right?") means something only with the rest
            # of the message, which the whole-message unit already reads; but one that
            # opens the message is its headline ("What Is OCD? (Symptoms And Different
            # Forms)", "Ketamine? how does that even help").
            units.extend(
                unit[:MAX_UNIT_WORDS]
                for part in asking[-MAX_SENTENCES:]
                if len(unit := self._content(part)) >= 2
                or (part is parts[0] and len(unit) == 1 and not _QUESTION_START.match(unit[0]))
            )
        if not units:
            units = [whole[-MAX_UNIT_WORDS:]]
        return [unit for unit in dict.fromkeys(units) if unit]

    def _strengths(self, word: str) -> dict[str, float]:
        """Known words this message word stands for, with how sure that is (0-1)."""
        found = {word: 1.0} if word in self._idf else {}
        if len(word) < MIN_TYPO_LENGTH:
            return found
        # The same word with another ending: a known word this one extends, or one that
        # extends it, by at most MAX_SUFFIX letters.
        related = [
            word[:end]
            for end in range(max(MIN_STEM_LENGTH, len(word) - MAX_SUFFIX), len(word))
            if word[:end] in self._idf
        ]
        related += self._extensions.get(word, ())
        for known in sorted(related) if len(related) > 1 else related:
            found.setdefault(known, STEM_STRENGTH)
        if word not in self._idf:
            for known, score in self._typos(word):
                found[known] = max(found.get(known, 0.0), score / 100)
        return found

    def _undecided(
        self,
        score: dict[int, float],
        direct: dict[int, float],
        skipped: dict[int, list[tuple[_Unit, float]]],
    ) -> list[int]:
        """Skipped targets whose best phrasing could still decide the reply.

        A skipped phrasing scores under `_relevant`, which changes no score that matters
        (see `_relevant`), but a target's best phrasing also breaks ties between equal
        scores, and the best target needs one of MIN_DIRECT_TO_ANSWER to answer.
        """
        if not skipped:
            return []
        suggest = self.settings.suggest_threshold
        top = max(score.values())
        tied = Counter(value for value in score.values() if value >= suggest)
        return [
            target
            for target, places in skipped.items()
            if max(unit.bound(amount) for unit, amount in places) > direct.get(target, 0.0)
            and (
                tied[score[target]] > 1
                or (score[target] == top and direct.get(target, 0.0) < MIN_DIRECT_TO_ANSWER)
            )
        ]

    def _typos(self, word: str) -> list[tuple[str, float]]:
        """The (at most 3) known words an unknown word is likely a misspelling of."""
        return [
            (known, score)
            for known, score, _ in process.extract(
                word,
                self._typo_candidates.get(len(word), ()),
                scorer=fuzz.ratio,
                processor=None,
                score_cutoff=TYPO_CUTOFF,
                limit=3,
            )
        ]

    def _prepare(self, words: tuple[str, ...], strengths: Strengths) -> _Unit:
        """A unit's weights, gains and most promising targets."""
        # A word the knowledge base knows is as rare as itself, not as its rarest
        # variant: "people" must not weigh what the one "peoples" in an alternate does.
        weights = {
            word: self._idf.get(word)
            or max((self._idf[k] for k in strengths[word]), default=self._unknown_idf)
            for word in words
        }
        total = sum(weights.values())
        # Which message words cover each known word, and how surely.
        coverers: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for word in words:
            for known, strength in strengths[word].items():
                coverers[known].append((word, strength))
        # What covering each known word adds to a phrasing's recall and precision.
        gains = {
            known: (
                self._idf[known] * max(s for _, s in found),
                max(weights[word] * s for word, s in found),
            )
            for known, found in coverers.items()
        }

        # How much of the message each target's vocabulary explains: evidence for the
        # target, and an upper bound on the precision of any one of its phrasings.
        reach: dict[int, float] = defaultdict(float)
        for word in words:
            stands_for = strengths[word]
            if len(stands_for) == 1:  # most words: no need to find each target's best
                [(known, strength)] = stands_for.items()
                gain = weights[word] * strength
                for target in self._targets_of[known]:
                    reach[target] += gain
                continue
            best: dict[int, float] = {}
            for known, strength in stands_for.items():
                for target in self._targets_of[known]:
                    if strength > best.get(target, 0.0):
                        best[target] = strength
            for target, strength in best.items():
                reach[target] += weights[word] * strength

        candidates = sorted(reach.items(), key=lambda item: -item[1])[:MAX_SCORED]
        return _Unit(total, gains, candidates)

    def _score_unit(
        self,
        unit: _Unit,
        relevant: float,
        skipped: dict[int, list[tuple[_Unit, float]]],
    ) -> dict[int, tuple[float, float]]:
        """The best targets for one unit: target -> (score, best single phrasing's score).

        A target none of whose phrasings can score `relevant` gets its entry-level
        evidence only, and is noted in `skipped`.
        """
        total = unit.total
        results: dict[int, tuple[float, float]] = {}
        floor = 0.0  # the TOP_TARGETS-th best score so far
        for target, amount in unit.candidates:
            # Candidates come in order of reach, so no later one can do better either.
            if len(results) >= TOP_TARGETS and unit.bound(amount) <= floor:
                break
            from_entry = min(100.0, 100.0 * ENTRY_EVIDENCE * amount / total)
            if unit.bound(amount) < relevant:
                # Scoring it phrasing by phrasing is most of a long message's cost.
                best_direct = 0.0
                skipped[target].append((unit, amount))
            else:
                best_direct = self._best_phrasing(target, unit, amount)
            results[target] = (max(best_direct, from_entry), best_direct)
            if len(results) >= TOP_TARGETS:
                floor = sorted((s for s, _ in results.values()), reverse=True)[TOP_TARGETS - 1]
        return results

    def _best_phrasing(self, target: int, unit: _Unit, amount: float) -> float:
        """The best score of one target's phrasings for a unit, summed word by word over
        postings; `amount` is how much of the unit the target's vocabulary explains,
        counting each message word once."""
        total = unit.total
        gains = unit.gains
        explainable = min(amount, total)
        entry = self._targets[target]
        by_word = entry.by_word
        # Lists indexed by phrasing, not dicts: this loop is most of a long message's cost.
        recall = [0.0] * len(entry.phrasings)
        if all(recall_gain == explained_gain for recall_gain, explained_gain in gains.values()):
            # Every word typed as the knowledge base spells it: what a phrasing
            # recalls is what it explains, and one sum does for both.
            for known, (recall_gain, _) in gains.items():
                for index in by_word.get(known, ()):
                    recall[index] += recall_gain
            explained = recall
        else:
            explained = recall.copy()
            for known, (recall_gain, explained_gain) in gains.items():
                for index in by_word.get(known, ()):
                    recall[index] += recall_gain
                    explained[index] += explained_gain
        best = 0.0
        inverse_totals = entry.inverse_totals
        for index, covered in enumerate(recall):
            if covered:
                phrasing_recall = covered * inverse_totals[index]
                if phrasing_recall <= best:
                    continue  # precision is at most 1: this phrasing cannot do better
                # Two known words one message word stands for ("effect", "effective")
                # must not explain that message word twice.
                covered_words = explained[index]
                if covered_words > explainable:
                    covered_words = explainable
                score = phrasing_recall * (covered_words / total) ** PRECISION_EXPONENT
                if score > best:
                    best = score
        return min(100.0, 100.0 * best)  # sums of floats may pass 1 by a hair


def _by_reachable_length(vocabulary: list[str]) -> dict[int, tuple[str, ...]]:
    """For each length of misspelt word, the known words it could be a typo of.

    Two words differing in length by d are at least d edits apart, so their ratio is
    at most 1 - d / (sum of lengths): most of the vocabulary is out of reach of any one
    word. Comparing only the rest gives the same matches, in the same order, for a
    fraction of the cost.
    """
    slack = 1.0 - TYPO_CUTOFF / 100.0 + 1e-9  # generous by a hair against rounding
    longest = max(map(len, vocabulary), default=0)
    reachable: dict[int, tuple[str, ...]] = {}
    for length in range(MIN_TYPO_LENGTH, math.ceil(longest * (1 + slack) / (1 - slack)) + 1):
        reachable[length] = tuple(
            word for word in vocabulary if abs(len(word) - length) <= slack * (len(word) + length)
        )
    return reachable


def _distinct(matches: Iterable[Match], by_answer: bool = True) -> list[Match]:
    """One match per answer (two buttons must not lead to the same text), best first."""
    seen: set[str] = set()
    found = []
    for match in matches:
        key = match.entry.answer if by_answer else match.entry.id
        if key not in seen:
            seen.add(key)
            found.append(match)
    return found
