"""Benchmarks of triage with the semantic safety net: the whole reply's latency on the
real knowledge base, the model's load time, and the process's memory.

Run with `python -m benchmarks` (all benchmark modules) or `python -m benchmarks.safety`.
Every figure is printed beside its target; nothing here asserts a timing.
"""

from __future__ import annotations

import statistics
import sys
import time

from benchmarks import report
from benchmarks.engine import _LAUNCHER, QUERIES, last_line, percentile, run
from benchmarks.report import NOT_AVAILABLE, Figure
from bot import engine
from faq import knowledge
from faq.embedding import Encoder, ModelError, locate

REPLY_P99_TARGET_MS = 25.0
ROUNDS = 20
# Crisis and distress wordings the net is there for, beside the engine's usual mix.
SAFETY_QUERIES: tuple[tuple[str, str], ...] = (
    ("safety", "You won't have to worry about me anymore."),
    ("safety", "I'll soon be at peace."),
    ("safety", "I can't take this anymore"),
    ("safety", "i think i accidentally took a double dose of my meds and i feel really weird"),
    ("safety", "ya no quiero vivir"),
)


def reply_figures() -> list[Figure]:
    """The whole reply (rules, net, matcher) for every message of the mix, ROUNDS times."""
    try:
        started = time.perf_counter_ns()
        encoder = Encoder.load(locate())
        loaded = time.perf_counter_ns() - started
    except ModelError as error:
        print(f"  the semantic net is off: {error}")
        return [report.timing("reply p99 with the semantic net", None, REPLY_P99_TARGET_MS)]
    kb = knowledge.load()
    started = time.perf_counter_ns()
    matcher = engine.matcher_for(kb, encoder, None)
    built = time.perf_counter_ns() - started
    messages = [text for _, text in (*QUERIES, *SAFETY_QUERIES)]
    for message in messages:  # warm: first calls pay for lazy set-up
        matcher.reply(message)
    samples: list[tuple[int, int]] = []
    for _ in range(ROUNDS):
        for index, message in enumerate(messages):
            started = time.perf_counter_ns()
            matcher.reply(message)
            samples.append((index, time.perf_counter_ns() - started))
    values = [nanoseconds for _, nanoseconds in samples]
    by_category: dict[str, list[int]] = {}
    categories = [category for category, _ in (*QUERIES, *SAFETY_QUERIES)]
    for index, nanoseconds in samples:
        by_category.setdefault(categories[index], []).append(nanoseconds)
    report.table(
        ("messages", "count", "mean", "p99"),
        [
            (
                name,
                str(len(found) // ROUNDS),
                report.format_ms(statistics.fmean(found)),
                report.format_ms(percentile(found, 0.99)),
            )
            for name, found in by_category.items()
        ],
    )
    return [
        report.timing("model load with sha256 checks", loaded),
        report.timing("matcher + net build, vectors cached", built),
        report.timing("reply mean with the semantic net, real base", statistics.fmean(values)),
        report.timing(
            "reply p99 with the semantic net, real base",
            percentile(values, 0.99),
            REPLY_P99_TARGET_MS,
        ),
    ]


def memory_probe() -> None:
    """Run in a fresh interpreter: build the engine as the bot does; print peak RSS."""
    from benchmarks.engine import peak_rss_kib

    matcher = engine.matcher_for(knowledge.load(), Encoder.load(locate()), None)
    matcher.reply("You won't have to worry about me anymore.")
    print(peak_rss_kib())


def memory_figures() -> list[Figure]:
    name = "peak RSS, real base + semantic net"
    code = "from benchmarks.safety import memory_probe; memory_probe()"
    result = run([sys.executable, "-c", _LAUNCHER, code])
    value = last_line(result.stdout)
    if result.returncode != 0 or not value.isdigit():
        print(f"  {name}: {NOT_AVAILABLE}: {last_line(result.stderr)}")
        return [Figure(name, NOT_AVAILABLE)]
    return [Figure(name, report.format_kib(int(value)))]


def main() -> list[Figure]:
    report.header("Safety: the whole reply with the semantic net")
    found = reply_figures()
    found += memory_figures()
    report.figures(found)
    return found


if __name__ == "__main__":
    main()
