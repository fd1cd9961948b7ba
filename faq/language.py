"""Which language a message is written in, as far as the bot needs to know.

The knowledge base is English. A message in another language must not get "I don't
have an answer" alone: it gets the emergency numbers and the clinic's phone, in
English and, for Spanish (many US clinics' patients), in Spanish as well. Telling the
languages apart needs no model: a few very common function words decide it, and a
message in another script has no English words at all.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from faq import text

ENGLISH = "en"
SPANISH = "es"
OTHER = "other"


@dataclass(frozen=True)
class Markers:
    """Words that are common in one language and rare in English questions."""

    language: str
    words: frozenset[str]
    examples: tuple[str, ...]  # messages these words must identify


# Each list holds function words and question words of the language, folded (no
# accents), minus any that are also English words patients use ("a", "no", "me", "he",
# "son", "come", "pie", "die", "will", "also", "was", "man", "do", "infusion").
SPANISH_MARKERS = Markers(
    SPANISH,
    frozenset(
        """
        el la los las un una unos unas del al de que y o pero por para con sin sobre
        es esta estoy estas estan soy eres somos son fue ser estar hay tengo tiene tienen
        tengo quiero quieres puedo puede pueden necesito hago hace hacer
        como cuanto cuanta cuantos cuantas cuando donde porque por que quien cual cuales
        mi mis tu tus su sus yo usted ustedes nosotros ellos ella lo le les se nos
        muy mas menos tambien ya todavia aun solo siempre nunca nada algo
        ketamina tratamiento tratamientos sesion sesiones infusiones cuesta
        costo precio seguro medicamento medicamentos pastillas efectos secundarios
        ayuda dolor vida muerte morir
        siento sientes nadie cansado cansada sola triste hoy ahora mucho mucha muchos
        muchas vez veces dia noche despues antes vivir
        """.split()
    ),
    (
        "¿Cuánto cuesta el tratamiento?",
        "hola, la ketamina funciona para el toc?",
        "quiero saber si es seguro",
        "Me siento sola, nadie me entiende",
        "¿Quiero saberlo?",
        "Tomé pastillas, tomé pastillas, perdón mami",
        "preferiría estar muerto",
        "No quería vivir.",
    ),
)
OTHER_MARKERS = (
    Markers(
        "fr",
        frozenset(
            "le les des est ce une je suis vous nous avec pour dans qui quoi combien "
            "pourquoi traitement cest ne pas que".split()
        ),
        ("Combien coûte le traitement pour le TOC ?", "est-ce que la kétamine est sûre"),
    ),
    Markers(
        "pt",
        frozenset(
            "o os as um uma da dos das que nao sim com para por quanto custa voce "
            "tratamento eu estou tenho quero isso".split()
        ),
        ("Quanto custa o tratamento?", "eu quero saber se a cetamina funciona"),
    ),
    Markers(
        "de",
        frozenset(
            "der die das und ist nicht ich sie wir mit fur wie viel kostet behandlung "
            "ein eine einen mein meine bin habe".split()
        ),
        ("Wie viel kostet die Behandlung?", "ich habe eine Frage zur Ketamin Therapie"),
    ),
)
# Words that decide for English even among markers of another language ("la" and "de"
# turn up in English too, in names and places).
ENGLISH_MARKERS = frozenset(
    """
    the is are was what how does do can i you my it to and of for with this that
    have has be will would should could when why who which ketamine ocd infusion
    """.split()
)
MIN_MARKERS = 2  # one word ("hola", "de") is not enough to tell a language
# Marks only Spanish writes: "¿Quiero desaparecer?", "mañana". Each counts as one marker
# however often it appears.
_SPANISH_SIGNS = frozenset("¿¡ñÑ")
# An acute accent on a, i, o or u, which French never writes, counts as one marker more:
# short Spanish messages have one common word at most ("Tomé pastillas, tomé pastillas,
# perdón mami", "preferiría estar muerto", "No quería vivir."). Over every set, it
# told 17 Spanish messages of nine collections from English and changed no other.
_SPANISH_ACCENTS = frozenset("áíóúÁÍÓÚ")


def detect(message: str) -> str:
    """ "en", "es", or "other" for a message in another language or script."""
    if _mostly_other_script(message):
        return OTHER
    # Each distinct word counts once: "As long as I'm alive, I'll always be someone's
    # inconvenience" has "as" twice, which once made it Portuguese (real_crisis_3_dev).
    words = set(text.words(message))
    best, best_count = ENGLISH, len(words & ENGLISH_MARKERS)
    for markers in (SPANISH_MARKERS, *OTHER_MARKERS):
        count = len(words & markers.words)
        if markers is SPANISH_MARKERS:
            count += bool(_SPANISH_SIGNS.intersection(message))
            count += bool(_SPANISH_ACCENTS.intersection(message))
        if count >= MIN_MARKERS and count > best_count:
            best, best_count = markers.language, count
    if best in (ENGLISH, SPANISH):
        return best
    return OTHER


def _mostly_other_script(message: str) -> bool:
    """True when most letters are not Latin: Cyrillic, Arabic, Chinese and the like."""
    if message.isascii():
        return False
    letters = [ch for ch in message if ch.isalpha()]
    if not letters:
        return False
    latin = sum(ch.isascii() or "LATIN" in unicodedata.name(ch, "") for ch in letters)
    return latin * 2 < len(letters)
