"""Crises written beside a patient's question (run by hand; prints figures).

    .venv/bin/python tools/beside_a_question.py [--seed 7]

A patient may write their despair and their question in one message ("I will soon be
gone. Is ketamine infusion therapy FDA approved for OCD treatment?"). Each English
item of the real crisis collections (crises and look-alikes) is put beside a real
question from the real question sets, drawn at random: after it, before it, on the
next line with no full stop, and straight on with none; the whole product replies.
It counts the messages that get crisis resources or the check-in; pairs of questions
count the false alarms. The settings for reading a message sentence by sentence in
`faq/semantic.py` were chosen on collections 1-8; the later ones check them.
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from pathlib import Path

import yaml

from bot import engine
from faq import knowledge
from faq.matcher import Matcher
from faq.reply import SAFETY_KINDS

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
CHOSEN_ON = 8  # collections up to this one chose the settings
QUESTION_PAIRS = 400
FORMS = ("alone", "then a question", "a question first", "next line", "no stop")


def _items(path: Path) -> list[dict]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded if isinstance(loaded, list) else []


def _questions() -> list[str]:
    """One-sentence real questions, in scope or not, short enough to sit beside a story."""
    found = {
        item["text"]
        for path in DATA.glob("real_questions*.yaml")
        for item in _items(path)
        if item.get("kind") in ("answer", "unanswered")
        and item.get("lang", "en") == "en"
        and len(item["text"]) < 110
        and item["text"].strip().endswith("?")
        and item["text"].count("?") == 1
    }
    return sorted(found)


def _collection(path: Path) -> int:
    number = re.search(r"real_crisis_(\d+)_", path.name)
    return int(number.group(1)) if number else 1


def _flagged(matcher: Matcher, message: str) -> bool:
    return matcher.reply(message).kind in SAFETY_KINDS


def main() -> None:
    """Print, per group of collections, how often each item is found alone and beside."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7, help="which question each item gets")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    questions = _questions()
    matcher = engine.configured_matcher(knowledge.load())
    counts: Counter[tuple[str, str, str]] = Counter()
    for path in sorted(DATA.glob("real_crisis*.yaml")):
        group = f"1-{CHOSEN_ON}" if _collection(path) <= CHOSEN_ON else f"{CHOSEN_ON + 1}-"
        for item in _items(path):
            if item.get("lang", "en") != "en":
                continue
            label = "crises" if item.get("crisis") else "look-alikes"
            message = item["text"].strip()
            question = rng.choice(questions)
            counts[group, label, "n"] += 1
            counts[group, label, "alone"] += _flagged(matcher, message)
            counts[group, label, "then a question"] += _flagged(matcher, f"{message} {question}")
            counts[group, label, "a question first"] += _flagged(matcher, f"{question} {message}")
            # As typed in a chat: no full stop, the question on the next line or straight on.
            bare = message.rstrip(".")
            counts[group, label, "next line"] += _flagged(matcher, f"{bare}\n{question}")
            counts[group, label, "no stop"] += _flagged(matcher, f"{bare} {question}")
    print(f"{len(questions)} real questions to put beside them (seed {args.seed})")
    for group in sorted({key[0] for key in counts}):
        for label in ("crises", "look-alikes"):
            total = counts[group, label, "n"]
            found = ", ".join(
                f"{form} {counts[group, label, form]} ({counts[group, label, form] / total:.1%})"
                for form in FORMS
            )
            print(f"collections {group}, {total} {label} flagged: {found}")
    pairs = [" ".join(rng.sample(questions, 2)) for _ in range(QUESTION_PAIRS)]
    flagged = sum(_flagged(matcher, pair) for pair in pairs)
    print(f"two real questions in one message flagged: {flagged} of {len(pairs)}")


if __name__ == "__main__":
    main()
