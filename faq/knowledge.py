"""The knowledge base: the clinic's details, messages and entries, read from YAML and checked.

A knowledge base is a folder of four files and its article (FOLDER_FILES), or, as
clinics set up before the folder have it, one file holding everything. Every problem
is reported with the file and line it stands on.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from faq import text

DEFAULT_PATH = Path(__file__).with_name("kb")
ENTRIES_FILE = "entries.yaml"
# The folder's files, each with the top-level fields it holds and those it needs. The
# clinic reviews the entries; the content editor grows the phrasings, so adding a way
# of asking never touches an approved answer. The clinic's details and wording have a
# file of their own: they are the clinic's to write (`faqbot init` fills them in), and
# a clinic serving the shipped entries edits only that file.
FOLDER_FILES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    ENTRIES_FILE: (("version", "source", "entries"), ("source", "entries")),
    "clinic.yaml": (("clinic", "messages"), ("clinic", "messages")),
    "phrasings.yaml": (("phrasings", "unanswered"), ()),
    "settings.yaml": (("matching", "synonyms"), ()),
}
PHRASING_FIELDS = ("alternates", "keywords")  # an entry's, in phrasings.yaml by its id

ID_PATTERN = re.compile(r"^[a-z0-9-]+$")
PLACEHOLDER = re.compile(r"^\[.*\]$")
MAX_ID_BYTES = 40  # leaves room in Telegram's 64-byte button data for a prefix
# Limits on what a load reads, each file on its own, so that no file can freeze or
# exhaust the bot, at start or on reload. The shipped knowledge base is about 100 KB
# (its phrasings.yaml 85 KB) and its article 4 KB: 2 MB is twenty times that, and 2 MB
# of such content loads and checks in half a second and 65 MB, where a 50 MB paste
# took 11 s and 1.5 GB.
MAX_FILE_BYTES = 2 * 1024 * 1024
# Every answer is searched for in the article and every article sentence in the answers:
# the article's size multiplies the check's time, so it gets a limit of its own.
MAX_ARTICLE_BYTES = 512 * 1024
# The file, entries, an entry, its alternates, one alternate: five levels. Deeper is a
# mistake, and a 999-deep file ran the checker out of Python's recursion limit.
MAX_DEPTH = 10
# The shipped file is about 2,400 values (keys, texts, lists); 2 MB of such content is
# about 50,000. A file of a million one-character values is refused before it is built.
MAX_NODES = 200_000
# A file past this size has its values counted before any is built: a 2 MB file of a
# million one-character values is refused in 0.35 s and 16 MB, not built (6 s, 500 MB).
# The shipped file is below it: counting first would add a sixth to its load.
COUNT_FIRST_BYTES = 256 * 1024
_NODE_EVENTS = (yaml.ScalarEvent, yaml.AliasEvent, yaml.CollectionStartEvent)
# A running bot loads a changed file in a child process it kills past these, so no file
# can freeze it or run it out of memory. The slowest legitimate load measured (2 MB of
# entries, a 512 KB article) took 1.3 s and 75 MB on a busy 2-core machine.
ISOLATED_SECONDS = 10.0
ISOLATED_MEMORY_BYTES = 1024 * 1024 * 1024  # address space, Python's own ~30 MB included
# A new file with over this share fewer entries or declined topics than the one being
# served is held until an admin confirms it: the first half of a save in progress is
# often valid, and since the declined topics come last, it declines nothing.
HOLD_SHARE = 1 / 3
# The child: its own memory limit first, then load; the result comes back pickled.
_ISOLATED_LOAD = """\
import pickle, resource, sys
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from faq import knowledge
try:
    result = knowledge.load(sys.argv[1])
except knowledge.KnowledgeBaseError as error:
    result = error.problems
sys.stdout.buffer.write(pickle.dumps(result))
"""

TOP_FIELDS = {
    "version",
    "source",
    "clinic",
    "messages",
    "matching",
    "synonyms",
    "entries",
    "unanswered",
}
REQUIRED_TOP = ("source", "clinic", "messages", "entries")
CLINIC_FIELDS = {"name", "phone", "booking_url", "hours", "website", "address"}
REQUIRED_CLINIC = ("name", "phone")
MESSAGE_FIELDS = {
    "welcome",
    "help",
    "disclaimer",
    "no_answer",
    "crisis",
    "did_you_mean",
    "contact",
    "topics",
    "text_only",
    "stale_button",
    "related",
    "error",
    "feedback_thanks",
    "ask_clinic",
    "handoff_sent",
    "handoff_expired",
    "staff_reply",
    "crisis_es",
    "concern",
    "concern_yes",
    "concern_no",
    "concern_declined",
    "concern_handoff",
    "talk_to_team",
    "other_language",
    "other_language_es",
    "clinic_note",
}
REQUIRED_MESSAGES = ("welcome", "disclaimer", "no_answer", "crisis")
MATCHING_FIELDS = {"answer_threshold", "suggest_threshold", "margin"}
ENTRY_FIELDS = {
    "id",
    "question",
    "alternates",
    "keywords",
    "answer",
    "related",
    "topic",
    "source",
}
# Where an entry's answer comes from: the approved article (quoted word for word), or
# the clinic's own details (hours, phone, address, booking), written by the clinic.
ARTICLE, CLINIC = "article", "clinic"
ENTRY_SOURCES = (ARTICLE, CLINIC)
REQUIRED_ENTRY = ("id", "question", "answer")
UNANSWERED_FIELDS = {"topic", "alternates"}


@dataclass(frozen=True)
class Clinic:
    """How patients reach the clinic."""

    name: str
    phone: str
    booking_url: str = ""
    hours: str = ""
    website: str = ""
    address: str = ""


@dataclass(frozen=True)
class Messages:
    """The clinic's own wording: the only text the bot says that is not from the article."""

    welcome: str
    disclaimer: str
    no_answer: str
    crisis: str
    help: str = ""
    did_you_mean: str = "Did you mean one of these?"
    contact: str = "To reach the clinic, call {phone}."
    topics: str = "These are the questions I can answer. Tap one:"
    text_only: str = "I can only read text. Please type your question."
    stale_button: str = "That button no longer works. Type /topics to see what I can answer."
    related: str = "Related questions:"
    error: str = "Sorry, something went wrong on my side. Please try again in a moment."
    feedback_thanks: str = "Thank you for your feedback."
    ask_clinic: str = "Ask the clinic"
    handoff_sent: str = (
        "I've passed your question to the clinic team. Their reply will appear here."
    )
    handoff_expired: str = "Please type your question again, then tap the button."
    staff_reply: str = "Reply from the clinic team:"
    # Spanish: many US clinics' patients write in it, and 988 answers in it.
    crisis_es: str = (
        "Si está pensando en el suicidio o en hacerse daño, o si usted u otra persona "
        "tomó demasiado de un medicamento o droga, pida ayuda ahora: en EE. UU., llame "
        "o envíe un mensaje de texto al 988 (para español, marque 2). Si hay peligro "
        "inmediato, llame al 911."
    )
    # Distress without clear danger: say the crisis line, then ask (two buttons).
    concern: str = (
        "I'm sorry things feel this hard. If you are in danger, call or text 988 now. "
        "Can I ask: are you thinking about ending your life or hurting yourself?"
    )
    concern_yes: str = "Yes"
    concern_no: str = "No"
    concern_declined: str = (
        "Thank you for telling me. If that changes, call or text 988 any time. When "
        "you're ready, type your question, or /topics to see what I can answer."
    )
    concern_handoff: str = "would like to talk to the clinic team (after a safety check-in)"
    talk_to_team: str = "Talk to the clinic team"
    other_language: str = (
        "I can only answer in English. If you are in danger, call 911, or call or text "
        "988. To reach the clinic, call {phone}."
    )
    # Under a clinic entry's answer: the clinic's own details, not the approved article.
    clinic_note: str = "This is {name}'s own information."
    other_language_es: str = (
        "Solo puedo responder en inglés. Si está en peligro, llame al 911, o llame o "
        "envíe un mensaje de texto al 988 (para español, marque 2). Para comunicarse "
        "con la clínica, llame al {phone}."
    )


@dataclass(frozen=True)
class MatchSettings:
    """When the matcher answers, suggests or declines (scores are 0-100)."""

    answer_threshold: float = 72.0
    suggest_threshold: float = 50.0
    margin: float = 8.0


@dataclass(frozen=True)
class Entry:
    """One question and its approved answer."""

    id: str
    question: str
    answer: str
    alternates: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    topic: str = ""
    source: str = ARTICLE  # "clinic": the clinic's own text, shown as such

    @property
    def from_clinic(self) -> bool:
        """True for the clinic's own details rather than a passage of the article."""
        return self.source == CLINIC


@dataclass(frozen=True)
class Unanswered:
    """A topic patients ask about that the article does not answer: the bot must decline."""

    topic: str
    alternates: tuple[str, ...]


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything the engine knows, loaded from checked YAML files."""

    path: Path  # the knowledge base: its folder, or its one file
    source_text: str
    clinic: Clinic
    messages: Messages
    matching: MatchSettings
    synonyms: dict[str, tuple[str, ...]]
    entries: tuple[Entry, ...]
    unanswered: tuple[Unanswered, ...] = ()
    source_name: str = ""  # the article's file name, beside the entries
    paths: tuple[Path, ...] = ()  # every file it was read from, the article last
    _by_id: dict[str, Entry] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({entry.id: entry for entry in self.entries})

    def entry(self, entry_id: str) -> Entry | None:
        """The entry with this id, or None (for stale or forged ids)."""
        return self._by_id.get(entry_id)

    def digest(self) -> str:
        """The start of a sha256 of all its files: which version of the knowledge base
        this is (any file changed, the article included, changes it)."""
        combined = hashlib.sha256()
        for path in self.paths or (self.path,):
            combined.update(hashlib.sha256(path.read_bytes()).digest())
        return combined.hexdigest()[:16]

    def render(self, message: str) -> str:
        """A clinic message with its {name}, {phone}, {booking_url}, {hours} filled in."""
        values = {name: getattr(self.clinic, name) for name in CLINIC_FIELDS}
        return message.format_map(values)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a knowledge base: the file and line it stands on."""

    line: int
    message: str
    warning: bool = False
    file: Path | None = None  # None: the knowledge base as a whole (a load that failed)
    # A clinic detail still to fill in (faqbot init or clinic.yaml), not a mistake.
    placeholder: bool = False

    def __str__(self) -> str:
        level = "warning" if self.warning else "error"
        # Line 0 is the file as a whole (one that is missing, or cannot be read).
        where = f"line {self.line}: " if self.line else ""
        return f"{where}{level}: {self.message}"

    def located(self, path: Path) -> str:
        """As `faqbot check` prints it: "FILE:line N: error: ...", the file being the
        problem's own, else `path` (the knowledge base as given)."""
        return f"{self.file or path}:{'' if self.line else ' '}{self}"


class KnowledgeBaseError(Exception):
    """A knowledge base that cannot be used; carries every problem found."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        listing = "\n".join(f"  {problem.located(path)}" for problem in problems)
        super().__init__(f"{path} has {len(problems)} problem(s):\n{listing}")


@dataclass(frozen=True)
class Layout:
    """Where a knowledge base's parts are: the files of its folder, or its one file."""

    path: Path  # the knowledge base: its folder, or its one file
    files: tuple[Path, ...]  # its YAML files; the article is beside the first

    @property
    def folder(self) -> bool:
        """True for the folder layout, False for one file holding everything."""
        return len(self.files) > 1

    def file_of(self, name: str) -> Path:
        """The file holding a top-level field ("clinic", "messages", "synonyms" ...) or
        an entry's "alternates" and "keywords"."""
        if not self.folder:
            return self.files[0]
        wanted = "phrasings" if name in PHRASING_FIELDS else name
        for file in self.files:
            if wanted in FOLDER_FILES[file.name][0]:
                return file
        raise KeyError(name)


def layout(path: Path | str) -> Layout:
    """The layout of the knowledge base at `path`: a folder, or the folder's entries.yaml
    (a file of that name stands for its folder), or else one file holding everything."""
    path = Path(path)
    if path.is_dir() or path.name == ENTRIES_FILE:
        folder = path if path.is_dir() else path.parent
        return Layout(folder, tuple(folder / name for name in FOLDER_FILES))
    return Layout(path, (path,))


def load(
    path: Path | str = DEFAULT_PATH, *, changes: Mapping[Path, str] | None = None
) -> KnowledgeBase:
    """Load and check a knowledge base (a folder, its entries.yaml, or one file); raise
    KnowledgeBaseError naming all its errors. `changes`: text read in place of a file's
    (to check an edit before writing it)."""
    path = Path(path)
    where = layout(path)
    data, problems, article = _read(where, changes)
    errors = [problem for problem in problems if not problem.warning]
    if errors or data is None or article is None:
        raise KnowledgeBaseError(path, errors)
    # The article as it was checked: read once, so a save between the check and the
    # build cannot give the bot an article its answers were not checked against.
    return _build(where, data, article)


def load_isolated(
    path: Path | str,
    *,
    seconds: float = ISOLATED_SECONDS,
    memory_bytes: int = ISOLATED_MEMORY_BYTES,
) -> KnowledgeBase:
    """`load` in a child process killed past `seconds` or `memory_bytes`; blocks, so a
    bot calls it from a thread."""
    # Imported here: only a running bot reloads, and `faqbot ask` starts faster without.
    import os
    import pickle
    import subprocess
    import sys

    path = Path(path)
    # The child needs no secret: it reads the knowledge base and writes to its parent.
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    command = [sys.executable, "-c", _ISOLATED_LOAD, str(path), str(memory_bytes)]
    try:
        done = subprocess.run(
            command, capture_output=True, timeout=seconds, env=environment, check=False
        )
    except subprocess.TimeoutExpired:  # run() has killed the child
        raise KnowledgeBaseError(
            path, [Problem(0, f"loading took over {seconds:g} s, the limit; not loaded")]
        ) from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        if done.returncode < 0:
            reason = f"the loading process was killed by signal {-done.returncode}"
        elif said and said[-1].startswith("MemoryError"):
            reason = f"loading needed over {memory_bytes // 1024**2:,} MB, the limit"
        else:
            reason = f"loading failed: {said[-1] if said else f'exit status {done.returncode}'}"
        raise KnowledgeBaseError(path, [Problem(0, reason)])
    result = pickle.loads(done.stdout)  # from our own child, never from a file
    if isinstance(result, KnowledgeBase):
        return result
    raise KnowledgeBaseError(path, result)


def shrinkage(served: KnowledgeBase, new: KnowledgeBase) -> str | None:
    """How `new` drops over HOLD_SHARE of the entries or declined topics `served` has,
    or None when it does not."""
    dropped = [
        f"{after} {what} where the bot serves {before}"
        for what, before, after in (
            ("entries", len(served.entries), len(new.entries)),
            ("declined topics", len(served.unanswered), len(new.unanswered)),
        )
        if before - after > before * HOLD_SHARE
    ]
    return " and ".join(dropped) or None


def check(
    path: Path | str = DEFAULT_PATH, *, changes: Mapping[Path, str] | None = None
) -> list[Problem]:
    """Every problem in a knowledge base, errors and warnings, file by file in line
    order. `changes`: text read in place of a file's, as for `load`."""
    _, problems, _ = _read(layout(path), changes)
    return problems


def contents(
    path: Path | str = DEFAULT_PATH, *, changes: Mapping[Path, str] | None = None
) -> dict[str, Any] | None:
    """What a knowledge base holds, unchecked, in the one file's shape (each entry with
    its alternates and keywords); None when a file of it is not readable YAML."""
    where = layout(path)
    parsed = [_parse(file, _changed(file, changes), where.folder) for file in where.files]
    if any(data is None and found for data, _, found in parsed):
        return None
    if not where.folder:
        data = parsed[0][0]
        return data if isinstance(data, dict) else None
    merged, _, _ = _merge(where, [(data, lines) for data, lines, _ in parsed])
    return merged


def source_sentences(source_text: str) -> list[str]:
    """The article's sentences, headings left out (they are questions, not answers)."""
    found = []
    for paragraph in re.split(r"\n\s*\n", source_text):
        paragraph = text.comparable(paragraph)
        if not paragraph or _is_heading(paragraph):
            continue
        found.extend(re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", paragraph))
    return found


def _is_heading(paragraph: str) -> bool:
    return len(paragraph) < 100 and not paragraph.endswith(".")


# Each value's place: its file, and the line it stands on.
Place = tuple[Path, int]
Lines = dict[tuple[Any, ...], Place]


def _changed(file: Path, changes: Mapping[Path, str] | None) -> str | None:
    """The text given for `file` in `changes`, or None to read the file."""
    if not changes:
        return None
    wanted = file.resolve()
    return next((raw for path, raw in changes.items() if Path(path).resolve() == wanted), None)


def _read(
    where: Layout, changes: Mapping[Path, str] | None = None
) -> tuple[dict[str, Any] | None, list[Problem], str | None]:
    """The knowledge base's data in the one file's shape, every problem in it, and the
    article its answers were checked against (None when it was not read)."""
    parsed = [_parse(file, _changed(file, changes), where.folder) for file in where.files]
    problems = [problem for _, _, found in parsed for problem in found]
    if any(data is None and found for data, _, found in parsed):
        # A file that is not readable YAML: the others are checked once it is, as
        # without it they would show problems that are not there.
        return None, _in_order(where, problems), None
    if where.folder:
        data, lines, merging = _merge(where, [(data, lines) for data, lines, _ in parsed])
        problems += merging
    else:
        data, lines = parsed[0][0], parsed[0][1]
        if not isinstance(data, dict):
            problem = "the file must be a mapping with clinic, messages and entries"
            return None, [Problem(1, problem, file=where.files[0])], None
    checker = _Checker(where, data, lines)
    problems += checker.run()
    return data, _in_order(where, problems), checker.article


def _in_order(where: Layout, problems: list[Problem]) -> list[Problem]:
    order = {file: index for index, file in enumerate(where.files)}
    return sorted(problems, key=lambda p: (order.get(p.file or where.path, 0), p.line, p.warning))


def _parse(file: Path, raw: str | None, folder: bool = False) -> tuple[Any, Lines, list[Problem]]:
    """One YAML file's data, every value's place, and its problems; the data is None
    when the file cannot be read or parsed within the limits."""

    def refused(line: int, message: str) -> tuple[Any, Lines, list[Problem]]:
        return None, {}, [Problem(line, message, file=file)]

    if raw is None:
        try:
            raw = read_limited(file, MAX_FILE_BYTES)
        except FileNotFoundError as error:
            if folder and file.parent.is_dir():
                names = ", ".join(FOLDER_FILES)
                return refused(0, f"the folder has no {file.name} (a knowledge base has {names})")
            return refused(0, f"cannot read the file: {error}")
        except (OSError, UnicodeDecodeError) as error:
            return refused(0, f"cannot read the file: {error}")
        except FileTooLarge as error:
            return refused(0, str(error))
    elif len(raw.encode("utf-8")) > MAX_FILE_BYTES:
        return refused(0, f"{file.name} would be over {MAX_FILE_BYTES // 1024:,} KB, the limit")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        crowded = _too_many_values(raw, loader) if len(raw) > COUNT_FIRST_BYTES else None
        if crowded is not None:
            return refused(crowded.line, crowded.message)
        # One parse gives both the data and every value's line; libyaml when present.
        # Composing is linear in the file: an alias is one shared node, not a copy.
        node = yaml.compose(raw, Loader=loader)
        # Before anything walks the nodes recursively or expands an alias.
        beyond = None if node is None else _beyond_limits(node)
        if beyond is not None:
            return refused(beyond.line, beyond.message)
        data = None if node is None else SafeConstructor().construct_document(node)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        reason = getattr(error, "problem", None) or str(error)
        return refused(line, f"YAML syntax: {reason}")
    except RecursionError:  # pure-Python PyYAML (no libyaml) composes recursively
        return refused(0, f"the file nests deeper than {MAX_DEPTH} levels")
    lines: Lines = {}
    if not isinstance(data, dict) or node is None:
        return data, lines, []
    return data, lines, _index_lines(node, (), lines, file)


def _merge(
    where: Layout, parsed: list[tuple[Any, Lines]]
) -> tuple[dict[str, Any], Lines, list[Problem]]:
    """The folder's files as one mapping in the one file's shape: each entry given its
    alternates and keywords from phrasings.yaml, each value keeping its own place."""
    merged: dict[str, Any] = {}
    lines: Lines = {}
    problems: list[Problem] = []

    def report(path: tuple[Any, ...], message: str) -> None:
        while path and path not in lines:
            path = path[:-1]
        file, line = lines.get(path, (where.files[0], 1))
        problems.append(Problem(line, message, file=file))

    phrasing_lines: Lines = {}
    for file, (data, file_lines) in zip(where.files, parsed, strict=True):
        allowed, required = FOLDER_FILES[file.name]
        if not isinstance(data, dict):
            known = ", ".join(allowed)
            problems.append(Problem(1, f"the file must be a mapping with {known}", file=file))
            continue
        for key in data:
            if key in allowed:
                merged[key] = data[key]
                continue
            home = next((name for name, (its, _) in FOLDER_FILES.items() if key in its), None)
            known = ", ".join(allowed)
            where_instead = f": it belongs in {home}" if home else f" (known: {known})"
            line = file_lines.get((key, "<key>"), (file, 1))[1]
            problems.append(Problem(line, f"unknown field '{key}'{where_instead}", file=file))
        for key in required:
            if key not in data or data[key] in (None, ""):
                problems.append(Problem(1, f"the file is missing '{key}'", file=file))
        for path, place in file_lines.items():
            if path and path[0] in allowed:
                (phrasing_lines if path[0] == "phrasings" else lines)[path] = place
    lines[()] = (where.files[0], 1)
    lines.update(phrasing_lines)

    given_entries = merged.get("entries")
    entries: list[Any] = given_entries if isinstance(given_entries, list) else []
    index: dict[Any, int] = {}
    for position, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        for name in PHRASING_FIELDS:
            if name in entry:
                report(
                    ("entries", position, name, "<key>"),
                    f"'{name}' go in phrasings.yaml, under the entry's id",
                )
                del entry[name]
        entry_id = entry.get("id")
        if isinstance(entry_id, str):
            index.setdefault(entry_id, position)
    # Paths are the one file's: an entry's phrasings are read at its place in entries.
    lines = {
        path: place
        for path, place in lines.items()
        if not (len(path) > 2 and path[0] == "entries" and path[2] in PHRASING_FIELDS)
    }
    phrasings = merged.pop("phrasings", None)
    if phrasings is None:
        return merged, lines, problems
    if not isinstance(phrasings, dict):
        report(("phrasings",), "'phrasings' must map each entry id to its alternates and keywords")
        return merged, lines, problems
    for entry_id, given in phrasings.items():
        if entry_id not in index:
            report(
                ("phrasings", entry_id, "<key>"),
                f"phrasings for '{entry_id}', but no entry in {ENTRIES_FILE} has that id",
            )
            continue
        if not isinstance(given, dict):
            report(
                ("phrasings", entry_id),
                f"the phrasings of '{entry_id}' must be a mapping with alternates and keywords",
            )
            continue
        for key in given:
            if key not in PHRASING_FIELDS:
                known = ", ".join(PHRASING_FIELDS)
                report(
                    ("phrasings", entry_id, key, "<key>"), f"unknown field '{key}' (known: {known})"
                )
            else:
                entries[index[entry_id]][key] = given[key]
    for path, place in phrasing_lines.items():
        if len(path) > 2 and path[1] in index and path[2] in PHRASING_FIELDS:
            lines[("entries", index[path[1]], *path[2:])] = place
    return merged, lines, problems


class FileTooLarge(Exception):
    """A file over its size limit; the message says which limit."""


def read_limited(path: Path, limit: int) -> str:
    """A UTF-8 file's text; FileTooLarge past `limit` bytes, having read no more than that."""
    # Read, not stat: a file still growing is judged by what is read.
    with path.open("rb") as file:
        data = file.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(
            f"{path.name} is over {limit // 1024:,} KB, the limit for it: the shipped files "
            "are far smaller, so this is likely a paste gone wrong"
        )
    return data.decode("utf-8")


def _too_many_values(raw: str, loader: Any) -> Problem | None:
    """A problem when the text holds more than MAX_NODES values, counted without building."""
    parser = loader(raw)
    count = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, _NODE_EVENTS):
                count += 1
                if count > MAX_NODES:
                    mark = event.start_mark
                    line = mark.line + 1 if mark is not None else 1
                    return Problem(line, f"the file has over {MAX_NODES:,} values, the limit")
    finally:
        parser.dispose()
    return None


def _beyond_limits(root: yaml.Node) -> Problem | None:
    """The first YAML alias, too-deep value or node past the count limit, or None.

    Iterative and visiting each node once, so an alias bomb or a deep file costs no
    more than its size. The knowledge base needs no aliases: each one is refused.
    """
    seen = {id(root)}
    stack: list[tuple[yaml.Node, int, int]] = [(root, 1, root.start_mark.line + 1)]
    while stack:
        node, depth, line = stack.pop()
        if depth > MAX_DEPTH:
            return Problem(line, f"the file nests deeper than {MAX_DEPTH} levels")
        if isinstance(node, yaml.MappingNode):
            children = [
                (child, key.start_mark.line + 1)
                for key, value in node.value
                for child in (key, value)
            ]
        elif isinstance(node, yaml.SequenceNode):
            children = [(item, line) for item in node.value]
        else:
            continue
        for child, where in children:
            # Met again: an alias names a node already composed (its mark is the anchor's).
            if id(child) in seen:
                return Problem(
                    where,
                    "YAML aliases (*name) are not allowed in the knowledge base: write the "
                    f"value out (its anchor is on line {child.start_mark.line + 1})",
                )
            seen.add(id(child))
            stack.append((child, depth + 1, where))
        if len(seen) > MAX_NODES:
            return Problem(line, f"the file has over {MAX_NODES:,} values, the limit")
    return None


def _index_lines(node: yaml.Node, path: tuple[Any, ...], lines: Lines, file: Path) -> list[Problem]:
    """Record the place of every value by its path; report keys given twice in one mapping."""
    lines[path] = (file, node.start_mark.line + 1)
    problems = []
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                line = key_node.start_mark.line + 1
                problems.append(Problem(line, f"'{key}' is given twice", file=file))
            seen.add(key)
            problems += _index_lines(value_node, (*path, key), lines, file)
            lines[(*path, key, "<key>")] = (file, key_node.start_mark.line + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            problems += _index_lines(item, (*path, index), lines, file)
    return problems


class _Checker:
    """Collects every problem in a knowledge base's data, each with the file and line it
    stands on; the data is in the one file's shape, whatever the layout."""

    def __init__(self, where: Layout, data: dict[str, Any], lines: Lines) -> None:
        self.where = where
        self.path = where.files[0]  # the file naming the article, which is beside it
        self.data = data
        self.lines = lines
        self.problems: list[Problem] = []
        self.article: str | None = None  # the source article's text, once read
        # content words of each entry phrasing -> (entry id, place, phrasing as written)
        self.phrasing_keys: dict[tuple[str, ...], tuple[str, Place, str]] = {}
        synonyms = data.get("synonyms")
        self.synonyms_map = text.SynonymMap(
            {
                str(word): tuple(v for v in variants if isinstance(v, str))
                for word, variants in synonyms.items()
                if isinstance(variants, list)
            }
            if isinstance(synonyms, dict)
            else {}
        )

    def place(self, *path: Any) -> Place:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, (self.path, 1))

    def cite(self, place: Place, here: tuple[Any, ...]) -> str:
        """ "line 12", or "entries.yaml line 12" when it is in another file than `here`."""
        file, line = place
        return f"line {line}" if file == self.place(*here)[0] else f"{file.name} line {line}"

    def error(self, path: tuple[Any, ...], message: str) -> None:
        file, line = self.place(*path)
        self.problems.append(Problem(line, message, file=file))

    def warn(self, path: tuple[Any, ...], message: str, placeholder: bool = False) -> None:
        file, line = self.place(*path)
        self.problems.append(Problem(line, message, True, file, placeholder))

    def run(self) -> list[Problem]:
        if not self.where.folder:  # a folder's files had their fields checked one by one
            self.fields((), self.data, TOP_FIELDS, REQUIRED_TOP, "the file")
        source = self.article = self.source()
        self.section("clinic", CLINIC_FIELDS, REQUIRED_CLINIC)
        self.section("messages", MESSAGE_FIELDS, REQUIRED_MESSAGES)
        self.matching()
        self.synonyms()
        self.entries(source)
        self.unanswered()
        return self.problems

    def fields(
        self,
        path: tuple[Any, ...],
        value: Any,
        allowed: set[str],
        required: tuple[str, ...],
        what: str,
    ) -> bool:
        if not isinstance(value, dict):
            self.error(path, f"{what} must be a mapping")
            return False
        for key in value:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                self.error((*path, key, "<key>"), f"unknown field '{key}' (known: {known})")
        for key in required:
            if key not in value or value[key] in (None, ""):
                self.error(path, f"{what} is missing '{key}'")
        return True

    def text_field(self, path: tuple[Any, ...], value: Any, name: str) -> bool:
        if not isinstance(value, str) or not value.strip():
            self.error(path, f"'{name}' must be non-empty text")
            return False
        return True

    def source(self) -> str | None:
        name = self.data.get("source")
        if not isinstance(name, str) or not name:
            return None
        source_path = self.path.parent / name
        try:
            return read_limited(source_path, MAX_ARTICLE_BYTES)
        except (OSError, UnicodeDecodeError):
            self.error(("source",), f"the source article '{name}' cannot be read")
        except FileTooLarge as error:
            self.error(("source",), f"the source article: {error}")
        return None

    def section(self, name: str, allowed: set[str], required: tuple[str, ...]) -> None:
        value = self.data.get(name)
        if value is None or not self.fields((name,), value, allowed, required, f"'{name}'"):
            return
        for key, item in value.items():
            if key in allowed and not isinstance(item, str):
                self.error((name, key), f"'{name}.{key}' must be text")
        if name == "clinic":
            for key, item in value.items():
                if isinstance(item, str) and PLACEHOLDER.match(item.strip()):
                    self.warn((name, key), f"clinic.{key} is still the placeholder {item}", True)
        if name == "messages":
            for key, item in value.items():
                if isinstance(item, str):
                    self.placeholders(("messages", key), item)

    def placeholders(self, path: tuple[Any, ...], message: str) -> None:
        for placeholder in re.findall(r"\{([^{}]*)\}", message):
            if placeholder not in CLINIC_FIELDS:
                known = ", ".join(f"{{{name}}}" for name in sorted(CLINIC_FIELDS))
                self.error(path, f"unknown placeholder {{{placeholder}}} (known: {known})")

    def matching(self) -> None:
        value = self.data.get("matching")
        if value is None:
            return
        if not self.fields(("matching",), value, MATCHING_FIELDS, (), "'matching'"):
            return
        for key, number in value.items():
            if key in MATCHING_FIELDS and (
                isinstance(number, bool)
                or not isinstance(number, int | float)
                or not 0 <= number <= 100
            ):
                self.error(("matching", key), f"'matching.{key}' must be a number from 0 to 100")
        answer = value.get("answer_threshold", MatchSettings.answer_threshold)
        suggest = value.get("suggest_threshold", MatchSettings.suggest_threshold)
        if (
            isinstance(answer, int | float)
            and isinstance(suggest, int | float)
            and suggest > answer
        ):
            self.error(("matching",), "suggest_threshold must not be above answer_threshold")

    def synonyms(self) -> None:
        value = self.data.get("synonyms")
        if value is None:
            return
        if not isinstance(value, dict):
            self.error(("synonyms",), "'synonyms' must map a word to a list of its variants")
            return
        for word, variants in value.items():
            if not isinstance(variants, list) or not all(
                isinstance(v, str) and text.words(v) for v in variants
            ):
                self.error(("synonyms", word), f"synonyms of '{word}' must be a list of text")

    def entries(self, source: str | None) -> None:
        entries = self.data.get("entries")
        if not isinstance(entries, list) or not entries:
            self.error(("entries",), "'entries' must be a non-empty list")
            return
        ids: dict[str, Place] = {}
        alternates = self.phrasing_keys
        covered: list[str] = []
        # Once, not per entry: per entry, a long article made the check quadratic.
        article = None if source is None else text.comparable(source)
        for index, entry in enumerate(entries):
            path = ("entries", index)
            if not self.fields(path, entry, ENTRY_FIELDS, REQUIRED_ENTRY, f"entry {index + 1}"):
                continue
            entry_id = entry.get("id")
            if isinstance(entry_id, str) and entry_id:
                self.entry_id((*path, "id"), entry_id, ids)
            name = entry_id if isinstance(entry_id, str) else f"entry {index + 1}"
            if "question" in entry:
                self.text_field((*path, "question"), entry["question"], "question")
            self.phrasings(path, name, entry, alternates)
            if not entry.get("alternates"):
                self.warn(
                    (*path, "alternates"),  # where they go: phrasings.yaml, in a folder
                    f"entry '{name}' has no alternates yet: write the ways patients really "
                    "ask it (at least 12), or it will only match its question's own words",
                )
            answer = entry.get("answer")
            source_of = entry.get("source", ARTICLE)
            if source_of not in ENTRY_SOURCES:
                self.error((*path, "source"), f"source must be {' or '.join(ENTRY_SOURCES)}")
                continue
            if "answer" not in entry or not self.text_field((*path, "answer"), answer, "answer"):
                continue
            if source_of == CLINIC:
                self.clinic_answer(path, name, answer)
                continue
            covered.append(text.comparable(answer))
            if article is not None and covered[-1] not in article:
                self.error(
                    (*path, "answer"),
                    f"the answer of '{name}' is not found word for word in the source article",
                )
        answers = {
            entry["id"]: entry.get("answer")
            for entry in entries
            if isinstance(entry, dict) and isinstance(entry.get("id"), str)
        }
        for index, entry in enumerate(entries):
            if isinstance(entry, dict):
                self.related(("entries", index), entry, ids, answers)
        if source is not None:
            self.coverage(source, covered)

    def clinic_answer(self, path: tuple[Any, ...], name: str, answer: str) -> None:
        """A clinic entry may use the clinic's details; until they are filled in, its
        questions get the decline with the clinic's contact."""
        self.placeholders((*path, "answer"), answer)
        missing = unfilled(answer, self.data.get("clinic"))
        if missing:
            fields = ", ".join(f"clinic.{field}" for field in missing if field)
            needs = (
                f"{fields} filled in"
                if fields
                else "its answer written in place of the placeholder"
            )
            self.warn(
                (*path, "answer"),
                f"clinic entry '{name}' needs {needs}; until then its questions get the "
                "decline with the clinic's contact",
                placeholder=True,
            )

    def entry_id(self, path: tuple[Any, ...], entry_id: str, ids: dict[str, Place]) -> None:
        if not ID_PATTERN.match(entry_id):
            self.error(path, f"id '{entry_id}' may use only a-z, 0-9 and '-'")
        if len(entry_id.encode()) > MAX_ID_BYTES:
            self.error(path, f"id '{entry_id}' is over {MAX_ID_BYTES} bytes")
        if entry_id in ids:
            used = self.cite(ids[entry_id], path)
            self.error(path, f"id '{entry_id}' is already used on {used}")
        else:
            ids[entry_id] = self.place(*path)

    def phrasings(
        self,
        path: tuple[Any, ...],
        name: str,
        entry: dict[str, Any],
        seen: dict[tuple[str, ...], tuple[str, Place, str]],
    ) -> None:
        for field_name in ("question", "alternates", "keywords"):
            values = entry.get(field_name, [])
            if field_name == "question":
                values = [values] if isinstance(values, str) and values.strip() else []
            if not isinstance(values, list):
                self.error((*path, field_name), f"'{field_name}' must be a list of text")
                continue
            for position, value in enumerate(values):
                item_path = (*path, field_name) + (() if field_name == "question" else (position,))
                if not isinstance(value, str) or not value.strip():
                    self.error(item_path, f"'{field_name}' must hold only non-empty text")
                    continue
                if field_name == "keywords":
                    continue
                # Alternates are compared as the matcher reads them: "is ketamine for
                # me" and "what is ketamine" are both just "ketamine" once stopwords go.
                what = "question" if field_name == "question" else "alternate"
                key = self.synonyms_map.content(value)
                if not key:
                    self.error(item_path, f"{what} '{value}' has only common words")
                elif key in seen and seen[key][0] != name:
                    owner, place, original = seen[key]
                    self.error(
                        item_path,
                        f"{what} '{value}' reads the same as '{original}' "
                        f"on '{owner}' ({self.cite(place, item_path)})",
                    )
                seen.setdefault(key, (name, self.place(*item_path), value))

    def related(
        self,
        path: tuple[Any, ...],
        entry: dict[str, Any],
        ids: dict[str, Place],
        answers: dict[Any, Any],
    ) -> None:
        related = entry.get("related", [])
        if not isinstance(related, list):
            self.error((*path, "related"), "'related' must be a list of entry ids")
            return
        for position, other in enumerate(related):
            if not isinstance(other, str):
                self.error((*path, "related", position), "'related' must be a list of entry ids")
            elif other not in ids:
                self.error((*path, "related", position), f"related id '{other}' does not exist")
            elif other == entry.get("id"):
                self.error((*path, "related", position), "an entry cannot be related to itself")
            elif answers.get(other) == entry.get("answer"):
                self.warn(
                    (*path, "related", position),
                    f"related entry '{other}' has the same answer: its button would repeat it",
                )

    def unanswered(self) -> None:
        value = self.data.get("unanswered")
        if value is None:
            return
        if not isinstance(value, list):
            self.error(("unanswered",), "'unanswered' must be a list of topics")
            return
        for index, topic in enumerate(value):
            path = ("unanswered", index)
            if self.fields(path, topic, UNANSWERED_FIELDS, ("topic", "alternates"), "topic"):
                alternates = topic.get("alternates")
                if not isinstance(alternates, list) or not all(
                    isinstance(a, str) and a.strip() for a in alternates
                ):
                    self.error((*path, "alternates"), "'alternates' must be a list of text")
                    continue
                for position, alternate in enumerate(alternates):
                    owner = self.phrasing_keys.get(self.synonyms_map.content(alternate))
                    if owner is not None:
                        at = (*path, "alternates", position)
                        self.error(
                            at,
                            f"unanswered '{alternate}' reads the same as '{owner[2]}' on "
                            f"'{owner[0]}' ({self.cite(owner[1], at)}): the bot cannot tell "
                            "them apart",
                        )

    def coverage(self, source: str, answers: list[str]) -> None:
        joined = "\n".join(answers)
        for sentence in source_sentences(source):
            if sentence not in joined:
                self.warn(("entries",), f"no answer covers the article's sentence: {sentence!r}")


def unfilled(answer: str, clinic: Any) -> list[str]:
    """The clinic fields a clinic answer uses that are empty or still placeholders; an
    answer that is itself a [PLACEHOLDER] needs its own text (an empty list then means
    nothing is missing only if the answer is not a placeholder)."""
    values = clinic if isinstance(clinic, dict) else {}
    missing = [
        field
        for field in dict.fromkeys(re.findall(r"\{([^{}]*)\}", answer))
        if not isinstance(values.get(field), str)
        or not values[field].strip()
        or PLACEHOLDER.match(values[field].strip())
    ]
    if PLACEHOLDER.match(answer.strip()) and not missing:
        return [""]
    return missing


def declined_ids(data: dict[str, Any], clinic: dict[str, str]) -> frozenset[str]:
    """Ids of the clinic entries not filled in: a related button to one would not work."""
    return frozenset(
        item["id"]
        for item in data["entries"]
        if item.get("source") == CLINIC and unfilled(item["answer"].strip(), clinic)
    )


def _build(where: Layout, data: dict[str, Any], article: str) -> KnowledgeBase:
    clinic = {k: v.strip() for k, v in data["clinic"].items()}
    entries: list[Entry] = []
    # A clinic entry whose details are not filled in is declined, with the contact,
    # like any topic the bot has no approved answer for: never a nearby passage.
    declined: list[Unanswered] = []
    not_filled = declined_ids(data, clinic)
    for item in data["entries"]:
        answer = item["answer"].strip()
        phrasings = tuple(item.get("alternates") or ())
        if item.get("source") == CLINIC:
            if item["id"] in not_filled:
                declined.append(Unanswered(item["id"], (item["question"].strip(), *phrasings)))
                continue
            answer = answer.format_map({name: clinic.get(name, "") for name in CLINIC_FIELDS})
        entries.append(
            Entry(
                id=item["id"],
                question=item["question"].strip(),
                answer=answer,
                alternates=phrasings,
                keywords=tuple(item.get("keywords") or ()),
                related=tuple(r for r in item.get("related") or () if r not in not_filled),
                topic=item.get("topic") or "",
                source=item.get("source") or ARTICLE,
            )
        )
    unanswered = tuple(
        Unanswered(topic=item["topic"], alternates=tuple(item["alternates"]))
        for item in data.get("unanswered") or ()
    ) + tuple(declined)
    return KnowledgeBase(
        path=where.path,
        source_text=article,
        clinic=Clinic(**clinic),
        messages=Messages(**{k: v.strip() for k, v in data["messages"].items()}),
        matching=MatchSettings(**(data.get("matching") or {})),
        synonyms={
            str(word): tuple(variants) for word, variants in (data.get("synonyms") or {}).items()
        },
        entries=tuple(entries),
        unanswered=unanswered,
        source_name=data["source"],
        paths=(*where.files, where.files[0].parent / data["source"]),
    )
