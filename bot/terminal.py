"""The engine's replies as plain text, and a chat in the terminal on the same engine."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TextIO

from bot.analytics import Store
from faq.knowledge import Entry, KnowledgeBase
from faq.matcher import Matcher
from faq.reply import Kind, Match, Reply


def options_for(kb: KnowledgeBase, reply: Reply) -> list[Entry]:
    """The entries a person can pick next: suggestions, or an answer's related questions."""
    if reply.kind is Kind.SUGGESTIONS:
        return [match.entry for match in reply.suggestions]
    if reply.kind is Kind.GREETING:  # the welcome promises the topics
        return list(kb.entries)
    if reply.kind is Kind.ANSWER and reply.match is not None:
        related = (kb.entry(entry_id) for entry_id in reply.match.entry.related)
        return [entry for entry in related if entry is not None]
    return []


def format_reply(kb: KnowledgeBase, reply: Reply) -> str:
    """A reply as a person reads it in a terminal; options are numbered from 1."""
    messages = kb.messages
    if reply.kind is Kind.CRISIS:
        spanish = [messages.crisis_es] if reply.language == "es" else []
        return "\n\n".join(kb.render(m) for m in (*spanish, messages.crisis))
    if reply.kind is Kind.CONCERN:
        yes, no = kb.render(messages.concern_yes), kb.render(messages.concern_no)
        return f"{kb.render(messages.concern)}\n  1. {yes}\n  2. {no}"
    if reply.kind is Kind.LANGUAGE:
        spanish = [messages.other_language_es] if reply.language == "es" else []
        return "\n\n".join(kb.render(m) for m in (*spanish, messages.other_language))
    if reply.kind is Kind.GREETING:
        welcome = [kb.render(m) for m in (messages.welcome, messages.disclaimer, messages.contact)]
        return "\n\n".join([*filter(None, welcome), topics_text(kb)])
    if reply.kind is Kind.NO_MATCH:
        return kb.render(messages.no_answer)
    options = options_for(kb, reply)
    if reply.kind is Kind.SUGGESTIONS:
        return "\n".join([kb.render(messages.did_you_mean), *_numbered(options)])
    assert reply.match is not None
    parts = [reply.match.entry.question, "", reply.match.entry.answer]
    if reply.match.entry.from_clinic:
        parts += ["", kb.render(messages.clinic_note)]
    if options:
        parts += ["", kb.render(messages.related), *_numbered(options)]
    return "\n".join(parts)


def _check_in_answer(kb: KnowledgeBase, text: str) -> bool | None:
    """True for "yes" (or 1), False for "no" (or 2), None for anything else."""
    folded = text.strip().casefold()
    if folded in ("1", "yes", "y", kb.render(kb.messages.concern_yes).casefold()):
        return True
    if folded in ("2", "no", "n", kb.render(kb.messages.concern_no).casefold()):
        return False
    return None


def _numbered(entries: Iterable[Entry]) -> list[str]:
    return [f"  {number}. {entry.question}" for number, entry in enumerate(entries, 1)]


def answer_entry(entry: Entry) -> Reply:
    """The reply for an entry a person picked from a list (no matching involved)."""
    return Reply(Kind.ANSWER, entry.question, Match(entry, 100.0))


def topics_text(kb: KnowledgeBase) -> str:
    """Every question, numbered: the terminal's /topics (Telegram shows them as buttons)."""
    return "\n".join([kb.render(kb.messages.topics), *_numbered(kb.entries)])


def _read(stdin: TextIO, stdout: TextIO, interactive: bool) -> str | None:
    """One line, or None at the end of input; at a terminal with line editing and
    history (readline), as people expect of a prompt."""
    if not interactive:
        return stdin.readline() or None
    try:
        return input("\nyou> ")
    except EOFError:
        return None


def chat(
    matcher: Matcher,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    store: Store | None = None,
) -> None:
    """Read questions until end of input; a number picks one of the listed questions.
    Replies are recorded (channel "terminal") only when a store is given."""
    kb = matcher.kb
    interactive = stdin.isatty() and stdin is sys.stdin
    if interactive:
        import readline  # noqa: F401  (importing it gives input() editing and history)
    print(format_reply(kb, Reply(Kind.GREETING, "")), file=stdout)
    print(
        "\n(Type a question; a number picks a listed question; /topics lists them again, "
        "/help says how to ask; Ctrl-D quits.)",
        file=stdout,
    )
    options: list[Entry] = list(kb.entries)
    checking_in = False  # the last reply asked the safety check-in's question
    while True:
        try:
            line = _read(stdin, stdout, interactive)
        except KeyboardInterrupt:
            break
        if line is None:
            break
        text = line.strip()
        if not text:
            continue
        if checking_in and (answer := _check_in_answer(kb, text)) is not None:
            checking_in = False
            options = []
            if answer:
                reply = Reply(Kind.CRISIS, "")
                if store is not None:
                    store.record(reply, "terminal")
                print(f"\n{format_reply(kb, reply)}", file=stdout, flush=True)
            else:
                print(f"\n{kb.render(kb.messages.concern_declined)}", file=stdout, flush=True)
            continue
        command = text.casefold()
        if command in ("/topics", "/start", "/help"):
            checking_in = False
            options = list(kb.entries)
            ask = kb.messages.help or kb.messages.welcome
            intro = [kb.render(ask)] if command == "/help" else []
            print("\n" + "\n\n".join([*intro, topics_text(kb)]), file=stdout, flush=True)
            continue
        if text.isdigit() and options and not 1 <= int(text) <= len(options):
            print(f"\nPlease pick 1–{len(options)}, or type a question.", file=stdout, flush=True)
            continue
        if text.isdigit() and options:
            reply = answer_entry(options[int(text) - 1])
            if store is not None and reply.match is not None:
                store.record_lookup(reply.match.entry.id, "terminal")
        else:
            reply = matcher.reply(text)
            if store is not None:
                store.record(reply, "terminal")
        options = options_for(kb, reply)
        checking_in = reply.kind is Kind.CONCERN
        print(f"\n{format_reply(kb, reply)}", file=stdout, flush=True)
    print("\nGoodbye.", file=stdout)
