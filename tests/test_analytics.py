"""The analytics store: what it keeps, what it never keeps, and for how long."""

from __future__ import annotations

import contextlib
import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.analytics import SCHEMA_VERSION, Store, Tally, Votes, now
from faq.matcher import Matcher
from faq.reply import Kind, Reply

NOW = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
WEEK = (NOW - timedelta(days=7), NOW)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data" / "faqbot.db")


def read(store: Store, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
    """What the file holds, read on a connection of its own, past the store's methods."""
    with contextlib.closing(sqlite3.connect(store.path)) as db:
        return db.execute(sql, parameters).fetchall()


def test_database_is_created_on_first_use_private_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "new" / "faqbot.db"
    store = Store(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read(store, "PRAGMA journal_mode") == [("wal",)]


def test_schema_version_is_recorded(store: Store) -> None:
    assert store.schema_version == SCHEMA_VERSION


def test_a_newer_schema_is_refused_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "faqbot.db"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(RuntimeError, match="newer faqbot"):
        Store(path)


def test_no_table_has_a_column_for_who_asked(store: Store) -> None:
    columns = {
        column[1]
        for (table,) in read(store, "SELECT name FROM sqlite_master WHERE type = 'table'")
        if table not in ("handoffs", "pending_handoffs")
        for column in read(store, f"PRAGMA table_info({table})")
    }
    assert not columns & {"user_id", "chat_id", "username", "name", "first_name"}


def test_text_is_kept_only_for_replies_that_were_not_answers(
    store: Store, matcher: Matcher
) -> None:
    for message in ["is ketamine addictive", "how long", "what is the capital of france", "hi"]:
        store.record(matcher.reply(message), "chat")
    rows = read(store, "SELECT kind, question FROM replies ORDER BY id")
    assert rows == [
        ("answer", None),
        ("suggestions", "how long"),
        ("no_match", "what is the capital of france"),
        ("greeting", None),
    ]


def test_a_crisis_is_recorded_as_having_happened_without_its_text(
    store: Store, matcher: Matcher
) -> None:
    store.record(matcher.reply("i want to end my life"), "chat")
    assert read(store, "SELECT kind, entry_id, score, question FROM replies") == [
        ("crisis", None, None, None)
    ]


def test_unknown_channel_is_refused(store: Store, matcher: Matcher) -> None:
    with pytest.raises(ValueError):
        store.record(matcher.reply("hi"), "email")


def test_a_message_can_be_voted_on_once(store: Store) -> None:
    vote = Store.new_vote()
    store.issue_vote("what-is-ocd", vote)
    assert store.redeem_vote("what-is-ocd", True, vote)
    assert not store.redeem_vote("what-is-ocd", False, vote)
    assert read(store, "SELECT entry_id, helpful FROM feedback") == [("what-is-ocd", 1)]


def test_only_issued_tokens_count_and_only_for_their_entry(store: Store) -> None:
    issued = Store.new_vote()
    store.issue_vote("what-is-ocd", issued)
    assert not store.redeem_vote("what-is-ocd", True, Store.new_vote())  # invented
    assert not store.redeem_vote("how-fast-it-works", True, issued)  # another entry's
    assert read(store, "SELECT * FROM feedback") == []
    assert store.redeem_vote("what-is-ocd", True, issued)


def test_retention_deletes_old_rows_and_keeps_recent_ones(store: Store, matcher: Matcher) -> None:
    reply = matcher.reply("is ketamine addictive")
    store.record(reply, "chat", at=now() - timedelta(days=91))
    store.record(reply, "chat", at=now() - timedelta(days=89))
    store.issue_vote("what-is-ocd", "old-token", at=now() - timedelta(days=100))
    store.redeem_vote("what-is-ocd", True, "old-token", at=now() - timedelta(days=100))
    unused = Store.new_vote()
    store.issue_vote("what-is-ocd", unused, at=now() - timedelta(days=91))
    assert store.expire(retention_days=90) == 3  # a reply, a vote, an unused token
    assert len(read(store, "SELECT * FROM replies")) == 1
    assert read(store, "SELECT * FROM feedback") == []
    assert not store.redeem_vote("what-is-ocd", True, unused)  # expired with retention


def test_an_unanswered_handoff_is_forgotten_after_its_days(store: Store) -> None:
    old = store.open_handoff(111, at=now() - timedelta(days=8))
    recent = store.open_handoff(222)
    store.expire(handoff_days=7)
    labels = [label for (label,) in read(store, "SELECT label FROM handoffs")]
    assert labels == [recent] and old != recent


def test_a_relayed_handoff_forgets_the_chat(store: Store) -> None:
    label = store.open_handoff(123456)
    store.posted(label, 77)
    assert store.handoff_for(77).chat_id == 123456
    store.close_handoff(label)
    assert store.handoff_for(77) is None
    assert read(store, "SELECT * FROM handoffs") == []


def test_handoff_labels_are_anonymous(store: Store) -> None:
    label = store.open_handoff(987654)
    assert label.startswith("Patient ") and "987654" not in label


def test_a_pending_question_survives_a_restart_and_is_taken_once(tmp_path: Path) -> None:
    path = tmp_path / "faqbot.db"
    first = Store(path)
    first.hold_question(4242, "do you validate parking")
    first.close()
    store = Store(path)
    claim = store.claim_question(4242)
    assert claim is not None and claim.question == "do you validate parking"
    assert read(store, "SELECT chat_id FROM handoffs WHERE label = ?", (claim.label,)) == [(4242,)]
    assert store.claim_question(4242) is None
    assert read(store, "SELECT * FROM pending_handoffs") == []


def test_a_pending_question_expires_after_a_day(store: Store) -> None:
    store.hold_question(1, "old", at=now() - timedelta(hours=25))
    store.hold_question(2, "stale", at=now() - timedelta(hours=25))
    store.hold_question(3, "recent", at=now() - timedelta(hours=23))
    assert store.claim_question(1) is None  # too old to post, and gone
    assert store.expire() == 1
    assert read(store, "SELECT chat_id FROM pending_handoffs") == [(3,)]
    assert read(store, "SELECT * FROM handoffs") == []


def test_the_pending_limit_is_never_longer_than_the_handoff_days(store: Store) -> None:
    store.hold_question(1, "an hour ago", at=now() - timedelta(hours=1))
    assert store.claim_question(1, handoff_days=0) is None


def test_a_version_1_file_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "faqbot.db"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE vote_tokens")
        db.execute("DROP TABLE pending_handoffs")
        db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    store = Store(path)
    assert store.schema_version == SCHEMA_VERSION == 2
    store.hold_question(1, "still works")


def test_missing_directories_are_made_private(tmp_path: Path) -> None:
    Store(tmp_path / "a" / "b" / "faqbot.db").close()
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_the_front_desk_page_is_a_channel_of_its_own(store: Store, matcher: Matcher) -> None:
    store.record(matcher.reply("is ketamine addictive"), "web", at=NOW)
    store.record_lookup("what-is-ocd", "web", at=NOW)
    store.record(matcher.reply("hi"), "chat", at=NOW)

    assert store.replies_by_channel(*WEEK) == (Tally("chat", 1), Tally("web", 2))


def test_counts_by_kind_take_the_window_with_both_ends_included(
    store: Store, matcher: Matcher
) -> None:
    start, end = WEEK
    for at in (start - timedelta(seconds=1), start, end, end + timedelta(seconds=1)):
        store.record(matcher.reply("hi"), "chat", at=at)
    store.record(matcher.reply("what is the capital of france"), "chat", at=NOW)

    assert store.replies_by_kind(start, end) == (Tally("greeting", 2), Tally("no_match", 1))


def test_lookups_are_the_answers_no_matching_ran_for(store: Store, matcher: Matcher) -> None:
    store.record(matcher.reply("is ketamine addictive"), "chat", at=NOW)
    store.record_lookup("what-is-ocd", "inline", at=NOW)

    assert store.lookups(*WEEK) == 1


def test_top_answers_are_the_most_answered_entries_first_ties_by_id(store: Store) -> None:
    for entry_id in ("b-entry", "a-entry", "c-entry", "c-entry"):
        store.record_lookup(entry_id, "chat", at=NOW)

    assert store.top_answers(*WEEK, limit=2) == (Tally("c-entry", 2), Tally("a-entry", 1))


def test_unanswered_are_the_kept_masked_texts_oldest_first(store: Store) -> None:
    store.record(Reply(Kind.NO_MATCH, "parking? call me on 555-201-7788"), "chat", at=NOW)
    store.record(Reply(Kind.SUGGESTIONS, "how long"), "web", at=NOW)
    store.record(Reply(Kind.GREETING, "hello"), "chat", at=NOW)

    [parking, how_long] = store.unanswered(*WEEK)

    assert parking.startswith("parking?") and "7788" not in parking
    assert how_long == "how long"


def test_votes_are_counted_per_entry_the_most_voted_first(store: Store) -> None:
    for entry_id, helpful in (("one", True), ("two", True), ("two", False), ("two", True)):
        store.vote(entry_id, helpful, Store.new_vote(), at=NOW)

    assert store.votes(*WEEK) == (Votes("two", 2, 1), Votes("one", 1, 0))
