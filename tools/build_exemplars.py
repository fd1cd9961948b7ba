"""Rebuild faq/safety-exemplars.yaml from the crisis sets (run by hand, not at run time).

    .venv/bin/python tools/build_exemplars.py

Crisis and concern exemplars come from the project's crisis sets and the development
parts of the real-wording sets (never the sealed parts); their non-crisis items are the
ordinary look-alikes. Many exemplars mix an ordinary question with the crisis ("can I
drive home after an infusion? not that it matters, i won't be around much longer"):
kept whole, they would flag the ordinary question on its own. So each exemplar keeps
only its clauses that read unlike every knowledge-base phrasing, or that a named rule
flags.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import yaml

from faq import knowledge, language, safety, semantic
from faq.embedding import Encoder, VectorCache, locate

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
PROJECT_SETS = ("crisis", "crisis2", "crisis3", "crisis4", "crisis5", "crisis6")
# The development parts of the real-wording sets (never their sealed parts).
REAL_DEV = (
    "real_crisis_dev",
    "real_crisis_2_dev",
    "real_crisis_3_dev",
    "real_crisis_4_dev",
    "real_crisis_5_dev",
    "real_crisis_6_dev",
    "real_crisis_7_dev",
)
# The later collections' development parts give their crises only. Their look-alikes
# are mostly news, statistics and advice about suicide, which the issue does not limit
# and which, as ordinary exemplars, pull the classifiers away from crises: with them,
# the used sealed parts of collections 1-12 (never exemplars) gained 4 English crises
# and lost 9 Spanish ones, and an idiom was flagged; without them, 8 English and 2
# Spanish more were found and none lost, for 6 more of 2,224 questions flagged (11 ->
# 17, 0.76%).
REAL_DEV_CRISES = (
    "real_crisis_8_dev",
    "real_crisis_9_dev",
    "real_crisis_10_dev",
    "real_crisis_11_dev",
    "real_crisis_12_dev",
    "real_crisis_13_dev",
)
# The development question sets' idioms, off-topic messages and greetings are ordinary
# look-alikes too ("i'd kill for a treatment that works", "whats the weather like
# tomorrow"); the blind sets' are kept to measure false alarms on.
DEV_QUESTION_SETS = ("eval", "holdout")
# Real Spanish questions and look-alikes (the development part): the Spanish negatives.
SPANISH_QUESTION_SETS = ("real_questions_es_dev",)
ORDINARY_KINDS = ("idiom", "off_topic", "greeting")
# A clause at least this close to a knowledge-base phrasing is an ordinary question.
ORDINARY_CLAUSE = 0.55
_CLAUSE_END = re.compile(r"(?<=[.?!,;:])\s+|\s+-+\s+|\n+")

HEADER = """\
# Exemplars of the semantic safety net (faq/semantic.py): messages whose meaning is a
# crisis (suicide, self-harm, overdose) or a concern (distress without clear danger),
# and ordinary look-alikes (idioms, OCD's intrusive thoughts, questions about risk)
# that must not be flagged. The knowledge base's own phrasings are look-alikes too.
#
# Each item names where it came from: the project's crisis sets (tests/data/crisis*.yaml)
# or the page of real published wording it was copied from (the development part,
# tests/data/real_crisis_dev.yaml; the sealed part is never used). The `spanish` lists
# are compared only with each other: Spanish crises and distress, and Spanish
# look-alikes and questions. An exemplar that mixed an ordinary question with the crisis
# keeps only its crisis clauses.
#
# Made by tools/build_exemplars.py. To add one by hand: put the message in the right
# list with its source; `faqbot why "message"` shows the nearest exemplar.
"""


def main() -> None:
    encoder = Encoder.load(locate())
    cache = VectorCache()
    kb = knowledge.load()
    phrasings = list(semantic.kb_phrasings(kb))
    ordinary_vectors = cache.vectors(encoder, phrasings)
    lists: dict[str, list[dict[str, str]]] = {"crisis": [], "concern": [], "ordinary": []}
    spanish: dict[str, list[dict[str, str]]] = {"crisis": [], "concern": [], "ordinary": []}
    seen: set[str] = set()

    def add(
        name: str, text: str, source: str, into: dict[str, list[dict[str, str]]] = lists
    ) -> None:
        key = " ".join(text.split()).casefold()
        if key not in seen:
            seen.add(key)
            into[name].append({"text": " ".join(text.split()), "source": source})

    for name in PROJECT_SETS:
        for item in yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8")):
            source = f"tests/data/{name}.yaml"
            if item["crisis"]:
                add("crisis", _crisis_part(item["text"], encoder, ordinary_vectors), source)
            else:
                add("ordinary", item["text"], source)
    for name in DEV_QUESTION_SETS:
        for item in yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8")):
            if item["kind"] in ORDINARY_KINDS:
                add("ordinary", item["text"], f"tests/data/{name}.yaml")
    real = [
        item
        for name in (*REAL_DEV, *REAL_DEV_CRISES)
        for item in yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))
        if item["crisis"] or name in REAL_DEV
    ]
    for item in real:
        if item.get("lang") == "es":
            tier = "concern" if item.get("kind") == "distress" else "crisis"
            add(tier if item["crisis"] else "ordinary", item["text"], item["source"], spanish)
            continue
        if language.detect(item["text"]) != language.ENGLISH:
            continue
        if not item["crisis"]:
            add("ordinary", item["text"], item["source"])
            continue
        tier = "concern" if item.get("kind") == "distress" else "crisis"
        add(tier, _crisis_part(item["text"], encoder, ordinary_vectors), item["source"])
    for name in SPANISH_QUESTION_SETS:
        for item in yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8")):
            add("ordinary", item["text"], item["source"], spanish)
    body = yaml.safe_dump(
        {**lists, "spanish": spanish}, allow_unicode=True, sort_keys=False, width=100
    )
    semantic.EXEMPLARS_PATH.write_text(HEADER + body, encoding="utf-8")
    print({name: len(items) for name, items in lists.items()})
    print({f"spanish {name}": len(items) for name, items in spanish.items()})


def _crisis_part(text: str, encoder: Encoder, ordinary: np.ndarray) -> str:
    """The exemplar without its clauses that read like an ordinary question."""
    clauses = [clause for clause in _CLAUSE_END.split(text.strip()) if clause.strip()]
    if len(clauses) < 2:
        return text
    closeness = (encoder.encode(clauses) @ ordinary.T).max(axis=1)
    kept = [
        clause
        for clause, close in zip(clauses, closeness, strict=True)
        if close < ORDINARY_CLAUSE or safety.fired(clause)
    ]
    return " ".join(kept) if kept else text


if __name__ == "__main__":
    main()
