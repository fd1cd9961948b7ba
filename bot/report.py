"""What the bot did over the last days, for the clinic: as text, CSV or one HTML page.

The figures come from the analytics store's queries (bot/analytics.py), which never
know who asked; the questions the bot could not answer are grouped by faq/grouping.py.
This module only adds them up and renders them. Hand-offs to the staff are not
counted: the database forgets them once answered.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.analytics import CHANNELS, Store, Tally
from faq.grouping import Group, common_words, group_questions
from faq.knowledge import KnowledgeBase
from faq.reply import Kind

DEFAULT_PERIODS = (7, 30)
TOP_ENTRIES = 10
WIDTH = 60  # characters a line of the text report; it is also the bot's /stats reply
HTML_QUESTION = 200  # characters of a patient's question shown on the page (a story is long)

KIND_LABELS = {
    str(Kind.ANSWER): "answered",
    str(Kind.SUGGESTIONS): "offered suggestions",
    str(Kind.NO_MATCH): "no answer found",
    str(Kind.CRISIS): "crisis resources sent",
    str(Kind.GREETING): "greetings",
    str(Kind.CONCERN): "safety check-ins sent",
    str(Kind.LANGUAGE): "other language: numbers sent",
}
CHANNEL_LABELS = {
    "chat": "Telegram chats",
    "inline": "Telegram inline queries",
    "terminal": "terminal (faqbot --record)",
    "web": "front desk page (staff)",
}
MATCHED_KINDS = (Kind.ANSWER, Kind.SUGGESTIONS, Kind.NO_MATCH)
CSV_COLUMNS = (
    "period_days",
    "start",
    "end",
    "section",
    "key",
    "label",
    "count",
    "share",
    "helpful",
    "not_helpful",
    "examples",
)
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class EntryCount:
    """How often one entry was the answer."""

    entry_id: str
    question: str
    count: int


@dataclass(frozen=True)
class Feedback:
    """The 👍 and 👎 one entry's answers got."""

    entry_id: str
    question: str
    helpful: int
    not_helpful: int

    @property
    def votes(self) -> int:
        return self.helpful + self.not_helpful

    @property
    def share_helpful(self) -> float:
        """The share of votes that were 👍 (an entry is listed only once voted on)."""
        return self.helpful / self.votes if self.votes else 0.0


@dataclass(frozen=True)
class Figures:
    """One period's figures, from `start` to `end` (UTC)."""

    clinic: str
    days: int
    start: datetime
    end: datetime
    by_kind: tuple[tuple[str, int], ...]  # every kind, in Kind's order, then any unknown
    by_channel: tuple[tuple[str, int], ...]  # every channel, in CHANNELS' order, then any other
    lookups: int  # answers shown from a button, an inline pick or a page: no matching ran
    top_entries: tuple[EntryCount, ...]
    unanswered: tuple[Group, ...]
    feedback: tuple[Feedback, ...]

    def replies(self, kind: str) -> int:
        """How many replies of one kind."""
        return dict(self.by_kind).get(kind, 0)

    @property
    def total(self) -> int:
        return sum(count for _, count in self.by_kind)

    @property
    def answers(self) -> int:
        return self.replies(Kind.ANSWER)

    @property
    def crisis(self) -> int:
        return self.replies(Kind.CRISIS)

    @property
    def matched(self) -> int:
        """Replies that went through matching: answers (less lookups), suggestions, no match."""
        return sum(self.replies(kind) for kind in MATCHED_KINDS) - self.lookups

    @property
    def no_match_rate(self) -> float | None:
        """No-match replies over the replies that went through matching; None if none did."""
        # Greetings and crises never reach the matcher, and a button tap is an answer the
        # matcher was not asked for: neither says how well the knowledge base covers
        # what patients type.
        return self.replies(Kind.NO_MATCH) / self.matched if self.matched else None

    @property
    def empty(self) -> bool:
        return self.total == 0 and not self.feedback


def report(
    store: Store,
    kb: KnowledgeBase,
    periods: Sequence[int] = DEFAULT_PERIODS,
    now: datetime | None = None,
) -> list[Figures]:
    """The figures for each period, all ending at the same moment."""
    end = now or datetime.now(UTC)
    return [figures(store, kb, days, end) for days in periods]


def figures(store: Store, kb: KnowledgeBase, days: int, now: datetime | None = None) -> Figures:
    """The figures for the `days` days up to `now`."""
    end = (now or datetime.now(UTC)).astimezone(UTC)
    start = end - timedelta(days=days)
    top = store.top_answers(start, end, TOP_ENTRIES)
    return Figures(
        clinic=kb.clinic.name,
        days=days,
        start=start,
        end=end,
        by_kind=_every(map(str, Kind), store.replies_by_kind(start, end)),
        by_channel=_every(CHANNELS, store.replies_by_channel(start, end)),
        lookups=store.lookups(start, end),
        top_entries=tuple(EntryCount(t.key, _question(kb, t.key), t.count) for t in top),
        unanswered=group_questions(store.unanswered(start, end), common=common_words(kb)),
        feedback=tuple(
            Feedback(v.entry_id, _question(kb, v.entry_id), v.helpful, v.not_helpful)
            for v in store.votes(start, end)
        ),
    )


def _every(known: Iterable[str], tallies: Iterable[Tally]) -> tuple[tuple[str, int], ...]:
    """A count for each known key, none left out, in their order; then any other, sorted
    (a kind or channel written by a later faqbot)."""
    counts = {tally.key: tally.count for tally in tallies}
    listed = tuple((key, counts.pop(key, 0)) for key in known)
    return listed + tuple(sorted(counts.items()))


def _stamp(moment: datetime) -> str:
    """A time as the CSV writes it (as the database does: to the second, UTC)."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _question(kb: KnowledgeBase, entry_id: str) -> str:
    """An entry's question; its id once the entry is gone from the knowledge base."""
    entry = kb.entry(entry_id)
    return entry.question if entry else entry_id


# Renderers


def kind_label(kind: str) -> str:
    """What a kind of reply means to the clinic."""
    return KIND_LABELS.get(kind, kind)


def channel_label(channel: str) -> str:
    """Where replies were given, as the clinic knows it."""
    return CHANNEL_LABELS.get(channel, channel)


def percent(share: float | None) -> str:
    """A share as a whole percentage; "n/a" when there was nothing to share."""
    return "n/a" if share is None else f"{share:.0%}"


def clip(value: str, width: int) -> str:
    """One line of at most `width` characters, cut with an ellipsis."""
    value = " ".join(value.split())
    return value if len(value) <= width else value[: width - 1].rstrip() + "…"


def span(figures: Figures) -> str:
    """The period's first and last moments, for a heading."""
    return f"{figures.start:%d %b %Y} to {figures.end:%d %b %Y %H:%M} UTC"


def _title(figures: Figures) -> str:
    return f"Last {figures.days} day{'s' if figures.days != 1 else ''}"


def to_text(periods: Sequence[Figures]) -> str:
    """A plain-text report, a heading and short aligned tables per period."""
    if not periods:
        return "Nothing to report yet.\n"
    return "\n\n\n".join(_text_period(figures) for figures in periods) + "\n"


def _text_period(figures: Figures) -> str:
    heading = f"{_title(figures)}: {span(figures)}"
    lines = [heading, "=" * min(len(heading), WIDTH)]
    if figures.empty:
        lines.append("Nothing recorded yet in this period.")
        return "\n".join(lines)
    lines += _text_summary(figures)
    if figures.top_entries:
        lines += ["", "Most asked (answered)", f"{'times':>6}  question"]
        lines += [
            f"{entry.count:>6}  {clip(entry.question, WIDTH - 8)}" for entry in figures.top_entries
        ]
    if figures.unanswered:
        lines += ["", "Not answered (similar wordings together)", f"{'times':>6}  question"]
        for group in figures.unanswered:
            lines.append(f"{group.count:>6}  {clip(group.representative, WIDTH - 8)}")
            if group.examples:
                lines.append(" " * 8 + clip("also: " + "; ".join(group.examples), WIDTH - 8))
    if figures.feedback:
        lines += ["", "Was the answer helpful?", f"{'yes':>5}{'no':>5}{'share':>7}  question"]
        lines += [
            f"{vote.helpful:>5}{vote.not_helpful:>5}{percent(vote.share_helpful):>7}"
            f"  {clip(vote.question, WIDTH - 19)}"
            for vote in figures.feedback
        ]
    return "\n".join(lines)


def _text_summary(figures: Figures) -> list[str]:
    lines = [f"{'Replies':<30}{figures.total:>8}"]
    for kind, count in figures.by_kind:
        lines.append(f"  {kind_label(kind):<28}{count:>8}")
        if kind == Kind.ANSWER and figures.lookups:
            lines.append(f"    {'picked from a list':<26}{figures.lookups:>8}")
    lines += ["", "By channel"]
    lines += [f"  {channel_label(channel):<28}{count:>8}" for channel, count in figures.by_channel]
    lines.append("")
    lines.append(
        f"No answer found: {percent(figures.no_match_rate)} of {figures.matched} questions typed"
    )
    return lines


def _cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _share(share: float | None) -> str:
    return "" if share is None else f"{share:.4f}"


def to_csv(periods: Sequence[Figures]) -> str:
    """One CSV table for every period: a `section` column says what each row counts."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for figures in periods:
        for row in _csv_rows(figures):
            head = (figures.days, _stamp(figures.start), _stamp(figures.end))
            padded = (*row, *[""] * (len(CSV_COLUMNS) - 3 - len(row)))
            writer.writerow([_cell(value) for value in (*head, *padded)])
    return out.getvalue()


def _csv_rows(figures: Figures) -> Iterable[tuple[object, ...]]:
    """Rows from `section` on: section, key, label, count, share, helpful, not_helpful,
    examples."""
    total = figures.total
    yield ("summary", "replies", "replies", total)
    yield ("summary", "matched", "questions typed (went through matching)", figures.matched)
    yield (
        "summary",
        "no_match_rate",
        "no answer found, share of questions typed",
        figures.replies(Kind.NO_MATCH),
        _share(figures.no_match_rate),
    )
    yield ("summary", "lookups", "answers picked from a list", figures.lookups)
    yield ("summary", "crisis", "crisis messages", figures.crisis)
    for kind, count in figures.by_kind:
        yield ("replies", kind, kind_label(kind), count, _share(count / total if total else None))
    for channel, count in figures.by_channel:
        used = _share(count / total if total else None)
        yield ("channels", channel, channel_label(channel), count, used)
    for entry in figures.top_entries:
        share = entry.count / figures.answers if figures.answers else None
        yield ("top_entries", entry.entry_id, entry.question, entry.count, _share(share))
    for rank, group in enumerate(figures.unanswered, 1):
        examples = " | ".join(group.examples)
        yield ("unanswered", rank, group.representative, group.count, "", "", "", examples)
    for vote in figures.feedback:
        yield (
            "feedback",
            vote.entry_id,
            vote.question,
            vote.votes,
            _share(vote.share_helpful),
            vote.helpful,
            vote.not_helpful,
        )


_CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222;
       max-width: 50rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.2rem; border-bottom: 2px solid #444; padding-bottom: 0.2rem;
     margin-top: 2.5rem; }
h3 { font-size: 1rem; margin: 1.5rem 0 0.4rem; }
p.meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin-bottom: 0.5rem; }
th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid #ddd;
         vertical-align: top; }
th { background: #f3f3f3; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap;
             width: 5rem; }
.also { color: #666; font-size: 0.9em; }
.empty { color: #666; font-style: italic; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  section { break-before: page; }
  section:first-of-type { break-before: auto; }
  table, tr { break-inside: avoid; }
  th { background: none; border-bottom: 1.5px solid #000; }
}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def to_html(periods: Sequence[Figures]) -> str:
    """One self-contained page (inline CSS, no scripts or links) that also prints well."""
    clinic = periods[0].clinic if periods else ""
    title = f"{clinic}: FAQ bot report" if clinic else "FAQ bot report"
    generated = f"Generated {periods[0].end:%d %b %Y %H:%M} UTC." if periods else ""
    body = [f"<h1>{_e(title)}</h1>", f'<p class="meta">{_e(generated)}</p>']
    if not periods:
        body.append('<p class="empty">Nothing to report yet.</p>')
    body += [_html_period(figures) for figures in periods]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _html_table(headers: Sequence[str], rows: Iterable[Sequence[str]], numeric: int) -> str:
    """A table whose first `numeric` columns are numbers; cells are already escaped."""
    head = "".join(
        f'<th class="n">{_e(h)}</th>' if i < numeric else f"<th>{_e(h)}</th>"
        for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="n">{cell}</td>' if i < numeric else f"<td>{cell}</td>"
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _also(group: Group) -> str:
    return "; ".join(clip(example, HTML_QUESTION) for example in group.examples)


def _html_period(figures: Figures) -> str:
    parts = [
        f"<section><h2>{_e(_title(figures))}</h2>",
        f'<p class="meta">{_e(span(figures))}</p>',
    ]
    if figures.empty:
        parts.append('<p class="empty">Nothing recorded yet in this period.</p></section>')
        return "\n".join(parts)
    rows = [(_e(count), _e(kind_label(kind))) for kind, count in figures.by_kind]
    rows.append((f"<b>{_e(figures.total)}</b>", "<b>all replies</b>"))
    parts += ["<h3>Replies</h3>", _html_table(("count", "reply"), rows, 1)]
    rows = [(_e(count), _e(channel_label(channel))) for channel, count in figures.by_channel]
    parts += ["<h3>By channel</h3>", _html_table(("count", "channel"), rows, 1)]
    parts.append(
        f"<p>No answer found for {_e(percent(figures.no_match_rate))} of"
        f" {_e(figures.matched)} questions typed. Answers picked from a list:"
        f" {_e(figures.lookups)}. Crisis messages: {_e(figures.crisis)}.</p>"
    )
    if figures.top_entries:
        rows = [(_e(entry.count), _e(entry.question)) for entry in figures.top_entries]
        parts += ["<h3>Most asked (answered)</h3>", _html_table(("times", "question"), rows, 1)]
    if figures.unanswered:
        rows = [
            (
                _e(group.count),
                _e(clip(group.representative, HTML_QUESTION))
                + (
                    f'<br><span class="also">also: {_e(_also(group))}</span>'
                    if group.examples
                    else ""
                ),
            )
            for group in figures.unanswered
        ]
        parts += [
            "<h3>Not answered (similar wordings together)</h3>",
            _html_table(("times", "question"), rows, 1),
        ]
    if figures.feedback:
        votes = [
            (
                _e(vote.helpful),
                _e(vote.not_helpful),
                _e(percent(vote.share_helpful)),
                _e(vote.question),
            )
            for vote in figures.feedback
        ]
        parts += [
            "<h3>Was the answer helpful?</h3>",
            _html_table(("👍", "👎", "helpful", "question"), votes, 3),
        ]
    parts.append("</section>")
    return "\n".join(parts)
