"""The semantic safety net: a message compared, by meaning, with crisis exemplars and
with the ordinary things patients ask.

The named rules in `faq.safety` catch the wordings they list; people keep finding
others ("I'll soon be at peace", "you won't have to worry about me anymore"). A
sentence embedding places a message near the exemplars it means the same as, however
it is worded. The knowledge base's own phrasings, and look-alikes such as idioms and
OCD's intrusive thoughts, are the negatives: a message must be closer to a crisis
exemplar than to any of them by a margin, or a question about overdose risk or a
film plot would raise alarms.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from faq import text
from faq.embedding import TextEncoder, VectorCache
from faq.knowledge import KnowledgeBase
from faq.safety import Tier

LOGGER = logging.getLogger(__name__)
EXEMPLARS_PATH = Path(__file__).with_name("safety-exemplars.yaml")
# A long message is read from its end, where people most often say what they mean to
# do: its last two sentences together, and each alone. The model's cost grows with the
# tokens it reads (about 150 ms for its 256), the story around dilutes one sentence's
# meaning ("I have had OCD for years ... You won't have to worry about me anymore" reads
# as a question about OCD), and the named rules read every word anyway. A short message
# is read whole and, when it has more than one sentence, each sentence alone: a crisis
# beside a patient's question ("I will soon be gone. How much does an infusion cost?")
# reads, whole, like the question. Each real English crisis of collections 1-8 put
# beside a real question from the question sets, before or after it, was found 49% of
# the time when only the whole was read, and 86-88% with each sentence read too
# (collections 9-12: 40% and 80%; tools/beside_a_question.py); every crisis of the sets
# alone, 1,694 -> 1,711 of 1,762, for 6 -> 11 of 2,200 questions flagged. (With the
# later collections' crises among the exemplars since: 90-92% on 1-8.) Before the
# exemplars grew, reading
# short messages by sentence had found one more crisis in 129 and flagged 8 more of 819
# questions.
WINDOW = 240  # characters: a message up to this long is read whole, then by sentence
LAST_SENTENCES = 2  # a longer one: its last two sentences together, then each alone
SENTENCE = 200  # characters at most of one sentence read alone


@dataclass(frozen=True)
class Exemplar:
    """A message whose meaning is a crisis or a concern, and where it was found."""

    text: str
    tier: Tier
    source: str


@dataclass(frozen=True)
class Thresholds:
    """Cosine similarities (-1 to 1) at which the net flags a message.

    Chosen on the development sets (see `faqbot why` and the README's figures): a
    message is a crisis when its nearest crisis exemplar is at least `crisis` close; a
    concern when its nearest crisis or concern exemplar is at least `concern` close. In
    both cases it must be closer to that exemplar than to any ordinary phrasing by
    `margin`.
    """

    crisis: float = 0.62
    concern: float = 0.50
    margin: float = 0.06
    # The second reading, a linear classifier over the same vectors (`Leaning`): a
    # message it scores at least `leaning` is a concern, if it is also at least as near
    # a crisis or concern exemplar as any ordinary phrasing (`leaning_margin`; an idiom
    # is judged as written too, see `assess`). Chosen by leaving each of the five
    # real-wording collections out of the exemplars in turn and reading it with the net
    # alone: 528 English crises, 347 look-alikes, 1,307 questions each time. Against the
    # nearest exemplar alone it found far more crises for no new false alarm on the
    # questions; of the settings tried (ridge 3, 10, 30; lean 0.2 to 0.4; margin 0 to
    # 0.04) ridge 3, lean 0.4, margin 0 found 453 crises for 55 look-alikes, where the
    # first choice (ridge 10, 0.3, 0.02) found 437 for 61. A larger margin loses crises
    # fast (0.04: 410).
    # Chosen again, leaving each of six collections out of the exemplars in turn (597
    # English crises, 381 look-alikes), with false alarms counted on 889 real and 580 of
    # the project's questions in every fold. The look-alikes (texts about suicide that
    # are not the writer's own crisis) had weighed too much: the limit is on
    # questions. A lean of 0.3 with a margin of -0.04 (a message a little nearer an
    # ordinary phrasing than any exemplar still counts) found 536 crises where 0.4 and
    # 0 found 502, for 93 look-alikes instead of 71, the same question false alarms, and
    # an idiom flagged in one more fold by the net alone (the idiom rules take idioms out
    # before it reads). 0.2 and -0.04 found 544 for 102; a margin of -0.06 brought
    # question false alarms (17 where there had been 6).
    leaning: float = 0.30
    leaning_margin: float = -0.04
    # The firmer the lean, the nearer an ordinary phrasing a message may be: "I'm sorry
    # that I made everyone suffer. I hope you can find it in your hearts to forgive
    # me." leans 1.5 but reads a little like a question about OCD and family. Chosen
    # the same way over six collections: a lean of 0.5 with a margin of -0.12 found 547
    # crises where the single setting found 536, for 99 look-alikes instead of 93 and
    # the same false alarms on questions and idioms. Wider (-0.16, -0.2) found 2 or 3
    # more crises for 5 or 6 more look-alikes.
    strong_leaning: float = 0.50
    strong_leaning_margin: float = -0.12
    ridge: float = 3.0
    # Spanish, read by a classifier of its own (`SafetyNet.assess_spanish`). Chosen by
    # leaving each real-wording collection's Spanish items out in turn: with the rules,
    # 149 -> 164 of 187 crises for 32 -> 40 of 110 look-alikes flagged; 0.3 found 3 more
    # crises for 6 more look-alikes, a ridge of 1.0 found fewer. Over all five
    # collections later: 202 -> 277 of 338 crises with the rules, 79 of 184 look-alikes,
    # none of the 51 ordinary questions of real_questions_es_sealed in any fold.
    # Again over six collections, with the rules: a ridge of 1.0 and a lean of 0.2 took
    # 305 -> 334 of 374 crises, look-alikes 85 -> 98 of 191, and the ordinary Spanish
    # questions stayed as they were both ways round (fitted on the dev part: none of
    # 51 flagged in any fold; fitted on the other part, 73 read in each of six folds: 7
    # flags in all, as before). A lean of 0.1 found 13 more crises and nearly doubled
    # those flags. A Spanish false
    # alarm costs little: the crisis message instead of the numbers in Spanish.
    leaning_es: float = 0.20
    ridge_es: float = 1.0


@dataclass(frozen=True)
class SemanticVerdict:
    """What the net found for one message."""

    tier: Tier | None
    score: float  # cosine to the nearest crisis or concern exemplar
    exemplar: Exemplar
    ordinary: float  # cosine to the nearest ordinary phrasing
    ordinary_text: str
    passage: str  # the part of the message the model read
    leaning: float = 0.0  # the linear classifier's score (above 0 leans towards crisis)
    # The classifier's score for the message as a whole (or a long one's end), where
    # `leaning` is the closest part's.
    message_leaning: float = 0.0
    # The message's own vector (its whole, or a long one's end): the matcher reuses it
    # to weigh meaning in its decision without encoding the message twice.
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Exemplars:
    """The net's reference texts: crisis and concern exemplars, ordinary look-alikes."""

    unsafe: tuple[Exemplar, ...]
    ordinary: tuple[str, ...]
    # Spanish crises and Spanish look-alikes and questions, compared only with each
    # other: the model was trained on English and reads Spanish by its word pieces, so
    # beside English phrasings every Spanish message would look unusual, which is not
    # what a crisis looks like.
    unsafe_es: tuple[Exemplar, ...] = ()
    ordinary_es: tuple[str, ...] = ()


@functools.cache
def load_exemplars(path: Path = EXEMPLARS_PATH) -> Exemplars:
    """The exemplars file shipped beside this module, read once a process (a reload of the
    knowledge base builds a new net on the same exemplars)."""
    # libyaml's loader when there is one: the pure-Python one took 0.4 s on this file.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return exemplars_from(yaml.load(path.read_text(encoding="utf-8"), Loader=loader))


def exemplars_from(data: Mapping[str, Any], without: Collection[str] = ()) -> Exemplars:
    """The exemplars of a parsed exemplars file, less those taken from the pages
    `without` names (to read a collection as wording the net has never seen)."""
    skipped = set(without)

    def unsafe(section: Mapping[str, Any]) -> tuple[Exemplar, ...]:
        return tuple(
            Exemplar(item["text"], Tier(tier), item["source"])
            for tier in (Tier.CRISIS, Tier.CONCERN)
            for item in section.get(str(tier), ())
            if item["source"] not in skipped
        )

    def ordinary(section: Mapping[str, Any]) -> tuple[str, ...]:
        return tuple(
            item["text"] for item in section.get("ordinary", ()) if item["source"] not in skipped
        )

    spanish = data.get("spanish") or {}
    return Exemplars(unsafe(data), ordinary(data), unsafe(spanish), ordinary(spanish))


def kb_phrasings(kb: KnowledgeBase) -> tuple[str, ...]:
    """Every way the knowledge base says what patients ask: the ordinary negatives."""
    phrasings = [
        phrase
        for entry in kb.entries
        for phrase in (entry.question, *entry.alternates, *entry.keywords)
    ]
    phrasings += [phrase for topic in kb.unanswered for phrase in topic.alternates]
    return tuple(dict.fromkeys(phrasings))


@dataclass(frozen=True)
class Leaning:
    """A linear classifier of message vectors: crisis or concern exemplars (+1) against
    ordinary phrasings (-1), fitted by ridge regression each time a net is built.

    The nearest exemplar generalises only as far as the exemplars were worded; a
    direction fitted on all of them reads what they share (despair, farewell, harm to
    oneself) in wordings none of them has. Fitted, not stored: a few milliseconds on
    the cached vectors, so the weights always match the exemplars and the knowledge base.
    """

    weights: np.ndarray
    bias: float

    @classmethod
    def fit(cls, unsafe: np.ndarray, ordinary: np.ndarray, ridge: float) -> Leaning:
        """The least-squares fit with an L2 penalty, each class weighed as a whole (the
        ordinary phrasings outnumber the exemplars)."""
        features = np.vstack([unsafe, ordinary]).astype(np.float64)
        features = np.hstack([features, np.ones((len(features), 1))])
        targets = np.r_[np.ones(len(unsafe)), -np.ones(len(ordinary))]
        weights = np.r_[
            np.full(len(unsafe), len(ordinary) / max(len(unsafe), 1)), np.ones(len(ordinary))
        ]
        weighted = features * weights[:, None]
        gram = weighted.T @ features + ridge * np.eye(features.shape[1])
        solution = np.linalg.solve(gram, weighted.T @ targets)
        return cls(solution[:-1].astype(np.float32), float(solution[-1]))

    def scores(self, vectors: np.ndarray) -> np.ndarray:
        """One score a row: above 0 leans towards crisis."""
        return np.asarray(vectors @ self.weights + self.bias)


class SafetyNet:
    """Crisis and concern detection over sentence embeddings: the nearest exemplar, and
    a linear classifier for wordings no exemplar is near."""

    def __init__(
        self,
        encoder: TextEncoder,
        exemplars: Exemplars,
        ordinary: Sequence[str],
        cache: VectorCache,
        thresholds: Thresholds = Thresholds(),
    ) -> None:
        self.encoder = encoder
        self.thresholds = thresholds
        self.exemplars = exemplars.unsafe
        self.ordinary = tuple(dict.fromkeys((*exemplars.ordinary, *ordinary)))
        self._unsafe = cache.vectors(encoder, [exemplar.text for exemplar in self.exemplars])
        self._ordinary = cache.vectors(encoder, list(self.ordinary))
        self._is_crisis = np.array([e.tier is Tier.CRISIS for e in self.exemplars])
        self._leaning = Leaning.fit(self._unsafe, self._ordinary, thresholds.ridge)
        self.exemplars_es = exemplars.unsafe_es
        self.ordinary_es = exemplars.ordinary_es
        self._spanish: tuple[np.ndarray, np.ndarray, Leaning] | None = None
        if self.exemplars_es and self.ordinary_es:
            unsafe_es = cache.vectors(encoder, [exemplar.text for exemplar in self.exemplars_es])
            ordinary_es = cache.vectors(encoder, list(self.ordinary_es))
            leaning_es = Leaning.fit(unsafe_es, ordinary_es, thresholds.ridge_es)
            self._spanish = (unsafe_es, ordinary_es, leaning_es)

    def assess(self, message: str, as_written: str | None = None) -> SemanticVerdict:
        """The tier the message's meaning suggests, with the evidence. `as_written`: the
        message before its idioms were taken out, when they were."""
        passages = _passages(message)
        vectors = self.encoder.encode([*passages, *([as_written] if as_written else [])])
        unsafe = vectors @ self._unsafe.T
        ordinary = vectors @ self._ordinary.T
        # What the first passage (the whole, or a long message's end) is nearest among
        # the ordinary phrasings: each sentence is weighed against it (in _verdict).
        context = float(ordinary[0].max()) if len(passages) > 1 and ordinary.size else -1.0
        # Without its idiom a message can lean towards crisis ("a decent night's sleep
        # without my brain looping"); as written it reads like the ordinary "i'd kill for
        # a good night's sleep", and that closeness counts against every part of it.
        written = float(ordinary[-1].max()) if as_written and ordinary.size else -1.0
        leanings = self._leaning.scores(vectors)
        best: SemanticVerdict | None = None
        for row, passage in enumerate(passages):
            verdict = self._verdict(
                passage,
                unsafe[row],
                ordinary[row],
                written,
                context if row else -1.0,
                leanings[row],
            )
            if best is None or _rank(verdict) > _rank(best):
                best = verdict
        assert best is not None
        return dataclasses.replace(best, vector=vectors[0], message_leaning=float(leanings[0]))

    def assess_spanish(self, message: str) -> SemanticVerdict | None:
        """The tier a Spanish message's meaning suggests, by the Spanish classifier alone
        (None without Spanish exemplars). A concern at most: written in Spanish, a
        concern gets the crisis resources in Spanish, and the classifier has seen too
        few Spanish messages to tell a crisis from distress."""
        if self._spanish is None:
            return None
        unsafe_vectors, ordinary_vectors, leaning = self._spanish
        passages = _passages(message)
        vectors = self.encoder.encode(passages)
        leanings = leaning.scores(vectors)
        row = int(np.argmax(leanings))
        unsafe = vectors[row] @ unsafe_vectors.T
        ordinary = vectors[row] @ ordinary_vectors.T
        nearest, plain = int(np.argmax(unsafe)), int(np.argmax(ordinary))
        tier = Tier.CONCERN if leanings[row] >= self.thresholds.leaning_es else None
        return SemanticVerdict(
            tier,
            float(unsafe[nearest]),
            self.exemplars_es[nearest],
            float(ordinary[plain]),
            self.ordinary_es[plain],
            passages[row],
            float(leanings[row]),
        )

    def phrasing_vectors(self, phrasings: Sequence[str]) -> np.ndarray | None:
        """The vectors of ordinary phrasings the net already holds, one row each, or
        None if any is not among them (a knowledge base other than the net's)."""
        rows = {text: row for row, text in enumerate(self.ordinary)}
        if any(phrase not in rows for phrase in phrasings):
            return None
        return self._ordinary[[rows[phrase] for phrase in phrasings]]

    def _verdict(
        self,
        passage: str,
        unsafe: np.ndarray,
        ordinary: np.ndarray,
        written: float,
        context: float,
        leaning: float,
    ) -> SemanticVerdict:
        limits = self.thresholds
        nearest = int(np.argmax(unsafe))
        score = float(unsafe[nearest])
        crisis_scores = np.where(self._is_crisis, unsafe, -1.0)
        crisis_nearest = int(np.argmax(crisis_scores))
        crisis_score = float(crisis_scores[crisis_nearest])
        plain = int(np.argmax(ordinary)) if len(ordinary) else -1
        plain_score = float(ordinary[plain]) if plain >= 0 else -1.0
        plain_text = self.ordinary[plain] if plain >= 0 else ""
        plain_score = max(plain_score, written)
        tier: Tier | None
        # A sentence stands out only against the message as a whole ("I'm tired of
        # starting over." beside "Would someone like me be a candidate for the drip?"),
        # unless it reads as a crisis on its own and the classifier leans that way too,
        # or the classifier leans firmly and an exemplar is nearer than any ordinary
        # phrasing: "I will soon be gone." beside "How much does an infusion cost?".
        alone = (crisis_score >= limits.crisis and leaning >= limits.leaning) or (
            leaning >= limits.strong_leaning and score - plain_score >= limits.margin
        )
        if not alone:
            plain_score = max(plain_score, context)
        if crisis_score >= limits.crisis and crisis_score - plain_score >= limits.margin:
            tier, nearest, score = Tier.CRISIS, crisis_nearest, crisis_score
        else:
            near = score >= limits.concern and score - plain_score >= limits.margin
            leans = any(
                leaning >= lean and score - plain_score >= margin
                for lean, margin in (
                    (limits.leaning, limits.leaning_margin),
                    (limits.strong_leaning, limits.strong_leaning_margin),
                )
            )
            tier = Tier.CONCERN if near or leans else None
        return SemanticVerdict(
            tier, score, self.exemplars[nearest], plain_score, plain_text, passage, float(leaning)
        )


def _passages(message: str) -> list[str]:
    """The parts of the message the model reads: all of it, or for a long one its end (its
    last sentences, up to WINDOW characters); then, when it has more than one, each of
    those sentences that is not a question alone. A crisis beside a question ("I don't
    want to live anymore. How much does an infusion cost?") reads, as a whole, like the
    question."""
    whole = " ".join(message.split())
    # From the message as typed: a line break ends a sentence as a full stop does.
    sentences = [" ".join(sentence.split()) for sentence in text.sentences(message)]
    if len(whole) > WINDOW:
        sentences = sentences[-LAST_SENTENCES:]
        whole = " ".join(sentences)[-WINDOW:]
    if len(sentences) < 2:
        return [whole]
    # Beside its statements, a question is what the patient asks the clinic, and the
    # whole message holds it anyway: reading only the statements alone found two crises
    # fewer of 1,786 beside a question, and cut the whole reply's p99 from 24-30 ms
    # to 20-21 ms (benchmarks/safety.py run alone). Questions alone ("Why keep going?
    # What's the point?") are all read.
    told = [sentence for sentence in sentences if not sentence.endswith("?")]
    return [whole, *(sentence[-SENTENCE:] for sentence in told or sentences)]


def _rank(verdict: SemanticVerdict) -> tuple[int, float]:
    order = {Tier.CRISIS: 2, Tier.CONCERN: 1, None: 0}
    return order[verdict.tier], verdict.score - verdict.ordinary
