"""Replies as Telegram messages: escaped HTML, at most 4096 characters, valid buttons."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from faq import view
from faq.knowledge import Entry, KnowledgeBase
from faq.reply import Kind, Reply
from faq.view import Action, Option, View

MAX_MESSAGE = 4096  # characters Telegram shows, counted after HTML is parsed
MAX_BUTTON_DATA = 64  # bytes
TOPICS_PER_PAGE = 8

# Button data: a prefix and a value, so one handler can route every tap.
ANSWER = "a"
TOPICS_PAGE = "t"
FEEDBACK = "f"  # f:<entry id>:<vote token>:<1 helpful | 0 not>
HANDOFF = "h"
CONCERN = "k"  # k:yes or k:no, the answer to the safety check-in
NOOP = "noop"
YES, NO = view.YES, view.NO


@dataclass(frozen=True)
class Message:
    """One message to send: its HTML text and its buttons."""

    html: str
    buttons: tuple[tuple[InlineKeyboardButton, ...], ...] = field(default=())

    @property
    def markup(self) -> InlineKeyboardMarkup | None:
        return InlineKeyboardMarkup(self.buttons) if self.buttons else None


def button_data(prefix: str, value: str) -> str:
    """Callback data for a button; refuses what Telegram would refuse."""
    data = f"{prefix}:{value}"
    if not 1 <= len(data.encode()) <= MAX_BUTTON_DATA:
        raise ValueError(f"button data over {MAX_BUTTON_DATA} bytes: {data!r}")
    return data


def parse_button(data: str | None) -> tuple[str, str]:
    """(prefix, value) of button data; ("", "") for data that is not ours."""
    prefix, sep, value = (data or "").partition(":")
    return (prefix, value) if sep else ("", "")


def option_button(option: Option) -> InlineKeyboardButton:
    """The button that does what picking the option does."""
    if option.action is Action.OPEN:
        prefix = ANSWER
    elif option.action is Action.CHECK_IN:
        prefix = CONCERN
    else:
        prefix = HANDOFF
    return InlineKeyboardButton(option.label, callback_data=button_data(prefix, option.value))


def option_rows(options: Iterable[Option]) -> tuple[tuple[InlineKeyboardButton, ...], ...]:
    """The options as buttons: the check-in's answers side by side, as a person reads a
    yes-or-no question, every other option on a row of its own (questions are long)."""
    rows: list[tuple[InlineKeyboardButton, ...]] = []
    for side_by_side, group in groupby(options, key=lambda o: o.action is Action.CHECK_IN):
        buttons = [option_button(option) for option in group]
        rows += [tuple(buttons)] if side_by_side else [(button,) for button in buttons]
    return tuple(rows)


def escape(text: str) -> str:
    """Text as Telegram HTML: every <, > and & escaped (quotes may stay)."""
    return html.escape(text, quote=False)


def split(paragraphs: list[str], limit: int = MAX_MESSAGE) -> list[str]:
    """Plain-text paragraphs joined into as few chunks of at most `limit` characters as
    fit, breaking between paragraphs, else between words, else anywhere."""
    chunks: list[str] = []
    current = ""
    for paragraph in paragraphs:
        for piece in _pieces(paragraph, limit):
            joined = f"{current}\n\n{piece}" if current else piece
            if len(joined) <= limit:
                current = joined
            else:
                chunks.append(current)
                current = piece
    if current:
        chunks.append(current)
    return chunks


def _pieces(paragraph: str, limit: int) -> list[str]:
    pieces = []
    while len(paragraph) > limit:
        cut = paragraph.rfind(" ", 0, limit + 1)
        cut = cut if cut > 0 else limit
        pieces.append(paragraph[:cut].rstrip())
        paragraph = paragraph[cut:].lstrip()
    return [*pieces, paragraph] if paragraph else pieces


def messages(
    paragraphs: list[str],
    buttons: tuple[tuple[InlineKeyboardButton, ...], ...] = (),
    bold_first: bool = False,
) -> list[Message]:
    """Plain paragraphs as escaped HTML messages; the buttons go under the last one."""
    chunks = split(paragraphs)
    rendered = []
    for number, chunk in enumerate(chunks):
        body = escape(chunk)
        if bold_first and number == 0:
            head, _, rest = body.partition("\n\n")
            body = f"<b>{head}</b>" + (f"\n\n{rest}" if rest else "")
        rendered.append(Message(body, buttons if number == len(chunks) - 1 else ()))
    return rendered


def feedback_row(entry_id: str, vote: str) -> tuple[InlineKeyboardButton, ...]:
    """👍 and 👎 for one answer message; the vote token makes it one vote a message."""
    return (
        InlineKeyboardButton("👍", callback_data=button_data(FEEDBACK, f"{entry_id}:{vote}:1")),
        InlineKeyboardButton("👎", callback_data=button_data(FEEDBACK, f"{entry_id}:{vote}:0")),
    )


def _is_feedback_row(row: tuple[InlineKeyboardButton, ...]) -> bool:
    return any(str(button.callback_data or "").startswith(f"{FEEDBACK}:") for button in row)


class Renderer:
    """Turns the engine's replies and the clinic's messages into Telegram messages. What
    they say comes from faq.view, as for every other front end; this only formats it."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def text(self, message: str) -> str:
        """A clinic message with its placeholders filled in (plain text)."""
        return self.kb.render(message)

    def show(
        self,
        shown: View,
        page: int = 0,
        extra: tuple[tuple[InlineKeyboardButton, ...], ...] = (),
    ) -> list[Message]:
        """A view as messages: the title bold, the options as buttons under the last one
        (the topics a page at a time), then `extra` rows. The options heading is left
        out: the buttons sit right under the text."""
        rows = self._paged(shown.options, page) if shown.paged else option_rows(shown.options)
        return messages(list(shown.text), rows + extra, bold_first=shown.title is not None)

    def reply(self, reply: Reply, vote: str | None = None, handoff: bool = False) -> list[Message]:
        """The messages for one engine reply; `vote` adds 👍/👎 to an answer, `handoff`
        adds "Ask the clinic" to a decline (and "Talk to the clinic team" to a crisis)."""
        if reply.kind is Kind.ANSWER and reply.match is not None:
            return self.answer(reply.match.entry, vote)
        return self.show(view.for_reply(self.kb, reply, handoff))

    def crisis(self, language: str = "en", handoff: bool = False) -> list[Message]:
        """The crisis resources (in Spanish first for a Spanish message); `handoff` adds
        "Talk to the clinic team"."""
        return self.show(view.crisis(self.kb, language, handoff))

    def answer(self, entry: Entry, vote: str | None = None) -> list[Message]:
        """An entry's answer, headed by its question, with its related questions and,
        given a vote token, 👍 and 👎 buttons."""
        feedback = (feedback_row(entry.id, vote),) if vote is not None else ()
        return self.show(view.answer(self.kb, entry), extra=feedback)

    def no_answer(self, handoff: bool) -> list[Message]:
        """The decline, with "Ask the clinic" when the staff can take the question."""
        return self.show(view.no_answer(self.kb, handoff))

    def thanked(
        self, rows: tuple[tuple[InlineKeyboardButton, ...], ...]
    ) -> tuple[tuple[InlineKeyboardButton, ...], ...]:
        """An answer's buttons with the 👍/👎 row given way to a thank-you."""
        thanks = InlineKeyboardButton(
            self.text(self.kb.messages.feedback_thanks), callback_data=button_data(NOOP, "")
        )
        kept = tuple(row for row in rows if not _is_feedback_row(row))
        return (*kept, (thanks,))

    def welcome(self) -> list[Message]:
        """/start: who the bot is, the disclaimer, the clinic's contact and the topics."""
        return self.show(view.welcome(self.kb))

    def help(self) -> list[Message]:
        """/help: how to ask, and the same ways on as /start."""
        return self.show(view.help_page(self.kb))

    def topics(self, page: int = 0) -> list[Message]:
        """/topics: every question as a button, a page at a time."""
        return self.show(view.topics(self.kb), page)

    def topic_rows(self, page: int) -> tuple[tuple[InlineKeyboardButton, ...], ...]:
        """One page of the topics' buttons, with the way to the other pages."""
        return self._paged(view.topics(self.kb).options, page)

    def _paged(
        self, options: tuple[Option, ...], page: int
    ) -> tuple[tuple[InlineKeyboardButton, ...], ...]:
        pages = max(1, -(-len(options) // TOPICS_PER_PAGE))
        page = min(max(page, 0), pages - 1)
        start = page * TOPICS_PER_PAGE
        rows = list(option_rows(options[start : start + TOPICS_PER_PAGE]))
        if pages > 1:
            nav = []
            if page > 0:
                data = button_data(TOPICS_PAGE, str(page - 1))
                nav.append(InlineKeyboardButton("« Previous", callback_data=data))
            nav.append(
                InlineKeyboardButton(f"{page + 1} / {pages}", callback_data=button_data(NOOP, ""))
            )
            if page < pages - 1:
                data = button_data(TOPICS_PAGE, str(page + 1))
                nav.append(InlineKeyboardButton("More »", callback_data=data))
            rows.append(tuple(nav))
        return tuple(rows)
