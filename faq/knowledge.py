"""The knowledge base: a YAML file of the clinic's details, messages and entries, checked."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from faq import text

DEFAULT_PATH = Path(__file__).with_name("ketamine-ocd.yaml")

ID_PATTERN = re.compile(r"^[a-z0-9-]+$")
PLACEHOLDER = re.compile(r"^\[.*\]$")
MAX_ID_BYTES = 40  # leaves room in Telegram's 64-byte button data for a prefix
# Limits on what a load reads, so that no file can freeze or exhaust the bot, at start or
# on reload. The shipped knowledge base is about 100 KB and its article 4 KB: 2 MB is
# twenty times that, and 2 MB of such content loads and checks in half a second and
# 65 MB, where a 50 MB paste took 11 s and 1.5 GB.
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
    """Everything the engine knows, loaded from one checked YAML file."""

    path: Path
    source_text: str
    clinic: Clinic
    messages: Messages
    matching: MatchSettings
    synonyms: dict[str, tuple[str, ...]]
    entries: tuple[Entry, ...]
    unanswered: tuple[Unanswered, ...] = ()
    source_name: str = ""  # the article's file name, beside `path`
    _by_id: dict[str, Entry] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({entry.id: entry for entry in self.entries})

    def entry(self, entry_id: str) -> Entry | None:
        """The entry with this id, or None (for stale or forged ids)."""
        return self._by_id.get(entry_id)

    def digest(self) -> str:
        """The start of the file's sha256: which version of the knowledge base this is."""
        return hashlib.sha256(self.path.read_bytes()).hexdigest()[:16]

    def render(self, message: str) -> str:
        """A clinic message with its {name}, {phone}, {booking_url}, {hours} filled in."""
        values = {name: getattr(self.clinic, name) for name in CLINIC_FIELDS}
        return message.format_map(values)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a knowledge base file."""

    line: int
    message: str
    warning: bool = False

    def __str__(self) -> str:
        level = "warning" if self.warning else "error"
        return f"line {self.line}: {level}: {self.message}"


class KnowledgeBaseError(Exception):
    """A knowledge base file that cannot be used; carries every problem found."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        listing = "\n".join(f"  {path}:{problem}" for problem in problems)
        super().__init__(f"{path} has {len(problems)} problem(s):\n{listing}")


def load(path: Path | str = DEFAULT_PATH) -> KnowledgeBase:
    """Load and check a knowledge base; raise KnowledgeBaseError naming all its errors."""
    path = Path(path)
    data, problems = _read(path)
    errors = [problem for problem in problems if not problem.warning]
    if errors or data is None:
        raise KnowledgeBaseError(path, errors)
    try:
        return _build(path, data)
    except (OSError, UnicodeDecodeError, FileTooLarge) as error:
        # The article changed between the check and now (a save in progress).
        raise KnowledgeBaseError(path, [Problem(0, f"the source article: {error}")]) from None


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
    # The child needs no secret: it reads two files and writes to its parent.
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


def check(path: Path | str = DEFAULT_PATH) -> list[Problem]:
    """Every problem in a knowledge base file, errors and warnings, in line order."""
    _, problems = _read(Path(path))
    return problems


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


def _read(path: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    try:
        raw = read_limited(path, MAX_FILE_BYTES)
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(0, f"cannot read the file: {error}")]
    except FileTooLarge as error:
        return None, [Problem(0, str(error))]
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        crowded = _too_many_values(raw, loader) if len(raw) > COUNT_FIRST_BYTES else None
        if crowded is not None:
            return None, [crowded]
        # One parse gives both the data and every value's line; libyaml when present.
        # Composing is linear in the file: an alias is one shared node, not a copy.
        node = yaml.compose(raw, Loader=loader)
        # Before anything walks the nodes recursively or expands an alias.
        refused = None if node is None else _beyond_limits(node)
        if refused is not None:
            return None, [refused]
        data = None if node is None else SafeConstructor().construct_document(node)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        reason = getattr(error, "problem", None) or str(error)
        return None, [Problem(line, f"YAML syntax: {reason}")]
    except RecursionError:  # pure-Python PyYAML (no libyaml) composes recursively
        return None, [Problem(0, f"the file nests deeper than {MAX_DEPTH} levels")]
    if not isinstance(data, dict) or node is None:
        return None, [Problem(1, "the file must be a mapping with clinic, messages and entries")]
    lines: dict[tuple[Any, ...], int] = {}
    problems = _index_lines(node, (), lines)
    problems += _Checker(path, data, lines).run()
    problems.sort(key=lambda problem: (problem.line, problem.warning))
    return data, problems


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


def _index_lines(
    node: yaml.Node, path: tuple[Any, ...], lines: dict[tuple[Any, ...], int]
) -> list[Problem]:
    """Record the line of every value by its path; report keys given twice in one mapping."""
    lines[path] = node.start_mark.line + 1
    problems = []
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                problems.append(Problem(key_node.start_mark.line + 1, f"'{key}' is given twice"))
            seen.add(key)
            problems += _index_lines(value_node, (*path, key), lines)
            lines[(*path, key, "<key>")] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            problems += _index_lines(item, (*path, index), lines)
    return problems


class _Checker:
    """Collects every problem in a parsed file, each with the line it stands on."""

    def __init__(self, path: Path, data: dict[str, Any], lines: dict[tuple[Any, ...], int]) -> None:
        self.path = path
        self.data = data
        self.lines = lines
        self.problems: list[Problem] = []
        # content words of each entry phrasing -> (entry id, line, phrasing as written)
        self.phrasing_keys: dict[tuple[str, ...], tuple[str, int, str]] = {}
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

    def line(self, *path: Any) -> int:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def error(self, path: tuple[Any, ...], message: str) -> None:
        self.problems.append(Problem(self.line(*path), message))

    def warn(self, path: tuple[Any, ...], message: str) -> None:
        self.problems.append(Problem(self.line(*path), message, warning=True))

    def run(self) -> list[Problem]:
        self.fields((), self.data, TOP_FIELDS, REQUIRED_TOP, "the file")
        source = self.source()
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
                    self.warn((name, key), f"clinic.{key} is still the placeholder {item}")
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
        ids: dict[str, int] = {}
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
                    path,
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
            entry.get("id"): entry.get("answer") for entry in entries if isinstance(entry, dict)
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
            )

    def entry_id(self, path: tuple[Any, ...], entry_id: str, ids: dict[str, int]) -> None:
        if not ID_PATTERN.match(entry_id):
            self.error(path, f"id '{entry_id}' may use only a-z, 0-9 and '-'")
        if len(entry_id.encode()) > MAX_ID_BYTES:
            self.error(path, f"id '{entry_id}' is over {MAX_ID_BYTES} bytes")
        if entry_id in ids:
            self.error(path, f"id '{entry_id}' is already used on line {ids[entry_id]}")
        else:
            ids[entry_id] = self.line(*path)

    def phrasings(
        self,
        path: tuple[Any, ...],
        name: str,
        entry: dict[str, Any],
        seen: dict[tuple[str, ...], tuple[str, int, str]],
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
                    owner, line, original = seen[key]
                    self.error(
                        item_path,
                        f"{what} '{value}' reads the same as '{original}' "
                        f"on '{owner}' (line {line})",
                    )
                seen.setdefault(key, (name, self.line(*item_path), value))

    def related(
        self,
        path: tuple[Any, ...],
        entry: dict[str, Any],
        ids: dict[str, int],
        answers: dict[Any, Any],
    ) -> None:
        related = entry.get("related", [])
        if not isinstance(related, list):
            self.error((*path, "related"), "'related' must be a list of entry ids")
            return
        for position, other in enumerate(related):
            if other not in ids:
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
                        self.error(
                            (*path, "alternates", position),
                            f"unanswered '{alternate}' reads the same as '{owner[2]}' "
                            f"on '{owner[0]}' (line {owner[1]}): the bot cannot tell them apart",
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


def _build(path: Path, data: dict[str, Any]) -> KnowledgeBase:
    source_path = path.parent / data["source"]
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
            if unfilled(answer, clinic):
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
        path=path,
        source_text=read_limited(source_path, MAX_ARTICLE_BYTES),
        clinic=Clinic(**clinic),
        messages=Messages(**{k: v.strip() for k, v in data["messages"].items()}),
        matching=MatchSettings(**(data.get("matching") or {})),
        synonyms={
            str(word): tuple(variants) for word, variants in (data.get("synonyms") or {}).items()
        },
        entries=tuple(entries),
        unanswered=unanswered,
        source_name=data["source"],
    )
