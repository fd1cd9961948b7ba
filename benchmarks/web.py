"""Benchmark of `faqbot web`: 20 staff searching at once, every keystroke a request.

The page is started as `faqbot web` in its own process on the real knowledge base;
each simulated member of staff types questions at a fast typist's pace and, like a
browser without debouncing, sends a search for every keystroke without waiting for the
previous one. The figure is the time from sending a keystroke's request to having its
result (the JSON read). Run with `python -m benchmarks.web`; nothing here asserts a
timing.

The staff's browsers are plain asyncio streams speaking HTTP/1.1 with keep-alive: a
connection for each request in flight, as a browser opens them, reused once its
response is read. This load generator shares the machine's two cores with the page.
With httpx it measured itself: each httpx.AsyncClient took 20-35 ms to build (its TLS
context, unused on http://), so the 20 browsers held the event loop for 0.5-0.8 s just
as the first keystrokes went out, and its requests cost 2.7-5 ms of CPU each against
the page's 7. The p99 of 84-160 ms was mostly that. These clients cost about 0.8 ms a
request; both processes' CPU time per search is printed.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from benchmarks import report
from benchmarks.engine import QUERIES, percentile
from benchmarks.report import NOT_AVAILABLE, Figure
from benchmarks.telegram_load import process_cpu_seconds, stat_fields

P99_TARGET_MS = 30.0
STAFF = 20
QUESTIONS_EACH = 1
KEYSTROKE_SECONDS = 0.2  # 5 characters a second: a brisk typist
START_SECONDS = 120.0  # the model and the vectors load before the page answers
HOST = "127.0.0.1"
FAQBOT = Path(sys.executable).with_name("faqbot")
Connection = tuple[asyncio.StreamReader, asyncio.StreamWriter]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _start(port: int, workers: int) -> subprocess.Popen[bytes]:
    """`faqbot web` on 127.0.0.1 without a password (no sign-in: loopback only)."""
    environ = {key: value for key, value in os.environ.items() if not key.startswith("FAQBOT_WEB_")}
    environ["FAQBOT_WEB_WORKERS"] = str(workers)
    return subprocess.Popen(
        [str(FAQBOT), "web", "--host", HOST, "--port", str(port)],
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_until_up(port: int, server: subprocess.Popen[bytes]) -> bool:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=1) as answer:
                if answer.status == 200:
                    return True
        except OSError:  # refused while it loads, or a timeout
            pass
        time.sleep(0.2)
    return False


def _cpu_seconds(pid: int) -> float | None:
    """The CPU time (user and system) a process and its children (the page's workers)
    have used so far; None off Linux."""
    children = [
        entry.name
        for entry in Path("/proc").glob("[0-9]*")
        if (fields := stat_fields(entry.name)) is not None and fields[1] == str(pid)
    ]
    times = [process_cpu_seconds(one) for one in (pid, *children)]
    found = [seconds for seconds in times if seconds is not None]
    return sum(found) if found else None


class Browser:
    """One member of staff's browser: keep-alive HTTP/1.1 connections to the page, a new
    one opened when every open one awaits a response."""

    def __init__(self, port: int) -> None:
        self.port = port
        self._idle: list[Connection] = []
        self._all: list[Connection] = []

    async def get_json(self, target: str) -> tuple[int, object]:
        """The status and the JSON body of a GET."""
        if self._idle:
            reader, writer = self._idle.pop()
        else:
            reader, writer = await asyncio.open_connection(HOST, self.port)
            self._all.append((reader, writer))
        writer.write(f"GET {target} HTTP/1.1\r\nHost: {HOST}:{self.port}\r\n\r\n".encode())
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        headers = dict(line.lower().split(": ", 1) for line in head[1:] if line)
        # The page answers a search with a Content-Length body (never chunked).
        body = await reader.readexactly(int(headers["content-length"]))
        if headers.get("connection") != "close":
            self._idle.append((reader, writer))
        return int(head[0].split()[1]), json.loads(body)

    async def close(self) -> None:
        for _, writer in self._all:
            writer.close()
        await asyncio.gather(*(w.wait_closed() for _, w in self._all), return_exceptions=True)


async def _staff(port: int, number: int, samples: list[int], failures: list[str]) -> None:
    """One member of staff typing QUESTIONS_EACH questions, a request per keystroke."""
    questions = [
        QUERIES[(number * QUESTIONS_EACH + i) % len(QUERIES)][1] for i in range(QUESTIONS_EACH)
    ]
    browser = Browser(port)

    async def keystroke(prefix: str) -> None:
        target = "/api/search?" + urllib.parse.urlencode({"q": prefix})
        started = time.perf_counter_ns()
        try:
            status, _ = await asyncio.wait_for(browser.get_json(target), 10)
        except (OSError, EOFError, ValueError, TimeoutError) as error:  # counts against the page
            failures.append(f"{type(error).__name__} for {prefix!r}")
            return
        samples.append(time.perf_counter_ns() - started)
        if status != 200:
            failures.append(f"{status} for {prefix!r}")

    pending = []
    # Staggered starts, as staff do not all press a key in the same millisecond.
    await asyncio.sleep(number * KEYSTROKE_SECONDS / STAFF)
    for question in questions:
        for end in range(1, len(question) + 1):
            pending.append(asyncio.create_task(keystroke(question[:end])))
            await asyncio.sleep(KEYSTROKE_SECONDS)
    await asyncio.gather(*pending)
    await browser.close()


async def _load(port: int) -> tuple[list[int], list[str], float]:
    samples: list[int] = []
    failures: list[str] = []
    started = time.perf_counter()
    await asyncio.gather(*(_staff(port, n, samples, failures) for n in range(STAFF)))
    return samples, failures, time.perf_counter() - started


def _measure(workers: int) -> list[Figure]:
    """The figures of one run against `faqbot web` with this many worker processes."""
    label = f"{workers} worker{'s' if workers > 1 else ''}"
    name = f"web search p99, {STAFF} staff typing, real base, {label}"
    port = _free_port()
    server = _start(port, workers)
    try:
        if not _wait_until_up(port, server):
            server.kill()
            error = server.communicate()[1].decode(errors="replace").strip().splitlines()
            print(f"  {name}: {NOT_AVAILABLE}: {error[-1] if error else 'did not start'}")
            return [report.timing(name, None, P99_TARGET_MS)]
        server_before = _cpu_seconds(server.pid)
        client_before = time.process_time()
        samples, failures, seconds = asyncio.run(_load(port))
        client_cpu = time.process_time() - client_before
        server_after = _cpu_seconds(server.pid)
    finally:
        server.terminate()
        server.wait(10)
    if failures:
        print(f"  {len(failures)} failed requests, first: {failures[0]}")
    if not samples:
        return [report.timing(name, None, P99_TARGET_MS)]
    server_cpu = (
        None if server_before is None or server_after is None else server_after - server_before
    )
    requests = len(samples) + len(failures)
    return [
        Figure(f"web searches answered, {label}", str(len(samples))),
        Figure(f"web searches failed, {label}", str(len(failures))),
        Figure(f"web searches per second, {label}", f"{len(samples) / seconds:.0f}"),
        report.timing(
            f"the page's CPU time per search, {label}",
            None if server_cpu is None else server_cpu * 1e9 / requests,
        ),
        report.timing(
            f"the load generator's CPU time per search, {label}", client_cpu * 1e9 / requests
        ),
        report.timing(f"web search p50, {label}", percentile(samples, 0.5)),
        report.timing(f"web search mean, {label}", statistics.fmean(samples)),
        report.timing(name, percentile(samples, 0.99), P99_TARGET_MS),
    ]


def main() -> list[Figure]:
    """One worker (the default), then two (FAQBOT_WEB_WORKERS=2, for a busy desk)."""
    report.header(f"Web: {STAFF} staff searching at once, every keystroke a request")
    found = [figure for workers in (1, 2) for figure in _measure(workers)]
    report.figures(found)
    return found


if __name__ == "__main__":
    main()
