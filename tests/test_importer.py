"""`faqbot import`: a draft knowledge base from a new article that `faqbot check` accepts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from faq import importer, knowledge

MARKDOWN = """\
# What is ketamine therapy?

Ketamine is a medicine used for anaesthesia. Doctors call it a “dissociative”
anaesthetic & a fast one.

It has been used safely in hospitals for decades.

## How quickly does it work?

Many patients feel better within hours of a *single* infusion. Some need a
[few sessions](https://example.org/sessions).

Side Effects
------------

Some patients feel dizzy or ‘floaty’ for an hour or two. These effects pass quickly.

- Nausea is rare.
- Blood pressure rises a little & settles.

### Is it addictive?

When it is given by a doctor in a clinic, the risk of addiction is low.

## Can I drive home afterwards?

No. Please ask someone to drive you home & stay with you that evening.
"""

HTML = """\
<!DOCTYPE html>
<html>
<head>
<title>Ketamine guide</title>
<style>p { color: red; }</style>
<script>var hidden = "What is in the script?";</script>
</head>
<body>
<nav><a href="/">Home</a> <a href="/book">Navigation link text</a></nav>
<h1>What is ketamine therapy?</h1>
<p>Ketamine is a medicine used for anaesthesia. Doctors call it a
&ldquo;dissociative&rdquo; anaesthetic &amp; a fast one.</p>
<h2>How quickly does it work?</h2>
<p>Many patients feel <strong>better</strong> within hours of a single infusion.</p>
<h2>Side effects</h2>
<ul>
<li>Some patients feel dizzy for an hour or two.</li>
<li>Nausea is rare &amp; passes quickly.</li>
</ul>
<h2>Is it addictive?</h2>
<p>When it is given by a doctor in a clinic, the risk of addiction is low.</p>
<footer>Copyright footer text. All rights reserved.</footer>
</body>
</html>
"""

TEXT = """\
Ketamine for OCD: a patient guide

What is ketamine therapy?

Ketamine is a medicine used for anaesthesia. Doctors call it a “dissociative”
anaesthetic & a fast one.

How quickly does it work?

Many patients feel better within hours of a single infusion. Some need a few sessions.

Side effects

Some patients feel dizzy or ‘floaty’ for an hour or two. These effects pass quickly.

Is it addictive?

When it is given by a doctor in a clinic, the risk of addiction is low.
"""

ARTICLES = {"md": MARKDOWN, "html": HTML, "txt": TEXT}


def import_article(folder: Path, content: str, suffix: str) -> tuple[Path, list]:
    """Write an article, import it into a folder beside it; return the draft's folder
    and its problems."""
    article = folder / f"guide.{suffix}"
    article.write_text(content, encoding="utf-8")
    output = folder / "guide"
    return output, importer.write_draft(article, output)


def errors(problems: list[knowledge.Problem]) -> list[knowledge.Problem]:
    return [problem for problem in problems if not problem.warning]


def read(folder: Path, name: str) -> str:
    return (folder / f"{name}.yaml").read_text(encoding="utf-8")


def entries(folder: Path) -> list[dict]:
    return yaml.safe_load(read(folder, "entries"))["entries"]


def drafted(folder: Path) -> str:
    """Every file of the draft, one after the other."""
    return "".join(read(folder, name.removesuffix(".yaml")) for name in knowledge.FOLDER_FILES)


@pytest.mark.parametrize("suffix", ["md", "html", "txt"])
def test_draft_passes_check_with_no_errors(tmp_path: Path, suffix: str) -> None:
    output, problems = import_article(tmp_path, ARTICLES[suffix], suffix)
    assert errors(problems) == []
    assert errors(knowledge.check(output)) == []
    knowledge.load(output)  # the bot could start on it


def test_markdown_draft_round_trips_its_questions(tmp_path: Path) -> None:
    output, _ = import_article(tmp_path, MARKDOWN, "md")
    assert [entry.question for entry in knowledge.load(output).entries] == [
        "What is ketamine therapy?",
        "How quickly does it work?",
        "What about Side Effects?",
        "Is it addictive?",
        "Can I drive home afterwards?",
    ]


def test_markdown_answers_are_the_rendered_paragraphs(tmp_path: Path) -> None:
    output, _ = import_article(tmp_path, MARKDOWN, "md")
    kb = knowledge.load(output)
    assert kb.entry("what-is-ketamine-therapy").answer == (
        "Ketamine is a medicine used for anaesthesia. Doctors call it a “dissociative” "
        "anaesthetic & a fast one.\nIt has been used safely in hospitals for decades."
    )
    assert kb.entry("how-quickly-does-it-work").answer == (
        "Many patients feel better within hours of a single infusion. Some need a few sessions."
    )


@pytest.mark.parametrize("suffix", ["md", "html"])
def test_markup_article_gets_a_plain_text_source_beside_the_draft(
    tmp_path: Path, suffix: str
) -> None:
    output, _ = import_article(tmp_path, ARTICLES[suffix], suffix)
    source = output / knowledge.load(output).source_name
    assert source.name == "guide.txt"
    assert source.is_file()
    rendered = source.read_text(encoding="utf-8")
    assert rendered.startswith("What is ketamine therapy?\n\nKetamine is a medicine")
    for markup in ("#", "<", "&amp;", "&ldquo;", "*single*", "](", "----"):
        assert markup not in rendered


def test_text_article_in_the_folder_is_its_own_source(tmp_path: Path) -> None:
    article = tmp_path / "guide.txt"
    article.write_text(TEXT, encoding="utf-8")
    assert errors(importer.write_draft(article, tmp_path)) == []
    assert knowledge.load(tmp_path).source_name == "guide.txt"
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "clinic.yaml",
        "entries.yaml",
        "guide.txt",
        "phrasings.yaml",
        "settings.yaml",
    ]


def test_draft_is_a_folder_of_the_four_files_and_the_article(tmp_path: Path) -> None:
    output, problems = import_article(tmp_path, MARKDOWN, "md")
    assert sorted(path.name for path in output.iterdir()) == [
        "clinic.yaml",
        "entries.yaml",
        "guide.txt",
        "phrasings.yaml",
        "settings.yaml",
    ]
    assert {problem.file.name for problem in problems if problem.file} <= {
        "entries.yaml",
        "clinic.yaml",
        "phrasings.yaml",
    }


def test_draft_goes_into_the_folder_of_an_entries_yaml_output(tmp_path: Path) -> None:
    article = tmp_path / "guide.md"
    article.write_text(MARKDOWN, encoding="utf-8")
    assert errors(importer.write_draft(article, tmp_path / "kb" / "entries.yaml")) == []
    assert len(knowledge.load(tmp_path / "kb").entries) == 5


def test_draft_will_not_overwrite_a_knowledge_base(tmp_path: Path) -> None:
    output, _ = import_article(tmp_path, MARKDOWN, "md")
    before = read(output, "phrasings")
    with pytest.raises(FileExistsError, match=r"entries\.yaml exists"):
        importer.write_draft(tmp_path / "guide.md", output)
    assert read(output, "phrasings") == before


def test_draft_refuses_an_output_named_like_a_yaml_file(tmp_path: Path) -> None:
    article = tmp_path / "guide.md"
    article.write_text(MARKDOWN, encoding="utf-8")
    with pytest.raises(ValueError, match="the draft is a folder"):
        importer.write_draft(article, tmp_path / "draft.yaml")
    assert sorted(tmp_path.iterdir()) == [article]


def test_text_article_elsewhere_is_copied_verbatim_beside_the_draft(tmp_path: Path) -> None:
    article = tmp_path / "inbox" / "new article.txt"
    article.parent.mkdir()
    article.write_bytes(TEXT.replace("\n", "\r\n").encode("utf-8"))
    output = tmp_path / "kb"
    assert errors(importer.write_draft(article, output)) == []
    source = output / knowledge.load(output).source_name
    assert source.name == "new article.txt"
    assert source.read_bytes() == article.read_bytes()


def test_write_draft_will_not_overwrite_another_file_of_the_source_name(tmp_path: Path) -> None:
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "guide.txt").write_text("Someone else's notes.\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        import_article(tmp_path, MARKDOWN, "md")
    assert (tmp_path / "guide" / "guide.txt").read_text(encoding="utf-8") == (
        "Someone else's notes.\n"
    )
    assert sorted(path.name for path in (tmp_path / "guide").iterdir()) == ["guide.txt"]


@pytest.mark.parametrize("suffix", ["md", "html", "txt"])
def test_every_paragraph_of_the_article_is_in_some_answer(tmp_path: Path, suffix: str) -> None:
    _, problems = import_article(tmp_path, ARTICLES[suffix], suffix)
    assert [p for p in problems if "no answer covers" in p.message] == []


@pytest.mark.parametrize("suffix", ["md", "html", "txt"])
def test_every_paragraph_appears_verbatim_in_the_answers(tmp_path: Path, suffix: str) -> None:
    output, _ = import_article(tmp_path, ARTICLES[suffix], suffix)
    answers = " ".join(entry.answer for entry in knowledge.load(output).entries).split()
    joined = " ".join(answers)
    for sentence in (
        "Doctors call it a “dissociative” anaesthetic & a fast one.",
        "When it is given by a doctor in a clinic, the risk of addiction is low.",
    ):
        assert sentence in joined


def test_html_leaves_out_scripts_styles_navigation_and_footer(tmp_path: Path) -> None:
    output, _ = import_article(tmp_path, HTML, "html")
    draft = drafted(output)
    source = (output / "guide.txt").read_text(encoding="utf-8")
    for hidden in ("What is in the script", "color: red", "Navigation link", "Copyright footer"):
        assert hidden not in draft
        assert hidden not in source


def test_html_list_items_are_paragraphs_of_their_section(tmp_path: Path) -> None:
    output, _ = import_article(tmp_path, HTML, "html")
    entry = knowledge.load(output).entry("side-effects")
    assert entry.answer == (
        "- Some patients feel dizzy for an hour or two.\n- Nausea is rare & passes quickly."
    )


def test_text_article_title_line_is_not_an_entry(tmp_path: Path) -> None:
    output, _ = import_article(tmp_path, TEXT, "txt")
    questions = [entry.question for entry in knowledge.load(output).entries]
    assert questions == [
        "What is ketamine therapy?",
        "How quickly does it work?",
        "What about Side effects?",
        "Is it addictive?",
    ]


def test_text_paragraphs_before_the_first_heading_belong_to_the_title(tmp_path: Path) -> None:
    article = "Is Ketamine Right for Me\nIt may help when other treatments have not.\n"
    output, problems = import_article(tmp_path, article, "txt")
    assert errors(problems) == []
    [entry] = knowledge.load(output).entries
    assert entry.question == "Is Ketamine Right for Me"
    assert entry.answer == "It may help when other treatments have not."


def test_markdown_text_before_any_heading_gets_an_entry(tmp_path: Path) -> None:
    article = "Our clinic offers infusions every weekday.\n\n## Is it safe?\n\nYes, it is.\n"
    output, problems = import_article(tmp_path, article, "md")
    assert errors(problems) == []
    first = knowledge.load(output).entries[0]
    assert first.answer == "Our clinic offers infusions every weekday."
    assert importer.TODO_QUESTION in read(output, "entries")


def test_ids_are_unique_valid_and_short_for_long_and_duplicate_headings(tmp_path: Path) -> None:
    long = "What should I know about " + "very " * 20 + "long infusion sessions?"
    article = "".join(
        f"## {heading}\n\nParagraph number {n} under this heading.\n\n"
        for n, heading in enumerate([long, long, long, "Overview", "Overview", "???", "!!!"])
    )
    output, problems = import_article(tmp_path, article, "md")
    assert errors(problems) == []
    ids = [entry["id"] for entry in entries(output)]
    assert len(set(ids)) == len(ids) == 7
    for entry_id in ids:
        assert knowledge.ID_PATTERN.match(entry_id)
        assert len(entry_id.encode()) <= knowledge.MAX_ID_BYTES


def test_headings_that_read_the_same_get_questions_told_apart(tmp_path: Path) -> None:
    article = (
        "## Overview\n\nThe first overview paragraph.\n\n"
        "## Aftercare\n\n### Overview\n\nThe second overview paragraph.\n\n"
        "## What is it?\n\nIt is a medicine.\n\n"
    )
    output, problems = import_article(tmp_path, article, "md")
    assert errors(problems) == []  # no "reads the same as" and no "only common words"
    questions = [entry["question"] for entry in entries(output)]
    assert questions[0] == "What about Overview?"
    assert questions[1] == "What about Overview (Aftercare)?"
    assert questions[2].startswith("What is it (")
    assert read(output, "entries").count("words in brackets tell it apart") == 2


def test_every_entry_has_the_alternates_todo_above_empty_lists(tmp_path: Path) -> None:
    output, _ = import_article(tmp_path, MARKDOWN, "md")
    lines = read(output, "phrasings").splitlines()
    todo = "    # TODO: write at least 12 alternates: the ways patients really ask this"
    assert lines.count(todo) == 5
    ids = []
    for index, line in enumerate(lines):
        if line == todo:
            ids.append(lines[index - 1].strip().removesuffix(":"))
            assert lines[index + 1 : index + 3] == ["    alternates: []", "    keywords: []"]
    assert ids == [entry["id"] for entry in entries(output)]
    assert [entry["related"] for entry in entries(output)] == [[]] * 5


def test_non_question_heading_gets_an_entry_with_the_check_todo(tmp_path: Path) -> None:
    output, _ = import_article(tmp_path, MARKDOWN, "md")
    lines = read(output, "entries").splitlines()
    index = lines.index("    question: What about Side Effects?")
    assert lines[index - 1] == "    # TODO: check this question"
    assert lines.count("    # TODO: check this question") == 1  # question headings need none


@pytest.mark.parametrize(
    ("heading", "question"),
    [
        ("How Ketamine Works", True),
        ("Why choose us", True),
        ("Does it hurt", True),
        ("What's next", True),
        ("Ketamine, explained?", True),
        ("Side effects", False),
        ("Do's and don'ts", False),
        ("Our team", False),
    ],
)
def test_question_headings_are_recognised(heading: str, question: bool) -> None:
    assert importer.is_question(heading) is question


def test_draft_has_placeholders_and_the_real_files_settings(tmp_path: Path) -> None:
    output, problems = import_article(tmp_path, MARKDOWN, "md")
    data = {}
    for name in knowledge.FOLDER_FILES:
        data.update(yaml.safe_load(read(output, name.removesuffix(".yaml"))))
    assert data["clinic"] == {
        "name": "[CLINIC NAME]",
        "phone": "[CLINIC PHONE]",
        "booking_url": "[BOOKING LINK]",
        "hours": "[OPENING HOURS]",
    }
    real = knowledge.contents(knowledge.DEFAULT_PATH)
    assert real is not None
    assert data["matching"] == real["matching"]
    assert data["messages"]["crisis"] == real["messages"]["crisis"]
    assert "988" in data["messages"]["crisis"] and "911" in data["messages"]["crisis"]
    assert data["synonyms"] == {} and data["unanswered"] == [] and data["version"] == 1
    assert sum("placeholder" in p.message for p in problems) == 4


def test_header_says_it_is_a_draft_and_what_to_do_next(tmp_path: Path) -> None:
    output, _ = import_article(tmp_path, MARKDOWN, "md")
    header = read(output, "entries").split("version: 1")[0]
    assert header.startswith("# DRAFT")
    for step in ("alternates", "[BRACKETED]", "`faqbot check`"):
        assert step in header


def test_answers_are_wrapped_like_the_real_file(tmp_path: Path) -> None:
    output, _ = import_article(tmp_path, MARKDOWN, "md")
    text = drafted(output)
    assert "    answer: >-\n      Ketamine is a medicine" in text
    assert max(len(line) for line in text.splitlines()) <= 92


def test_yaml_special_characters_survive_the_draft(tmp_path: Path) -> None:
    article = (
        "## null\n\n- item: with a colon # and a hash.\n\n"
        "## Is it 100% safe: really? #1\n\n"
        "'Quoted' start, {braces} and a \\\\ backslash: \"all\" kept. Tab\there.\n\n"
        "## 2024\n\n@handle * star | pipe > angle.\n"
    )
    output, problems = import_article(tmp_path, article, "md")
    assert errors(problems) == []
    kb = knowledge.load(output)
    assert [entry.question for entry in kb.entries] == [
        "What about null?",
        "Is it 100% safe: really? #1",
        "What about 2024 (handle star pipe angle)?",
    ]
    assert kb.entries[0].answer == "- item: with a colon # and a hash."
    assert kb.entries[1].answer == (
        "'Quoted' start, {braces} and a \\ backslash: \"all\" kept. Tab here."
    )


def test_shipped_article_drafts_without_errors(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        (knowledge.DEFAULT_PATH / "ketamine-ocd-article.txt").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    problems = importer.write_draft(article, tmp_path / "draft")
    assert errors(problems) == []
    assert [p for p in problems if "no answer covers" in p.message] == []


def test_an_article_of_only_a_title_is_refused_not_drafted(tmp_path: Path) -> None:
    # Its draft would have no entries, which `faqbot check` rejects: refuse it up front.
    with pytest.raises(importer.ArticleError, match="has no paragraph to quote"):
        import_article(tmp_path, "# Only a title\n", "md")


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.txt", "text"),
        ("a.text", "text"),
        ("a.md", "markdown"),
        ("a.MARKDOWN", "markdown"),
        ("a.html", "html"),
        ("a.htm", "html"),
        ("a.rst", "text"),
        ("article", "text"),
    ],
)
def test_detect_format_reads_the_suffix(name: str, fmt: str) -> None:
    assert importer.detect_format(Path(name)) == fmt


def test_draft_refuses_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown article format"):
        importer.draft("text", "docx", "a.txt")


def test_importer_and_export_import_neither_telegram_nor_bot() -> None:
    code = (
        "import sys, faq.importer, faq.export; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('telegram', 'bot')))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("name", "content", "complaint"),
    [
        ("a.txt", b"", "is empty"),
        ("a.html", b"<html><body>  </body></html>", "no paragraph to quote"),
        ("a.txt", b"Only a title line\n", "(its first line is the title)"),
        ("a.pdf", b"%PDF-1.7 text-looking bytes", "is a .pdf file, not text"),
        ("a.rst", b"Title\n\nText\x00with a NUL.\n", "is not a text file"),
        ("a.md", b"# Title\n\nCaf\xe9\n", "is not UTF-8 text (byte 12)"),
    ],
)
def test_write_draft_refuses_before_writing_anything(
    tmp_path: Path, name: str, content: bytes, complaint: str
) -> None:
    article = tmp_path / name
    article.write_bytes(content)
    with pytest.raises(importer.ArticleError) as raised:
        importer.write_draft(article, tmp_path / "out" / "draft")
    assert str(raised.value).startswith(str(article)) and complaint in str(raised.value)
    assert "\n" not in str(raised.value)
    assert sorted(tmp_path.iterdir()) == [article]


def test_a_headingless_html_article_still_drafts(tmp_path: Path) -> None:
    article = tmp_path / "a.html"
    article.write_text("<p>Ketamine is given by infusion over forty minutes.</p>")
    problems = importer.write_draft(article, tmp_path / "a")
    assert not [problem for problem in problems if not problem.warning]
