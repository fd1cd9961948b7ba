"""Text normalisation shared by the knowledge base checks and the matcher."""

from __future__ import annotations

import re
import string
import unicodedata

# Function words carry no topic: dropping them stops "what is the" or "can you" from
# matching every question that happens to start the same way.
STOPWORDS: frozenset[str] = frozenset(
    """
    a about above after again against all also am an and any anyone anything are as at be
    because been before being below between both but by can could did do does doing done
    down during each even ever every few for from further get gets getting got had has have
    having he her here hers herself him himself his how i id if ill im in into is it its
    itself ive just know let like ll me mean might more most much must my myself no nor not
    now of off on once only or other our ours ourselves out over own please pls plz really
    s same say says she should so some someone something still such sure t tell than that
    thats the their theirs them themselves then there these they thing things this those
    though through to too u under up us ve very want wanna was way we were what
    whats which while whom will wish with would yeah yes you your yours
    yourself yourselves hi hello hey thanks thank ok okay guys lol um uh hmm anyway actually
    basically kind sort maybe question questions wondering wonder curious asking ask
    wants pt pts
    someone somebody dont doesnt didnt isnt arent wasnt cant wont couldnt wouldnt shouldnt
    d m re per r ur ya kinda gotta tho btw idk guess exactly honestly literally seriously truly
    totally definitely probably possibly generally usually typically lately recently heard
    read said told saying wat wats wut wht hw whta waht
    receptionist caller callers phone hola namaste dear sorry silly ngl omg abt tbh imo
    imho lmao fyi jk
    """.split()
)

_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\S+", re.IGNORECASE)
_NO_APOSTROPHES = str.maketrans("", "", "’'`´")
# Letters and digits stay; every other byte becomes a space.
_WORD_BYTES = bytes(
    byte if chr(byte) in string.ascii_lowercase + string.digits else ord(" ") for byte in range(256)
)
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "´": "'"})
_WHITESPACE = re.compile(r"\s+")
# Each ending, then its spaces: a literal first character lets re skip ahead to it.
_SENTENCE_ENDS = tuple((re.compile(re.escape(end) + r"\s+"), f"{end}\n") for end in ".?!")
# A question typed on after a statement with no stop between: "I'd like it to just end
# How long does each treatment last?". A capitalised question word after a lower-case
# word starts a sentence; after a capitalised one it is a title ("What Is OCD?"), and
# after a joining word it goes on ("What is ERP and How Does it Work?", "at What Rate").
_QUESTION_AFTER_NO_STOP = re.compile(
    r"(\b(?!(?:and|or|but|nor|at|by|for|in|of|on|to|with|from|about|than|as)\b)[a-z][\w']*)"
    r" +(?=(?:What|How|Why|When|Where|Who|Which|Is|Are|Can|Could|Do|Does|Did|Will|Would"
    r"|Should|Has|Have)\b)"
)

# Characters that show nothing, deleted before anything else: inside a word ("kill
# my\u00adself", "k\u200bill") the reader sees one word, and so must the crisis check.
# Soft hyphen, combining grapheme joiner, Arabic letter mark, Hangul fillers, Khmer
# inherent vowels, Mongolian selectors, BOM, and the ranges named below. (No-break and
# other spaces need nothing: NFKD makes them spaces.) Ranges, as a regex class: a
# translate table of each code point made non-ASCII folding half as slow again.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufeff\uffa0"
    "\u200b-\u200f"  # zero-width space, non-joiner and joiner, LRM, RLM
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2060-\u206f"  # word joiner, invisible operators, bidi isolates
    "\ufe00-\ufe0f\U000e0100-\U000e01ef"  # variation selectors
    "\U000e0000-\U000e007f]"  # tag characters
)
# Cyrillic, Greek and IPA letters drawn like Latin ones. NFKD leaves them alone, so
# "kіll" with a Cyrillic і folded to "k ll". Both cases: capital eta is H, small eta n.
_LOOKALIKES = str.maketrans(
    dict(
        zip(
            "АВЕЅІЈКМНОРСТХУԁԛԜаеѕіјӏһорсхуԝкмнтвΑΒΕΖΗΙΚΜΝΟΡΤΥΧαεηιοκμνρτυχγωıɑɡ",
            "ABESIJKMHOPCTXYdqWaesijlhopcxywkmhtbABEZHIKMNOPTYXaeniokuvptuxywiag",
            strict=True,
        )
    )
)
# A character class, not a set: the search is several times faster than set.isdisjoint.
_LOOKALIKE_LETTER = re.compile("[" + "".join(chr(code) for code in _LOOKALIKES) + "]")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_ASCII_LETTERS = re.compile(r"[A-Za-z]")


def fold(text: str) -> str:
    """Lower-case ASCII-ish words: invisible characters, look-alike letters, compatibility
    forms (fullwidth, ligatures, no-break spaces), accents and case folded away."""
    if not text.isascii():
        text = _INVISIBLE.sub("", text)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        if _LOOKALIKE_LETTER.search(text):
            text = _latin_lookalikes(text)
    text = text.casefold()
    if "@" in text or "http" in text or "www." in text:  # the URL pattern is slow on prose
        text = _URL.sub(" ", text)
    # "don't" -> "dont" keeps contractions one token, so they can be stopwords.
    if not text.isascii():
        text = text.translate(_NO_APOSTROPHES)
    # Bytes, because a byte table turns every other character into a space five times
    # faster than a regex finds the words; what is still not ASCII becomes "?", a space.
    data = text.encode("ascii", "replace").translate(_WORD_BYTES, b"'`")
    return b" ".join(data.split()).decode("ascii")


def _latin_lookalikes(text: str) -> str:
    """Look-alike letters made Latin: in a word with Latin letters in it ("kіll"), and in
    words wholly of them ("і", "КЕТАМІНЕ") unless the text has real Cyrillic or Greek
    words and more of their letters than Latin ones; a Russian or Greek text is kept."""
    words = _LETTER_RUN.findall(text)
    # A letter with no Latin twin ("и", "λ") makes its word really Cyrillic or Greek.
    foreign = any(not word.translate(_LOOKALIKES).isascii() for word in words)
    latin = len(_ASCII_LETTERS.findall(text))
    whole_words_too = not foreign or latin * 2 > sum(map(len, words))

    def latinised(match: re.Match[str]) -> str:
        word = match.group()
        made = word.translate(_LOOKALIKES)
        if word.isascii() or not made.isascii():
            return word
        return made if whole_words_too or _ASCII_LETTERS.search(word) else word

    return _LETTER_RUN.sub(latinised, text)


def words(text: str) -> list[str]:
    """All folded words of a text, in order."""
    return fold(text).split()


def content_words(text: str) -> list[str]:
    """Folded words with stopwords removed, in order."""
    return [word for word in words(text) if word not in STOPWORDS]


def sentences(text: str) -> list[str]:
    """Split a message into sentences, so a long story can be searched for its question."""
    # Ends marked as line breaks, then one split: one pattern of all the ends would be
    # tried at every character, and a group in the replacement costs a call per end.
    for end, marked in _SENTENCE_ENDS:
        text = end.sub(marked, text)
    text = _QUESTION_AFTER_NO_STOP.sub("\\1\n", text)
    return [stripped for part in text.split("\n") if (stripped := part.strip())]


def straight_quotes(text: str) -> str:
    """Typographic quotes made plain: a phone keyboard types "I’m", and every reader of
    the raw message (the semantic net's tokenizer, the answer-type rules) must see "I'm"."""
    return text.translate(_QUOTES) if not text.isascii() else text


def comparable(text: str) -> str:
    """Whitespace and quote style folded, for checking that an answer is quoted verbatim."""
    return _WHITESPACE.sub(" ", text.translate(_QUOTES)).strip()


class SynonymMap:
    """Rewrites patients' words ("special k", "iv drip") to the knowledge base's own."""

    def __init__(self, synonyms: dict[str, tuple[str, ...]]) -> None:
        # first word -> (variant's words, canonical word), longest variants first
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for word, variants in synonyms.items():
            canonical = fold(word)
            for variant in variants:
                folded = tuple(fold(variant).split())
                if folded and folded != (canonical,):
                    self._by_first.setdefault(folded[0], []).append((folded, canonical))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda item: -len(item[0]))

    def content(self, phrase: str) -> tuple[str, ...]:
        """The distinct content words of a phrase, synonyms resolved, in order."""
        return self.folded_content(fold(phrase))

    def folded_content(self, folded: str) -> tuple[str, ...]:
        """`content` of a phrase already folded."""
        words = self.apply(folded).split()
        # A lone letter ("n" of "N-methyl", "k") says nothing once synonyms are applied,
        # and numbers ("40 times a day", "for 3 years") are the story, not the topic.
        return tuple(
            word
            for word in dict.fromkeys(words)
            if len(word) > 1 and not word.isdigit() and word not in STOPWORDS
        )

    def apply(self, folded: str) -> str:
        """Folded text with every variant replaced by its canonical word, longest first."""
        words = folded.split()
        by_first = self._by_first
        # Only where a variant can start is there anything to do; a long story has few.
        starts = [index for index, word in enumerate(words) if word in by_first]
        if not starts:
            return folded
        out: list[str] = []
        done = 0  # words before this are in out
        for start in starts:
            if start < done:
                continue  # inside a variant already replaced
            for variant, canonical in by_first[words[start]]:
                end = start + len(variant)
                # A one-word variant is its first word, already matched.
                if end == start + 1 or tuple(words[start:end]) == variant:
                    out += words[done:start]
                    out.append(canonical)
                    done = end
                    break
        out += words[done:]
        return " ".join(out)
