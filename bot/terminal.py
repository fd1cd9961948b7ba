"""The engine's replies as plain text, and a chat in the terminal on the same engine."""

from __future__ import annotations

import sys
from typing import TextIO

from bot.analytics import Store
from faq import view
from faq.knowledge import Entry, KnowledgeBase
from faq.matcher import Matcher
from faq.reply import Kind, Match, Reply
from faq.view import Action, View


def options_for(kb: KnowledgeBase, reply: Reply) -> list[Entry]:
    """The entries a person can pick next by number: suggestions, an answer's related
    questions, the topics the welcome promises."""
    return _openable(kb, view.for_reply(kb, reply))


def _openable(kb: KnowledgeBase, shown: View) -> list[Entry]:
    """The entries a view's options open, in their numbered order."""
    opened = (kb.entry(o.value) for o in shown.options if o.action is Action.OPEN)
    return [entry for entry in opened if entry is not None]


def format_view(shown: View) -> str:
    """A view as a person reads it in a terminal: paragraphs apart, options numbered
    from 1 under their heading."""
    text = "\n\n".join(shown.text)
    if not shown.options:
        return text
    listing = [f"  {number}. {option.label}" for number, option in enumerate(shown.options, 1)]
    if shown.options_heading:
        listing.insert(0, shown.options_heading)
        return "\n\n".join(filter(None, [text, "\n".join(listing)]))
    return "\n".join(filter(None, [text, *listing]))


def format_reply(kb: KnowledgeBase, reply: Reply) -> str:
    """A reply as a person reads it in a terminal; options are numbered from 1."""
    return format_view(view.for_reply(kb, reply))


def _check_in_answer(kb: KnowledgeBase, text: str) -> bool | None:
    """True for "yes" (or 1), False for "no" (or 2), None for anything else."""
    folded = text.strip().casefold()
    if folded in ("1", "yes", "y", kb.render(kb.messages.concern_yes).casefold()):
        return True
    if folded in ("2", "no", "n", kb.render(kb.messages.concern_no).casefold()):
        return False
    return None


def answer_entry(entry: Entry) -> Reply:
    """The reply for an entry a person picked from a list (no matching involved)."""
    return Reply(Kind.ANSWER, entry.question, Match(entry, 100.0))


def _read(stdin: TextIO, interactive: bool) -> str | None:
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
            line = _read(stdin, interactive)
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
            page = {"/topics": view.topics, "/start": view.welcome, "/help": view.help_page}
            shown = page[command](kb)
            options = _openable(kb, shown)
            print(f"\n{format_view(shown)}", file=stdout, flush=True)
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
