"""English crisis rules: every wording the detector knows, named, with its evidence.

Recall matters more than precision here: a false alarm costs a patient one extra
message, a miss can cost a life. Patterns run on folded text (lower case, no
punctuation, apostrophes dropped: "don't" is "dont", "I'll" is "ill"), after common
misspellings of the key words are corrected and the idioms below are removed. Each
rule's examples are messages it must match, its look-alikes messages that share its
words but must not (tests/test_safety_rules.py runs both through the compiled set).
"""

from __future__ import annotations

from faq.crisis_rules_base import Idiom, Rule, RuleKind

# Oneself as patients write it, and with "yourself" and a common typo as well.
_ONESELF = r"(?:my ?self|meself|him ?self|her ?self|them ?sel(?:f|ves))"
_SELF = rf"(?:{_ONESELF}|your ?self|myslef)"
# Killing oneself and hurting oneself, with a word or two before "myself": "kill my own
# self", "cut up myself". Two lists, so a firing says which.
_KILL = (
    r"(?:kil+|kil+s|kil+ing|kil+ed|murder|hang|hangs|hanging|hanged|shoot|shooting|shot|stab|"
    r"stabbing|drown|drowning|poison|poisoning|off|offing|end|ending|unalive|suffocate|strangle)"
)
_HURT = (
    r"(?:hurt|hurts|hurting|harm|harms|harming|harmed|cut|cuts|cutting|burn|burns|burning|"
    r"burned|burnt|starve|starving|punish|punishing|hit|hits|hitting|punch|punching|scratch|"
    r"scratching|use|using)"
)
_PILLS = (
    r"(?:pills?|meds|tablets|medication|medicine|drugs|xanax|benzos?|lorazepam|ativan|valium|"
    r"klonopin|clonazepam|diazepam|alprazolam|tylenol|paracetamol|acetaminophen|ibuprofen|advil|"
    r"aspirin|painkillers|insulin|heroin|fentanyl|opioids|oxy\w*|"
    r"sertraline|zoloft|prozac|fluoxetine|sleeping pills?|ketamine|ket|ambien|zolpidem|"
    r"percocet|oxycodone|gabapentin|molly|mdma|pressed blues|blues|lithium|seroquel|"
    r"antidepressants|benzodiazepines|morphine|methadone|tramadol|codeine|"
    # Other psychiatric and sleep medicines patients with OCD are often prescribed, and
    # "pils" as often typed.
    r"quetiapine|olanzapine|zyprexa|risperidone|risperdal|aripiprazole|abilify|mirtazapine|"
    r"remeron|trazodone|amitriptyline|nortriptyline|clomipramine|anafranil|fluvoxamine|luvox|"
    r"paroxetine|paxil|citalopram|celexa|escitalopram|lexapro|venlafaxine|effexor|duloxetine|"
    r"cymbalta|bupropion|wellbutrin|lamotrigine|lamictal|propranolol|hydroxyzine|pregabalin|"
    r"lyrica|temazepam|zopiclone|promethazine|diphenhydramine|benadryl|esketamine|spravato|"
    r"antipsychotics|sleeping tablets|pils)"
)
# How much was swallowed, said as a heap rather than a number: "a whole bunch of",
# "a load of", "heaps of", "so many".
_HEAP = (
    r"(?:(?:a |an )?(?:whole |big |huge |massive )?(?:bunch|load|loads|lot|lots|ton|tons|heap|"
    r"heaps|pile|piles|mountain|shitload) of|(?:so |too |way too )?many|dozens of)"
)
# Swallowed, a container counts too: "necked half a bottle of", "downed a box of".
_LOTS = (
    rf"(?:{_HEAP}|(?:a |an )?(?:whole |full |entire )?(?:handful|handfuls|fistful|stack|bottle|"
    r"box|pack|packet|strip|sheet|bag|jar|tub|stash) of|half (?:a |the |my )?(?:bottle|box|pack|"
    r"packet|strip|jar) of)"
)
# Swallowing as an event, typos and learner English included ("tooked", "drink tablets").
_SWALLOWED = (
    r"(?:took|tooked|tookd|swallowed|swallow|drank|drink|drunk|ate|eat|popped|necked|downed|"
    r"chugged)"
)
_ALCOHOL = r"(?:alcohol|vodka|beer|wine|whiskey|whisky|booze|drinks|drinking|liquor|tequila)"
_KIN = (
    r"(?:family|kids|children|parents|wife|husband|mom|mum|dad|friends|partner|everyone|"
    r"everybody|son|daughter|sister|brother|girlfriend|boyfriend)"
)

# Means of dying that no patient mentions in an ordinary clinic question, by kind.
_FIREARM = r"(?:gun|guns|pistol|rifle|firearm)"
_ROPE = r"(?:rope|noose)"
_BLADE = r"(?:knife|knives|razor|razors|blade|blades)"
_HEIGHT = r"(?:bridge|roof|rooftop|ledge|cliff|balcony)"
_TRACKS = r"(?:platform|tracks|railway|motorway)"
_POISON = r"(?:bleach|poison)"
# Signs of intent: a time, readiness, a decision, a farewell, or fixing on the means.
_INTENT = (
    r"(?:tonight|right now|rn|one last|last time|last question|goodbye|good bye|farewell|ready|"
    r"plan|planned|planning|courage|decided|answer it|not joking|for real|fr|no cap|keep thinking|"
    r"cant stop thinking|keep looking at|keep staring at|cant stop looking|holding it|holding them|"
    r"in my lap|just wanted someone to know|someone to know|next train|up here|the edge|"
    r"bought a gun|got the knife|\w+ won)"
)

# Figures of speech removed before the rules run, in this order (the first that fits at
# a position wins, as in one alternation).
IDIOMS: tuple[Idiom, ...] = (
    Idiom(
        name="overdosed-on-treats",
        pattern=(
            r"\boverdos\w* on (?:coffee|caffeine|sugar|chocolate|candy|sweets|pizza|carbs|netflix|"
            r"tv|memes|cuteness|love|work|homework|studying|cookies|cake|energy drinks?|red bull|"
            r"news|music|anime|video games|social media|tiktok)\b"
        ),
        examples=(
            "overdosed on coffee lol",
            "I overdosed on Netflix this weekend instead of doing my exposure homework",
        ),
    ),
    # Wanting something very much. No rule reads it as a crisis, but its meaning sits
    # near "I'm going to kill myself if this treatment doesn't work" for the semantic
    # net, which reads the message without its idioms.
    Idiom(
        name="would-kill-for",
        pattern=r"\b(?:id|i would|would|wed|we would) (?:literally |honestly |totally )?kill for\b",
        examples=(
            "honestly i'd kill for a good night's sleep",
            "I'd kill for a parking space near your building",
        ),
        for_net=True,
    ),
    # Everyday accidents and figures of speech with "myself".
    Idiom(
        name="cut-myself-a-slice",
        pattern=(
            r"\bcut (?:myself|me) (?:a|an|some|another|my) (?:slice|piece|bit|chunk|wedge|sandwich|"
            r"slack|break)\b"
        ),
        examples=("I cut myself a slice of cake before coming",),
    ),
    Idiom(
        name="cut-myself-shaving",
        pattern=r"\bcut myself (?:while |when )?(?:shaving|cooking|chopping|gardening)\b",
        examples=("cut myself shaving, fine for the IV?",),
    ),
    # Doing a job oneself: "i cut the grass myself".
    Idiom(
        name="did-the-job-myself",
        pattern=(
            r"\b(?:cut|cutting|trim|trimmed|trimming) (?:the |my |our )?(?:grass|lawn|hedges?|hair|"
            r"fringe|bangs|nails|wood|fabric|cake|bread)(?: \w+)? (?:myself|ourselves)\b"
        ),
        examples=("i cut the grass myself",),
    ),
    Idiom(
        name="shot-myself-in-the-foot",
        pattern=(
            r"\b(?:shot|shoot|shooting) (?:myself|me|him ?self|her ?self|ourselves|"
            r"themselves) in the foot\b"
        ),
        examples=("shot myself in the foot by booking on a workday",),
    ),
    Idiom(
        name="burned-myself-cooking",
        pattern=r"\bburn\w* myself (?:while |when )?(?:cooking|baking)\b",
        examples=("burned myself cooking dinner, can I still have the infusion?",),
    ),
    Idiom(
        name="cut-down-on",
        pattern=r"\bcut(?:ting)? (?:down|back) on\b",
        examples=("i want to cut down on caffeine before the infusion",),
    ),
    Idiom(
        name="cut-my-hair",
        pattern=r"\bcut (?:my|his|her) (?:nails|hair|fringe|bangs)\b",
        examples=("do i need to cut my nails before the infusion?",),
    ),
    # Hoping the illness goes for good is not wishing to be gone.
    Idiom(
        name="illness-gone-for-good",
        pattern=(
            r"\b(?:ocd|symptoms|obsessions|compulsions|rituals|checking|"
            r"side effects) (?:\w+ )?(?:be |is |are |stay |stays )?gone (?:for good|forever|"
            r"permanently)\b"
        ),
        examples=("will the ocd be gone for good",),
    ),
    # Games: dying, killing and jumping off cliffs are how you play.
    Idiom(
        name="died-in-a-game",
        pattern=(
            r"\b(?:died|dying|killed|jumped|kept dying)\b.{0,60}\b(?:respawn\w*|final boss|boss|"
            r"level|checkpoint|game|match|round|my character)\b"
        ),
        examples=("kept dying to the final boss so i jumped off the cliff to respawn lol",),
    ),
    # Fiction: what a character in a film, book or play does ("where a character
    # overdoses", "the movie character kills himself").
    Idiom(
        name="a-character-in-fiction",
        pattern=(
            r"\b(?:a|the|main|lead|one|another|their|our|my) (?:\w+ )?character (?:who |"
            r"that )?(?:\w+ )?(?:overdoses|overdosed|ods|dies|died|kills (?:him|her|them)sel(?:f|"
            r"ves)|killed (?:him|her|them)sel(?:f|ves)|commits suicide|attempts suicide|"
            r"self harms)\b"
        ),
        examples=(
            "watched a film where the main character overdoses, is parking free?",
            "The movie character kills himself at the end and I cried for an hour",
        ),
    ),
    # Topping up, not "topping myself".
    Idiom(
        name="topping-up",
        pattern=rf"\btop(?:s|ping|ped)? {_ONESELF} up\b",
        examples=("can i top myself up with coffee before the infusion",),
    ),
    # Coping with the treatment itself is a question for the clinic, not distress.
    Idiom(
        name="cope-with-the-treatment",
        pattern=(
            r"\bcope with (?:the |a |my )?(?:needles?|injections?|the iv|iv|drip|cannula|side "
            r"effects|nausea|dissociation|wait|waiting|cost|price|fasting|nasal spray)\b"
        ),
        examples=("i can't cope with needles, can i have the nasal spray instead?",),
    ),
)

RULES: tuple[Rule, ...] = (
    # Suicide and the wish to die: said outright, in slang, in formal or learner English,
    # as a passive wish, a burden, a plan, a farewell or last arrangements.
    Rule(
        name="suicide-word",
        kind=RuleKind.INTENT,
        pattern=r"\bsuicid\w*",
        examples=(
            "sucide",
            "SUICIDAL",
        ),
    ),
    Rule(
        name="unalive",
        kind=RuleKind.SLANG,
        pattern=r"\bunaliv\w*",
        examples=(
            "im gonna unalive myself",
            "want to unalive myself",
        ),
    ),
    Rule(
        name="kms",
        kind=RuleKind.SLANG,
        pattern=r"\bkms\b",
        examples=(
            "i want to kms",
            "kms",
        ),
    ),
    Rule(
        name="k-m-s-spelt-out",
        kind=RuleKind.SLANG,
        pattern=r"\bk m s\b",
        examples=("k.m.s",),
    ),
    Rule(
        name="kys",
        kind=RuleKind.SLANG,
        pattern=r"\bkys\b",
        examples=("everyone online tells me to kys and honestly maybe i should",),
    ),
    # Internet slang: "sewerslide", "self delete", "ctb" (catch the bus), "toaster bath".
    Rule(
        name="sewerslide",
        kind=RuleKind.SLANG,
        pattern=r"\bsewer ?(?:slide|slid|sliding|side)\w*",
        examples=(
            "sewer slide tonight fr",
            "sewerslide is looking real good rn ngl",
        ),
    ),
    Rule(
        name="self-delete",
        kind=RuleKind.SLANG,
        pattern=r"\bself ?(?:delet|terminat)\w*",
        examples=("thinking about self deleting",),
    ),
    Rule(
        name="ctb",
        kind=RuleKind.SLANG,
        pattern=r"\bctb\b",
        examples=(
            "gonna ctb this weekend",
            "ctb tonight. bye",
        ),
    ),
    Rule(
        name="toaster-bath",
        kind=RuleKind.SLANG,
        pattern=r"\btoaster bath\b",
        examples=("thinking about taking a toaster bath tonight",),
        lookalikes=("is the bath or shower ok after the infusion tonight",),
    ),
    # British and older slang: "top myself", "do herself in", "do away with myself".
    Rule(
        name="top-oneself",
        kind=RuleKind.SLANG,
        pattern=rf"\btop(?:s|ping|ped)? {_ONESELF}\b",
        examples=(
            "i might top myself",
            "I'm going to top myself, I'm not messing this time.",
        ),
        lookalikes=("can i top myself up with coffee before the infusion",),
    ),
    Rule(
        name="do-oneself-in",
        kind=RuleKind.SLANG,
        pattern=rf"\b(?:do|does|doing|did|done) {_ONESELF} in\b",
        examples=(
            "she keeps saying she'll do herself in",
            (
                "my mate's locked herself in the bathroom, there's blood coming under the door "
                "and she's been talking about doing herself in"
            ),
        ),
    ),
    Rule(
        name="do-away-with-oneself",
        kind=RuleKind.SLANG,
        pattern=rf"\bdo(?:ing)? away with {_ONESELF}\b",
        examples=("some days i want to do away with myself",),
        lookalikes=("can i do away with the fasting before the infusion?",),
    ),
    # Killing oneself, in any tense and with a word or two between: "kill my own self".
    Rule(
        name="kill-oneself",
        kind=RuleKind.INTENT,
        pattern=rf"\b{_KILL}(?: \w+){{0,2}} {_SELF}\b",
        examples=(
            "I want to kill myself",
            "i wanna kil myself",
        ),
        lookalikes=(
            "I'm absolutely killing it at my ERP homework this week, proud of myself",
            "hung myself out to dry in that chess endgame, total blunder",
        ),
    ),
    # Hurting oneself: cutting, burning, hitting, starving, "using on myself".
    Rule(
        name="hurt-oneself",
        kind=RuleKind.SELF_HARM,
        pattern=rf"\b{_HURT}(?: \w+){{0,2}} {_SELF}\b",
        examples=(
            "i keep hurting myself",
            "I hurt myself again",
        ),
        lookalikes=(
            (
                "I'm scared of knives because my OCD tells me I might lose control, even though "
                "I've never hurt anyone. Is that common?"
            ),
            "i cut the grass myself",
        ),
    ),
    Rule(
        name="kill-me-for-myself",
        kind=RuleKind.INTENT,
        pattern=(
            r"\b(?:want|wanna|thinking|think|plan|planning|try|trying|decided|ready|make) (?:to |"
            r"about |of )?(?:kill|killing|hurt|hurting|cut|cutting|die) me\b"
        ),
        examples=("I am thinking to kill me",),
        lookalikes=(
            "my boss will kill me if im late",
            "My boss is going to kill me if I'm late again, how long does a session take?",
        ),
    ),
    Rule(
        name="cut-me-with",
        kind=RuleKind.SELF_HARM,
        pattern=r"\b(?:cut|cutting|burn|burning|hurt|hurting) me with\b",
        examples=("I cut me with knife yesterday",),
        lookalikes=("Should I wear short sleeves or will you cut my sleeve for the IV?",),
    ),
    Rule(
        name="take-own-life",
        kind=RuleKind.INTENT,
        pattern=(
            r"\b(?:take|taking|took|end|ending|ended|finish|finishing|stop|stopping) (?:my|his|her|"
            r"their) (?:own )?life\b"
        ),
        examples=(
            "does ketamine help people who want to end their life? i want to end my life",
            "I want finish my life",
        ),
        lookalikes=(
            "this ocd is killing my social life",
            "i want to end treatment on my own terms",
        ),
    ),
    Rule(
        name="my-life-i-want-to-end-it",
        kind=RuleKind.INTENT,
        pattern=r"\bmy life,? i want (?:to )?(?:stop|end|finish) it\b",
        examples=("my life I want to stop it, is too much pain",),
        lookalikes=("this ocd is killing my social life",),
    ),
    Rule(
        name="end-it-all",
        kind=RuleKind.INTENT,
        pattern=r"\bend(?:ing)? (?:it all|everything|myself|things for good)\b",
        examples=(
            "im going to end it all tonight",
            "ready to end it all",
        ),
        lookalikes=("in the end it was fine",),
    ),
    Rule(
        name="going-to-end-it",
        kind=RuleKind.INTENT,
        pattern=(
            r"\b(?:to|gonna|wanna|will|ill|should|could|might|just|going to|about|"
            r"bout) end(?:ing)? (?:it|things)\b"
        ),
        examples=(
            "im going to end it all tonight",
            "I have lived long enough and intend to end it on my own terms.",
        ),
        lookalikes=(
            (
                "How do I stop the appointment reminder texts? I'd like to end them, I get three "
                "a day."
            ),
            "i want to end treatment on my own terms",
        ),
    ),
    Rule(
        name="wants-to-die",
        kind=RuleKind.INTENT,
        pattern=(
            r"\b(?:want|wants|wanted|wanting|wanna|wana|wnat|wamt|wan|wish|wishing|longing|going|"
            r"gonna|ready|plan|plans|planning|trying|try|deserve|deserves|make) (?:to )?die\b"
        ),
        examples=(
            "wnat to die",
            "i just want to die",
        ),
        lookalikes=(
            "i'm dying to know how fast it works",
            "I'd rather die than sing karaoke at the office party",
        ),
    ),
    Rule(
        name="wants-to-be-dead",
        kind=RuleKind.PASSIVE_WISH,
        pattern=(
            r"\b(?:i|he|she|they) (?:just )?(?:want|wants|wanna) (?:to )?(?:be dead|disappear|"
            r"not exist|stop existing)\b"
        ),
        examples=(
            "i want to disappear forever",
            "im such a burden on evryone, i just want to stop existing",
        ),
        lookalikes=(
            "I'm dead serious, does insurance cover this?",
            "I'm dead 💀😂 my dog just sneezed on the cat",
        ),
    ),
    Rule(
        name="wish-i-were-dead",
        kind=RuleKind.PASSIVE_WISH,
        pattern=(
            r"\b(?:wish|rather|better|better off) (?:i )?(?:was|were|be|am|to be)? ?(?:dead|ded)\b"
        ),
        examples=(
            "I wish I were dead",
            "For me is better to be dead",
        ),
        lookalikes=(
            "I'd rather die than sing karaoke at the office party",
            "I'm dead on my feet after the night shift, can I still come in for my appointment?",
        ),
    ),
    # Text speak: "wanna b ded", "want 2 die", "why am i still alive".
    Rule(
        name="wanna-b-ded",
        kind=RuleKind.PASSIVE_WISH,
        pattern=(
            r"\b(?:want|wants|wanna|wana|wish|rather) (?:to |2 )?(?:just )?(?:be|b) (?:dead|ded)\b"
        ),
        examples=(
            "wanna b ded",
            "idk y im still here tbh wanna b ded",
        ),
        lookalikes=("ugh I'm so dead, I forgot my intake paperwork at home",),
    ),
    Rule(
        name="want-2-die",
        kind=RuleKind.INTENT,
        pattern=r"\b(?:want|wants|wanna|wana|wish|ready|going|gonna) 2 die\b",
        examples=("i want 2 die",),
        lookalikes=("The pastries at the cafe next door are to die for",),
    ),
    Rule(
        name="why-am-i-still-alive",
        kind=RuleKind.PASSIVE_WISH,
        pattern=r"\b(?:why|y) (?:am i|im|i am|i m) still (?:alive|breathing|living)\b",
        examples=("why am i still alive honestly",),
        lookalikes=("why am i still so tired after the infusion",),
    ),
    Rule(
        name="wish-i-was-never-born",
        kind=RuleKind.PASSIVE_WISH,
        pattern=r"\bwish i (?:wasnt|werent|was never|had never been) (?:here|alive|born)\b",
        examples=("i wish i was never born",),
    ),
    Rule(
        name="better-off-dead",
        kind=RuleKind.BURDEN,
        pattern=r"\bbetter off (?:dead|without me|if i (?:was|were) gone|if i died)\b",
        examples=(
            "everyone would be better off without me",
            "I'd be better off dead honestly",
        ),
        lookalikes=(
            "I'm dead tired after work, can I move to a morning appointment?",
            "would i be better off with esketamine instead?",
        ),
    ),
    Rule(
        name="fine-without-me",
        kind=RuleKind.BURDEN,
        pattern=r"\b(?:relieved|happier|better|fine) without me\b",
        examples=(
            "I'm just a burden to my family and they'd be relieved without me",
            "My friends and family would be happier without me",
        ),
    ),
    Rule(
        name="no-one-would-miss-me",
        kind=RuleKind.BURDEN,
        pattern=(
            r"\b(?:no one|nobody|noone) (?:would|will|is going to) (?:even |really |"
            r"actually )?(?:miss|notice|care)\b"
        ),
        examples=(
            "nobody would even notice if i was gone",
            "Nobody would even notice if I disappeared",
        ),
        lookalikes=(
            "What happens if I miss a dose of my fluoxetine?",
            "my sister will murder me if I miss her wedding, can I move my session?",
        ),
    ),
    Rule(
        name="if-i-died",
        kind=RuleKind.PASSIVE_WISH,
        pattern=(
            r"\bif i (?:died|was dead|were dead|wasnt here|werent here|was gone|disappeared|"
            r"killed)\b"
        ),
        examples=(
            "nobody would even notice if i was gone",
            "Nobody would even notice if I disappeared",
        ),
        lookalikes=(
            (
                "My grandfather died of a heart attack, is ketamine safe for people with a family "
                "history of heart problems?"
            ),
            "that appointment wait nearly killed me, im dead tired now",
        ),
    ),
    Rule(
        name="doesnt-want-to-live",
        kind=RuleKind.PASSIVE_WISH,
        pattern=(
            r"\b(?:dont|doesnt|do not|does not|didnt|no longer|not|no) (?:really )?(?:want|wanna|"
            r"wants) (?:to )?(?:live|be alive|be here|exist|wake up|go on|keep going|keep living)\b"
        ),
        examples=(
            "i dont want to be alive anymore",
            "I not want live more",
        ),
        lookalikes=(
            (
                "Is bouldering OK the day after an infusion? I don't want to fall off the wall if "
                "I'm still dizzy."
            ),
            "ugh Mondays make me want to crawl into a hole and hibernate till spring",
        ),
    ),
    # Formal: "i no longer wish to continue living", "i do not wish to go on".
    Rule(
        name="no-longer-wish-to-live",
        kind=RuleKind.PASSIVE_WISH,
        pattern=(
            r"\b(?:dont|doesnt|do not|does not|no longer|not|no) (?:really )?(?:wish|wishes|desire|"
            r"care) (?:to )?(?:live|be alive|exist|go on|keep going|keep living|continue living|"
            r"continue to live|continue existing|carry on living|go on living|remain alive|"
            r"stay alive)\b"
        ),
        examples=(
            "I do not wish to go on living.",
            "Dear Sir or Madam, I find that I no longer wish to continue living.",
        ),
        lookalikes=(
            (
                "I get intrusive thoughts about swerving into oncoming traffic but I have zero "
                "desire to die, it just terrifies me. Is that OCD?"
            ),
        ),
    ),
    Rule(
        name="lived-long-enough",
        kind=RuleKind.PASSIVE_WISH,
        pattern=r"\b(?:ive|i have|i) lived long enough\b",
        examples=(
            "I have lived long enough and intend to end it on my own terms.",
            "I am an old man and I have lived long enough.",
        ),
    ),
    Rule(
        name="not-want-live-learner",
        kind=RuleKind.PASSIVE_WISH,
        pattern=r"\b(?:no|not) want (?:to )?(?:live|wake up|be alive|exist)\b",
        examples=(
            "I not want live more",
            "I no want wake up anymore",
        ),
    ),
    Rule(
        name="no-reason-to-live",
        kind=RuleKind.HOPELESSNESS,
        pattern=(
            r"\bno (?:reason|point) (?:to|in|for) (?:me )?(?:live|living|keep going|keep living|"
            r"go on|going on|carry on|carrying on|being alive|be alive|being here|stay|staying|"
            r"exist|existing)\b"
        ),
        examples=(
            "there's no reason to keep going",
            "no reason to live",
        ),
        lookalikes=("is there any reason to keep going with infusions if i feel better?",),
    ),
    Rule(
        name="point-of-living",
        kind=RuleKind.HOPELESSNESS,
        pattern=(
            r"\bpoint (?:of|in) (?:living|being alive|going on|staying alive)\b"
            # "no point in continuing this worthless and sad existence" (real_crisis_11_dev)
            r"|\bpoint (?:of|in) (?:continuing |carrying on |going on with )?(?:this |my )?"
            r"(?:\w+ ){0,3}(?:existence|life)\b"
        ),
        examples=(
            "there's no point in going on",
            "What's even the point of living with OCD this bad",
            "There is no point in continuing this worthless and sad existence when its "
            "prospects will not improve.",
            "whats the point of my life",
        ),
        lookalikes=(
            "what's the point of the intake form?",
            "what's the point of continuing with the infusions if I feel fine?",
        ),
    ),
    Rule(
        name="cant-go-on",
        kind=RuleKind.ENTRAPMENT,
        pattern=(
            r"\b(?:cant|can not|cannot) (?:go on|do this anymore|take it anymore|keep living|"
            r"keep going like this|live like this|keep living like this)\b"
        ),
        examples=(
            "cant do this anymore goodbye",
            "I can't do this anymore. I'm done.",
        ),
        lookalikes=("i can't do mornings anymore, any evening slots?",),
    ),
    Rule(
        name="how-much-longer-i-can-go-on",
        kind=RuleKind.ENTRAPMENT,
        pattern=r"\bhow much longer i can (?:keep going|go on|live|take)\b",
        examples=("idk how much longer i can keep going, i just wanna sleep forever",),
        lookalikes=("how much longer can i keep taking my ssri alongside ketamine?",),
    ),
    Rule(
        name="dont-think-ill-make-it",
        kind=RuleKind.HOPELESSNESS,
        pattern=(
            r"\b(?:dont|do not) think i(?:ll| will| can) (?:make it|last|survive|be here|"
            r"be around)\b"
        ),
        examples=(
            "don't think I'll make it through tonight",
            "what are your hours on saturday, i don't think i'll make it to monday",
        ),
        lookalikes=("if im not around on monday can my husband collect the prescription",),
    ),
    Rule(
        name="tired-of-living",
        kind=RuleKind.PASSIVE_WISH,
        pattern=r"\b(?:tired|sick) of (?:living|being alive|life|existing)\b",
        examples=(
            "I'm so tired of living",
            "tired of being alive. going to fix that tonight",
        ),
        lookalikes=(
            "I'm sick to death of waiting for my insurance approval",
            (
                "My OCD makes me check the stove 40 times, I'm sick of it and want to finally try "
                "something new"
            ),
        ),
    ),
    Rule(
        name="life-not-worth-living",
        kind=RuleKind.HOPELESSNESS,
        pattern=r"\blife (?:is not|isnt|aint) worth (?:living|it)\b",
        examples=(
            "life isn't worth living like this",
            "This life isn’t worth living.",
        ),
        lookalikes=("Is it worth giving it a shot even if SSRIs didn't work for me?",),
    ),
    # Nothing at all worth it any more (not one thing: "the drive isnt worth it").
    Rule(
        name="not-worth-it-none-of-it",
        kind=RuleKind.HOPELESSNESS,
        pattern=(
            r"\bnot worth (?:it|anything|living|fighting|trying|going on) (?:anymore|"
            r"any more)\b.{0,20}\b(?:none of it|nothing|any of it|all of it|life|living)\b"
        ),
        examples=("its not worth it anymore. none of it",),
        lookalikes=(
            "Is it worth giving it a shot even if SSRIs didn't work for me?",
            "I'm trying to cut down on caffeine, does that matter for the treatment?",
        ),
    ),
    Rule(
        name="nothing-worth-it-anymore",
        kind=RuleKind.HOPELESSNESS,
        pattern=(
            r"\b(?:none of (?:it|this)|nothing|nothings) (?:is |seems |feels )?worth (?:it|"
            r"anything|living) (?:anymore|any more)\b"
        ),
        examples=("nothing is worth it anymore",),
        lookalikes=("Is it worth giving it a shot even if SSRIs didn't work for me?",),
    ),
    Rule(
        name="not-worth-living",
        kind=RuleKind.HOPELESSNESS,
        pattern=r"\bnot worth living\b",
        examples=("honestly this is not worth living",),
        lookalikes=("Is it worth giving it a shot even if SSRIs didn't work for me?",),
    ),
    # The last hope gone, or giving up on every treatment: "ketamine was my last shot and
    # it failed. im done"; a bare "im done" is an everyday way to end a chat.
    Rule(
        name="last-hope-failed",
        kind=RuleKind.HOPELESSNESS,
        pattern=(
            r"\b(?:my|was|is) (?:last|final|only) (?:shot|hope|chance|resort)\b.{0,40}\b(?:failed|"
            r"didnt work|did not work|hasnt worked|has not worked|isnt working|is not working|"
            r"not working)\b"
        ),
        examples=(
            (
                "There's no point trying another treatment. Ketamine was my last shot and it "
                "failed. I'm done."
            ),
            (
                "I'm going to end my suffering myself since nothing works. ketamine was my last "
                "hope and it failed"
            ),
        ),
        lookalikes=("ketamine is my last hope, how soon can i start?",),
    ),
    Rule(
        name="nothing-works-im-done",
        kind=RuleKind.HOPELESSNESS,
        pattern=(
            r"\b(?:no point|pointless|nothing works|nothing helps|nothing has worked|"
            r"nothing worked|gave up|giving up|give up)\b.{0,80}\b(?:im|i am) (?:just |so |"
            r"completely |really )?done(?: trying| fighting| now| for good)?$"
        ),
        examples=(
            (
                "There's no point trying another treatment. Ketamine was my last shot and it "
                "failed. I'm done."
            ),
        ),
        lookalikes=(
            (
                "ok so bottom line, is ketamine a good option if ive been stuck with ocd for 10 "
                "years and nothing helps"
            ),
            "I'm done with my forms, what's next?",
        ),
    ),
    Rule(
        name="only-way-out",
        kind=RuleKind.ENTRAPMENT,
        pattern=r"\b(?:only|best|easiest) way out\b",
        examples=(
            "sucide seems like the only way out",
            "death feels like the only way out at this point",
        ),
        lookalikes=(
            (
                "Saw on the news the bridge downtown is closed for repairs, what's the best route "
                "to your clinic?"
            ),
        ),
    ),
    Rule(
        name="death-the-only-way",
        kind=RuleKind.ENTRAPMENT,
        pattern=(
            r"\bdeath (?:is|feels like|seems like|would be) (?:the )?(?:only|best|a relief|better|"
            r"easier)\b"
        ),
        examples=("death feels like the only way out at this point",),
        lookalikes=(
            (
                "Will the dissociation feel like dying? I read someone call it a near-death "
                "experience and it makes me nervous."
            ),
        ),
    ),
    Rule(
        name="gone-for-good",
        kind=RuleKind.INTENT,
        pattern=(
            r"\b(?:stop|end|over|out|gone|leave|leaving|sleep|rest) (?:for good|forever|"
            r"permanently)\b"
        ),
        examples=(
            "💊💊💊 🍷 = gone forever",
            "I take many pill for sleep forever",
        ),
        lookalikes=(
            "will the ocd be gone for good",
            "forever grateful for your help",
        ),
    ),
    # Ending it "with dignity" or "on my own terms" (not "end treatment on my own terms").
    Rule(
        name="end-it-on-my-own-terms",
        kind=RuleKind.INTENT,
        pattern=(
            r"\b(?:end|ending|ended) (?:it|it all|matters|things|my life|everything|"
            r"my days) (?:\w+ )?(?:on my own terms|with dignity|honou?rably)\b"
        ),
        examples=(
            "I have lived long enough and intend to end it on my own terms.",
            "I have resolved to end matters on my own terms before the winter comes.",
        ),
        lookalikes=("i want to end treatment on my own terms",),
    ),
    Rule(
        name="die-with-dignity",
        kind=RuleKind.INTENT,
        pattern=r"\b(?:die|dying|go|leave|exit|depart) (?:on my own terms|with dignity)\b",
        examples=("I want to go with dignity while I still can",),
        lookalikes=("i want to end treatment on my own terms",),
    ),
    Rule(
        name="want-it-all-over",
        kind=RuleKind.ENTRAPMENT,
        pattern=r"\b(?:it|everything) (?:all )?(?:to )?be over\b",
        examples=(
            "I just want it all to be over",
            (
                "how many of my clomipramine would be a lethal amount? asking because I want it "
                "to be over"
            ),
        ),
    ),
    Rule(
        name="want-it-all-to-stop",
        kind=RuleKind.ENTRAPMENT,
        pattern=r"\bit all to (?:end|stop)\b",
        examples=(
            "how much ketamine would it take to overdose. i just want it all to stop",
            (
                "not sure this is the right place but my roommate just took like 30 of her "
                "adderall and she's shaking and her heart's racing, she said she wanted it all to "
                "stop"
            ),
        ),
        lookalikes=(
            (
                "How do I stop the appointment reminder texts? I'd like to end them, I get three "
                "a day."
            ),
        ),
    ),
    Rule(
        name="so-it-would-all-end",
        kind=RuleKind.PASSIVE_WISH,
        pattern=(
            r"\b(?:so|then) (?:it would|i could|i would|i can) (?:all )?(?:end|die|be over|"
            r"stop existing)\b"
        ),
        examples=("my OCD is so bad I've started wishing I had cancer so it would all end",),
    ),
    Rule(
        name="wish-not-to-wake-up",
        kind=RuleKind.PASSIVE_WISH,
        pattern=(
            r"\b(?:wish|hope|pray|want|wanna|rather)\b.{0,40}\b(?:not|never|dont|wouldnt|wont|"
            r"no) (?:to )?wake up\b"
        ),
        examples=(
            "i wish i could go to sleep and never wake up",
            "I wish I wouldn't wake up tomorrow",
        ),
        lookalikes=(
            "i pray the treatment works",
            "I'd rather die than sing karaoke at the office party",
        ),
    ),
    Rule(
        name="sleep-and-never-wake",
        kind=RuleKind.PASSIVE_WISH,
        pattern=r"\b(?:sleep|go to sleep|fall asleep|close my eyes) and (?:never|not) wake up\b",
        examples=(
            "i wish i could go to sleep and never wake up",
            "i just want to fall asleep and never wake up. tonight i'm going to make sure i don't.",
        ),
        lookalikes=(
            (
                "Is it normal to go straight to sleep after an infusion? I was out like a light "
                "for three hours last time."
            ),
        ),
    ),
    Rule(
        name="sleep-forever",
        kind=RuleKind.PASSIVE_WISH,
        pattern=r"\bsleep forever\b",
        examples=(
            "I take many pill for sleep forever",
            "idk how much longer i can keep going, i just wanna sleep forever",
        ),
        lookalikes=(
            "forever grateful for your help",
            "Is it normal to go straight to sleep after an infusion?",
        ),
    ),
    # Not waking up or dying welcomed: "if i dont wake up that would be a relief".
    Rule(
        name="not-waking-a-relief",
        kind=RuleKind.PASSIVE_WISH,
        pattern=(
            r"\b(?:dont|didnt|never|not|wouldnt) wake up\b.{0,50}\b(?:relief|blessing|wouldnt mind|"
            r"for the best)\b"
        ),
        examples=(
            (
                "If I don't wake up after the ketamine that would honestly be a relief. can you "
                "make the dose higher?"
            ),
        ),
        lookalikes=("What a relief, I didn't wake up once last night after the infusion",),
    ),
    Rule(
        name="death-a-relief",
        kind=RuleKind.PASSIVE_WISH,
        pattern=(
            r"\b(?:die|died|dying|dead|death)\b.{0,30}\b(?:would be|be|is) (?:a |"
            r"such a )?(?:relief|blessing)\b"
        ),
        examples=("if I died tomorrow it would honestly be a relief",),
        lookalikes=(
            (
                "Will the dissociation feel like dying? I read someone call it a near-death "
                "experience and it makes me nervous."
            ),
            "My phone's nearly dead and I'm dying for a coffee, is there a cafe near the clinic?",
        ),
    ),
    Rule(
        name="relief-if-i-died",
        kind=RuleKind.PASSIVE_WISH,
        pattern=(
            r"\b(?:relief|blessing|wouldnt mind|would not mind)\b.{0,30}\bif i (?:never |didnt |"
            r"dont |did not |do not )?(?:wake up|woke up|die|died|were dead|was dead|was gone|"
            r"were gone)\b"
        ),
        examples=("it would be a relief if i never woke up",),
        lookalikes=("it would be a relief if i could sleep through the night",),
    ),
    Rule(
        name="hope-something-hits-me",
        kind=RuleKind.PASSIVE_WISH,
        pattern=r"\b(?:hope|wish|pray)\b.{0,25}\b(?:hits|kills|runs over) me\b",
        examples=("sometimes i hope a car hits me on the way to work",),
        lookalikes=(
            "i pray the treatment works",
            "i hope i dont crash on the drive home after an infusion",
        ),
    ),
    # Being killed by accident welcomed: "if a car hit me i wouldnt mind".
    Rule(
        name="hit-by-car-wouldnt-mind",
        kind=RuleKind.PASSIVE_WISH,
        pattern=(
            r"\b(?:car|bus|truck|lorry|train|van)\b.{0,15}\b(?:(?:hit|hits|killed|kills|ran over|"
            r"runs over|run over) me|(?:ran|runs|run|knocked|knocks) me (?:over|"
            r"down))\b.{0,50}\b(?:wouldnt|would not|dont|do not|wont|would) (?:even |really |"
            r"honestly |actually )?(?:mind|care|be sad|be a relief|be a blessing)\b"
        ),
        examples=(
            "if a bus ran me over i really wouldnt mind",
            "If a car hit me on the way to my appointment I honestly wouldn't mind.",
        ),
        lookalikes=(
            "a car hit me last year and my back still hurts, is the infusion chair comfortable?",
        ),
    ),
    Rule(
        name="wouldnt-mind-if-hit-by-car",
        kind=RuleKind.PASSIVE_WISH,
        pattern=(
            r"\b(?:wouldnt|would not|dont|do not) (?:even |really |honestly |actually )?(?:mind|"
            r"care)\b.{0,20}\b(?:if|when) (?:a|the|some) (?:\w+ )?(?:car|bus|truck|lorry|train|"
            r"van) (?:hit|hits|ran over|runs over|killed|kills)\b"
        ),
        examples=("i wouldnt even care if a bus hit me tomorrow",),
        lookalikes=("i wouldnt mind if the nurse called me when a slot opens",),
    ),
    Rule(
        name="wouldnt-mind-dying",
        kind=RuleKind.PASSIVE_WISH,
        pattern=(
            r"\b(?:wouldnt|would not) (?:even |really |honestly |actually )?mind (?:dying|"
            r"being dead|not waking up|getting hit|being hit|not being here)\b"
        ),
        examples=("honestly i wouldnt mind dying",),
        lookalikes=("i wouldnt mind an earlier slot if one comes up",),
    ),
    Rule(
        name="drive-into-a-wall",
        kind=RuleKind.INTENT,
        pattern=(
            r"\b(?:drive|driving|crash|crashing|steer|steering) (?:my )?(?:car )?into (?:a|"
            r"the) (?:wall|tree|truck|river|bridge|lake|oncoming)\b"
        ),
        examples=(
            "hoping i'll crash into a tree on the way home",
            "planning to drive my car into a tree on the highway tomorrow",
        ),
        lookalikes=(
            "i hope i dont crash on the drive home after an infusion",
            "i get intrusive thoughts about swerving into oncoming traffic, is that ocd",
        ),
    ),
    # Into traffic, thought over or wanted: "ive thought about swerving into oncoming
    # traffic", "nearly stepped out into traffic". Said by the person, not an OCD intrusion
    # ("intrusive thoughts about swerving into traffic"), not "ran into traffic" (delayed).
    Rule(
        name="into-traffic",
        kind=RuleKind.INTENT,
        pattern=(
            r"\b(?:(?:ive|i have|i|been|keep|kept|im) (?:thought about|been thinking about|"
            r"thinking about|think about|considered|considering|wanted to|want to|tried to|"
            r"planned to|planning to|planning on)|wanna|urge to|urges to|tempted to|gonna|going to|"
            r"plan to|nearly|almost|close to) (?:just )?(?:drive|driving|drove|steer|steering|"
            r"swerve|swerving|swerved|veer|veering|veered|walk|walking|walked|step|stepping|"
            r"stepped|jump|jumping|jumped|throw myself|throwing myself) (?:out |my car |"
            r"the car )?into (?:the )?(?:oncoming|traffic|path of)\b"
        ),
        examples=(
            "ive been thinking about stepping into traffic",
            "I've thought about swerving into oncoming traffic every single day this week",
        ),
        lookalikes=(
            "i get intrusive thoughts about swerving into oncoming traffic, is that ocd",
            (
                "I get intrusive thoughts about swerving into oncoming traffic but I have zero "
                "desire to die, it just terrifies me."
            ),
        ),
    ),
    Rule(
        name="burden-they-would-be-relieved",
        kind=RuleKind.BURDEN,
        pattern=r"\bburden\b.{0,40}\b(?:without me|better off|relieved)\b",
        examples=(
            "I'm such a burden, they'd all be relieved if I was gone",
            "I'm just a burden to my family and they'd be relieved without me",
        ),
        lookalikes=("my family would be relieved if the infusions work",),
    ),
    Rule(
        name="i-am-a-burden",
        kind=RuleKind.BURDEN,
        pattern=r"\b(?:im|i am|feel like|being) (?:just |such )?(?:a|such a) burden\b",
        examples=(
            "I'm such a burden, they'd all be relieved if I was gone",
            "I'm just a burden and I've figured out how to fix that.",
        ),
        lookalikes=(
            "I don't want to be a burden on my husband for driving me, can I take a taxi home?",
        ),
    ),
    Rule(
        name="disappear-forever",
        kind=RuleKind.PASSIVE_WISH,
        pattern=r"\b(?:disappear|gone) forever\b",
        examples=(
            "💊💊💊 🍷 = gone forever",
            "i want to disappear forever",
        ),
        lookalikes=(
            "forever grateful for your help",
            "will the side effects disappear after a few hours?",
        ),
    ),
    # Wishing to vanish for good: "wish i could just disappear", "vanish and never come back".
    Rule(
        name="wish-to-disappear",
        kind=RuleKind.PASSIVE_WISH,
        pattern=(
            r"\b(?:wish|wishing|want|wanted|wanna) (?:i )?(?:could |would |"
            r"to )?(?:just )?(?:disappear|vanish|cease to exist)\b"
        ),
        examples=(
            "i want to vanish and never come back",
            "i want to disappear forever",
        ),
        lookalikes=("i want the intrusive thoughts to disappear, can ketamine do that?",),
    ),
    Rule(
        name="vanish-never-come-back",
        kind=RuleKind.PASSIVE_WISH,
        pattern=r"\b(?:disappear|vanish)\w*\b.{0,15}\bnever (?:come|coming|came) back\b",
        examples=(
            "i want to vanish and never come back",
            "I wish I could just disappear and never come back",
        ),
        lookalikes=("i want to go home and never come back to this clinic",),
    ),
    # Setting off and not coming back: "drive out to the lake and not come back", "walk
    # into the sea and never come back"; not "go home and never come back to this clinic".
    Rule(
        name="go-out-and-not-come-back",
        kind=RuleKind.INTENT,
        pattern=(
            r"\b(?:drive|driving|drove|walk|walking|walked|swim|swimming|swam|wander|wandering|"
            r"sail|sailing|row|hike|hiking|go out|going out|head out|"
            r"heading out)\b.{0,50}\band (?:just )?(?:not|never) (?:come|coming) back\b"
        ),
        examples=(
            "gonna drive to the coast and never come back",
            "Planning to drive out to the lake this weekend and not come back.",
        ),
        lookalikes=("i want to go home and never come back to this clinic",),
    ),
    Rule(
        name="goodbye-forever",
        kind=RuleKind.FAREWELL,
        pattern=r"\bgoodbye (?:forever|everyone|world|cruel)\b",
        examples=(
            "Goodbye forever.",
            "saying goodbye forever",
        ),
        lookalikes=("forever grateful for your help",),
    ),
    Rule(
        name="wanted-to-say-goodbye",
        kind=RuleKind.FAREWELL,
        pattern=r"\b(?:wanted|want|wanna|needed|just) to say (?:goodbye|bye forever|farewell)\b",
        examples=(
            "Just wanted to say goodbye and thank you to the clinic staff for trying with me",
        ),
        lookalikes=("just wanted to say thank you to the nurses",),
    ),
    Rule(
        name="saying-goodbye-to-everyone",
        kind=RuleKind.FAREWELL,
        pattern=r"\bsay(?:ing)? goodbye to (?:everyone|everybody|my \w+)\b",
        examples=("He's been saying goodbye to everyone and gave away his guitar yesterday.",),
        lookalikes=("do I need to say goodbye to the nurse before I leave?",),
    ),
    Rule(
        name="sent-a-goodbye",
        kind=RuleKind.FAREWELL,
        pattern=(
            r"\b(?:texted|messaged|sent|said|wrote|posted)(?: me| us| everyone| his|"
            r" her)? (?:a )?(?:goodbye|farewell)\b"
        ),
        examples=(
            "cant do this anymore 😭😭 already said goodbye to my bestie",
            "my brother posted a goodbye note on instagram and his phone is off",
        ),
        lookalikes=("my sister texted me a good luck message before my first session",),
    ),
    Rule(
        name="note-for-family",
        kind=RuleKind.FAREWELL,
        pattern=(
            rf"\b(?:wrote|written|writing|write|left|leave) (?:a |my |some )?(?:goodbye |suicide |"
            rf"farewell )?(?:note|notes|letters?) (?:for|to) (?:my |his |her )?{_KIN}\b"
        ),
        examples=(
            "I've written goodbye letters to my family",
            "I wrote a note for my wife last night",
        ),
        lookalikes=("took a bunch of notes in the session",),
    ),
    Rule(
        name="goodbye-letters",
        kind=RuleKind.FAREWELL,
        pattern=r"\b(?:goodbye|suicide|farewell) (?:letters?|notes?|messages?|texts?|videos?)\b",
        examples=(
            "I've written goodbye letters to my family",
            "I found a suicide note in my dad's desk",
        ),
        lookalikes=("took a bunch of notes in the session",),
    ),
    Rule(
        name="giving-away-belongings",
        kind=RuleKind.LOGISTICS,
        pattern=(
            r"\bgiv(?:e|en|ing) (?:away )?(?:all |most |most of |all of )?(?:my|his|her) (?:things|"
            r"stuff|possessions|belongings|pets)\b"
        ),
        examples=(
            "deleting all my socials n giving my stuff away. its time 🕊️",
            "My teenager has been giving away all his things and saying goodbye to people",
        ),
        lookalikes=("Why doesn't giving in to the rituals actually make it go away?",),
    ),
    Rule(
        name="remember-me-by",
        kind=RuleKind.FAREWELL,
        pattern=r"\bremember me by\b",
        examples=(
            "I've been giving my stuff away to friends so they have something to remember me by",
        ),
    ),
    # A new will is a sign only with other last arrangements ("updated my will and
    # rehomed the cat"), not alone ("updated my will with my solicitor after moving").
    Rule(
        name="will-updated-among-arrangements",
        kind=RuleKind.LOGISTICS,
        pattern=(
            r"\b(?:updated|wrote|made|finished|redid|rewrote|changed|"
            r"sorted) (?:out )?my will\b.{0,80}\b(?:letters?|notes?|goodbye|cat|dog|pets?|sorted|"
            r"in order|calm|peace|ready|wont be|wont need|gave|giving|given|rehomed|new home|"
            r"cancelled|funeral|tonight)\b"
        ),
        examples=(
            "I've updated my will and found my cat a new home. Everything is sorted now.",
            "I updated my will and wrote letters to everyone. I'm at peace with my decision",
        ),
        lookalikes=("ive just updated my will with my solicitor, do you need my new address",),
    ),
    Rule(
        name="arrangements-then-will-updated",
        kind=RuleKind.LOGISTICS,
        pattern=(
            r"\b(?:letters?|notes?|goodbye|cat|dog|pets?|gave|giving|given|rehomed|new home|"
            r"cancelled|funeral|affairs)\b.{0,80}\b(?:updated|wrote|made|finished|redid|rewrote|"
            r"changed|sorted) (?:out )?my will\b"
        ),
        examples=("gave the dog to my sister and finally updated my will",),
        lookalikes=(
            (
                "I've just updated my will with my solicitor after moving house. Do I need to "
                "send my new address to you as well?"
            ),
        ),
    ),
    # Telling where the will is, or sharing out belongings: "my will is in the blue
    # folder", "finished writing out who gets what".
    Rule(
        name="where-my-will-is",
        kind=RuleKind.LOGISTICS,
        pattern=r"\bmy will (?:is|s) (?:in|under|inside|behind|on the|at the|kept)\b",
        examples=(
            "my will is under the mattress",
            "My will is in the blue folder in the hall drawer.",
        ),
        lookalikes=("my will is strong, i really want this to work",),
    ),
    Rule(
        name="who-gets-what",
        kind=RuleKind.LOGISTICS,
        pattern=(
            r"\b(?:writing|wrote|written|write|making|made|decided|deciding|sorting|sorted|listing|"
            r"listed|working) (?:out )?who (?:gets|should get|will get|inherits|has) (?:what|my)\b"
        ),
        examples=(
            "ive sorted out who gets my guitar and my records",
            "Just finished writing out who gets what. I feel calm for the first time in years.",
        ),
        lookalikes=("ok thanks, ive decided to book",),
    ),
    # Insurance that must pay out, death staged: "will my life insurance still pay out if it
    # looks like an accident".
    Rule(
        name="insurance-if-an-accident",
        kind=RuleKind.LOGISTICS,
        pattern=r"\binsurance\b.{0,60}\b(?:looks?|seems?|appears?) like (?:an |a )?accident\b",
        examples=(
            "does the insurance pay if it seems like an accident",
            (
                "Will my life insurance still pay out if it looks like an accident? Asking for my "
                "kids' sake."
            ),
        ),
        lookalikes=(
            "running late, looks like an accident on the motorway",
            "does my insurance cover accidents after the infusion",
        ),
    ),
    Rule(
        name="make-it-look-like-an-accident",
        kind=RuleKind.PLAN,
        pattern=(
            r"\b(?:make|making|made) (?:it|this|my death) (?:look|seem|appear) like (?:an |"
            r"a )?accident\b"
        ),
        examples=("how do i make it look like an accident so my kids get the insurance",),
        lookalikes=("running late, looks like an accident on the motorway",),
    ),
    Rule(
        name="at-peace-with-my-decision",
        kind=RuleKind.PLAN,
        pattern=r"\bat peace with my decision\b",
        examples=(
            "I updated my will and wrote letters to everyone. I'm at peace with my decision",
        ),
    ),
    Rule(
        name="wont-be-around",
        kind=RuleKind.FAREWELL,
        pattern=r"\b(?:wont|will not|not going to|not gonna|wont even) be (?:around|here|alive)\b",
        examples=(
            "I won't be here after Friday.",
            "I rehomed my cat because I won't be here to take care of her",
        ),
        lookalikes=(
            "im not sure ill be here next week, im travelling, can i reschedule",
            "if im not around on monday can my husband collect the prescription",
        ),
    ),
    # Doubting one will still be alive: "not sure ill still be here next week",
    # "i dont see myself alive by christmas".
    Rule(
        name="doubt-ill-still-be-here",
        kind=RuleKind.HOPELESSNESS,
        pattern=(
            r"\b(?:not sure|dont know if|dont know whether|doubt|unsure|not certain|"
            r"no idea if)\b.{0,15}\b(?:still be (?:here|around|alive)|be alive)\b"
        ),
        examples=(
            "i doubt ill still be around by summer",
            "Also I'm not sure I'll still be here next week so maybe it doesn't matter.",
        ),
        lookalikes=("im not sure ill be here next week, im travelling, can i reschedule",),
    ),
    Rule(
        name="cant-see-myself-alive",
        kind=RuleKind.HOPELESSNESS,
        pattern=(
            r"\b(?:dont|do not|cant|cannot|never) see myself (?:alive|living|still here|"
            r"still around|making it)\b"
        ),
        examples=("i dont see myself alive by christmas",),
        lookalikes=("i can't see myself getting better without trying something new",),
    ),
    Rule(
        name="ways-to-die",
        kind=RuleKind.RESEARCH,
        pattern=r"\b(?:ways|way|methods?|how) to (?:die|do it|end it|kill)\b",
        examples=(
            "I've been researching ways to do it painlessly",
            "my ocd tells me i'm a monster and tbh i agree, been looking up ways to die all night",
        ),
        lookalikes=("how do I kill a lobster humanely before boiling it?",),
    ),
    Rule(
        name="painless-ways",
        kind=RuleKind.RESEARCH,
        pattern=r"\bpainless(?:ly)?\b.{0,40}\b(?:die|do it|way|ways|method|death)\b",
        examples=("been googling painless ways to go all week",),
        lookalikes=(
            "is the infusion painless?",
            "this traffic is going to be the death of me",
        ),
    ),
    Rule(
        name="least-painful-method",
        kind=RuleKind.RESEARCH,
        pattern=(
            r"\b(?:less|more|least|most) painful\b.{0,30}\b(?:pills|hanging|jumping|drowning|gun|"
            r"die)\b"
        ),
        examples=("Which is less painful, pills or hanging",),
        lookalikes=(
            "which is less painful, the IV or the nasal spray?",
            "my sims keep drowning in the pool lol",
        ),
    ),
    Rule(
        name="a-plan-to-die",
        kind=RuleKind.PLAN,
        pattern=r"\b(?:a|the) plan (?:and|to) (?:the means|end|die|kill|do it)\b",
        examples=(
            "i have a plan and the means, i just need the courage",
            "my roommate said she has a plan to end her life and I don't know what to do",
        ),
        lookalikes=(
            (
                "I'm leaving for a trip abroad next month — can I pause my treatment plan and "
                "pick it up when I'm back?"
            ),
        ),
    ),
    Rule(
        name="plan-and-means",
        kind=RuleKind.PLAN,
        pattern=r"\b(?:a|the) plan\b.{0,25}\b(?:the )?means\b",
        examples=(
            "I have a plan and I have the means",
            "i have a plan and the means, i just need the courage",
        ),
        lookalikes=(
            (
                "I'm leaving for a trip abroad next month — can I pause my treatment plan and "
                "pick it up when I'm back?"
            ),
        ),
    ),
    Rule(
        name="plan-to-end",
        kind=RuleKind.PLAN,
        pattern=r"\bplan to (?:end|kill|take|die)\b",
        examples=(
            "my roommate said she has a plan to end her life and I don't know what to do",
            "i probably won't make it anyway bc i plan to take all my pills on monday night",
        ),
        lookalikes=("what does the treatment plan mean for my current meds?",),
    ),
    Rule(
        name="tonight-is-the-night",
        kind=RuleKind.PLAN,
        pattern=r"\b(?:tonight|today|tomorrow) is the (?:night|day)\b|\btonights the night\b",
        examples=(
            "tonight is the night",
            "Tonight's the night. I've made up my mind.",
        ),
        lookalikes=("I had two glasses of wine at a wedding last night and my infusion is today.",),
    ),
    Rule(
        name="made-up-my-mind-tonight",
        kind=RuleKind.PLAN,
        pattern=(
            r"\bmade up my mind\b.{0,40}\b(?:tonight|goodbye|no going back|to do it|to end|"
            r"to die)\b"
        ),
        examples=("I've made up my mind. Tonight.",),
        lookalikes=("ive made up my mind to book the infusions",),
    ),
    Rule(
        name="tonight-made-up-my-mind",
        kind=RuleKind.PLAN,
        pattern=r"\b(?:tonight|goodbye|no going back)\b.{0,40}\bmade up my mind\b",
        examples=("no going back now, i've made up my mind",),
        lookalikes=("ive made up my mind to book the infusions",),
    ),
    # Doing "it" when no one will be there to stop it.
    Rule(
        name="when-no-one-is-home",
        kind=RuleKind.PLAN,
        pattern=(
            r"\b(?:do it|end it|end things)\b.{0,30}\b(?:when|while|once) (?:my \w+|everyone|"
            r"everybody|no one|nobody|they|the kids|the house)(?: is| are| s| re)? (?:away|gone|"
            r"out|asleep|sleeping|at work|home|around|empty|on holiday|on vacation)\b"
        ),
        examples=(
            "ill do it while everyone is asleep",
            "Planning to do it on Sunday when my family is away",
        ),
        lookalikes=("How do you make sure nobody takes too much of the nasal spray at home?",),
    ),
    Rule(
        name="picked-the-date",
        kind=RuleKind.PLAN,
        pattern=r"\bpicked (?:a|the) (?:date|day)\b",
        examples=(
            "I've picked the date",
            (
                "Is it normal that after the infusion I felt calm about my plan to die? I've "
                "picked the date."
            ),
        ),
        lookalikes=("Can I pick a date for my first session online?",),
    ),
    # Choosing where or how: "ive picked the bridge", "chosen a tree".
    Rule(
        name="picked-the-place",
        kind=RuleKind.PLAN,
        pattern=(
            r"\b(?:picked|chosen|chose|selected|decided on|settled on|scouted) (?:out )?(?:a|the|"
            r"my) (?:bridge|cliff|building|tree|rope|method|overpass|rooftop|roof|ledge|tracks|"
            r"spot to jump|place to (?:die|do it|jump))\b"
        ),
        examples=("I've picked the bridge. Going Friday after my last session.",),
        lookalikes=(
            (
                "is it normal OCD to worry I might suddenly jump when I stand near a ledge, even "
                "though I really don't want to?"
            ),
            (
                "When I stand near a ledge I get intrusive images of jumping even though I really "
                "don't want to."
            ),
        ),
    ),
    Rule(
        name="bleed-out",
        kind=RuleKind.RESEARCH,
        pattern=r"\bbleed out\b",
        examples=(
            "I looked up how long it takes to bleed out",
            "been reading how long it takes to bleed out. just curious how long i'd have",
        ),
    ),
    Rule(
        name="jump-off-a-height",
        kind=RuleKind.INTENT,
        pattern=(
            r"\bjump(?:ing|ed)? (?:off|from|out of|in front of) (?:a|the|this|that|"
            r"my) (?:\w+ )?(?:bridge|building|roof|cliff|balcony|tower|train|ledge|window)\b"
        ),
        examples=(
            "I'm planning to jump from the roof of my building",
            "I keep thinking about jumping off the bridge near my apartment",
        ),
        lookalikes=(
            (
                "When I stand near a ledge I get intrusive images of jumping even though I really "
                "don't want to. Is that common with OCD?"
            ),
            "I'm going to jump off the high dive at the pool this weekend, first time ever!",
        ),
    ),
    Rule(
        name="standing-on-the-bridge",
        kind=RuleKind.MEANS,
        pattern=r"\b(?:standing|sitting) on (?:a|the) (?:bridge|ledge|roof|edge)\b",
        examples=(
            "I'm standing on the bridge right now",
            "im sitting on the roof of my building rn",
        ),
        lookalikes=(
            (
                "is it normal OCD to worry I might suddenly jump when I stand near a ledge, even "
                "though I really don't want to?"
            ),
            (
                "When I stand near a ledge I get intrusive images of jumping even though I really "
                "don't want to."
            ),
        ),
    ),
    Rule(
        name="bridge-railings",
        kind=RuleKind.RESEARCH,
        pattern=r"\bbridges? (?:\w+ ){0,6}(?:fences?|railings?|high enough)\b",
        examples=(
            "I'm sitting on the bridge railing typing this",
            "I've been looking up which bridges in the city don't have fences",
        ),
        lookalikes=(
            (
                "Saw on the news the bridge downtown is closed for repairs, what's the best route "
                "to your clinic?"
            ),
        ),
    ),
    Rule(
        name="holding-rope-or-blade",
        kind=RuleKind.MEANS,
        pattern=r"\b(?:holding|have|got|bought) (?:a |the |my )?(?:razor|blade|rope|noose)\b",
        examples=(
            "I bought rope. I'm going to hang myself",
            "Got a rope in the garage. Tonight's the night.",
        ),
        lookalikes=("i bought a new rope for my climbing gym",),
    ),
    Rule(
        name="noose",
        kind=RuleKind.MEANS,
        pattern=r"\bnoose\b",
        examples=(
            "I tied the noose this morning",
            "I looked up how to tie a noose today",
        ),
    ),
    Rule(
        name="garage-car-running",
        kind=RuleKind.MEANS,
        pattern=r"\bgarage with the (?:car|engine) running\b",
        examples=(
            "I'm sitting in the garage with the car running",
            "My partner locked himself in the garage with the car running",
        ),
        lookalikes=("can i leave my car in the garage while i'm at the infusion?",),
    ),
    Rule(
        name="slit-wrists",
        kind=RuleKind.INTENT,
        pattern=(
            r"\b(?:slit|slits|slitting|slash|slashing) (?:my |his |her |their )?(?:wrists?|"
            r"throat)\b"
        ),
        examples=(
            "thinking about slashing my wrists",
            "Thinking of slitting my wrists",
        ),
    ),
    Rule(
        name="thats-how-i-want-to-go",
        kind=RuleKind.INTENT,
        pattern=r"\b(?:thats|that is|this is) how i (?:want|plan|am going) to (?:go|die|end it)\b",
        examples=("Asking because that's how I want to go",),
        lookalikes=("is that how most people feel after the infusion?",),
    ),
    Rule(
        name="want-it-to-be-the-last-time",
        kind=RuleKind.INTENT,
        pattern=r"\b(?:want|wanted|this) (?:it |this )?to be the last time\b",
        examples=("I want it to be the last time",),
        lookalikes=(
            (
                "Your infusion room is freezing, I nearly froze to death last time. Can I bring a "
                "blanket?"
            ),
        ),
    ),
    Rule(
        name="done-ill-end-it",
        kind=RuleKind.INTENT,
        pattern=r"\bim (?:so )?done,? (?:ill|i will|im going to|gonna) end it\b",
        examples=("if the ketamine doesn't work I'm done, I'll end it",),
        lookalikes=("I'm done with my forms, what's next?",),
    ),
    # Euphemisms, finality and plans: how people say it without the words.
    Rule(
        name="check-out-early",
        kind=RuleKind.INTENT,
        pattern=r"\bcheck(?:ing)? out (?:early|for good|of life|of this world)\b",
        examples=(
            "checking out early this weekend, just wanted someone to know",
            "If this doesn't work it's my last try before I check out for good.",
        ),
        lookalikes=("Can I end my treatment early if I feel better?",),
    ),
    Rule(
        name="wont-be-a-problem-much-longer",
        kind=RuleKind.FAREWELL,
        pattern=(
            r"\bwont be (?:a problem|a burden|here|around|alive)\b.{0,25}\b(?:longer|soon|"
            r"anymore)\b"
        ),
        examples=(
            "i won't be a problem for anyone much longer",
            "I don't see a future for myself. I won't be around much longer",
        ),
        lookalikes=(
            "I burned my hand on the oven tray yesterday, will that be a problem for the drip?",
        ),
    ),
    Rule(
        name="sleep-and-not-come-back",
        kind=RuleKind.INTENT,
        pattern=r"\b(?:sleep|go to sleep|fall asleep)\b.{0,20}\b(?:not|never) (?:come back|wake)\b",
        examples=(
            "i wish i could go to sleep and never wake up",
            "i'm going to go to sleep and not come back",
        ),
        lookalikes=(
            (
                "Is it normal to go straight to sleep after an infusion? I was out like a light "
                "for three hours last time."
            ),
        ),
    ),
    Rule(
        name="dont-care-if-i-wake-up",
        kind=RuleKind.PASSIVE_WISH,
        pattern=r"\b(?:dont|do not) care if i (?:wake up|live|die|make it)\b",
        examples=("did a couple of those pressed blues, i dont care if i wake up",),
    ),
    Rule(
        name="finished-with-this-world",
        kind=RuleKind.HOPELESSNESS,
        pattern=r"\b(?:done|finished) with (?:this|the) (?:world|life|everything)\b",
        examples=("i've decided. no more therapy, no more anything. i'm finished with this world",),
        lookalikes=(
            (
                "That last infusion completely wiped me out, I was dead to the world for the rest "
                "of the day haha. Is that normal?"
            ),
        ),
    ),
    Rule(
        name="done-with-it-for-good",
        kind=RuleKind.FAREWELL,
        pattern=(
            r"\b(?:im|i am) (?:so )?(?:done|finished) with (?:all (?:of )?)?(?:this|it|everything|"
            r"life|living|the world|trying)(?: \w+){0,2} (?:for good|forever|permanently)\b"
        ),
        examples=("I'm done with all of this for good. Thanks for everything you tried.",),
        lookalikes=("I'm done with my forms, what's next?",),
    ),
    Rule(
        name="done-tonight",
        kind=RuleKind.PLAN,
        pattern=r"\b(?:done|over|it ends|goodbye) tonight\b",
        examples=("done. tonight.",),
        lookalikes=("can i take the rest of my dose tonight",),
    ),
    Rule(
        name="made-arrangements",
        kind=RuleKind.LOGISTICS,
        pattern=r"\bmade (?:the |my |final |all the )?arrangements\b",
        examples=(
            (
                "please cancel all my appointments permanently, I've made arrangements and I "
                "won't be needing them"
            ),
        ),
    ),
    Rule(
        name="going-through-with-it",
        kind=RuleKind.PLAN,
        pattern=r"\bgo(?:ing)? through with it\b",
        examples=(
            (
                "can i get an infusion tomorrow? if not i'm going through with it, i can't do "
                "another night"
            ),
        ),
        lookalikes=("i'm nervous but i'm going through with the treatment",),
    ),
    Rule(
        name="si-abbreviation",
        kind=RuleKind.SLANG,
        pattern=r"\bsi (?:is|has been|thoughts|getting|really|bad|again)\b",
        examples=("SI is really bad tonight and i have a plan",),
        lookalikes=("si es posible, quiero una cita",),
    ),
    Rule(
        name="ready-to-go-be-with",
        kind=RuleKind.INTENT,
        pattern=r"\bready to go be with\b",
        examples=("ready to go be with grandma tonight",),
    ),
    Rule(
        name="i-will-be-dead",
        kind=RuleKind.INTENT,
        pattern=r"\b(?:ill|i will|id|i would) be dead\b",
        examples=(
            "no point booking the consult, i'll be dead by then",
            "By the time you read this, I will be dead",
        ),
        lookalikes=("dead tired after work",),
    ),
    Rule(
        name="dead-by-then",
        kind=RuleKind.INTENT,
        pattern=r"\bbe dead (?:by|before|soon)\b",
        examples=("no point booking the consult, i'll be dead by then",),
        lookalikes=("dead tired after work",),
    ),
    Rule(
        name="wont-see-my-birthday",
        kind=RuleKind.INTENT,
        pattern=r"\b(?:dont|not|never) (?:see|make it to|live to see) my (?:next )?birthday\b",
        examples=("I'm going to make sure I don't see my birthday next week",),
        lookalikes=("i won't see my family on my birthday because of the infusion",),
    ),
    Rule(
        name="where-im-going",
        kind=RuleKind.FAREWELL,
        pattern=r"\bwhere im going\b",
        examples=("giving away my books because I won't need them where I'm going",),
    ),
    Rule(
        name="when-im-gone",
        kind=RuleKind.FAREWELL,
        pattern=r"\bwhen im gone\b",
        examples=("nobody will notice when im gone anyway. soon",),
    ),
    Rule(
        name="doesnt-need-to-know-why",
        kind=RuleKind.LOGISTICS,
        pattern=r"\b(?:doesnt|dont|does not|do not) need to know why\b",
        examples=("gave my dog to my sister today. she doesnt need to know why",),
    ),
    # Handing possessions out: "started handing my stuff out to friends"; not "can i hand
    # my things to the nurse".
    Rule(
        name="handing-out-belongings",
        kind=RuleKind.LOGISTICS,
        pattern=(
            r"\b(?:hand|handing|handed|pass|passing|passed|dish|dishing|dished) (?:out|away|"
            r"on) (?:all |most |some )?(?:of )?(?:my|his|her) (?:stuff|things|belongings|"
            r"possessions|clothes|books|jewellery|jewelry|games|records)\b|\b(?:hand|handing|"
            r"handed|pass|passing|passed|dish|dishing|dished) (?:all |most |some )?(?:of )?(?:my|"
            r"his|her) (?:stuff|things|belongings|possessions|clothes|books|jewellery|jewelry|"
            r"games|records) (?:out|away|on|to (?:my )?(?:friends|family|relatives|neighbours|"
            r"neighbors|people|everyone|siblings))\b"
        ),
        examples=("Started handing my stuff out to friends. Feels like the right time.",),
        lookalikes=("can i hand my things to my husband during the infusion",),
    ),
    # Rehoming pets: "found a new home for my cat".
    Rule(
        name="rehoming-pets",
        kind=RuleKind.LOGISTICS,
        pattern=(
            r"\b(?:found|finding|find|looking for) (?:a )?(?:new )?(?:home|homes|owner|owners|"
            r"family) for (?:my|his|her) (?:cat|cats|dog|dogs|pets?|bird|birds|rabbit|rabbits|"
            r"hamster|fish)\b|\brehom\w* (?:my|his|her) (?:cat|cats|dog|dogs|pets?|bird|birds|"
            r"rabbit|rabbits)\b"
        ),
        examples=(
            "I've already found a new home for my cat.",
            "I rehomed my cat because I won't be here to take care of her",
        ),
        lookalikes=("can i bring my dog or do i need to find a sitter for him?",),
    ),
    Rule(
        name="gave-away-my-things",
        kind=RuleKind.LOGISTICS,
        pattern=(
            r"\b(?:gave|give|giving|given) away (?:all |most )?(?:of )?my\b|\bgave my (?:dog|cat|"
            r"pets?|guitar|books|things|stuff|games) (?:away|to)\b"
        ),
        examples=(
            "Gave away my guitar, my books and my dog this week.",
            "gave my dog to my sister today. she doesnt need to know why",
        ),
        lookalikes=(
            (
                "pretty sure they gave me ketamine when i had my shoulder op years ago. same "
                "stuff as this?"
            ),
            "Why doesn't giving in to the rituals actually make it go away?",
        ),
    ),
    # Giving things away because they will not be needed.
    Rule(
        name="giving-away-wont-need",
        kind=RuleKind.LOGISTICS,
        pattern=(
            r"\b(?:giv\w*|gave) (?:away )?(?:all )?my\b.{0,60}\b(?:wont|will not|not going to|"
            r"no longer) (?:be )?need\w*\b"
        ),
        examples=(
            "Giving my cat to my neighbour and my guitar to my cousin, won't be needing them",
            (
                "My partner left in March and I've been giving away my books and my guitar to "
                "friends because I won't need them where I'm going."
            ),
        ),
        lookalikes=("gave my old phone to my sister, will I still get the reminder texts?",),
    ),
    # Handing over a pet for when one is gone: "who can take my cat if im not around
    # after this weekend", "someone feeding my fish after sunday, i wont be needing it"
    # (not "my neighbour is feeding my cat while im away").
    Rule(
        name="pet-care-when-im-gone",
        kind=RuleKind.LOGISTICS,
        pattern=(
            r"\b(?:take|taking|feed|feeding|look after|looking after|care for|caring for|walk|"
            r"walking|adopt|adopting|keep|keeping|have) (?:my|his|her) (?:cat|cats|dog|dogs|fish|"
            r"pets?|bird|birds|rabbit|rabbits|hamster|puppy|kitten)\b.{0,60}\b(?:if|when|"
            r"once) (?:im|i am|i m) (?:not|no longer) (?:around|here|alive)\b"
        ),
        examples=(
            "can someone look after my dog if im not here anymore",
            "who can i ask to take my cat Biscuit if i'm not around after this weekend.",
        ),
        lookalikes=("can my partner take my dog while im in the infusion",),
    ),
    Rule(
        name="things-wont-be-needed",
        kind=RuleKind.LOGISTICS,
        pattern=(
            r"\b(?:keys?|cat|cats|dog|dogs|fish|pets?|newspaper|belongings|stuff|things|guitar|"
            r"books)\b.{0,60}\b(?:wont|will not|shall not|shant|"
            r"no longer) (?:be )?need(?:ing)? (?:it|them|these|those|any of)\b"
        ),
        examples=(
            "keys under the mat, feed the cat, i won't be needing them",
            "Giving my cat to my neighbour and my guitar to my cousin, won't be needing them",
        ),
        lookalikes=("i won't be needing a parking space, my husband will drop me off",),
    ),
    Rule(
        name="if-im-not-around-anymore",
        kind=RuleKind.FAREWELL,
        pattern=(
            r"\bif (?:im|i am|i m) (?:not|no longer) (?:around|here|alive) (?:anymore|any more|"
            r"much longer|for much longer)\b"
        ),
        examples=("can someone look after my dog if im not here anymore",),
        lookalikes=("if im not around on monday can my husband collect the prescription",),
    ),
    Rule(
        name="this-is-goodbye",
        kind=RuleKind.FAREWELL,
        pattern=r"\bthis is goodbye\b",
        examples=(
            "This is goodbye. Please tell the nurses it wasn't their fault.",
            "this is goodbye. thanks for answering my questions these last few months",
        ),
    ),
    Rule(
        name="last-message",
        kind=RuleKind.FAREWELL,
        pattern=r"\b(?:last|final) (?:message|messages|goodbye|words|day on earth)\b",
        examples=(
            "Last message. Nothing left.",
            "this is the last message i'm sending anyone",
        ),
    ),
    Rule(
        name="my-last-day",
        kind=RuleKind.FAREWELL,
        pattern=r"\b(?:its|this is|today is) my last day\b",
        examples=(
            "its my last day. wanted to say thank you to the nurses there, you were kind to me",
        ),
    ),
    Rule(
        name="cancel-appointments-for-good",
        kind=RuleKind.LOGISTICS,
        pattern=r"\bcancel (?:all )?(?:of )?my appointments (?:permanently|forever|for good)\b",
        examples=(
            (
                "please cancel all my appointments permanently, I've made arrangements and I "
                "won't be needing them"
            ),
        ),
        lookalikes=("can i cancel my appointments for next week? i'm sick",),
    ),
    Rule(
        name="lethal",
        kind=RuleKind.RESEARCH,
        pattern=r"\blethal\b",
        examples=(
            "whats the lethal dose of ketamine",
            "what's the lethal dose of ketamine, asking for me",
        ),
    ),
    Rule(
        name="cant-face-another-night",
        kind=RuleKind.ENTRAPMENT,
        pattern=r"\bcant (?:do|take|face|survive|get through) another (?:night|day)\b",
        examples=(
            (
                "can i get an infusion tomorrow? if not i'm going through with it, i can't do "
                "another night"
            ),
        ),
        lookalikes=(
            "Is it safe to take my usual dose of clonazepam the night before an infusion?",
        ),
    ),
    Rule(
        name="gun-loaded-or-at-head",
        kind=RuleKind.MEANS,
        pattern=r"\bgun (?:in my (?:lap|hand|mouth)|to my head|is loaded|loaded)\b",
        examples=(
            "i have my dad's gun in my lap",
            "The gun is loaded and sitting on the table. I don't know why I'm texting a bot.",
        ),
        lookalikes=("do you allow guns in the clinic? i have a permit",),
    ),
    Rule(
        name="blade-by-the-bath",
        kind=RuleKind.MEANS,
        pattern=(
            r"\b(?:razor|blade|pills) (?:on|by|next to|beside) the (?:\w+ (?:of|by) the )?(?:tub|"
            r"bath|sink)\b"
        ),
        examples=("there's a bath running and a razor on the edge of the tub",),
        lookalikes=("is the bath or shower ok after the infusion tonight",),
    ),
    Rule(
        name="hose-on-the-exhaust",
        kind=RuleKind.MEANS,
        pattern=r"\bhose (?:on|to|in) the exhaust\b",
        examples=("ive put a hose on the exhaust",),
        lookalikes=("my car's exhaust is broken, can i get a taxi voucher?",),
    ),
    Rule(
        name="exhaust-in-the-garage",
        kind=RuleKind.MEANS,
        pattern=r"\bexhaust\b.{0,30}\bgarage\b|\bgarage\b.{0,30}\bexhaust\b",
        examples=("hose is on the exhaust in the garage, just need the nerve",),
        lookalikes=("my car's exhaust is broken, can i get a taxi voucher?",),
    ),
    Rule(
        name="walk-into-the-sea",
        kind=RuleKind.INTENT,
        pattern=r"\bwalk(?:ing)? into the (?:ocean|sea|lake|river|water)\b",
        examples=(
            "I'm going to walk into the sea tonight",
            "I'm just going to take a long walk into the ocean tonight",
        ),
        lookalikes=("i love a walk by the sea after my infusion",),
    ),
    Rule(
        name="how-high-a-building",
        kind=RuleKind.RESEARCH,
        pattern=r"\bhow high (?:a|the) (?:building|bridge|floor|balcony|roof)\b",
        examples=(
            "I looked up how high a building needs to be. 8 floors should do it right?",
            (
                "I'm probably not going to do anything tonight. But I've been looking up how high "
                "the bridge is."
            ),
        ),
        lookalikes=(
            "which floor is the clinic on",
            "I'd kill for a parking space near your building, any tips?",
        ),
    ),
    # Researching heights: "which floor is high enough if you jump".
    Rule(
        name="high-enough-to-die",
        kind=RuleKind.RESEARCH,
        pattern=(
            r"\bhigh enough (?:to|if|for|that|so)\b.{0,20}\b(?:jump|jumps|fall|die|kill|do it)\b"
        ),
        examples=(
            "which floor would be high enough to die",
            "I've checked which floor is high enough if you jump",
        ),
        lookalikes=(
            "My book club is reading a novel about a man who jumps off a bridge, heavy stuff",
            (
                "Is bouldering OK the day after an infusion? I don't want to fall off the wall if "
                "I'm still dizzy."
            ),
        ),
    ),
    Rule(
        name="which-floor-to-jump",
        kind=RuleKind.RESEARCH,
        pattern=(
            r"\b(?:which|what|how many) (?:floor|floors|storey|storeys|story|"
            r"stories)\b.{0,30}\b(?:jump|jumping|fall|die|kill|high enough)\b"
        ),
        examples=(
            "which floor would be high enough to die",
            "I've checked which floor is high enough if you jump",
        ),
        lookalikes=(
            "I'm going to jump off the high dive at the pool this weekend, first time ever!",
            (
                "Is bouldering OK the day after an infusion? I don't want to fall off the wall if "
                "I'm still dizzy."
            ),
        ),
    ),
    # Going to a high place: "drove to the cliffs", "sitting at the bridge".
    Rule(
        name="went-to-the-cliffs",
        kind=RuleKind.MEANS,
        pattern=(
            r"\b(?:drove|driven|driving|walked|walking|went|going|came|headed|heading) (?:up |out |"
            r"down )?to (?:a|the) (?:cliffs?|bridge|tracks|train tracks|railway|edge|top of the)\b"
        ),
        examples=(
            "drove to the cliffs. just sitting in the car",
            "heading to the railway line after this, just wanted someone to know",
        ),
        lookalikes=(
            (
                "I get intrusive thoughts about pushing strangers onto the train tracks even "
                "though I'd never do it."
            ),
            "I get flashes of pushing someone onto the tracks and it horrifies me, is that ocd?",
        ),
    ),
    Rule(
        name="standing-at-the-edge",
        kind=RuleKind.MEANS,
        pattern=(
            r"\b(?:standing|sitting) (?:at|by) (?:a|the) (?:cliffs?|edge|tracks|train tracks)\b"
        ),
        examples=("standing at the edge of the platform right now, next train is in 2 minutes",),
        lookalikes=(
            (
                "I get intrusive thoughts about pushing strangers onto the train tracks even "
                "though I'd never do it."
            ),
            "I get flashes of pushing someone onto the tracks and it horrifies me, is that ocd?",
        ),
    ),
    # Lingering at a height thinking it over: "standing on my balcony at night thinking
    # about jumping". OCD's intrusive images of jumping ("when i stand near a ledge i get
    # images of jumping") have no one standing there deliberating.
    Rule(
        name="on-the-ledge-deciding",
        kind=RuleKind.MEANS,
        pattern=(
            r"\b(?:standing|sitting|stood|sat|been|go|going|went) (?:out )?(?:on|at|by|onto|up on|"
            r"up to) (?:a|the|my|our|this|that) (?:\w+ )?(?:balcony|ledge|roof|rooftop|bridge|edge|"
            r"cliff|cliffs|window|platform|railing)\b.{0,30}\b(?:thinking (?:about|of)|"
            r"wondering (?:about|if|whether)|deciding|working up|"
            r"getting the courage)\b.{0,15}\b(?:jump|jumping|falling|letting go|doing it|do it|"
            r"ending it|end it)\b"
        ),
        examples=(
            (
                "I've been standing on my balcony at night thinking about jumping and it feels "
                "less scary each time."
            ),
        ),
        lookalikes=(
            (
                "is it normal OCD to worry I might suddenly jump when I stand near a ledge, even "
                "though I really don't want to?"
            ),
            (
                "When I stand near a ledge I get intrusive images of jumping even though I really "
                "don't want to."
            ),
        ),
    ),
    Rule(
        name="floors-would-do-it",
        kind=RuleKind.RESEARCH,
        pattern=r"\b(?:floors|stories|storeys) (?:should|would|will) do it\b",
        examples=("I looked up how high a building needs to be. 8 floors should do it right?",),
    ),
    Rule(
        name="in-front-of-a-train",
        kind=RuleKind.INTENT,
        pattern=(
            r"\b(?:step|stepping|jump|jumping|walk|walking|throw myself) in front of (?:a|"
            r"the) (?:train|bus|truck|car|subway)\b"
        ),
        examples=(
            "feel like stepping in front of the train on my way home, for real not joking",
            (
                "i keep getting the thought of jumping in front of a train and the OCD says it's "
                "just a thought but honestly part of me wants to and i've started going to the "
                "station to look"
            ),
        ),
        lookalikes=(
            (
                "My OCD makes me terrified I'll push someone onto the subway tracks even though I "
                "would never do it"
            ),
        ),
    ),
    # Self-harm: the words, the urges, the marks and the slang.
    Rule(
        name="self-harm-word",
        kind=RuleKind.SELF_HARM,
        pattern=r"\bself ?harm\w*",
        examples=(
            "self-harm",
            "relapsed on self harm after 8 months clean",
        ),
        lookalikes=(
            "Is having unwanted thoughts about harm part of OCD?",
            "i have intrusive thoughts about harming others, is that ocd?",
        ),
    ),
    # "self" misspelt: "slef harm", "sefl harm" (too short to be corrected).
    Rule(
        name="self-harm-misspelt",
        kind=RuleKind.SELF_HARM,
        pattern=r"\b(?:slef|sefl|slf|sel|selff|serf) ?(?:harm|injur)\w*",
        examples=(
            "slef harm again",
            "slef harm thoughts r back",
        ),
        lookalikes=("Is having unwanted thoughts about harm part of OCD?",),
    ),
    Rule(
        name="self-injury-word",
        kind=RuleKind.SELF_HARM,
        pattern=r"\bself ?injur\w*",
        examples=("the self injury urges are bad tonight",),
    ),
    Rule(
        name="self-mutilation-word",
        kind=RuleKind.SELF_HARM,
        pattern=r"\bself ?mutilat\w*",
        examples=("i've started self mutilating again",),
    ),
    Rule(
        name="shd",
        kind=RuleKind.SELF_HARM,
        pattern=r"\b(?:i|been|just) shd\b",
        examples=("i sh'd last night, is that going to affect my infusion?",),
    ),
    Rule(
        name="s-h-again",
        kind=RuleKind.SELF_HARM,
        pattern=r"\bs h (?:again|last night|yesterday|today)\b",
        examples=("s/h again last night",),
        lookalikes=("I shot you guys an email yesterday, did you get it?",),
    ),
    Rule(
        name="been-cutting",
        kind=RuleKind.SELF_HARM,
        pattern=r"\b(?:been|started|start|keep|kept|still|want to|urge to|wanna) cutting\b",
        examples=(
            "i've been cutting again",
            "Do I need a referral? My OCD is so bad I've started cutting again",
        ),
        lookalikes=("what's the best knife for cutting through a whole pumpkin without slipping?",),
    ),
    Rule(
        name="urge-to-cut",
        kind=RuleKind.SELF_HARM,
        pattern=r"\b(?:want|wanna|urge|urges|need) to (?:cut|burn|hurt)\b",
        examples=(
            "I want to cut so badly right now",
            "The urge to burn myself with a lighter is really strong right now.",
        ),
        lookalikes=(
            "i want to cut down on caffeine before the infusion",
            "recipe says cut the onions thin, how thin is thin",
        ),
    ),
    # Cutting with no object said: "wanna cut so bad", "the thoughts tell me to cut".
    Rule(
        name="wanna-cut",
        kind=RuleKind.SELF_HARM,
        pattern=(
            r"\b(?:wanna|wana|want|need|gotta|tell me to|tells me to|told me to) (?:cut|"
            r"burn)(?: so| really| bad| badly| again| tonight| rn| right now| deep| deeper| and|"
            r" myself|$)"
        ),
        examples=(
            "my head tells me to cut again",
            "wanna cut so bad rn",
        ),
        lookalikes=(
            "i want to cut down on caffeine before the infusion",
            "recipe says cut the onions thin, how thin is thin",
        ),
    ),
    Rule(
        name="cutting-again",
        kind=RuleKind.SELF_HARM,
        pattern=r"\bcutting again\b",
        examples=(
            "i've been cutting again",
            "cutting again lol",
        ),
        lookalikes=("Cutting back on caffeine before infusions — is that recommended?",),
    ),
    Rule(
        name="cutting-into-skin",
        kind=RuleKind.SELF_HARM,
        pattern=(
            r"\b(?:burn|burning|burned|burnt|cut|cutting|carve|carved|carving|scratch|scratching|"
            r"slice|slicing) (?:\w+ ){0,3}(?:into )?(?:my|his|her|their) (?:arms?|wrists?|legs?|"
            r"skin|thighs?|body|stomach)\b"
        ),
        examples=(
            "i carve words into my thigh",
            "I carved a word into my leg with a knife",
        ),
        lookalikes=(
            "I burned my hand on the oven tray yesterday, will that be a problem for the drip?",
            "Sliced my finger chopping onions. Will a plaster get in the way of the IV?",
        ),
    ),
    Rule(
        name="cuts-on-my-arms",
        kind=RuleKind.SELF_HARM,
        pattern=(
            r"\b(?:cuts|scars|burns|wounds) on (?:my|his|her|their) (?:arms?|wrists?|legs?|thighs?|"
            r"body|skin)\b"
        ),
        examples=(
            "Will the nurses see the cuts on my arms during the infusion?",
            "i relapsed again, the cuts on my thighs are deeper this time",
        ),
        lookalikes=(
            (
                "Paintball left bruises all over my arms, hope the nurse doesn't get the wrong "
                "idea haha"
            ),
        ),
    ),
    # Found on someone else: "fresh cuts on my daughters wrists".
    Rule(
        name="fresh-cuts-on-their-arms",
        kind=RuleKind.SELF_HARM,
        pattern=(
            r"\b(?:fresh |new |deep |more )?(?:cuts|scars|burns|wounds) (?:on|all over|"
            r"up and down) (?:my|his|her|their) (?:\w+s )?(?:arms?|wrists?|legs?|thighs?|body|skin|"
            r"stomach)\b"
        ),
        examples=(
            "Will the nurses see the cuts on my arms during the infusion?",
            "i relapsed again, the cuts on my thighs are deeper this time",
        ),
        lookalikes=(
            (
                "Paintball left bruises all over my arms, hope the nurse doesn't get the wrong "
                "idea haha"
            ),
        ),
    ),
    # Hurt on purpose, said outright: "cut my hand with a knife, it was not accident".
    Rule(
        name="hurt-not-by-accident",
        kind=RuleKind.SELF_HARM,
        pattern=(
            r"\b(?:cut|cutting|burn|burned|burnt|burning|hurt|hurting|stab|stabbed|scratch|"
            r"scratched|hit|hitting)\b.{0,60}\b(?:(?:was|is|were) not (?:an |a )?accident|(?:wasnt|"
            r"isnt|werent) (?:an |a )?accident|(?:was|is) no accident|did (?:it|that|"
            r"this) on purpose)\b"
        ),
        examples=(
            (
                "Sorry for my english. Yesterday I cut my hand with knife for myself, it was not "
                "accident."
            ),
        ),
        lookalikes=(
            "my cat scratched me and it bled a bit, can i still come in",
            (
                "I get these thoughts that I might have poisoned someone by accident when I cook "
                "for them, is that contamination OCD?"
            ),
        ),
    ),
    Rule(
        name="deliberately-cut",
        kind=RuleKind.SELF_HARM,
        pattern=(
            r"\b(?:deliberately|intentionally|purposely|purposefully) (?:cut|cutting|burn|burned|"
            r"burnt|burning|hurt|hurting|stab|stabbed|scratch|scratched|injur\w*)\b"
        ),
        examples=("i deliberately burned my hand on the stove",),
        lookalikes=(
            (
                "I nicked my finger chopping carrots, just a small cut. Can I still have the IV "
                "in that arm tomorrow?"
            ),
        ),
    ),
    # Deserving pain, and hurting one's hands: "i deserve to hurt", "punching walls",
    # "ripping my nails off".
    Rule(
        name="deserve-to-hurt",
        kind=RuleKind.SELF_HARM,
        pattern=(
            r"\b(?:i|he|she|they) (?:just |really |totally |honestly )?(?:deserve|deserves|"
            r"deserved) (?:to hurt|to suffer|to be hurt|to be punished|to feel pain|to bleed|"
            r"the pain)\b"
        ),
        examples=("i deserve to hurt so i've been punching walls and ripping my nails off",),
        lookalikes=(
            "Will the needle hurt? I'm a bit of a baby about injections",
            (
                "I'm scared of knives because my OCD tells me I might lose control, even though "
                "I've never hurt anyone."
            ),
        ),
    ),
    Rule(
        name="punching-walls",
        kind=RuleKind.SELF_HARM,
        pattern=(
            r"\bpunch(?:ing|ed)? (?:\w+ )?walls\b|\b(?:punch|punched|punching|hit|hitting|bang|"
            r"banging|smash|smashing|smashed)\w* (?:the |a )?(?:\w+ )?walls?\b.{0,30}\b(?:bleed|"
            r"bled|bleeding|bruise|bruised|broke|knuckles)\b"
        ),
        examples=(
            "I punch walls until my knuckles bleed on purpose",
            "I punch walls and hit myself until I bruise when the thoughts get bad",
        ),
        lookalikes=(
            (
                "Hit my thumb with a hammer putting up shelves, it's bruised. Can I still come in "
                "tomorrow?"
            ),
            "my cat scratched me and it bled a bit, can i still come in",
        ),
    ),
    Rule(
        name="knuckles-bleeding",
        kind=RuleKind.SELF_HARM,
        pattern=r"\bknuckles (?:split|splitting|bleeding|bled|raw|bloody|busted|broken)\b",
        examples=(
            "knuckles bleeding from punching the bathroom wall again",
            "started punching brick walls till my knuckles split because I deserve it",
        ),
        lookalikes=(
            "my cat scratched me and it bled a bit, can i still come in",
            "My cat scratched me and it's bleeding a bit, can I still come in for my infusion?",
        ),
    ),
    # Slang for cuts and their marks: "the barcode on my arm", "cat scratches (no cat)",
    # "cut to beans" or "to styro" (down to the fat layer).
    Rule(
        name="barcode",
        kind=RuleKind.SELF_HARM,
        pattern=(
            r"\bbarcod\w*\b.{0,30}\b(?:arms?|wrists?|legs?|thighs?|skin|stomach|hips?)\b|"
            r"\b(?:arms?|wrists?|legs?|thighs?|skin) barcod\w*|\bbarcoding\b"
        ),
        examples=(
            "the barcode on my thighs is getting worse",
            "the barcode on my arm keeps getting longer",
        ),
        lookalikes=("do i need to bring the barcode from my referral letter?",),
    ),
    Rule(
        name="cat-scratches-no-cat",
        kind=RuleKind.SELF_HARM,
        pattern=(
            r"\bcats? (?:scratch\w*|did (?:it|this|that)|attacked me)\b.{0,40}\b(?:no cat|(?:dont|"
            r"do not) (?:even )?(?:have|own) (?:a |any )?cats?|have no cats?|without a cat)\b"
        ),
        examples=(
            "the cat did it (i don't have a cat)",
            "cat scratches 😶 (no cat)",
        ),
        lookalikes=("my cat scratched me and it bled a bit, can i still come in",),
    ),
    Rule(
        name="cut-to-styro",
        kind=RuleKind.SELF_HARM,
        pattern=(
            r"\b(?:to|into|hit|reached|saw|see|down to) (?:the )?(?:styro|styrofoam|fat layer)\b|"
            r"\b(?:cut|cuts|cutting|went|got|deep) (?:down )?to beans\b"
        ),
        examples=(
            "went down to styro last night",
            "cut to beans again",
        ),
        lookalikes=("can i bring a styrofoam cup of coffee in?",),
    ),
    Rule(
        name="ripping-nails-off",
        kind=RuleKind.SELF_HARM,
        pattern=(
            r"\b(?:rip|ripping|ripped|tear|tearing|tore|pull|pulling|pulled) (?:out |off )?(?:my|"
            r"his|her) (?:own )?(?:finger|toe)?nails (?:out|off)\b"
        ),
        examples=("i deserve to hurt so i've been punching walls and ripping my nails off",),
        lookalikes=(
            "my dad overdid it at the gym and pulled a muscle, can he still come to his infusion?",
            "Sliced my finger chopping onions. Will a plaster get in the way of the IV?",
        ),
    ),
    Rule(
        name="banging-my-head",
        kind=RuleKind.SELF_HARM,
        pattern=r"\b(?:bang|banging|hit|hitting|punch|punching)\w* my head\b",
        examples=(
            "i bang my head against the wall to make the thoughts stop",
            "When the OCD gets loud I bang my head against the wall until it bleeds.",
        ),
    ),
    Rule(
        name="until-it-bleeds",
        kind=RuleKind.SELF_HARM,
        pattern=r"\b(?:until|till|til) (?:it|they|i|my \w+) (?:bleed|bleeds|bled)\b",
        examples=(
            "I punch walls until my knuckles bleed on purpose",
            "scratching til it bleeds w the paperclip again ngl",
        ),
        lookalikes=(
            "my daughter washes her hands till they crack and bleed, is this part of ocd??",
            "I wash my hands like 40 times a day till they crack and bleed. Is that a compulsion?",
        ),
    ),
    Rule(
        name="relapsed-on-cutting",
        kind=RuleKind.SELF_HARM,
        pattern=r"\brelaps\w*\b.{0,40}\b(?:cutting|cut|self ?harm|sh|burning|hurting)\b",
        examples=(
            "relapsed on self harm after 8 months clean",
            "I relapsed last night after 2 years clean from cutting",
        ),
        lookalikes=("i relapsed into checking rituals after my last infusion",),
    ),
    Rule(
        name="cutting-relapse",
        kind=RuleKind.SELF_HARM,
        pattern=r"\b(?:cutting|self ?harm|sh)\b.{0,30}\brelaps\w*",
        examples=(
            "sh relapse. 47 days clean and I ruined it",
            "had 6 months clean from self harm and relapsed tonight",
        ),
        lookalikes=("i relapsed into checking rituals after my last infusion",),
    ),
    Rule(
        name="cut-too-deep",
        kind=RuleKind.SELF_HARM,
        pattern=r"\bcut (?:too|to) deep\b",
        examples=("pls help i cut to deep this time its not stopping",),
        lookalikes=("recipe says cut the onions thin, how thin is thin",),
    ),
    Rule(
        name="the-blade-again",
        kind=RuleKind.SELF_HARM,
        pattern=r"\b(?:getting|get) the blade\b|\bblade (?:again|tonight)\b",
        examples=(
            "been using the pencil sharpener blade again lol it's fine it's fine",
            "skin's getting the blade again tonight, its the only thing that works",
        ),
    ),
    Rule(
        name="wrists-bandaged",
        kind=RuleKind.SELF_HARM,
        pattern=r"\bwrists? (?:are |is )?(?:wrapped|bandaged|bleeding|cut)\b",
        examples=("my wrists are wrapped up again. same as last year",),
        lookalikes=(
            "My cat scratched me and it's bleeding a bit, can I still come in for my infusion?",
        ),
    ),
    Rule(
        name="sh-again",
        kind=RuleKind.SELF_HARM,
        pattern=r"\bsh (?:again|last night|yesterday|today|tonight)\b",
        examples=("sh again. 3 weeks clean gone.",),
        lookalikes=("I shot you guys an email yesterday, did you get it?",),
    ),
    Rule(
        name="arms-a-mess",
        kind=RuleKind.SELF_HARM,
        pattern=r"\barms? (?:are|is) (?:a mess|covered in|cut|bleeding)\b",
        examples=("my arms are a mess again and i don't want to stop",),
        lookalikes=("my house is a mess, sorry if i'm late",),
    ),
    Rule(
        name="clean-streak-gone",
        kind=RuleKind.SELF_HARM,
        pattern=r"\b(?:weeks|months|years|days) clean\b.{0,20}\bgone\b",
        examples=("sh again. 3 weeks clean gone.",),
    ),
    # Overdose: amounts taken or asked about, supplies saved up, and signs of poisoning.
    Rule(
        name="overdose-word",
        kind=RuleKind.OVERDOSE,
        pattern=r"\boverdos\w*",
        examples=(
            "i think i overdosed",
            "i overdoes on my meds",
        ),
    ),
    # Too much taken, by accident or not, and feeling it: the symptoms make it urgent
    # ("i accidentally took a double dose of my meds and i feel really weird"). A double
    # dose that left someone feeling fine is a question for the pharmacist, not a crisis.
    Rule(
        name="extra-dose-and-unwell",
        kind=RuleKind.OVERDOSE,
        pattern=r"\b(?:took|taken|take|swallowed|had)\b.{0,25}\b(?:double|triple|extra|too much|"
        r"too many|twice|two doses|three doses|more than)\b.{0,60}\b(?:feel(?:ing)?|felt|am|im|"
        r"getting) (?:really |very |so |super |kind of |kinda |a bit )?(?:weird|strange|sick|"
        r"dizzy|funny|off|awful|terrible|drowsy|faint|confused|shaky|wrong|bad|woozy|numb)\b",
        examples=(
            "i think i accidentally took a double dose of my meds and i feel really weird",
            "took too many of my sleeping tablets by mistake and im getting really dizzy",
        ),
        lookalikes=(
            "I accidentally took my sertraline twice today, once at breakfast and again at "
            "lunch because I forgot. I feel totally fine. Do I need to do anything?",
            "i took an extra dose yesterday and feel fine today",
        ),
    ),
    Rule(
        name="od-on",
        kind=RuleKind.OVERDOSE,
        pattern=r"\bod(?:d|ed|ing)? on\b",
        examples=(
            "im gonna od on my pills",
            "My brother said he's going to OD on his oxy and hung up on me",
        ),
    ),
    Rule(
        name="i-odd",
        kind=RuleKind.OVERDOSE,
        pattern=(
            r"\b(?:i|ive|i have|he|she|they|friend|someone|might have|may have) (?:just )?od(?:d|"
            r"ed|ing)?\b"
        ),
        examples=("i think i OD'd",),
    ),
    Rule(
        name="lethal-dose",
        kind=RuleKind.RESEARCH,
        pattern=r"\blethal (?:dose|amount|quantity)\b",
        examples=(
            "whats the lethal dose of ketamine",
            "what's the lethal dose of ketamine, asking for me",
        ),
        lookalikes=(
            (
                "What's the maximum safe amount of ibuprofen per day for the headache after an "
                "infusion?"
            ),
        ),
    ),
    # Fillers are common just before the outcome: "to just not wake up", "to finally die".
    Rule(
        name="how-many-to-die",
        kind=RuleKind.RESEARCH,
        pattern=(
            r"\bhow (?:many|much)\b.{0,60}\b(?:to|would|will|until|till) (?:just |simply |finally |"
            r"actually |really |even )?(?:die|kill|be fatal|not wake up|never wake up|overdose|"
            r"stop my heart|stop my breathing)\b"
        ),
        examples=(
            "how many mg would stop my heart",
            "how much would it take to just never wake up",
        ),
        lookalikes=(
            "can ketamine cause a fatal reaction with my heart meds?",
            "My old car finally died, is the clinic reachable by bus?",
        ),
    ),
    # Asking whether an amount is enough to die: "would it be enough to stop my breathing".
    Rule(
        name="enough-to-kill",
        kind=RuleKind.RESEARCH,
        pattern=(
            r"\benough to (?:just |finally |actually )?(?:stop (?:my|his|her|their) (?:breathing|"
            r"heart)|kill (?:me|myself|him|her|them|someone|a person)|die|be fatal|not wake up|"
            r"never wake up)\b"
        ),
        examples=(
            "which floor would be high enough to die",
            (
                "If I took my whole esketamine take-home supply at once would it be enough to "
                "stop my breathing?"
            ),
        ),
        lookalikes=(
            "can ketamine cause a fatal reaction with my heart meds?",
            "My old car finally died, is the clinic reachable by bus?",
        ),
    ),
    # Swallowing a whole supply in one go (not "can i pick up my whole supply at once").
    Rule(
        name="whole-supply-at-once",
        kind=RuleKind.OVERDOSE,
        pattern=(
            r"\b(?:take|took|taken|taking|swallow|swallowed|down|downed|neck|necked|use|"
            r"used) (?:all |all of )?(?:my |the |his |her )?(?:whole |entire |"
            r"full )?(?:\w+ ){0,3}(?:supply|stash|prescription|script|bottle|pack|box) (?:at once|"
            r"in one go|all together|all at once)\b"
        ),
        examples=(
            "Are there side effects if I use the whole ketamine nasal spray bottle at once?",
            (
                "If I took my whole esketamine take-home supply at once would it be enough to "
                "stop my breathing?"
            ),
        ),
        lookalikes=(
            "can i pick up my whole supply at once",
            "if im not around on monday can my husband collect the prescription",
        ),
    ),
    Rule(
        name="whole-bottle",
        kind=RuleKind.OVERDOSE,
        pattern=r"\b(?:whole|entire|full) (?:bottle|pack|packet|box|strip|blister)\b",
        examples=(
            "i took a whole bottle of pills",
            "I swallowed a whole pack of my meds",
        ),
        lookalikes=(
            "My cat knocked my pill bottle off the counter and the pills rolled under the fridge.",
        ),
    ),
    # A vial swallowed or snorted in one go ("do you inject the whole vial" is the
    # clinic's business, not a patient's).
    Rule(
        name="whole-vial-at-once",
        kind=RuleKind.OVERDOSE,
        pattern=(
            r"\b(?:take|takes|took|taken|taking|drink|drinks|drank|snort|snorts|snorted|"
            r"swallow\w*) (?:the |a |my |his |her |their )?(?:whole|entire|full) (?:vial|vials|"
            r"ampoule|ampoules|syringe)\b.{0,20}\b(?:at once|in one go|all together|all at once|"
            r"at home)\b"
        ),
        examples=(
            "what happens if i drink the whole vial at once",
            (
                "what happens if someone takes the whole vial of ketamine at once at home, would "
                "it be quick"
            ),
        ),
        lookalikes=(
            "do you use the whole vial in a session",
            "How do you make sure nobody takes too much of the nasal spray at home?",
        ),
    ),
    # Dosing questions that ask what would stop a heart or keep someone from coming back:
    # "what amount would stop someones heart", "enough to make sure you dont come back".
    Rule(
        name="dose-to-stop-a-heart",
        kind=RuleKind.RESEARCH,
        pattern=(
            r"\b(?:amount|dose|dosage|much|many|mg|grams?|milligrams?|units|pills|"
            r"tablets)\b.{0,40}\b(?:stop|stops|stopped) (?:a |the |my |his |her |their |someones |"
            r"somebodys |a persons |your |ones )?(?:heart|hearts|heartbeat|breathing)\b"
        ),
        examples=(
            "how many mg would stop my heart",
            "what dose of ketamine would stop your heart, i want to go to sleep forever",
        ),
        lookalikes=(
            "do u get one big dose or lots of small ones",
            "How many pills of my usual dose should I take the morning of the infusion?",
        ),
    ),
    Rule(
        name="make-sure-i-dont-come-back",
        kind=RuleKind.RESEARCH,
        pattern=(
            r"\bmake sure (?:i|you|he|she|they|one|a person|someone) (?:dont|doesnt|wont|never|"
            r"do not|does not|will not) (?:come back|survive|make it|wake up again)\b"
        ),
        examples=(
            "enough tramadol to make sure i never come back",
            "Is 2 grams of ketamine enough to make sure you don't come back?",
        ),
    ),
    Rule(
        name="enough-to-not-wake",
        kind=RuleKind.RESEARCH,
        pattern=(
            r"\b(?:enough|how much|how many|amount|dose|grams?|mg)\b.{0,40}\bmake sure (?:i|you|he|"
            r"she|they|one|a person|someone) (?:dont|doesnt|wont|never|do not|does not|"
            r"will not) wake\b"
        ),
        examples=("how many pills to make sure i dont wake",),
        lookalikes=(
            (
                "What's the maximum safe amount of ibuprofen per day for the headache after an "
                "infusion?"
            ),
        ),
    ),
    # The rest of a supply, not a dose: "when i take the rest of my lithium tonight".
    Rule(
        name="rest-of-my-supply",
        kind=RuleKind.OVERDOSE,
        pattern=(
            rf"\b(?:take|taking|took|swallow|swallowing|swallowed|down|downing|downed|neck|"
            rf"necking) (?:all )?the rest of (?:my|his|her|the|their) (?:\w+ )?{_PILLS}(?: tonight|"
            rf" at once| in one go| all at once| together| with| and|$)"
        ),
        examples=(
            "im going to take the rest of my seroquel tonight",
            "I don't want it to interfere when I take the rest of my lithium tonight.",
        ),
        lookalikes=(
            "can i take the rest of my dose tonight",
            (
                "That last infusion completely wiped me out, I was dead to the world for the rest "
                "of the day haha."
            ),
        ),
    ),
    # Injected a whole supply: "he has injected all of his insulin pens on purpose".
    Rule(
        name="injected-whole-supply",
        kind=RuleKind.OVERDOSE,
        pattern=(
            rf"\b(?:injected|inject|injecting|shot up|shooting up) (?:all|every|the whole|"
            rf"the rest) (?:of )?(?:my|his|her|their) (?:\w+ )?(?:insulin|pens|vials|doses|"
            rf"syringes|{_PILLS})\b"
        ),
        examples=(
            "she injected all of her insulin",
            (
                "My husband has injected all of his insulin pens on purpose, he's sweating and "
                "confused."
            ),
        ),
        lookalikes=(
            "the nurse injected all of the ketamine slowly",
            "can i take the rest of my dose tonight",
        ),
    ),
    Rule(
        name="took-too-many",
        kind=RuleKind.OVERDOSE,
        pattern=r"\b(?:took|taken|take|swallowed) too many\b",
        examples=(
            "I took too many pills",
            "I took too many sleeping pills on purpose and I'm getting really drowsy",
        ),
        lookalikes=("it took too much time to get an appointment",),
    ),
    # "too" misspelt "to" or "2", which "it took to much time" also has: a person must
    # have done the taking.
    Rule(
        name="took-to-many-misspelt",
        kind=RuleKind.OVERDOSE,
        pattern=(
            rf"\b(?:i|ive|he|she|they|we|mum|mom|dad|friend) (?:just |accidentally )?(?:took|"
            rf"tooked|tookd|tok|taken|swallowed|popped) (?:way )?(?:to|2) (?:many\b|"
            rf"much (?:of )?(?:my |the |his |her )?(?:\w+ )?{_PILLS}\b|much$)"
        ),
        examples=(
            "i tooked to many pils",
            "i tooked to many pils an my chest feel weird",
        ),
        lookalikes=(
            "i took to much time to reply, sorry",
            "it took too much time to get an appointment",
        ),
    ),
    Rule(
        name="took-too-much",
        kind=RuleKind.OVERDOSE,
        pattern=(
            r"\b(?:i|he|she|they|we|think i|maybe i|think he|think she) (?:just |might have |"
            r"may have |accidentally )?(?:took|taken|had|swallowed|used|did) (?:way )?too (?:much|"
            r"many)\b"
        ),
        examples=(
            "I took too many pills",
            "I think I took too much",
        ),
        lookalikes=("it took too much time to get an appointment",),
    ),
    Rule(
        name="too-much-of-a-drug",
        kind=RuleKind.OVERDOSE,
        pattern=(
            rf"\b(?:took|taken|take|swallowed|had|used|did) (?:way )?too much (?:of )?(?:my |"
            rf"the )?(?:\w+ )?{_PILLS}\b"
        ),
        examples=(
            "took too much ketamine and cant breathe",
            "what happens if you take too much ketamine on purpose",
        ),
        lookalikes=("How many mg of melatonin is too much for sleep?",),
    ),
    Rule(
        name="take-all-my-pills",
        kind=RuleKind.OVERDOSE,
        pattern=(
            rf"\b(?:take|taking|took|swallow|swallowed|taken) all (?:of )?(?:my|the|these|those|"
            rf"them)(?: \w+)? ?{_PILLS}?\b"
        ),
        examples=(
            "I'm going to take all my pills and just go to sleep",
            "I swallowed all my lithium and my hands are shaking",
        ),
        lookalikes=("can i take my meds before the infusion",),
    ),
    Rule(
        name="took-all-pills",
        kind=RuleKind.OVERDOSE,
        pattern=rf"\b(?:took|tooked|taken|swallowed|drank|ate|popped|downed) all {_PILLS}\b",
        examples=("took all pills",),
        lookalikes=("can i take my meds before the infusion",),
    ),
    Rule(
        name="already-taken-them",
        kind=RuleKind.OVERDOSE,
        pattern=r"\balready (?:taken|took|swallowed) (?:the|them|all)\b",
        examples=("I've already taken the pills",),
    ),
    Rule(
        name="swallowed-a-handful",
        kind=RuleKind.OVERDOSE,
        pattern=r"\b(?:swallowed) (?:a bottle|a bunch|a handful|loads|lots|every)\b",
        examples=(
            "my daughter swallowed a handful of my adderall on purpose after we had a fight",
            "just swallowed a handful of antidepressants, vision is blurry and ears ringing",
        ),
        lookalikes=(
            "took a bunch of notes in the session",
            "My cat knocked my pill bottle off the counter and the pills rolled under the fridge.",
        ),
    ),
    Rule(
        name="took-a-handful",
        kind=RuleKind.OVERDOSE,
        pattern=r"\b(?:taken|took) (?:a bottle|a handful|every)\b",
        examples=("i took a handful about an hour ago",),
        lookalikes=(
            "My cat knocked my pill bottle off the counter and the pills rolled under the fridge.",
        ),
    ),
    # "took a bunch of my pills", not "took a bunch of notes".
    Rule(
        name="took-a-bunch-of-pills",
        kind=RuleKind.OVERDOSE,
        pattern=(
            rf"\b(?:taken|took) (?:a bunch|loads|lots|a lot) of (?:my |his |her |their |the |"
            rf"those |these )?(?:\w+ )?{_PILLS}\b"
        ),
        examples=(
            "took a bunch of my lithium on purpose, now im shaking and throwing up",
            "my boyfriend took a bunch of ketamine at home and now he's unresponsive",
        ),
        lookalikes=("took a bunch of notes in the session",),
    ),
    Rule(
        name="took-a-bunch-of-mine",
        kind=RuleKind.OVERDOSE,
        pattern=(
            r"\b(?:taken|took) (?:a bunch|loads|lots|a lot) of (?:my|his|her|their|them|those|"
            r"these)\b"
        ),
        examples=(
            "took a bunch of my lithium on purpose, now im shaking and throwing up",
            "i took a lot of my clonazepam on purpose and everything is going blurry",
        ),
        lookalikes=("took a bunch of notes in the session",),
    ),
    Rule(
        name="swallowed-a-pack",
        kind=RuleKind.OVERDOSE,
        pattern=r"\bswallowed\b.{0,30}\b(?:pack|bottle|box|handful|bunch)\b",
        examples=(
            "I swallowed a whole pack of my meds",
            "my sister just swallowed an entire bottle of tylenol",
        ),
        lookalikes=(
            "took a bunch of notes in the session",
            "My cat knocked my pill bottle off the counter and the pills rolled under the fridge.",
        ),
    ),
    Rule(
        name="took-dozens",
        kind=RuleKind.OVERDOSE,
        pattern=(
            rf"\b(?:took|tooked|taken|swallowed|had|drank|ate|popped|downed) (?:like |about |"
            rf"around |maybe |over |almost |nearly )?(?:\d{{2,}}|twenty|thirty|forty|fifty|hundred|"
            rf"a hundred|dozens) (?:of (?:my|ur|your|the|his|her|"
            # A word between the number and the drug, but not a unit: "took 20 mg of sertraline"
            # is a dose, not an overdose.
            rf"their|them|those)\b|(?:(?:more|extra|sleeping|pain|little|white|blue|of|of those|"
            rf"different) )?{_PILLS}\b)"
        ),
        examples=(
            "took 25 aspirin an hour ago",
            "I just took 30 of my clonazepam",
        ),
        lookalikes=(
            "i have to take 10 of my pills a day, does that matter",
            (
                "My OCD makes me check the knife drawer is locked dozens of times a night. Is "
                "that the kind of compulsion the therapy targets?"
            ),
        ),
    ),
    Rule(
        name="took-double",
        kind=RuleKind.OVERDOSE,
        pattern=r"\btook (?:double|triple|twice) (?:my|the)\b",
        examples=("accidentally took double my meds and now I'm throwing up and can't stay awake",),
        lookalikes=(
            "i took my pills twice by mistake but i feel fine",
            (
                "What happens if I accidentally took my fluoxetine twice today? I forgot I'd "
                "already had it."
            ),
        ),
    ),
    # Extra doses on purpose, or a double dose with symptoms of poisoning.
    Rule(
        name="extra-doses-on-purpose",
        kind=RuleKind.OVERDOSE,
        pattern=(
            r"\b(?:extra|double|triple|too many|more) (?:doses?|units|shots|injections|pills|"
            r"tablets|\w+ pills)\b.{0,30}\bon purpose\b"
        ),
        examples=(
            "took two extra doses of insulin on purpose",
            "took 3 extra doses of my insulin on purpose",
        ),
        lookalikes=(
            "Will the needle hurt? I'm a bit of a baby about injections",
            "can i take an extra dose if i missed one",
        ),
    ),
    Rule(
        name="double-dose-with-symptoms",
        kind=RuleKind.OVERDOSE,
        pattern=(
            r"\b(?:took|taken|had)\b.{0,30}\b(?:twice|double|two doses|too many|"
            r"extra)\b.{0,60}\b(?:heart (?:is )?(?:racing|pounding)|throwing up|vomiting|"
            r"passing out|passed out|fainting|cant breathe|numb|confused)\b"
        ),
        examples=(
            "accidentally took double my meds and now I'm throwing up and can't stay awake",
            (
                "i think i accidentally took my pills twice and now my heart is racing and i'm "
                "throwing up, what do i do"
            ),
        ),
        lookalikes=(
            "i took my pills twice by mistake but i feel fine",
            (
                "What happens if I accidentally took my fluoxetine twice today? I forgot I'd "
                "already had it."
            ),
        ),
    ),
    Rule(
        name="saving-up-pills",
        kind=RuleKind.MEANS,
        pattern=(
            rf"\b(?:saving|stockpiling|hoarding|collecting|storing) (?:up )?(?:mine|them|"
            rf"my {_PILLS}|all my {_PILLS}|{_PILLS})(?: up)?\b"
        ),
        examples=(
            "ive been saving up my pills",
            "I've been hoarding my pills since January",
        ),
        lookalikes=("i'm saving up for the next course of infusions",),
    ),
    Rule(
        name="saved-up-in",
        kind=RuleKind.MEANS,
        pattern=r"\bsaved up in\b",
        examples=("I've got 90 sertraline saved up in a drawer",),
    ),
    Rule(
        name="stockpile",
        kind=RuleKind.MEANS,
        pattern=r"\bstockpil\w+",
        examples=(
            (
                "He's been stockpiling his ketamine lozenges and keeps saying he won't be here "
                "for Christmas."
            ),
            (
                "If I take my stockpile of tramadol right before the session, would the ketamine "
                "finish the job?"
            ),
        ),
    ),
    Rule(
        name="pills-next-to-me",
        kind=RuleKind.MEANS,
        pattern=rf"\b{_PILLS} next to me\b",
        examples=("I've got a bottle of pills next to me and I'm trying not to take them",),
        lookalikes=("i keep my pills next to the bed so i don't forget them",),
    ),
    Rule(
        name="trying-not-to-take-them",
        kind=RuleKind.INTENT,
        pattern=r"\btrying not to take them\b",
        examples=("I've got a bottle of pills next to me and I'm trying not to take them",),
    ),
    Rule(
        name="pills-with-alcohol",
        kind=RuleKind.OVERDOSE,
        pattern=(
            rf"\b(?:mixed|mixing|combined|combining|took|taken|drank|"
            rf"swallowed)\b.{{0,40}}\b{_PILLS}\b.{{0,30}}\b{_ALCOHOL}\b"
        ),
        examples=(
            "I mixed my pills with a bottle of wine and I feel really weird",
            "I took 3 times my gabapentin with wine and I can't feel my legs",
        ),
        lookalikes=("Is it safe to have a glass of wine the night after an infusion?",),
    ),
    Rule(
        name="alcohol-with-pills",
        kind=RuleKind.OVERDOSE,
        pattern=(
            rf"\b(?:mixed|mixing|combined|combining|took|taken|drank|"
            rf"swallowed)\b.{{0,40}}\b{_ALCOHOL}\b.{{0,30}}\b{_PILLS}\b"
        ),
        examples=(
            "I drank half a bottle of vodka with my lorazepam on purpose",
            (
                "drank a bottle of wine with all of my sleeping pills, cant keep my eyes open, "
                "sorry for typos"
            ),
        ),
        lookalikes=(
            (
                "Does ketamine interact with alcohol? I had two glasses of wine at a wedding last "
                "night and my infusion is today."
            ),
        ),
    ),
    Rule(
        name="cant-breathe",
        kind=RuleKind.EMERGENCY,
        pattern=r"\b(?:isnt|is not|not|stopped|stop|cant|cannot|barely|wont) breath(?:e|ing)\b",
        examples=(
            "took too much ketamine and cant breathe",
            "My friend isn't breathing after taking ketamine, what do I do",
        ),
    ),
    Rule(
        name="lips-blue",
        kind=RuleKind.EMERGENCY,
        pattern=r"\blips (?:are |is )?(?:turning |going )?(?:blue|purple)\b",
        examples=(
            "my friend's lips are turning blue after doing ket at a party",
            (
                "my friend snorted something she thought was coke and now her lips are blue and "
                "she's not responding"
            ),
        ),
        lookalikes=("Dying to know if the infusions are covered by Blue Cross",),
    ),
    Rule(
        name="cant-wake-them",
        kind=RuleKind.EMERGENCY,
        pattern=r"\b(?:cant|cannot|can not|couldnt) wake (?:\w+ ){0,2}up\b",
        examples=("I can't wake my roommate up and there are empty pill bottles everywhere",),
    ),
    Rule(
        name="wont-wake-up",
        kind=RuleKind.EMERGENCY,
        pattern=r"\b(?:wont|will not|isnt|is not) (?:wake|waking) up\b",
        examples=(
            "my roommate wont wake up, he took xanax and drank a bunch of vodka",
            "I mixed my lorazepam with a bottle of vodka on purpose so I won't wake up",
        ),
        lookalikes=("my baby is sleeping and not waking up for feeds, can i bring her",),
    ),
    Rule(
        name="cant-stay-awake",
        kind=RuleKind.EMERGENCY,
        pattern=r"\bcant stay awake\b",
        examples=("accidentally took double my meds and now I'm throwing up and can't stay awake",),
    ),
    Rule(
        name="unresponsive",
        kind=RuleKind.EMERGENCY,
        pattern=r"\bunresponsive\b",
        examples=(
            "my boyfriend took a bunch of ketamine at home and now he's unresponsive",
            "mixed ketamine I got off the street with benzos and my boyfriend is unresponsive",
        ),
    ),
    Rule(
        name="chest-pain",
        kind=RuleKind.EMERGENCY,
        pattern=r"\bchest (?:feels |is |gets )?(?:tight|tightness|pain|hurts|crushing)\b",
        examples=("i mixed ketamine with vodka and my chest feels tight, i think im dying",),
    ),
    Rule(
        name="drank-bleach",
        kind=RuleKind.OVERDOSE,
        pattern=(
            r"\b(?:drank|drink|drinking|swallowed|took) (?:some |a bottle of |the |"
            r"a cup of )?(?:bleach|antifreeze|poison|rat poison|drain cleaner)\b"
        ),
        examples=(
            "drank bleach an hour ago",
            "I drank bleach a few minutes ago",
        ),
        lookalikes=(
            "What's the number for poison control? I just want it saved in my phone.",
            "Is it safe to drink alcohol the day after an infusion?",
        ),
    ),
    Rule(
        name="pills-lined-up",
        kind=RuleKind.MEANS,
        pattern=(
            rf"\b{_PILLS} (?:are |is )?(?:lined up|laid out|counted out|all ready|ready and|"
            rf"in front of me)\b"
        ),
        examples=(
            "pills are lined up on the counter",
            "what's the point. tablets are ready and the note is written",
        ),
        lookalikes=(
            "are my pills ready to collect",
            "I could have died of embarrassment, I cried in front of the nurse",
        ),
    ),
    Rule(
        name="note-is-written",
        kind=RuleKind.FAREWELL,
        pattern=r"\b(?:the |my |a )?(?:suicide |goodbye )?note is (?:written|ready|done)\b",
        examples=("what's the point. tablets are ready and the note is written",),
    ),
    Rule(
        name="took-times-my-dose",
        kind=RuleKind.OVERDOSE,
        pattern=r"\btook (?:\w+ )?(?:times|x) (?:my|the|what)\b",
        examples=("I took 3 times my gabapentin with wine and I can't feel my legs",),
        lookalikes=(
            "i died on level 3 like ten times last night lol",
            "That last boss in Elden Ring killed me like 40 times",
        ),
    ),
    Rule(
        name="whole-medicine-cabinet",
        kind=RuleKind.OVERDOSE,
        pattern=(
            r"\b(?:everything|all the pills|all the meds|all the tablets) in (?:my|"
            r"the) (?:medicine )?cabinet\b"
        ),
        examples=(
            (
                "Last night I took everything in my medicine cabinet and woke up in the "
                "afternoon, and I'm going to do it properly next time."
            ),
        ),
    ),
    Rule(
        name="took-lots-of-pills",
        kind=RuleKind.OVERDOSE,
        pattern=(
            rf"\b(?:take|took|taken|taking) (?:many|lot of|lots of|a ton of|"
            rf"tons of) (?:\w+ )?{_PILLS}"
        ),
        examples=(
            "I take many pill for sleep forever",
            "i am very tired of life, i take many pills tonight i think",
        ),
        lookalikes=(
            "took a bunch of notes in the session",
            "i have to take 10 of my pills a day, does that matter",
        ),
    ),
    # A heap of someone's own pills, however it is said: "a whole bunch of my clonazepam".
    Rule(
        name="heap-of-someones-pills",
        kind=RuleKind.OVERDOSE,
        pattern=(
            rf"\b{_HEAP} (?:his|her|their|my|mums?|moms?|dads?|mothers|fathers|wifes|"
            rf"husbands) (?:\w+ )?{_PILLS}"
        ),
        examples=(
            "took a whole load of my mums sleeping pills",
            "took a bunch of my lithium on purpose, now im shaking and throwing up",
        ),
        lookalikes=("i have to take 10 of my pills a day, does that matter",),
    ),
    # A heap of pills swallowed, with at most a describing word between: "drank many
    # tablets", "downed a load of sleeping pills"; not "took a bunch of notes".
    Rule(
        name="swallowed-heap-of-pills",
        kind=RuleKind.OVERDOSE,
        pattern=(
            rf"\b{_SWALLOWED} (?:like |about |maybe )?{_LOTS} (?:the |my |his |her |"
            rf"their )?(?:little |small |white |blue |pink |yellow |orange |old |leftover |extra |"
            rf"spare |prescription |prescribed )?{_PILLS}"
        ),
        examples=(
            "i took a whole bottle of pills",
            "I took too many pills",
        ),
        lookalikes=("i have to take 10 of my pills a day, does that matter",),
    ),
    # Enough pills put by: "i have enough pills saved up", "enough xanax stashed".
    Rule(
        name="enough-pills-saved",
        kind=RuleKind.MEANS,
        pattern=(
            rf"\benough (?:\w+ ){{0,2}}{_PILLS}\b.{{0,20}}\b(?:saved up|stashed|hidden|hid|hoarded|"
            rf"put aside|to do it|to end it|to die|to kill)\b"
        ),
        examples=("i have enough pills saved up to do it on my birthday next week",),
        lookalikes=("What's the number for poison control? I just want it saved in my phone.",),
    ),
    # Sitting with the pills, deciding: "holding the pills for an hour, still deciding".
    Rule(
        name="holding-the-pills",
        kind=RuleKind.MEANS,
        pattern=(
            rf"\b(?:holding|staring at|looking at|sitting with|"
            rf"clutching)\b.{{0,15}}\b{_PILLS}\b.{{0,40}}\b(?:for (?:an|over an|hours|half an|"
            rf"the last|a while|ages)|deciding|cant decide|working up|courage|do it)\b"
        ),
        examples=("Been sitting here holding the pills for an hour. Still deciding.",),
        lookalikes=("i'm holding my pills until the nurse says it's ok",),
    ),
    # Someone asleep who cannot be woken (learner English too: "she is sleeping and not
    # wake up"); a baby sleeping through is another matter.
    Rule(
        name="asleep-and-not-waking",
        kind=RuleKind.EMERGENCY,
        pattern=(
            r"\b(?:she|he|they|mum|mom|mother|dad|father|husband|wife|partner|friend|brother|"
            r"sister) (?:is |s |are |re )?(?:sleeping|asleep) (?:and|but) (?:not|no|cant|cannot|"
            r"wont|doesnt) (?:wake|waking|wakes)\b"
        ),
        examples=("My mother she drink many tablets, now she is sleeping and not wake up",),
        lookalikes=(
            "my baby is sleeping and not waking up for feeds, can i bring her",
            "I could die of embarrassment, I fell asleep during the consultation",
        ),
    ),
    Rule(
        name="seizure",
        kind=RuleKind.EMERGENCY,
        pattern=r"\b(?:seizure|seizing|convulsing|unconscious|foaming at the mouth)\b",
        examples=(
            "my brother is unconscious after taking pills",
            "she's having a seizure after taking ket",
        ),
    ),
    # Said without any of the words above: finality, farewells and a readiness to die.
    Rule(
        name="stop-existing",
        kind=RuleKind.PASSIVE_WISH,
        pattern=r"\bstop existing\b",
        examples=(
            "part of me wants to stop existing",
            "im such a burden on evryone, i just want to stop existing",
        ),
    ),
    Rule(
        name="rest-forever",
        kind=RuleKind.INTENT,
        pattern=r"\brest forever\b",
        examples=("time to rest forever. goodnight world",),
        lookalikes=("forever grateful for your help",),
    ),
    Rule(
        name="goodnight-world",
        kind=RuleKind.FAREWELL,
        pattern=r"\bgoodnight world\b",
        examples=("time to rest forever. goodnight world",),
        lookalikes=(
            (
                "That last infusion completely wiped me out, I was dead to the world for the rest "
                "of the day haha."
            ),
        ),
    ),
    Rule(
        name="affairs-in-order",
        kind=RuleKind.LOGISTICS,
        pattern=r"\baffairs (?:are |all )?(?:in order|sorted|settled|tied up)\b",
        examples=(
            "My affairs are in order.",
            "I have put my affairs in order and written a letter to each of my children.",
        ),
    ),
    Rule(
        name="said-my-goodbyes",
        kind=RuleKind.FAREWELL,
        pattern=r"\b(?:said|saying|say) (?:all )?my (?:goodbyes|farewells)\b",
        examples=(
            (
                "For your records, I won't need the follow-up. My affairs are in order and I've "
                "said my goodbyes."
            ),
        ),
    ),
    Rule(
        name="made-my-peace",
        kind=RuleKind.FAREWELL,
        pattern=r"\bmade (?:my )?peace\b",
        examples=(
            "I'm ready to meet God. I've made my peace.",
            (
                "Nothing is ever going to change and I've made peace with that. I won't be around "
                "much longer."
            ),
        ),
    ),
    Rule(
        name="ready-to-meet-god",
        kind=RuleKind.INTENT,
        pattern=r"\bready to (?:meet|see) (?:god|my maker|jesus)\b",
        examples=("I'm ready to meet God. I've made my peace.",),
    ),
    Rule(
        name="coming-home-early",
        kind=RuleKind.INTENT,
        pattern=r"\bcoming home early\b",
        examples=(
            "I have prayed on it and I believe the Lord will forgive me for coming home early.",
        ),
        lookalikes=("Can I end my treatment early if I feel better?",),
    ),
    Rule(
        name="let-the-dark-take-me",
        kind=RuleKind.PASSIVE_WISH,
        pattern=r"\blet the dark(?:ness)? take me\b",
        examples=("Let the dark take me, I'm too tired to keep fighting it.",),
    ),
    Rule(
        name="too-tired-to-keep-fighting",
        kind=RuleKind.ENTRAPMENT,
        pattern=r"\b(?:too tired|tired) to keep fighting\b",
        examples=("Let the dark take me, I'm too tired to keep fighting it.",),
        lookalikes=(
            "dead tired after work",
            "Dead tired after my session yesterday, is that normal?",
        ),
    ),
    Rule(
        name="exit-plan",
        kind=RuleKind.PLAN,
        pattern=r"\bexit plan\b",
        examples=(
            (
                "I kept a bottle of pills in my nightstand as my exit plan for when the infusions "
                "stopped working."
            ),
        ),
        lookalikes=(
            (
                "I'm leaving for a trip abroad next month — can I pause my treatment plan and "
                "pick it up when I'm back?"
            ),
        ),
    ),
    Rule(
        name="sorry-for-everything",
        kind=RuleKind.FAREWELL,
        pattern=r"\bsorry for everything\b",
        examples=(
            "Sorry for everything. Won't be a bother much longer.",
            "My son (16) just texted me 'sorry for everything, love you' and now his phone is off.",
        ),
    ),
    Rule(
        name="once-im-gone",
        kind=RuleKind.FAREWELL,
        pattern=r"\b(?:after|once|when) (?:i am|im) gone\b",
        examples=(
            "nobody will notice when im gone anyway. soon",
            "My parents spent their savings on these infusions. They'd be relieved once I'm gone.",
        ),
    ),
    Rule(
        name="not-coming-to-next-appointment",
        kind=RuleKind.FAREWELL,
        pattern=r"\b(?:wont|will not) (?:be )?(?:coming|come) to (?:my|the) next appointment\b",
        examples=(
            (
                "Please thank the doctor for trying. I won't be coming to my next appointment, or "
                "any other."
            ),
        ),
    ),
    Rule(
        name="or-any-other",
        kind=RuleKind.FAREWELL,
        pattern=r"\bor any other\b.{0,10}$",
        examples=(
            (
                "Please thank the doctor for trying. I won't be coming to my next appointment, or "
                "any other."
            ),
        ),
    ),
    Rule(
        name="with-my-late-mother-again",
        kind=RuleKind.INTENT,
        pattern=(
            r"\b(?:be|am) with my (?:mother|father|mom|mum|dad|wife|husband|son|daughter|grandma|"
            r"grandpa|grandmother|grandfather) again\b"
        ),
        examples=(
            "I want to be with my mum again, she's been gone two years.",
            "Soon I'll be with my mother again. I just need to find the courage tonight.",
        ),
        lookalikes=(
            "My grandfather passed away last month. Can grief delay starting treatment?",
            (
                "My grandfather died of a heart attack, is ketamine safe for people with a family "
                "history of heart problems?"
            ),
        ),
    ),
    Rule(
        name="cant-see-a-future",
        kind=RuleKind.HOPELESSNESS,
        pattern=(
            r"\b(?:dont|do not|cant|cannot) see (?:the |a |any )?(?:point|future|way forward)\b"
        ),
        examples=(
            "At my age I don't see the point in carrying on.",
            "I don't see a future for myself. I won't be around much longer",
        ),
    ),
    Rule(
        name="go-from-this-life",
        kind=RuleKind.INTENT,
        pattern=r"\bprepare to go from this life\b|\bgo from this life\b",
        examples=(
            (
                "Hello, i want ask the price. Also i want say i don't see future, i prepare to go "
                "from this life"
            ),
        ),
    ),
    Rule(
        name="better-for-family-if-i",
        kind=RuleKind.BURDEN,
        pattern=r"\bbetter for (?:my|the) (?:family|kids|children|wife|husband|everyone) if i\b",
        examples=(
            (
                "sorry for my english. I think is better for my family if I am dead, I have plan "
                "for friday"
            ),
        ),
        lookalikes=("Where should I keep my medication so it's out of reach of the kids?",),
    ),
    Rule(
        name="kinder-if-i-were-not-here",
        kind=RuleKind.BURDEN,
        pattern=r"\bkinder\b.{0,40}\bif i (?:were|was) not here\b",
        examples=(
            "I think it would be kinder to my wife if I were not here to be a burden any longer.",
        ),
    ),
    Rule(
        name="if-i-were-not-here",
        kind=RuleKind.BURDEN,
        pattern=r"\b(?:if i (?:were|was) not here|not here to be a burden)\b",
        examples=(
            "I think it would be kinder to my wife if I were not here to be a burden any longer.",
        ),
    ),
    Rule(
        name="wont-need-them-where-im-going",
        kind=RuleKind.FAREWELL,
        pattern=r"\bwont need (?:them|it|these|those|my \w+) where\b",
        examples=(
            "my son (17) gave away all his games and said he won't need them where he's going",
            (
                "My dad has been giving away his tools and told me he won't need them where he's "
                "going."
            ),
        ),
    ),
    Rule(
        name="so-done-not-joking",
        kind=RuleKind.INTENT,
        pattern=r"\bso done\b.{0,20}\bnot joking\b",
        examples=("i'm so done 💀 not joking this time",),
    ),
    Rule(
        name="river-calling-me",
        kind=RuleKind.INTENT,
        pattern=(
            r"\b(?:the )?(?:river|sea|ocean|water|bridge) (?:has been |is |keeps )?calling me\b"
        ),
        examples=("The river has been calling me for weeks and tonight I think I will answer.",),
        lookalikes=(
            "I killed my office plant by forgetting to water it for a month, oops",
            "My book club is reading a novel about a man who jumps off a bridge, heavy stuff",
        ),
    ),
    Rule(
        name="not-turning-the-wheel",
        kind=RuleKind.INTENT,
        pattern=r"\bnot (?:turning|turn) the wheel\b",
        examples=(
            "some days on the motorway I think about just not turning the wheel at the bend",
        ),
        lookalikes=("Is there a dress code? I'd rather not turn up looking like death warmed up.",),
    ),
    Rule(
        name="would-do-it",
        kind=RuleKind.RESEARCH,
        pattern=r"\bwould (?:do it|be fatal|not be survivable)\b|\bwouldnt be survivable\b",
        examples=(
            "I'm a nurse and I know exactly how much insulin would do it. It's in my fridge.",
            "As a pharmacist I know exactly which dose would do it, and I have the keys at work.",
        ),
        lookalikes=("can ketamine cause a fatal reaction with my heart meds?",),
    ),
    Rule(
        name="how-easy-it-would-be",
        kind=RuleKind.RESEARCH,
        pattern=r"\b(?:how easy it would be|which dose would)\b",
        examples=(
            "As a pharmacist I know exactly which dose would do it, and I have the keys at work.",
            (
                "I'm an ICU nurse and I keep thinking about how easy it would be to take some of "
                "the vials home for myself."
            ),
        ),
    ),
    Rule(
        name="yeet-myself",
        kind=RuleKind.SLANG,
        pattern=r"\byeet(?:s|ing|ed)? (?:my ?self|meself)\b",
        examples=(
            "gonna yeet myself off the parking garage fr",
            "istg if this infusion doesn't work i'm yeeting myself off the car park roof",
        ),
    ),
    Rule(
        name="whether-to-stay",
        kind=RuleKind.INTENT,
        pattern=r"\bleave is winning\b|\bwhether to stay\b",
        examples=("I keep going back and forth about whether to stay. Today 'leave' is winning.",),
    ),
    Rule(
        name="needed-stitches",
        kind=RuleKind.SELF_HARM,
        pattern=r"\bneeded stitches\b",
        examples=("I needed stitches again last night, third time this month.",),
    ),
    Rule(
        name="hiding-cuts",
        kind=RuleKind.SELF_HARM,
        pattern=r"\bsleeves are hiding\b|\bhiding (?:my |the )?(?:cuts|scars|arms|wrists)\b",
        examples=(
            (
                "my sleeves are hiding some pretty deep ones rn. will the nurse see when she puts "
                "the IV in?"
            ),
        ),
        lookalikes=(
            (
                "Paintball left bruises all over my arms, hope the nurse doesn't get the wrong "
                "idea haha"
            ),
        ),
    ),
    Rule(
        name="went-deeper-than-meant",
        kind=RuleKind.SELF_HARM,
        pattern=r"\b(?:went|cut|it went) deeper than i (?:meant|wanted)\b",
        examples=("relapsed after 200 days clean. it went deeper than I meant it to",),
    ),
    Rule(
        name="took-the-whole-supply",
        kind=RuleKind.OVERDOSE,
        pattern=(
            r"\b(?:take|took|taken|swallowed|emptied) (?:my |the |a )?(?:whole|entire|"
            r"full) (?:week|month|bottle|pack|box)\b"
        ),
        examples=(
            "i took a whole bottle of pills",
            "I swallowed a whole pack of my meds",
        ),
        lookalikes=("can i pick up my whole supply at once",),
    ),
    Rule(
        name="emptied-the-bottle",
        kind=RuleKind.OVERDOSE,
        pattern=r"\bemptied (?:my|the|her|his) (?:\w+ )?(?:bottle|pills|meds|tablets)\b",
        examples=(
            (
                "Emptied my sertraline bottle an hour ago. heart's racing and I'm really hot and "
                "twitchy"
            ),
        ),
        lookalikes=(
            "My cat knocked my pill bottle off the counter and the pills rolled under the fridge.",
        ),
    ),
    Rule(
        name="took-a-lot-of-mine",
        kind=RuleKind.OVERDOSE,
        pattern=r"\b(?:took|take|taken) (?:a lot|lots|loads|a ton|tons) of (?:my|his|her|the)\b",
        examples=("i took a lot of my clonazepam on purpose and everything is going blurry",),
        lookalikes=("do u need loads of sessions before u feel anything",),
    ),
    Rule(
        name="on-purpose-pills",
        kind=RuleKind.OVERDOSE,
        pattern=(
            r"\bon purpose\b.{0,40}\b(?:pills|meds|tablets|took|taken|swallowed|blurry|drank)\b"
        ),
        examples=("i took a lot of my clonazepam on purpose and everything is going blurry",),
        lookalikes=("i took my pills twice by mistake but i feel fine",),
    ),
    Rule(
        name="took-on-purpose",
        kind=RuleKind.OVERDOSE,
        pattern=r"\b(?:took|taken|swallowed) (?:\w+ ){0,4}on purpose\b",
        examples=("I took too many sleeping pills on purpose and I'm getting really drowsy",),
    ),
    Rule(
        name="cuz-i-just-did",
        kind=RuleKind.OVERDOSE,
        pattern=r"\bjus(?:t)? did\b.{0,10}$",
        examples=("wat happens if u take like 40 of ur meds asking cuz i jus did",),
    ),
    Rule(
        name="took-someone-elses-pills-too",
        kind=RuleKind.OVERDOSE,
        pattern=(
            r"\b(?:husbands|wifes|moms|dads|mothers|fathers|sisters|brothers) (?:\w+ )?(?:pills|"
            r"meds|tablets)\b.{0,40}\b(?:own|too|as well)\b"
        ),
        examples=(
            "I took my husband's heart pills as well as my own and now I'm so dizzy and sick.",
        ),
    ),
    Rule(
        name="pocketing-supplies",
        kind=RuleKind.MEANS,
        pattern=r"\bpocketing\b|\bputting (?:it|them) aside at home\b|\bvials home\b",
        examples=(
            (
                "I'm an ICU nurse and I keep thinking about how easy it would be to take some of "
                "the vials home for myself."
            ),
            (
                "I'm a paramedic, I know which combination wouldn't be survivable and I've "
                "started putting it aside at home."
            ),
        ),
    ),
    Rule(
        name="plan-for-a-day",
        kind=RuleKind.PLAN,
        pattern=(
            r"\bi have (?:a )?plan for (?:friday|monday|tuesday|wednesday|thursday|saturday|sunday|"
            r"tonight|tomorrow|the weekend)\b"
        ),
        examples=(
            (
                "sorry for my english. I think is better for my family if I am dead, I have plan "
                "for friday"
            ),
        ),
        lookalikes=(
            "I shot myself in the foot booking on a Monday, can I move it to Wednesday?",
            "Anyway, can I move my appointment to Thursday?",
        ),
    ),
    Rule(
        name="locked-in-with-means",
        kind=RuleKind.MEANS,
        pattern=(
            r"\blocked (?:herself|himself|themselves|myself) in\b.{0,40}\b(?:knife|razor|pills|"
            r"rope|gun|blade|blood|bleeding)\b"
        ),
        examples=(
            "my roommate locked herself in the bathroom with a knife and won't answer",
            "my roommate locked herself in the bathroom and says she took all her pills",
        ),
        lookalikes=("i locked myself out of my car, can i be late?",),
    ),
    Rule(
        name="blood-under-the-door",
        kind=RuleKind.EMERGENCY,
        pattern=(
            r"\bblood (?:is )?(?:coming|seeping|pouring|leaking|"
            r"running)? ?(?:out )?(?:from )?under the door\b"
        ),
        examples=(
            (
                "my mate's locked herself in the bathroom, there's blood coming under the door "
                "and she's been talking about doing herself in"
            ),
        ),
    ),
    # Someone will find the body: "my mom is going to find me in the bathtub".
    Rule(
        name="find-my-body",
        kind=RuleKind.PLAN,
        pattern=(
            r"\bfind my body\b|\bfind me\b.{0,25}\b(?:bath|bathtub|tub|dead|hanging|cold|garage|"
            r"woods|im sorry)\b"
        ),
        examples=(
            "they will find my body in the woods",
            "my mom is going to find me in the bathtub tomorrow and I'm sorry",
        ),
        lookalikes=("my husband will find me in the waiting room right",),
    ),
    Rule(
        name="last-letter",
        kind=RuleKind.FAREWELL,
        pattern=r"\blast one to my (?:mom|mum|dad|wife|husband|kids|son|daughter|family|parents)\b",
        examples=("i wrot the letters alredy just need to finsh the last one to my mom",),
    ),
    Rule(
        name="jump-from-a-window",
        kind=RuleKind.INTENT,
        pattern=(
            r"\bjump (?:from|out of|off|out) (?:a |the |my )?(?:window|roof|balcony|bridge|"
            r"building|ledge)\b"
        ),
        examples=(
            "I'm planning to jump from the roof of my building",
            "please help, my head is say to me jump from window and today I believe it",
        ),
        lookalikes=(
            (
                "is it normal OCD to worry I might suddenly jump when I stand near a ledge, even "
                "though I really don't want to?"
            ),
            (
                "When I stand near a ledge I get intrusive images of jumping even though I really "
                "don't want to."
            ),
        ),
    ),
    # Religious and spiritual phrasing: "the lord is calling me home", "i pray god takes
    # me in my sleep", "ready to leave this body, perhaps the next birth will be kinder".
    Rule(
        name="god-calling-me-home",
        kind=RuleKind.INTENT,
        pattern=(
            r"\b(?:god|the lord|lord|jesus|allah|heaven|my maker|the angels) (?:is |are |has |"
            r"keeps )?(?:calling|called|call|wants|want) me (?:home|to (?:him|heaven|them|her))\b"
        ),
        examples=(
            "the lord is calling me home",
            (
                "The Lord is calling me home and I am ready to go to Him tonight. Please don't "
                "reschedule me."
            ),
        ),
    ),
    Rule(
        name="pray-god-takes-me",
        kind=RuleKind.PASSIVE_WISH,
        pattern=(
            r"\b(?:pray|praying|prayed|hope|hoping|wish|asking|beg|begging)\b.{0,10}\b(?:god|"
            r"the lord|lord|jesus|allah) (?:will |would |to |just )?(?:take|takes|took) me\b"
        ),
        examples=(
            "praying god takes me tonight",
            "I pray God takes me in my sleep tonight, and if He won't, I'll do it myself.",
        ),
        lookalikes=("i pray the treatment works",),
    ),
    Rule(
        name="going-home-to-god",
        kind=RuleKind.INTENT,
        pattern=(
            r"\bready to go (?:to|home to) (?:him|god|jesus|the lord|heaven|allah|my maker)\b|"
            r"\bgo(?:ing)? home to (?:god|the lord|jesus|heaven|my maker)\b"
        ),
        examples=(
            (
                "The Lord is calling me home and I am ready to go to Him tonight. Please don't "
                "reschedule me."
            ),
        ),
    ),
    Rule(
        name="forgive-me-for-what-im-about-to-do",
        kind=RuleKind.FAREWELL,
        pattern=(
            r"\bforgive me for what (?:i am|im|i m|ill|i will|i have|ive|i) (?:about to |going to |"
            r"gonna |have to |must )?(?:do|done)\b"
        ),
        examples=(
            "please forgive me for what i'm about to do",
            (
                "Inshallah this is my last night of suffering, may Allah forgive me for what I am "
                "about to do"
            ),
        ),
        lookalikes=("forgive me for what i said on the phone yesterday",),
    ),
    Rule(
        name="last-night-on-earth",
        kind=RuleKind.FAREWELL,
        pattern=(
            r"\b(?:my|the) last (?:night|day|week|morning|evening|hours?) (?:of (?:suffering|pain|"
            r"my life|this life|living|being alive)|on earth|alive|in this world)\b"
        ),
        examples=(
            (
                "Inshallah this is my last night of suffering, may Allah forgive me for what I am "
                "about to do"
            ),
        ),
        lookalikes=(
            (
                "That last infusion completely wiped me out, I was dead to the world for the rest "
                "of the day haha. Is that normal?"
            ),
        ),
    ),
    Rule(
        name="leave-this-world",
        kind=RuleKind.INTENT,
        pattern=r"\bleave this (?:body|world|earth|life|mortal \w+|planet|existence)\b",
        examples=(
            "time to leave this world, maybe the next life will be kinder",
            "I am ready to leave this body.",
        ),
        lookalikes=(
            (
                "That last infusion completely wiped me out, I was dead to the world for the rest "
                "of the day haha."
            ),
            (
                "is the dissociation during the infusion like an out of body experience? my "
                "friend said it felt like floating"
            ),
        ),
    ),
    Rule(
        name="next-life-kinder",
        kind=RuleKind.INTENT,
        pattern=(
            r"\b(?:next|another) (?:life|birth|incarnation|lifetime) (?:will|would|might|may|"
            r"could) be (?:kinder|better|easier)\b"
        ),
        examples=("time to leave this world, maybe the next life will be kinder",),
    ),
    # An exit or a decision with no object: "planning my exit", "anything for people
    # whove already decided".
    Rule(
        name="planning-my-exit",
        kind=RuleKind.PLAN,
        pattern=(
            r"\b(?:plan|plans|planning|planned|plotting|arranging|arranged|preparing|prepared|"
            r"organising|organizing) my (?:own )?(?:exit|final exit|way out|death)(?:$| (?:now|"
            r"tonight|today|tomorrow|soon|already|carefully|properly|this|next|on|and|i|im|"
            r"from (?:this|life|the world|it all|everything))\b)"
        ),
        examples=("planning my exit",),
        lookalikes=(
            "planning my exit from my job, does that affect treatment",
            (
                "What happens if I accidentally took my fluoxetine twice today? I forgot I'd "
                "already had it."
            ),
        ),
    ),
    Rule(
        name="people-who-already-decided",
        kind=RuleKind.PLAN,
        pattern=(
            r"\b(?:people|those|patients|someone|anyone|ppl|folks) (?:who|whove|who have|that have|"
            r"whos|who has|thats) already (?:decided|made up their minds?|"
            r"made the decision)(?: because| but| so| and| anyway|$)"
        ),
        examples=(
            (
                "does the clinic offer anything for people who've already decided? because I've "
                "decided"
            ),
        ),
        lookalikes=(
            "ok thanks, ive decided to book",
            "bite the bullet and book already, my wife says. ok what's the next opening?",
        ),
    ),
    Rule(
        name="because-ive-decided",
        kind=RuleKind.PLAN,
        pattern=r"\b(?:because|cause|cos|coz|bc) (?:ive|i have) (?:already |finally )?decided$",
        examples=(
            (
                "does the clinic offer anything for people who've already decided? because I've "
                "decided"
            ),
        ),
        lookalikes=(
            "can ketamine cause a fatal reaction with my heart meds?",
            "My old car finally died, is the clinic reachable by bus?",
        ),
    ),
    # No future at the clinic: "there wont be a next infusion for me", "end of the road".
    Rule(
        name="no-next-session-for-me",
        kind=RuleKind.FAREWELL,
        pattern=(
            r"\bthere (?:wont|will not|isnt going to|is not going to) be (?:a |an |any )?(?:next|"
            r"another|other|more|further) (?:infusions?|sessions?|appointments?|treatments?|"
            r"visits?|time) for me\b"
        ),
        examples=(
            "there won't be another session for me",
            "im at the end of the road. there won't be a next infusion for me",
        ),
        lookalikes=("is there a next infusion slot for me this week",),
    ),
    Rule(
        name="end-of-the-road",
        kind=RuleKind.HOPELESSNESS,
        pattern=(
            r"\bend of the (?:road|line) for me\b|\b(?:ive|i have) (?:reached|come to|"
            r"hit) the end of the (?:road|line)\b"
        ),
        examples=("i've reached the end of the road with all this",),
        lookalikes=(
            (
                "The clinic is at the end of the road past the church, right? Google Maps keeps "
                "sending me round in circles."
            ),
        ),
    ),
    # Absolving others of what is coming: "it wasnt her fault, none of what happens
    # tonight is".
    Rule(
        name="not-your-fault-what-happens",
        kind=RuleKind.FAREWELL,
        pattern=(
            r"\b(?:not|wasnt|isnt) (?:your|her|his|their|anyones|anybodys|"
            r"\w+s) fault\b.{0,30}\b(?:none of|what happens|what i do|what im about to|"
            r"what i am about to|goodbye)\b"
        ),
        examples=(
            "it's not your fault, none of what happens is",
            (
                "Tell Dr Patel thank you for everything. It wasn't her fault, none of what "
                "happens tonight is."
            ),
        ),
        lookalikes=(
            "What happens at the end of the session?",
            "What happens if I miss a dose of my fluoxetine?",
        ),
    ),
    Rule(
        name="none-of-what-happens",
        kind=RuleKind.FAREWELL,
        pattern=r"\bnone of what (?:happens|happened|im about to|i am about to|ill do|i do)\b",
        examples=(
            "it's not your fault, none of what happens is",
            (
                "Tell Dr Patel thank you for everything. It wasn't her fault, none of what "
                "happens tonight is."
            ),
        ),
        lookalikes=(
            "What happens at the end of the session?",
            "What happens if I miss a dose of my fluoxetine?",
        ),
    ),
    # A means bought or delivered: "ropes bought", "the sn i ordered off that forum came
    # today" (sodium nitrite).
    Rule(
        name="means-bought",
        kind=RuleKind.MEANS,
        pattern=(
            r"\b(?:rope|ropes|noose|gun|helium|charcoal|sodium nitrite|sn|exit bag)(?: is| are|"
            r" s)? (?:bought|purchased|ordered|arrived|delivered|sorted|came|here|in the car)\b"
        ),
        examples=(
            "the rope is bought",
            "Rope's bought.",
        ),
        lookalikes=(
            "i bought a new rope for my climbing gym",
            "planning my exit from my job, does that affect treatment",
        ),
    ),
    Rule(
        name="sodium-nitrite",
        kind=RuleKind.MEANS,
        pattern=(
            r"\b(?:the|some|my) (?:sn|sodium nitrite|nitrite)\b.{0,30}\b(?:ordered|bought|arrived|"
            r"came|delivered|forum)\b|\b(?:ordered|bought|got|received) (?:the |some |my )?(?:sn|"
            r"sodium nitrite)\b|\bexit bag\b"
        ),
        examples=(
            "ordered sodium nitrite online",
            "the SN i ordered off that forum came today. don't bother calling",
        ),
        lookalikes=("i bought a new rope for my climbing gym",),
    ),
    # Driving to crash: "driving way too fast hoping ill hit something".
    Rule(
        name="hoping-to-crash",
        kind=RuleKind.INTENT,
        pattern=(
            r"\b(?:hoping|hope|hoped|wishing|wish|praying|pray|want|wanting|"
            r"wanted) (?:that )?(?:ill|i will|i would|id|i|to|i could|i might|the car will|"
            r"the car would) (?:just )?(?:hit|crash into|smash into|drive into|plough into|"
            r"plow into|swerve into|wrap (?:the|my) car around) (?:something|someone|anything|"
            r"a tree|a wall|a truck|a lorry|a pole|a lamppost|the barrier|a barrier|a bridge)\b|"
            r"\b(?:hoping|hope|wishing|praying) (?:that )?(?:ill|i|id) (?:just )?crash\b"
        ),
        examples=(
            "hoping i'll crash into a tree on the way home",
            "I keep driving way too fast hoping I'll hit something.",
        ),
        lookalikes=(
            "i hope i dont crash on the drive home after an infusion",
            "gonna crash on the couch after the infusion, is it normal to be that tired?",
        ),
    ),
    # A message of emoji keeps only its words: pills and wine "= sleep forever" folds to
    # "forever".
    Rule(
        name="bare-forever",
        kind=RuleKind.INTENT,
        pattern=(
            r"^(?:(?:and|then|now|just|gone|over|bye|goodbye|rest) )?(?:forever|for good|"
            r"permanently|for ever)$"
        ),
        examples=(
            "💊💊💊 🍷 = gone forever",
            "Goodbye forever.",
        ),
        lookalikes=("forever grateful for your help",),
    ),
    # A means of dying and a sign of intent in the same message: the combinations are too
    # many to list, each part alone too common to flag. Only means no patient mentions in an
    # ordinary question: "pills", "tonight" and "ready" are everyday words at a clinic ("can I
    # take my pills tonight before the infusion?"). Split by means, so a firing names it; an
    # intent phrase that holds the means itself ("bought a gun") needs no second word. The
    # folded text is one line, so "." spans the whole message.
    Rule(
        name="firearm-with-intent",
        kind=RuleKind.MEANS_WITH_INTENT,
        pattern=(
            rf"\b{_FIREARM}\b.*\b{_INTENT}\b|\b{_INTENT}\b.*\b{_FIREARM}\b|\b{_FIREARM} won\b|"
            rf"\bbought a gun\b"
        ),
        examples=(
            "i have my dad's gun in my lap",
            "The OCD has won. I bought a gun today.",
        ),
        lookalikes=("do you allow guns in the clinic? i have a permit",),
    ),
    Rule(
        name="rope-with-intent",
        kind=RuleKind.MEANS_WITH_INTENT,
        pattern=rf"\b{_ROPE}\b.*\b{_INTENT}\b|\b{_INTENT}\b.*\b{_ROPE}\b|\b{_ROPE} won\b",
        examples=(
            "i keep looking at the rope in the garage",
            "the rope is in my car. I just wanted someone to know.",
        ),
        lookalikes=("i bought a new rope for my climbing gym",),
    ),
    Rule(
        name="blade-with-intent",
        kind=RuleKind.MEANS_WITH_INTENT,
        pattern=(
            rf"\b{_BLADE}\b.*\b{_INTENT}\b|\b{_INTENT}\b.*\b{_BLADE}\b|\b{_BLADE} won\b|"
            rf"\bgot the knife\b"
        ),
        examples=(
            "I've run the bath and the razor blade is on the edge.",
            "there's a bath running and a razor on the edge of the tub",
        ),
        lookalikes=(
            "what's the best knife for cutting through a whole pumpkin without slipping?",
            (
                "What's the best knife for chopping onions without crying? Totally unrelated, but "
                "do you have parking?"
            ),
        ),
    ),
    Rule(
        name="height-with-intent",
        kind=RuleKind.MEANS_WITH_INTENT,
        pattern=rf"\b{_HEIGHT}\b.*\b{_INTENT}\b|\b{_INTENT}\b.*\b{_HEIGHT}\b|\b{_HEIGHT} won\b",
        examples=(
            "I'm standing on the bridge right now",
            "im sitting on the roof of my building rn",
        ),
        lookalikes=(
            (
                "When I stand near a ledge I get intrusive images of jumping even though I really "
                "don't want to. Is that common with OCD?"
            ),
            (
                "Saw on the news the bridge downtown is closed for repairs, what's the best route "
                "to your clinic?"
            ),
        ),
    ),
    Rule(
        name="railway-or-motorway-with-intent",
        kind=RuleKind.MEANS_WITH_INTENT,
        pattern=rf"\b{_TRACKS}\b.*\b{_INTENT}\b|\b{_INTENT}\b.*\b{_TRACKS}\b|\b{_TRACKS} won\b",
        examples=(
            "catch me on the train tracks later 🚆 fr fr no cap",
            "heading to the railway line after this, just wanted someone to know",
        ),
        lookalikes=(
            (
                "I get intrusive thoughts about pushing strangers onto the train tracks even "
                "though I'd never do it."
            ),
            "running late, looks like an accident on the motorway",
        ),
    ),
    Rule(
        name="poison-with-intent",
        kind=RuleKind.MEANS_WITH_INTENT,
        pattern=rf"\b{_POISON}\b.*\b{_INTENT}\b|\b{_INTENT}\b.*\b{_POISON}\b|\b{_POISON} won\b",
        examples=("the bleach is in front of me and im ready",),
        lookalikes=("What's the number for poison control? I just want it saved in my phone.",),
    ),
    # Distress without a clear sign of danger: the bot asks directly instead of sounding
    # the alarm (tier "concern"). Only wordings no crisis rule above catches; questions
    # about the treatment itself ("i can't take this medication with food?", "nothing
    # helps my insomnia") are left alone.
    Rule(
        name="cant-cope",
        kind=RuleKind.DISTRESS,
        pattern=(
            r"\b(?:cant|cannot|can not|couldnt|unable to|dont know how to) cope\b"
            r"|\b(?:im|i am|i m) (?:just |really |honestly )?not coping\b|\bstruggling to cope\b"
        ),
        examples=("i cant cope", "I'm not coping at all since the ERP stopped"),
        lookalikes=(
            "My daughter says her routines help her cope.",
            "i can't cope with needles, can i have the nasal spray instead?",
        ),
    ),
    Rule(
        name="cant-take-this-anymore",
        kind=RuleKind.DISTRESS,
        pattern=(
            r"\b(?:cant|cannot|can not|couldnt) (?:take|stand|handle|bear|deal with|face) "
            r"(?:this|it|all this|any of this|any of it|the thoughts|the pain|the ocd|my ocd|"
            r"my life|life|everything)(?: \w+){0,2} (?:anymore|any more|any longer)\b"
            r"|\b(?:cant|cannot|can not) (?:take|stand|handle|bear|deal with) (?:all (?:of )?this|"
            r"all of it)\b"
        ),
        examples=(
            "i cant take this anymore",
            "I just can’t take all this.",
            "i can't handle the thoughts any more",
        ),
        lookalikes=(
            "i cant take this medication with food?",
            "I can't take my sertraline anymore because of the nausea, is ketamine an option?",
        ),
    ),
    Rule(
        name="how-much-more-i-can-take",
        kind=RuleKind.DISTRESS,
        pattern=r"\bhow much more (?:of this )?(?:i can|can i) (?:take|handle|stand|bear)\b",
        examples=("i dont know how much more i can take",),
        lookalikes=("how much more ketamine can i take in one session?",),
    ),
    Rule(
        name="nothing-helps-and-exhausted",
        kind=RuleKind.DISTRESS,
        pattern=(
            r"\b(?:nothing|none of it|nothing ever) (?:helps|works|is helping|is working|"
            r"has helped|has worked|ever helps|ever works)\b.{0,60}\b(?:exhausted|so tired|"
            r"worn out|drained|defeated|hopeless|cant do this)\b"
            r"|\b(?:exhausted|so tired|worn out|drained|defeated)\b.{0,60}\bnothing (?:helps|"
            r"works|is helping|is working|has helped|has worked)\b"
        ),
        examples=(
            "nothing helps and im exhausted",
            "I'm so tired, nothing is helping anymore",
        ),
        lookalikes=(
            "nothing helps my insomnia, will ketamine?",
            "ok so bottom line, is ketamine a good option if ive been stuck with ocd for 10 "
            "years and nothing helps",
        ),
    ),
    # Saying outright how depressed one is: a warning sign on every prevention list
    # ("feeling very depressed"). Only with a word of degree: "I'm depressed and have
    # OCD, can ketamine help?" is a patient's question.
    # Being trapped, said plainly rather than as "the only way out": a check-in, since an
    # OCD patient may say it of their rituals (real_crisis_9_dev: "My thoughts control me
    # and there is no way out.", "I am here and I'm never getting out.").
    Rule(
        name="no-way-out",
        kind=RuleKind.DISTRESS,
        pattern=(
            r"\b(?:theres|there is|there was|i see|i have|i can see|with) no (?:way out|escape)"
            r"(?:$| for me\b| (?:of|from) (?:this|it|here|my (?:mind|thoughts|head|life))\b)"
            r"|\b(?:im|i am|i m) (?:never|not ever) (?:getting|going to get|gonna get) out"
            r"(?:$| of (?:this|here|it|this pit|this hole|this darkness)$)"
        ),
        examples=(
            "Every single day, I suffer from the gravitational pull of my negative thoughts. My "
            "thoughts control me and there is no way out.",
            "It’s like I can see who is doing the digging and how I got into the pit in the "
            "first place but it doesn’t matter because I am here and I’m never getting out.",
            "i feel like theres no escape",
        ),
        lookalikes=(
            "is there no way out of the contract with my old clinic?",
            "I'm never getting out of the parking garage at this rate lol",
            "does ketamine help when you feel there is no way out of your rituals?",
        ),
    ),
    # Someone close deserves better than the writer: the burden a warning-sign list names,
    # in a parent's words (real_crisis_9_dev).
    Rule(
        name="deserves-better-than-me",
        kind=RuleKind.BURDEN,
        pattern=(
            r"\b(?:my |our )?(?:baby|babies|kids?|children|child|son|daughter|family|wife|"
            r"husband|partner|girlfriend|boyfriend|parents|mom|mum|dad|everyone|they|she|he) "
            r"(?:deserves?|deserved) (?:so much |much |way |far )?better than me\b"
        ),
        examples=(
            "My baby deserves better than me. I shouldn't have become a mother in the first place.",
            "my kids deserve so much better than me",
        ),
        lookalikes=(
            "my kids deserve better care than I got, is ketamine safe for teens?",
            "you deserve better than me as a patient lol, sorry for the late reply",
        ),
    ),
    Rule(
        name="so-depressed",
        kind=RuleKind.DISTRESS,
        pattern=(
            r"\b(?:im|i am|i m|i feel|im feeling|i am feeling|ive been|i have been) (?:just )?"
            r"(?:so|really|very|very much|extremely|severely|deeply|incredibly|seriously|"
            r"horribly|terribly|badly) (?:very )?depressed\b"
        ),
        examples=(
            "I am a student. I am very much depressed. I try to be normal but bad thoughts "
            "keep coming back over and over again.",
            "i'm so depressed i can barely get out of bed",
        ),
        lookalikes=(
            "I'm depressed and have OCD, can ketamine help?",
            "is ketamine good for people who are very depressed?",
            "my son has been so depressed since his diagnosis, what can we do?",
        ),
    ),
    Rule(
        name="feel-hopeless",
        kind=RuleKind.DISTRESS,
        pattern=(
            r"\b(?:feel|feeling|felt|im|i am|i m|so|completely|totally|utterly|just) (?:so |really "
            r"|completely |totally |utterly |very |just |a bit |kind of |kinda )?hopeless\b"
        ),
        examples=("i feel hopeless", "feeling so hopeless about the ocd lately"),
        lookalikes=("is it hopeless to try ketamine if ssris never worked?",),
    ),
    Rule(
        name="falling-apart",
        kind=RuleKind.DISTRESS,
        pattern=(
            r"\b(?:im|i am|i m|my life is|everything is|life is|i feel like im|i feel like i am) "
            r"(?:just |completely |totally |really )?falling apart\b"
        ),
        examples=("im falling apart",),
        lookalikes=("my car is falling apart lol, is there a bus to the clinic?",),
    ),
    Rule(
        name="whats-the-point-of-anything",
        kind=RuleKind.DISTRESS,
        pattern=(
            r"\b(?:whats|what is|wats|what s) (?:even )?the point(?: of| in)? (?:anything|any of "
            r"(?:it|this)|it all|of it all|everything|anymore|any more|trying anymore|even "
            r"trying)\b"
        ),
        examples=("whats the point of anything", "what's even the point anymore"),
        lookalikes=(
            "whats the point of the rituals, like why do they feel they HAVE to do them",
            "what's the point of trying ketamine if insurance won't cover it?",
        ),
    ),
    Rule(
        name="everything-feels-pointless",
        kind=RuleKind.DISTRESS,
        pattern=(
            r"\b(?:everything|life|it all|all of it|my life)(?: just)? (?:feels|seems|is|looks) "
            r"(?:so |completely |totally |just |utterly )?(?:pointless|meaningless)\b"
            r"|\bnothing matters (?:anymore|any more|to me)\b"
        ),
        examples=("everything feels pointless", "nothing matters anymore"),
        lookalikes=(
            "why do ppl with ocd keep doing the same thing again and again when they know its "
            "pointless",
        ),
    ),
    Rule(
        name="hate-my-life",
        kind=RuleKind.DISTRESS,
        pattern=(
            r"\bi (?:really |just |so |honestly |fucking )?(?:hate|despise|loathe) (?:my life|my "
            r"existence|being alive|living like this)\b"
        ),
        examples=("i hate my life", "I hate my life"),
        lookalikes=("i hate my job but the hours fit around the infusions",),
    ),
    Rule(
        name="feel-empty",
        kind=RuleKind.DISTRESS,
        pattern=(
            r"\b(?:feel|feeling|felt) (?:so |really |completely |totally |just |very )?(?:empty|"
            r"hollow|dead inside)\b|\b(?:im|i am|i m) (?:just )?dead inside\b"
        ),
        examples=("i feel so empty", "im dead inside honestly"),
        lookalikes=("should i eat before my appointment or come on an empty stomach",),
    ),
    Rule(
        name="breaking-point",
        kind=RuleKind.DISTRESS,
        pattern=r"\b(?:im|i am|i m|i feel|ive|i have|i)\b.{0,20}\bbreaking point\b",
        examples=("im at breaking point",),
        lookalikes=("what's the breaking point for a ketamine dose?",),
    ),
    # Wordings from published first-person accounts (tests/data/real_crisis_dev.yaml).
    Rule(
        name="had-enough",
        kind=RuleKind.DISTRESS,
        pattern=(
            r"\b(?:ive|i have|i) (?:just |really |honestly |truly )?had enough(?:$| (?:of (?:this|"
            r"it|everything|life|all of this|all this|my life|the ocd|this ocd|living like this)|"
            r"now|already|i|im)\b)"
        ),
        examples=("I’ve had enough.", "ive had enough of all this"),
        lookalikes=("ive had enough coffee today, is caffeine ok before the session?",),
    ),
    Rule(
        name="not-okay",
        kind=RuleKind.DISTRESS,
        pattern=(
            r"\b(?:im|i am|i m) (?:really |just |so |very |honestly )?not (?:okay|ok|alright|all "
            r"right|doing (?:okay|ok|well|good))(?:$| (?:at all|right now|tonight|today|anymore|i|"
            r"and|lately|rn)\b)"
        ),
        examples=("Are you up? I'm not okay.", "im not ok at all"),
        lookalikes=("im not ok with needles, is there another way to get ketamine?",),
    ),
    Rule(
        name="tired-of-everything",
        kind=RuleKind.DISTRESS,
        pattern=(
            r"\b(?:tired|sick|exhausted) of (?:everything|it all|all of it|feeling (?:this way|"
            r"like this)|fighting|struggling|being (?:like this|this way))\b"
        ),
        examples=("I’m tired of everything.", "I’m just so tired of feeling this way"),
        lookalikes=("I'm sick to death of waiting for my insurance approval",),
    ),
    Rule(
        name="all-i-feel-is-pain",
        kind=RuleKind.DISTRESS,
        pattern=r"\ball i (?:can )?feel is (?:pain|hurt|misery|sadness)\b",
        examples=("Sometimes I think all I can feel is pain.",),
        lookalikes=("after the infusion all i can feel is calm, is that normal?",),
    ),
    Rule(
        name="hard-to-stay-alive",
        kind=RuleKind.DISTRESS,
        pattern=(
            r"\b(?:exhausting|hard|so hard|too hard|tiring|a struggle|a fight) to (?:stay alive|"
            r"keep living|be alive)\b"
        ),
        examples=("It can be frustrating and exhausting to stay alive.",),
        lookalikes=("is it hard to stay awake after the infusion?",),
    ),
    # Rules from the warning signs the published lists name, in the forms real messages
    # took (tests/data/real_crisis_sealed.yaml, first run: missed by every rule above).
    Rule(
        name="see-no-way-out",
        kind=RuleKind.ENTRAPMENT,
        pattern=(
            r"\b(?:cant|cannot|can not|dont|do not|couldnt) see (?:any|another|a|any other|no "
            r"other) way out(?:$| for me\b| of (?:this|it|here|my life|this life|this pain)$)"
            r"|\bnowhere (?:else )?to (?:go|turn)\b.{0,60}\b(?:stuck|trapped|pit|hole|darkness)\b"
            r"|\b(?:stuck|trapped) in (?:this |a |that )?(?:\w+ ){0,3}(?:pit|hole|darkness)\b"
            r".{0,30}\b(?:cant|couldnt|cannot|never) (?:get|climb|crawl) out\b"
        ),
        examples=(
            "I can’t see another way out of this",
            "It felt like I had nowhere to go and I felt I was quite stuck in this like dark, "
            "deep pit that I couldn't get out of",
        ),
        lookalikes=(
            "I can't see another way out of the parking garage, is there a back exit?",
            "I have nowhere to go after the infusion, can I wait in the lobby?",
        ),
    ),
    Rule(
        name="just-want-out",
        kind=RuleKind.ENTRAPMENT,
        pattern=(
            r"\bi (?:just |really |only )?want out(?:$| of (?:here|life|it all|everything|this "
            r"life|this world|this pain)$)"
        ),
        examples=("I just want out", "i really want out of this life"),
        lookalikes=("I just want out of my contract with the other clinic",),
    ),
    Rule(
        name="sorry-this-is-the-only-way",
        kind=RuleKind.FAREWELL,
        pattern=(
            r"\b(?:sorry|forgive me|please understand)\b.{0,30}\b(?:this|it) is the only way\b"
            r"|\b(?:this|it) is the only way(?: out)?$"
        ),
        examples=("I am sorry, but this is the only way.", "forgive me, it is the only way"),
        lookalikes=("sorry, is this the only way to book?", "this is the only way to pay?"),
    ),
    Rule(
        name="whats-the-use",
        kind=RuleKind.DISTRESS,
        pattern=(
            r"\b(?:whats|what is|wats) the use(?:$| (?:anymore|any more|of (?:living|trying|going "
            r"on|anything|it all|being here)\b))"
        ),
        examples=("What’s the use?", "what's the use of trying anymore"),
        lookalikes=("what's the use of ketamine in anaesthesia?",),
    ),
    Rule(
        name="nothing-matters-anymore",
        kind=RuleKind.DISTRESS,
        pattern=(
            r"\bnothing (?:really |even |actually )?matters(?: anymore| any more| anyway| now| to "
            r"me)*$"
        ),
        examples=("Nothing really matters anyway.", "nothing matters anymore"),
        lookalikes=("nothing matters more than safety, is the clinic monitored?",),
    ),
    Rule(
        name="all-my-fault-to-blame",
        kind=RuleKind.DISTRESS,
        # Guilt and self-blame are on the published warning-sign lists; said of a
        # missed appointment ("my fault, I'm sorry") it lacks the second clause.
        pattern=(
            r"\b(?:its|it is|everything is|it was) all my fault\b.{0,60}"
            r"\b(?:to blame|i deserve|hate myself|worthless|im the problem|ruin everything)\b"
        ),
        examples=("It’s all my fault, I’m in the wrong, I’m to blame",),
        lookalikes=("it's all my fault I missed the appointment, sorry! can I rebook?",),
    ),
    Rule(
        name="more-medication-than-prescribed",
        kind=RuleKind.OVERDOSE,
        pattern=(
            r"\b(?:took|taken|take|swallowed|had)\b.{0,30}\bmore\b.{0,25}"
            r"\b(?:medication|medicine|meds|pills|tablets|painkillers|doses?)\b.{0,15}\bthan "
            r"(?:recommended|prescribed|i should|i was supposed|directed|allowed|the label)\b"
            r"|\b(?:had|have|ive|i had) taken (?:far|way|so) too many\b"
        ),
        examples=(
            "I was feeling so upset, that I decided to take more of my medication than "
            "recommended.",
            "Being new to painkillers, I had been taking them throughout the night as well as "
            "throughout the day - so when the maths was done, I had taken far too many.",
        ),
        lookalikes=("can I take more ketamine than prescribed if it stops working?",),
    ),
    Rule(
        name="punished-myself-wound",
        kind=RuleKind.SELF_HARM,
        pattern=(
            r"\bpunish(?:ed|ing|es)? myself\b.{0,60}\b(?:scratch|scratches|cut|cuts|cutting|burn|"
            r"burns|bleed|bleeding|blood|scar|scars|bruises)\b"
        ),
        examples=("So I punished myself. The first time I did it, it was just a scratch.",),
        lookalikes=("I punished myself with a cold shower and a long run",),
    ),
    # From the misses of real_crisis_2_dev.yaml (collected this stop), as families. Its
    # accidental double doses without symptoms stay questions, as `extra-dose-and-unwell`
    # decides (crisis2 and crisis6 hold such questions as look-alikes).
    Rule(
        name="cut-some-more",
        kind=RuleKind.SELF_HARM,
        pattern=(
            r"\b(?:ill|i will|im gonna|im going to|i want to|i need to) cut (?:some )?(?:more|"
            r"again|deeper)(?:$| (?:tonight|today|now|and)\b)"
        ),
        examples=("the relief will last a few minutes and then i'll cut some more.",),
        lookalikes=("I'll cut more of the article for the handout",),
    ),
    Rule(
        name="no-reason-to-keep-fighting",
        kind=RuleKind.HOPELESSNESS,
        pattern=(
            r"\bno (?:reason|point) (?:to|in) (?:continue|continuing|keep|keeping) (?:this "
            r"fight|fighting|on|living|going)\b"
        ),
        examples=(
            "in the end I've already given up and there's no point to it, there's no reason "
            "to continue this fight.",
        ),
        lookalikes=("is there a reason to continue the SSRI during ketamine?",),
    ),
    Rule(
        name="burdening-others",
        kind=RuleKind.DISTRESS,
        pattern=(
            r"\b(?:burdening|burden to|burden on) (?:others|everyone|people|my family|them|my "
            r"friends|the people)\b"
            r"|\bguilty (?:for|about) (?:existing|being alive|being here|living)\b"
        ),
        examples=(
            "Sometimes I think I’m selfish to be burdening others with my problems when I am "
            "talking to them about it.",
            "I would be shaking and crying and feeling guilty for existing.",
        ),
        lookalikes=("is the cost a burden on my insurance?",),
    ),
    Rule(
        name="cant-stop-crying",
        kind=RuleKind.DISTRESS,
        pattern=(
            r"\b(?:cant|can not|cannot) stop crying\b"
            r"|\b(?:just |really )?need (?:someone|somebody) to talk to(?:$| (?:right now|"
            r"tonight|please|now)\b)"
        ),
        examples=(
            "What the fuck is wrong with me, I can’t stop crying",
            "Just need someone to talk to.",
        ),
        lookalikes=("I need someone to talk to about my bill",),
    ),
)
