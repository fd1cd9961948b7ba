"""Grouping the questions the bot could not answer: similar wordings as one row."""

from __future__ import annotations

import random

from faq import grouping
from faq.grouping import Group
from faq.knowledge import KnowledgeBase

COST = ["how much does it cost?", "how much does it cost?", "How much does it cost", "cost??"]


def test_similar_wordings_are_one_group_counted_in_any_wording() -> None:
    groups = grouping.group_questions(
        [*COST, "how much does ketamine cost", "can i drive home after", "can i drive home"]
    )

    assert [(group.representative, group.count) for group in groups] == [
        ("how much does it cost?", 5),
        ("can i drive home", 2),
    ]


def test_a_groups_representative_is_its_most_asked_wording_ties_going_to_the_shortest() -> None:
    groups = grouping.group_questions(
        ["how much does ketamine cost", "how much does ketamine cost", "cost", "cost??"]
    )

    assert groups == (Group("cost", 4, ("how much does ketamine cost",)),)


def test_a_group_shows_at_most_three_other_wordings_the_most_asked_first() -> None:
    wordings = ["price", "the price", "what price", "price please", "what is the price"]
    questions = [w for n, w in enumerate(wordings) for _ in range(len(wordings) - n)]

    [group] = grouping.group_questions(questions)

    assert group.representative == "price"
    assert group.examples == ("the price", "what price", "price please")
    assert len(group.examples) == grouping.MAX_EXAMPLES


def test_questions_that_are_only_punctuation_are_left_out() -> None:
    assert grouping.group_questions(["???", "!!", " "]) == ()


def test_grouping_shows_at_most_twenty_groups() -> None:
    rng = random.Random(3)
    unrelated = ["".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=10)) for _ in range(100)]

    groups = grouping.group_questions(unrelated)

    assert len(groups) == grouping.MAX_GROUPS == 20


def test_rare_wordings_beyond_the_clustering_cap_still_join_their_group() -> None:
    groups = grouping.group_questions(
        ["cost", "cost", "cost", "parking", "parking", "how much does ketamine cost"],
        clustered=2,
    )

    assert [(group.representative, group.count) for group in groups] == [
        ("cost", 4),
        ("parking", 2),
    ]


def test_grouping_10000_questions_completes_in_one_call() -> None:
    rng = random.Random(7)
    topics = "price insurance parking weekend refund nausea alcohol driving dose child".split()
    stories = [
        f"{rng.choice(['can i', 'what about', 'is there'])} {rng.choice(topics)}"
        f" {rng.choice(topics)} {rng.randrange(100_000)}"
        for _ in range(7000)
    ]
    questions = [*stories, *(COST * 750)]
    rng.shuffle(questions)

    groups = grouping.group_questions(questions)

    assert len(groups) == grouping.MAX_GROUPS
    assert groups[0].representative == "how much does it cost?"
    assert groups[0].count >= 3000
    assert [group.count for group in groups] == sorted(
        (group.count for group in groups), reverse=True
    )


def test_questions_sharing_only_a_common_word_stay_apart(kb: KnowledgeBase) -> None:
    common = grouping.common_words(kb)
    assert {"ketamine", "infusion"} <= common
    groups = grouping.group_questions(
        ["how long does each infusion take", "is one infusion expensive", "ketamine cost"],
        common=common,
    )
    assert len(groups) == 3
