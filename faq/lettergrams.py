"""A reading of Spanish by its letters: a linear classifier over the pieces of its
words, read by triage beside the semantic net's Spanish classifier, and alone (with the
rules) when the net is off.

The sentence model was trained on English and reads Spanish by its word pieces, so its
Spanish classifier misses what no exemplar says in similar pieces. Pieces of three to
five letters ("morir", "mori", " mue") carry a Spanish word's stem and ending whatever
its conjugation, and need no model. "Siento mucho los problemas que causé." (a farewell,
real_crisis_11_sealed) leans -0.09 by the model's classifier and 0.51 by its letters.
Measured by leaving each real-wording collection out in turn: 513 -> 574 of 637 Spanish
crises found (README, "Crisis detection on real people's words").
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from faq import text

SIZES = (3, 4, 5)  # letters a piece: a stem's share of a Spanish word, not its ending alone
# A Spanish message is a concern from this lean, whatever else reads it. Chosen by leaving
# each of thirteen collections out in turn (637 Spanish crises, 332 Spanish look-alikes,
# the 51 ordinary questions of real_questions_es_sealed read in every fold): the sentence
# model's Spanish classifier alone found 513 crises for 117 look-alikes and no question;
# with the letters from 0.2, 574 for 130 and one question in one fold. In the first
# experiment (the same classifier, folding text its own way), 0.3 found 555 crises and
# flagged no question, 0.25 to 0.1 found 562 to 596 with that one question, 0.08
# flagged three and 0.05 fifteen. Added to the rules alone (the net off), on the used
# sealed parts, never exemplars: 112 -> 223 of 269 Spanish crises, 52 -> 82 of 155
# look-alikes, none of the 124 ordinary Spanish questions.
CONCERN_FROM = 0.20
# The L2 penalty: the one tried first and kept; pieces of two to four letters found 572
# crises for two questions flagged.
RIDGE = 1.0
COLUMNS_AT_ONCE = 4096


def pieces(message: str) -> frozenset[str]:
    """The pieces of a message's folded words, each word padded by a space on each side
    so that a piece can mark where a word starts or ends (" me " is not "meses")."""
    found: set[str] = set()
    for word in text.fold(message).split():
        padded = f" {word} "
        for size in SIZES:
            found.update(padded[i : i + size] for i in range(max(1, len(padded) - size + 1)))
    return frozenset(found)


@dataclass(frozen=True)
class LetterLeaning:
    """Crisis exemplars (+1) against ordinary messages (-1), fitted by ridge regression
    on TF-IDF weights of their pieces, each class weighed as a whole as in
    `semantic.Leaning`. Fitted in its dual form: a few hundred messages share tens of
    thousands of pieces, so the system to solve is one row a message."""

    weights: Mapping[str, float]
    idf: Mapping[str, float]
    unknown_idf: float
    bias: float

    @classmethod
    def fit(cls, unsafe: Sequence[str], ordinary: Sequence[str], ridge: float) -> LetterLeaning:
        """The classifier of these messages, with an L2 penalty of `ridge`."""
        documents = [pieces(message) for message in (*unsafe, *ordinary)]
        count = len(documents)
        frequency = Counter(piece for document in documents for piece in document)
        idf = {piece: math.log((1 + count) / (1 + n)) + 1 for piece, n in frequency.items()}
        unknown_idf = math.log(1 + count) + 1
        column = {piece: index for index, piece in enumerate(frequency)}
        rows = []
        for document in documents:
            columns = np.fromiter((column[piece] for piece in document), dtype=np.int64)
            order = np.argsort(columns)
            rows.append((columns[order], _unit([idf[piece] for piece in document])[order]))
        # The constant 1 added to every product is the bias's feature.
        gram = np.ones((count, count))
        # A few thousand columns at a time: all at once (615 exemplars by 13,024 pieces,
        # 32 MB) set the bot's peak memory.
        for start in range(0, len(column), COLUMNS_AT_ONCE):
            block = np.zeros((count, COLUMNS_AT_ONCE), dtype=np.float32)
            for row, (columns, values) in enumerate(rows):
                first, last = np.searchsorted(columns, (start, start + COLUMNS_AT_ONCE))
                block[row, columns[first:last] - start] = values[first:last]
            gram += block @ block.T
        targets = np.r_[np.ones(len(unsafe)), -np.ones(len(ordinary))]
        weighing = np.r_[
            np.full(len(unsafe), len(ordinary) / max(len(unsafe), 1)), np.ones(len(ordinary))
        ]
        dual = np.linalg.solve(weighing[:, None] * gram + ridge * np.eye(count), weighing * targets)
        primal = np.zeros(len(column))
        for weight, (columns, values) in zip(dual, rows, strict=True):
            primal[columns] += weight * values
        weights = {piece: float(primal[index]) for piece, index in column.items()}
        return cls(weights, idf, unknown_idf, float(dual.sum()))

    def score(self, message: str) -> float:
        """Above 0 leans towards crisis."""
        found = list(pieces(message))
        values = _unit([self.idf.get(piece, self.unknown_idf) for piece in found])
        weights = np.array([self.weights.get(piece, 0.0) for piece in found])
        return float(weights @ values) + self.bias


def _unit(values: Iterable[float]) -> np.ndarray:
    array = np.fromiter(values, dtype=np.float64)
    norm = float(np.linalg.norm(array))
    return array / norm if norm else array
