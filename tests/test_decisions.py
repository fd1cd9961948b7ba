"""The matcher's decision: honest declines (faq/decline.py) and meaning as evidence."""

from __future__ import annotations

import numpy as np
import pytest

from faq import decline, semantic
from faq.embedding import Encoder, VectorCache
from faq.knowledge import KnowledgeBase
from faq.matcher import CAUTION_LEANING, Matcher
from faq.reply import SAFETY_KINDS, Kind
from faq.triage import Triage

# An article passage with no date, count, figure or word to the reader, naming neither
# glutamate nor serotonin: what most passages of the article are like.
PLAIN = (
    "Ketamine is an FDA-approved anesthetic medication that is mainly used for sedation "
    "during invasive medical procedures."
)

CASES = [
    (rule.name, message, caught)
    for rule in decline.RULES
    for message, caught in (
        *((m, True) for m in rule.examples),
        *((m, False) for m in rule.lookalikes),
    )
]


@pytest.mark.parametrize(("name", "message", "caught"), CASES)
def test_every_rule_on_its_examples_and_lookalikes(name: str, message: str, caught: bool) -> None:
    rule = next(rule for rule in decline.RULES if rule.name == name)
    ask = rule.asks.search(message)
    held_back = ask is not None and not rule.holds(PLAIN, ask)
    assert held_back is caught, f"{name}: {message!r}"


@pytest.mark.parametrize(
    ("message", "passage"),
    [
        ("when was ketamine first approved?", "It was approved by the FDA in 1970."),
        ("how many sessions will I need?", "Most patients need six infusions."),
        ("is it true it helps 75% of patients?", "About 75% of patients improve."),
        ("does ketamine work on glutamate or serotonin?", "Ketamine acts on glutamate."),
        ("will it help me?", "Whether it helps you depends on your history."),
    ],
)
def test_a_passage_that_holds_the_ask_answers_it(message: str, passage: str) -> None:
    assert decline.unanswerable(message, passage) is None


@pytest.mark.parametrize(
    "message",
    [
        "when was ketamine first approved by the FDA?",
        "is it true ketamine improves ocd in 75% of patients?",
        "what's 17 times 23",
        "Will Ketamine Help Me?",
        "is ketamine treatment fda approved",
        "How effective is ketamine for depression?",
        "Who is a good candidate for TMS?",
    ],
)
def test_the_article_does_not_answer_what_it_cannot(matcher: Matcher, message: str) -> None:
    assert matcher.reply(message).kind is not Kind.ANSWER


@pytest.mark.parametrize(
    "message",
    ["is it a pill or an IV drip?", "What is ketamine used for?", "How do you treat OCD?"],
)
def test_words_and_meaning_agreeing_answer(matcher: Matcher, message: str) -> None:
    assert matcher.reply(message).kind is Kind.ANSWER


def test_a_suggestion_the_meaning_clearly_prefers_is_answered(
    matcher: Matcher, rules_only: Matcher
) -> None:
    # Words alone rank "how long relief lasts" first and cannot decide; the meaning is
    # clearly nearest to "how fast it works", one of the choices offered.
    message = (
        "Could you tell me how long it typically takes before a patient feels any "
        "improvement? Weeks, or months?"
    )
    lexical = rules_only.reply(message)
    assert lexical.kind is Kind.SUGGESTIONS
    assert lexical.match is not None and lexical.match.entry.id == "how-long-relief-lasts"
    reply = matcher.reply(message)
    assert reply.kind is Kind.ANSWER
    assert reply.match is not None and reply.match.entry.id == "how-fast-it-works"


def test_a_message_that_reads_as_a_phrasing_keeps_its_answer_whatever_the_meaning(
    matcher: Matcher,
) -> None:
    # A phrasing of the mechanism entry, which the model places nearer "how well".
    reply = matcher.reply("How do ketamine infusions work?")
    assert reply.kind is Kind.ANSWER
    assert reply.match is not None and reply.match.entry.id == "nmda-mechanism"


def test_the_net_s_vector_is_reused_and_matches_a_fresh_encoding(matcher: Matcher) -> None:
    net = matcher.triage.net
    assert net is not None
    message = "how fast does ketamine work for ocd?"
    verdict = net.assess(message)
    assert verdict.vector is not None
    assert np.allclose(verdict.vector, net.encoder.encode([message])[0], atol=1e-5)


def test_without_the_net_the_lexical_decision_stands(rules_only: Matcher) -> None:
    # No vector: only the honest declines can change the lexical reply.
    assert rules_only.reply("is it a pill or an IV drip?").kind is not Kind.CRISIS
    assert rules_only.reply("when was ketamine first approved by the FDA?").kind is not (
        Kind.ANSWER
    )


# From real_crisis_6_dev: "easy, right" alone had matched the benefits passage.
LEANS_TOWARDS_CRISIS = (
    "Why not someone like me who technically has no responsibilities, no obligations in "
    "terms of marriage, children and the like. Easy, right? And less grief for everyone "
    "involved."
)


@pytest.fixture(scope="module")
def never_flags(kb: KnowledgeBase, encoder: Encoder) -> Matcher:
    """The engine with a net that flags nothing: only its leaning can change a reply."""
    silent = semantic.Thresholds(crisis=2.0, concern=2.0, leaning=99.0, strong_leaning=99.0)
    net = semantic.SafetyNet(
        encoder, semantic.load_exemplars(), semantic.kb_phrasings(kb), VectorCache(), silent
    )
    return Matcher(kb, triage=Triage(net))


def test_a_message_the_classifier_leans_towards_crisis_is_offered_choices_not_answered(
    never_flags: Matcher, rules_only: Matcher
) -> None:
    net = never_flags.triage.net
    assert net is not None
    verdict = net.assess(LEANS_TOWARDS_CRISIS)
    assert verdict.tier is None and verdict.message_leaning >= CAUTION_LEANING
    assert rules_only.reply(LEANS_TOWARDS_CRISIS).kind is Kind.ANSWER  # words alone answer
    reply = never_flags.reply(LEANS_TOWARDS_CRISIS)
    assert reply.kind is Kind.SUGGESTIONS
    assert reply.match is not None and reply.match in reply.suggestions


def test_the_shipped_net_gives_that_message_the_check_in(matcher: Matcher) -> None:
    assert matcher.reply(LEANS_TOWARDS_CRISIS).kind in SAFETY_KINDS


def test_an_ordinary_question_leans_away_and_is_answered(matcher: Matcher) -> None:
    net = matcher.triage.net
    assert net is not None
    message = "How long does the relief from ketamine last?"
    assert net.assess(message).message_leaning < CAUTION_LEANING
    assert matcher.reply(message).kind is Kind.ANSWER
