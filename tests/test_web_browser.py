"""The front desk's page in a real browser (Debian's chromium, driven by Playwright)."""

from __future__ import annotations

import contextlib
import re
import socket
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"no browser at {CHROMIUM}: apt-get install chromium", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")

import uvicorn  # noqa: E402  (only once the module is known to run)
from starlette.applications import Starlette  # noqa: E402

from bot.analytics import Store, now  # noqa: E402
from bot.web.app import create_app  # noqa: E402
from bot.web.settings import WebSettings  # noqa: E402
from faq.knowledge import KnowledgeBase  # noqa: E402
from faq.matcher import Matcher  # noqa: E402

PASSWORD = "front desk"
ADMIN_PASSWORD = "clinic admin"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WAIT_MS = 10_000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def served(app: Starlette, port: int) -> Iterator[str]:
    """The app served by uvicorn in a thread, until the block ends; its address."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def base_url(matcher: Matcher) -> Iterator[str]:
    """The page, with a staff password, served by uvicorn in a thread."""
    port = free_port()
    with served(create_app(matcher, WebSettings(port=port, password=PASSWORD)), port) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[sync_api.Browser]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def new_page(browser: sync_api.Browser, base_url: str, **options: object) -> sync_api.Page:
    """A signed-in page in a fresh context that may use the clipboard."""
    context = browser.new_context(base_url=base_url, **options)
    if options.get("java_script_enabled", True):
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.goto("/login")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/")
    return page


@pytest.fixture
def page(browser: sync_api.Browser, base_url: str) -> Iterator[sync_api.Page]:
    opened = new_page(browser, base_url, viewport={"width": 1100, "height": 800})
    yield opened
    opened.context.close()


def clipboard(page: sync_api.Page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def test_typing_finds_the_right_passage_open(page: sync_api.Page, tmp_path: Path) -> None:
    page.locator("#q").press_sequentially("is ketamine addictive", delay=40)
    best = page.locator('details.result[open][data-id="addiction-and-side-effects"]')
    sync_api.expect(best).to_be_visible()
    sync_api.expect(page.locator("details.result").first).to_have_attribute(
        "data-id", "addiction-and-side-effects"
    )
    page.screenshot(path=tmp_path / "search.png", full_page=True)


def test_copy_puts_exactly_the_passage_on_the_clipboard(
    page: sync_api.Page, kb: KnowledgeBase
) -> None:
    page.locator("#q").fill("how fast does it work")
    best = page.locator('details.result[open][data-id="how-fast-it-works"]')
    best.locator("button.copy").click()
    sync_api.expect(best.locator("button.copy")).to_have_text("Copied")
    assert clipboard(page) == kb.entry("how-fast-it-works").answer


def test_keyboard_alone_searches_moves_opens_and_copies(
    page: sync_api.Page, kb: KnowledgeBase
) -> None:
    page.keyboard.press("/")
    page.keyboard.type("what is ketamine")
    results = page.locator("details.result")
    sync_api.expect(results.first).to_have_attribute("data-id", "what-is-ketamine")
    sync_api.expect(results.first).to_have_attribute("open", "")
    page.keyboard.press("Control+Enter")  # from the search box: copies the open result
    sync_api.expect(page.locator("#status")).to_contain_text("Copied")
    assert clipboard(page) == kb.entry("what-is-ketamine").answer
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    second = results.nth(1)
    sync_api.expect(second).to_have_class("result selected")
    page.keyboard.press("Enter")
    sync_api.expect(second).to_have_attribute("open", "")
    page.keyboard.press("c")
    second_id = second.get_attribute("data-id")
    page.wait_for_function(
        "expected => navigator.clipboard.readText().then(text => text === expected)",
        arg=kb.entry(second_id).answer,
    )
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "q"


def test_a_topic_the_article_does_not_cover_shows_the_no_answer_card(
    page: sync_api.Page, kb: KnowledgeBase, tmp_path: Path
) -> None:
    page.locator("#q").fill("how much does it cost")
    card = page.locator("#no-answer")
    sync_api.expect(card).to_contain_text("No approved answer")
    sync_api.expect(card).to_contain_text(" ".join(kb.render(kb.messages.no_answer).split()))
    assert page.locator("details.result[open]").count() == 0
    page.screenshot(path=tmp_path / "no-answer.png", full_page=True)


def test_a_crisis_query_shows_the_crisis_banner_first(page: sync_api.Page, tmp_path: Path) -> None:
    page.locator("#q").fill("i want to kill myself")
    banner = page.locator("#crisis")
    sync_api.expect(banner).to_contain_text("988")
    first = page.evaluate("document.querySelector('#found').firstElementChild.id")
    assert first == "crisis"
    page.screenshot(path=tmp_path / "crisis.png", full_page=True)


def test_sign_in_refuses_a_wrong_password_then_lets_staff_in(
    browser: sync_api.Browser, base_url: str
) -> None:
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.goto("/topics")
    assert "/login" in page.url
    page.fill("#password", "guess")
    page.click("button[type=submit]")
    sync_api.expect(page.locator(".error")).to_have_text("Wrong password.")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/topics")
    page.click("text=Sign out")
    page.wait_for_url(f"{base_url}/login")
    context.close()


def test_a_390_pixel_screen_needs_no_sideways_scrolling(
    browser: sync_api.Browser, base_url: str, tmp_path: Path
) -> None:
    phone = new_page(browser, base_url, viewport={"width": 390, "height": 844})
    phone.locator("#q").fill("side effects")
    sync_api.expect(phone.locator("details.result[open]")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=tmp_path / "phone.png", full_page=True)
    phone.context.close()


def test_without_javascript_the_form_searches_on_the_server(
    browser: sync_api.Browser, base_url: str
) -> None:
    plain = new_page(browser, base_url, java_script_enabled=False)
    plain.fill("#q", "is ketamine addictive")
    plain.click("#search-form button[type=submit]")
    plain.wait_for_url(lambda url: url.endswith("/?q=is+ketamine+addictive"))
    best = plain.locator('details.result[open][data-id="addiction-and-side-effects"]')
    sync_api.expect(best).to_be_visible()
    plain.context.close()


def test_searches_an_admin_settles_on_show_on_the_dashboard(
    browser: sync_api.Browser, matcher: Matcher, tmp_path: Path
) -> None:
    db = tmp_path / "faqbot.db"
    store = Store(db)
    for question in ("is it addictive", "how much does it cost", "cost??", "hi"):
        store.record(matcher.reply(question), "chat", at=now() - timedelta(days=2))
    store.vote("addiction-and-side-effects", True, Store.new_vote(), at=now() - timedelta(1))
    store.close()
    port = free_port()
    settings = WebSettings(port=port, password=PASSWORD, admin_password=ADMIN_PASSWORD, db_path=db)
    with served(create_app(matcher, settings), port) as url:
        context = browser.new_context(base_url=url, viewport={"width": 1100, "height": 800})
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url)
        page = context.new_page()
        page.set_default_timeout(WAIT_MS)
        used: list[str] = []
        page.on("request", lambda r: used.append(r.url) if r.url.endswith("/api/used") else None)
        page.goto("/login")
        page.fill("#password", ADMIN_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{url}/")

        with page.expect_request("**/api/used"):  # left on screen: settled, not typed
            page.locator("#q").press_sequentially("how much does it cost", delay=30)
            sync_api.expect(page.locator("#no-answer")).to_be_visible()
        page.locator("#q").fill("how fast does it work")
        best = page.locator('details.result[open][data-id="how-fast-it-works"]')
        with page.expect_request("**/api/used"):
            best.locator("button.copy").click()
        page.click("text=Dashboard")
        page.wait_for_url(f"{url}/admin")

        web = page.locator("#figures tr", has_text="front desk page")
        sync_api.expect(web.locator("td").first).to_have_text("2")
        week = page.locator("#period-7")
        sync_api.expect(week.locator("table.unanswered tr").nth(1)).to_contain_text(
            "how much does it cost"
        )
        sync_api.expect(week.locator("table.feedback")).to_contain_text("100%")
        assert len(used) == 2  # one a search, not one a keystroke
        page.screenshot(path=tmp_path / "dashboard.png", full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=tmp_path / "dashboard-phone.png", full_page=True)
        with page.expect_download() as download:
            page.click("text=last 7 days")
        body = Path(download.value.path()).read_text(encoding="utf-8")
        assert body.startswith("period_days,") and re.search(r"channels,web,[^,]*,2,", body)
        context.close()
