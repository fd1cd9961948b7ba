"""The front desk's web page: routes, sign-in, security headers, and what a search shows."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from markupsafe import escape
from starlette.testclient import TestClient

from bot.config import ConfigError
from bot.web import passwords
from bot.web.app import create_app
from bot.web.security import LoginLimiter
from bot.web.settings import WebSettings, load
from faq import knowledge
from faq.knowledge import KnowledgeBase
from faq.matcher import Matcher

PASSWORD = "correct horse battery staple"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def open_client(matcher: Matcher) -> TestClient:
    """The page on 127.0.0.1 with no password: no sign-in."""
    return TestClient(create_app(matcher, WebSettings()))


@pytest.fixture
def locked_client(matcher: Matcher) -> TestClient:
    """The page with a staff password."""
    return TestClient(create_app(matcher, WebSettings(password=PASSWORD)))


def csrf_from(client: TestClient, path: str = "/login") -> str:
    found = CSRF.search(client.get(path).text)
    assert found, "the form has no CSRF token"
    return found[1]


def sign_in(client: TestClient, password: str = PASSWORD, token: str | None = None):
    token = csrf_from(client) if token is None else token
    data = {"csrf_token": token, "password": password, "next": "/topics"}
    return client.post("/login", data=data, follow_redirects=False)


def test_search_without_javascript_renders_the_best_passage_open(
    open_client: TestClient, kb: KnowledgeBase
) -> None:
    page = open_client.get("/", params={"q": "is ketamine addictive"})
    entry = kb.entry("addiction-and-side-effects")
    assert page.status_code == 200
    assert '<form method="get" action="/"' in page.text
    assert 'data-id="addiction-and-side-effects" open' in page.text
    assert str(escape(entry.answer.split("\n")[0])) in page.text


def test_api_search_returns_the_answer_first_with_its_passage_and_related(
    open_client: TestClient, kb: KnowledgeBase
) -> None:
    data = open_client.get("/api/search", params={"q": "how fast does it work"}).json()
    assert data["kind"] == "answer"
    assert data["open"] == "how-fast-it-works"
    best = data["results"][0]
    entry = kb.entry("how-fast-it-works")
    assert entry is not None and best["id"] == entry.id
    assert [r["id"] for r in best["related"]] == list(entry.related)
    # The passage travels once as text and once to copy, in the html; not again beside it.
    assert entry.answer not in json.dumps(data["results"])
    passage = html.escape(entry.answer, quote=True)
    assert data["html"].count(passage) == 2 and 'class="copy"' in data["html"]


def test_a_topic_the_article_does_not_cover_gets_the_no_answer_card(
    open_client: TestClient, kb: KnowledgeBase
) -> None:
    data = open_client.get("/api/search", params={"q": "how much does it cost"}).json()
    assert data["kind"] == "no_match"
    assert data["open"] is None
    assert data["no_answer"] == kb.render(kb.messages.no_answer)
    page = open_client.get("/", params={"q": "how much does it cost"}).text
    assert "No approved answer: refer the caller" in page
    assert 'id="no-answer"' in page


def test_a_search_typed_again_gets_its_own_answer_whatever_came_between(
    open_client: TestClient,
) -> None:
    first = open_client.get("/api/search", params={"q": "how fast does it work"}).json()
    between = open_client.get("/api/search", params={"q": "how much does it cost"}).json()
    again = open_client.get("/api/search", params={"q": " how  fast does it work "}).json()
    assert again == first
    assert (first["kind"], between["kind"]) == ("answer", "no_match")


def test_a_page_on_another_knowledge_base_answers_from_that_base_only(
    open_client: TestClient, write_kb: Callable[..., Path]
) -> None:
    shipped = open_client.get("/api/search", params={"q": "how fast does it work"}).json()
    other = TestClient(create_app(Matcher(knowledge.load(write_kb())), WebSettings()))
    data = other.get("/api/search", params={"q": "how fast does it work"}).json()
    assert shipped["open"] == "how-fast-it-works"
    assert data["open"] == "how-fast"


@pytest.mark.parametrize("query", ["i want to kill myself", "I can't cope anymore"])
def test_a_crisis_like_query_shows_the_crisis_resources_before_anything_else(
    open_client: TestClient, kb: KnowledgeBase, query: str
) -> None:
    data = open_client.get("/api/search", params={"q": query}).json()
    assert data["kind"] in ("crisis", "concern")
    assert kb.render(kb.messages.crisis) in data["crisis"]
    page = open_client.get("/", params={"q": query}).text
    banner = page.index('id="crisis"')
    assert "988" in page[banner:]
    assert 'id="results"' not in page or banner < page.index('id="results"')


def test_topics_lists_every_question_and_entry_pages_show_the_passage(
    open_client: TestClient, kb: KnowledgeBase
) -> None:
    topics = open_client.get("/topics").text
    for entry in kb.entries:
        assert f'href="/entry/{entry.id}"' in topics
    page = open_client.get(f"/entry/{kb.entries[0].id}")
    assert page.status_code == 200 and f'data-id="{kb.entries[0].id}" open' in page.text
    assert open_client.get("/entry/no-such-entry").status_code == 404


def test_print_view_has_every_question_and_each_passage_once(
    open_client: TestClient, kb: KnowledgeBase
) -> None:
    sheet = open_client.get("/print").text
    for entry in kb.entries:
        assert str(escape(entry.question)) in sheet
    for answer in {entry.answer for entry in kb.entries}:
        assert sheet.count(f"<p>{escape(answer.split(chr(10))[0])}</p>") == 1


def test_healthz_reports_the_knowledge_base_hash(open_client: TestClient) -> None:
    health = open_client.get("/healthz")
    assert health.status_code == 200
    assert health.json()["status"] == "ok" and len(health.json()["sha256"]) == 16


def test_every_response_has_the_security_headers(locked_client: TestClient) -> None:
    for path in ("/login", "/healthz", "/static/app.js", "/"):
        headers = locked_client.get(path, follow_redirects=False).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_pages_have_no_inline_script(open_client: TestClient) -> None:
    for path in ("/", "/?q=addictive", "/topics", "/print"):
        text = open_client.get(path).text
        assert re.findall(r"<script(?![^>]*\bsrc=)", text) == []
        assert re.search(r"\son[a-z]+=", text) is None


def test_signed_out_staff_are_sent_to_sign_in_and_the_api_refuses(
    locked_client: TestClient,
) -> None:
    page = locked_client.get("/?q=addictive", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login?next=/")
    assert locked_client.get("/api/search?q=addictive").status_code == 401
    assert locked_client.get("/healthz").status_code == 200


def test_the_right_password_signs_in_and_sign_out_needs_its_token(
    locked_client: TestClient,
) -> None:
    signed = sign_in(locked_client)
    assert signed.status_code == 303 and signed.headers["location"] == "/topics"
    assert "faqbot_web" in signed.headers["set-cookie"]
    assert "samesite=strict" in signed.headers["set-cookie"].lower()
    assert locked_client.get("/api/search?q=addictive").status_code == 200
    refused = locked_client.post("/logout", data={"csrf_token": "forged"})
    assert refused.status_code == 403
    token = csrf_from(locked_client, "/topics")
    out = locked_client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert out.status_code == 303
    assert locked_client.get("/api/search?q=addictive").status_code == 401


def test_a_wrong_password_is_refused(locked_client: TestClient) -> None:
    refused = sign_in(locked_client, "guess")
    assert refused.status_code == 401 and "Wrong password" in refused.text
    assert locked_client.get("/api/search?q=x").status_code == 401


def test_sign_in_without_the_csrf_token_is_refused(locked_client: TestClient) -> None:
    locked_client.get("/login")
    refused = sign_in(locked_client, token="")
    assert refused.status_code == 403
    assert locked_client.get("/api/search?q=x").status_code == 401


def test_sign_in_never_redirects_to_another_site(locked_client: TestClient) -> None:
    token = csrf_from(locked_client)
    data = {"csrf_token": token, "password": PASSWORD, "next": "//evil.example/"}
    signed = locked_client.post("/login", data=data, follow_redirects=False)
    assert signed.headers["location"] == "/"


def test_failed_sign_ins_are_limited_per_address(locked_client: TestClient) -> None:
    for _ in range(3):
        assert sign_in(locked_client).status_code == 303  # successes do not count
    for _ in range(5):
        assert sign_in(locked_client, "guess").status_code == 401
    assert sign_in(locked_client).status_code == 429  # even the right password, for now


def test_the_limiter_forgets_attempts_after_its_window() -> None:
    now = [0.0]
    limiter = LoginLimiter(limit=2, window=60, clock=lambda: now[0])
    limiter.failed("a")
    assert not limiter.blocked("a")
    limiter.failed("a")
    assert limiter.blocked("a") and not limiter.blocked("b")
    now[0] = 61
    assert not limiter.blocked("a")


def test_a_password_hash_signs_in(matcher: Matcher) -> None:
    stored = passwords.hash_password(PASSWORD)
    client = TestClient(create_app(matcher, WebSettings(password_hash=stored)))
    assert sign_in(client, "wrong").status_code == 401
    assert sign_in(client).status_code == 303


def test_pbkdf2_hashes_verify() -> None:
    import hashlib

    salt = bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", b"pw", salt, 100_000).hex()
    stored = f"pbkdf2_sha256$100000${salt.hex()}${digest}"
    assert passwords.verify("pw", stored) and not passwords.verify("px", stored)


def test_settings_refuse_a_public_address_without_a_password() -> None:
    with pytest.raises(ConfigError, match="without a staff password"):
        load({"FAQBOT_WEB_HOST": "0.0.0.0"})
    assert load({"FAQBOT_WEB_HOST": "0.0.0.0", "FAQBOT_WEB_PASSWORD": "x"}).port == 8080
    assert load({}).host == "127.0.0.1"
    with pytest.raises(ConfigError, match="FAQBOT_WEB_PASSWORD_HASH"):
        load({"FAQBOT_WEB_PASSWORD_HASH": "md5$abc"})
    with pytest.raises(ConfigError, match="FAQBOT_WEB_PORT"):
        load({"FAQBOT_WEB_PORT": "http"})


def test_settings_take_one_to_eight_workers() -> None:
    assert load({}).workers == 1
    assert load({"FAQBOT_WEB_WORKERS": "2"}).workers == 2
    for wrong in ("0", "9", "two", "-1"):
        with pytest.raises(ConfigError, match="FAQBOT_WEB_WORKERS must be 1 to 8"):
            load({"FAQBOT_WEB_WORKERS": wrong})
