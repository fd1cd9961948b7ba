"""`faqbot web` with FAQBOT_WEB_WORKERS=2: two processes on one port, one session."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.e2e

FAQBOT = Path(sys.executable).with_name("faqbot")
PASSWORD = "front desk 2026"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Page:
    """The page's address and the pid of the `faqbot web` that serves it."""

    url: str
    pid: int


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    """The page served by two workers, with sign-in and a secret it made itself."""
    port = free_port()
    environ = {k: v for k, v in os.environ.items() if not k.startswith("FAQBOT_WEB_")}
    environ.update(FAQBOT_WEB_WORKERS="2", FAQBOT_WEB_PASSWORD=PASSWORD)
    server = subprocess.Popen(
        [str(FAQBOT), "web", "--port", str(port)],
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and server.poll() is None:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        assert server.poll() is None, server.communicate()[0].decode()
        yield Page(base, server.pid)
    finally:
        server.terminate()
        server.wait(20)


def test_two_workers_serve_the_page_with_their_own_processes(page: Page) -> None:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes()
        except OSError:  # gone meanwhile
            continue
        if fields[1] == str(page.pid) and b"spawn_main" in command:
            children.append(stat.parent.name)
    assert len(children) == 2
    assert httpx.get(f"{page.url}/healthz").json()["status"] == "ok"


def test_a_sign_in_holds_whichever_worker_answers(page: Page) -> None:
    # Fresh connections land on either worker; a secret of its own in each would make
    # every other request lose the session.
    with httpx.Client(base_url=page.url, follow_redirects=False) as browser:
        token = CSRF.search(browser.get("/login").text)
        assert token is not None
        signed = browser.post(
            "/login", data={"csrf_token": token.group(1), "password": PASSWORD, "next": "/"}
        )
        assert signed.status_code == 303
        cookies = browser.cookies
    for _ in range(12):
        with httpx.Client(base_url=page.url, cookies=cookies, follow_redirects=False) as fresh:
            answer = fresh.get("/api/search", params={"q": "is ketamine addictive"})
            assert answer.status_code == 200, answer.status_code
            assert answer.json()["open"] == "addiction-and-side-effects"
