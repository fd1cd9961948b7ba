"""Crisis detection runs before matching, favours recall, and knows common idioms."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from faq.reply import Kind
from faq.safety import is_crisis

CRISIS = [
    "I want to kill myself",
    "i want to kms",
    "thinking about suicide",
    "SUICIDAL",
    "ive been feeling suicdal lately",
    "sucide",
    "i dont want to be alive anymore",
    "i just want to die",
    "wnat to die",
    "everyone would be better off without me",
    "i've been cutting again",
    "i keep hurting myself",
    "self-harm",
    "i took a whole bottle of pills",
    "took too much ketamine and cant breathe",
    "i think i overdosed",
    "i overdoes on my meds",
    "ive been saving up my pills",
    "there's no reason to keep going",
    "i wish i could go to sleep and never wake up",
    "my friend says she wants to kill herself, what do i do",
    "im going to end it all tonight",
    "im gonna unalive myself",
    "whats the lethal dose of ketamine",
    "I've written goodbye letters to my family",
    "does ketamine help people who want to end their life? i want to end my life",
    "i keep wanting to die",
    "thinking about slashing my wrists",
    "i doubt ill still be around by summer",
    "it would be a relief if i never woke up",
    "my head tells me to cut again",
    "i want to vanish and never come back",
    "took 25 aspirin an hour ago",
    "took two extra doses of insulin on purpose",
    "ill do it while everyone is asleep",
    "which floor would be high enough to die",
    "they will find my body in the woods",
    "nothing is worth it anymore",
    "i keep looking at the rope in the garage",
    "took a whole load of my mums sleeping pills",
    "how much would it take to just never wake up",
    "i tooked to many pils",
    "if a bus ran me over i really wouldnt mind",
    "ive been thinking about stepping into traffic",
    "gonna drive to the coast and never come back",
    "wanna b ded",
    "slef harm again",
]

NOT_CRISIS = [
    "I took 20 mg sertraline this morning, is that ok before the infusion?",
    "took a bunch of notes in the session",
    "this traffic is killing me",
    "my boss will kill me if im late",
    "i'm dying to know how fast it works",
    "that joke killed me",
    "killer headache today",
    "dead tired after work",
    "overdosed on coffee lol",
    "in the end it was fine",
    "it took too much time to get an appointment",
    "i killed it at my exam",
    "how long does an infusion take",
    "is ketamine addictive",
    "can i take my pills tonight before the infusion",
    "are my pills ready to collect",
    "i have to take 10 of my pills a day, does that matter",
    "my ssri took like 12 weeks to do anything",
    "is the bath or shower ok after the infusion tonight",
    "kept dying to the final boss so i jumped off the cliff to respawn lol",
    "cut myself shaving, fine for the IV?",
    "I cut myself a slice of cake before coming",
    "shot myself in the foot by booking on a workday",
    "i want to cut down on caffeine before the infusion",
    "will the ocd be gone for good",
    "i took my pills twice by mistake but i feel fine",
    "can i take an extra dose if i missed one",
    "my husband will find me in the waiting room right",
    "which floor is the clinic on",
    "im not sure ill be here next week, im travelling, can i reschedule",
    "i get intrusive thoughts about swerving into oncoming traffic, is that ocd",
    "i took to much time to reply, sorry",
    "can i pick up my whole supply at once",
    "can i hand my things to my husband during the infusion",
    "i want to go home and never come back to this clinic",
    "my baby is sleeping and not waking up for feeds, can i bring her",
]


@pytest.mark.parametrize("message", CRISIS)
def test_crisis_message_is_detected(message: str) -> None:
    assert is_crisis(message)


@pytest.mark.parametrize("message", NOT_CRISIS)
def test_idiom_or_ordinary_question_is_not_a_crisis(message: str) -> None:
    assert not is_crisis(message)


def test_crisis_comes_before_matching_even_inside_a_question(matcher) -> None:
    reply = matcher.reply("how fast does ketamine work? i want to kill myself")
    assert reply.kind is Kind.CRISIS
    assert reply.match is None and reply.suggestions == ()


def test_crisis_inside_a_long_message_is_detected(matcher) -> None:
    story = "I have had OCD for years and tried many treatments. " * 40
    assert matcher.reply(story + "Honestly I want to die.").kind is Kind.CRISIS


def test_a_long_message_is_checked_without_the_regex_engine_falling_back(capfd) -> None:
    # RE2 says on stderr when its automaton outgrows its memory and it falls back to a
    # slower engine; the crisis patterns must fit.
    story = " ".join(
        f"day {day}: checked the stove {day} times, washed my hands, took my meds late."
        for day in range(80)
    )
    assert not is_crisis(story)
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize("message", ["", "   ", "🙂", "https://example.com"])
def test_empty_or_symbol_messages_are_not_a_crisis(message: str) -> None:
    assert not is_crisis(message)


CRISIS_SETS = ("crisis.yaml", "crisis2.yaml", "crisis3.yaml", "crisis4.yaml", "crisis5.yaml")


def crisis_set(name: str, expected: bool) -> list[str]:
    path = Path(__file__).parent / "data" / name
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [item["text"] for item in items if item["crisis"] is expected]


@pytest.mark.parametrize("name", CRISIS_SETS)
def test_every_message_of_a_crisis_set_is_detected(name: str) -> None:
    assert [message for message in crisis_set(name, True) if not is_crisis(message)] == []


@pytest.mark.parametrize("name", CRISIS_SETS)
def test_false_alarms_on_a_crisis_set_stay_rare(name: str) -> None:
    # Questions about overdose or suicide risk in general are flagged on purpose
    # (recall first); idioms and ordinary clinic questions must not be.
    alarms = [message for message in crisis_set(name, False) if is_crisis(message)]
    assert len(alarms) / len(crisis_set(name, False)) <= 0.2
