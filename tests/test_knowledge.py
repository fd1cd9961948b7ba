"""`faqbot check` and loading: every problem in the file, each with its line number."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from faq import knowledge
from tests.conftest import ARTICLE, VALID_KB

WriteKb = Callable[..., Path]


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
    assert (knowledge.DEFAULT_PATH.parent / "ketamine-ocd-article.txt").is_file()
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


def test_the_article_is_read_within_its_limit_when_building(write_kb: WriteKb) -> None:
    path = write_kb()
    data, problems = knowledge._read(path)
    assert data is not None and not problems
    # Replaced between the check and the build, as a save in progress would.
    (path.parent / "article.txt").write_text("x" * (knowledge.MAX_ARTICLE_BYTES + 1))
    with pytest.raises(knowledge.FileTooLarge):
        knowledge._build(path, data)


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
