"""Figures and aligned tables shared by every benchmark module.

A benchmark prints what it measured next to its target; it never asserts a timing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

NOT_AVAILABLE = "not available"
NO_TARGET = "-"


@dataclass(frozen=True)
class Figure:
    """One measured figure, with its target and whether the target was met (None: no target)."""

    name: str
    value: str
    target: str = NO_TARGET
    met: bool | None = None

    @property
    def met_text(self) -> str:
        if self.met is None:
            return NO_TARGET
        return "yes" if self.met else "no"


def format_ms(nanoseconds: float) -> str:
    """A duration in the unit that reads best: ms with three decimals below 10 ms."""
    milliseconds = nanoseconds / 1e6
    if milliseconds < 10:
        return f"{milliseconds:.3f} ms"
    if milliseconds < 1000:
        return f"{milliseconds:.1f} ms"
    return f"{milliseconds / 1000:.2f} s"


def format_kib(kib: float) -> str:
    """A memory size in MiB."""
    return f"{kib / 1024:.1f} MiB"


def timing(name: str, nanoseconds: float | None, limit_ms: float | None = None) -> Figure:
    """A duration figure; `limit_ms` is the target's upper bound, if it has one."""
    if nanoseconds is None:
        target = NO_TARGET if limit_ms is None else f"<= {limit_ms:g} ms"
        return Figure(name, NOT_AVAILABLE, target, None)
    if limit_ms is None:
        return Figure(name, format_ms(nanoseconds))
    return Figure(
        name, format_ms(nanoseconds), f"<= {limit_ms:g} ms", nanoseconds <= limit_ms * 1e6
    )


def header(title: str) -> None:
    """The one-line header that opens a section."""
    print(f"\n== {title} ==", flush=True)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """An aligned table: the first column left-aligned, the others right-aligned."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        first, *rest = (str(cell) for cell in cells)
        parts = [first.ljust(widths[0])]
        parts += [cell.rjust(width) for cell, width in zip(rest, widths[1:], strict=True)]
        return "  " + "  ".join(parts).rstrip()

    print(line(headers))
    print("  " + "  ".join("-" * width for width in widths))
    for row in rows:
        print(line(row))
    print(flush=True)


def figures(found: Sequence[Figure]) -> None:
    """Figures as a table with their targets beside them."""
    table(
        ("figure", "value", "target", "met"),
        [(f.name, f.value, f.target, f.met_text) for f in found],
    )


def summary(found: Sequence[Figure]) -> None:
    """The final table of every figure, and how many targets were met."""
    header("Summary")
    figures(found)
    targeted = [f for f in found if f.met is not None]
    met = sum(1 for f in targeted if f.met)
    print(f"  {met} of {len(targeted)} targets met", flush=True)
