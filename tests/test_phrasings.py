"""`faqbot add-alternate ID "text"`: a way of asking added to an entry, checked first."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from faq import files, importer, knowledge, phrasings

SINGLE_FILE = Path(__file__).parent / "data" / "kb-single-file.yaml"
NEW = "what exactly is this ocd thing people talk about"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the shipped knowledge base."""
    return Path(shutil.copytree(knowledge.DEFAULT_PATH, tmp_path / "kb"))


def phrasings_of(folder: Path) -> str:
    return (folder / "phrasings.yaml").read_text(encoding="utf-8")


def test_an_alternate_is_added_at_the_end_of_its_entrys_list(folder: Path) -> None:
    before = knowledge.load(folder).entry("what-is-ocd")
    assert before is not None
    phrasings.add_alternate(folder, "what-is-ocd", NEW)
    after = knowledge.load(folder).entry("what-is-ocd")
    assert after is not None and after.alternates == (*before.alternates, NEW)


def test_only_one_line_is_added_comments_and_layout_kept(folder: Path) -> None:
    lines = phrasings_of(folder).splitlines(keepends=True)
    last = knowledge.load(folder).entries[0].alternates[-1]
    added = phrasings.add_alternate(folder, "what-is-ocd", NEW)
    assert phrasings_of(folder).splitlines(keepends=True) == [
        *lines[: added.line - 1],
        f"      - {NEW}\n",
        *lines[added.line - 1 :],
    ]
    assert lines[added.line - 2 : added.line] == [
        f"      - {last}\n",
        "    keywords: [ocd, definition, disorder]\n",
    ]


def test_the_result_is_one_line_naming_the_file_and_line(folder: Path) -> None:
    added = phrasings.add_alternate(folder, "what-is-ocd", f"  {NEW}\n")
    assert str(added) == (
        f"{folder / 'phrasings.yaml'}:line {added.line}: added \"{NEW}\" to 'what-is-ocd', "
        f"which now has {added.alternates} alternates"
    )
    assert "\n" not in str(added)


@pytest.mark.parametrize(
    ("entry_id", "text", "says"),
    [
        ("what-is-ocdd", NEW, "no entry has the id 'what-is-ocdd' (did you mean 'what-is-ocd'?)"),
        ("what-is-ocd", " \n\t ", "the alternate is empty"),
        ("what-is-ocd", "why " * 100, "over the limit of 300"),
        ("what-is-ocd", "what is it", "has only common words"),
        ("what-is-ocd", "What is O C D, please?", "already a phrasing of 'what-is-ocd'"),
        ("obsessions", "Whats OCD??", "already a phrasing of 'what-is-ocd'"),
        (
            "what-is-ocd",
            "How much does it cost?",
            "already a phrasing of the declined topic 'cost'",
        ),
        ("what-is-ocd", "ask\x00me", "not printable"),
    ],
    ids=[
        "unknown-id",
        "empty",
        "too-long",
        "common-words",
        "own-phrasing",
        "other-entrys-phrasing",
        "declined-topic",
        "unprintable",
    ],
)
def test_a_refused_alternate_is_not_written(
    folder: Path, entry_id: str, text: str, says: str
) -> None:
    before = phrasings_of(folder)
    with pytest.raises(phrasings.Refused) as refused:
        phrasings.add_alternate(folder, entry_id, text)
    assert says in str(refused.value) and "\n" not in str(refused.value)
    assert phrasings_of(folder) == before


def test_a_collision_names_the_other_entry_and_its_score(folder: Path) -> None:
    before = phrasings_of(folder)
    with pytest.raises(phrasings.Refused) as refused:
        phrasings.add_alternate(
            folder, "compulsions-backfire", "how long does relief from ketamine last for ocd"
        )
    assert "already matches 'how-long-relief-lasts' with a score of 91" in str(refused.value)
    assert phrasings_of(folder) == before


def test_the_same_text_for_the_entry_it_matches_is_no_collision(folder: Path) -> None:
    text = "how long does relief from ketamine last for ocd"
    assert phrasings.add_alternate(folder, "how-long-relief-lasts", text).text == text


def test_a_clinic_entry_awaiting_its_details_takes_alternates(folder: Path) -> None:
    added = phrasings.add_alternate(folder, "clinic-hours", "when do you open on mondays")
    data = knowledge.contents(folder)
    assert data is not None
    [hours] = [entry for entry in data["entries"] if entry["id"] == "clinic-hours"]
    assert hours["alternates"][-1] == "when do you open on mondays" == added.text


def test_the_file_is_replaced_whole_keeping_its_mode(folder: Path) -> None:
    file = folder / "phrasings.yaml"
    file.chmod(0o640)
    inode = file.stat().st_ino
    phrasings.add_alternate(folder, "what-is-ocd", NEW)
    assert file.stat().st_ino != inode  # a new file renamed over the old: never half written
    assert file.stat().st_mode & 0o777 == 0o640
    # No temporary file is left behind; the edit lock stays for the next edit.
    hidden = sorted(path.name for path in folder.iterdir() if path.name.startswith("."))
    assert hidden == [files.LOCK_NAME]


def test_an_entry_without_phrasings_yet_gets_its_own_block(folder: Path) -> None:
    text = phrasings_of(folder)
    start = text.index("  clinic-what-to-bring:\n")
    end = text.index("\n\n", start) + 1
    (folder / "phrasings.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    added = phrasings.add_alternate(folder, "clinic-what-to-bring", "what should i pack")
    lines = phrasings_of(folder).splitlines()
    assert lines[added.line - 3 : added.line] == [
        "  clinic-what-to-bring:",
        "    alternates:",
        "      - what should i pack",
    ]


def test_an_empty_list_of_a_draft_becomes_a_block_list(tmp_path: Path) -> None:
    article = tmp_path / "guide.md"
    article.write_text("# Guide\n\n## Is it safe?\n\nYes, it is given by a doctor.\n")
    importer.write_draft(article, tmp_path / "kb")
    added = phrasings.add_alternate(tmp_path / "kb", "is-it-safe", "is ketamine safe, really?")
    lines = phrasings_of(tmp_path / "kb").splitlines()
    assert lines[added.line - 3 : added.line + 1] == [
        "    # TODO: write at least 12 alternates: the ways patients really ask this",
        "    alternates:",
        "      - is ketamine safe, really?",
        "    keywords: []",
    ]
    assert str(added).endswith("which now has 1 alternate")


def test_a_flow_list_gets_the_alternate_at_its_end(tmp_path: Path) -> None:
    article = tmp_path / "guide.md"
    article.write_text("# Guide\n\n## Is it safe?\n\nYes, it is given by a doctor.\n")
    importer.write_draft(article, tmp_path / "kb")
    file = tmp_path / "kb" / "phrasings.yaml"
    file.write_text(file.read_text().replace("alternates: []", "alternates: [is it dangerous]"))
    added = phrasings.add_alternate(tmp_path / "kb", "is-it-safe", "could it be risky, at all?")
    assert phrasings_of(tmp_path / "kb").splitlines()[added.line - 1] == (
        '    alternates: [is it dangerous, "could it be risky, at all?"]'
    )
    entry = knowledge.load(tmp_path / "kb").entries[0]
    assert entry.alternates == ("is it dangerous", "could it be risky, at all?")


def test_a_single_file_knowledge_base_gets_it_in_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "kb.yaml"
    shutil.copy(SINGLE_FILE, path)
    shutil.copy(knowledge.DEFAULT_PATH / "ketamine-ocd-article.txt", tmp_path)
    added = phrasings.add_alternate(path, "what-is-ocd", NEW)
    assert added.file == path
    entry = knowledge.load(path).entry("what-is-ocd")
    assert entry is not None and entry.alternates[-1] == NEW


def test_a_knowledge_base_with_errors_is_not_edited(folder: Path) -> None:
    entries = folder / "entries.yaml"
    entries.write_text(entries.read_text(encoding="utf-8") + "  - id: broken\n")
    before = phrasings_of(folder)
    with pytest.raises(knowledge.KnowledgeBaseError):
        phrasings.add_alternate(folder, "what-is-ocd", NEW)
    assert phrasings_of(folder) == before


def test_an_edit_in_progress_holds_the_next_one_back_and_neither_is_lost(folder: Path) -> None:
    # Another editor holds the folder's edit lock, as add-alternate does while it reads,
    # checks and writes: this one waits for it, then adds its line to what is there.
    before = phrasings_of(folder)
    errors: list[BaseException] = []

    def add() -> None:
        try:
            phrasings.add_alternate(folder, "what-is-ocd", NEW)
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    with files.locked(folder):
        worker = threading.Thread(target=add)
        worker.start()
        worker.join(timeout=1.0)
        assert worker.is_alive(), "it wrote while another edit held the lock"
        assert phrasings_of(folder) == before
    worker.join(timeout=60)
    assert not worker.is_alive() and errors == []
    assert f"- {NEW}" in phrasings_of(folder)
