"""`faqbot check` and loading: every problem in the file, each with its line number."""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from faq import knowledge
from tests.conftest import ARTICLE, VALID_KB

WriteKb = Callable[..., Path]
WriteFolder = Callable[..., Path]
SINGLE_FILE = Path(__file__).parent / "data" / "kb-single-file.yaml"

# VALID_KB in the folder layout, line for line where each value went.
FOLDER = {
    "entries.yaml": """\
version: 1
source: article.txt
entries:
  - id: what-is-ketamine
    question: What is ketamine?
    answer: Ketamine is a medicine used for sedation. It is given by a doctor.
    related: [how-fast]
  - id: how-fast
    question: How fast does it work?
    answer: Many patients feel better within hours of a single infusion.
""",
    "clinic.yaml": """\
clinic:
  name: Test Clinic
  phone: "555-0100"
messages:
  welcome: Welcome to {name}.
  disclaimer: Not medical advice.
  no_answer: Sorry, call {phone}.
  crisis: Call 988 or 911.
""",
    "phrasings.yaml": """\
phrasings:
  what-is-ketamine:
    alternates:
      - what is special k
      - ketamine medicine
  how-fast:
    alternates:
      - how quickly will i feel better
""",
    "settings.yaml": """\
synonyms:
  ketamine: [special k]
""",
}


def errors(path: Path) -> list[knowledge.Problem]:
    return [problem for problem in knowledge.check(path) if not problem.warning]


def only_error(path: Path) -> knowledge.Problem:
    found = errors(path)
    assert len(found) == 1, found
    return found[0]


def test_valid_file_has_no_problems(write_kb: WriteKb) -> None:
    assert knowledge.check(write_kb()) == []


def test_valid_file_loads_into_entries(write_kb: WriteKb) -> None:
    kb = knowledge.load(write_kb())
    assert [entry.id for entry in kb.entries] == ["what-is-ketamine", "how-fast"]
    assert kb.entry("how-fast").alternates == ("how quickly will i feel better",)
    assert kb.render(kb.messages.no_answer) == "Sorry, call 555-0100."


def test_yaml_syntax_error_is_reported_with_its_line(write_kb: WriteKb) -> None:
    path = write_kb(VALID_KB.replace("question: What is ketamine?", "question: [unclosed"))
    problem = only_error(path)
    assert problem.message.startswith("YAML syntax")
    assert problem.line in (15, 16)


def test_missing_field_is_reported_at_its_entry(write_kb: WriteKb) -> None:
    path = write_kb(VALID_KB.replace("    question: How fast does it work?\n", ""))
    problem = only_error(path)
    assert problem.line == 21
    assert "missing 'question'" in problem.message


def test_unknown_field_is_reported_at_its_key(write_kb: WriteKb) -> None:
    path = write_kb(VALID_KB + "    answr: typo\n")
    problem = only_error(path)
    assert problem.line == 26
    assert "unknown field 'answr'" in problem.message


def test_duplicate_id_names_the_first_use(write_kb: WriteKb) -> None:
    path = write_kb(
        VALID_KB.replace("id: how-fast", "id: what-is-ketamine").replace(
            "related: [how-fast]", "related: []"
        )
    )
    problem = only_error(path)
    assert problem.line == 21
    assert "already used on line 14" in problem.message


def test_same_alternate_on_two_entries_is_an_error(write_kb: WriteKb) -> None:
    path = write_kb(
        VALID_KB.replace(
            "      - how quickly will i feel better\n",
            "      - how quickly will i feel better\n      - ketamine medicine\n",
        )
    )
    problem = only_error(path)
    assert problem.line == 25
    assert "also on" not in problem.message
    assert "reads the same as 'ketamine medicine' on 'what-is-ketamine' (line 18)" in (
        problem.message
    )


def test_alternate_equal_to_another_entry_once_stopwords_and_synonyms_go(
    write_kb: WriteKb,
) -> None:
    path = write_kb(
        VALID_KB.replace(
            "      - how quickly will i feel better\n",
            "      - how quickly will i feel better\n      - what is the special k please\n",
        )
    )
    problem = only_error(path)
    assert problem.line == 25
    assert "reads the same as 'What is ketamine?'" in problem.message


def test_alternate_of_only_common_words_is_an_error(write_kb: WriteKb) -> None:
    path = write_kb(VALID_KB.replace("      - ketamine medicine\n", "      - what is it\n"))
    problem = only_error(path)
    assert problem.line == 18
    assert "only common words" in problem.message


def test_related_id_that_does_not_exist(write_kb: WriteKb) -> None:
    path = write_kb(VALID_KB.replace("related: [how-fast]", "related: [how-slow]"))
    problem = only_error(path)
    assert problem.line == 20
    assert "related id 'how-slow' does not exist" in problem.message


def test_answer_not_in_the_article(write_kb: WriteKb) -> None:
    path = write_kb(VALID_KB.replace("It is given by a doctor.", "It is safe for everyone."))
    problem = only_error(path)
    assert problem.line == 19
    assert "not found word for word" in problem.message


def test_answer_may_differ_from_the_article_in_whitespace_and_quote_style(
    write_kb: WriteKb,
) -> None:
    article = ARTICLE.replace("a medicine used for sedation", "a “medicine”\n   used for sedation")
    path = write_kb(
        VALID_KB.replace("a medicine used", 'a "medicine" used').replace(
            "answer: Ketamine is", "answer: >-\n      Ketamine is"
        ),
        article=article,
    )
    assert errors(path) == []


@pytest.mark.parametrize("bad_id", ["What_Is", "émoji", "has space"])
def test_id_outside_a_z_0_9_and_dash(write_kb: WriteKb, bad_id: str) -> None:
    path = write_kb(VALID_KB.replace("id: what-is-ketamine", f"id: '{bad_id}'"))
    problem = only_error(path)
    assert problem.line == 14
    assert "may use only a-z, 0-9 and '-'" in problem.message


def test_id_over_40_bytes(write_kb: WriteKb) -> None:
    long_id = "a" * 41
    path = write_kb(VALID_KB.replace("id: what-is-ketamine", f"id: {long_id}"))
    problem = only_error(path)
    assert problem.line == 14
    assert "over 40 bytes" in problem.message


def test_key_given_twice(write_kb: WriteKb) -> None:
    path = write_kb(VALID_KB.replace('  phone: "555-0100"\n', '  phone: "555-0100"\n  name: B\n'))
    problem = only_error(path)
    assert problem.line == 6
    assert "'name' is given twice" in problem.message


def test_unknown_placeholder_in_a_message(write_kb: WriteKb) -> None:
    path = write_kb(VALID_KB.replace("Sorry, call {phone}.", "Sorry, call {phon}."))
    problem = only_error(path)
    assert problem.line == 9
    assert "unknown placeholder {phon}" in problem.message


def test_threshold_out_of_range(write_kb: WriteKb) -> None:
    path = write_kb(VALID_KB + "matching:\n  answer_threshold: 140\n")
    problem = only_error(path)
    assert problem.line == 27
    assert "answer_threshold" in problem.message


def test_every_problem_is_reported_not_just_the_first(write_kb: WriteKb) -> None:
    path = write_kb(
        VALID_KB.replace("related: [how-fast]", "related: [nope]").replace(
            "It is given by a doctor.", "It cures everything."
        )
    )
    assert [problem.line for problem in errors(path)] == [19, 20]


def test_article_sentence_no_answer_covers_is_a_warning(write_kb: WriteKb) -> None:
    path = write_kb(article=ARTICLE + "\nIt has been used since 1970.\n")
    problems = knowledge.check(path)
    assert [p.warning for p in problems] == [True]
    assert "It has been used since 1970." in problems[0].message
    knowledge.load(path)


def test_placeholder_clinic_details_are_a_warning(write_kb: WriteKb) -> None:
    path = write_kb(VALID_KB.replace('"555-0100"', '"[CLINIC PHONE]"'))
    problems = knowledge.check(path)
    assert [(p.line, p.warning) for p in problems] == [(5, True)]


def test_load_raises_one_error_naming_every_problem(write_kb: WriteKb) -> None:
    path = write_kb(
        VALID_KB.replace("related: [how-fast]", "related: [nope]").replace(
            "id: how-fast", "id: How-Fast"
        )
    )
    with pytest.raises(knowledge.KnowledgeBaseError) as raised:
        knowledge.load(path)
    assert len(raised.value.problems) == 2
    assert "line 20" in str(raised.value) and "line 21" in str(raised.value)


def test_yaml_tags_that_run_code_are_refused(write_kb: WriteKb, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    path = write_kb(
        VALID_KB.replace(
            "name: Test Clinic", f"name: !!python/object/apply:os.system ['touch {marker}']"
        )
    )
    problem = only_error(path)
    assert problem.message.startswith("YAML syntax")
    assert not marker.exists()


def test_missing_source_article(write_kb: WriteKb) -> None:
    path = write_kb(VALID_KB.replace("source: article.txt", "source: missing.txt"))
    problem = only_error(path)
    assert problem.line == 2
    assert "cannot be read" in problem.message


def test_file_that_is_not_a_mapping(write_kb: WriteKb) -> None:
    problem = only_error(write_kb("- just\n- a list\n"))
    assert "must be a mapping" in problem.message


def test_shipped_knowledge_base_has_no_errors() -> None:
    assert errors(knowledge.DEFAULT_PATH) == []


def test_shipped_entries_each_have_at_least_twelve_alternates(
    kb: knowledge.KnowledgeBase,
) -> None:
    assert all(len(entry.alternates) >= 12 for entry in kb.entries)


def test_shipped_answers_cover_every_sentence_of_the_article(
    kb: knowledge.KnowledgeBase,
) -> None:
    assert not [
        p for p in knowledge.check(knowledge.DEFAULT_PATH) if "no answer covers" in p.message
    ]


def test_shipped_knowledge_base_keeps_its_article_beside_it(
    kb: knowledge.KnowledgeBase,
) -> None:
    assert (knowledge.DEFAULT_PATH / "ketamine-ocd-article.txt").is_file()
    assert "ketamine" in kb.source_text


# Loading limits: no file can freeze or exhaust whatever loads it.


def bomb(levels: int = 9) -> str:
    """A billion-laughs document: each level a list of nine aliases of the one before."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_an_alias_is_refused_with_its_line(write_kb: WriteKb) -> None:
    path = write_kb(
        VALID_KB.replace("  ketamine: [special k]", "  ketamine: &k [special k]\n  k: *k")
    )
    problem = only_error(path)
    assert "aliases" in problem.message and "anchor is on line 12" in problem.message
    assert problem.line == 13


def test_an_alias_bomb_is_refused_at_once(write_kb: WriteKb) -> None:
    path = write_kb(VALID_KB + bomb())
    started = time.perf_counter()
    with pytest.raises(knowledge.KnowledgeBaseError) as raised:
        knowledge.load(path)
    assert time.perf_counter() - started < 1
    [problem] = raised.value.problems
    assert "aliases" in problem.message


@pytest.mark.parametrize(
    "deep",
    [
        "entries: " + "[" * 999 + "]" * 999 + "\n",
        "".join(" " * i + f"k{i}:\n" for i in range(999)) + " " * 999 + "x\n",
        "entries: " + "[" * 5000 + "]" * 5000 + "\n",
    ],
    ids=["999-deep-flow", "999-deep-block", "5000-deep"],
)
def test_a_deep_file_is_refused_not_a_recursion_error(write_kb: WriteKb, deep: str) -> None:
    path = write_kb("source: article.txt\n" + deep)
    problem = only_error(path)
    assert "deeper than" in problem.message or "nesting depth" in problem.message


def test_a_file_over_the_size_limit_is_refused_unread(write_kb: WriteKb) -> None:
    path = write_kb(VALID_KB + "#" * knowledge.MAX_FILE_BYTES + "\n")
    problem = only_error(path)
    assert "over 2,048 KB" in problem.message


def test_an_article_over_its_limit_is_refused(write_kb: WriteKb) -> None:
    path = write_kb(article=ARTICLE + "x" * knowledge.MAX_ARTICLE_BYTES)
    problem = only_error(path)
    assert problem.line == 2 and "source article" in problem.message
    assert "over 512 KB" in problem.message


def test_a_file_of_a_million_tiny_values_is_refused_before_it_is_built(
    write_kb: WriteKb,
) -> None:
    path = write_kb("[" + ",".join(["1"] * 1_000_000) + "]\n")
    started = time.perf_counter()
    problem = only_error(path)
    assert time.perf_counter() - started < 3  # building it took 6 s and 500 MB
    assert "200,000 values" in problem.message


def test_the_built_knowledge_base_holds_the_article_it_was_checked_against(
    write_kb: WriteKb,
) -> None:
    path = write_kb()
    data, problems, article = knowledge._read(knowledge.layout(path))
    assert data is not None and not problems and article
    # Replaced between the check and the build, as a save in progress would.
    (path.parent / "article.txt").write_text("x" * (knowledge.MAX_ARTICLE_BYTES + 1))
    built = knowledge._build(knowledge.layout(path), data, article)
    assert built.source_text == article


def test_load_isolated_gives_the_same_knowledge_base(write_kb: WriteKb) -> None:
    path = write_kb()
    assert knowledge.load_isolated(path) == knowledge.load(path)


def test_load_isolated_reports_the_files_problems(write_kb: WriteKb) -> None:
    with pytest.raises(knowledge.KnowledgeBaseError) as raised:
        knowledge.load_isolated(write_kb(VALID_KB + bomb()))
    assert "aliases" in raised.value.problems[0].message


def test_load_isolated_stops_at_its_time_limit(write_kb: WriteKb) -> None:
    with pytest.raises(knowledge.KnowledgeBaseError) as raised:
        knowledge.load_isolated(write_kb(), seconds=0.001)
    assert "the limit" in raised.value.problems[0].message


def test_load_isolated_stops_at_its_memory_limit(write_kb: WriteKb) -> None:
    with pytest.raises(knowledge.KnowledgeBaseError) as raised:
        knowledge.load_isolated(write_kb(), memory_bytes=8 * 1024 * 1024)
    assert raised.value.problems[0].line == 0


def test_a_file_dropping_over_a_third_of_the_declined_topics_is_held(
    kb: knowledge.KnowledgeBase,
) -> None:
    half = dataclasses.replace(kb, unanswered=kb.unanswered[: len(kb.unanswered) // 2])
    assert knowledge.shrinkage(kb, half) == (
        f"{len(half.unanswered)} declined topics where the bot serves {len(kb.unanswered)}"
    )
    third = len(kb.unanswered) - len(kb.unanswered) // 3
    assert (
        knowledge.shrinkage(kb, dataclasses.replace(kb, unanswered=kb.unanswered[:third])) is None
    )


def test_a_file_dropping_over_a_third_of_the_entries_is_held(
    kb: knowledge.KnowledgeBase,
) -> None:
    fewer = dataclasses.replace(kb, entries=kb.entries[:5])
    assert "5 entries where the bot serves 16" in (knowledge.shrinkage(kb, fewer) or "")
    assert knowledge.shrinkage(kb, kb) is None


# The folder layout: entries, clinic, phrasings and settings in files of their own.


@pytest.fixture
def write_folder(tmp_path: Path) -> WriteFolder:
    """Write the FOLDER knowledge base, a file replaced where given; return the folder."""

    def write(**replaced: str) -> Path:
        folder = tmp_path / "kb"
        folder.mkdir(exist_ok=True)
        (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
        for name, content in FOLDER.items():
            content = replaced.get(name.removesuffix(".yaml"), content)
            (folder / name).write_text(content, encoding="utf-8")
        return folder

    return write


def located(problems: list[knowledge.Problem]) -> list[tuple[str, int]]:
    return [(problem.file.name if problem.file else "", problem.line) for problem in problems]


def test_the_shipped_folder_loads_as_the_same_content_in_one_file(
    tmp_path: Path, kb: knowledge.KnowledgeBase
) -> None:
    # The two layouts are two spellings of one knowledge base: the folder's content,
    # written as one file, loads entry for entry the same.
    merged = knowledge.contents(knowledge.DEFAULT_PATH)
    assert merged is not None
    (tmp_path / "kb.yaml").write_text(
        yaml.safe_dump(merged, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    shutil.copy(knowledge.DEFAULT_PATH / kb.source_name, tmp_path)
    single = knowledge.load(tmp_path / "kb.yaml")
    assert [entry.id for entry in kb.entries] == [entry.id for entry in single.entries]
    for entry, before in zip(kb.entries, single.entries, strict=True):
        assert entry == before  # question, answer, alternates, keywords, related, source
    assert kb.unanswered == single.unanswered
    assert (kb.matching, kb.synonyms) == (single.matching, single.synonyms)
    assert (kb.clinic, kb.messages) == (single.clinic, single.messages)
    assert (kb.source_name, kb.source_text) == (single.source_name, single.source_text)


def test_a_single_file_knowledge_base_still_checks_clean(tmp_path: Path) -> None:
    shutil.copy(SINGLE_FILE, tmp_path / "kb.yaml")
    shutil.copy(knowledge.DEFAULT_PATH / "ketamine-ocd-article.txt", tmp_path)
    assert errors(tmp_path / "kb.yaml") == []


def test_folder_has_no_problems_and_loads_like_the_single_file(
    write_folder: WriteFolder, write_kb: WriteKb
) -> None:
    folder = write_folder()
    assert knowledge.check(folder) == []
    kb, single = knowledge.load(folder), knowledge.load(write_kb())
    assert kb.entries == single.entries and kb.synonyms == single.synonyms
    assert kb.path == folder


def test_folder_loads_from_its_entries_file_too(write_folder: WriteFolder) -> None:
    folder = write_folder()
    assert knowledge.load(folder / "entries.yaml") == knowledge.load(folder)


def test_paths_are_every_file_read_the_article_last(write_folder: WriteFolder) -> None:
    folder = write_folder()
    names = ["entries.yaml", "clinic.yaml", "phrasings.yaml", "settings.yaml", "article.txt"]
    assert knowledge.load(folder).paths == tuple(folder / name for name in names)


@pytest.mark.parametrize("name", ["phrasings.yaml", "settings.yaml", "article.txt"])
def test_digest_changes_when_any_file_changes(write_folder: WriteFolder, name: str) -> None:
    kb = knowledge.load(write_folder())
    before = kb.digest()
    with (kb.path / name).open("a", encoding="utf-8") as file:
        file.write("\n# edited\n")
    assert kb.digest() != before


def test_digest_is_of_the_files_contents(write_kb: WriteKb) -> None:
    kb = knowledge.load(write_kb())
    combined = hashlib.sha256(b"".join(hashlib.sha256(p.read_bytes()).digest() for p in kb.paths))
    assert kb.digest() == combined.hexdigest()[:16]


def test_alternate_for_an_unknown_id_is_reported_in_phrasings_yaml(
    write_folder: WriteFolder,
) -> None:
    folder = write_folder(phrasings=FOLDER["phrasings.yaml"].replace("how-fast:", "how-slow:"))
    found = errors(folder)
    assert located(found) == [("phrasings.yaml", 6)]
    assert "phrasings for 'how-slow', but no entry in entries.yaml has that id" in (
        found[0].message
    )


@pytest.mark.parametrize(
    ("name", "old", "new", "line", "says"),
    [
        ("entries", "related: [how-fast]", "related: [nope]", 7, "related id 'nope'"),
        ("clinic", "Sorry, call {phone}.", "Sorry, call {phon}.", 7, "unknown placeholder"),
        ("phrasings", "ketamine medicine", "what is it", 5, "only common words"),
        ("settings", "synonyms:", "matching:\n  margin: 140\nsynonyms:", 2, "margin"),
    ],
)
def test_each_problem_is_reported_with_its_own_file_and_line(
    write_folder: WriteFolder, name: str, old: str, new: str, line: int, says: str
) -> None:
    content = FOLDER[f"{name}.yaml"]
    problem = only_error(write_folder(**{name: content.replace(old, new)}))
    assert located([problem]) == [(f"{name}.yaml", line)] and says in problem.message
    assert problem.located(Path("kb")).startswith(f"{problem.file}:line {line}: error: ")


def test_a_phrasing_like_another_files_question_names_that_file(
    write_folder: WriteFolder,
) -> None:
    phrasings = FOLDER["phrasings.yaml"] + "      - what is the special k please\n"
    problem = only_error(write_folder(phrasings=phrasings))
    assert located([problem]) == [("phrasings.yaml", 9)]
    assert "reads the same as 'What is ketamine?' on 'what-is-ketamine' (entries.yaml line 5)" in (
        problem.message
    )


def test_alternates_written_in_entries_yaml_are_sent_to_phrasings_yaml(
    write_folder: WriteFolder,
) -> None:
    entries = FOLDER["entries.yaml"].replace(
        "    related: [how-fast]\n", "    related: [how-fast]\n    alternates: [ketamine drug]\n"
    )
    problem = only_error(write_folder(entries=entries))
    assert located([problem]) == [("entries.yaml", 8)]
    assert "'alternates' go in phrasings.yaml" in problem.message


def test_a_field_in_the_wrong_file_says_where_it_belongs(write_folder: WriteFolder) -> None:
    problem = only_error(write_folder(entries=FOLDER["entries.yaml"] + "synonyms: {}\n"))
    assert located([problem]) == [("entries.yaml", 11)]
    assert "unknown field 'synonyms': it belongs in settings.yaml" in problem.message


def test_a_missing_file_of_the_folder_is_named(write_folder: WriteFolder) -> None:
    folder = write_folder()
    (folder / "settings.yaml").unlink()
    problem = only_error(folder)
    assert problem.file == folder / "settings.yaml"
    assert "the folder has no settings.yaml" in problem.message


@pytest.mark.parametrize("name", ["entries", "clinic", "phrasings", "settings"])
@pytest.mark.parametrize(
    "content",
    [
        "key: [unclosed\n",
        "- a list\n",
        "",
        "just text\n",
        "entries: 7\nclinic: [1]\nmessages: text\nphrasings: [x]\nmatching: {margin: x}\n",
        "phrasings: {what-is-ketamine: [a], how-fast: {alternates: 3, keywords: {a: b}}}\n",
        "entries: [7, {id: [x]}, {id: how-fast, alternates: {}}]\nsource: 3\n",
        "unanswered: [{topic: x, alternates: [what is special k]}]\n",
        bomb(),
        "k: " + "[" * 50 + "]" * 50 + "\n",
    ],
    ids=[
        "syntax",
        "list",
        "empty",
        "scalar",
        "wrong-types",
        "bad-phrasings",
        "bad-entries",
        "clash",
        "alias-bomb",
        "deep",
    ],
)
def test_any_content_in_any_file_is_reported_never_a_crash(
    write_folder: WriteFolder, name: str, content: str
) -> None:
    folder = write_folder(**{name: content})
    found = errors(folder)
    assert found and all(problem.file == folder / f"{name}.yaml" for problem in found[:1])
    assert all(problem.file is not None and problem.file.parent == folder for problem in found)
    with pytest.raises(knowledge.KnowledgeBaseError):
        knowledge.load(folder)


def test_check_reads_the_changed_text_in_place_of_the_file(write_folder: WriteFolder) -> None:
    folder = write_folder()
    changed = FOLDER["phrasings.yaml"].replace("how-fast:", "how-slow:")
    changes = {folder / "phrasings.yaml": changed}
    [problem] = [p for p in knowledge.check(folder, changes=changes) if not p.warning]
    assert "how-slow" in problem.message
    assert knowledge.check(folder) == []


def test_layout_names_the_file_holding_each_field(write_folder: WriteFolder) -> None:
    folder = write_folder()
    where = knowledge.layout(folder / "entries.yaml")
    assert where.path == folder and where.folder
    assert where.file_of("alternates") == folder / "phrasings.yaml"
    assert where.file_of("messages") == folder / "clinic.yaml"
    assert knowledge.layout(folder / "old.yaml").file_of("alternates") == folder / "old.yaml"


def test_load_isolated_loads_a_folder(write_folder: WriteFolder) -> None:
    folder = write_folder()
    assert knowledge.load_isolated(folder) == knowledge.load(folder)
