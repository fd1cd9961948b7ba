"""Shared fixtures: the shipped knowledge base, and small ones written to a temporary folder."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from bot import engine
from faq import knowledge
from faq.embedding import Encoder, locate
from faq.matcher import Matcher

# Vectors of the knowledge base and the safety exemplars, shared by every test and every
# `faqbot` the tests start (they inherit the environment): encoded once, then read.
os.environ.setdefault("FAQBOT_CACHE_DIR", str(Path(__file__).parent.parent / ".cache" / "vectors"))

# CI runs the same examples every time, so a red build can be reproduced; locally
# each run tries new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ARTICLE = """\
Sample Article

Ketamine is a medicine used for sedation. It is given by a doctor.

How Fast Does It Work?

Many patients feel better within hours of a single infusion.
"""

VALID_KB = """\
version: 1
source: article.txt
clinic:
  name: Test Clinic
  phone: "555-0100"
messages:
  welcome: Welcome to {name}.
  disclaimer: Not medical advice.
  no_answer: Sorry, call {phone}.
  crisis: Call 988 or 911.
synonyms:
  ketamine: [special k]
entries:
  - id: what-is-ketamine
    question: What is ketamine?
    alternates:
      - what is special k
      - ketamine medicine
    answer: Ketamine is a medicine used for sedation. It is given by a doctor.
    related: [how-fast]
  - id: how-fast
    question: How fast does it work?
    alternates:
      - how quickly will i feel better
    answer: Many patients feel better within hours of a single infusion.
"""


@pytest.fixture(scope="session")
def kb() -> knowledge.KnowledgeBase:
    """The knowledge base the bot ships with."""
    return knowledge.load()


@pytest.fixture(scope="session")
def encoder() -> Encoder:
    """The sentence-embedding model, loaded (and its hashes checked) once."""
    return Encoder.load(locate())


@pytest.fixture(scope="session", autouse=True)
def matcher(kb: knowledge.KnowledgeBase, encoder: Encoder) -> Matcher:
    """The engine as the bot runs it on the shipped knowledge base: rules, semantic net,
    matcher. Built first in every session, so the bots the tests start find the
    vectors cached."""
    return engine.matcher_for(kb, encoder, None)


@pytest.fixture(scope="session")
def rules_only(kb: knowledge.KnowledgeBase) -> Matcher:
    """The named rules alone (FAQBOT_SEMANTIC=off also reads Spanish by its letters)."""
    return Matcher(kb)


@pytest.fixture
def write_kb(tmp_path: Path) -> Callable[[str], Path]:
    """Write a knowledge base (and the sample article beside it); return its path."""

    def write(content: str = VALID_KB, article: str = ARTICLE) -> Path:
        (tmp_path / "article.txt").write_text(article, encoding="utf-8")
        path = tmp_path / "kb.yaml"
        path.write_text(textwrap.dedent(content), encoding="utf-8")
        return path

    return write
