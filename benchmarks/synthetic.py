"""Large knowledge bases shaped like the real one, generated deterministically.

The matcher's cost follows the shape of its index, so a synthetic base copies the real
base's shape: a question of 4-8 words, about 15 alternates of 3-12 words mixing function
words with content words, 3-5 keywords, and a synonyms dict. Its words come from a few
thousand pseudo-medical words plus the real entries' words, drawn with a skewed
(Zipf-like) frequency, and each alternate may carry the words nearly every real phrasing
shares ("ketamine" is in about a third of them), so posting lists are long, as they are
in the real base. The real entries, unanswered topics and synonyms are kept inside.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass

from faq import text
from faq.knowledge import Entry, KnowledgeBase

SEED = 20_240_611
VOCABULARY_SIZE = 3_000

# Words shared by many phrasings, with the chance that an alternate carries each: close
# to their share of the real base's phrasings.
COMMON_WORDS: tuple[tuple[str, float], ...] = (
    ("ketamine", 0.35),
    ("ocd", 0.20),
    ("work", 0.12),
    ("treatment", 0.05),
    ("infusion", 0.05),
    ("therapy", 0.04),
    ("brain", 0.04),
    ("long", 0.04),
    ("medication", 0.03),
    ("effects", 0.03),
)
# How patients open a question: function words the matcher must read and drop.
OPENINGS: tuple[str, ...] = (
    "what is",
    "what are the",
    "how does",
    "how long does",
    "how do i know if",
    "can i",
    "can you",
    "is it",
    "is there",
    "does the",
    "do i need",
    "why do",
    "why does my",
    "will my",
    "should i",
    "when can i",
    "who can",
    "are there any",
    "i want to know about",
    "tell me about",
)
# fmt: off
PREFIXES: tuple[str, ...] = (
    "cardio", "neuro", "gastro", "hepato", "nephro", "derma", "osteo", "myo", "psycho", "endo",
    "hemo", "pneumo", "rhino", "oto", "ophthalmo", "arthro", "cyto", "histo", "immuno", "onco",
    "patho", "pharmaco", "physio", "radio", "thermo", "vaso", "broncho", "cerebro", "chondro",
    "colo", "cranio", "entero", "fibro", "gluco", "lipo", "lympho", "masto", "spleno", "thyro",
    "uro",
)
MIDDLES: tuple[str, ...] = ("", "al", "ar", "en", "ol", "in", "ox", "et", "am")
SUFFIXES: tuple[str, ...] = (
    "itis", "osis", "emia", "algia", "ectomy", "ology", "pathy", "plasty", "scopy", "genic",
    "trophy", "lysis", "ine", "ide", "ate", "ase", "ium", "al", "ic", "ol",
)
# fmt: on


@dataclass(frozen=True)
class _Words:
    """The vocabulary a base is drawn from, with its skewed frequencies."""

    words: tuple[str, ...]
    cumulative: tuple[float, ...]  # Zipf-like weights for random.choices

    def common(self, rng: random.Random, count: int) -> list[str]:
        """Words drawn by frequency: a few come up very often, most rarely."""
        return rng.choices(self.words, cum_weights=self.cumulative, k=count)

    def uniform(self, rng: random.Random, count: int) -> list[str]:
        """Distinct words drawn evenly: what makes one entry's topic its own."""
        return rng.sample(self.words, count)


def build(real: KnowledgeBase, size: int, seed: int = SEED) -> KnowledgeBase:
    """A base of `size` entries: the real entries first, then synthetic ones."""
    rng = random.Random(seed)
    words = _vocabulary(rng, real)
    synthetic = tuple(_entry(rng, words, index) for index in range(size - len(real.entries)))
    return KnowledgeBase(
        path=real.path,
        source_text=real.source_text,
        clinic=real.clinic,
        messages=real.messages,
        matching=real.matching,
        synonyms={**real.synonyms, **_synonyms(rng, words, groups=_synonym_groups(size))},
        entries=real.entries + synthetic,
        unanswered=real.unanswered,
    )


def _synonym_groups(size: int) -> int:
    """Synthetic synonym groups: the real base has 15 for 16 entries; bigger bases have more."""
    return max(15, min(100, size // 100))


def _vocabulary(rng: random.Random, real: KnowledgeBase) -> _Words:
    combinations = sorted(
        prefix + middle + suffix
        for prefix, middle, suffix in itertools.product(PREFIXES, MIDDLES, SUFFIXES)
    )
    pseudo = rng.sample(combinations, VOCABULARY_SIZE)
    common = {word for word, _ in COMMON_WORDS}
    found = sorted(set(_real_words(real)) - common - set(pseudo))
    words = pseudo + found
    rng.shuffle(words)
    weights = [1.0 / (rank + 20) for rank in range(len(words))]
    return _Words(tuple(words), tuple(itertools.accumulate(weights)))


def _real_words(real: KnowledgeBase) -> list[str]:
    return [
        word
        for entry in real.entries
        for phrasing in (entry.question, *entry.alternates, *entry.keywords)
        for word in text.content_words(phrasing)
    ]


def _entry(rng: random.Random, words: _Words, index: int) -> Entry:
    topic = words.uniform(rng, rng.randint(3, 6))
    return Entry(
        id=f"synthetic-{index:05d}",
        question=_question(rng, words, topic),
        answer=_answer(rng, words),
        alternates=tuple(_alternate(rng, words, topic) for _ in range(rng.randint(12, 18))),
        keywords=tuple(_keyword(rng, words, topic) for _ in range(rng.randint(3, 5))),
    )


def _question(rng: random.Random, words: _Words, topic: Sequence[str]) -> str:
    """4-8 words: an opening, the entry's topic words, then frequent words if need be."""
    length = rng.randint(4, 8)
    opening = rng.choice([o for o in OPENINGS if len(o.split()) <= length - 2]).split()
    content = rng.sample(topic, min(len(topic), length - len(opening)))
    found = opening + content
    found += words.common(rng, length - len(found))
    return " ".join(found).capitalize() + "?"


def _alternate(rng: random.Random, words: _Words, topic: Sequence[str]) -> str:
    length = rng.randint(3, 12)
    found = rng.choice(OPENINGS).split() if rng.random() < 0.6 else []
    content = [word for word, chance in COMMON_WORDS if rng.random() < chance]
    content += rng.sample(topic, rng.randint(1, min(3, len(topic))))
    rng.shuffle(content)
    found += content
    if len(found) < length:
        found += words.common(rng, length - len(found))
    return " ".join(found[:length]) + ("?" if rng.random() < 0.3 else "")


def _keyword(rng: random.Random, words: _Words, topic: Sequence[str]) -> str:
    if rng.random() < 0.3:
        return f"{rng.choice(topic)} {words.common(rng, 1)[0]}"
    return rng.choice(topic)


def _answer(rng: random.Random, words: _Words) -> str:
    return " ".join(words.common(rng, rng.randint(25, 60))).capitalize() + "."


def _synonyms(rng: random.Random, words: _Words, groups: int) -> dict[str, tuple[str, ...]]:
    long_words = [word for word in words.words if len(word) >= 6]
    canonical = rng.sample(long_words, groups)
    return {word: _variants(rng, word) for word in canonical}


def _variants(rng: random.Random, word: str) -> tuple[str, ...]:
    """What patients type for a word: misspellings, a plural, a two-word paraphrase."""
    found = []
    for _ in range(rng.randint(2, 6)):
        kind = rng.randrange(4)
        if kind == 0:
            cut = rng.randrange(1, len(word) - 1)
            found.append(word[:cut] + word[cut + 1 :])
        elif kind == 1:
            cut = rng.randrange(1, len(word) - 2)
            found.append(word[:cut] + word[cut + 1] + word[cut] + word[cut + 2 :])
        elif kind == 2:
            found.append(word + "s")
        else:
            found.append(f"{word[: len(word) // 2]} {rng.choice(SUFFIXES)}")
    return tuple(dict.fromkeys(variant for variant in found if variant != word))
