"""The admins' dashboard on the front desk's page, and the page's searches counted in the
analytics under their own channel, with no identity."""

from __future__ import annotations

import contextlib
import logging
import re
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape
from starlette.testclient import TestClient

from bot import analytics, report
from bot.analytics import Store
from bot.config import ConfigError
from bot.web import passwords
from bot.web.app import create_app
from bot.web.settings import WebSettings, load
from faq.knowledge import KnowledgeBase
from faq.matcher import Matcher
from faq.reply import Kind

STAFF = "correct horse battery staple"
ADMIN = "the clinic's own admin phrase"
NOW = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
COST = ["how much does it cost?", "how much does it cost?", "How much does it cost", "cost??"]
FLUSH = 10.0

MakeClient = Callable[..., TestClient]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "faqbot.db"


@pytest.fixture
def make_client(matcher: Matcher, db: Path) -> MakeClient:
    """A client of the page with staff and admin passwords, counting in `db`."""

    def make(clock: Callable[[], datetime] = lambda: NOW, **settings: Any) -> TestClient:
        chosen = {"password": STAFF, "admin_password": ADMIN, "db_path": db, **settings}
        return TestClient(create_app(matcher, WebSettings(**chosen), clock=clock))

    return make


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    return make_client()


def sign_in(client: TestClient, password: str, next_path: str = "/"):
    found = CSRF.search(client.get("/login").text)
    assert found, "the sign-in form has no CSRF token"
    data = {"csrf_token": found[1], "password": password, "next": next_path}
    return client.post("/login", data=data, follow_redirects=False)


def csrf_of(client: TestClient) -> str:
    found = CSRF.search(client.get("/topics").text)
    assert found, "the page has no CSRF token"
    return found[1]


def seed(db: Path, matcher: Matcher) -> None:
    """Two periods' worth of replies and a vote, as the bot records them."""
    store = Store(db)
    try:
        for question, kind, days in (
            ("is it addictive", Kind.ANSWER, 1),
            ("what is ocd", Kind.ANSWER, 12),
            ("i want to kill myself", Kind.CRISIS, 3),
            *((question, Kind.NO_MATCH, 2) for question in COST),
        ):
            reply = matcher.reply(question)
            assert reply.kind is kind, f"{question!r} now gets {reply.kind}"
            store.record(reply, "chat", at=NOW - timedelta(days=days))
        store.vote("addiction-and-side-effects", True, Store.new_vote(), at=NOW - timedelta(1))
    finally:
        store.close()


def stored(db: Path) -> list[tuple[Any, ...]]:
    """Every reply row the file holds, read on a connection of its own."""
    with contextlib.closing(sqlite3.connect(db)) as connection:
        return connection.execute(
            "SELECT kind, entry_id, score IS NOT NULL, channel, question FROM replies ORDER BY id"
        ).fetchall()


def written(client: TestClient) -> None:
    """Wait until the page's counts are in the file."""
    assert client.app.state.recorder.flush(FLUSH)


def figure(page: str, label: str) -> list[str]:
    """The values of one row of the dashboard's side-by-side table."""
    row = re.search(rf'<th scope="row">{re.escape(str(escape(label)))}</th>(.*?)</tr>', page)
    assert row, f"no row {label!r}"
    return re.findall(r'<td class="n">([^<]*)</td>', row[1])


# -- who sees the dashboard


def test_the_admin_password_signs_in_and_shows_the_dashboard_link(
    client: TestClient, db: Path
) -> None:
    Store(db).close()
    assert sign_in(client, ADMIN).status_code == 303
    assert 'href="/admin"' in client.get("/").text
    page = client.get("/admin")
    assert page.status_code == 200
    assert "Last 7 days" in page.text and "Last 30 days" in page.text


def test_staff_are_refused_the_dashboard_and_see_no_link_to_it(client: TestClient) -> None:
    assert sign_in(client, STAFF).status_code == 303
    assert 'href="/admin"' not in client.get("/").text
    refused = client.get("/admin")
    assert refused.status_code == 403 and "Admins only" in refused.text
    assert client.get("/admin/report.csv?days=7").status_code == 403


def test_the_dashboard_sends_the_signed_out_to_sign_in_and_back(client: TestClient) -> None:
    sent = client.get("/admin", follow_redirects=False)
    assert sent.status_code == 303 and sent.headers["location"] == "/login?next=/admin"
    assert sign_in(client, ADMIN, "/admin").headers["location"] == "/admin"


def test_without_an_admin_password_there_is_no_dashboard(make_client: MakeClient) -> None:
    client = make_client(admin_password="")
    sign_in(client, STAFF)
    missing = client.get("/admin")
    assert missing.status_code == 404 and "FAQBOT_WEB_ADMIN_PASSWORD" in missing.text
    assert client.get("/admin/report.csv").status_code == 404


def test_an_admin_password_hash_signs_in_as_an_admin(make_client: MakeClient) -> None:
    client = make_client(admin_password="", admin_password_hash=passwords.hash_password(ADMIN))
    assert sign_in(client, ADMIN).status_code == 303
    assert client.get("/admin").status_code == 200


def test_signing_out_ends_the_admins_session(client: TestClient) -> None:
    sign_in(client, ADMIN)
    client.post("/logout", data={"csrf_token": csrf_of(client)})
    assert client.get("/admin", follow_redirects=False).status_code == 303


def test_the_dashboard_has_no_inline_script_and_the_strict_policy(client: TestClient) -> None:
    sign_in(client, ADMIN)
    page = client.get("/admin")
    assert re.findall(r"<script(?![^>]*\bsrc=)", page.text) == []
    assert re.search(r"\s(on[a-z]+|style)=", page.text) is None
    assert "unsafe-inline" not in page.headers["content-security-policy"]


# -- what it shows


def test_the_dashboard_shows_the_reports_figures_for_7_and_30_days(
    client: TestClient, db: Path, matcher: Matcher, kb: KnowledgeBase
) -> None:
    seed(db, matcher)
    sign_in(client, ADMIN)

    page = client.get("/admin").text

    assert figure(page, "Replies") == ["6", "7"]
    assert figure(page, "crisis resources sent") == ["1", "1"]
    assert figure(page, "Telegram chats") == ["6", "7"]
    assert figure(page, "No answer found, share of questions typed") == ["80%", "67%"]
    week = page[page.index('id="period-7"') : page.index('id="period-30"')]
    assert "<td>how much does it cost?" in week and "also: cost??" in week
    assert '<td class="n">4</td><td>how much does it cost?' in week
    question = str(escape(kb.entry("addiction-and-side-effects").question))
    assert f'<td class="n">100%</td><td>{question}</td>' in week
    assert str(escape(kb.entry("what-is-ocd").question)) not in week


def test_the_csv_download_is_the_reports_csv(
    client: TestClient, db: Path, matcher: Matcher, kb: KnowledgeBase
) -> None:
    seed(db, matcher)
    sign_in(client, ADMIN)
    store = Store(db)
    try:
        expected = {
            days: report.to_csv(report.report(store, kb, periods=periods, now=NOW))
            for days, periods in (("7", (7,)), ("30", (30,)), (None, (7, 30)))
        }
    finally:
        store.close()

    for days, csv_text in expected.items():
        download = client.get("/admin/report.csv", params={"days": days} if days else {})
        assert download.status_code == 200
        assert download.text == csv_text
        assert download.headers["content-type"] == "text/csv; charset=utf-8"
        assert download.headers["content-disposition"].startswith("attachment;")
    assert client.get("/admin/report.csv?days=9").status_code == 400


def test_the_dashboard_shows_the_page_own_searches_under_their_channel(
    make_client: MakeClient,
) -> None:
    client = make_client(clock=analytics.now)
    sign_in(client, ADMIN)
    client.get("/", params={"q": "is ketamine addictive"})
    client.get("/entry/what-is-ocd")
    written(client)

    page = client.get("/admin").text

    assert figure(page, "front desk page (staff)") == ["2", "2"]
    assert figure(page, "picked from a list") == ["1", "1"]


# -- what the page counts, and what it does not


def test_a_search_sent_without_javascript_is_counted_under_web_with_no_identity(
    client: TestClient, db: Path
) -> None:
    sign_in(client, STAFF)
    client.get("/", params={"q": "how much does it   cost"})
    written(client)

    assert stored(db) == [("no_match", None, False, "web", "how much does it cost")]
    with contextlib.closing(sqlite3.connect(db)) as connection:
        everything = connection.iterdump()
        kept = "\n".join(line for line in everything if "INSERT" in line)
    assert "testclient" not in kept  # the TestClient's address
    assert client.cookies["faqbot_web"] not in kept
    assert STAFF not in kept


def test_search_as_you_type_is_not_counted(client: TestClient, db: Path) -> None:
    sign_in(client, STAFF)
    typed = "is ketamine addictive"
    for end in range(1, len(typed) + 1):
        assert client.get("/api/search", params={"q": typed[:end]}).status_code == 200
    written(client)

    assert not db.exists() or stored(db) == []


def test_a_search_the_page_says_was_used_is_counted_once(client: TestClient, db: Path) -> None:
    sign_in(client, STAFF)
    used = client.post(
        "/api/used", data={"q": "how fast does it work", "csrf_token": csrf_of(client)}
    )
    written(client)

    assert used.status_code == 204
    assert stored(db) == [("answer", "how-fast-it-works", True, "web", None)]


def test_a_used_search_without_the_pages_token_is_not_counted(client: TestClient, db: Path) -> None:
    sign_in(client, STAFF)
    forged = client.post("/api/used", data={"q": "how fast does it work", "csrf_token": "x"})
    written(client)

    assert forged.status_code == 403
    assert not db.exists() or stored(db) == []


def test_an_entry_opened_from_the_topics_counts_as_picked_from_a_list(
    client: TestClient, db: Path
) -> None:
    sign_in(client, STAFF)
    client.get("/entry/what-is-ocd")
    written(client)

    assert stored(db) == [("answer", "what-is-ocd", False, "web", None)]


def test_a_page_without_a_database_counts_nothing(matcher: Matcher, tmp_path: Path) -> None:
    client = TestClient(create_app(matcher, WebSettings()))
    assert client.get("/", params={"q": "is ketamine addictive"}).status_code == 200
    assert client.app.state.recorder is None


# -- a database the dashboard cannot read


def corrupt(db: Path) -> None:
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(b"this is not an SQLite database, whatever its name says" * 20)


def test_a_corrupt_database_is_a_message_on_the_dashboard(client: TestClient, db: Path) -> None:
    corrupt(db)
    sign_in(client, ADMIN)

    page = client.get("/admin")

    assert page.status_code == 503
    assert 'id="problem"' in page.text and "not a database" in page.text
    assert 'id="figures"' not in page.text
    csv_download = client.get("/admin/report.csv?days=7")
    assert csv_download.status_code == 503 and "not a database" in csv_download.text


def test_a_folder_for_a_database_is_a_message_on_the_dashboard(
    client: TestClient, db: Path
) -> None:
    db.mkdir(parents=True)
    sign_in(client, ADMIN)

    page = client.get("/admin")

    assert page.status_code == 503 and "it is a folder" in page.text


def test_no_database_yet_says_nothing_was_recorded(client: TestClient, db: Path) -> None:
    sign_in(client, ADMIN)

    page = client.get("/admin")

    assert page.status_code == 200 and 'id="nothing-yet"' in page.text
    assert str(db) in page.text
    assert client.get("/admin/report.csv").status_code == 404


def test_a_broken_database_never_fails_a_search_and_is_logged_once(
    client: TestClient, db: Path, caplog: pytest.LogCaptureFixture
) -> None:
    corrupt(db)
    sign_in(client, STAFF)
    caplog.set_level(logging.WARNING, logger="bot.recorder")

    for query in ("is ketamine addictive", "how much does it cost", "what is ocd"):
        page = client.get("/", params={"q": query})
        assert page.status_code == 200 and 'id="found"' in page.text
    deadline = time.monotonic() + FLUSH
    while not caplog.records and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # the other two searches' counts fail meanwhile

    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 1 and "not a database" in lines[0], lines


# -- settings


def test_the_admin_password_is_read_from_the_environment_with_the_database(
    tmp_path: Path,
) -> None:
    settings = load(
        {
            "FAQBOT_WEB_PASSWORD": STAFF,
            "FAQBOT_WEB_ADMIN_PASSWORD": ADMIN,
            "FAQBOT_DB_PATH": str(tmp_path / "x.db"),
        }
    )
    assert settings.admin and settings.admin_password_ok(ADMIN)
    assert not settings.admin_password_ok(STAFF)
    assert settings.db_path == tmp_path / "x.db"
    assert ADMIN not in repr(settings) and STAFF not in repr(settings)


def test_an_admin_password_without_a_staff_password_is_refused() -> None:
    with pytest.raises(ConfigError, match="needs a staff password"):
        load({"FAQBOT_WEB_ADMIN_PASSWORD": ADMIN})


def test_an_admin_password_equal_to_the_staff_password_is_refused() -> None:
    with pytest.raises(ConfigError, match="must differ"):
        load({"FAQBOT_WEB_PASSWORD": STAFF, "FAQBOT_WEB_ADMIN_PASSWORD": STAFF})
    with pytest.raises(ConfigError, match="must differ"):
        stored_hash = passwords.hash_password(STAFF)
        load({"FAQBOT_WEB_PASSWORD_HASH": stored_hash, "FAQBOT_WEB_ADMIN_PASSWORD": STAFF})


def test_an_unreadable_admin_password_hash_is_refused() -> None:
    with pytest.raises(ConfigError, match="FAQBOT_WEB_ADMIN_PASSWORD_HASH"):
        load({"FAQBOT_WEB_PASSWORD": STAFF, "FAQBOT_WEB_ADMIN_PASSWORD_HASH": "md5$abc"})
