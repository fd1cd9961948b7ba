"""A draft knowledge base from a new article: one entry per section, answers quoted verbatim.

The draft is a knowledge-base folder (entries.yaml, clinic.yaml, phrasings.yaml,
settings.yaml and the article), a starting point for the clinic, not something to put
live: every entry still needs its alternates (the ways patients really ask), questions
made up from headings need a look, and the clinic's details are placeholders. It
passes `faqbot check` with no errors, so the clinic can work on it with the checker's
help.

Answers are whole paragraphs of the article, whitespace folded, so `faqbot check` finds
them word for word in the source. For Markdown and HTML the source is the article's
plain-text rendering (`plain_text`), written into the folder; a plain-text article is
its own source.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml

from faq import knowledge, text

FORMATS = ("text", "markdown", "html")
SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
# Word processor, PDF and archive files: their bytes are not the article's text, and a
# suffix the importer does not know is otherwise read as plain text.
BINARY_SUFFIXES = frozenset(
    ".doc .docx .odt .rtf .pdf .pages .epub .xls .xlsx .ppt .pptx .zip .gz".split()
)
QUESTION_WORDS = frozenset(
    "how what why when where who which is are can does do should will".split()
)
# Leading words of a heading that read better in lower case after "What about".
_LOWER_FIRST = frozenset("the a an our your my this these those its their".split())
WIDTH = 88  # the real knowledge base's lines: 6 spaces of indent and 82 of text
TODO_ALTERNATES = "# TODO: write at least 12 alternates: the ways patients really ask this"
TODO_QUESTION = "# TODO: check this question"
NO_TITLE_QUESTION = "What is this article about?"  # for paragraphs before any heading
NO_WORDS_QUESTION = "What is this section about?"  # for a heading of only symbols


class ArticleError(ValueError):
    """An article the importer cannot draft from; its message is one line naming it."""


def detect_format(path: Path | str) -> str:
    """The article's format from its suffix: "text" (also anything unknown), "markdown", "html"."""
    return SUFFIXES.get(Path(path).suffix.lower(), "text")


def draft(article: str, fmt: str, source_name: str) -> dict[str, str]:
    """The draft knowledge base for an article in fmt, quoting source_name: the text of
    each file of the folder, by name (entries.yaml, clinic.yaml, ...).

    For "text" the source is the article itself; for "markdown" and "html" it is
    plain_text(article, fmt), which the caller writes as source_name.
    """
    sections = _sections(_blocks(article, fmt))
    return _Draft(source_name).render(sections)


def plain_text(article: str, fmt: str) -> str:
    """The article as the plain text its draft's answers quote (a text article unchanged)."""
    if _format(fmt) == "text":
        return article
    out: list[str] = []
    previous: Block | None = None
    for block in _blocks(article, fmt):
        if out:
            # Items of one list stay on consecutive lines; everything else is a paragraph.
            together = block.kind == "item" and previous is not None and previous.kind == "item"
            out.append("\n" if together else "\n\n")
        out.append(block.text)
        previous = block
    return "".join(out) + "\n"


def write_draft(article_path: Path | str, output_path: Path | str) -> list[knowledge.Problem]:
    """Write the draft knowledge base for an article into the folder output_path (made
    when missing, or the folder of an output_path named entries.yaml); return its check.

    A plain-text article already in the folder is the source itself, one elsewhere is
    copied there verbatim under its own name. Markdown and HTML articles are rendered
    to plain text as "<article stem>.txt". Raises, before writing anything: OSError
    (FileExistsError rather than overwrite a knowledge base's file, or another file of
    the source's name), ValueError for an output_path named like a YAML file (the draft
    is a folder), and ArticleError for an article that is not UTF-8 text or has no
    paragraph to quote (the draft would fail `faqbot check`).
    """
    article_path = Path(article_path)
    output_path = Path(output_path)
    folder = output_path.parent if output_path.name == knowledge.ENTRIES_FILE else output_path
    if folder.suffix.lower() in (".yaml", ".yml"):
        raise ValueError(
            f"the draft is a folder ({', '.join(knowledge.FOLDER_FILES)} and the article): "
            f"name a folder, not {folder.name}"
        )
    fmt = detect_format(article_path)
    article = read_article(article_path)
    if not _sections(_blocks(article, fmt)):
        if not article.strip():
            raise ArticleError(f"{article_path} is empty: there is nothing to draft from")
        title = " (its first line is the title)" if fmt == "text" else ""
        raise ArticleError(
            f"{article_path} has no paragraph to quote as an answer{title}: "
            "write the article's text under its headings"
        )
    files = [folder / name for name in knowledge.FOLDER_FILES]
    for file in files:
        if file.resolve() == article_path.resolve():
            raise FileExistsError(f"the draft would overwrite the article {article_path}")
        if file.exists():
            raise FileExistsError(f"{file} exists: draft into a folder with no knowledge base")
    if fmt == "text":
        if article_path.parent.resolve() == folder.resolve():
            source = article_path
            rendering = None
        else:
            source = folder / article_path.name
            rendering = article_path.read_bytes()
    else:
        source = folder / f"{article_path.stem}.txt"
        rendering = plain_text(article, fmt).encode("utf-8")
    if rendering is not None:
        _refuse_clobber(source, rendering)
    texts = draft(article, fmt, source.name)
    folder.mkdir(parents=True, exist_ok=True)
    if rendering is not None:
        source.write_bytes(rendering)
    for file in files:
        file.write_text(texts[file.name], encoding="utf-8")
    return knowledge.check(folder)


def read_article(path: Path) -> str:
    """The article's text; ArticleError for a word processor or other binary file, or text
    that is not UTF-8 (a codec error would not say what to do about it)."""
    suffix = path.suffix.lower()
    advice = "save it as plain text (.txt), Markdown (.md) or HTML (.html) in UTF-8"
    if suffix in BINARY_SUFFIXES:
        raise ArticleError(f"{path} is a {suffix} file, not text: {advice}")
    data = path.read_bytes()
    if b"\0" in data:
        raise ArticleError(f"{path} is not a text file: {advice}")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ArticleError(f"{path} is not UTF-8 text (byte {error.start}): {advice}") from None
    # Read again as text: newlines are normalised the way `faqbot check` reads the source.
    return path.read_text(encoding="utf-8")


def _refuse_clobber(path: Path, content: bytes) -> None:
    if path.exists() and path.read_bytes() != content:
        raise FileExistsError(f"{path} exists with other content; move it or choose another name")


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown article format {fmt!r} (known: {', '.join(FORMATS)})")
    return fmt


# --- Parsing: the article as a list of blocks -------------------------------------------


@dataclass(frozen=True)
class Block:
    """One heading, paragraph or list item of the article, whitespace folded."""

    kind: str  # "heading", "para" or "item"
    text: str
    level: int = 0  # headings: 1 (title) to 6


@dataclass
class Section:
    """A heading (None before the first one) and the paragraphs under it."""

    heading: str | None
    level: int
    parent: str | None
    paragraphs: list[str] = field(default_factory=list)


def _fold_space(value: str) -> str:
    return " ".join(value.split())


def _blocks(article: str, fmt: str) -> list[Block]:
    parse = {"text": _text_blocks, "markdown": _markdown_blocks, "html": _html_blocks}
    blocks = parse[_format(fmt)](article.removeprefix("\ufeff"))
    return [block for block in blocks if block.text]


def _looks_like_heading(paragraph: str) -> bool:
    """A short paragraph that does not end a sentence: knowledge.source_sentences's rule,
    except that a sentence closed inside quotes or brackets is still a sentence."""
    folded = text.comparable(paragraph)
    return len(folded) < 100 and not re.search(r"\.[\"'”’)\]]*$", folded)


def _text_blocks(article: str) -> list[Block]:
    """Paragraphs are separated by blank lines; the first line is the title."""
    blocks: list[Block] = []
    for paragraph in re.split(r"\n\s*\n", article):
        lines = [line for line in paragraph.strip().splitlines() if line.strip()]
        if not lines:
            continue
        first = lines[0].strip()
        if not blocks:
            # The file's first line is the title, whatever it looks like.
            blocks.append(Block("heading", _fold_space(first), 1))
            lines = lines[1:]
        elif len(lines) > 1 and first.endswith("?") and len(first) < 100:
            # A question on its own line right above its answer.
            blocks.append(Block("heading", _fold_space(first), 2))
            lines = lines[1:]
        if not lines:
            continue
        body = _fold_space(" ".join(lines))
        if _looks_like_heading(body):
            blocks.append(Block("heading", body, 2))
        else:
            blocks.append(Block("para", body))
    return blocks


_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ITEM = re.compile(r"^[ \t]*([-*+]|\d{1,9}[.)])[ \t]+(.*)$")
_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S+")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _markdown_blocks(article: str) -> list[Block]:
    article = _COMMENT.sub("", article)
    lines = article.splitlines()
    if lines and lines[0].strip() == "---":  # YAML front matter: the page's settings
        ends = [n for n, line in enumerate(lines) if n and line.strip() in ("---", "...")]
        lines = lines[ends[0] + 1 :] if ends else lines
    blocks: list[Block] = []
    pending: list[str] = []
    kind = "para"
    fence = ""

    def flush() -> None:
        nonlocal pending
        if pending:
            blocks.append(Block(kind, _markdown_inline(" ".join(pending))))
        pending = []

    for line in lines:
        if fence:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = ""
                flush()
            elif line.strip():
                pending.append(line.strip())
            continue
        opening = _FENCE.match(line)
        if opening:
            flush()
            kind, fence = "para", opening.group(1)
            continue
        while _QUOTE.match(line):
            line = _QUOTE.sub("", line, count=1)
        if not line.strip():
            flush()
            continue
        heading = _ATX.match(line)
        if heading:
            flush()
            blocks.append(
                Block("heading", _markdown_inline(heading.group(2) or ""), len(heading.group(1)))
            )
            continue
        underline = _SETEXT.match(line)
        if underline and pending and kind == "para":
            level = 1 if underline.group(1).startswith("=") else 2
            blocks.append(Block("heading", _markdown_inline(" ".join(pending)), level))
            pending = []
            continue
        if _RULE.match(line):
            flush()
            continue
        if _LINK_DEFINITION.match(line):
            flush()
            continue
        item = _ITEM.match(line)
        if item:
            flush()
            kind = "item"
            marker = "-" if item.group(1) in "-*+" else item.group(1)
            pending = [f"{marker} {item.group(2)}"]
            continue
        if not pending:
            kind = "para"
        pending.append(line.strip())
    flush()
    return blocks


_INLINE = [
    (re.compile(r"`+\s*(.+?)\s*`+"), r"\1"),  # code spans
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: their alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links: their text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), ""),  # inline HTML tags
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),  # strikethrough
    (re.compile(r"\\$|\\(?=\s)"), ""),  # hard line breaks
]
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _markdown_inline(value: str) -> str:
    """Markdown's inline markup removed: what a reader of the rendered page sees."""
    # Backslash escapes are set aside first, so "\*" stays a star: each becomes a numbered
    # mark between two copies of a private-use character the text does not hold.
    mark = next(chr(code) for code in range(0xE000, 0xF900) if chr(code) not in value)
    escaped: list[str] = []

    def hide(match: re.Match[str]) -> str:
        escaped.append(match.group(1))
        return f"{mark}{len(escaped) - 1}{mark}"

    value = _ESCAPED.sub(hide, value)
    for pattern, replacement in _INLINE:
        value = pattern.sub(replacement, value)
    value = _ENTITY.sub(lambda match: html.unescape(match.group(0)), value)
    value = re.sub(f"{mark}([0-9]+){mark}", lambda match: escaped[int(match.group(1))], value)
    return _fold_space(value)


_HTML_BLOCK = frozenset(
    """
    p li h1 h2 h3 h4 h5 h6 div section article main header aside blockquote pre ul ol dl
    dt dd table caption thead tbody tfoot tr td th figure figcaption address details
    summary body html form fieldset hr
    """.split()
)
_HTML_IGNORED = frozenset("script style nav footer noscript template svg title".split())
_HEADINGS = {f"h{level}": level for level in range(1, 7)}


class _HtmlBlocks(HTMLParser):
    """Headings and paragraphs (<p>, <li> and text in other blocks) of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.open: list[str] = []  # block elements, innermost last
        self.lists: list[list[int] | None] = []  # <ol>: [next number]; <ul>: None
        self.marker = ""
        self.ignored = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HTML_IGNORED:
            self.ignored += 1
        if self.ignored or (tag not in _HTML_BLOCK and tag != "br"):
            return
        if tag == "br":
            self.buffer.append(" ")
            return
        self.flush()
        if tag == "hr":
            return
        self.open.append(tag)
        if tag == "ol":
            start = dict(attrs).get("start") or "1"
            self.lists.append([int(start) if start.strip().lstrip("-").isdigit() else 1])
        elif tag == "ul":
            self.lists.append(None)
        elif tag == "li":
            counter = self.lists[-1] if self.lists else None
            if counter is None:
                self.marker = "-"
            else:
                self.marker = f"{counter[0]}."
                counter[0] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _HTML_IGNORED:
            self.ignored = max(0, self.ignored - 1)
            return
        if self.ignored or tag not in _HTML_BLOCK or tag not in self.open:
            return
        self.flush()
        while self.open:
            closed = self.open.pop()
            if closed in ("ol", "ul") and self.lists:
                self.lists.pop()
            if closed == "li":
                self.marker = ""
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.ignored:
            self.buffer.append(data)

    def flush(self) -> None:
        value = _fold_space("".join(self.buffer))
        self.buffer = []
        if not value:
            return
        levels = [_HEADINGS[tag] for tag in self.open if tag in _HEADINGS]
        if levels:
            self.blocks.append(Block("heading", value, levels[-1]))
        elif self.marker:
            self.blocks.append(Block("item", f"{self.marker} {value}"))
            self.marker = ""
        elif "li" in self.open:
            self.blocks.append(Block("item", value))
        else:
            self.blocks.append(Block("para", value))

    def close(self) -> None:
        super().close()
        self.flush()


def _html_blocks(article: str) -> list[Block]:
    parser = _HtmlBlocks()
    parser.feed(article)
    parser.close()
    return parser.blocks


def _sections(blocks: list[Block]) -> list[Section]:
    """The article cut at its headings; each section knows the heading it sits under."""
    sections: list[Section] = []
    current = Section(None, 0, None)
    above: dict[int, str] = {}  # level -> the latest heading of that level
    for block in blocks:
        if block.kind == "heading":
            sections.append(current)
            parents = [above[level] for level in sorted(above) if level < block.level]
            current = Section(block.text, block.level, parents[-1] if parents else None)
            above = {level: name for level, name in above.items() if level < block.level}
            above[block.level] = block.text
        else:
            current.paragraphs.append(block.text)
    sections.append(current)
    return [section for section in sections if section.paragraphs]


# --- Writing: the draft YAML ------------------------------------------------------------


def is_question(heading: str) -> bool:
    """A heading phrased as a question: ends with "?" or starts with a question word."""
    if heading.rstrip().endswith("?"):
        return True
    words = heading.split()
    first = words[0].strip("\"'“”‘’*_([").replace("’", "'").lower() if words else ""
    return first in QUESTION_WORDS or first.split("'")[0] in {"what", "how", "who", "where"}


def _question_about(heading: str) -> str:
    words = (heading.rstrip(" .:;,!-–—") or heading).split()
    if words and words[0].lower() in _LOWER_FIRST and words[0][1:] == words[0][1:].lower():
        words[0] = words[0].lower()
    return f"What about {' '.join(words)}?"


def slug(value: str, limit: int = knowledge.MAX_ID_BYTES) -> str:
    """An id for a question: folded words joined by "-", cut at a word within limit bytes."""
    base = "-".join(text.fold(value).split()) or "entry"
    if len(base) <= limit:
        return base
    cut = base[:limit]
    if base[limit] != "-" and "-" in cut:
        cut = cut[: cut.rindex("-")]
    return cut.strip("-") or base[:limit]


def _unique_id(value: str, taken: set[str]) -> str:
    candidate = slug(value)
    number = 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = slug(value, knowledge.MAX_ID_BYTES - len(suffix)) + suffix
    taken.add(candidate)
    return candidate


_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _number_words(number: int) -> str:
    """2 -> "two", 42 -> "forty two": words survive where the checker drops digits."""
    if number >= 1000:
        raise ValueError("over a thousand sections of the article read the same")
    hundreds, rest = divmod(number, 100)
    words = [f"{_ONES[hundreds]} hundred"] if hundreds else []
    if rest >= 20:
        words.append(_TENS[rest // 10] + ("" if rest % 10 == 0 else f" {_ONES[rest % 10]}"))
    elif rest or not words:
        words.append(_ONES[rest])
    return " ".join(words)


def _with_context(question: str, context: str) -> str:
    if question.endswith("?"):
        return f"{question[:-1]} ({context})?"
    return f"{question} ({context})"


@dataclass(frozen=True)
class _Entry:
    id: str
    question: str
    answer: list[str]
    todo: str  # the comment above the question, "" for none


class _Draft:
    """Renders sections as a draft knowledge base in the real file's layout."""

    def __init__(self, source_name: str) -> None:
        self.source_name = source_name
        self.phrasings = text.SynonymMap({})  # the draft has no synonyms yet
        self.questions: set[tuple[str, ...]] = set()
        self.ids: set[str] = set()

    def entry(self, section: Section) -> _Entry:
        heading = section.heading
        if heading is None:
            base, todo = NO_TITLE_QUESTION, TODO_QUESTION
        elif not text.words(heading):
            base, todo = NO_WORDS_QUESTION, TODO_QUESTION
        elif is_question(heading):
            base, todo = heading, ""
        else:
            base, todo = _question_about(heading), TODO_QUESTION
        question = self.unique_question(base, section)
        if question != base:
            todo = f"{TODO_QUESTION}: the words in brackets tell it apart from the others"
        entry_id = _unique_id(heading or question, self.ids)
        return _Entry(entry_id, question, section.paragraphs, todo)

    def unique_question(self, question: str, section: Section) -> str:
        """The question, or one with context added when it reads the same as an earlier
        one (or has only common words): `faqbot check` could not tell them apart."""
        answer_words = " ".join(text.content_words(" ".join(section.paragraphs))[:5])
        contexts = [section.parent or "", answer_words]
        candidates = [question] + [_with_context(question, c) for c in contexts if c]
        number = 2
        while True:
            for candidate in candidates:
                key = self.phrasings.content(candidate)
                if key and key not in self.questions:
                    self.questions.add(key)
                    return candidate
            candidates = [_with_context(question, f"part {_number_words(number)}")]
            number += 1

    def render(self, sections: list[Section]) -> dict[str, str]:
        entries = [self.entry(section) for section in sections]
        name = " ".join(self.source_name.split())
        out = [HEADER.format(source=name, count=len(entries))]
        out.append(f"source: {scalar(self.source_name)}\n\n")
        phrasings = [PHRASINGS_HEADER]
        if not entries:
            out.append("# TODO: the importer found no paragraphs in the article.\nentries: []\n")
            phrasings.append("phrasings: {}\n")
        else:
            out.append("entries:\n")
            out.append("\n".join(self.entry_yaml(entry) for entry in entries))
            phrasings.append("phrasings:\n")
            phrasings.append("\n".join(self.phrasings_yaml(entry) for entry in entries))
        phrasings.append(UNANSWERED)
        return {
            knowledge.ENTRIES_FILE: "".join(out),
            "clinic.yaml": CLINIC,
            "phrasings.yaml": "".join(phrasings),
            "settings.yaml": SETTINGS,
        }

    def entry_yaml(self, entry: _Entry) -> str:
        lines = [f"  - id: {scalar(entry.id)}"]
        if entry.todo:
            lines.append(f"    {entry.todo}")
        lines += [
            f"    question: {scalar(entry.question)}",
            f"    answer: {_answer(entry.answer)}",
            "    related: []",
        ]
        return "\n".join(lines) + "\n"

    def phrasings_yaml(self, entry: _Entry) -> str:
        lines = [
            f"  {scalar(entry.id)}:",
            f"    {TODO_ALTERNATES}",
            "    alternates: []",
            "    keywords: []",
        ]
        return "\n".join(lines) + "\n"


HEADER = """\
# DRAFT knowledge base for the FAQ bot, made by `faqbot import` from {source}.
# It is not ready for patients. {count} entries were made, one for each section of
# the article. This folder is the knowledge base, one file for each job:
#   entries.yaml    each question and its approved answer, and related entries
#   clinic.yaml     the clinic's details and its own wording (the bot's messages)
#   phrasings.yaml  the ways patients ask each entry, and the topics the bot declines
#   settings.yaml   the matcher's thresholds and synonyms
# To finish it:
#
#   1. Write alternates for every entry in phrasings.yaml (each "TODO: write at least
#      12 alternates"): the ways patients really ask the question, with typos, slang,
#      keywords and whole stories. Without them the bot finds little beyond the exact
#      question.
#   2. Check every question marked "TODO: check this question": it was made from a
#      heading that is not a question, or changed to tell it apart from another.
#   3. Replace every [BRACKETED] clinic detail in clinic.yaml and read the messages.
#   4. Add keywords, related entry ids, synonyms and unanswered topics.
#   5. Run `faqbot check` on this folder until it reports no errors, and remove the
#      TODO lines as you go.
#
# Answers are quoted word for word from the approved article named in `source`:
# `faqbot check` refuses any answer it cannot find there. Shorten an answer by
# cutting whole sentences, never by rewording it.
version: 1
"""

CLINIC = """\
# The clinic's details and its own wording: the only text the bot says that is not
# from the article. Part of the knowledge base in this folder (see entries.yaml).

# Replace every [BRACKETED] value before going live; `faqbot check` warns while any is left.
clinic:
  name: "[CLINIC NAME]"
  phone: "[CLINIC PHONE]"
  booking_url: "[BOOKING LINK]"
  hours: "[OPENING HOURS]"

# The clinic's own wording. {name}, {phone}, {booking_url} and {hours} are filled in
# from `clinic` above.
messages:
  welcome: >-
    Hello! I'm the {name} assistant. I answer common questions about our treatment,
    using information our clinic has approved. Type your question in your own words,
    or tap a topic below.
  help: >-
    Ask me a question in your own words. /topics lists everything I can answer. I
    can't book appointments or give personal medical advice: for that, call us on
    {phone} ({hours}) or book at {booking_url}.
  disclaimer: >-
    I share general information, not medical advice. For advice about your own
    health and treatment, please speak with our clinical team.
  no_answer: >-
    I'm sorry, I don't have an answer to that. Our team will be glad to help: call
    {phone} ({hours}) or book a consultation at {booking_url}. Type /topics to see
    the questions I can answer.
  did_you_mean: "I'm not sure I understood. Did you mean one of these?"
  contact: "To reach the clinic: call {phone} ({hours}) or book at {booking_url}."
  crisis: >-
    If you are thinking about suicide or hurting yourself, or you or someone else
    may have taken too much of a medicine or drug, please reach out for help now.
    In the US, call or text 988 (Suicide & Crisis Lifeline), any time, day or night.
    If you are in immediate danger or someone has overdosed, call 911 or go to the
    nearest emergency room. Outside the US, call your local emergency number.
    You are not alone, and you deserve support.
"""

SETTINGS = """\
# How the bot matches messages to entries. Part of the knowledge base in this folder
# (see entries.yaml).

# Scores run from 0 to 100. The bot answers when the best entry scores at least
# answer_threshold and leads the next different answer by at least margin; it
# offers "Did you mean" buttons from suggest_threshold; below that it declines.
matching:
  answer_threshold: 45
  suggest_threshold: 40
  margin: 12

# Words patients use for the same thing, each variant read as the word on the left,
# e.g. `ketamine: [special k, ket]`.
synonyms: {}
"""

PHRASINGS_HEADER = """\
# The ways patients really ask each entry of entries.yaml (typos, slang, keywords,
# whole stories), by entry id: add the phrasings `faqbot report` shows as unanswered
# (`faqbot add-alternate ID "text"` checks one against every entry first), run
# `faqbot check`, then reload. Part of the knowledge base in this folder.
"""

UNANSWERED = """
# Things patients ask that the article does not answer (cost, insurance, dose ...),
# each a topic with the ways patients ask it, e.g.
#   - topic: cost
#     alternates: [how much does it cost, is it covered by insurance]
# The bot declines them with the no_answer message (the clinic's contact) instead of
# guessing at a nearby entry.
unanswered: []
"""


# YAML's printable characters (PyYAML refuses the others, even inside a block scalar).
_UNPRINTABLE = re.compile("[^\t\n\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def scalar(value: str) -> str:
    """A one-line YAML value: plain when it reads back the same, else double-quoted."""
    if value == value.strip() and not _UNPRINTABLE.search(value) and "\n" not in value:
        try:
            if yaml.safe_load(f"key: {value}") == {"key": value}:
                return value
        except yaml.YAMLError:
            pass
    return _quoted(value)


def _quoted(value: str) -> str:
    out = []
    for char in value:
        if char in '\\"':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif _UNPRINTABLE.match(char) or char == "\t":
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _answer(paragraphs: list[str], indent: int = 6) -> str:
    """The answer as a folded block scalar wrapped like the real file: paragraphs are
    separated by a blank line, which YAML reads as one line break."""
    if any(_UNPRINTABLE.search(paragraph) for paragraph in paragraphs):
        return _quoted("\n".join(paragraphs))
    lines: list[str] = []
    for paragraph in paragraphs:
        if lines:
            lines.append("")
        lines += _wrap(paragraph, WIDTH - indent)
    return ">-\n" + "\n".join(" " * indent + line if line else "" for line in lines)


def _wrap(paragraph: str, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in paragraph.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines
