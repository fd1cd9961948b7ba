"""How the semantic net reads wording it has never seen (run by hand; prints figures).

    .venv/bin/python tools/leave_one_out.py [--lean 0.3] [--margin -0.04] ...

Each collection of real published wording (tests/data/real_crisis*_dev.yaml and its
sealed part once that has had its sealed run) is left out in turn: its pages'
exemplars are taken out of the net, the classifiers are fitted on the rest, and the
collection is read by the net alone. The named rules are left out because they were
written from these very sets. Questions are never exemplars, so every fold also reads
every question set, to count false alarms. This is how the net's settings in
`faq/semantic.py` (`Thresholds`) were chosen; the flags here try others.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

import yaml

from faq import knowledge, language, lettergrams, semantic, triage
from faq.embedding import Encoder, VectorCache, locate
from faq.lettergrams import LetterLeaning
from faq.semantic import SafetyNet, Thresholds

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
COLLECTIONS = {
    "real_crisis": ("real_crisis_dev", "real_crisis_sealed"),
    "real_crisis_2": ("real_crisis_2_dev", "real_crisis_2_sealed"),
    "real_crisis_3": ("real_crisis_3_dev", "real_crisis_3_sealed"),
    "real_crisis_4": ("real_crisis_4_dev", "real_crisis_4_sealed"),
    "real_crisis_5": ("real_crisis_5_dev", "real_crisis_5_sealed"),
    # A sealed part joins once it has had its sealed run.
    "real_crisis_6": ("real_crisis_6_dev", "real_crisis_6_sealed"),
    "real_crisis_7": ("real_crisis_7_dev", "real_crisis_7_sealed"),
    "real_crisis_8": ("real_crisis_8_dev", "real_crisis_8_sealed"),
    "real_crisis_9": ("real_crisis_9_dev", "real_crisis_9_sealed"),
    "real_crisis_10": ("real_crisis_10_dev", "real_crisis_10_sealed"),
    "real_crisis_11": ("real_crisis_11_dev", "real_crisis_11_sealed"),
    "real_crisis_12": ("real_crisis_12_dev", "real_crisis_12_sealed"),
    "real_crisis_13": ("real_crisis_13_dev", "real_crisis_13_sealed"),
    "real_crisis_14": ("real_crisis_14_dev", "real_crisis_14_sealed"),
    "real_crisis_15": ("real_crisis_15_dev", "real_crisis_15_sealed"),
}
QUESTION_SETS = (
    *("eval", "holdout", "sealed", "blind2", "blind3", "blind4", "blind5", "blind6"),
    *(f"real_questions{n}_{half}" for n in ("", "_2", "_3", "_4") for half in ("dev", "sealed")),
    *(f"real_questions_{n}_{half}" for n in (*"56789", "10", "11") for half in ("dev", "sealed")),
    *("real_questions_12_dev", "real_questions_12_sealed"),
)
# The Spanish classifier is fitted on the dev part's questions; the other part is read.
SPANISH_QUESTIONS = "real_questions_es_sealed"


def main() -> None:
    defaults = Thresholds()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lean", type=float, default=defaults.leaning)
    parser.add_argument("--margin", type=float, default=defaults.leaning_margin)
    parser.add_argument("--strong-lean", type=float, default=defaults.strong_leaning)
    parser.add_argument("--strong-margin", type=float, default=defaults.strong_leaning_margin)
    parser.add_argument("--ridge", type=float, default=defaults.ridge)
    parser.add_argument("--lean-es", type=float, default=defaults.leaning_es)
    parser.add_argument("--ridge-es", type=float, default=defaults.ridge_es)
    parser.add_argument("--ridge-letters", type=float, default=lettergrams.RIDGE)
    parser.add_argument("--both", type=float, default=triage.BOTH_FROM)
    args = parser.parse_args()
    limits = dataclasses.replace(
        defaults,
        leaning=args.lean,
        leaning_margin=args.margin,
        strong_leaning=args.strong_lean,
        strong_leaning_margin=args.strong_margin,
        ridge=args.ridge,
        leaning_es=args.lean_es,
        ridge_es=args.ridge_es,
    )
    encoder, cache = Encoder.load(locate()), VectorCache()
    phrasings = semantic.kb_phrasings(knowledge.load())
    raw = yaml.safe_load(semantic.EXEMPLARS_PATH.read_text(encoding="utf-8"))
    questions = [
        item["text"]
        for name in QUESTION_SETS
        for item in _items(name)
        if item["kind"] in ("answer", "unanswered")
    ]
    spanish_questions = [
        item["text"] for item in _items(SPANISH_QUESTIONS) if item["kind"] == "ordinary"
    ]
    totals = {key: [0, 0] for key in ("en", "en-lookalike", "es", "es-lookalike")}
    question_alarms = spanish_alarms = 0
    for collection, names in COLLECTIONS.items():
        items = [item for name in names for item in _items(name)]
        pages = {item["source"] for item in items}
        exemplars = semantic.exemplars_from(raw, pages)
        net = SafetyNet(encoder, exemplars, phrasings, cache, limits)
        letters = triage.letters_of(exemplars, args.ridge_letters)
        counts = {key: [0, 0] for key in totals}
        for item in items:
            spanish = item.get("lang") == "es"
            if not spanish and language.detect(item["text"]) != language.ENGLISH:
                continue
            if spanish:
                found = _spanish_flag(net, letters, args.both, item["text"])
            else:
                found = net.assess(item["text"]).tier is not None
            key = ("es" if spanish else "en") + ("" if item["crisis"] else "-lookalike")
            counts[key][0] += found
            counts[key][1] += 1
        alarms = sum(net.assess(text).tier is not None for text in questions)
        spanish_alarm = sum(
            _spanish_flag(net, letters, args.both, text) for text in spanish_questions
        )
        print(
            f"{collection}: English crises {_ratio(counts['en'])}, look-alikes "
            f"{_ratio(counts['en-lookalike'])}; Spanish crises {_ratio(counts['es'])}, "
            f"look-alikes {_ratio(counts['es-lookalike'])}; questions flagged {alarms} of "
            f"{len(questions)}, Spanish questions {spanish_alarm} of {len(spanish_questions)}",
            flush=True,
        )
        for key, (found, seen) in counts.items():
            totals[key][0] += found
            totals[key][1] += seen
        question_alarms += alarms
        spanish_alarms += spanish_alarm
    folds = len(COLLECTIONS)
    print(
        f"all: English crises {_ratio(totals['en'])}, look-alikes "
        f"{_ratio(totals['en-lookalike'])}; Spanish crises {_ratio(totals['es'])}, "
        f"look-alikes {_ratio(totals['es-lookalike'])}; questions flagged "
        f"{question_alarms} in {folds} folds of {len(questions)}, Spanish questions "
        f"{spanish_alarms} in {folds} folds of {len(spanish_questions)}"
    )


def _spanish_flag(net: SafetyNet, letters: LetterLeaning, both: float, message: str) -> bool:
    """Whether the Spanish side flags a message: the model's classifier and the letters,
    their leans added."""
    verdict = net.assess_spanish(message)
    assert verdict is not None  # every fold keeps Spanish exemplars
    return verdict.leaning + letters.score(message) >= both


def _items(name: str) -> list[dict]:
    return yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))


def _ratio(pair: list[int]) -> str:
    found, seen = pair
    return f"{found}/{seen} ({100 * found / seen:.1f}%)" if seen else "0/0"


if __name__ == "__main__":
    main()
