"""The reading of Spanish by its letters (faq/lettergrams.py)."""

from __future__ import annotations

from faq.lettergrams import LetterLeaning, pieces

# A few crises and ordinary questions of the real Spanish sets, enough to fit on.
CRISES = [
    "me quiero morir",
    "ya no quiero vivir",
    "quiero matarme",
    "no aguanto más, quiero desaparecer",
    "estoy pensando en suicidarme",
]
ORDINARY = [
    "¿Cuánto cuesta el tratamiento?",
    "¿Qué horario tiene la clínica?",
    "¿Cómo se administra la ketamina?",
    "¿Cuántas sesiones necesito?",
    "¿Aceptan seguro médico?",
]


def test_a_word_is_read_in_pieces_of_three_to_five_letters_marked_at_its_ends() -> None:
    assert pieces("Morir") == {
        " mo",
        "mor",
        "ori",
        "rir",
        "ir ",
        " mor",
        "mori",
        "orir",
        "rir ",
        " mori",
        "morir",
        "orir ",
    }


def test_accents_and_case_do_not_change_the_pieces() -> None:
    assert pieces("ESTOY CANSADA DE TODO") == pieces("estoy cansada de tódo")


def test_a_short_word_is_one_piece() -> None:
    assert pieces("a") == {" a "}


def test_another_form_of_a_learnt_verb_leans_towards_crisis() -> None:
    leaning = LetterLeaning.fit(CRISES, ORDINARY, ridge=1.0)
    # "morirme", "suicidarme" were never seen; their stems were.
    assert leaning.score("a veces pienso en morirme") > 0
    assert leaning.score("quisiera suicidarme") > 0


def test_a_question_like_those_learnt_leans_away_from_crisis() -> None:
    leaning = LetterLeaning.fit(CRISES, ORDINARY, ridge=1.0)
    assert leaning.score("¿Cuánto dura cada sesión?") < 0


def test_a_message_of_unknown_pieces_scores_the_bias_alone() -> None:
    leaning = LetterLeaning.fit(CRISES, ORDINARY, ridge=1.0)
    assert leaning.score("xyzzy qwv") == leaning.bias
    assert leaning.score("") == leaning.bias
