"""The analytics store off the event loop: handlers queue records and return at once; one
writer thread owns the SQLite connection, so a store that is locked, full or gone never
delays or breaks a reply.

A record is retried for RETRY_SECONDS (a backup or a `sqlite3` shell holding a lock
loses nothing), then dropped and counted; while the store stays down it is tried again
every PROBE_SECONDS and records in between are dropped. Problems are logged at most once
every REPORT_SECONDS, with how many records were dropped since the last such line.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from bot.analytics import HANDLED_HOURS, INBOX_HOURS, Claim, Handoff, NewerSchema, Store, now
from faq.reply import Reply

LOGGER = logging.getLogger(__name__)
CAPACITY = 10_000  # records waiting for the writer; beyond that new ones are dropped
BUSY_SECONDS = 1.0  # the writer's wait for another connection's lock, per attempt
RETRY_SECONDS = 30.0  # how long one record is retried before the store counts as down
PROBE_SECONDS = 1.0  # while down, how often the store is tried again
REPORT_SECONDS = 60.0  # at most one line about a failing store this often
DRAIN_SECONDS = 2.0  # at shutdown, how long queued records may still take
CALL_SECONDS = 3.0  # how long a handler waits for a read it needs now
REPORT_CALL_SECONDS = 10.0  # /stats groups a month of questions: slower than a lookup
MAX_BACKOFF = 0.5  # seconds between attempts at one record

T = TypeVar("T")


class StoreUnavailable(Exception):
    """The store could not answer (locked, full, gone, too slow): say "try again"."""


@dataclass(frozen=True)
class Counts:
    """What the recorder did with the work it was given."""

    queued: int
    written: int
    dropped: int


@dataclass(frozen=True)
class _Job:
    """One piece of work for the writer: a record, or a call someone awaits (`future`)."""

    name: str
    run: Callable[[Store], Any]
    future: Future[Any] | None = None


def _environmental(error: BaseException) -> bool:
    """Whether a failure is the store's (locked, full, gone, read-only), not the job's."""
    return (
        isinstance(error, OSError | sqlite3.OperationalError | NewerSchema)
        or type(error) is sqlite3.DatabaseError  # "file is not a database", "malformed"
    )


def _log_expired(count: int) -> None:
    """Say so when kept updates were too old to answer: those patients got no reply."""
    if count:
        LOGGER.warning(
            "inbox: dropped %d updates kept over %d hours, unanswered (Telegram forgets them too)",
            count,
            INBOX_HOURS,
        )


class Recorder:
    """Queues work for one writer thread that owns the store; never blocks its caller."""

    def __init__(
        self,
        path: Path | str,
        *,
        capacity: int = CAPACITY,
        clock: Callable[[], float] = time.monotonic,
        busy_seconds: float = BUSY_SECONDS,
        retry_seconds: float = RETRY_SECONDS,
        probe_seconds: float = PROBE_SECONDS,
        report_seconds: float = REPORT_SECONDS,
    ) -> None:
        self.path = Path(path)
        self._capacity = capacity
        self._clock = clock
        self._busy_seconds = busy_seconds
        self._retry_seconds = retry_seconds
        self._probe_seconds = probe_seconds
        self._report_seconds = report_seconds
        # Shared by the callers' threads and the writer's, guarded by _ready:
        self._ready = threading.Condition()
        self._jobs: deque[_Job] = deque()
        self._thread: threading.Thread | None = None
        self._closing = False
        self._working = False  # the writer is running a job
        self._give_up = threading.Event()  # past the shutdown limit: stop retrying
        self._written = 0
        self._dropped = 0
        self._unreported = 0  # dropped since the last line
        self._problem: str | None = None  # what went wrong since the last line
        self._reported_at: float | None = None
        self._failure: str | None = None  # why the last attempt at the store failed
        self._failed_at = 0.0
        self._told = False  # a line said so during this spell of failures
        # The writer thread's alone:
        self._down_until: float | None = None  # while down: the next probe
        self._store: Store | None = None

    # -- what handlers queue: each returns at once, False if the record was dropped

    def record(self, reply: Reply, channel: str) -> bool:
        """Count one reply."""
        at = now()  # when it happened, not when the writer gets to it
        return self._submit(_Job("reply", lambda store: store.record(reply, channel, at)))

    def record_lookup(self, entry_id: str, channel: str) -> bool:
        """Count an answer shown from a button or an inline pick."""
        at = now()
        return self._submit(
            _Job("lookup", lambda store: store.record_lookup(entry_id, channel, at))
        )

    def issue_vote(self, entry_id: str) -> str:
        """A new vote token for an answer's 👍/👎, remembered so only it counts."""
        token, at = Store.new_vote(), now()
        self._submit(_Job("vote token", lambda store: store.issue_vote(entry_id, token, at)))
        return token

    def vote(self, entry_id: str, helpful: bool, token: str) -> bool:
        """Count a 👍 or 👎 if its token was issued and not used yet."""
        at = now()

        def redeem(store: Store) -> None:
            if store.redeem_vote(entry_id, helpful, token, at):
                LOGGER.info("feedback: id=%s helpful=%d", entry_id, helpful)
            else:
                LOGGER.info("feedback: not counted (a token not issued, used or expired)")

        return self._submit(_Job("vote", redeem))

    def hold_question(self, chat_id: int, question: str) -> bool:
        """Keep the question "Ask the clinic" would post for this chat."""
        at = now()
        return self._submit(
            _Job("pending hand-off", lambda store: store.hold_question(chat_id, question, at))
        )

    def posted(self, label: str, staff_message_id: int) -> bool:
        """Note which staff-group message carries a hand-off."""
        return self._submit(
            _Job("hand-off post", lambda store: store.posted(label, staff_message_id))
        )

    def close_handoff(self, label: str) -> bool:
        """Forget a hand-off's chat once the staff's reply is relayed."""
        return self._submit(_Job("hand-off close", lambda store: store.close_handoff(label)))

    def expire(self, retention_days: int, handoff_days: int) -> bool:
        """Apply retention (and log how many rows went)."""

        def apply(store: Store) -> None:
            deleted = store.expire(retention_days, handoff_days)
            LOGGER.info("retention: deleted %d old rows", deleted)

        return self._submit(_Job("retention", apply))

    def mark_handled(self, update_id: int) -> bool:
        """Remember that a Telegram update was handled, so a redelivery is not answered;
        its inbox row, if any, goes in the same transaction."""
        at = now()
        return self._submit(_Job("handled update", lambda store: store.mark_handled(update_id, at)))

    def forget_handled(self, hours: int = HANDLED_HOURS) -> bool:
        """Drop handled update ids older than `hours`, and inbox rows past INBOX_HOURS."""

        def forget(store: Store) -> None:
            store.forget_handled(hours)
            _log_expired(store.expire_inbox(INBOX_HOURS))

        return self._submit(_Job("handled updates expiry", forget))

    # -- what handlers need an answer to now

    async def call(
        self,
        name: str,
        work: Callable[[Store], T],
        timeout: float = CALL_SECONDS,
        *,
        first: bool = False,
    ) -> T:
        """Run `work` on the writer's store, in order after everything queued before it
        (or, if `first`, before it); StoreUnavailable if the store fails or does not
        answer within `timeout`."""
        with self._ready:
            # Longer than the gap between two attempts: a failure this recent is current.
            current = self._busy_seconds + self._probe_seconds + MAX_BACKOFF
            failure = self._failure if self._clock() - self._failed_at < current else None
        if failure is not None:
            # Fail at once: behind a record being retried it would only time out. An
            # older failure is not trusted: the call goes ahead and tries the store.
            raise StoreUnavailable(failure)
        future: Future[T] = Future()
        if not self._submit(_Job(name, work, future), first=first):
            raise StoreUnavailable("the analytics queue is full or closed")
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout)
        except TimeoutError:
            # wait_for cancels the future: if the writer has not started it, it never will.
            raise StoreUnavailable(f"no answer from the store within {timeout:g} s") from None

    async def claim_question(self, chat_id: int, handoff_days: int) -> Claim | None:
        """Take a chat's pending question and open a hand-off for it."""
        return await self.call(
            "hand-off claim", lambda store: store.claim_question(chat_id, handoff_days)
        )

    async def was_handled(self, update_id: int) -> bool:
        """Whether a Telegram update was handled already (by this bot or before a restart)."""
        return await self.call("handled lookup", lambda store: store.was_handled(update_id))

    async def last_handled(self) -> int | None:
        """The highest handled update id in the store."""
        return await self.call("handled maximum", lambda store: store.last_handled())

    async def hold_updates(self, updates: list[tuple[int, str]]) -> None:
        """Keep fetched updates (id, JSON) in the inbox until handled; StoreUnavailable
        if they may not be kept (then they must not be confirmed to Telegram)."""
        at = now()
        # Ahead of the queued records: in a flood a thousand of them wait for the writer,
        # and polling (a crisis among the next updates) waits for this. Safe: an update's
        # mark_handled, which deletes its row, is queued only after this returns.
        await self.call("inbox write", lambda store: store.hold_updates(updates, at), first=True)

    async def held_updates(self) -> list[tuple[int, str]]:
        """The inbox (id, JSON), oldest first, once rows past INBOX_HOURS are dropped."""

        def take(store: Store) -> list[tuple[int, str]]:
            _log_expired(store.expire_inbox(INBOX_HOURS))
            return store.held_updates()

        return await self.call("inbox read", take)

    async def handoff_for(self, staff_message_id: int) -> Handoff | None:
        """The open hand-off a staff-group message carries."""
        return await self.call("hand-off lookup", lambda store: store.handoff_for(staff_message_id))

    # -- life cycle

    def counts(self) -> Counts:
        """Jobs waiting, written and dropped so far."""
        with self._ready:
            return Counts(len(self._jobs) + self._working, self._written, self._dropped)

    def flush(self, timeout: float) -> bool:
        """Wait until everything queued so far is done; False if `timeout` ran out."""
        with self._ready:
            return self._ready.wait_for(lambda: not self._jobs and not self._working, timeout)

    def stop(self, timeout: float = DRAIN_SECONDS) -> None:
        """Write what is queued, for at most `timeout` seconds; then close the store."""
        with self._ready:
            self._closing = True
            thread = self._thread
            self._ready.notify_all()
        if thread is not None:
            thread.join(timeout)
            self._give_up.set()  # whatever is left is dropped, and counted
            thread.join(self._busy_seconds + 1)
            if thread.is_alive():
                LOGGER.warning("analytics: the writer did not finish in time")
        with self._ready:
            line = self._line_locked(force=True)
        self._log(line)

    def _submit(self, job: _Job, first: bool = False) -> bool:
        with self._ready:
            if self._closing or len(self._jobs) >= self._capacity:
                problem = "the bot is stopping" if self._closing else "the record queue is full"
                self._dropped += 1
                self._unreported += 1
                self._problem = self._problem or f"{problem} ({self._capacity} records)"
                line = self._line_locked()
                accepted = False
            else:
                if first:
                    self._jobs.appendleft(job)
                else:
                    self._jobs.append(job)
                if self._thread is None:
                    # Started on first use, so a bot built without running still records.
                    self._thread = threading.Thread(
                        target=self._run, name="analytics-writer", daemon=True
                    )
                    self._thread.start()
                self._ready.notify_all()
                line, accepted = None, True
        self._log(line)
        return accepted

    # -- the writer thread

    def _run(self) -> None:
        try:
            while (job := self._take()) is not None:
                self._handle(job)
                with self._ready:
                    self._working = False
                    self._ready.notify_all()
                    line = self._line_locked()
                self._log(line)
        finally:
            self._close_store()
            with self._ready:
                self._working = False
                self._ready.notify_all()

    def _take(self) -> _Job | None:
        """The next job; None once stopping and drained (or out of time)."""
        while True:
            with self._ready:
                if not self._jobs and not self._closing:
                    # Wake once a report is due even with nothing to do, so a problem
                    # seen during the last minute is still logged.
                    owed = self._problem is not None or self._unreported
                    self._ready.wait(self._report_seconds if owed else None)
                line = self._line_locked()
                job, finished = self._next_locked()
            self._log(line)
            if job is not None or finished:
                return job

    def _next_locked(self) -> tuple[_Job | None, bool]:
        """The next job, and whether the writer is done (stopping, drained or out of time)."""
        if self._jobs and not self._give_up.is_set():
            self._working = True
            return self._jobs.popleft(), False
        if not self._closing:
            return None, False
        left = len(self._jobs)
        for job in self._jobs:
            if job.future is not None:
                job.future.cancel()
        self._jobs.clear()
        self._dropped += left
        self._unreported += left
        if left:
            self._problem = self._problem or "shutdown's time limit ran out"
        return None, True

    def _handle(self, job: _Job) -> None:
        if job.future is not None and not job.future.set_running_or_notify_cancel():
            return  # its caller stopped waiting: acting on it now would surprise them
        first_failure: float | None = None
        backoff = 0.05
        while True:
            if job.future is None and self._is_down():
                self._drop()  # between probes a down store is not touched
                return
            try:
                result = job.run(self._open())
            except Exception as error:
                if not _environmental(error):
                    LOGGER.error("analytics: %s failed", job.name, exc_info=True)
                    self._settle(job, error=error)
                    return
                self._failed(error)
                if job.future is not None:
                    self._settle(job, error=StoreUnavailable(str(error)))
                    return
                first_failure = self._clock() if first_failure is None else first_failure
                if (
                    self._down_until is not None  # a failed probe: the store is still down
                    or self._clock() - first_failure >= self._retry_seconds
                    or self._give_up.is_set()
                ):
                    self._go_down()
                    self._drop()
                    return
                self._give_up.wait(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF)
                continue
            self._recovered()
            self._settle(job, result=result)
            return

    def _open(self) -> Store:
        """The writer's connection; a new one if the file was removed under it."""
        if self._store is not None and self._store.moved():
            LOGGER.warning(
                "analytics: %s was removed while the bot ran (its directory too?);"
                " starting a new one there",
                self.path,
            )
            self._close_store()
        if self._store is None:
            self._store = Store(self.path, busy_seconds=self._busy_seconds)
        return self._store

    def _close_store(self) -> None:
        store, self._store = self._store, None
        if store is not None:
            with contextlib.suppress(sqlite3.Error, OSError):  # it may be the broken part
                store.close()

    def _settle(self, job: _Job, result: Any = None, error: BaseException | None = None) -> None:
        if job.future is not None:  # a call: its caller learns how it went
            if error is None:
                job.future.set_result(result)
            else:
                job.future.set_exception(error)
            return
        with self._ready:
            if error is None:
                self._written += 1
            else:
                self._dropped += 1
                self._unreported += 1

    def _drop(self) -> None:
        with self._ready:
            self._dropped += 1
            self._unreported += 1

    def _is_down(self) -> bool:
        return self._down_until is not None and self._clock() < self._down_until

    def _go_down(self) -> None:
        self._down_until = self._clock() + self._probe_seconds

    def _failed(self, error: BaseException) -> None:
        """Note a failure of the store; reopen it on the next attempt."""
        self._close_store()  # a new connection recreates a removed file, sees a remount
        if self._down_until is not None:
            self._go_down()
        with self._ready:
            self._failure = self._problem = f"cannot use {self.path}: {error}"
            self._failed_at = self._clock()
            line = self._line_locked()
        self._log(line)

    def _recovered(self) -> None:
        self._down_until = None
        with self._ready:
            if self._failure is None:
                return
            self._failure = None
            told, self._told = self._told, False
            if not told:
                if self._problem is not None:
                    self._problem += " (it worked again since)"
                return
            line = (
                "analytics: writing to %s again; %d records dropped since the last report",
                self.path,
                self._unreported,
            )
            self._problem, self._unreported = None, 0  # this line closes the spell
        self._log(line)

    def _line_locked(self, force: bool = False) -> tuple[Any, ...] | None:
        """The line owed about problems and drops, if one is due (at most one a
        REPORT_SECONDS); the caller logs it outside the lock."""
        if self._problem is None and not self._unreported:
            return None
        moment = self._clock()
        recent = self._reported_at is not None and moment - self._reported_at < self._report_seconds
        if recent and not force:
            return None
        self._reported_at = moment
        if self._failure is not None:
            self._told = True
        line = (
            "analytics: %s; %d records dropped since the last report; replies go on",
            self._problem or "records were dropped",
            self._unreported,
        )
        self._problem, self._unreported = None, 0
        return line

    @staticmethod
    def _log(line: tuple[Any, ...] | None) -> None:
        if line is not None:
            LOGGER.warning(*line)
