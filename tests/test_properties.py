"""Properties over any input: a Reply, never an exception, and only approved text."""

from __future__ import annotations

import random
from pathlib import Path

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from faq import knowledge, text
from faq.matcher import MIN_TYPO_LENGTH, TYPO_CUTOFF, Matcher
from faq.reply import Kind, Reply

DATA = Path(__file__).parent / "data"
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


EXHAUSTIVE = Matcher(MATCHER.kb, exhaustive=True)
VOCABULARY = sorted(MATCHER._idf)


def decision(reply: Reply) -> tuple[Kind, str | None, tuple[str, ...]]:
    """What a patient sees: the kind, the entry answered with, the suggestions offered."""
    shown = reply.match.entry.id if reply.kind is not Kind.NO_MATCH and reply.match else None
    return reply.kind, shown, tuple(match.entry.id for match in reply.suggestions)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(WORDS + VOCABULARY) | st.text(max_size=12),
            st.sampled_from([" ", " ", " ", ". ", "? "]),  # sentences: units scored apart
        ),
        max_size=60,
    )
)
def test_skipping_targets_that_cannot_matter_never_changes_a_reply(
    words: list[tuple[str, str]],
) -> None:
    message = "".join(word + after for word, after in words)
    assert decision(MATCHER.reply(message)) == decision(EXHAUSTIVE.reply(message))


@given(st.text(max_size=2_000))
def test_folded_text_is_lowercase_ascii_words_with_single_spaces(message: str) -> None:
    folded = text.fold(message)
    assert folded == " ".join(folded.split())
    assert set(folded) <= set("abcdefghijklmnopqrstuvwxyz0123456789 ")


@given(st.sampled_from(VOCABULARY), st.data())
def test_typo_candidates_by_length_find_what_the_whole_vocabulary_finds(
    known: str, data: st.DataObject
) -> None:
    # A misspelling: the known word with a few letters inserted, dropped or changed.
    typo = data.draw(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=3))
    at = data.draw(st.integers(0, len(known)))
    cut = data.draw(st.integers(0, 2))
    word = known[:at] + typo + known[at + cut :]
    assume(len(word) >= MIN_TYPO_LENGTH)  # shorter words are never typo-matched
    everything = process.extract(
        word, VOCABULARY, scorer=fuzz.ratio, processor=None, score_cutoff=TYPO_CUTOFF, limit=3
    )
    assert MATCHER._typos(word) == [found[:2] for found in everything]


def test_skipping_targets_never_changes_a_reply_to_labelled_messages_or_mixtures() -> None:
    # Hypothesis rarely builds the ties between long messages' sentences that make a
    # skipped target matter; mixtures of real patients' words do, often enough.
    texts = [
        item["text"]
        for path in sorted(DATA.glob("*.yaml"))
        if path.name != "kb-single-file.yaml"  # a knowledge base, not a labelled set
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))
    ]
    rng = random.Random(0)
    words = " ".join(texts).split()
    mixtures = [
        " ".join(rng.choices(words, k=rng.randint(5, 40)))
        + "? "
        + " ".join(rng.choices(words, k=rng.randint(2, 12)))
        for _ in range(1500)
    ]
    changed = [
        message
        for message in texts + mixtures
        if decision(MATCHER.reply(message)) != decision(EXHAUSTIVE.reply(message))
    ]
    assert changed == []
