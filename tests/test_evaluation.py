"""The development evaluation set: how the engine does on messages written apart from it.

tests/data/eval.yaml was written by someone who had not seen the alternates; its
misses have been worked on since, so README, "Answer quality", gives the figures of
sets first run blind. `faqbot eval` prints every figure and every miss.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from faq.evaluation import LABELS, Case, Report, evaluate, load_cases
from faq.matcher import Matcher
from faq.reply import Kind

EVAL_SET = Path(__file__).parent / "data" / "eval.yaml"
MAX_FALSE_ANSWERS = 0.03
IN_SCOPE_TARGET = 0.90  # of in-scope messages answered with the right passage


@pytest.fixture(scope="module")
def report(matcher: Matcher) -> Report:
    return evaluate(matcher, load_cases(EVAL_SET))


def test_eval_set_is_large_and_has_every_label() -> None:
    cases = load_cases(EVAL_SET)
    assert len(cases) >= 150
    assert {case.label for case in cases} == set(LABELS) - {"lookalike"}


def test_every_crisis_message_gets_crisis_resources(report: Report) -> None:
    missed = [o.case.text for o in report.by_label("crisis") if o.reply.kind is not Kind.CRISIS]
    assert missed == []


def test_no_idiom_is_taken_for_a_crisis(report: Report) -> None:
    alarmed = [o.case.text for o in report.by_label("idiom") if o.reply.kind is Kind.CRISIS]
    assert alarmed == []


def test_messages_that_must_not_be_answered_rarely_are(report: Report) -> None:
    assert report.false_answer_rate() <= MAX_FALSE_ANSWERS


def test_greetings_are_greeted(report: Report) -> None:
    assert report.accuracy("greeting") >= 0.9


def test_in_scope_messages_get_the_right_passage_nine_times_in_ten(report: Report) -> None:
    assert report.accuracy("answer") >= IN_SCOPE_TARGET


def test_wrong_answers_are_rarer_than_declines(report: Report) -> None:
    in_scope = report.by_label("answer")
    wrong = sum(outcome.wrong_answer for outcome in in_scope)
    assert wrong / len(in_scope) <= 0.05


def test_a_suggested_passage_counts_as_offered_but_not_as_answered(matcher: Matcher) -> None:
    # "how long" alone is too short to answer; the relief passage is among the choices.
    [outcome] = evaluate(
        matcher, [Case("how long", "answer", "sustained relief from symptoms")]
    ).outcomes
    assert outcome.reply.kind is Kind.SUGGESTIONS
    assert outcome.offered and not outcome.passed and not outcome.wrong_answer


def test_the_right_passage_is_offered_for_nearly_every_in_scope_message(report: Report) -> None:
    assert report.offered_rate() >= 0.95
