"""Benchmark of `faqbot web`: 20 staff searching at once, every keystroke a request.

The page is started as `faqbot web` in its own process on the real knowledge base;
each simulated member of staff types questions at a fast typist's pace and, like a
browser without debouncing, sends a search for every keystroke without waiting for the
previous one. The figure is the time from sending a keystroke's request to having its
result. Run with `python -m benchmarks.web`; nothing here asserts a timing.
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

from benchmarks import report
from benchmarks.engine import QUERIES, percentile
from benchmarks.report import NOT_AVAILABLE, Figure

P99_TARGET_MS = 30.0
STAFF = 20
QUESTIONS_EACH = 1
KEYSTROKE_SECONDS = 0.2  # 5 characters a second: a brisk typist
START_SECONDS = 120.0  # the model and the vectors load before the page answers
FAQBOT = Path(sys.executable).with_name("faqbot")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(port: int) -> subprocess.Popen[bytes]:
    """`faqbot web` on 127.0.0.1 without a password (no sign-in: loopback only)."""
    environ = {key: value for key, value in os.environ.items() if not key.startswith("FAQBOT_WEB_")}
    return subprocess.Popen(
        [str(FAQBOT), "web", "--host", "127.0.0.1", "--port", str(port)],
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_until_up(base: str, server: subprocess.Popen[bytes]) -> bool:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    return False


async def _staff(base: str, number: int, samples: list[int], failures: list[str]) -> None:
    """One member of staff typing QUESTIONS_EACH questions, a request per keystroke."""
    questions = [
        QUERIES[(number * QUESTIONS_EACH + i) % len(QUERIES)][1] for i in range(QUESTIONS_EACH)
    ]
    async with httpx.AsyncClient(base_url=base, timeout=10) as client:

        async def keystroke(prefix: str) -> None:
            started = time.perf_counter_ns()
            try:
                response = await client.get("/api/search", params={"q": prefix})
                response.json()
            except httpx.HTTPError as error:  # a timeout counts against the page
                failures.append(f"{type(error).__name__} for {prefix!r}")
                return
            samples.append(time.perf_counter_ns() - started)
            if response.status_code != 200:
                failures.append(f"{response.status_code} for {prefix!r}")

        pending = []
        # Staggered starts, as staff do not all press a key in the same millisecond.
        await asyncio.sleep(number * KEYSTROKE_SECONDS / STAFF)
        for question in questions:
            for end in range(1, len(question) + 1):
                pending.append(asyncio.create_task(keystroke(question[:end])))
                await asyncio.sleep(KEYSTROKE_SECONDS)
        await asyncio.gather(*pending)


async def _load(base: str) -> tuple[list[int], list[str], float]:
    samples: list[int] = []
    failures: list[str] = []
    started = time.perf_counter()
    await asyncio.gather(*(_staff(base, n, samples, failures) for n in range(STAFF)))
    return samples, failures, time.perf_counter() - started


def main() -> list[Figure]:
    report.header(f"Web: {STAFF} staff searching at once, every keystroke a request")
    name = f"web search p99, {STAFF} staff typing, real base"
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start(port)
    try:
        if not _wait_until_up(base, server):
            server.kill()
            error = server.communicate()[1].decode(errors="replace").strip().splitlines()
            print(f"  {name}: {NOT_AVAILABLE}: {error[-1] if error else 'did not start'}")
            return [report.timing(name, None, P99_TARGET_MS)]
        samples, failures, seconds = asyncio.run(_load(base))
    finally:
        server.terminate()
        server.wait(10)
    if failures:
        print(f"  {len(failures)} failed requests, first: {failures[0]}")
    if not samples:
        return [report.timing(name, None, P99_TARGET_MS)]
    found = [
        Figure("web searches answered", str(len(samples))),
        Figure("web searches failed", str(len(failures))),
        Figure("web searches per second", f"{len(samples) / seconds:.0f}"),
        report.timing("web search mean, 20 staff typing", statistics.fmean(samples)),
        report.timing(name, percentile(samples, 0.99), P99_TARGET_MS),
    ]
    report.figures(found)
    return found


if __name__ == "__main__":
    main()
