"""Adding a way of asking to an entry (`faqbot add-alternate ID "text"`), checked first.

An alternate is refused when the bot could not use it (empty, too long, only common
words), when it is already a phrasing (as the matcher reads them: stopwords and
synonyms gone), and when another entry or a declined topic already matches it about
as well as the alternate would match its own entry: the bot could then answer
neither. Otherwise it is written at the end of the entry's alternates, a line
inserted so the file's comments and layout stay as the editor left them, and only
once the knowledge base with it loads.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from faq import files, knowledge, text
from faq.importer import scalar
from faq.matcher import Matcher

# Longer is a story, not a way of asking: the longest shipped alternate is 141 characters.
MAX_CHARS = 300
BEST = 100.0  # the score of a message that reads like one of the entry's phrasings


class Refused(ValueError):
    """An alternate that was not added; its message is one line saying why."""


@dataclass(frozen=True)
class Added:
    """An alternate written to the knowledge base."""

    entry_id: str
    text: str
    file: Path
    line: int
    alternates: int  # the entry's alternates now, this one included

    def __str__(self) -> str:
        return (
            f"{self.file}:line {self.line}: added \"{self.text}\" to '{self.entry_id}', "
            f"which now has {self.alternates} alternate{'' if self.alternates == 1 else 's'}"
        )


def add_alternate(kb_path: Path | str, entry_id: str, text: str) -> Added:
    """Add `text` to the alternates of the entry `entry_id`; Refused when it should not
    be, KnowledgeBaseError when the knowledge base does not load as it is."""
    # Two editors adding at once would each read the file, and the second write would
    # drop the first one's line: the whole read, check and write holds the lock.
    folder = knowledge.layout(kb_path).file_of("alternates").parent
    with files.locked(folder):
        return _add_alternate(kb_path, entry_id, text)


def _add_alternate(kb_path: Path | str, entry_id: str, text: str) -> Added:
    kb = knowledge.load(kb_path)
    data = knowledge.contents(kb_path)
    if data is None:  # changed on disk since the load
        raise Refused(f"{kb_path} changed while it was being read: run this again")
    wording = " ".join(text.split())
    entry = _entry(data, entry_id)
    _refuse_unusable(wording)
    _refuse_known(kb, data, entry_id, wording)
    _refuse_collision(kb, entry_id, wording)
    where = knowledge.layout(kb_path)
    file = where.file_of("alternates")
    original = file.read_bytes()
    changed, line = _inserted(original.decode("utf-8"), where.folder, entry_id, wording)
    changes = {file: changed}
    try:
        knowledge.load(kb_path, changes=changes)
    except knowledge.KnowledgeBaseError as error:
        first = error.problems[0].located(file)
        raise Refused(
            f"with it the knowledge base would not load ({first}); nothing was written"
        ) from None
    # Loading is not enough: the text must have landed at the end of this entry's list.
    wanted = [*(entry.get("alternates") or ()), wording]
    after = knowledge.contents(kb_path, changes=changes)
    if after is None or list(_entry(after, entry_id).get("alternates") or ()) != wanted:
        raise Refused(f"cannot place it in {file}: add it there by hand")
    if file.read_bytes() != original:
        raise Refused(f"{file} changed while the alternate was being added: run this again")
    files.write_atomically(file, changed)
    return Added(entry_id, wording, file, line, len(wanted))


def _entry(data: dict[str, Any], entry_id: str) -> dict[str, Any]:
    """The entry of that id as written (a clinic entry awaiting its details included)."""
    entries = [item for item in data.get("entries") or () if isinstance(item, dict)]
    for item in entries:
        if item.get("id") == entry_id:
            return item
    ids = [str(item.get("id")) for item in entries]
    close = difflib.get_close_matches(entry_id, ids, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise Refused(f"no entry has the id '{entry_id}'{hint}")


def _refuse_unusable(wording: str) -> None:
    if not wording:
        raise Refused("the alternate is empty")
    if len(wording) > MAX_CHARS:
        raise Refused(
            f"the alternate is {len(wording)} characters, over the limit of {MAX_CHARS}: "
            "write the question, not the whole story"
        )
    if not wording.isprintable():
        raise Refused("the alternate holds characters that are not printable")


def _refuse_known(
    kb: knowledge.KnowledgeBase, data: dict[str, Any], entry_id: str, wording: str
) -> None:
    """Refuse what `faqbot check` would: only common words, or the same content words as
    a question or alternate already there."""
    synonyms = text.SynonymMap(kb.synonyms)
    key = synonyms.content(wording)
    if not key:
        raise Refused(f'"{wording}" has only common words: the bot could not match it')
    for owner, phrasing in _phrasings(data):
        if synonyms.content(phrasing) == key:
            raise Refused(
                f'"{wording}" reads the same as "{phrasing}", already a phrasing of {owner}'
            )


def _phrasings(data: dict[str, Any]) -> list[tuple[str, str]]:
    """Each question and alternate with whose it is: "'entry-id'" or "the declined topic ..."."""
    found: list[tuple[str, str]] = []
    for item in data.get("entries") or ():
        if isinstance(item, dict):
            owner = f"'{item.get('id')}'"
            found += [(owner, p) for p in [item.get("question"), *(item.get("alternates") or ())]]
    for topic in data.get("unanswered") or ():
        if isinstance(topic, dict):
            owner = f"the declined topic '{topic.get('topic')}'"
            found += [(owner, p) for p in topic.get("alternates") or ()]
    return [(owner, phrasing) for owner, phrasing in found if isinstance(phrasing, str)]


def _refuse_collision(kb: knowledge.KnowledgeBase, entry_id: str, wording: str) -> None:
    """Refuse an alternate that another entry (or a declined topic) already matches
    within the margin of a full score: once added, its own entry would match it fully
    and the other nearly so, and the bot would answer neither."""
    mine = kb.entry(entry_id)
    own = {entry_id, f"unanswered:{entry_id}"}  # a clinic entry awaiting its details
    for target, score in Matcher(kb).rank(wording):
        other = kb.entry(target)
        if target in own or (
            other is not None and mine is not None and other.answer == mine.answer
        ):
            continue  # the same answer: the bot never weighs those against each other
        if score > BEST - kb.matching.margin:
            name = (
                f"the declined topic '{target.removeprefix('unanswered:')}'"
                if other is None
                else f"'{target}'"
            )
            raise Refused(
                f'"{wording}" already matches {name} with a score of {score:.0f}: as an '
                f"alternate of '{entry_id}' it would be within the margin "
                f"({kb.matching.margin:g}) of it, and the bot could answer neither"
            )
        return


# --- Writing: one line inserted, the rest of the file as it was -------------------------


def _inserted(raw: str, folder: bool, entry_id: str, wording: str) -> tuple[str, int]:
    """The file's text with `wording` at the end of the entry's alternates, and the line
    it is on; Refused where the file's layout leaves no clear place for it."""
    newline = "\r\n" if "\r\n" in raw else "\n"
    # Pure Python: its marks count characters, which is what indexing the text needs.
    root = yaml.compose(raw, Loader=yaml.SafeLoader)
    holder = _holder(root, folder, entry_id)
    if holder is None:  # a folder's phrasings.yaml without the entry's id yet
        phrasings = _value(root, "phrasings")
        if (
            not isinstance(phrasings, yaml.MappingNode)
            or phrasings.flow_style
            or not phrasings.value
        ):
            raise Refused(f"no block 'phrasings:' mapping to add '{entry_id}' to: add it by hand")
        indent = " " * phrasings.value[0][0].start_mark.column
        lines = [f"{indent}{scalar(entry_id)}:", f"{indent}  alternates:", f"{indent}    - "]
        return _insert_lines(raw, _after(raw, phrasings), lines, wording, newline)
    alternates = _value(holder, "alternates")
    if alternates is None:
        indent = " " * holder.value[0][0].start_mark.column
        return _insert_lines(
            raw, _after(raw, holder), [f"{indent}alternates:", f"{indent}  - "], wording, newline
        )
    if not isinstance(alternates, yaml.SequenceNode):
        raise Refused(f"the alternates of '{entry_id}' are not a list: add it by hand")
    if not alternates.value:  # `alternates: []`, as a draft has it: a block list from now
        column = next(key for key, value in holder.value if value is alternates).start_mark.column
        cut = len(raw[: alternates.start_mark.index].rstrip(" \t"))
        item = f"{newline}{' ' * (column + 2)}- {scalar(wording)}"
        changed = raw[:cut] + item + raw[alternates.end_mark.index :]
        return changed, raw.count("\n", 0, cut) + 2
    if alternates.flow_style:
        return _insert_flow(raw, alternates, wording)
    last = alternates.value[-1]
    start = raw.rfind("\n", 0, last.start_mark.index) + 1
    prefix = raw[start : last.start_mark.index]
    if prefix.strip() != "-":
        raise Refused(f"the alternates of '{entry_id}' are laid out oddly: add it by hand")
    return _insert_lines(raw, _after(raw, alternates), [prefix], wording, newline)


def _holder(root: yaml.Node | None, folder: bool, entry_id: str) -> yaml.MappingNode | None:
    """The block mapping that holds the entry's alternates: its entry in one file, its
    id's mapping in phrasings.yaml (None when the id has none yet)."""
    if folder:
        found = _value(_value(root, "phrasings"), entry_id)
        if found is None:
            return None
    else:
        entries = _value(root, "entries")
        items = entries.value if isinstance(entries, yaml.SequenceNode) else []
        found = next(
            (item for item in items if _scalar_value(_value(item, "id")) == entry_id), None
        )
    if not isinstance(found, yaml.MappingNode) or found.flow_style or not found.value:
        raise Refused(f"the phrasings of '{entry_id}' are not a block mapping: add it by hand")
    return found


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((value for name, value in node.value if _scalar_value(name) == key), None)


def _scalar_value(node: yaml.Node | None) -> Any:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _after(raw: str, node: yaml.Node) -> int:
    """The index just past the last line of a block collection (its last value's line:
    the collection's own end can lie past the comments below it)."""
    while (
        isinstance(node, yaml.MappingNode | yaml.SequenceNode)
        and not node.flow_style
        and node.value
    ):
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    end = node.end_mark.index
    if end > 0 and raw[end - 1] == "\n":  # a block scalar ends at the next line's start
        return end
    newline = raw.find("\n", end)
    return len(raw) if newline < 0 else newline + 1


def _insert_lines(
    raw: str, at: int, lines: list[str], wording: str, newline: str
) -> tuple[str, int]:
    """`lines` inserted at `at`, the last one ending in `wording`."""
    lead = newline if at == len(raw) and raw and not raw.endswith("\n") else ""
    block = lead + newline.join(lines) + scalar(wording) + newline
    line = raw.count("\n", 0, at) + len(lines) + (1 if lead else 0)
    return raw[:at] + block + raw[at:], line


def _insert_flow(raw: str, alternates: yaml.SequenceNode, wording: str) -> tuple[str, int]:
    """`wording` added before the closing bracket of a flow list: `[a, b]`."""
    closing = alternates.end_mark.index - 1
    if raw[closing] != "]":
        raise Refused("the alternates are laid out oddly: add it by hand")
    at = len(raw[:closing].rstrip())
    item = scalar(wording)
    try:
        plain = yaml.safe_load(f"[{item}]") == [wording]
    except yaml.YAMLError:
        plain = False
    item = item if plain else json.dumps(wording, ensure_ascii=False)  # YAML reads JSON's
    separator = "" if raw[at - 1] == "," else ", "
    return raw[:at] + separator + item + raw[at:], raw.count("\n", 0, at) + 1
