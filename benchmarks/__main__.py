"""Run every benchmark module in order, then print one summary of all their figures."""

from __future__ import annotations

import time
from types import ModuleType

from benchmarks import engine, report, safety, telegram_load, web
from benchmarks.report import Figure

# Benchmark modules, run in this order. Each has a main() that prints its own sections
# and returns its figures (a sequence of report.Figure) for the summary.
BENCHMARKS: tuple[ModuleType, ...] = (engine, safety, telegram_load, web)


def main() -> None:
    started = time.perf_counter()
    found: list[Figure] = []
    for module in BENCHMARKS:
        found.extend(module.main())
    report.summary(found)
    print(f"  total run time: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
