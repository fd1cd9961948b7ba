"""Properties over any input: a Reply, never an exception, and only approved text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faq import knowledge, text
from faq.matcher import Matcher
from faq.reply import Kind, Reply

MATCHER = Matcher(knowledge.load())
ARTICLE = text.comparable(MATCHER.kb.source_text)
WORDS = sorted({word for entry in MATCHER.kb.entries for word in text.words(entry.question)})


def assert_approved(reply: Reply) -> None:
    assert isinstance(reply, Reply)
    assert reply.kind in set(Kind)
    for match in (reply.match, *reply.suggestions):
        if match is not None:
            assert 0 <= match.score <= 100
            assert text.comparable(match.entry.answer) in ARTICLE


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=10_000))
def test_any_unicode_text_gives_a_reply(message: str) -> None:
    assert_approved(MATCHER.reply(message))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=12), max_size=60).map(" ".join))
def test_messages_made_of_knowledge_base_words_give_approved_text(message: str) -> None:
    assert_approved(MATCHER.reply(message))


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.characters(categories=["So", "Sk", "Cf", "Zs"]), max_size=500))
def test_emoji_symbols_and_invisible_characters_never_answer(message: str) -> None:
    # A symbol may fold to a letter ("Ⓚ" is "k", as in "ok"): a greeting, never an entry.
    assert MATCHER.reply(message).kind in (Kind.NO_MATCH, Kind.GREETING)
