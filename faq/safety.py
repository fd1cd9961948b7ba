"""Crisis detection: messages about suicide, self-harm or overdose get help first."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from faq import text

# Long, distinctive words are corrected for typos ("suicde", "overdoes", "myslef");
# short ones are not, because "putting" is one letter from "cutting".
_TYPO_TARGETS: tuple[str, ...] = (
    "suicide",
    "suicidal",
    "overdose",
    "overdosed",
    "overdosing",
    "myself",
    "overdoses",
)
_TYPO_CUTOFF = 80.0

# Death words used as figures of speech, removed before the crisis patterns are tried.
_IDIOMS = re.compile(
    r"\boverdos\w* on (?:coffee|caffeine|sugar|chocolate|candy|sweets|pizza|carbs|netflix|tv|"
    r"memes|cuteness|love|work|homework|studying|cookies|cake|energy drinks?|red bull|"
    r"news|music|anime|video games|social media|tiktok)\b"
)

# Recall matters more than precision here: a false alarm costs a patient one extra
# message, a miss can cost a life. Patterns run on folded text (lower case, no
# punctuation, apostrophes dropped: "don't" is "dont").
_DRUGS = (
    r"(?:\w+ )?(?:pills|meds|tablets|medication|medicine|ketamine|drugs?|xanax|benzos|"
    r"tylenol|painkillers|insulin|k|special k|heroin|fentanyl|opioids|oxy|alcohol|them)\b"
)
_PATTERNS: tuple[str, ...] = (
    r"\bsuicid\w*",
    r"\bsuicide\b",
    r"\b(?:kil+|kill\w*|unalive|off) ?(?:my|him|her|them|your|our)? ?(?:self|selves|slef)\b",
    r"\bunalive\w*",
    r"\blethal (?:dose|amount|quantity)\b",
    r"\bhow (?:many|much)\b.{0,60}\b(?:to|would|will|until|till) (?:die|kill|be fatal|"
    r"not wake up|never wake up|overdose|stop my heart)\b",
    r"\b(?:sleep|go to sleep|fall asleep|close my eyes) and (?:never|not) wake up\b",
    r"\b(?:to|and|i) (?:never|not) wake up(?: again)?\b",
    r"\b(?:goodbye|suicide|farewell) (?:letters?|notes?|messages?|texts?|videos?)\b",
    r"\b(?:im|i am|i m|think im|feel like im) dying\b"
    r"(?! to\b| of (?:laughter|boredom|curiosity|embarrassment|cringe)| laughing| lol| lmao| haha)",
    r"\btook (?:\d{2,}|twenty|thirty|forty|fifty|a hundred|dozens) (?:of )?(?:my |the )?" + _DRUGS,
    r"\b(?:mixed|combined|took|taken|had|drank) \w+(?: \w+)? (?:with|and|plus) "
    r"(?:alcohol|vodka|beer|wine|whiskey|drinks|booze|xanax|benzos|opioids|pills|heroin)\b",
    r"\bchest (?:feels |is |gets )?(?:tight|tightness|pain|hurts|crushing)\b",
    r"\bkms\b",
    r"\b(?:want|wish|need) (?:someone|somebody) (?:to|would) kill me\b",
    r"\bkys\b",
    r"\bend(?:ing)? (?:it all|my life|my own life|everything|myself)\b",
    r"\b(?:to|gonna|wanna|will|should|could|might|just|going to) end(?:ing)? (?:it|things)\b",
    r"\btake my (?:own )?life\b",
    r"\b(?:want|wants|wanted|wanna|wana|wnat|wamt|wan|going|gonna|ready|plan|plans|planning|"
    r"trying|try|deserve|deserves) (?:to )?die\b",
    r"\bhang(?:ing|ed)? (?:my|him|her|them) ?(?:self|selves)\b",
    r"\bgiv(?:e|en|ing) away (?:all |most |most of |all of )?(?:my|his|her) "
    r"(?:things|stuff|possessions|belongings|pets)\b",
    r"\b(?:wont|will not|not going to|not gonna|wont even) be (?:around|here|alive)\b",
    r"\b(?:wrote|written|writing|write) (?:letters?|notes?|goodbyes?) to (?:my|his|her|our) "
    r"(?:family|kids|children|parents|wife|husband|mom|mum|dad|friends|partner)\b",
    r"\bi (?:just )?(?:want|wanna) (?:to )?(?:be dead|disappear|not exist|stop existing)\b",
    r"\b(?:wish|rather) (?:i )?(?:was|were|be|am) dead\b",
    r"\bwish i (?:wasnt|werent|wasn t|was never|had never been) (?:here|alive|born)\b",
    r"\bbetter off (?:dead|without me|if i (?:was|were) gone|if i died)\b",
    r"\bno one would (?:miss|notice|care)\b",
    r"\bnobody would (?:miss|notice|care)\b",
    r"\b(?:dont|do not|dont really|no longer) (?:want|wanna) (?:to )?"
    r"(?:live|be alive|be here|exist|wake up|go on|keep going)\b",
    r"\bno (?:reason|point) (?:to|in|for) (?:me )?(?:live|living|keep going|keep living|go on|"
    r"going on|carry on|carrying on|being alive|be alive|being here|stay|staying|try|trying|"
    r"exist|existing)\b",
    r"\b(?:cant|can not|cannot) (?:go on|do this anymore|take it anymore|keep going)\b",
    r"\b(?:tired|sick) of (?:living|being alive|life|existing)\b",
    r"\blife (?:is not|isnt|aint) worth (?:living|it)\b",
    r"\bnot worth living\b",
    r"\b(?:hurt|hurting|harm|harming|cut|cutting|burn|burning|punish|punishing|starve|starving)"
    r" (?:my ?self|myself|myslef)\b",
    r"\bself ?harm\w*",
    r"\bself ?injur\w*",
    r"\b(?:been|started|start|keep|kept|still) cutting\b",
    r"\bcutting again\b",
    r"\bslit (?:my )?wrists?\b",
    r"\bhang (?:my ?self|myself)\b",
    r"\bnoose\b",
    r"\bjump (?:off|from) (?:a|the|this) (?:bridge|building|roof|cliff|balcony)\b",
    r"\bgun to my head\b",
    r"\boverdos\w*",
    r"\b(?:i|ive|i have|he|she|they|friend|someone|might have|may have) (?:just )?"
    r"od(?:d|ed|ing)?\b",
    r"\btook (?:a |the )?(?:whole|entire|full) (?:bottle|pack|packet|box|strip)\b",
    r"\b(?:took|taken|take|swallowed) too many\b",
    r"\b(?:took|taken|take|swallowed|had|used|did) (?:way )?too much (?:of )?(?:my |the )?"
    + _DRUGS,
    r"\b(?:swallowed|taken|took) (?:all|a bottle|a bunch|a handful|loads|lots|every)"
    r" (?:of )?(?:my |the |them )?" + _DRUGS,
    r"\b(?:saving|stockpiling|hoarding|collecting) (?:up )?(?:my |all my )?"
    r"(?:pills|meds|tablets|medication)\b",
    r"\b(?:cant|can not|cannot|not) breath(?:e|ing)\b",
    r"\b(?:wont|will not|isnt|is not) (?:wake|waking) up\b",
    r"\bunresponsive\b",
    r"\bgoodbye (?:forever|everyone|world)\b",
    r"\bsay(?:ing)? goodbye to (?:everyone|everybody|my family)\b",
    r"\bwrite (?:a|my) (?:suicide |goodbye )?note\b",
    r"\bdisappear forever\b",
    r"\bwant (?:it|everything) (?:all )?to (?:end|stop)\b",
)
_CRISIS = re.compile("|".join(f"(?:{pattern})" for pattern in _PATTERNS))


def _corrected(folded: str) -> str:
    """Replace near-misses of the crisis vocabulary by the word itself."""
    words = folded.split()
    replacements = {}
    for word in set(words):
        if len(word) >= 5 and word not in _TYPO_TARGETS:
            best = process.extractOne(
                word, _TYPO_TARGETS, scorer=fuzz.ratio, processor=None, score_cutoff=_TYPO_CUTOFF
            )
            if best is not None:
                replacements[word] = best[0]
    return " ".join(replacements.get(word, word) for word in words)


def is_crisis(message: str) -> bool:
    """True when a message suggests suicide, self-harm or an overdose."""
    folded = text.fold(message)
    if not folded:
        return False
    candidate = _IDIOMS.sub(" ", _corrected(folded))
    return _CRISIS.search(candidate) is not None
