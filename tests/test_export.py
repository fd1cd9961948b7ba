"""`faqbot export`: the printable FAQ sheet, in Markdown and in HTML."""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from faq import export, knowledge
from tests.conftest import ARTICLE, VALID_KB

WriteKb = Callable[..., Path]

SPECIAL_ARTICLE = """\
Special Characters

Doses < 1 mg/kg are used. Results & risks are <b>explained</b> below.

#1 reason patients choose us is speed.

* Starred lines are not a list.

1. Numbered lines are not a list either.
"""

SPECIAL_KB = """\
version: 1
source: article.txt
clinic:
  name: Smith & Jones <Clinic>
  phone: "555-0100"
  hours: "[OPENING HOURS]"
  booking_url: https://example.org/book?a=1&b=2
messages:
  welcome: Welcome to {name}.
  disclaimer: Not medical advice <really>.
  no_answer: Sorry, call {phone}.
  crisis: Call 988 or 911.
entries:
  - id: doses
    question: Are doses < 1 mg/kg used?
    alternates: [small doses]
    answer: >-
      Doses < 1 mg/kg are used. Results & risks are <b>explained</b> below.
  - id: reasons
    question: "#1 reason?"
    alternates: [why choose you]
    answer: |-
      #1 reason patients choose us is speed.
      * Starred lines are not a list.
      1. Numbered lines are not a list either.
"""


@pytest.fixture
def special(write_kb: WriteKb) -> knowledge.KnowledgeBase:
    """A knowledge base whose answers hold characters HTML and Markdown would misread."""
    return knowledge.load(write_kb(SPECIAL_KB, SPECIAL_ARTICLE))


def markdown_text(markdown: str) -> str:
    """What a Markdown reader shows of the text: backslash escapes read, spaces folded."""
    return " ".join(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).split())


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.chunks: list[str] = []
        self.skip = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        self.skip = tag in ("style", "title")

    def handle_endtag(self, tag: str) -> None:
        self.skip = False

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.chunks.append(data)


def html_text(page: str) -> tuple[str, list[str]]:
    """The text a browser shows (whitespace folded) and every tag the page opens."""
    parser = _Text()
    parser.feed(page)
    return " ".join(" ".join(parser.chunks).split()), parser.tags


def assert_every_entry_in_order(shown: str, kb: knowledge.KnowledgeBase) -> None:
    """Every question and answer paragraph appears in the sheet, in the file's order."""
    position = 0
    for entry in kb.entries:
        for part in (entry.question, *entry.answer.split("\n")):
            found = shown.find(" ".join(part.split()), position)
            assert found >= 0, part
            position = found


def test_markdown_sheet_has_every_question_and_answer_in_order(
    kb: knowledge.KnowledgeBase,
) -> None:
    assert_every_entry_in_order(markdown_text(export.export(kb, "md")), kb)


def test_markdown_sheet_has_a_heading_per_question(kb: knowledge.KnowledgeBase) -> None:
    headings = [line for line in export.export(kb, "md").splitlines() if line.startswith("## ")]
    assert [markdown_text(line[3:]) for line in headings] == [e.question for e in kb.entries]


def test_html_sheet_has_every_question_and_answer_in_order(kb: knowledge.KnowledgeBase) -> None:
    shown, _ = html_text(export.export(kb, "html"))
    assert_every_entry_in_order(shown, kb)


def test_html_sheet_escapes_every_text(kb: knowledge.KnowledgeBase) -> None:
    page = export.export(kb, "html")
    for entry in kb.entries:
        assert f"<h2>{html.escape(entry.question)}</h2>" in page
        for line in entry.answer.split("\n"):
            assert f"<p>{html.escape(line.strip())}</p>" in page


def test_html_sheet_has_no_script_and_no_external_resources(
    kb: knowledge.KnowledgeBase, special: knowledge.KnowledgeBase
) -> None:
    for sheet in (export.export(kb, "html"), export.export(special, "html")):
        _, tags = html_text(sheet)
        assert "script" not in tags
        assert not {"link", "img", "iframe", "object", "embed", "a"} & set(tags)
        assert "http" not in sheet.split("<body>")[0]  # nothing loaded from elsewhere
        assert "url(" not in sheet and "@import" not in sheet


def test_html_sheet_escapes_a_less_than_sign_in_an_answer(
    special: knowledge.KnowledgeBase,
) -> None:
    page = export.export(special, "html")
    assert "<p>Doses &lt; 1 mg/kg are used. Results &amp; risks are &lt;b&gt;explained" in page
    assert "<b>" not in page
    shown, _ = html_text(page)
    assert "Doses < 1 mg/kg are used. Results & risks are <b>explained</b> below." in shown


def test_html_sheet_is_print_friendly(kb: knowledge.KnowledgeBase) -> None:
    page = export.export(kb, "html")
    assert page.startswith("<!DOCTYPE html>")
    assert "@media print" in page
    assert re.search(r"\.entry \{[^}]*page-break-inside: avoid", page)
    assert page.count('<section class="entry"') == len(kb.entries)


def test_markdown_escapes_a_leading_hash_in_an_answer_line(
    special: knowledge.KnowledgeBase,
) -> None:
    lines = export.export(special, "md").splitlines()
    assert "\\#1 reason patients choose us is speed." in lines
    assert not any(line.startswith("#1") for line in lines)


def test_markdown_escapes_leading_stars_and_numbers_in_answer_lines(
    special: knowledge.KnowledgeBase,
) -> None:
    lines = export.export(special, "md").splitlines()
    assert "\\* Starred lines are not a list." in lines
    assert "1\\. Numbered lines are not a list either." in lines


def test_markdown_escapes_html_and_heading_marks(special: knowledge.KnowledgeBase) -> None:
    sheet = export.export(special, "md")
    assert "## \\#1 reason?" in sheet.splitlines()
    assert "Results & risks are \\<b\\>explained\\</b\\> below." in sheet
    assert "<b>" not in sheet


def test_markdown_sheet_reads_back_as_the_answers(special: knowledge.KnowledgeBase) -> None:
    shown = markdown_text(export.export(special, "md"))
    for entry in special.entries:
        for line in entry.answer.split("\n"):
            assert line in shown


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_sheet_shows_the_clinic_and_the_disclaimer(
    special: knowledge.KnowledgeBase, fmt: str
) -> None:
    sheet = export.export(special, fmt)
    shown = markdown_text(sheet) if fmt == "md" else html_text(sheet)[0]
    assert "Smith & Jones <Clinic>" in shown
    assert "555-0100" in shown
    assert "https://example.org/book?a=1&b=2" in shown
    assert "Not medical advice <really>." in shown
    assert shown.index("Not medical advice") < shown.index(special.entries[0].question)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_sheet_leaves_out_placeholder_clinic_details(
    kb: knowledge.KnowledgeBase, special: knowledge.KnowledgeBase, fmt: str
) -> None:
    assert "[OPENING HOURS]" not in export.export(special, fmt)
    assert "Opening hours" not in export.export(special, fmt)
    shipped = export.export(kb, fmt)
    assert "[CLINIC" not in shipped and "[BOOKING" not in shipped
    assert "Frequently asked questions" in shipped


def test_sheet_of_the_conftest_knowledge_base(write_kb: WriteKb) -> None:
    kb = knowledge.load(write_kb(VALID_KB, ARTICLE))
    sheet = export.export(kb, "md")
    assert sheet.startswith("# Test Clinic: frequently asked questions\n")
    assert sheet.endswith("Many patients feel better within hours of a single infusion.\n")


def test_export_refuses_an_unknown_format(kb: knowledge.KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export.export(kb, "pdf")


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_the_folder_and_the_single_file_it_came_from_export_the_same_sheet(
    tmp_path: Path, kb: knowledge.KnowledgeBase, fmt: str
) -> None:
    shutil.copy(Path(__file__).parent / "data" / "kb-single-file.yaml", tmp_path / "kb.yaml")
    shutil.copy(knowledge.DEFAULT_PATH / kb.source_name, tmp_path)
    single = knowledge.load(tmp_path / "kb.yaml")
    assert export.export(kb, fmt) == export.export(single, fmt)
