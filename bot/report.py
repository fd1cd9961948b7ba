"""What the bot did over the last days, for the clinic: as text, CSV or one HTML page.

Everything comes from the analytics database (bot/analytics.py), which never knows who
asked. The questions the bot could not answer are grouped by similarity, so the clinic
sees "how much does it cost" once, with how often it was asked in any wording.
Hand-offs to the staff are not counted: the database forgets them once answered.
"""

from __future__ import annotations

import csv
import html
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from rapidfuzz import fuzz, process

from bot.analytics import Store
from faq import text
from faq.knowledge import KnowledgeBase
from faq.reply import Kind

DEFAULT_PERIODS = (7, 30)
TOP_ENTRIES = 10
MAX_GROUPS = 20
MAX_EXAMPLES = 3  # other wordings shown under a group's representative
# Distinct wordings clustered pairwise; rarer ones only join the groups shown. The
# 2,000 most frequent cover the questions worth a new entry, and keep grouping fast.
MAX_CLUSTERED = 2000
# Similarity of two questions' content words (fuzz.token_set_ratio, 0-100). A wording
# inside another scores 100 ("cost", "ketamine cost") and a typo stays high ("insurence
# cover", "insurance cover": 93), but questions sharing only the ever-present "ketamine"
# reach 76-78 ("ketamine dose", "ssri ketamine": 77; "ketamine price", "ketamine
# pregnant": 77). 80 keeps those apart: a wrong merge hides a question the clinic
# should answer, a missed one only costs an extra row.
SIMILAR = 80
COMMON_SHARE = 0.4  # a word in the phrasings of this share of entries is common
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
MATCHED_KINDS = (Kind.ANSWER, Kind.SUGGESTIONS, Kind.NO_MATCH)
UNANSWERED_KINDS = (Kind.NO_MATCH, Kind.SUGGESTIONS)
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
class Group:
    """Unanswered questions asked in similar words: the most frequent wording and a few others."""

    representative: str
    count: int
    examples: tuple[str, ...] = ()


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
    lookups: int  # answers shown from a button or an inline pick: no matching ran
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
    window = (_stamp(start), _stamp(end))
    return Figures(
        clinic=kb.clinic.name,
        days=days,
        start=start,
        end=end,
        by_kind=_by_kind(store, window),
        lookups=_lookups(store, window),
        top_entries=_top_entries(store, kb, window),
        unanswered=group_questions(_unanswered(store, window), common=common_words(kb)),
        feedback=_feedback(store, kb, window),
    )


def _stamp(moment: datetime) -> str:
    """A time as the database writes it, so text comparison orders it."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _question(kb: KnowledgeBase, entry_id: str) -> str:
    """An entry's question; its id once the entry is gone from the knowledge base."""
    entry = kb.entry(entry_id)
    return entry.question if entry else entry_id


def _by_kind(store: Store, window: tuple[str, str]) -> tuple[tuple[str, int], ...]:
    counts = dict(
        store.rows(
            "SELECT kind, COUNT(*) FROM replies WHERE at BETWEEN ? AND ? GROUP BY kind", window
        )
    )
    known = tuple((str(kind), counts.pop(str(kind), 0)) for kind in Kind)
    return known + tuple(sorted(counts.items()))


def _lookups(store: Store, window: tuple[str, str]) -> int:
    # A matched answer always has a score; Store.record_lookup writes none.
    [(count,)] = store.rows(
        "SELECT COUNT(*) FROM replies"
        " WHERE at BETWEEN ? AND ? AND kind = 'answer' AND score IS NULL",
        window,
    )
    return count


def _top_entries(
    store: Store, kb: KnowledgeBase, window: tuple[str, str]
) -> tuple[EntryCount, ...]:
    rows = store.rows(
        "SELECT entry_id, COUNT(*) AS n FROM replies"
        " WHERE at BETWEEN ? AND ? AND kind = 'answer' AND entry_id IS NOT NULL"
        " GROUP BY entry_id ORDER BY n DESC, entry_id LIMIT ?",
        (*window, TOP_ENTRIES),
    )
    return tuple(EntryCount(entry_id, _question(kb, entry_id), count) for entry_id, count in rows)


def _unanswered(store: Store, window: tuple[str, str]) -> list[str]:
    rows = store.rows(
        "SELECT question FROM replies WHERE at BETWEEN ? AND ? AND kind IN (?, ?)"
        " AND question IS NOT NULL",
        (*window, *map(str, UNANSWERED_KINDS)),
    )
    return [question for (question,) in rows]


def _feedback(store: Store, kb: KnowledgeBase, window: tuple[str, str]) -> tuple[Feedback, ...]:
    rows = store.rows(
        "SELECT entry_id, SUM(helpful), SUM(1 - helpful) FROM feedback"
        " WHERE at BETWEEN ? AND ? GROUP BY entry_id"
        " ORDER BY COUNT(*) DESC, entry_id",
        window,
    )
    return tuple(
        Feedback(entry_id, _question(kb, entry_id), up, down) for entry_id, up, down in rows
    )


def common_words(kb: KnowledgeBase) -> frozenset[str]:
    """Words in the phrasings of most entries ("ketamine", "ocd"): they say nothing
    about which question an unanswered message asks."""
    seen: Counter[str] = Counter()
    for entry in kb.entries:
        phrasings = (entry.question, *entry.alternates)
        seen.update({word for phrasing in phrasings for word in text.words(phrasing)})
    return frozenset(
        word for word, count in seen.items() if count >= COMMON_SHARE * len(kb.entries)
    )


def group_questions(
    questions: Iterable[str], limit: int = MAX_GROUPS, common: frozenset[str] = frozenset()
) -> tuple[Group, ...]:
    """Questions in similar words as one group each, the most asked first, at most `limit`.
    Words in `common` are left out of the comparison: "how much is one infusion" and
    "how long does an infusion take" share only "infusion", which is no reason to merge."""
    wordings = _wordings(questions)
    topics: dict[str, list[str]] = {}
    for folded in wordings:
        topics.setdefault(_topic(folded, common), []).append(folded)
    asked = {topic: sum(_asked(wordings[f]) for f in folded) for topic, folded in topics.items()}
    ranked = sorted(topics, key=lambda topic: (-asked[topic], len(topic), topic))
    clusters = _cluster(ranked[:MAX_CLUSTERED])
    clusters.sort(key=lambda cluster: -sum(asked[topic] for topic in cluster))
    shown = clusters[:limit]
    _join(ranked[MAX_CLUSTERED:], shown)
    groups = [
        _group([f for topic in cluster for f in topics[topic]], wordings) for cluster in shown
    ]
    return tuple(sorted(groups, key=lambda group: (-group.count, group.representative)))


def _wordings(questions: Iterable[str]) -> dict[str, Counter[str]]:
    """Each folded wording, with how often each way of writing it was asked."""
    wordings: dict[str, Counter[str]] = {}
    for question in questions:
        written = " ".join(question.split())
        folded = text.fold(written)
        if folded:  # "???" says nothing
            wordings.setdefault(folded, Counter())[written] += 1
    return wordings


def _asked(written: Counter[str]) -> int:
    return sum(written.values())


def _topic(folded: str, common: frozenset[str] = frozenset()) -> str:
    """What a folded question is about: its content words, or all of it if it has none."""
    # "how much does it cost" and "how much does it hurt" differ in one word of five;
    # compared on content words they are "cost" and "hurt".
    words = folded.split()
    content = [word for word in words if word not in text.STOPWORDS]
    specific = [word for word in content if word not in common]
    return " ".join(specific or content) or folded


def _cluster(topics: list[str]) -> list[list[str]]:
    """Greedy clusters, most asked first: each topic not yet taken gathers those like it."""
    choices: list[str | None] = list(topics)  # None once taken: rapidfuzz skips it
    clusters = []
    for index, leader in enumerate(topics):
        if choices[index] is None:
            continue
        similar = process.extract(
            leader,
            choices,
            scorer=fuzz.token_set_ratio,
            processor=None,
            score_cutoff=SIMILAR,
            limit=None,
        )
        members = sorted(position for _, _, position in similar)
        for position in members:
            choices[position] = None
        clusters.append([topics[position] for position in members])
    return clusters


def _join(rare: list[str], clusters: list[list[str]]) -> None:
    """Add the rare topics left out of clustering to the shown cluster they are like."""
    leaders = [cluster[0] for cluster in clusters]
    for topic in rare:
        best = process.extractOne(
            topic, leaders, scorer=fuzz.token_set_ratio, processor=None, score_cutoff=SIMILAR
        )
        if best is not None:
            clusters[best[2]].append(topic)


def _group(folded: list[str], wordings: dict[str, Counter[str]]) -> Group:
    """A group: its most asked wording (ties: the shortest) and the next most asked ones."""
    ordered = sorted(folded, key=lambda f: (-_asked(wordings[f]), len(f), f))
    shown = [_written(wordings[f]) for f in ordered]
    count = sum(_asked(wordings[f]) for f in folded)
    return Group(shown[0], count, tuple(shown[1 : 1 + MAX_EXAMPLES]))


def _written(written: Counter[str]) -> str:
    """The way of writing a wording that was used most (ties: the shortest)."""
    return min(written, key=lambda w: (-written[w], len(w), w))


# Renderers


def _label(kind: str) -> str:
    """What a kind of reply means to the clinic."""
    return KIND_LABELS.get(kind, kind)


def _percent(share: float | None) -> str:
    return "n/a" if share is None else f"{share:.0%}"


def _clip(value: str, width: int) -> str:
    """One line of at most `width` characters, cut with an ellipsis."""
    value = " ".join(value.split())
    return value if len(value) <= width else value[: width - 1].rstrip() + "…"


def _span(figures: Figures) -> str:
    return f"{figures.start:%d %b %Y} to {figures.end:%d %b %Y %H:%M} UTC"


def _title(figures: Figures) -> str:
    return f"Last {figures.days} day{'s' if figures.days != 1 else ''}"


def to_text(periods: Sequence[Figures]) -> str:
    """A plain-text report, a heading and short aligned tables per period."""
    if not periods:
        return "Nothing to report yet.\n"
    return "\n\n\n".join(_text_period(figures) for figures in periods) + "\n"


def _text_period(figures: Figures) -> str:
    heading = f"{_title(figures)}: {_span(figures)}"
    lines = [heading, "=" * min(len(heading), WIDTH)]
    if figures.empty:
        lines.append("Nothing recorded yet in this period.")
        return "\n".join(lines)
    lines += _text_summary(figures)
    if figures.top_entries:
        lines += ["", "Most asked (answered)", f"{'times':>6}  question"]
        lines += [
            f"{entry.count:>6}  {_clip(entry.question, WIDTH - 8)}" for entry in figures.top_entries
        ]
    if figures.unanswered:
        lines += ["", "Not answered (similar wordings together)", f"{'times':>6}  question"]
        for group in figures.unanswered:
            lines.append(f"{group.count:>6}  {_clip(group.representative, WIDTH - 8)}")
            if group.examples:
                lines.append(" " * 8 + _clip("also: " + "; ".join(group.examples), WIDTH - 8))
    if figures.feedback:
        lines += ["", "Was the answer helpful?", f"{'yes':>5}{'no':>5}{'share':>7}  question"]
        lines += [
            f"{vote.helpful:>5}{vote.not_helpful:>5}{_percent(vote.share_helpful):>7}"
            f"  {_clip(vote.question, WIDTH - 19)}"
            for vote in figures.feedback
        ]
    return "\n".join(lines)


def _text_summary(figures: Figures) -> list[str]:
    lines = [f"{'Replies':<30}{figures.total:>8}"]
    for kind, count in figures.by_kind:
        lines.append(f"  {_label(kind):<28}{count:>8}")
        if kind == Kind.ANSWER and figures.lookups:
            lines.append(f"    {'picked from a list':<26}{figures.lookups:>8}")
    lines.append("")
    lines.append(
        f"No answer found: {_percent(figures.no_match_rate)} of {figures.matched} questions typed"
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
        yield ("replies", kind, _label(kind), count, _share(count / total if total else None))
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
    return "; ".join(_clip(example, HTML_QUESTION) for example in group.examples)


def _html_period(figures: Figures) -> str:
    parts = [
        f"<section><h2>{_e(_title(figures))}</h2>",
        f'<p class="meta">{_e(_span(figures))}</p>',
    ]
    if figures.empty:
        parts.append('<p class="empty">Nothing recorded yet in this period.</p></section>')
        return "\n".join(parts)
    rows = [(_e(count), _e(_label(kind))) for kind, count in figures.by_kind]
    rows.append((f"<b>{_e(figures.total)}</b>", "<b>all replies</b>"))
    parts += ["<h3>Replies</h3>", _html_table(("count", "reply"), rows, 1)]
    parts.append(
        f"<p>No answer found for {_e(_percent(figures.no_match_rate))} of"
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
                _e(_clip(group.representative, HTML_QUESTION))
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
                _e(_percent(vote.share_helpful)),
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
