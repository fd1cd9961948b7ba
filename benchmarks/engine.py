"""Benchmarks of the answer engine: matcher latency and build time, knowledge-base load,
`faqbot ask` cold start and imports, and peak memory.

Run with `python -m benchmarks` (all benchmark modules) or `python -m benchmarks.engine`.
Every figure is printed beside its target; nothing here asserts a timing.
"""

from __future__ import annotations

import gc
import json
import math
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from benchmarks import report, synthetic
from benchmarks.report import NOT_AVAILABLE, Figure
from faq import knowledge
from faq.knowledge import KnowledgeBase
from faq.matcher import Matcher

ROOT = Path(__file__).resolve().parents[1]

LOAD_TARGET_MS = 100.0
COLD_START_TARGET_MS = 300.0

LOAD_RUNS = 10
COLD_START_RUNS = 10
IMPORTTIME_RUNS = 5
CLI_QUERY = "is ketamine addictive"

# Patients' messages as (category, text). The same list runs against every base.
_WALL_OF_TEXT = " ".join(
    [
        "I have had OCD for most of my life and it has taken so much from me.",
        "It started with checking the stove and the locks, then the hand washing came.",
        "I have been on fluoxetine, sertraline and clomipramine, and did two rounds of ERP.",
        "Some of it helped for a while but the intrusive thoughts always came back worse.",
    ]
    * 12
    + ["After all of that, my question is simple: how fast would ketamine infusions work for me?"]
)
QUERIES: tuple[tuple[str, str], ...] = (
    ("keyword", "addictive?"),
    ("keyword", "side effects"),
    ("keyword", "ketamine ocd"),
    ("keyword", "success rate"),
    ("keyword", "how long does it last"),
    ("keyword", "is ketamine addictive"),
    ("keyword", "how fast does it work"),
    ("keyword", "what is ocd"),
    ("typo", "is ketamin adictive"),
    ("typo", "how lng dose it last"),
    ("typo", "sied efects of ketamine"),
    ("typo", "wat r compulsions"),
    ("typo", "does ketamien work for ocd"),
    ("typo", "obsesive thouhgts treatmnet"),
    ("typo", "how qiuck does it wrk"),
    (
        "long",
        "I have had OCD since I was a teenager. I've tried three different SSRIs and a lot of "
        "ERP. Nothing has really helped with the intrusive thoughts. My psychiatrist mentioned "
        "ketamine. How quickly would I notice a difference?",
    ),
    (
        "long",
        "My daughter is 24 and struggles with contamination fears. She washes her hands until "
        "they bleed. We read about ketamine infusions online. Is it safe and is it addictive?",
    ),
    (
        "long",
        "Hello. I'm worried about the side effects. I had anesthesia once and felt very strange "
        "afterwards. Does ketamine cause the same kind of feeling, and how long does it last?",
    ),
    (
        "long",
        "I started ketamine infusions last month and the first two helped a lot. Now I'm scared "
        "it will wear off. Do the results last or will I need more forever?",
    ),
    (
        "long",
        "So my doctor says my OCD is treatment resistant. I don't really know what that means. "
        "Is ketamine meant for people like me? Who is a good candidate?",
    ),
    ("wall of text", _WALL_OF_TEXT),  # over Matcher.MAX_CHARS: read from both ends
    ("off-topic", "what's the weather like in Boston tomorrow"),
    ("off-topic", "can you recommend a good pizza place near the clinic"),
    ("off-topic", "how much does it cost"),
    ("off-topic", "does insurance cover ketamine infusions"),
    ("off-topic", "who won the football game last night"),
    ("off-topic", "my car makes a weird noise when I brake"),
    ("off-topic", "can I bring my dog to the appointment"),
    ("gibberish", "asdfghjkl"),
    ("gibberish", "qwe rty uiop zxcv"),
    ("gibberish", "lkjh ffff gggg hhhh jjjj kkkk"),
    ("gibberish", "xyzzy plugh frobnicate"),
    ("gibberish", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
    ("gibberish", "123 456 7890"),
    ("emoji", "\U0001f48a\u2753"),
    ("emoji", "\U0001f62d\U0001f62d\U0001f62d ketamine \U0001f64f"),
    ("emoji", "\U0001f44d"),
    ("emoji", "is it addictive \U0001f914\U0001f914"),
    ("emoji", "\U0001f9e0\U0001f489 how fast does it work \u26a1\ufe0f"),
    ("social", "hi there"),
    ("social", "thanks so much!"),
    ("crisis", "i took too many of my pills"),
)


@dataclass(frozen=True)
class Sample:
    """One timed call of Matcher.reply."""

    query: int  # index into QUERIES
    nanoseconds: int

    @property
    def category(self) -> str:
        return QUERIES[self.query][0]


@dataclass(frozen=True)
class RoundPlan:
    """How many timed rounds of the query list to run on one base."""

    budget_seconds: float
    min_rounds: int
    max_rounds: int


@dataclass(frozen=True)
class BaseSpec:
    """A knowledge base to benchmark: its size, p99 target and how long to spend on it."""

    size: int | None  # entries of a synthetic base; None for the real base
    p99_target_ms: float | None
    latency: RoundPlan
    construction: RoundPlan

    @property
    def label(self) -> str:
        return "real" if self.size is None else f"{self.size:,} entries"


@dataclass(frozen=True)
class Base:
    """A knowledge base to benchmark, built."""

    spec: BaseSpec
    kb: KnowledgeBase

    @property
    def label(self) -> str:
        return self.spec.label


BASES: tuple[BaseSpec, ...] = (
    BaseSpec(None, 1.0, RoundPlan(3.0, 20, 200), RoundPlan(1.0, 5, 50)),
    BaseSpec(1_000, 5.0, RoundPlan(6.0, 5, 50), RoundPlan(3.0, 2, 10)),
    BaseSpec(10_000, None, RoundPlan(10.0, 1, 10), RoundPlan(0.0, 1, 1)),
)


# The real knowledge base


def real_base() -> tuple[KnowledgeBase, str | None]:
    """The real base; if it fails its checks, its unchecked contents and the reason."""
    try:
        return knowledge.load(), None
    except knowledge.KnowledgeBaseError as error:
        reason = f"{len(error.problems)} problem(s), first: {error.problems[0]}"
        return _unchecked(knowledge.DEFAULT_PATH), reason


def _unchecked(path: Path) -> KnowledgeBase:
    """The YAML's contents without the knowledge base checks (for a file mid-edit)."""
    data = knowledge.contents(path)
    if data is None:
        raise SystemExit(f"the knowledge base {path} is not readable YAML")
    entries = tuple(
        knowledge.Entry(
            id=item["id"],
            question=item["question"].strip(),
            answer=item["answer"].strip(),
            alternates=tuple(item.get("alternates") or ()),
            keywords=tuple(item.get("keywords") or ()),
        )
        for item in data["entries"]
    )
    return knowledge.KnowledgeBase(
        path=path,
        source_text=(knowledge.layout(path).files[0].parent / data["source"]).read_text(
            encoding="utf-8"
        ),
        clinic=knowledge.Clinic(name=data["clinic"]["name"], phone=data["clinic"]["phone"]),
        messages=knowledge.Messages(**data["messages"]),
        matching=knowledge.MatchSettings(**(data.get("matching") or {})),
        synonyms={word: tuple(variants) for word, variants in data["synonyms"].items()},
        entries=entries,
        unanswered=tuple(
            knowledge.Unanswered(topic=item["topic"], alternates=tuple(item["alternates"]))
            for item in data.get("unanswered") or ()
        ),
    )


def make_base(spec: BaseSpec, real: KnowledgeBase) -> Base:
    """The real base, or a synthetic one generated to the spec's size."""
    if spec.size is None:
        return Base(spec, real)
    started = time.perf_counter()
    kb = synthetic.build(real, spec.size)
    elapsed = time.perf_counter() - started
    phrasings = sum(1 + len(e.alternates) + len(e.keywords) for e in kb.entries)
    print(
        f"  generated {spec.label}: {phrasings:,} phrasings, "
        f"{len(kb.synonyms)} synonym groups ({elapsed:.1f} s)"
    )
    return Base(spec, kb)


# Timing helpers


def percentile(values: Sequence[int], fraction: float) -> int:
    """The nearest-rank percentile: the smallest value with `fraction` of values at or below."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def rounds_for(plan: RoundPlan, round_seconds: float) -> int:
    """Rounds that fit the time budget, within the plan's bounds."""
    fitting = int(plan.budget_seconds / round_seconds) if round_seconds > 0 else plan.max_rounds
    return max(plan.min_rounds, min(plan.max_rounds, fitting))


def time_calls(call: Callable[[], object], runs: int) -> list[int]:
    """Wall time of each of `runs` calls, in nanoseconds."""
    found = []
    for _ in range(runs):
        started = time.perf_counter_ns()
        call()
        found.append(time.perf_counter_ns() - started)
    return found


# 1. Matcher latency


def time_round(matcher: Matcher) -> list[Sample]:
    """One pass over the query list, each call timed on its own."""
    samples = []
    for index, (_, message) in enumerate(QUERIES):
        started = time.perf_counter_ns()
        matcher.reply(message)
        samples.append(Sample(index, time.perf_counter_ns() - started))
    return samples


def measure_latency(matcher: Matcher, plan: RoundPlan) -> list[Sample]:
    """Samples of every query after one untimed warm-up round sized the run."""
    started = time.perf_counter()
    time_round(matcher)  # warm-up: caches, lazily built regexes, branch predictors
    rounds = rounds_for(plan, time.perf_counter() - started)
    gc.collect()
    return [sample for _ in range(rounds) for sample in time_round(matcher)]


def latency_figures(base: Base, samples: Sequence[Sample]) -> list[Figure]:
    values = [sample.nanoseconds for sample in samples]
    return [
        report.timing(f"latency mean, {base.label}", statistics.fmean(values)),
        report.timing(
            f"latency p99, {base.label}", percentile(values, 0.99), base.spec.p99_target_ms
        ),
    ]


def print_latency(found: dict[str, list[Sample]]) -> None:
    """Mean and max per query category, one column per base."""
    labels = list(found)
    categories = list(dict.fromkeys(category for category, _ in QUERIES))
    rows = []
    for category in categories:
        row = [category]
        for label in labels:
            values = [s.nanoseconds for s in found[label] if s.category == category]
            row.append(
                f"{report.format_ms(statistics.fmean(values))} / {report.format_ms(max(values))}"
            )
        rows.append(row)
    print("  mean / max per query category:")
    report.table(("category", *labels), rows)
    counts = ", ".join(f"{label}: {len(samples):,}" for label, samples in found.items())
    print(f"  samples ({len(QUERIES)} queries x rounds): {counts}")
    for label, samples in found.items():
        print(f"  slowest queries, {label}: {slowest_queries(samples)}")
    print()


def slowest_queries(samples: Sequence[Sample], count: int = 3) -> str:
    """The queries with the highest mean time, each shortened, with that mean."""
    times: dict[int, list[int]] = {}
    for sample in samples:
        times.setdefault(sample.query, []).append(sample.nanoseconds)
    means = sorted(((statistics.fmean(v), q) for q, v in times.items()), reverse=True)
    return ", ".join(f"{_shorten(QUERIES[q][1])} {report.format_ms(m)}" for m, q in means[:count])


def _shorten(message: str, width: int = 28) -> str:
    flat = " ".join(message.split())
    return repr(flat if len(flat) <= width else flat[: width - 3] + "...")


# 2. Matcher construction


def measure_construction(kb: KnowledgeBase, plan: RoundPlan) -> tuple[Matcher, list[int]]:
    """Build times of the index; the first build sizes the run and is counted."""
    started = time.perf_counter_ns()
    matcher = Matcher(kb)
    first = time.perf_counter_ns() - started
    extra = rounds_for(plan, first / 1e9) - 1
    return matcher, [first, *time_calls(lambda: Matcher(kb), extra)]


# 3. Knowledge-base load


def load_figures(load_problem: str | None) -> list[Figure]:
    name = f"knowledge.load() mean of {LOAD_RUNS}"
    if load_problem is not None:
        print(f"  {NOT_AVAILABLE}: the real base fails its checks ({load_problem})")
        return [report.timing(name, None, LOAD_TARGET_MS)]
    knowledge.load()  # warm-up: file cache
    runs = time_calls(knowledge.load, LOAD_RUNS)
    print(
        f"  {LOAD_RUNS} runs: min {report.format_ms(min(runs))}, "
        f"max {report.format_ms(max(runs))}, libyaml available: {yaml.__with_libyaml__}"
    )
    return [report.timing(name, statistics.fmean(runs), LOAD_TARGET_MS)]


# 4. `faqbot ask` cold start and imports


def cli_command(*arguments: str) -> list[str]:
    """The installed `faqbot` script when there is one, else `python -m bot.cli`."""
    script = Path(sys.executable).with_name("faqbot")
    if script.exists():
        return [str(script), *arguments]
    return [sys.executable, "-m", "bot.cli", *arguments]


def run(command: Sequence[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def last_line(output: str) -> str:
    lines = output.strip().splitlines()
    return lines[-1] if lines else "(no output)"


def cli_problem(result: subprocess.CompletedProcess[str]) -> str | None:
    """Why a `faqbot ask --json` run cannot be benchmarked, or None when it worked."""
    if result.returncode != 0:
        return f"exit {result.returncode}: {last_line(result.stderr)}"
    try:
        reply = json.loads(result.stdout)
    except json.JSONDecodeError:
        return f"output is not JSON: {last_line(result.stdout)}"
    if not isinstance(reply, dict) or "kind" not in reply:
        return "output is not a reply object"
    print(f"  reply to {CLI_QUERY!r}: kind={reply['kind']}, id={reply.get('id')}")
    return None


def cold_start_figures() -> list[Figure]:
    command = cli_command("ask", "--json", CLI_QUERY)
    print(f"  command: {' '.join(command[:-1])} {CLI_QUERY!r}")
    names = (f"faqbot ask cold start median of {COLD_START_RUNS}", "faqbot ask cold start max")
    problem = cli_problem(run(command))  # untimed first run: also writes .pyc files
    if problem is not None:
        print(f"  {NOT_AVAILABLE}: {problem}")
        return [report.timing(names[0], None, COLD_START_TARGET_MS), report.timing(names[1], None)]
    runs = time_calls(lambda: run(command), COLD_START_RUNS)
    return [
        report.timing(names[0], statistics.median(runs), COLD_START_TARGET_MS),
        report.timing(names[1], max(runs)),
        telegram_in_cli_figure(command),
    ]


def imported_modules(importtime_output: str) -> list[tuple[int, int, str]]:
    """(self us, cumulative us, module) for each line `python -X importtime` wrote."""
    found = []
    for line in importtime_output.splitlines():
        if not line.startswith("import time:"):
            continue
        fields = [part.strip() for part in line.removeprefix("import time:").split("|")]
        if len(fields) == 3 and fields[0].isdigit():
            found.append((int(fields[0]), int(fields[1]), fields[2]))
    return found


def is_telegram(module: str) -> bool:
    return module.strip() == "telegram" or module.strip().startswith("telegram.")


def telegram_in_cli_figure(command: Sequence[str]) -> Figure:
    """Whether `faqbot ask` imports python-telegram-bot (informational: no target)."""
    script = command[1:] if command[0] == sys.executable else command
    result = run([sys.executable, "-X", "importtime", *script])
    if result.returncode != 0:
        return Figure("faqbot ask imports telegram", NOT_AVAILABLE)
    imported = any(is_telegram(module) for _, _, module in imported_modules(result.stderr))
    return Figure("faqbot ask imports telegram", "yes" if imported else "no")


def importtime_figures() -> list[Figure]:
    """Cumulative import time of faq.matcher, median of several runs, and its slowest parts."""
    command = [sys.executable, "-X", "importtime", "-c", "import faq.matcher"]
    totals = []
    modules: list[tuple[int, int, str]] = []
    for _ in range(IMPORTTIME_RUNS):
        modules = imported_modules(run(command).stderr)
        totals.extend(cumulative for _, cumulative, name in modules if name == "faq.matcher")
    if not totals:
        print(f"  {NOT_AVAILABLE}: no import time reported for faq.matcher")
        return [report.timing("import faq.matcher (-X importtime)", None)]
    slowest = sorted(modules, reverse=True)[:5]
    print("  slowest imports by own time (last run): ", end="")
    print(", ".join(f"{name.strip()} {own / 1000:.1f} ms" for own, _, name in slowest))
    median_ns = statistics.median(totals) * 1000
    return [report.timing(f"import faq.matcher median of {len(totals)}", median_ns)]


def telegram_figure() -> Figure:
    """Whether importing faq.matcher pulls in python-telegram-bot (it must not)."""
    code = (
        "import sys, faq.matcher; "
        "print(sorted(m for m in sys.modules if m == 'telegram' or m.startswith('telegram.')))"
    )
    result = run([sys.executable, "-c", code])
    if result.returncode != 0:
        return Figure("faq.matcher imports telegram", NOT_AVAILABLE, "no", None)
    imported = result.stdout.strip() != "[]"
    if imported:
        print(f"  telegram modules loaded by faq.matcher: {result.stdout.strip()}")
    return Figure("faq.matcher imports telegram", "yes" if imported else "no", "no", not imported)


# 5. Peak memory


def peak_rss_kib() -> int:
    """The process's peak resident set size in KiB (ru_maxrss is bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


# ru_maxrss of a process started straight from this one starts at this process's own
# peak: Linux keeps the peak of the memory image an exec replaces, and a child's image
# before its exec is this process's. A small launcher in between gives the probe a
# small image to replace, so its ru_maxrss is its own.
_LAUNCHER = (
    "import subprocess, sys; "
    "sys.exit(subprocess.run([sys.executable, '-c', sys.argv[1]]).returncode)"
)


def memory_probe(kind: str) -> None:
    """Run in a fresh interpreter: do one job, then print the peak RSS in KiB."""
    if kind != "imports":
        kb, _ = real_base()
        if kind != "real":
            kb = synthetic.build(kb, int(kind))
        Matcher(kb)
    print(peak_rss_kib())


def memory_figures() -> list[Figure]:
    probes = (
        ("peak RSS, interpreter + imports", "imports"),
        ("peak RSS, real base + Matcher", "real"),
        ("peak RSS, 10,000-entry base + Matcher", "10000"),
    )
    found = []
    for name, kind in probes:
        code = f"from benchmarks.engine import memory_probe; memory_probe({kind!r})"
        result = run([sys.executable, "-c", _LAUNCHER, code])
        value = last_line(result.stdout)
        if result.returncode != 0 or not value.isdigit():
            print(f"  {name}: {NOT_AVAILABLE}: {last_line(result.stderr)}")
            found.append(Figure(name, NOT_AVAILABLE))
        else:
            found.append(Figure(name, report.format_kib(int(value))))
    return found


# The whole run


def engine_sections(real: KnowledgeBase, load_problem: str | None) -> list[Figure]:
    report.header("Engine: synthetic knowledge bases")
    construction = []
    latency = []
    samples: dict[str, list[Sample]] = {}
    # One base at a time, each dropped before the next is made: the bot's process holds
    # one knowledge base, and the 10,000-entry one alive in the same heap slowed the real
    # base's replies by about a quarter.
    for spec in BASES:
        base = make_base(spec, real)
        matcher, times = measure_construction(base.kb, spec.construction)
        construction.append(
            report.timing(f"Matcher() mean of {len(times)}, {base.label}", statistics.fmean(times))
        )
        samples[base.label] = measure_latency(matcher, spec.latency)
        latency += latency_figures(base, samples[base.label])
        del base, matcher
        gc.collect()

    report.header("Engine: Matcher construction (index build)")
    report.figures(construction)

    report.header("Engine: Matcher.reply latency")
    print_latency(samples)
    report.figures(latency)

    report.header("Engine: knowledge-base load (YAML + checks)")
    load = load_figures(load_problem)
    report.figures(load)
    return latency + construction + load


def process_sections() -> list[Figure]:
    report.header("Engine: faqbot ask cold start and imports")
    startup = [*cold_start_figures(), *importtime_figures(), telegram_figure()]
    report.figures(startup)

    report.header("Engine: peak memory (fresh process, ru_maxrss)")
    memory = memory_figures()
    report.figures(memory)
    return startup + memory


def main() -> list[Figure]:
    """Run every engine benchmark, print each section, and return the figures."""
    report.header("Engine: answer engine benchmarks")
    real, load_problem = real_base()
    print(f"  real base: {len(real.entries)} entries, {len(real.unanswered)} unanswered topics")
    if load_problem is not None:
        print(
            f"  WARNING: the real base fails its checks, benchmarking it unchecked: {load_problem}"
        )
    return engine_sections(real, load_problem) + process_sections()


if __name__ == "__main__":
    report.summary(main())
