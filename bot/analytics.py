"""What patients asked and how it went, for the clinic: never who asked.

One SQLite file (the standard library's sqlite3), created on first use with mode 0600,
in WAL mode, its schema versioned so a later release can migrate it. A reply row has
the time, kind, entry and score, and the channel; the message text only for replies
that were not answers (the questions the clinic needs to add), never for a crisis.
No Telegram user id, chat id, username or name is stored, with one exception: the
chat a question was handed to the staff from, in its own table, until the staff's
reply is relayed or the hand-off expires.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from faq.reply import SAFETY_KINDS, Kind, Reply

SCHEMA_VERSION = 1
DEFAULT_PATH = Path("data/faqbot.db")
DEFAULT_RETENTION_DAYS = 90
DEFAULT_HANDOFF_DAYS = 7
CHANNELS = ("chat", "inline", "terminal")
# Only these kinds keep the message text: they are what the knowledge base lacks.
KEEP_TEXT = (Kind.NO_MATCH, Kind.SUGGESTIONS)
MAX_TEXT = 1000  # characters of a question kept; the start says what it was about

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS replies (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    entry_id TEXT,
    score REAL,
    channel TEXT NOT NULL,
    question TEXT
);
CREATE INDEX IF NOT EXISTS replies_at ON replies (at);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    vote TEXT NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS feedback_at ON feedback (at);
CREATE TABLE IF NOT EXISTS handoffs (
    label TEXT PRIMARY KEY,
    chat_id INTEGER NOT NULL,
    staff_message_id INTEGER,
    at TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Handoff:
    """A question waiting for the staff's reply."""

    label: str
    chat_id: int
    staff_message_id: int | None


def now() -> datetime:
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class Store:
    """The analytics database. One instance per process; every call is one transaction."""

    def __init__(self, path: Path | str = DEFAULT_PATH) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not self.path.exists():
            # Create it private before SQLite opens it; WAL files take its mode.
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        os.chmod(self.path, 0o600)
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        # In WAL mode NORMAL cannot corrupt the file; a power cut may lose the last
        # few counts, which analytics can afford, and each reply skips an fsync.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA busy_timeout=5000")
        # Deleted rows (a relayed hand-off's chat id) are overwritten, not left in free pages.
        self._db.execute("PRAGMA secure_delete=ON")
        self._migrate()

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _migrate(self) -> None:
        self._db.executescript(_SCHEMA)  # idempotent; executescript commits on its own
        with self._transaction() as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row else 0
            if version > SCHEMA_VERSION:
                raise RuntimeError(
                    f"{self.path} was written by a newer faqbot (schema {version}); upgrade"
                )
            # Later releases add their migrations here, one version at a time.
            db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
                (str(SCHEMA_VERSION),),
            )

    @property
    def schema_version(self) -> int:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0])

    def record(self, reply: Reply, channel: str, at: datetime | None = None) -> None:
        """One row for one reply; the text only where the knowledge base fell short
        (never for a crisis, a concern or a message in another language)."""
        if channel not in CHANNELS:
            raise ValueError(f"unknown channel {channel!r}")
        entry_id = reply.match.entry.id if reply.match is not None else None
        question = reply.query[:MAX_TEXT] if reply.kind in KEEP_TEXT else None
        score = None if reply.kind in SAFETY_KINDS else reply.score
        if reply.kind in SAFETY_KINDS:
            entry_id = None  # that it happened is all the clinic needs to know
        with self._transaction() as db:
            db.execute(
                "INSERT INTO replies (at, kind, entry_id, score, channel, question)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (_stamp(at or now()), str(reply.kind), entry_id, score, channel, question),
            )

    def record_lookup(self, entry_id: str, channel: str, at: datetime | None = None) -> None:
        """An answer shown from a button or an inline pick (no matching involved)."""
        with self._transaction() as db:
            db.execute(
                "INSERT INTO replies (at, kind, entry_id, score, channel, question)"
                " VALUES (?, 'answer', ?, NULL, ?, NULL)",
                (_stamp(at or now()), entry_id, channel),
            )

    @staticmethod
    def new_vote() -> str:
        """A random token that lets one answer message be voted on once."""
        return secrets.token_urlsafe(6)

    def vote(self, entry_id: str, helpful: bool, vote: str, at: datetime | None = None) -> bool:
        """Record a 👍 or 👎; False if this message was already voted on."""
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO feedback (at, entry_id, helpful, vote) VALUES (?, ?, ?, ?)",
                (_stamp(at or now()), entry_id, int(helpful), vote),
            )
            return cursor.rowcount == 1

    def open_handoff(self, chat_id: int, at: datetime | None = None) -> str:
        """A new anonymous label ("Patient 4821") for a chat whose question goes to staff."""
        with self._transaction() as db:
            while True:
                label = f"Patient {secrets.randbelow(9000) + 1000}"
                exists = db.execute("SELECT 1 FROM handoffs WHERE label = ?", (label,)).fetchone()
                if not exists:
                    break
            db.execute(
                "INSERT INTO handoffs (label, chat_id, at) VALUES (?, ?, ?)",
                (label, chat_id, _stamp(at or now())),
            )
        return label

    def posted(self, label: str, staff_message_id: int) -> None:
        """Note which staff-group message carries a hand-off, so a reply can find it."""
        with self._transaction() as db:
            db.execute(
                "UPDATE handoffs SET staff_message_id = ? WHERE label = ?",
                (staff_message_id, label),
            )

    def handoff_for(self, staff_message_id: int) -> Handoff | None:
        row = self._db.execute(
            "SELECT label, chat_id, staff_message_id FROM handoffs WHERE staff_message_id = ?",
            (staff_message_id,),
        ).fetchone()
        return Handoff(*row) if row else None

    def close_handoff(self, label: str) -> None:
        """Forget the chat as soon as the staff's reply is relayed."""
        with self._transaction() as db:
            db.execute("DELETE FROM handoffs WHERE label = ?", (label,))
        self._forget_old_pages()

    def _forget_old_pages(self) -> None:
        """Copy the write-ahead log into the file and empty it: old page images that
        still held a deleted chat id go with it."""
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def expire(
        self,
        retention_days: int = DEFAULT_RETENTION_DAYS,
        handoff_days: int = DEFAULT_HANDOFF_DAYS,
        at: datetime | None = None,
    ) -> int:
        """Delete replies and votes past retention and unanswered hand-offs; rows deleted."""
        moment = at or now()
        replies_before = _stamp(moment - timedelta(days=retention_days))
        handoffs_before = _stamp(moment - timedelta(days=handoff_days))
        with self._transaction() as db:
            deleted = db.execute("DELETE FROM replies WHERE at < ?", (replies_before,)).rowcount
            deleted += db.execute("DELETE FROM feedback WHERE at < ?", (replies_before,)).rowcount
            deleted += db.execute("DELETE FROM handoffs WHERE at < ?", (handoffs_before,)).rowcount
        self._forget_old_pages()
        return deleted

    def rows(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        """A read-only query, for reports."""
        return self._db.execute(sql, parameters).fetchall()
