"""What the staff page shows for a search: the engine's verdict and the matching passages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from faq import view
from faq.knowledge import Entry, KnowledgeBase
from faq.matcher import Matcher
from faq.reply import SAFETY_KINDS, Kind, Reply
from faq.view import Action

MAX_RESULTS = 8
SNIPPET_CHARACTERS = 160
MAX_QUERY = 500  # characters read of a query: enough for a long question, bounded work


@dataclass(frozen=True)
class Result:
    """One entry found: its question, the start of its passage, the passage itself."""

    entry: Entry
    score: float
    snippet: str
    related: tuple[Entry, ...]
    clinic_note: str = ""
    related_heading: str = ""

    @property
    def paragraphs(self) -> list[str]:
        """The passage as the bot sends it: one paragraph a line."""
        return list(view.passage(self.entry))

    def as_dict(self) -> dict[str, Any]:
        """The JSON form of /api/search: what the page's script reads besides the html,
        which already holds the passage (shown, and to copy) and its start."""
        return {
            "id": self.entry.id,
            "question": self.entry.question,
            "score": round(self.score, 1),
            "related": [{"id": e.id, "question": e.question} for e in self.related],
            "clinic_note": self.clinic_note,
        }


@dataclass(frozen=True)
class Lookup:
    """The page for one query: crisis resources first, a decline card, or passages."""

    query: str
    kind: Kind | None  # None: nothing was typed
    crisis: tuple[str, ...] = ()  # the crisis resources, shown before anything else
    no_answer: str = ""  # the clinic's decline, when the article has no answer
    contact: str = ""
    results: tuple[Result, ...] = ()
    open_id: str | None = None  # the result shown open: the best one
    # The engine's reply, as the bot would have given it: what the analytics count.
    reply: Reply | None = field(default=None, compare=False)

    def as_dict(self) -> dict[str, Any]:
        """The JSON form of /api/search."""
        return {
            "query": self.query,
            "kind": None if self.kind is None else str(self.kind),
            "crisis": list(self.crisis),
            "no_answer": self.no_answer,
            "contact": self.contact,
            "open": self.open_id,
            "results": [result.as_dict() for result in self.results],
        }


def snippet(answer: str, limit: int = SNIPPET_CHARACTERS) -> str:
    """The start of a passage, cut between words."""
    flat = " ".join(answer.split())
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit)
    return flat[: cut if cut > 0 else limit].rstrip(" ,;:") + "…"


def result_for(kb: KnowledgeBase, entry: Entry, score: float = 100.0) -> Result:
    """An entry as a result: what the bot's answer says beside the passage (the note, the
    related questions under their heading)."""
    answer = view.answer(kb, entry)
    opened = (kb.entry(o.value) for o in answer.options if o.action is Action.OPEN)
    related = tuple(e for e in opened if e is not None)
    note = "\n\n".join(answer.notes)
    heading = answer.options_heading or ""
    return Result(entry, score, snippet(entry.answer), related, note, heading)


def settled(query: str) -> str:
    """A query as the search reads it: cut to MAX_QUERY, its spacing tidied."""
    return " ".join(query[:MAX_QUERY].split())


def lookup(matcher: Matcher, query: str) -> Lookup:
    """Search as the bot would answer: the same triage and decision, then the ranking."""
    query = settled(query)
    if not query:
        return Lookup(query, None)
    kb = matcher.kb
    reply = matcher.reply(query)
    # A concern too: the caller's check-in is the staff's to do, with the resources at hand.
    crisis = view.crisis(kb, reply.language).paragraphs if reply.kind in SAFETY_KINDS else ()
    found = [result_for(kb, m.entry, m.score) for m in matcher.search(query, MAX_RESULTS)]
    if reply.kind is Kind.ANSWER and reply.match is not None:
        # The bot's answer first, even where the plain ranking differs.
        best = reply.match.entry
        found = [result_for(kb, best, reply.match.score)] + [
            r for r in found if r.entry.id != best.id
        ]
    declined = reply.kind is Kind.NO_MATCH
    return Lookup(
        query=query,
        kind=reply.kind,
        crisis=crisis,
        no_answer="\n\n".join(view.no_answer(kb).paragraphs) if declined else "",
        contact=kb.render(kb.messages.contact),
        results=tuple(found[:MAX_RESULTS]),
        # A decline opens nothing: a nearby passage is not the answer to that question.
        open_id=None if declined or not found else found[0].entry.id,
        reply=reply,
    )
