"""What patients asked and how it went, for the clinic: never who asked.

One SQLite file (the standard library's sqlite3), created on first use with mode 0600,
in WAL mode, its schema versioned so a later release can migrate it. A reply row has
the time, kind, entry and score, and the channel; the message text only for replies
that were not answers (the questions the clinic needs to add), never for a crisis.
No Telegram user id, chat id, username or name is stored, with one exception: the
chat a question may be handed to the staff from, in its own tables, until the question
is posted and the staff's reply relayed, or the hand-off expires; and, in polling mode,
each Telegram update in the `inbox`, whole, from when it is fetched until it is handled
(seconds), so that a crash loses nothing Telegram was told it need not send again.
"""

from __future__ import annotations

import os
import re
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot import privacy
from faq.reply import SAFETY_KINDS, Kind, Reply

SCHEMA_VERSION = 2
DEFAULT_PATH = Path("data/faqbot.db")
DEFAULT_RETENTION_DAYS = 90
DEFAULT_HANDOFF_DAYS = 7
INBOX_HOURS = 24  # an update kept longer is dropped: Telegram itself forgets it by then
HANDLED_HOURS = 48  # handled update ids kept: twice as long as Telegram keeps an update
PENDING_HOURS = 24  # a question not handed to the staff within this is forgotten
DEFAULT_BUSY_SECONDS = 5.0  # how long a call waits for another connection's lock
# Where a reply was given: a Telegram chat, an inline query, `faqbot chat` or `ask`
# with --record, and the front desk's page (a staff search, never who searched).
CHANNELS = ("chat", "inline", "terminal", "web")
# Only these kinds keep the message text: they are what the knowledge base lacks.
KEEP_TEXT = (Kind.NO_MATCH, Kind.SUGGESTIONS)
MAX_TEXT = 1000  # characters of a question kept; the start says what it was about
VOTE_BYTES = 9  # 72 random bits: 12 characters, so button data stays under 64 bytes
_TOKEN = re.compile(r"[A-Za-z0-9_-]{8,16}")

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
CREATE TABLE IF NOT EXISTS vote_tokens (
    token TEXT PRIMARY KEY,
    entry_id TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS vote_tokens_at ON vote_tokens (at);
CREATE TABLE IF NOT EXISTS pending_handoffs (
    chat_id INTEGER PRIMARY KEY,
    question TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS handoffs (
    label TEXT PRIMARY KEY,
    chat_id INTEGER NOT NULL,
    staff_message_id INTEGER,
    at TEXT NOT NULL
);
-- Ids of Telegram updates already handled (numbers only): a redelivery after a crash is
-- recognised and not answered twice. Telegram keeps an unconfirmed update for 24 hours.
CREATE TABLE IF NOT EXISTS handled_updates (
    update_id INTEGER PRIMARY KEY,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS handled_updates_at ON handled_updates (at);
-- Updates fetched by polling and already confirmed to Telegram, whole (patients' messages,
-- with their chat ids), until they are handled: replayed after a crash. Added without a
-- version bump: an older faqbot ignores the table, and CREATE IF NOT EXISTS adds it.
CREATE TABLE IF NOT EXISTS inbox (
    update_id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    body TEXT NOT NULL
);
"""


class NewerSchema(RuntimeError):
    """The file was written by a newer faqbot; this one must not touch it."""


@dataclass(frozen=True)
class Tally:
    """How many replies had one value of a column (a kind, a channel, an entry id)."""

    key: str
    count: int


@dataclass(frozen=True)
class Votes:
    """The 👍 and 👎 one entry's answers got."""

    entry_id: str
    helpful: int
    not_helpful: int


@dataclass(frozen=True)
class Handoff:
    """A question waiting for the staff's reply."""

    label: str
    chat_id: int
    staff_message_id: int | None


@dataclass(frozen=True)
class Claim:
    """A pending question taken out of the store to be posted under a new label."""

    label: str
    question: str


def now() -> datetime:
    """The current time, in UTC."""
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def problem(path: Path, error: BaseException) -> str:
    """Why the database at path cannot be used, in a few words, for a one-line message."""
    if path.is_dir():  # SQLite says only "unable to open database file"
        return "it is a folder"
    return getattr(error, "strerror", None) or str(error) or type(error).__name__


def pending_limit(handoff_days: int = DEFAULT_HANDOFF_DAYS) -> timedelta:
    """How long a question waits for its "Ask the clinic" tap: a day, or less if hand-offs
    themselves are kept less."""
    return min(timedelta(hours=PENDING_HOURS), timedelta(days=handoff_days))


def is_token(value: str) -> bool:
    """Whether a string has the shape of a vote token (whether it was issued is the store's)."""
    return _TOKEN.fullmatch(value) is not None


def make_private_dirs(directory: Path) -> None:
    """Create `directory` and every missing parent with mode 0700 (`mkdir -p` would give
    the parents the umask's mode)."""
    missing = []
    for folder in (directory, *directory.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)  # another process may make it meanwhile


class Store:
    """The analytics database. One instance per thread; every call is one transaction."""

    def __init__(
        self, path: Path | str = DEFAULT_PATH, busy_seconds: float = DEFAULT_BUSY_SECONDS
    ) -> None:
        self.path = Path(path)
        make_private_dirs(self.path.parent)
        if not self.path.exists():
            # Create it private before SQLite opens it; WAL files take its mode.
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        os.chmod(self.path, 0o600)
        self._db = sqlite3.connect(
            self.path, timeout=busy_seconds, check_same_thread=False, isolation_level=None
        )
        try:
            opened = os.stat(self.path)
            self._identity = (opened.st_dev, opened.st_ino)
            self._db.execute("PRAGMA journal_mode=WAL")
            # In WAL mode NORMAL cannot corrupt the file; a power cut may lose the last
            # few counts, which analytics can afford, and each reply skips an fsync.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(f"PRAGMA busy_timeout={round(busy_seconds * 1000)}")
            # Deleted rows (a chat id, a question) are overwritten, not left in free pages.
            self._db.execute("PRAGMA secure_delete=ON")
            self._migrate()
        except BaseException:
            self._db.close()
            raise

    def close(self) -> None:
        """Close the connection (SQLite folds the write-ahead log into the file)."""
        self._db.close()

    def moved(self) -> bool:
        """Whether the file at `path` is no longer the one this connection writes to
        (removed, or its directory removed): writes would go to a deleted inode."""
        try:
            current = os.stat(self.path)
        except OSError:
            return True
        return (current.st_dev, current.st_ino) != self._identity

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
        self._db.executescript(_SCHEMA)  # idempotent, and writes nothing once it exists
        if self._version() == SCHEMA_VERSION:
            return  # no write lock taken: the store opens while another process writes
        with self._transaction() as db:
            version = self._version()
            if version > SCHEMA_VERSION:
                raise NewerSchema(
                    f"{self.path} was written by a newer faqbot (schema {version}); upgrade"
                )
            # 1 -> 2 added vote_tokens and pending_handoffs, which _SCHEMA creates.
            # Later releases add their migrations here, one version at a time.
            db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
                (str(SCHEMA_VERSION),),
            )

    def _version(self) -> int:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    @property
    def schema_version(self) -> int:
        """The schema this file is at."""
        return self._version()

    def record(self, reply: Reply, channel: str, at: datetime | None = None) -> None:
        """One row for one reply; the text only where the knowledge base fell short
        (never for a crisis, a concern or a message in another language)."""
        if channel not in CHANNELS:
            raise ValueError(f"unknown channel {channel!r}")
        entry_id = reply.match.entry.id if reply.match is not None else None
        # Masked: a question may carry a name, a date of birth or a phone number.
        question = privacy.mask(reply.query)[:MAX_TEXT] if reply.kind in KEEP_TEXT else None
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
        return secrets.token_urlsafe(VOTE_BYTES)

    def issue_vote(self, entry_id: str, token: str, at: datetime | None = None) -> None:
        """Remember a token the bot put on an answer's 👍/👎, so only it can be redeemed."""
        with self._transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO vote_tokens (token, entry_id, at) VALUES (?, ?, ?)",
                (token, entry_id, _stamp(at or now())),
            )

    def redeem_vote(
        self, entry_id: str, helpful: bool, token: str, at: datetime | None = None
    ) -> bool:
        """Count a 👍 or 👎 from Telegram if the bot issued this token for this entry and
        it was not used yet; False otherwise (forged, used or expired)."""
        with self._transaction() as db:
            issued = db.execute(
                "DELETE FROM vote_tokens WHERE token = ? AND entry_id = ?", (token, entry_id)
            ).rowcount
            if issued != 1:
                return False
            cursor = db.execute(
                "INSERT OR IGNORE INTO feedback (at, entry_id, helpful, vote) VALUES (?, ?, ?, ?)",
                (_stamp(at or now()), entry_id, int(helpful), token),
            )
            return cursor.rowcount == 1

    def vote(self, entry_id: str, helpful: bool, vote: str, at: datetime | None = None) -> bool:
        """Record a 👍 or 👎 as given, unchecked (imports, tests); False if this token
        already voted. Votes from Telegram go through redeem_vote."""
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO feedback (at, entry_id, helpful, vote) VALUES (?, ?, ?, ?)",
                (_stamp(at or now()), entry_id, int(helpful), vote),
            )
            return cursor.rowcount == 1

    def hold_question(self, chat_id: int, question: str, at: datetime | None = None) -> None:
        """Keep the question "Ask the clinic" would post for a chat (its latest only)."""
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO pending_handoffs (chat_id, question, at) VALUES (?, ?, ?)",
                (chat_id, question[:MAX_TEXT], _stamp(at or now())),
            )

    def claim_question(
        self, chat_id: int, handoff_days: int = DEFAULT_HANDOFF_DAYS, at: datetime | None = None
    ) -> Claim | None:
        """Take a chat's pending question out and open a hand-off for it under a new
        label; None if it has none, or it waited longer than pending_limit."""
        moment = at or now()
        with self._transaction() as db:
            row = db.execute(
                "SELECT question, at FROM pending_handoffs WHERE chat_id = ?", (chat_id,)
            ).fetchone()
            db.execute("DELETE FROM pending_handoffs WHERE chat_id = ?", (chat_id,))
            if row is None or row[1] < _stamp(moment - pending_limit(handoff_days)):
                claim = None
            else:
                claim = Claim(self._open_handoff(db, chat_id, moment), row[0])
        if row is not None:
            self._forget_old_pages()
        return claim

    def open_handoff(self, chat_id: int, at: datetime | None = None) -> str:
        """A new anonymous label ("Patient 4821") for a chat whose question goes to staff."""
        with self._transaction() as db:
            return self._open_handoff(db, chat_id, at or now())

    @staticmethod
    def _open_handoff(db: sqlite3.Connection, chat_id: int, moment: datetime) -> str:
        while True:
            label = f"Patient {secrets.randbelow(9000) + 1000}"
            if not db.execute("SELECT 1 FROM handoffs WHERE label = ?", (label,)).fetchone():
                break
        db.execute(
            "INSERT INTO handoffs (label, chat_id, at) VALUES (?, ?, ?)",
            (label, chat_id, _stamp(moment)),
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
        """The hand-off a staff-group message carries, if it is still open."""
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
        """Delete replies, votes and vote tokens past retention, unanswered hand-offs
        and questions never handed over; rows deleted."""
        moment = at or now()
        replies_before = _stamp(moment - timedelta(days=retention_days))
        handoffs_before = _stamp(moment - timedelta(days=handoff_days))
        pending_before = _stamp(moment - pending_limit(handoff_days))
        with self._transaction() as db:
            deleted = db.execute("DELETE FROM replies WHERE at < ?", (replies_before,)).rowcount
            deleted += db.execute("DELETE FROM feedback WHERE at < ?", (replies_before,)).rowcount
            deleted += db.execute(
                "DELETE FROM vote_tokens WHERE at < ?", (replies_before,)
            ).rowcount
            deleted += db.execute("DELETE FROM handoffs WHERE at < ?", (handoffs_before,)).rowcount
            deleted += db.execute(
                "DELETE FROM pending_handoffs WHERE at < ?", (pending_before,)
            ).rowcount
        self._forget_old_pages()
        return deleted

    def mark_handled(self, update_id: int, at: datetime | None = None) -> None:
        """Remember that a Telegram update was handled (its id only); drop its inbox row."""
        # One transaction: a crash between the two would replay an update marked handled
        # (harmless, it is recognised) or lose one neither marked nor kept (not harmless).
        with self._transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO handled_updates (update_id, at) VALUES (?, ?)",
                (update_id, _stamp(at or now())),
            )
            db.execute("DELETE FROM inbox WHERE update_id = ?", (update_id,))

    def hold_updates(self, updates: list[tuple[int, str]], at: datetime | None = None) -> None:
        """Keep fetched updates (id, JSON) until they are handled."""
        stamp = _stamp(at or now())
        with self._transaction() as db:
            # IGNORE: Telegram may send an update again if its confirmation was lost.
            db.executemany(
                "INSERT OR IGNORE INTO inbox (update_id, at, body) VALUES (?, ?, ?)",
                [(update_id, stamp, body) for update_id, body in updates],
            )

    def held_updates(self) -> list[tuple[int, str]]:
        """The kept updates (id, JSON), oldest first."""
        return self._db.execute("SELECT update_id, body FROM inbox ORDER BY update_id").fetchall()

    def expire_inbox(self, hours: int = INBOX_HOURS, at: datetime | None = None) -> int:
        """Delete kept updates older than `hours`, and their old page images; rows deleted."""
        before = _stamp((at or now()) - timedelta(hours=hours))
        with self._transaction() as db:
            deleted = db.execute("DELETE FROM inbox WHERE at < ?", (before,)).rowcount
        self._forget_old_pages()
        return deleted

    def was_handled(self, update_id: int) -> bool:
        """Whether a Telegram update with this id was handled already."""
        row = self._db.execute(
            "SELECT 1 FROM handled_updates WHERE update_id = ?", (update_id,)
        ).fetchone()
        return row is not None

    def last_handled(self) -> int | None:
        """The highest handled update id kept, if any: a later id is new for certain."""
        return self._db.execute("SELECT max(update_id) FROM handled_updates").fetchone()[0]

    def forget_handled(self, hours: int = HANDLED_HOURS, at: datetime | None = None) -> int:
        """Delete handled update ids older than `hours`; rows deleted."""
        before = _stamp((at or now()) - timedelta(hours=hours))
        with self._transaction() as db:
            return db.execute("DELETE FROM handled_updates WHERE at < ?", (before,)).rowcount

    def writable(self) -> bool:
        """Whether the database takes a write now (a write lock taken and given back)."""
        with self._transaction():
            return True

    # -- what the report reads: each over the replies or votes from `start` to `end`,
    # both included

    def replies_by_kind(self, start: datetime, end: datetime) -> tuple[Tally, ...]:
        """How many replies of each kind that occurred, by kind."""
        return self._tallies(
            "SELECT kind, COUNT(*) FROM replies WHERE at BETWEEN ? AND ?"
            " GROUP BY kind ORDER BY kind",
            start,
            end,
        )

    def replies_by_channel(self, start: datetime, end: datetime) -> tuple[Tally, ...]:
        """How many replies each channel that was used gave, by channel."""
        return self._tallies(
            "SELECT channel, COUNT(*) FROM replies WHERE at BETWEEN ? AND ?"
            " GROUP BY channel ORDER BY channel",
            start,
            end,
        )

    def _tallies(self, sql: str, start: datetime, end: datetime) -> tuple[Tally, ...]:
        rows = self._db.execute(sql, (_stamp(start), _stamp(end)))
        return tuple(Tally(key, count) for key, count in rows)

    def lookups(self, start: datetime, end: datetime) -> int:
        """Answers shown from a button, an inline pick or a page: no matching ran."""
        # A matched answer always has a score; record_lookup writes none.
        row = self._db.execute(
            "SELECT COUNT(*) FROM replies WHERE at BETWEEN ? AND ? AND kind = ? AND score IS NULL",
            (_stamp(start), _stamp(end), str(Kind.ANSWER)),
        ).fetchone()
        return int(row[0])

    def top_answers(self, start: datetime, end: datetime, limit: int) -> tuple[Tally, ...]:
        """The entries answered most often (key: the entry id), most first; ties by id."""
        rows = self._db.execute(
            "SELECT entry_id, COUNT(*) AS n FROM replies"
            " WHERE at BETWEEN ? AND ? AND kind = ? AND entry_id IS NOT NULL"
            " GROUP BY entry_id ORDER BY n DESC, entry_id LIMIT ?",
            (_stamp(start), _stamp(end), str(Kind.ANSWER), limit),
        )
        return tuple(Tally(entry_id, count) for entry_id, count in rows)

    def unanswered(self, start: datetime, end: datetime) -> tuple[str, ...]:
        """The kept text of the questions the bot had no answer for (masked), oldest first."""
        kinds = tuple(map(str, KEEP_TEXT))
        rows = self._db.execute(
            "SELECT question FROM replies WHERE at BETWEEN ? AND ?"
            f" AND kind IN ({', '.join('?' * len(kinds))}) AND question IS NOT NULL"
            " ORDER BY id",
            (_stamp(start), _stamp(end), *kinds),
        )
        return tuple(question for (question,) in rows)

    def votes(self, start: datetime, end: datetime) -> tuple[Votes, ...]:
        """The votes per entry voted on, the most voted first; ties by id."""
        rows = self._db.execute(
            "SELECT entry_id, SUM(helpful), SUM(1 - helpful) FROM feedback"
            " WHERE at BETWEEN ? AND ? GROUP BY entry_id ORDER BY COUNT(*) DESC, entry_id",
            (_stamp(start), _stamp(end)),
        )
        return tuple(Votes(entry_id, up, down) for entry_id, up, down in rows)
