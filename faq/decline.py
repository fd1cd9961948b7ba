"""Honest declines: a question whose specific ask the chosen passage cannot answer.

The matcher finds the passage a question is *about*; that is not the same as a passage
that *answers* it. "When was ketamine first approved by the FDA?" is about the passage
that says ketamine is FDA-approved, but that passage holds no date, so answering with
it would read as an answer that dodges the question. Each rule below names an answer
type found from the question's form (a date, a figure, a choice between named things,
a verdict on the asker's own case) and what a passage must hold to give it. When the
passage lacks it, the bot offers the passage as "Did you mean" instead of answering.

Rules are chosen on the development sets only (see README, "How matching works");
each carries the messages it must catch and the look-alikes it must let through, and
`tests/test_decisions.py` runs every rule on its own examples.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# Words that say how to compare rather than what: "is it a pill or a drip" names
# "pill" and "drip"; "or not", "or what", "or nah" name nothing.
_FILLER = frozenset(
    "a an the it its this that is are be or not what nah no so just more less other "
    "something anything stuff thing things one some".split()
)
_WORD = re.compile(r"[a-z][a-z'-]*")

# A year or a calendar date: what an answer to "when was ..." needs.
_DATE = re.compile(
    r"\b(?:1[5-9]\d\d|20\d\d)\b|\b(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december)\s+\d",
    re.IGNORECASE,
)
# A count: what "how many ..." needs. "several" and "many" are not counts.
_COUNT = re.compile(
    r"\d|\b(?:single|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|dozen|"
    r"hundred|thousand|once|twice|half)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Rule:
    """One answer type: how a question asks for it, and whether a passage holds it."""

    name: str
    why: str
    asks: re.Pattern[str]  # the question's form that asks for this answer type
    holds: Callable[[str, re.Match[str]], bool]  # passage, the ask -> does it answer it
    examples: tuple[str, ...]  # questions the rule must hold back from passages lacking it
    lookalikes: tuple[str, ...]  # questions of a similar form that ask for something else


def _has_date(passage: str, _: re.Match[str]) -> bool:
    return bool(_DATE.search(passage))


def _has_count(passage: str, _: re.Match[str]) -> bool:
    return bool(_COUNT.search(passage))


def _has_figure(passage: str, ask: re.Match[str]) -> bool:
    # The figure the question quotes ("75%", "17 times 23") must be the passage's own.
    return all(number in passage for number in re.findall(r"\d+", ask.group(0)))


def _addresses_reader(passage: str, _: re.Match[str]) -> bool:
    # Only a passage written to the reader ("you", "your") can speak to their own case;
    # the article speaks of patients in general.
    return bool(re.search(r"\byou(?:r|rs)?\b", passage, re.IGNORECASE))


def _names_any_word_of(
    passage: str, words: str, also_ignored: frozenset[str] = frozenset()
) -> bool:
    """Whether the passage names one of the words (by its first five letters), leaving
    out filler; true when nothing is left to name."""
    named = [
        word
        for word in _WORD.findall(words.lower())
        if word not in _FILLER and word not in also_ignored
    ]
    folded = passage.lower()
    return not named or any(word[:5] in folded for word in named)


def _names_an_alternative(passage: str, ask: re.Match[str]) -> bool:
    # "glutamate or serotonin": a passage naming neither cannot choose between them.
    # One named alternative is enough: "is it a pill or an IV drip" is answered by the
    # passage that says "intravenously", never "pill".
    return _names_any_word_of(passage, f"{ask.group('x')} {ask.group('y')}")


def _mentions(pattern: str) -> Callable[[str, re.Match[str]], bool]:
    """A `holds` test: the passage says one of these words."""
    words = re.compile(pattern, re.IGNORECASE)
    return lambda passage, _: bool(words.search(passage))


# What a passage must say to answer each of those asks.
_SPEAKS_OF_LAW = _mentions(r"\b(?:legal\w*|law\w*|controlled substance|schedule\s+iii)\b")
_SPEAKS_OF_CAUSES = _mentions(
    r"\b(?:caused by|causes? of|underl\w*|genes?|genetic\w*|inherit\w*|heredit\w*|"
    r"risk factors?|brain)\b"
)
_TELLS_AN_EXPERIENCE = _mentions(r"\b(?:feel\w*|felt|experienc\w*|sensation\w*|like\s+to)\b")
# A passage compares when it says so, or sets ketamine against the usual treatments
# ("within hours ... weeks or months for conventional treatments").
_COMPARES = _mentions(
    r"\b(?:than|unlike|compared|whereas|better|faster|slower|lower|higher|more\s+effective|"
    r"conventional|traditional)\b"
)
_SAYS_WHO_NOT = _mentions(
    r"\b(?:not\s+(?:recommended|suitable|for\s+everyone)|should\s+not|shouldn't|"
    r"contraindicat\w*|avoid\w*|except|unless|excluded?)\b"
)
# A duration is a number and a unit: "within hours" says how soon, not how long.
_HAS_DURATION = _mentions(
    r"\b(?:\d+|one|two|three|four|forty|sixty|ninety|an?)\s*(?:-|to)?\s*(?:\d+\s*)?"
    r"(?:minutes?|mins?|hours?|hrs?)\b"
)


def _names_the_other_drug(passage: str, ask: re.Match[str]) -> bool:
    # "safe with antidepressants": only a passage that names the other drug (or says
    # "interactions") speaks to taking the two together.
    folded = passage.lower()
    drug = (ask.group("drug") or ask.group("drug2") or "").lower()
    named = [word for word in _WORD.findall(drug) if word not in _FILLER]
    return "interact" in folded or any(word[:6] in folded for word in named)


# Conditions other than OCD that patients ask ketamine to treat. OCD is every passage's
# subject; another condition must be named by the passage to be answered by it.
_CONDITIONS = (
    r"depression|anxiety|ptsd|bipolar|pain|fibromyalgia|migraines?|stress|addictions?|"
    r"alcoholism|anorexia|bulimia|adhd|autism|schizophrenia|insomnia|crps|panic|phobias?|"
    r"tourette'?s?|trichotillomania|hoarding|bdd|ocpd|parkinson'?s?|alzheimer'?s?|"
    r"neuropathy|arthritis|tinnitus"
)


def _names_the_condition(passage: str, ask: re.Match[str]) -> bool:
    return ask.group("condition").lower()[:6] in passage.lower()


# What a question may ask of ketamine for another condition beyond whether it treats
# it, and the words a passage needs to say that much: "how quickly does ketamine work
# for depression" is about the passage that lists depression among ketamine's uses,
# but that passage says nothing of how quickly.
_CONDITION_ASPECTS = {
    "speed": (
        r"how\s+(?:fast|quick\w*|soon)|how\s+long\s+(?:\w+\s+){0,4}?(?:to\s+work|before|until|"
        r"till)|take\s+to\s+work|fast[\s-]acting|onset",
        r"\b(?:hours?|quick\w*|fast|rapid\w*|weeks?|days?|immediate\w*)\b",
    ),
    "lasting": (
        r"how\s+long\s+(?:\w+\s+){0,4}?last|duration|long[\s-]term",
        r"\b(?:last\w*|sustain\w*|prolong\w*|durab\w*)\b",
    ),
    "efficacy": (
        r"how\s+(?:effective|well|successful)|success\s+rate|efficacy|response\s+rate",
        r"\b(?:efficac\w*|effective\w*|success\w*|rates?)\b",
    ),
    "safety": (
        r"\bsafe\w*|\baddictive|side[\s-]effects?|risks?|dangerous|abuse\w*",
        r"\b(?:safe\w*|addict\w*|side[\s-]effects?|risks?|tolera\w*)\b",
    ),
    "evidence": (
        r"research|stud(?:y|ies)|evidence|trials?|proven",
        r"\b(?:research\w*|stud(?:y|ies)|evidence|trials?|proven)\b",
    ),
}


def _speaks_to_the_aspect(passage: str, ask: re.Match[str]) -> bool:
    aspect = next(name for name in _CONDITION_ASPECTS if ask.group(name))
    return bool(re.search(_CONDITION_ASPECTS[aspect][1], passage, re.IGNORECASE))


# Words for OCD itself, and for having it, that the thing told apart from it may share.
_OCD_WORDS = frozenset(
    "ocd obsessive compulsive obsessive-compulsive disorder disorders being having have "
    "has want wanting to and of my your you i just do does know".split()
)


def _names_the_other_thing(passage: str, ask: re.Match[str]) -> bool:
    # "Is OCD the same as wanting to be organised?": a passage that never speaks of
    # being organised cannot tell the two apart. In "a perfectionist, or do you have
    # OCD" the other thing is what comes before the "or".
    other = ask.group("same") or ask.group("between") or ask.string[: ask.start()]
    return _names_any_word_of(passage, other, _OCD_WORDS)


# Kinds of disorder OCD is asked to belong to or to go with. "Mental" is not one of
# them: "is OCD a mental illness?" is answered by "a mental health condition".
_DISORDER_KINDS = (
    r"anxiety|personality|mood|psychotic|neurological|neurodevelopmental|eating|bipolar|"
    r"depressive|impulse[\s-]control|autoimmune"
)


def _names_what_lasts(passage: str, ask: re.Match[str]) -> bool:
    # "How long do dental implants last?" asks about dental implants; "how long does it
    # last?" and "how long do the effects last?" about whatever the passage speaks of.
    return _names_any_word_of(passage, ask.group("subject"), _ANY_SUBJECT)


# Words that stand for whatever the passage speaks of.
_ANY_SUBJECT = frozenset(
    "my your his her their our its they them these those effect effects of for from to in "
    "with after".split()
)


# Treatments other than ketamine that patients ask about by name. The article names
# only "medication and cognitive-behavioral therapy" among them, so a question about
# one of these must find it named in the passage to be answered by it.
_TREATMENTS = (
    r"ssris?|snris?|antidepressants?|tms|transcranial\w*|erp|exposure\s+(?:and|&)\s+"
    r"response\s+prevention|exposure\s+therapy|dbs|deep\s+brain\s+stimulation|psilocybin|"
    r"psychedelics?|mdma|lsd|esketamine|spravato|clomipramine|fluvoxamine|fluoxetine|"
    r"sertraline|prozac|zoloft|luvox|lexapro|lithium|benzos?|benzodiazepines?|xanax|"
    r"counsell?ing|psychotherapy|prp|ect|electroconvulsive\w*|nasal\s+spray"
)
# A question that also speaks of ketamine (or "it", the treatment) is about ketamine;
# one that tells what the asker tried, or sets another treatment against ketamine, is
# about their case or a comparison, which other rules weigh.
_ABOUT_KETAMINE_OR_A_HISTORY = (
    r"\b(?:ketamine|infusions?|it|drip|iv|tried|been\s+on|took|taking|didn'?t|did\s+not|"
    r"do(?:es)?\s+not|don'?t|doesn'?t|not\s+(?:work|respond|help)\w*|nothing|failed|"
    r"no\s+change|barely|compared|differ\w*|than|vs\.?|versus|instead)\b"
)


# The kinds of treatment the article names, and the named treatments of each kind:
# "do SSRIs work for OCD" is answered by a passage on whether medication works.
_TREATMENT_KINDS = (
    (
        re.compile(r"\bmedications?\b", re.IGNORECASE),
        re.compile(
            r"ssri|snri|antidepress|clomipramine|fluvoxamine|fluoxetine|sertraline|prozac|"
            r"zoloft|luvox|lexapro|lithium|benzo|xanax",
            re.IGNORECASE,
        ),
    ),
    (
        re.compile(r"\bcognitive[\s-]behavio\w*", re.IGNORECASE),
        re.compile(r"erp|exposure|counsel|psychotherapy", re.IGNORECASE),
    ),
)
# A question whether something works or helps, as against how, how much or how long.
_WHETHER_IT_WORKS = re.compile(
    r"(?:^|[.?!,;]\s*)(?:but\s+|so\s+|and\s+)?(?:does|do|can|will|could|would)\s+"
    r"(?:\w+[\s-]+){0,5}?(?:work|help)\w*\b",
    re.IGNORECASE,
)


def _names_the_treatment(passage: str, ask: re.Match[str]) -> bool:
    treatment = ask.group("treatment")
    if treatment.lower()[:5] in passage.lower():
        return True
    return bool(_WHETHER_IT_WORKS.search(ask.string)) and any(
        named.search(treatment) and kind.search(passage) for kind, named in _TREATMENT_KINDS
    )


_NAMES_A_SIDE_EFFECT = _mentions(
    r"\b(?:nausea|vomit\w*|dizz\w*|dissociat\w*|blood\s+pressure|heart\s+rate|headaches?|"
    r"drows\w*|hallucinat\w*|confus\w*|bladder|blurred)\b"
)


def _names_the_term(passage: str, ask: re.Match[str]) -> bool:
    # "What is OCPD?", "What is KAP?": an abbreviation the passage never writes is not
    # what it explains.
    return ask.group("term") in passage


RULES: tuple[Rule, ...] = (
    Rule(
        name="experience",
        why="asks what something is like or feels like; a passage that does not tell how it "
        "feels or goes does not say",
        asks=re.compile(
            r"\bwhat\s+(?:is|are|was|does|do|will)\s+(?:\w+\s+){1,6}(?:like|feel\s+like)\s*\W*$"
            r"|\b(?:get|make|making|gets|makes)\s+(?:you|me|people|patients)\s+(?:feel\s+)?"
            r"(?:high|trip\w*|hallucinat\w*|dissociat\w*|stoned|loopy)\b",
            re.IGNORECASE,
        ),
        holds=_TELLS_AN_EXPERIENCE,
        examples=(
            "What is a Ketamine Therapy Session Like?",
            "What Does OCD Actually Feel Like",
            "Does Ketamine Therapy Get You High?",
        ),
        lookalikes=("what is ketamine?", "what does ketamine do to the brain?"),
    ),
    Rule(
        name="legal_status",
        why="asks whether something is legal; only a passage that speaks of the law answers",
        asks=re.compile(
            r"\b(?:is|are)\s+(?:it|ketamine|this|that|\w+\s+therapy|\w+\s+infusions?)\s+"
            r"(?:\w+\s+)?legal\b|\blegality\b|\bis\s+it\s+against\s+the\s+law\b",
            re.IGNORECASE,
        ),
        holds=_SPEAKS_OF_LAW,
        examples=("Is Ketamine Legal?", "is ketamine therapy legal in my state?"),
        lookalikes=("is ketamine FDA approved?", "is it safe?"),
    ),
    Rule(
        name="cause",
        why="asks what causes a condition or whether it is inherited; a passage that only "
        "describes the condition does not say",
        asks=re.compile(
            r"\bhow\s+do(?:es)?\s+(?:you|people|someone|one|a\s+person|kids|children)\s+"
            r"(?:get|develop|catch)\s+(?:ocd|it|this|depression|anxiety|an?\s+\w+\s+disorder)\b|\bwhat\s+causes?\b|\bwhy\s+do(?:es)?\s+(?:people|"
            r"someone|some\s+people)\s+(?:get|have|develop)\b|\bis\s+(?:ocd|it)\s+(?:an?\s+)?"
            r"(?:genetic|hereditary|inherited)\b"
            r"|\b(?:causes?|roots?|origins?)\s+of\b|\broot\s+causes?\b"
            r"|\bwhy\s+do(?:es)?\s+(?:\w+\s+){0,3}(?:happen|occur|develop|start)\b",
            re.IGNORECASE,
        ),
        holds=_SPEAKS_OF_CAUSES,
        examples=(
            "How Do You Get OCD?",
            "Is OCD a genetic disorder?",
            "what causes ocd?",
            "What are the most common causes of depression?",
            "Why do intrusive thoughts happen?",
        ),
        lookalikes=(
            "how does ketamine work?",
            "what is ocd?",
            "how do you get an appointment?",
            "why does ketamine work so fast?",
            "what happens if ocd is left untreated?",
        ),
    ),
    Rule(
        name="together_with",
        why="asks about taking it with another named drug; a passage that never names that "
        "drug or interactions does not say",
        asks=re.compile(
            r"\b(?:safe|okay|ok|fine|possible)\s+(?:to\s+(?:take|use|have|combine)\s+)?(?:it\s+|"
            r"ketamine\s+)?(?:with|while\s+(?:on|taking))\s+(?:my\s+|an?\s+|the\s+)?"
            r"(?P<drug>[a-z-]+)"
            r"|\b(?:already|currently)\s+(?:on|taking)\s+(?:my\s+|an?\s+|the\s+)?"
            r"(?P<drug2>[a-z-]+)",
            re.IGNORECASE,
        ),
        holds=_names_the_other_drug,
        examples=(
            "Is Ketamine Safe to Take With Antidepressants?",
            "I'm already on an antidepressant — is that a problem?",
        ),
        lookalikes=("is it safe?", "is ketamine addictive?"),
    ),
    Rule(
        name="comparison",
        why="asks which of two treatments is better, or how they compare; a passage that "
        "compares nothing does not say",
        asks=re.compile(
            r"\bvs\.?(?=\s)|\bversus\b|\bwhich\s+(?:\w+\s+)?(?:is|works|one\s+is)\s+"
            r"(?:the\s+)?(?:best|better|most\s+effective)\b|\bmost\s+effective\b|\bbetter\s+"
            r"than\b|\bcompared?\s+(?:to|with)\b|\bbetter\s+option\b",
            re.IGNORECASE,
        ),
        holds=_COMPARES,
        examples=(
            "Which therapy is most effective for treating OCD?",
            "Spravato vs. Ketamine: Which Is the Better Option for You?",
            "Ketamine vs. SSRIs: Which Works Best?",
        ),
        lookalikes=("how does ketamine work?", "is ketamine effective for ocd?"),
    ),
    Rule(
        name="who_not",
        why="asks who should not have it, or why not to; a passage about who it helps does "
        "not say who it would harm",
        asks=re.compile(
            r"\b(?:who|what\s+patients|which\s+patients)\s+(?:is|are|should)\s+not\b"
            r"|\bnot\s+(?:a\s+)?(?:good\s+)?candidates?\b|\breasons?\s+(?:i|you|one|"
            r"someone)\s+(?:should\s+not|shouldn't)\b|\bcontraindicat\w*|\bshould\s+not\s+"
            r"(?:try|take|get|have|use)\b|\bwho\s+shouldn't\b",
            re.IGNORECASE,
        ),
        holds=_SAYS_WHO_NOT,
        examples=(
            "Who is Not a Good Candidate for Ketamine Therapy?",
            "Are there medical or mental health reasons I should not try ketamine?",
            "what are the contraindications for ketamine?",
        ),
        lookalikes=("who is a good candidate for ketamine?", "who is ketamine for?"),
    ),
    Rule(
        name="duration",
        why="asks how long one session lasts; only a passage that gives minutes or hours "
        'says ("within hours" is how soon, not how long)',
        asks=re.compile(
            r"\bhow\s+long\s+(?:does|do|will|is|are)\s+(?:each|an?|the|one|every|my)\s+"
            r"(?:\w+\s+)?(?:treatment|session|infusion|appointment|visit)s?\b(?!\s+(?:take\s+to\s+|"
            r"to\s+)?(?:work|help|kick|start|effects?|relief))"
            r"|\bhow\s+long\s+(?:do|does|will)\s+(?:ketamine\s+|iv\s+)?(?:infusions?|sessions?|"
            r"appointments?)\s+last\b"
            r"|\bduration\s+of\s+(?:a|an|the|each|one)\s+(?:\w+\s+)?(?:infusion|session|treatment|"
            r"appointment)\b",
            re.IGNORECASE,
        ),
        holds=_HAS_DURATION,
        examples=(
            "How long does each treatment last?",
            "how long is an infusion session?",
            "How Long Do Ketamine Infusions Last?",
            "What is the duration of a ketamine infusion for OCD?",
        ),
        lookalikes=(
            "how long does the relief last?",
            "how long does the treatment take to work?",
            "How Long Does Ketamine Infusion Take to Work?",
            "How long do the benefits of ketamine infusion last?",
        ),
    ),
    Rule(
        name="other_condition",
        why="asks whether it treats a condition other than OCD; a passage that never names "
        "that condition does not say",
        asks=re.compile(
            r"\b(?:treat|treats|treating|treatment\s+for|helps?|help\s+with|ease|cure|work\s+"
            r"(?:for|on)|used\s+for|effective\s+(?:for|in)|good\s+for|approved\s+for)\s+"
            # Greedy: "ease pain in fibromyalgia patients" asks about fibromyalgia.
            r"(?:\w+\s+){0,3}(?P<condition>" + _CONDITIONS + r")\b",
            re.IGNORECASE,
        ),
        holds=_names_the_condition,
        examples=(
            "Does ketamine treat fibromyalgia?",
            "How does ketamine help with anxiety?",
            "Can ketamine help with chronic stress?",
            "Can Ketamine Really Ease Pain in Fibromyalgia Patients?",
        ),
        lookalikes=("I have depression and OCD, can ketamine help?", "can ketamine treat my ocd?"),
    ),
    Rule(
        name="other_treatment",
        why="asks about a treatment other than ketamine; a passage that never names it "
        "does not speak of it",
        asks=re.compile(
            r"^(?!.*"
            + _ABOUT_KETAMINE_OR_A_HISTORY
            + r").*?\b(?P<treatment>"
            + _TREATMENTS
            + r")\b",
            re.IGNORECASE | re.DOTALL,
        ),
        holds=_names_the_treatment,
        examples=(
            "Who is a good candidate for TMS?",
            "How much do SSRIs help with OCD?",
            "Why is ERP helpful for OCD?",
            "How Long Does Exposure and Response Prevention Take to Work?",
            "What is a PRP injection?",
        ),
        lookalikes=(
            "Can antidepressants help OCD?",
            "am i a candidate if ssris didnt help me",
            "ive been on ssris for 3 years and did a whole course of cbt. barely any change. "
            "is that normal?",
            "how quick compared to regular antidepressants",
            "will ketamine help my OCD if SSRIs failed?",
            "is it like a nasal spray?",
        ),
    ),
    Rule(
        name="condition_detail",
        why="asks how fast, how long, how well, how safely or on what evidence ketamine "
        "treats a condition other than OCD; a passage that names the condition but says "
        "nothing of that does not answer it",
        asks=re.compile(
            r"^(?=.*\b(?:"
            + _CONDITIONS
            + r"|depressive)\b).*?(?:"
            + "|".join(f"(?P<{name}>{ask})" for name, (ask, _) in _CONDITION_ASPECTS.items())
            + ")",
            re.IGNORECASE | re.DOTALL,
        ),
        holds=_speaks_to_the_aspect,
        examples=(
            "How Quickly Does Ketamine Work for Depression Treatment?",
            "How Long Does Ketamine Treatment Take to Work for Depression?",
            "How effective is ketamine for depression?",
            "Is ketamine addictive when used for depression?",
            "What research has been done about Ketamine for depression, and what does it show?",
        ),
        lookalikes=(
            "can ketamine help with depression too",
            "Heard ketamine's being used for depression now. True or just hype",
            "how fast does it work?",
            "What makes ketamine different from ordinary psychiatric drugs, such that it is "
            "now being used in mental health?",
        ),
    ),
    Rule(
        name="approved_for",
        why="asks whether the treatment, or ketamine for a condition, is approved; a passage "
        "that calls ketamine an approved anesthetic does not say it is approved for that",
        asks=re.compile(
            r"\b(?:treatment|therapy|infusions?)\b[^.?!]{0,40}\bapprov\w*"
            r"|\bapprov\w*\s+(?:by\s+the\s+fda\s+)?(?:for|to\s+treat|in)\s+(?:the\s+)?"
            r"(?:treat\w*|ocd|obsessive|depression|mental|anxiety|pain)",
            re.IGNORECASE,
        ),
        holds=_mentions(r"\bapprov(?:ed|al)\s+(?:for|to\s+treat)\b"),
        examples=(
            "Is ketamine infusion therapy FDA approved for OCD treatment?",
            "is ketamine treatment fda approved",
            "Is Ketamine-Based Treatment Approved By The FDA?",
            "Is ketamine approved for OCD?",
        ),
        lookalikes=(
            "is ketamine fda approved",
            "Is ketamine an approved medicine, or is it something experimental?",
            "What is ketamine's main approved clinical use outside psychiatry?",
        ),
    ),
    Rule(
        name="named_effects",
        why="asks about one kind of effect (immediate, side, dissociative...); a passage "
        "that never names that kind speaks of other effects",
        asks=re.compile(
            r"\b(?P<which>immediate|acute|short[\s-]term|dissociative|psychedelic|"
            r"hallucinogenic|after|lingering|residual|sexual|cognitive|physical|side)"
            r"[\s-]+effects?\b",
            re.IGNORECASE,
        ),
        holds=lambda passage, ask: ask.group("which").lower()[:5] in passage.lower(),
        examples=(
            "How Long Do the Immediate Effects Last?",
            "How long do the side effects last?",
            "what are the dissociative effects like?",
        ),
        lookalikes=("how long do the effects last", "How Long Do the Effects of Ketamine Last?"),
    ),
    Rule(
        name="visit",
        why="asks what happens at a visit or infusion, or what to do or expect there; a "
        "passage that does not walk through a session does not say",
        asks=re.compile(
            r"\bwhat\s+(?:will\s+|does\s+|should\s+i\s+|do\s+i\s+)?(?:happens?|expect|do)\s+"
            r"(?:\w+\s+){0,3}?(?:during|at|in|before|prior\s+to|after)\s+(?:\w+\s+){0,3}?"
            r"(?:infusions?|sessions?|visits?|appointments?|treatments?|therapy)\b"
            r"|\b(?:during|before|prior\s+to|after)\s+(?:the\s+|my\s+|an?\s+)?(?:infusion|"
            r"session|visit|appointment|treatment)\b[^?]*\bwhat\s+(?:should|do|can)\s+i\s+do\b"
            r"|\bfirst\s+(?:visit|appointment|session|infusion)\s+like\b"
            r"|\bwhat\s+(?:should|can|do)\s+i\s+expect\s+(?:from|during|at|on|in)\b"
            r"|\bwhat\s+(?:is|was|'s|will\s+it\s+be)\s+(?:it\s+)?like\s+to\s+(?:have|get|receive|"
            r"do|go\s+through)\b",
            re.IGNORECASE,
        ),
        holds=_mentions(
            r"\b(?:minutes?|monitor\w*|nurses?|chairs?|arrive|check[\s-]in|vitals?|you\s+will)\b"
        ),
        examples=(
            "What will happen during my infusion visit?",
            "During the Infusion what should I do?",
            "WHAT'S THE FIRST VISIT LIKE?",
            "What should I expect from ketamine infusion therapy for OCD?",
            "What is it like to have a ketamine infusion?",
        ),
        lookalikes=(
            "What Happens if OCD Goes Untreated?",
            "what happens in the brain in someone with ocd",
            "is one infusion enough to notice something or do i need a bunch first before "
            "anything happens",
            "how is the infusion given?",
        ),
    ),
    Rule(
        name="tell_apart",
        why="asks how OCD (or ketamine) differs from something else; a passage that never "
        "names that other thing cannot tell the two apart",
        asks=re.compile(
            r"\bsame\s+(?:thing\s+)?as\s+(?P<same>[^?.!,;]{3,50})"
            r"|\bdifference\s+between\s+(?P<between>[^?.!;]{3,80})"
            r"|,?\s+or\s+(?:do|does|is|are|could|might)\s+(?:you|i|they|he|she|it|this|that)\s+"
            r"(?:have|has|be)\s+ocd\b",
            re.IGNORECASE,
        ),
        holds=_names_the_other_thing,
        examples=(
            "Is OCD the same as wanting to be organised?",
            "Do you know the difference between ‘being organised’ and having OCD?",
            "Are you a perfectionist, or do you have OCD?",
            "is this normal worry, or could it be OCD?",
        ),
        lookalikes=(
            "is ketamine the same as an anesthetic?",
            "What makes ketamine different from ordinary psychiatric drugs?",
            "do i have ocd?",
        ),
    ),
    Rule(
        name="how_common",
        why="asks how common something is or who gets it; a passage with no figure and no "
        "word of how common does not say",
        asks=re.compile(
            r"\bhow\s+(?:common|rare)\b|\bprevalen\w*|\bmost\s+common\b|\bwho\s+gets\b"
            r"|\bhow\s+many\s+(?:people|patients|americans|adults|children|kids)\b",
            re.IGNORECASE,
        ),
        holds=_mentions(r"\d|\b(?:common\w*|prevalen\w*|percent|million|rare|one\s+in)\b"),
        examples=(
            "How Common Is Treatment-Resistant OCD?",
            "What is the prevalence of OCD in US adults?",
            "Who Gets OCD?",
            "In an adult patient with OCD, which is the most common obsession?",
        ),
        lookalikes=("who is ketamine for?", "is ocd common in kids?"),
    ),
    Rule(
        name="kind_of_disorder",
        why="asks whether OCD is, or how it relates to, a named kind of disorder (anxiety, "
        "personality...); a passage that never names that kind does not say",
        asks=re.compile(
            r"\b(?:is|consider\w*|classif\w*\s+as)\s+(?:ocd|obsessive[\s-]compulsive\s+disorder"
            r"(?:\s+\(ocd\))?|it)\s+(?:as\s+)?(?:an?\s+)?(?P<kind>" + _DISORDER_KINDS + r")\s+"
            r"(?:disorders?|illness|condition|disease)\b"
            r"|\bocd\s+and\s+(?P<other>" + _DISORDER_KINDS + r")\s+disorders?\b",
            re.IGNORECASE,
        ),
        holds=lambda passage, ask: bool(
            re.search(
                rf"\b{ask.group('kind') or ask.group('other')}\s+(?:disorders?|illness|condition)",
                passage,
                re.IGNORECASE,
            )
        ),
        examples=(
            "Is OCD An Anxiety Disorder?",
            "Does the DSM consider OCD an anxiety disorder?",
            "How are OCD and anxiety disorders related?",
        ),
        lookalikes=(
            "Is obsessive compulsive disorder a mental illness?",
            "is ocd just being a neat freak or is it an actual illness",
        ),
    ),
    Rule(
        name="best_treatment",
        why="asks which treatment is best or most effective; a passage that names treatments "
        "without ranking them does not say (the comparison rule lets through any passage "
        "that sets ketamine against the usual treatments)",
        asks=re.compile(
            r"\b(?:best|most\s+effective)\s+(?:\w+\s+)?(?:treatments?|therap(?:y|ies)|options?)\b"
            r"|\bwhich\s+(?:\w+\s+){0,3}?(?:treatments?|therap(?:y|ies))\s+(?:is|are|works?)\s+"
            r"(?:the\s+)?(?:best|most\s+effective)\b",
            re.IGNORECASE,
        ),
        holds=_mentions(r"\b(?:best|most\s+effective|gold\s+standard|first[\s-]line)\b"),
        examples=(
            "What is the Best Treatment for OCD?",
            "Therapy or Medication: Which OCD Treatment is Best?",
            "Which therapy is most effective for treating OCD?",
        ),
        lookalikes=(
            "Which of the following is the best example of a compulsion?",
            "whats the usual first line treatment for ocd",
        ),
    ),
    Rule(
        name="what_lasts",
        why="asks how long something lasts; a passage that never names that thing speaks "
        "of something else lasting",
        asks=re.compile(
            r"\bhow\s+long\s+(?:do|does|will|would|can|could|is|are)\s+(?P<subject>(?:[\w'’-]+\s+)"
            r"{1,6}?)(?:usually\s+|typically\s+|actually\s+|really\s+)?last",
            re.IGNORECASE,
        ),
        holds=_names_what_lasts,
        examples=("How long do dental implants last?", "How long does Botox last for?"),
        lookalikes=(
            "how long does it last",
            "how long do the effects last",
            "How long do the effects of ketamine last for OCD?",
        ),
    ),
    Rule(
        name="side_effects",
        why="asks which side effects there are; a passage that names none cannot list them",
        asks=re.compile(
            r"\bwhat\s+(?:are|is)\s+(?:the\s+|some\s+)?(?:\w+\s+){0,2}?side[\s-]+effects?\b"
            r"|\bwhat\s+(?:\w+\s+)?side[\s-]+effects?\s+(?:does|do|can|will|are|is)\b"
            r"|\b(?:list|name)\s+(?:the\s+|some\s+)?side[\s-]+effects\b",
            re.IGNORECASE,
        ),
        holds=_NAMES_A_SIDE_EFFECT,
        examples=(
            "What are some possible side effects?",
            "What are potential side effects of Ketamine?",
            "what side effects does ketamine have?",
        ),
        lookalikes=("are there side effects?", "is ketamine safe?"),
    ),
    Rule(
        name="named_term",
        why="asks what an abbreviation means; a passage that never writes it does not explain it",
        asks=re.compile(
            # Case matters only in the term: an abbreviation is written in capitals.
            r"\b(?i:what\s+(?:is|are|does)\s+(?:an?\s+|the\s+)?)(?:\w+[\s-]+){0,4}?\(?"
            r"(?P<term>(?!OCD\b)[A-Z]{2,6})\)?(?i:\s+(?:stand\s+for|mean))?\s*\W*$"
        ),
        holds=_names_the_term,
        examples=(
            "What Is OCPD?",
            "What is Cognitive-Behavioral Therapy (CBT)?",
            "What is ketamine-assisted psychotherapy (KAP)?",
        ),
        lookalikes=("What is OCD?", "what is an NMDA receptor antagonist?"),
    ),
    Rule(
        name="diagnosis",
        why="asks how OCD is diagnosed or told apart; a passage that describes OCD without "
        "speaking of diagnosis does not say",
        asks=re.compile(
            r"\bwho\s+can\s+be\s+diagnosed\b|\bhow\s+(?:is|are)\s+(?:ocd|it)\s+diagnosed\b"
            r"|\bdiagnos(?:e|es|is|ing)\s+(?:ocd|it)\b|\bhow\s+(?:do|can|would)\s+(?:you|i|one|"
            r"someone|people)\s+(?:know|tell)\s+(?:if|that|whether)\s+(?:you|i|they|someone|he|"
            r"she)\s+(?:have|has|are|is)\s+(?:ocd|obsessive\w*|an?\s+(?:\w+\s+)?disorder)",
            re.IGNORECASE,
        ),
        holds=_mentions(r"\bdiagnos\w*"),
        examples=(
            "How do you know that you have OCD?",
            "WHO CAN BE DIAGNOSED OCD?",
            "So how do you tell if you are obsessive-compulsively washing your hands?",
        ),
        lookalikes=(
            "My grandson has recently been diagnosed with obsessive-compulsive disorder. "
            "Could you kindly explain to me what this condition is?",
            "How do I know if ketamine is for me?",
        ),
    ),
    Rule(
        name="cure",
        why="asks whether it is a cure; a passage that speaks of treatment and relief, never "
        "of a cure, does not say",
        asks=re.compile(
            r"\b(?:is|will|can|does|would)\s+(?:it|ketamine|this|that|\w+\s+therapy)\s+"
            r"(?:\w+\s+)?(?:an?\s+)?cures?\b"
            # Whether OCD itself can be cured, by anyone.
            r"|\b(?:can|will|could)\s+(?:you|they|doctors|anyone|ocd|it)\s+(?:be\s+)?cured?\b"
            r"|\bis\s+(?:there\s+a\s+cure|ocd\s+curable)\b",
            re.IGNORECASE,
        ),
        holds=_mentions(r"\bcur(?:e|es|ed|ing)\b"),
        examples=(
            "Is Ketamine a cure for depression?",
            "will ketamine cure my ocd forever",
            "Can OCD be cured permanently?",
            "Can You Cure OCD? What Recovery Really Looks Like",
            "is there a cure for ocd?",
        ),
        lookalikes=("What If Medications Don’t Cure my OCD?", "does it work for ocd?"),
    ),
    Rule(
        name="date",
        why="asks when something happened or in what year; only a dated passage answers",
        asks=re.compile(
            r"\b(?:when\s+(?:was|were|did|had)|(?:what|which)\s+year|since\s+when|"
            r"how\s+long\s+ago|in\s+what\s+year)\b",
            re.IGNORECASE,
        ),
        holds=_has_date,
        examples=(
            "when was ketamine first approved by the FDA?",
            "what year did doctors start using ketamine for depression?",
            "since when has ketamine been used for OCD?",
        ),
        lookalikes=(
            "when will I start to feel better?",
            "how long does the relief last?",
            "is ketamine FDA approved?",
        ),
    ),
    Rule(
        name="count",
        why="asks how many; a passage with no count ('several') cannot say how many",
        asks=re.compile(
            r"\bhow\s+many\b|\bwhat\s+(?:percent(?:age)?|proportion|fraction|"
            r"share)\b",
            re.IGNORECASE,
        ),
        holds=_has_count,
        examples=(
            "how many infusions will I need?",
            "what percentage of patients respond to ketamine?",
            "how many people with OCD get better on ketamine?",
        ),
        lookalikes=(
            "how much ketamine do they give you, is it a big dose?",
            "does it work for many people?",
            "what is the success rate?",
        ),
    ),
    Rule(
        name="quoted_figure",
        why="quotes a figure (a share, a sum) to confirm or compute; the passage must hold it",
        asks=re.compile(
            # Not "8-12 weeks" or "24/7": a range or a slash is part of a story.
            r"\d+(?:\.\d+)?\s*(?:%|percent\b)|\d+\s*(?:times|x|\*|plus|minus|divided\s+by|"
            r"multiplied\s+by)\s*\d+",
            re.IGNORECASE,
        ),
        holds=_has_figure,
        examples=(
            "is it true ketamine improves ocd in 75% of patients?",
            "what's 17 times 23",
            "I read that 60 percent of people relapse, is that right?",
        ),
        lookalikes=(
            "i wash my hands like 40 times a day, is that a compulsion?",
            "my SSRI took 12 weeks to do anything, is ketamine faster?",
            "I'm 14 weeks pregnant, is it safe?",
        ),
    ),
    Rule(
        name="own_case",
        why="asks for a verdict on the asker's own case and says nothing about it; the "
        "article speaks of patients in general, never to one reader",
        asks=re.compile(
            r"\b(?:will|would|could|can|does|is)\s+(?:it|this|ketamine|that|the\s+\w+)\s+"
            r"(?:\w+\s+)?(?:work|help|be\s+right|be\s+good)\s+(?:for\s+)?(?:me|you)\s*\W*$"
            r"|\bhow\s+likely\b.*\b(?:me|i)\b"
            r"|\bis\s+(?:it|this|ketamine|\w+\s+therapy)\s+(?:right\s+)?for\s+(?:me|you)\b"
            r"|\b(?:it|this|ketamine|\w+\s+therapy)\s+is\s+(?:right\s+)?for\s+(?:me|you)\b"
            r"|\b(?:is|would\s+be)\s+(?:it|this|ketamine|\w+\s+therapy)\s+safe\s+for\s+"
            r"(?:me|everyone|everybody|anyone|all)\b"
            r"|\bdo\s+i\s+(?:have|suffer\s+from)\s+(?:ocd|an?\s+\w+\s+disorder|an?\s+ocd)\b"
            # Whether the reader has OCD, asked outright or as a screening question.
            r"|\b(?:could|might|do|does|can)\s+(?:you|i|u)\s+(?:have|be\s+suffering\s+from|"
            r"suffer\s+from)\s+(?:ocd|an?\s+ocd|obsessive\w*)\b"
            r"|\bdo\s+you\s+think\s+i\s+(?:have|might\s+have)\b"
            r"|^\W*(?:do|are)\s+(?:you|u)\s+(?:ever\s+|often\s+|sometimes\s+|constantly\s+)?"
            r"(?:feel\s+the\s+need|find\s+yourself|suffer\s+from|experience)\b",
            re.IGNORECASE,
        ),
        holds=_addresses_reader,
        examples=(
            "Will ketamine help me?",
            "How likely is it to help me?",
            "Is ketamine right for you?",
            "I wash my hands a lot, do I have OCD?",
            "How do I know if ketamine is for me?",
            "Is ketamine safe for everyone?",
            "Do you think I have OCD?",
            "Could YOU have OCD?",
            "Do you find yourself constantly washing your hands, even when they don't appear "
            "dirty?",
        ),
        lookalikes=(
            "can ketamine work when nothing else has worked for me",
            "am i a good candidate for ketamine",
            "do i have to fast before the infusion",
            "will ketamine help my OCD if SSRIs failed?",
            "do you offer ketamine for ocd?",
            "Could you please explain what obsessive-compulsive disorder is?",
        ),
    ),
    Rule(
        name="choice",
        why="asks to choose between named alternatives; a passage naming none of them "
        "makes no such comparison",
        asks=re.compile(
            r"\b(?:on|with|for|through|via|by)\s+(?:the\s+|an?\s+)?(?P<x>[a-z-]+)\s+or\s+"
            r"(?:the\s+|an?\s+)?(?P<y>[a-z-]+)\s*\W*$",
            re.IGNORECASE,
        ),
        holds=_names_an_alternative,
        examples=(
            "does ketamine work on glutamate or serotonin?",
            "is ketamine processed by the liver or kidneys?",
        ),
        lookalikes=(
            "is it a pill or an IV drip?",
            "is it long lasting or just temporary",
            "does it work for depression or only OCD?",
        ),
    ),
)


@dataclass(frozen=True)
class Unanswerable:
    """A rule that holds the question back from a passage, and the ask it found."""

    rule: Rule
    ask: str


def unanswerable(question: str, passage: str) -> Unanswerable | None:
    """The first rule whose ask the question makes and the passage cannot answer."""
    for rule in RULES:
        found = rule.asks.search(question)
        if found is not None and not rule.holds(passage, found):
            return Unanswerable(rule, found.group(0))
    return None
