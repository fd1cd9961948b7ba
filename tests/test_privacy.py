"""Names, dates of birth, phone numbers and the like never reach the analytics verbatim."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot import privacy
from bot.analytics import Store, now
from bot.privacy import Mask
from faq.reply import Kind, Reply


@pytest.mark.parametrize(
    ("mask", "example"),
    [(mask, example) for mask in privacy.MASKS for example in mask.examples],
    ids=lambda value: value.name if isinstance(value, Mask) else value[:30],
)
def test_every_mask_hides_the_identifier_of_its_examples(mask: Mask, example: str) -> None:
    assert mask.pattern.search(example), f"{mask.name} does not find it in {example!r}"
    assert mask.replacement in privacy.mask(example)


@pytest.mark.parametrize(
    ("mask", "lookalike"),
    [(mask, lookalike) for mask in privacy.MASKS for lookalike in mask.lookalikes],
    ids=lambda value: value.name if isinstance(value, Mask) else value[:30],
)
def test_no_mask_changes_an_ordinary_question(mask: Mask, lookalike: str) -> None:
    assert privacy.mask(lookalike) == lookalike


def test_mask_names_are_unique() -> None:
    names = [mask.name for mask in privacy.MASKS]
    assert len(names) == len(set(names))


def test_an_unanswered_question_is_stored_without_who_asked(tmp_path: Path) -> None:
    store = Store(tmp_path / "faqbot.db")
    question = (
        "my name is Ana Ruiz, DOB 03/04/1988, call 555-201-7788 or ana@example.com: "
        "do you take my insurance?"
    )
    store.record(Reply(Kind.NO_MATCH, question), "chat")
    [kept] = store.unanswered(now() - timedelta(minutes=1), now())
    for secret in ("Ana", "Ruiz", "1988", "7788", "ana@example.com"):
        assert secret not in kept
    assert "do you take my insurance?" in kept
    store.close()
