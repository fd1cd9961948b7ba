"""The admins' dashboard: the report's figures for 7 and 30 days, read from the analytics
the bot writes (FAQBOT_DB_PATH), or why they cannot be read just now."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot import analytics, report
from bot.analytics import NewerSchema
from bot.recorder import REPORT_CALL_SECONDS, Recorder, StoreUnavailable
from faq.knowledge import KnowledgeBase
from faq.reply import Kind

PERIODS = (7, 30)
# What reading the store raises besides StoreUnavailable: a job's own sqlite3 error is
# passed on as it is, and opening a folder or a newer file fails before any job runs.
READ_ERRORS = (StoreUnavailable, sqlite3.Error, OSError, NewerSchema)


class Unreadable(Exception):
    """The analytics cannot be read; the message says why, in one line for the page."""


@dataclass(frozen=True)
class Row:
    """One line of the side-by-side table: a label and its value in each period."""

    label: str
    values: tuple[str, ...]
    level: int = 0  # 0: a heading figure; 1: a part of the one above; 2: a part of that


@dataclass(frozen=True)
class Dashboard:
    """What the page shows: every period's figures, or the problem instead of them."""

    path: Path | None
    periods: tuple[report.Figures, ...] = ()
    problem: str = ""  # the analytics could not be read: say why, show no figures
    missing: bool = False  # nothing recorded yet: no file at `path`

    @property
    def rows(self) -> tuple[Row, ...]:
        """The figures of every period side by side, as the text report lists them."""
        return comparison(self.periods)


def comparison(periods: Sequence[report.Figures]) -> tuple[Row, ...]:
    """The summary figures of each period, one row each, in the text report's order."""
    if not periods:
        return ()

    def row(label: str, values: Sequence[object], level: int = 0) -> Row:
        return Row(label, tuple(str(value) for value in values), level)

    kinds = [kind for kind, _ in periods[-1].by_kind]
    channels = [channel for channel, _ in periods[-1].by_channel]
    rows = [row("Replies", [f.total for f in periods])]
    for kind in kinds:
        rows.append(row(report.kind_label(kind), [f.replies(kind) for f in periods], 1))
        if kind == Kind.ANSWER:
            rows.append(row("picked from a list", [f.lookups for f in periods], 2))
    rows.append(row("By channel", ["" for _ in periods]))
    for channel in channels:
        counts = [dict(f.by_channel).get(channel, 0) for f in periods]
        rows.append(row(report.channel_label(channel), counts, 1))
    rows.append(row("Questions typed (went through matching)", [f.matched for f in periods]))
    rates = [report.percent(f.no_match_rate) for f in periods]
    rows.append(row("No answer found, share of questions typed", rates))
    return tuple(rows)


async def load(
    recorder: Recorder | None,
    kb: KnowledgeBase,
    now: datetime,
    periods: Sequence[int] = PERIODS,
) -> Dashboard:
    """The figures of each period up to `now`, read on the recorder's connection (the
    one the page counts searches on); a Dashboard that says what is wrong otherwise."""
    path = recorder.path if recorder is not None else None
    try:
        figures = await read(recorder, kb, now, periods)
    except Unreadable as error:
        return Dashboard(path, problem=str(error))
    if figures is None:
        return Dashboard(path, missing=True)
    return Dashboard(path, tuple(figures))


async def read(
    recorder: Recorder | None, kb: KnowledgeBase, now: datetime, periods: Sequence[int]
) -> list[report.Figures] | None:
    """The report's figures; None if nothing was recorded yet (there is no file), and
    Unreadable if the file cannot be read or no database is set."""
    if recorder is None:
        raise Unreadable("this page counts nothing: no analytics database is set")
    path = recorder.path
    if not path.exists():
        return None
    try:
        return await recorder.call(
            "dashboard",
            lambda store: report.report(store, kb, periods=periods, now=now),
            REPORT_CALL_SECONDS,
        )
    except READ_ERRORS as error:
        raise Unreadable(f"cannot read {path} (FAQBOT_DB_PATH): {_reason(path, error)}") from None


def _reason(path: Path, error: BaseException) -> str:
    """Why a read failed, without the path StoreUnavailable already names."""
    text = analytics.problem(path, error)
    prefix = "cannot use "
    if text.startswith(prefix) and ": " in text:
        text = text.split(": ", 1)[1]  # "cannot use /x/faqbot.db: file is not a database"
    return text
