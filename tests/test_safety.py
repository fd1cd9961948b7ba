"""Crisis detection runs before matching, favours recall, and knows common idioms."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from faq import safety
from faq.reply import Kind
from faq.safety import Tier, is_crisis

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
    # Internet and British slang.
    "sewer slide tonight fr",
    "thinking about self deleting",
    "gonna ctb this weekend",
    "i might top myself",
    "she keeps saying she'll do herself in",
    # Formal phrasing, and religious or spiritual euphemisms.
    "I do not wish to go on living.",
    "I have lived long enough and intend to end it on my own terms.",
    "the lord is calling me home",
    "praying god takes me tonight",
    "please forgive me for what i'm about to do",
    "time to leave this world, maybe the next life will be kinder",
    # Calm logistics: the will, belongings, pets, insurance, no next visit.
    "my will is under the mattress",
    "ive sorted out who gets my guitar and my records",
    "can someone look after my dog if im not here anymore",
    "keys under the mat, feed the cat, i won't be needing them",
    "does the insurance pay if it seems like an accident",
    "there won't be another session for me",
    "it's not your fault, none of what happens is",
    "planning my exit",
    # Means acquired, and hoping to crash.
    "the rope is bought",
    "ordered sodium nitrite online",
    "hoping i'll crash into a tree on the way home",
    # Dosing questions that reveal intent, and overdose seen by someone else.
    "how many mg would stop my heart",
    "enough tramadol to make sure i never come back",
    "im going to take the rest of my seroquel tonight",
    "what happens if i drink the whole vial at once",
    "she injected all of her insulin",
    # Self-harm slang and marks.
    "the barcode on my thighs is getting worse",
    "the cat did it (i don't have a cat)",
    "knuckles bleeding from punching the bathroom wall again",
    # Emoji fold away, leaving only the words.
    "💊💊💊 🍷 = gone forever",
]

NOT_CRISIS = [
    "i cut the grass myself",
    "hit a wall with my progress until last month",
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
    "ive just updated my will with my solicitor, do you need my new address",
    "watched a film where the main character overdoses, is parking free?",
    "can i top myself up with coffee before the infusion",
    "i want to end treatment on my own terms",
    "does my insurance cover accidents after the infusion",
    "running late, looks like an accident on the motorway",
    "can my partner take my dog while im in the infusion",
    "if im not around on monday can my husband collect the prescription",
    "my cat scratched me and it bled a bit, can i still come in",
    "do you use the whole vial in a session",
    "the nurse injected all of the ketamine slowly",
    "can i take the rest of my dose tonight",
    "i bought a new rope for my climbing gym",
    "i pray the treatment works",
    "planning my exit from my job, does that affect treatment",
    "ok thanks, ive decided to book",
    "is there a next infusion slot for me this week",
    "i hope i dont crash on the drive home after an infusion",
    "forever grateful for your help",
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


CRISIS_SETS = (
    "crisis.yaml",
    "crisis2.yaml",
    "crisis3.yaml",
    "crisis4.yaml",
    "crisis5.yaml",
    "crisis6.yaml",
)


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


# Despair without a sign of danger: a check-in, not the crisis message.
CONCERN = [
    "i cant cope",
    "i can't take this anymore",
    "nothing helps and i'm exhausted",
    "i feel hopeless",
    "i'm falling apart",
    "what's the point of anything",
    "everything feels pointless",
    "i hate my life",
    "i feel so empty",
    "i'm at breaking point",
    "i don't know how much more i can take",
    "ya no aguanto más",
]

# Questions about the treatment that share those words.
NEITHER = [
    "Is the term OCD overused?",
    "my payment is overdue, can I still book?",
    "the dose was overdone last time, can it be lower?",
    "who will oversee my infusion?",
    "i cant take this medication with food?",
    "nothing helps my insomnia, will ketamine?",
    "i can't cope with needles, can i have the nasal spray instead?",
    "should i eat before my appointment or come on an empty stomach",
    "me muero de ganas de probarlo",
    "me muero de risa",
    "estoy muerto de cansancio",
    "me mata la espera",
    "ya no aguanto más la espera, ¿cuándo me llaman?",
]

SPANISH_CRISIS = [
    "quiero matarme",
    "me quiero morir",
    "no quiero vivir",
    "quiero quitarme la vida",
    "estoy pensando en suicidarme",
    "quiero desaparecer para siempre",
    "sería mejor si no estuviera",
    "nadie me extrañaría",
    "nadie me extranaria",
    "me corto los brazos",
    "quiero hacerme daño",
    "tomé muchas pastillas",
    "creo que tome una sobredosis",
    "solo quería despedirme de todos",
    "no vale la pena vivir",
    "estoy cansado de vivir",
    "quiero acabar con todo",
    "lo mejor es quitarme de en medio",
    "me voy a tirar del puente",
    "he pensado en ahorcarme",
]


@pytest.mark.parametrize("message", CONCERN)
def test_distress_without_danger_is_a_concern(message: str) -> None:
    assert safety.tier_of(safety.fired(message)) is Tier.CONCERN
    assert not is_crisis(message)


@pytest.mark.parametrize("message", NEITHER)
def test_treatment_questions_and_figures_of_speech_are_neither(message: str) -> None:
    assert safety.fired(message) == ()


@pytest.mark.parametrize("message", SPANISH_CRISIS)
def test_spanish_crisis_message_is_detected(message: str) -> None:
    assert is_crisis(message)
