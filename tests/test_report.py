"""The clinic's report: figures from a real analytics database, rendered as text, CSV, HTML."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot import report
from bot.analytics import Store
from faq.grouping import Group
from faq.knowledge import KnowledgeBase
from faq.matcher import Matcher
from faq.reply import Kind

NOW = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
COST = ["how much does it cost?", "how much does it cost?", "How much does it cost", "cost??"]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store(tmp_path / "faqbot.db")
    yield store
    store.close()


def ask(store: Store, matcher: Matcher, question: str, kind: Kind, days_ago: float = 1) -> None:
    """Record the bot's real reply to a question, checking it is the kind the test needs."""
    reply = matcher.reply(question)
    assert reply.kind is kind, f"{question!r} now gets {reply.kind}: pick another example"
    store.record(reply, "chat", at=NOW - timedelta(days=days_ago))


def vote(store: Store, entry_id: str, helpful: bool, days_ago: float = 1) -> None:
    store.vote(entry_id, helpful, Store.new_vote(), at=NOW - timedelta(days=days_ago))


def week(store: Store, kb: KnowledgeBase) -> report.Figures:
    return report.figures(store, kb, 7, now=NOW)


def test_replies_are_counted_by_kind_with_the_no_match_rate(
    store: Store, kb: KnowledgeBase, matcher: Matcher
) -> None:
    for question in ("is it addictive", "is it addictive", "what is ocd"):
        ask(store, matcher, question, Kind.ANSWER)
    ask(store, matcher, "ketamine ocd", Kind.SUGGESTIONS)
    ask(store, matcher, "how much does it cost?", Kind.NO_MATCH)
    ask(store, matcher, "blah blah zebra", Kind.NO_MATCH)
    ask(store, matcher, "i want to kill myself", Kind.CRISIS)
    ask(store, matcher, "hi", Kind.GREETING)

    figures = week(store, kb)

    assert dict(figures.by_kind) == {
        "answer": 3,
        "suggestions": 1,
        "no_match": 2,
        "crisis": 1,
        "greeting": 1,
        "concern": 0,
        "language": 0,
    }
    assert (figures.total, figures.answers, figures.crisis) == (8, 3, 1)
    assert figures.matched == 6  # greetings and crises never reach the matcher
    assert figures.no_match_rate == pytest.approx(2 / 6)


def test_an_answer_picked_from_a_list_is_not_counted_as_matched(
    store: Store, kb: KnowledgeBase, matcher: Matcher
) -> None:
    ask(store, matcher, "how much does it cost?", Kind.NO_MATCH)
    store.record_lookup("what-is-ocd", "inline", at=NOW - timedelta(days=1))

    figures = week(store, kb)

    assert (figures.answers, figures.lookups, figures.matched) == (1, 1, 1)
    assert figures.no_match_rate == 1.0


def test_replies_are_counted_by_channel_the_front_desk_page_included(
    store: Store, kb: KnowledgeBase, matcher: Matcher
) -> None:
    ask(store, matcher, "is it addictive", Kind.ANSWER)
    store.record(matcher.reply("how much does it cost?"), "web", at=NOW - timedelta(days=1))
    store.record_lookup("what-is-ocd", "web", at=NOW - timedelta(days=1))

    figures = week(store, kb)

    assert figures.by_channel == (("chat", 1), ("inline", 0), ("terminal", 0), ("web", 2))
    assert "  front desk page (staff)            2" in report.to_text([figures])


def test_the_7_day_window_leaves_out_a_10_day_old_reply_that_the_30_day_window_counts(
    store: Store, kb: KnowledgeBase, matcher: Matcher
) -> None:
    ask(store, matcher, "what is ocd", Kind.ANSWER, days_ago=2)
    ask(store, matcher, "how much does it cost?", Kind.NO_MATCH, days_ago=10)
    vote(store, "what-is-ocd", True, days_ago=10)

    last_week, last_month = report.report(store, kb, periods=(7, 30), now=NOW)

    assert (last_week.days, last_week.total, last_week.unanswered, last_week.feedback) == (
        7,
        1,
        (),
        (),
    )
    assert (last_month.days, last_month.total) == (30, 2)
    assert [group.representative for group in last_month.unanswered] == ["how much does it cost?"]
    assert [vote.entry_id for vote in last_month.feedback] == ["what-is-ocd"]
    assert last_week.start == NOW - timedelta(days=7) and last_month.end == NOW


def test_top_entries_are_the_most_answered_first_with_their_questions(
    store: Store, kb: KnowledgeBase, matcher: Matcher
) -> None:
    for question, times in (
        ("what is ocd", 1),
        ("is it addictive", 3),
        ("how fast does ketamine work", 2),
    ):
        for _ in range(times):
            ask(store, matcher, question, Kind.ANSWER)

    top = week(store, kb).top_entries

    assert [(entry.entry_id, entry.count) for entry in top] == [
        ("addiction-and-side-effects", 3),
        ("how-fast-it-works", 2),
        ("what-is-ocd", 1),
    ]
    assert top[2].question == kb.entry("what-is-ocd").question


def test_top_entries_stop_at_ten(store: Store, kb: KnowledgeBase) -> None:
    for entry in kb.entries[:12]:
        store.record_lookup(entry.id, "chat", at=NOW - timedelta(days=1))

    assert len(week(store, kb).top_entries) == report.TOP_ENTRIES == 10


def test_similar_unanswered_questions_are_one_row_with_their_count_most_asked_first(
    store: Store, kb: KnowledgeBase, matcher: Matcher
) -> None:
    for question in [*COST, "how much does ketamine cost"]:
        ask(store, matcher, question, Kind.NO_MATCH)
    for question in ("can i drive home after", "can i drive home after"):
        ask(store, matcher, question, Kind.NO_MATCH)
    ask(store, matcher, "can i do it while pregnant", Kind.NO_MATCH)

    groups = week(store, kb).unanswered

    assert [(group.representative, group.count) for group in groups] == [
        ("how much does it cost?", 5),
        ("can i drive home after", 2),
        ("can i do it while pregnant", 1),
    ]
    assert groups[0].examples == ("cost??", "how much does ketamine cost")


def test_a_question_offered_suggestions_is_listed_as_unanswered(
    store: Store, kb: KnowledgeBase, matcher: Matcher
) -> None:
    ask(store, matcher, "ketamine ocd", Kind.SUGGESTIONS)

    assert week(store, kb).unanswered == (Group("ketamine ocd", 1),)


def test_feedback_per_entry_has_its_votes_and_helpful_share(
    store: Store, kb: KnowledgeBase
) -> None:
    for helpful in (True, True, True, False):
        vote(store, "how-fast-it-works", helpful)
    vote(store, "what-is-ocd", False)

    feedback = week(store, kb).feedback

    assert [(f.entry_id, f.helpful, f.not_helpful) for f in feedback] == [
        ("how-fast-it-works", 3, 1),
        ("what-is-ocd", 0, 1),
    ]
    assert [f.share_helpful for f in feedback] == [0.75, 0.0]
    assert feedback[0].question == kb.entry("how-fast-it-works").question


def test_an_entry_gone_from_the_knowledge_base_shows_as_its_id(
    store: Store, kb: KnowledgeBase
) -> None:
    assert kb.entry("retired-entry") is None
    store.record_lookup("retired-entry", "chat", at=NOW - timedelta(days=1))
    vote(store, "retired-entry", True)

    figures = week(store, kb)

    assert figures.top_entries == (report.EntryCount("retired-entry", "retired-entry", 1),)
    assert figures.feedback[0].question == "retired-entry"
    assert "retired-entry" in report.to_text([figures])


def full_report(store: Store, kb: KnowledgeBase, matcher: Matcher) -> list[report.Figures]:
    """Two periods with every section filled in."""
    ask(store, matcher, "is it addictive", Kind.ANSWER, days_ago=1)
    ask(store, matcher, "what is ocd", Kind.ANSWER, days_ago=12)
    ask(store, matcher, "i want to kill myself", Kind.CRISIS, days_ago=3)
    for question in COST:
        ask(store, matcher, question, Kind.NO_MATCH, days_ago=2)
    vote(store, "addiction-and-side-effects", True)
    return report.report(store, kb, now=NOW)


def test_the_csv_parses_back_with_a_section_column(
    store: Store, kb: KnowledgeBase, matcher: Matcher
) -> None:
    rows = list(csv.DictReader(io.StringIO(report.to_csv(full_report(store, kb, matcher)))))

    assert list(rows[0]) == list(report.CSV_COLUMNS)
    assert {row["section"] for row in rows} == {
        "summary",
        "replies",
        "channels",
        "top_entries",
        "unanswered",
        "feedback",
    }
    assert {row["period_days"] for row in rows} == {"7", "30"}
    by_key = {(row["period_days"], row["section"], row["key"]): row for row in rows}
    assert by_key["30", "summary", "replies"]["count"] == "7"
    assert by_key["30", "channels", "chat"]["count"] == "7"
    assert by_key["30", "channels", "web"]["count"] == "0"
    assert by_key["30", "top_entries", "what-is-ocd"]["label"] == "What is OCD?"
    assert by_key["7", "unanswered", "1"]["label"] == "how much does it cost?"
    assert by_key["7", "unanswered", "1"]["count"] == "4"
    feedback = by_key["7", "feedback", "addiction-and-side-effects"]
    assert (feedback["helpful"], feedback["not_helpful"], feedback["share"]) == ("1", "0", "1.0000")


def test_a_csv_cell_cannot_run_as_a_spreadsheet_formula(
    store: Store, kb: KnowledgeBase, matcher: Matcher
) -> None:
    ask(store, matcher, '=HYPERLINK("x")', Kind.NO_MATCH)

    rows = list(csv.DictReader(io.StringIO(report.to_csv([week(store, kb)]))))

    [row] = [row for row in rows if row["section"] == "unanswered"]
    assert row["label"] == '\'=HYPERLINK("x")'


def test_the_html_is_one_self_contained_page(
    store: Store, kb: KnowledgeBase, matcher: Matcher
) -> None:
    page = report.to_html(full_report(store, kb, matcher))

    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<html") == page.count("</html>") == 1
    assert "<style>" in page
    lowered = page.lower()
    for forbidden in ("<script", "http://", "https://", "src=", "<link", "@import"):
        assert forbidden not in lowered
    assert f"<title>{kb.clinic.name}: FAQ bot report</title>" in page
    assert "Generated 02 Jun 2025 09:00 UTC" in page
    assert page.count("<section>") == 2


def test_the_html_escapes_a_patients_question(
    store: Store, kb: KnowledgeBase, matcher: Matcher
) -> None:
    ask(store, matcher, "<script>alert('hi')</script> how much does it cost", Kind.NO_MATCH)

    page = report.to_html([week(store, kb)])

    assert "<script" not in page
    assert "&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt;" in page


def test_the_text_report_has_the_figures_of_each_period(
    store: Store, kb: KnowledgeBase, matcher: Matcher
) -> None:
    text = report.to_text(full_report(store, kb, matcher))

    last_week, last_month = text.split("\n\n\n")
    assert last_week.startswith("Last 7 days: 26 May 2025 to 02 Jun 2025 09:00 UTC")
    assert last_month.startswith("Last 30 days: 03 May 2025 to 02 Jun 2025 09:00 UTC")
    assert "Replies                              6" in last_week
    assert "  crisis resources sent              1" in last_week
    assert "No answer found: 80% of 5 questions typed" in last_week
    assert "     1  Is ketamine addictive, and does it have side effect…" in last_week
    assert "     4  how much does it cost?" in last_week
    assert "also: cost??" in last_week
    assert "    1    0   100%  Is ketamine addictive" in last_week
    assert "What is OCD?" in last_month and "What is OCD?" not in last_week


def test_the_text_report_fits_a_phone_screen(
    store: Store, kb: KnowledgeBase, matcher: Matcher
) -> None:
    ask(store, matcher, "how much does it cost? " * 20, Kind.NO_MATCH)

    text = report.to_text(full_report(store, kb, matcher))

    assert max(len(line) for line in text.splitlines()) <= report.WIDTH


def test_an_empty_database_gives_a_report_that_says_there_is_nothing_yet(
    store: Store, kb: KnowledgeBase
) -> None:
    periods = report.report(store, kb, now=NOW)

    assert [figures.no_match_rate for figures in periods] == [None, None]
    assert report.to_text(periods).count("Nothing recorded yet in this period.") == 2
    assert report.to_html(periods).count("Nothing recorded yet in this period.") == 2
    sections = {row["section"] for row in csv.DictReader(io.StringIO(report.to_csv(periods)))}
    assert sections == {"summary", "replies", "channels"}
    assert report.to_text([]) == "Nothing to report yet.\n"
