"""The print view: faq/export.py's sheet, with each shared passage printed once."""

from __future__ import annotations

from dataclasses import dataclass

from faq import export, view
from faq.knowledge import KnowledgeBase


@dataclass(frozen=True)
class Passage:
    """One approved passage and every question it answers."""

    questions: tuple[str, ...]
    paragraphs: tuple[str, ...]
    anchor: str


@dataclass(frozen=True)
class Sheet:
    """Title, contact details, disclaimer and passages, in the knowledge base's order."""

    title: str
    contacts: tuple[tuple[str, str], ...]
    disclaimer: tuple[str, ...]
    passages: tuple[Passage, ...]


def sheet(kb: KnowledgeBase) -> Sheet:
    """The printable sheet of a knowledge base."""
    title = export.title(kb)
    contacts = tuple(export.contacts(kb))
    grouped: dict[str, list[str]] = {}
    anchors: dict[str, str] = {}
    for entry in kb.entries:
        grouped.setdefault(entry.answer, []).append(entry.question)
        anchors.setdefault(entry.answer, entry.id)
    passages = tuple(
        Passage(tuple(questions), tuple(view.paragraphs(answer)), anchors[answer])
        for answer, questions in grouped.items()
    )
    disclaimer = tuple(view.paragraphs(kb.render(kb.messages.disclaimer)))
    return Sheet(title, contacts, disclaimer, passages)
