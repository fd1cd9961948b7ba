"""Crisis detection: messages about suicide, self-harm or overdose get help first.

Recall matters more than precision here: a false alarm costs a patient one extra
message, a miss can cost a life. Patterns run on folded text (lower case, no
punctuation, apostrophes dropped: "don't" is "dont", "I'll" is "ill"), after common
misspellings of the key words are corrected.
"""

from __future__ import annotations

import re2
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
    "overdoses",
    "myself",
    "herself",
    "himself",
    "themselves",
)
_TYPO_CUTOFF = 80.0

# Oneself as patients write it, and with "yourself" and a common typo as well.
_ONESELF = r"(?:my ?self|meself|him ?self|her ?self|them ?sel(?:f|ves))"
_SELF = rf"(?:{_ONESELF}|your ?self|myslef)"

# Death words used as figures of speech, removed before the crisis patterns are tried.
_IDIOMS = re2.compile(
    r"\boverdos\w* on (?:coffee|caffeine|sugar|chocolate|candy|sweets|pizza|carbs|netflix|tv|"
    r"memes|cuteness|love|work|homework|studying|cookies|cake|energy drinks?|red bull|"
    r"news|music|anime|video games|social media|tiktok)\b"
    # Everyday accidents and figures of speech with "myself".
    r"|\bcut (?:myself|me) (?:a|an|some|another|my) (?:slice|piece|bit|chunk|wedge|sandwich|"
    r"slack|break)\b|\bcut myself (?:while |when )?(?:shaving|cooking|chopping|gardening)\b"
    # Doing a job oneself: "i cut the grass myself".
    r"|\b(?:cut|cutting|trim|trimmed|trimming) (?:the |my |our )?(?:grass|lawn|hedges?|hair|"
    r"fringe|bangs|nails|wood|fabric|cake|bread)(?: \w+)? (?:myself|ourselves)\b"
    r"|\b(?:shot|shoot|shooting) (?:myself|me|him ?self|her ?self|ourselves|themselves) "
    r"in the foot\b|\bburn\w* myself (?:while |when )?(?:cooking|baking)\b"
    r"|\bcut(?:ting)? (?:down|back) on\b|\bcut (?:my|his|her) (?:nails|hair|fringe|bangs)\b"
    # Hoping the illness goes for good is not wishing to be gone.
    r"|\b(?:ocd|symptoms|obsessions|compulsions|rituals|checking|side effects) (?:\w+ )?"
    r"(?:be |is |are |stay |stays )?gone (?:for good|forever|permanently)\b"
    # Games: dying, killing and jumping off cliffs are how you play.
    r"|\b(?:died|dying|killed|jumped|kept dying)\b.{0,60}\b(?:respawn\w*|final boss|boss|"
    r"level|checkpoint|game|match|round|my character)\b"
    # Fiction: what a character in a film, book or play does ("where a character
    # overdoses", "the movie character kills himself").
    r"|\b(?:a|the|main|lead|one|another|their|our|my) (?:\w+ )?character (?:who |that )?(?:\w+ )?"
    r"(?:overdoses|overdosed|ods|dies|died|kills (?:him|her|them)sel(?:f|ves)|killed (?:him|her|"
    r"them)sel(?:f|ves)|commits suicide|attempts suicide|self harms)\b"
    # Topping up, not "topping myself".
    rf"|\btop(?:s|ping|ped)? {_ONESELF} up\b"
)

_HARM = (
    r"(?:kil+|kil+s|kil+ing|kil+ed|murder|hurt|hurts|hurting|harm|harms|harming|harmed|cut|cuts|"
    r"cutting|burn|burns|burning|burned|burnt|hang|hangs|hanging|hanged|shoot|shooting|shot|"
    r"stab|stabbing|drown|drowning|poison|poisoning|starve|starving|punish|punishing|hit|hits|"
    r"hitting|punch|punching|scratch|scratching|off|offing|end|ending|unalive|suffocate|"
    r"strangle|use|using)"
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

_SUICIDE = (
    r"\bsuicid\w*",
    r"\bunaliv\w*",
    r"\bkms\b",
    r"\bk m s\b",
    r"\bkys\b",
    # Internet slang: "sewerslide", "self delete", "ctb" (catch the bus), "toaster bath".
    r"\bsewer ?(?:slide|slid|sliding|side)\w*",
    r"\bself ?(?:delet|terminat)\w*",
    r"\bctb\b",
    r"\btoaster bath\b",
    # British and older slang: "top myself", "do herself in", "do away with myself".
    rf"\btop(?:s|ping|ped)? {_ONESELF}\b",
    rf"\b(?:do|does|doing|did|done) {_ONESELF} in\b",
    rf"\bdo(?:ing)? away with {_ONESELF}\b",
    rf"\b{_HARM}(?: \w+){{0,2}} {_SELF}\b",
    r"\b(?:want|wanna|thinking|think|plan|planning|try|trying|decided|ready|make) (?:to |about "
    r"|of )?(?:kill|killing|hurt|hurting|cut|cutting|die) me\b",
    r"\b(?:cut|cutting|burn|burning|hurt|hurting) me with\b",
    r"\b(?:take|taking|took|end|ending|ended|finish|finishing|stop|stopping) (?:my|his|her|"
    r"their) (?:own )?life\b",
    r"\bmy life,? i want (?:to )?(?:stop|end|finish) it\b",
    r"\bend(?:ing)? (?:it all|everything|myself|things for good)\b",
    r"\b(?:to|gonna|wanna|will|ill|should|could|might|just|going to|about|bout) end(?:ing)? "
    r"(?:it|things)\b",
    r"\b(?:want|wants|wanted|wanting|wanna|wana|wnat|wamt|wan|wish|wishing|longing|going|gonna|"
    r"ready|plan|plans|planning|trying|try|deserve|deserves|make) (?:to )?die\b",
    r"\b(?:i|he|she|they) (?:just )?(?:want|wants|wanna) (?:to )?(?:be dead|disappear|not "
    r"exist|stop existing)\b",
    r"\b(?:wish|rather|better|better off) (?:i )?(?:was|were|be|am|to be)? ?(?:dead|ded)\b",
    # Text speak: "wanna b ded", "want 2 die", "why am i still alive".
    r"\b(?:want|wants|wanna|wana|wish|rather) (?:to |2 )?(?:just )?(?:be|b) (?:dead|ded)\b",
    r"\b(?:want|wants|wanna|wana|wish|ready|going|gonna) 2 die\b",
    r"\b(?:why|y) (?:am i|im|i am|i m) still (?:alive|breathing|living)\b",
    r"\bwish i (?:wasnt|werent|was never|had never been) (?:here|alive|born)\b",
    r"\bbetter off (?:dead|without me|if i (?:was|were) gone|if i died)\b",
    r"\b(?:relieved|happier|better|fine) without me\b",
    r"\b(?:no one|nobody|noone) (?:would|will|is going to) (?:even |really |actually )?"
    r"(?:miss|notice|care)\b",
    r"\bif i (?:died|was dead|were dead|wasnt here|werent here|was gone|disappeared|killed)\b",
    r"\b(?:dont|doesnt|do not|does not|didnt|no longer|not|no) (?:really )?(?:want|wanna|wants) "
    r"(?:to )?(?:live|be alive|be here|exist|wake up|go on|keep going|keep living)\b",
    # Formal: "i no longer wish to continue living", "i do not wish to go on".
    r"\b(?:dont|doesnt|do not|does not|no longer|not|no) (?:really )?(?:wish|wishes|desire|care) "
    r"(?:to )?(?:live|be alive|exist|go on|keep going|keep living|continue living|continue to "
    r"live|continue existing|carry on living|go on living|remain alive|stay alive)\b",
    r"\b(?:ive|i have|i) lived long enough\b",
    r"\b(?:no|not) want (?:to )?(?:live|wake up|be alive|exist)\b",
    r"\bno (?:reason|point) (?:to|in|for) (?:me )?(?:live|living|keep going|keep living|go on|"
    r"going on|carry on|carrying on|being alive|be alive|being here|stay|staying|exist|existing)\b",
    r"\bpoint (?:of|in) (?:living|being alive|going on|staying alive)\b",
    r"\b(?:cant|can not|cannot) (?:go on|do this anymore|take it anymore|keep living|keep "
    r"going like this|live like this|keep living like this)\b",
    r"\bhow much longer i can (?:keep going|go on|live|take)\b",
    r"\b(?:dont|do not) think i(?:ll| will| can) (?:make it|last|survive|be here|be around)\b",
    r"\b(?:tired|sick) of (?:living|being alive|life|existing)\b",
    r"\blife (?:is not|isnt|aint) worth (?:living|it)\b",
    # Nothing at all worth it any more (not one thing: "the drive isnt worth it").
    r"\bnot worth (?:it|anything|living|fighting|trying|going on) (?:anymore|any more)\b.{0,20}"
    r"\b(?:none of it|nothing|any of it|all of it|life|living)\b",
    r"\b(?:none of (?:it|this)|nothing|nothings) (?:is |seems |feels )?worth (?:it|anything|"
    r"living) (?:anymore|any more)\b",
    r"\bnot worth living\b",
    # The last hope gone, or giving up on every treatment: "ketamine was my last shot and
    # it failed. im done"; a bare "im done" is an everyday way to end a chat.
    r"\b(?:my|was|is) (?:last|final|only) (?:shot|hope|chance|resort)\b.{0,40}\b(?:failed|"
    r"didnt work|did not work|hasnt worked|has not worked|isnt working|is not working|"
    r"not working)\b",
    r"\b(?:no point|pointless|nothing works|nothing helps|nothing has worked|nothing worked|"
    r"gave up|giving up|give up)\b.{0,80}\b(?:im|i am) (?:just |so |completely |really )?done"
    r"(?: trying| fighting| now| for good)?$",
    r"\b(?:only|best|easiest) way out\b",
    r"\bdeath (?:is|feels like|seems like|would be) (?:the )?(?:only|best|a relief|better|"
    r"easier)\b",
    r"\b(?:stop|end|over|out|gone|leave|leaving|sleep|rest) (?:for good|forever|permanently)\b",
    # Ending it "with dignity" or "on my own terms" (not "end treatment on my own terms").
    r"\b(?:end|ending|ended) (?:it|it all|matters|things|my life|everything|my days) (?:\w+ )?"
    r"(?:on my own terms|with dignity|honou?rably)\b",
    r"\b(?:die|dying|go|leave|exit|depart) (?:on my own terms|with dignity)\b",
    r"\b(?:it|everything) (?:all )?(?:to )?be over\b",
    r"\bit all to (?:end|stop)\b",
    r"\b(?:so|then) (?:it would|i could|i would|i can) (?:all )?(?:end|die|be over|stop "
    r"existing)\b",
    r"\b(?:wish|hope|pray|want|wanna|rather)\b.{0,40}\b(?:not|never|dont|wouldnt|wont|no) "
    r"(?:to )?wake up\b",
    r"\b(?:sleep|go to sleep|fall asleep|close my eyes) and (?:never|not) wake up\b",
    r"\bsleep forever\b",
    # Not waking up or dying welcomed: "if i dont wake up that would be a relief".
    r"\b(?:dont|didnt|never|not|wouldnt) wake up\b.{0,50}\b(?:relief|blessing|wouldnt mind|"
    r"for the best)\b",
    r"\b(?:die|died|dying|dead|death)\b.{0,30}\b(?:would be|be|is) (?:a |such a )?"
    r"(?:relief|blessing)\b",
    r"\b(?:relief|blessing|wouldnt mind|would not mind)\b.{0,30}\bif i (?:never |didnt |dont |"
    r"did not |do not )?(?:wake up|woke up|die|died|were dead|was dead|was gone|were gone)\b",
    r"\b(?:hope|wish|pray)\b.{0,25}\b(?:hits|kills|runs over) me\b",
    # Being killed by accident welcomed: "if a car hit me i wouldnt mind".
    r"\b(?:car|bus|truck|lorry|train|van)\b.{0,15}\b(?:(?:hit|hits|killed|kills|ran over|"
    r"runs over|run over) me|(?:ran|runs|run|knocked|knocks) me (?:over|down))\b.{0,50}"
    r"\b(?:wouldnt|would not|dont|do not|wont|would) (?:even |really |honestly |actually )?"
    r"(?:mind|care|be sad|be a relief|be a blessing)\b",
    r"\b(?:wouldnt|would not|dont|do not) (?:even |really |honestly |actually )?(?:mind|care)\b"
    r".{0,20}\b(?:if|when) (?:a|the|some) (?:\w+ )?(?:car|bus|truck|lorry|train|van) "
    r"(?:hit|hits|ran over|runs over|killed|kills)\b",
    r"\b(?:wouldnt|would not) (?:even |really |honestly |actually )?mind (?:dying|being dead|"
    r"not waking up|getting hit|being hit|not being here)\b",
    r"\b(?:drive|driving|crash|crashing|steer|steering) (?:my )?(?:car )?into (?:a|the) "
    r"(?:wall|tree|truck|river|bridge|lake|oncoming)\b",
    # Into traffic, thought over or wanted: "ive thought about swerving into oncoming
    # traffic", "nearly stepped out into traffic". Said by the person, not an OCD intrusion
    # ("intrusive thoughts about swerving into traffic"), not "ran into traffic" (delayed).
    r"\b(?:(?:ive|i have|i|been|keep|kept|im) (?:thought about|been thinking about|thinking about|"
    r"think about|considered|considering|wanted to|want to|tried to|planned to|planning to|"
    r"planning on)|wanna|urge to|urges to|tempted to|gonna|going to|plan to|nearly|almost|"
    r"close to) (?:just )?(?:drive|driving|drove|steer|steering|swerve|swerving|swerved|veer|"
    r"veering|veered|walk|walking|walked|step|stepping|stepped|jump|jumping|jumped|"
    r"throw myself|throwing myself) (?:out |my car |the car )?into (?:the )?(?:oncoming|traffic|"
    r"path of)\b",
    r"\bburden\b.{0,40}\b(?:without me|better off|relieved)\b",
    r"\b(?:im|i am|feel like|being) (?:just |such )?(?:a|such a) burden\b",
    r"\b(?:disappear|gone) forever\b",
    # Wishing to vanish for good: "wish i could just disappear", "vanish and never come back".
    r"\b(?:wish|wishing|want|wanted|wanna) (?:i )?(?:could |would |to )?(?:just )?(?:disappear|"
    r"vanish|cease to exist)\b",
    r"\b(?:disappear|vanish)\w*\b.{0,15}\bnever (?:come|coming|came) back\b",
    # Setting off and not coming back: "drive out to the lake and not come back", "walk
    # into the sea and never come back"; not "go home and never come back to this clinic".
    r"\b(?:drive|driving|drove|walk|walking|walked|swim|swimming|swam|wander|wandering|sail|"
    r"sailing|row|hike|hiking|go out|going out|head out|heading out)\b.{0,50}\band (?:just )?"
    r"(?:not|never) (?:come|coming) back\b",
    r"\bgoodbye (?:forever|everyone|world|cruel)\b",
    r"\b(?:wanted|want|wanna|needed|just) to say (?:goodbye|bye forever|farewell)\b",
    r"\bsay(?:ing)? goodbye to (?:everyone|everybody|my \w+)\b",
    r"\b(?:texted|messaged|sent|said|wrote|posted)(?: me| us| everyone| his| her)? "
    r"(?:a )?(?:goodbye|farewell)\b",
    rf"\b(?:wrote|written|writing|write|left|leave) (?:a |my |some )?(?:goodbye |suicide |"
    rf"farewell )?(?:note|notes|letters?) (?:for|to) (?:my |his |her )?{_KIN}\b",
    r"\b(?:goodbye|suicide|farewell) (?:letters?|notes?|messages?|texts?|videos?)\b",
    r"\bgiv(?:e|en|ing) (?:away )?(?:all |most |most of |all of )?(?:my|his|her) "
    r"(?:things|stuff|possessions|belongings|pets)\b",
    r"\bremember me by\b",
    # A new will is a sign only with other last arrangements ("updated my will and
    # rehomed the cat"), not alone ("updated my will with my solicitor after moving").
    r"\b(?:updated|wrote|made|finished|redid|rewrote|changed|sorted) (?:out )?my will\b.{0,80}"
    r"\b(?:letters?|notes?|goodbye|cat|dog|pets?|sorted|in order|calm|peace|ready|wont be|"
    r"wont need|gave|giving|given|rehomed|new home|cancelled|funeral|tonight)\b",
    r"\b(?:letters?|notes?|goodbye|cat|dog|pets?|gave|giving|given|rehomed|new home|cancelled|"
    r"funeral|affairs)\b.{0,80}\b(?:updated|wrote|made|finished|redid|rewrote|changed|sorted) "
    r"(?:out )?my will\b",
    # Telling where the will is, or sharing out belongings: "my will is in the blue
    # folder", "finished writing out who gets what".
    r"\bmy will (?:is|s) (?:in|under|inside|behind|on the|at the|kept)\b",
    r"\b(?:writing|wrote|written|write|making|made|decided|deciding|sorting|sorted|listing|"
    r"listed|working) (?:out )?who (?:gets|should get|will get|inherits|has) (?:what|my)\b",
    # Insurance that must pay out, death staged: "will my life insurance still pay out if it
    # looks like an accident".
    r"\binsurance\b.{0,60}\b(?:looks?|seems?|appears?) like (?:an |a )?accident\b",
    r"\b(?:make|making|made) (?:it|this|my death) (?:look|seem|appear) like (?:an |a )?accident\b",
    r"\bat peace with my decision\b",
    r"\b(?:wont|will not|not going to|not gonna|wont even) be (?:around|here|alive)\b",
    # Doubting one will still be alive: "not sure ill still be here next week",
    # "i dont see myself alive by christmas".
    r"\b(?:not sure|dont know if|dont know whether|doubt|unsure|not certain|no idea if)\b.{0,15}"
    r"\b(?:still be (?:here|around|alive)|be alive)\b",
    r"\b(?:dont|do not|cant|cannot|never) see myself (?:alive|living|still here|still around|"
    r"making it)\b",
    r"\b(?:ways|way|methods?|how) to (?:die|do it|end it|kill)\b",
    r"\bpainless(?:ly)?\b.{0,40}\b(?:die|do it|way|ways|method|death)\b",
    r"\b(?:less|more|least|most) painful\b.{0,30}\b(?:pills|hanging|jumping|drowning|gun|die)\b",
    r"\b(?:a|the) plan (?:and|to) (?:the means|end|die|kill|do it)\b",
    r"\b(?:a|the) plan\b.{0,25}\b(?:the )?means\b",
    r"\bplan to (?:end|kill|take|die)\b",
    r"\b(?:tonight|today|tomorrow) is the (?:night|day)\b|\btonights the night\b",
    r"\bmade up my mind\b.{0,40}\b(?:tonight|goodbye|no going back|to do it|to end|to die)\b",
    r"\b(?:tonight|goodbye|no going back)\b.{0,40}\bmade up my mind\b",
    # Doing "it" when no one will be there to stop it.
    r"\b(?:do it|end it|end things)\b.{0,30}\b(?:when|while|once) (?:my \w+|everyone|"
    r"everybody|no one|nobody|they|the kids|the house)(?: is| are| s| re)? (?:away|gone|out|"
    r"asleep|sleeping|at work|home|around|empty|on holiday|on vacation)\b",
    r"\bpicked (?:a|the) (?:date|day)\b",
    # Choosing where or how: "ive picked the bridge", "chosen a tree".
    r"\b(?:picked|chosen|chose|selected|decided on|settled on|scouted) (?:out )?(?:a|the|my) "
    r"(?:bridge|cliff|building|tree|rope|method|overpass|rooftop|roof|ledge|tracks|spot to jump|"
    r"place to (?:die|do it|jump))\b",
    r"\bbleed out\b",
    r"\bjump(?:ing|ed)? (?:off|from|out of|in front of) (?:a|the|this|that|my) (?:\w+ )?"
    r"(?:bridge|building|roof|cliff|balcony|tower|train|ledge|window)\b",
    r"\b(?:standing|sitting) on (?:a|the) (?:bridge|ledge|roof|edge)\b",
    r"\bbridges? (?:\w+ ){0,6}(?:fences?|railings?|high enough)\b",
    r"\b(?:holding|have|got|bought) (?:a |the |my )?(?:razor|blade|rope|noose)\b",
    r"\bnoose\b",
    r"\bgun to my head\b",
    r"\bgarage with the (?:car|engine) running\b",
    r"\b(?:slit|slits|slitting|slash|slashing) (?:my |his |her |their )?(?:wrists?|throat)\b",
    r"\b(?:thats|that is|this is) how i (?:want|plan|am going) to (?:go|die|end it)\b",
    r"\b(?:want|wanted|this) (?:it |this )?to be the last time\b",
    r"\bim (?:so )?done,? (?:ill|i will|im going to|gonna) end it\b",
    # Euphemisms, finality and plans: how people say it without the words.
    r"\bcheck(?:ing)? out (?:early|for good|of life|of this world)\b",
    r"\bwont be (?:a problem|a burden|here|around|alive)\b.{0,25}\b(?:longer|soon|anymore)\b",
    r"\b(?:sleep|go to sleep|fall asleep)\b.{0,20}\b(?:not|never) (?:come back|wake)\b",
    r"\b(?:dont|do not) care if i (?:wake up|live|die|make it)\b",
    r"\b(?:done|finished) with (?:this|the) (?:world|life|everything)\b",
    r"\b(?:im|i am) (?:so )?(?:done|finished) with (?:all (?:of )?)?(?:this|it|everything|life|"
    r"living|the world|trying)(?: \w+){0,2} (?:for good|forever|permanently)\b",
    r"\b(?:done|over|it ends|goodbye) tonight\b",
    r"\bmade (?:the |my |final |all the )?arrangements\b",
    r"\bgo(?:ing)? through with it\b",
    r"\bsi (?:is|has been|thoughts|getting|really|bad|again)\b",
    r"\bready to go be with\b",
    r"\b(?:ill|i will|id|i would) be dead\b",
    r"\bbe dead (?:by|before|soon)\b",
    r"\b(?:dont|not|never) (?:see|make it to|live to see) my (?:next )?birthday\b",
    r"\bwhere im going\b",
    r"\bwhen im gone\b",
    r"\b(?:doesnt|dont|does not|do not) need to know why\b",
    # Handing possessions out: "started handing my stuff out to friends"; not "can i hand
    # my things to the nurse".
    r"\b(?:hand|handing|handed|pass|passing|passed|dish|dishing|dished) (?:out|away|on) (?:all |"
    r"most |some )?(?:of )?(?:my|his|her) (?:stuff|things|belongings|possessions|clothes|books|"
    r"jewellery|jewelry|games|records)\b|\b(?:hand|handing|handed|pass|passing|passed|dish|"
    r"dishing|dished) (?:all |most |some )?(?:of )?(?:my|his|her) (?:stuff|things|belongings|"
    r"possessions|clothes|books|jewellery|jewelry|games|records) (?:out|away|on|to (?:my )?"
    r"(?:friends|family|relatives|neighbours|neighbors|people|everyone|siblings))\b",
    # Rehoming pets: "found a new home for my cat".
    r"\b(?:found|finding|find|looking for) (?:a )?(?:new )?(?:home|homes|owner|owners|family) "
    r"for (?:my|his|her) (?:cat|cats|dog|dogs|pets?|bird|birds|rabbit|rabbits|hamster|fish)\b"
    r"|\brehom\w* (?:my|his|her) (?:cat|cats|dog|dogs|pets?|bird|birds|rabbit|rabbits)\b",
    r"\b(?:gave|give|giving|given) away (?:all |most )?(?:of )?my\b|\bgave my (?:dog|cat|pets?|"
    r"guitar|books|things|stuff|games) (?:away|to)\b",
    # Giving things away because they will not be needed.
    r"\b(?:giv\w*|gave) (?:away )?(?:all )?my\b.{0,60}\b(?:wont|will not|not going to|no longer) "
    r"(?:be )?need\w*\b",
    # Handing over a pet for when one is gone: "who can take my cat if im not around
    # after this weekend", "someone feeding my fish after sunday, i wont be needing it"
    # (not "my neighbour is feeding my cat while im away").
    r"\b(?:take|taking|feed|feeding|look after|looking after|care for|caring for|walk|walking|"
    r"adopt|adopting|keep|keeping|have) (?:my|his|her) (?:cat|cats|dog|dogs|fish|pets?|bird|"
    r"birds|rabbit|rabbits|hamster|puppy|kitten)\b.{0,60}\b(?:if|when|once) (?:im|i am|i m) "
    r"(?:not|no longer) (?:around|here|alive)\b",
    r"\b(?:keys?|cat|cats|dog|dogs|fish|pets?|newspaper|belongings|stuff|things|guitar|books)\b"
    r".{0,60}\b(?:wont|will not|shall not|shant|no longer) (?:be )?need(?:ing)? (?:it|them|"
    r"these|those|any of)\b",
    r"\bif (?:im|i am|i m) (?:not|no longer) (?:around|here|alive) (?:anymore|any more|much "
    r"longer|for much longer)\b",
    r"\bthis is goodbye\b",
    r"\b(?:last|final) (?:message|messages|goodbye|words|day on earth)\b",
    r"\b(?:its|this is|today is) my last day\b",
    r"\bcancel (?:all )?(?:of )?my appointments (?:permanently|forever|for good)\b",
    r"\blethal\b",
    r"\bcant (?:do|take|face|survive|get through) another (?:night|day)\b",
    r"\bgun (?:in my (?:lap|hand|mouth)|to my head|is loaded|loaded)\b",
    r"\b(?:razor|blade|pills) (?:on|by|next to|beside) the (?:\w+ (?:of|by) the )?"
    r"(?:tub|bath|sink)\b",
    r"\bhose (?:on|to|in) the exhaust\b",
    r"\bexhaust\b.{0,30}\bgarage\b|\bgarage\b.{0,30}\bexhaust\b",
    r"\bwalk(?:ing)? into the (?:ocean|sea|lake|river|water)\b",
    r"\bhow high (?:a|the) (?:building|bridge|floor|balcony|roof)\b",
    # Researching heights: "which floor is high enough if you jump".
    r"\bhigh enough (?:to|if|for|that|so)\b.{0,20}\b(?:jump|jumps|fall|die|kill|do it)\b",
    r"\b(?:which|what|how many) (?:floor|floors|storey|storeys|story|stories)\b.{0,30}"
    r"\b(?:jump|jumping|fall|die|kill|high enough)\b",
    # Going to a high place: "drove to the cliffs", "sitting at the bridge".
    r"\b(?:drove|driven|driving|walked|walking|went|going|came|headed|heading) (?:up |out |down )?"
    r"to (?:a|the) (?:cliffs?|bridge|tracks|train tracks|railway|edge|top of the)\b",
    r"\b(?:standing|sitting) (?:at|by) (?:a|the) (?:cliffs?|edge|tracks|train tracks)\b",
    # Lingering at a height thinking it over: "standing on my balcony at night thinking
    # about jumping". OCD's intrusive images of jumping ("when i stand near a ledge i get
    # images of jumping") have no one standing there deliberating.
    r"\b(?:standing|sitting|stood|sat|been|go|going|went) (?:out )?(?:on|at|by|onto|up on|up to) "
    r"(?:a|the|my|our|this|that) (?:\w+ )?(?:balcony|ledge|roof|rooftop|bridge|edge|cliff|cliffs|"
    r"window|platform|railing)\b.{0,30}\b(?:thinking (?:about|of)|wondering (?:about|if|whether)|"
    r"deciding|working up|getting the courage)\b.{0,15}\b(?:jump|jumping|falling|letting go|"
    r"doing it|do it|ending it|end it)\b",
    r"\b(?:floors|stories|storeys) (?:should|would|will) do it\b",
    r"\b(?:step|stepping|jump|jumping|walk|walking|throw myself) in front of (?:a|the) "
    r"(?:train|bus|truck|car|subway)\b",
)
_SELF_HARM = (
    r"\bself ?harm\w*",
    # "self" misspelt: "slef harm", "sefl harm" (too short to be corrected).
    r"\b(?:slef|sefl|slf|sel|selff|serf) ?(?:harm|injur)\w*",
    r"\bself ?injur\w*",
    r"\bself ?mutilat\w*",
    r"\b(?:i|been|just) shd\b",
    r"\bs h (?:again|last night|yesterday|today)\b",
    r"\b(?:been|started|start|keep|kept|still|want to|urge to|wanna) cutting\b",
    r"\b(?:want|wanna|urge|urges|need) to (?:cut|burn|hurt)\b",
    # Cutting with no object said: "wanna cut so bad", "the thoughts tell me to cut".
    r"\b(?:wanna|wana|want|need|gotta|tell me to|tells me to|told me to) (?:cut|burn)"
    r"(?: so| really| bad| badly| again| tonight| rn| right now| deep| deeper| and| myself|$)",
    r"\bcutting again\b",
    r"\b(?:burn|burning|burned|burnt|cut|cutting|carve|carved|carving|scratch|scratching|slice|"
    r"slicing) (?:\w+ ){0,3}(?:into )?(?:my|his|her|their) (?:arms?|wrists?|legs?|skin|thighs?|"
    r"body|stomach)\b",
    r"\b(?:cuts|scars|burns|wounds) on (?:my|his|her|their) (?:arms?|wrists?|legs?|thighs?|"
    r"body|skin)\b",
    # Found on someone else: "fresh cuts on my daughters wrists".
    r"\b(?:fresh |new |deep |more )?(?:cuts|scars|burns|wounds) (?:on|all over|up and down) "
    r"(?:my|his|her|their) (?:\w+s )?(?:arms?|wrists?|legs?|thighs?|body|skin|stomach)\b",
    # Hurt on purpose, said outright: "cut my hand with a knife, it was not accident".
    r"\b(?:cut|cutting|burn|burned|burnt|burning|hurt|hurting|stab|stabbed|scratch|scratched|"
    r"hit|hitting)\b.{0,60}\b(?:(?:was|is|were) not (?:an |a )?accident|(?:wasnt|isnt|werent) "
    r"(?:an |a )?accident|(?:was|is) no accident|did (?:it|that|this) on purpose)\b",
    r"\b(?:deliberately|intentionally|purposely|purposefully) (?:cut|cutting|burn|burned|burnt|"
    r"burning|hurt|hurting|stab|stabbed|scratch|scratched|injur\w*)\b",
    # Deserving pain, and hurting one's hands: "i deserve to hurt", "punching walls",
    # "ripping my nails off".
    r"\b(?:i|he|she|they) (?:just |really |totally |honestly )?(?:deserve|deserves|deserved) "
    r"(?:to hurt|to suffer|to be hurt|to be punished|to feel pain|to bleed|the pain)\b",
    r"\bpunch(?:ing|ed)? (?:\w+ )?walls\b|\b(?:punch|punched|punching|hit|hitting|bang|banging|"
    r"smash|smashing|smashed)\w* (?:the |a )?(?:\w+ )?walls?\b.{0,30}\b(?:bleed|bled|bleeding|"
    r"bruise|bruised|broke|knuckles)\b",
    r"\bknuckles (?:split|splitting|bleeding|bled|raw|bloody|busted|broken)\b",
    # Slang for cuts and their marks: "the barcode on my arm", "cat scratches (no cat)",
    # "cut to beans" or "to styro" (down to the fat layer).
    r"\bbarcod\w*\b.{0,30}\b(?:arms?|wrists?|legs?|thighs?|skin|stomach|hips?)\b|\b(?:arms?|"
    r"wrists?|legs?|thighs?|skin) barcod\w*|\bbarcoding\b",
    r"\bcats? (?:scratch\w*|did (?:it|this|that)|attacked me)\b.{0,40}\b(?:no cat|(?:dont|do not) "
    r"(?:even )?(?:have|own) (?:a |any )?cats?|have no cats?|without a cat)\b",
    r"\b(?:to|into|hit|reached|saw|see|down to) (?:the )?(?:styro|styrofoam|fat layer)\b|"
    r"\b(?:cut|cuts|cutting|went|got|deep) (?:down )?to beans\b",
    r"\b(?:rip|ripping|ripped|tear|tearing|tore|pull|pulling|pulled) (?:out |off )?(?:my|his|"
    r"her) (?:own )?(?:finger|toe)?nails (?:out|off)\b",
    r"\b(?:bang|banging|hit|hitting|punch|punching)\w* my head\b",
    r"\b(?:until|till|til) (?:it|they|i|my \w+) (?:bleed|bleeds|bled)\b",
    r"\brelaps\w*\b.{0,40}\b(?:cutting|cut|self ?harm|sh|burning|hurting)\b",
    r"\b(?:cutting|self ?harm|sh)\b.{0,30}\brelaps\w*",
    r"\bcut (?:too|to) deep\b",
    r"\b(?:getting|get) the blade\b|\bblade (?:again|tonight)\b",
    r"\bwrists? (?:are |is )?(?:wrapped|bandaged|bleeding|cut)\b",
    r"\bsh (?:again|last night|yesterday|today|tonight)\b",
    r"\barms? (?:are|is) (?:a mess|covered in|cut|bleeding)\b",
    r"\b(?:weeks|months|years|days) clean\b.{0,20}\bgone\b",
)
_OVERDOSE = (
    r"\boverdos\w*",
    r"\bod(?:d|ed|ing)? on\b",
    r"\b(?:i|ive|i have|he|she|they|friend|someone|might have|may have) (?:just )?"
    r"od(?:d|ed|ing)?\b",
    r"\blethal (?:dose|amount|quantity)\b",
    # Fillers are common just before the outcome: "to just not wake up", "to finally die".
    r"\bhow (?:many|much)\b.{0,60}\b(?:to|would|will|until|till) (?:just |simply |finally |"
    r"actually |really |even )?(?:die|kill|be fatal|not wake up|never wake up|overdose|"
    r"stop my heart|stop my breathing)\b",
    # Asking whether an amount is enough to die: "would it be enough to stop my breathing".
    r"\benough to (?:just |finally |actually )?(?:stop (?:my|his|her|their) (?:breathing|heart)|"
    r"kill (?:me|myself|him|her|them|someone|a person)|die|be fatal|not wake up|never wake up)\b",
    # Swallowing a whole supply in one go (not "can i pick up my whole supply at once").
    r"\b(?:take|took|taken|taking|swallow|swallowed|down|downed|neck|necked|use|used) (?:all |"
    r"all of )?(?:my |the |his |her )?(?:whole |entire |full )?(?:\w+ ){0,3}(?:supply|stash|"
    r"prescription|script|bottle|pack|box) (?:at once|in one go|all together|all at once)\b",
    r"\b(?:whole|entire|full) (?:bottle|pack|packet|box|strip|blister)\b",
    # A vial swallowed or snorted in one go ("do you inject the whole vial" is the
    # clinic's business, not a patient's).
    r"\b(?:take|takes|took|taken|taking|drink|drinks|drank|snort|snorts|snorted|swallow\w*) "
    r"(?:the |a |my |his |her |their )?(?:whole|entire|full) (?:vial|vials|ampoule|ampoules|"
    r"syringe)\b.{0,20}\b(?:at once|in one go|all together|all at once|at home)\b",
    # Dosing questions that ask what would stop a heart or keep someone from coming back:
    # "what amount would stop someones heart", "enough to make sure you dont come back".
    r"\b(?:amount|dose|dosage|much|many|mg|grams?|milligrams?|units|pills|tablets)\b.{0,40}"
    r"\b(?:stop|stops|stopped) (?:a |the |my |his |her |their |someones |somebodys |a persons |"
    r"your |ones )?(?:heart|hearts|heartbeat|breathing)\b",
    r"\bmake sure (?:i|you|he|she|they|one|a person|someone) (?:dont|doesnt|wont|never|do not|"
    r"does not|will not) (?:come back|survive|make it|wake up again)\b",
    r"\b(?:enough|how much|how many|amount|dose|grams?|mg)\b.{0,40}\bmake sure (?:i|you|he|she|"
    r"they|one|a person|someone) (?:dont|doesnt|wont|never|do not|does not|will not) wake\b",
    # The rest of a supply, not a dose: "when i take the rest of my lithium tonight".
    rf"\b(?:take|taking|took|swallow|swallowing|swallowed|down|downing|downed|neck|necking) "
    rf"(?:all )?the rest of (?:my|his|her|the|their) (?:\w+ )?{_PILLS}(?: tonight| at once| in "
    r"one go| all at once| together| with| and|$)",
    # Injected a whole supply: "he has injected all of his insulin pens on purpose".
    r"\b(?:injected|inject|injecting|shot up|shooting up) (?:all|every|the whole|the rest) "
    rf"(?:of )?(?:my|his|her|their) (?:\w+ )?(?:insulin|pens|vials|doses|syringes|{_PILLS})\b",
    r"\b(?:took|taken|take|swallowed) too many\b",
    # "too" misspelt "to" or "2", which "it took to much time" also has: a person must
    # have done the taking.
    r"\b(?:i|ive|he|she|they|we|mum|mom|dad|friend) (?:just |accidentally )?(?:took|tooked|tookd|"
    rf"tok|taken|swallowed|popped) (?:way )?(?:to|2) (?:many\b|much (?:of )?(?:my |the |his |"
    rf"her )?(?:\w+ )?{_PILLS}\b|much$)",
    r"\b(?:i|he|she|they|we|think i|maybe i|think he|think she) (?:just |might have |may have "
    r"|accidentally )?(?:took|taken|had|swallowed|used|did) (?:way )?too (?:much|many)\b",
    rf"\b(?:took|taken|take|swallowed|had|used|did) (?:way )?too much (?:of )?(?:my |the )?"
    rf"(?:\w+ )?{_PILLS}\b",
    rf"\b(?:take|taking|took|swallow|swallowed|taken) all (?:of )?(?:my|the|these|those|them)"
    rf"(?: \w+)? ?{_PILLS}?\b",
    rf"\b(?:took|tooked|taken|swallowed|drank|ate|popped|downed) all {_PILLS}\b",
    r"\balready (?:taken|took|swallowed) (?:the|them|all)\b",
    r"\b(?:swallowed) (?:a bottle|a bunch|a handful|loads|lots|every)\b",
    r"\b(?:taken|took) (?:a bottle|a handful|every)\b",
    # "took a bunch of my pills", not "took a bunch of notes".
    rf"\b(?:taken|took) (?:a bunch|loads|lots|a lot) of (?:my |his |her |their |the |those |"
    rf"these )?(?:\w+ )?{_PILLS}\b",
    r"\b(?:taken|took) (?:a bunch|loads|lots|a lot) of (?:my|his|her|their|them|those|these)\b",
    r"\bswallowed\b.{0,30}\b(?:pack|bottle|box|handful|bunch)\b",
    rf"\b(?:took|tooked|taken|swallowed|had|drank|ate|popped|downed) (?:like |about |around "
    rf"|maybe |over |almost |nearly )?(?:\d{{2,}}|"
    rf"twenty|thirty|forty|fifty|hundred|a hundred|dozens) (?:of (?:my|ur|your|the|his|her|"
    # A word between the number and the drug, but not a unit: "took 20 mg of sertraline"
    # is a dose, not an overdose.
    rf"their|them|those)\b|(?:(?:more|extra|sleeping|pain|little|white|blue|of|of those|"
    rf"different) )?{_PILLS}\b)",
    r"\btook (?:double|triple|twice) (?:my|the)\b",
    # Extra doses on purpose, or a double dose with symptoms of poisoning.
    r"\b(?:extra|double|triple|too many|more) (?:doses?|units|shots|injections|pills|tablets|"
    r"\w+ pills)\b.{0,30}\bon purpose\b",
    r"\b(?:took|taken|had)\b.{0,30}\b(?:twice|double|two doses|too many|extra)\b.{0,60}"
    r"\b(?:heart (?:is )?(?:racing|pounding)|throwing up|vomiting|passing out|passed out|fainting|"
    r"cant breathe|numb|confused)\b",
    rf"\b(?:saving|stockpiling|hoarding|collecting|storing) (?:up )?(?:mine|them|my "
    rf"{_PILLS}|all my {_PILLS}|{_PILLS})(?: up)?\b",
    r"\bsaved up in\b",
    r"\bstockpil\w+",
    rf"\b{_PILLS} next to me\b",
    r"\btrying not to take them\b",
    rf"\b(?:mixed|mixing|combined|combining|took|taken|drank|swallowed)\b.{{0,40}}"
    rf"\b{_PILLS}\b.{{0,30}}\b{_ALCOHOL}\b",
    rf"\b(?:mixed|mixing|combined|combining|took|taken|drank|swallowed)\b.{{0,40}}"
    rf"\b{_ALCOHOL}\b.{{0,30}}\b{_PILLS}\b",
    r"\b(?:isnt|is not|not|stopped|stop|cant|cannot|barely|wont) breath(?:e|ing)\b",
    r"\blips (?:are |is )?(?:turning |going )?(?:blue|purple)\b",
    r"\b(?:cant|cannot|can not|couldnt) wake (?:\w+ ){0,2}up\b",
    r"\b(?:wont|will not|isnt|is not) (?:wake|waking) up\b",
    r"\bcant stay awake\b",
    r"\bunresponsive\b",
    r"\bchest (?:feels |is |gets )?(?:tight|tightness|pain|hurts|crushing)\b",
    r"\b(?:drank|drink|drinking|swallowed|took) (?:some |a bottle of |the |a cup of )?"
    r"(?:bleach|antifreeze|poison|rat poison|drain cleaner)\b",
    rf"\b{_PILLS} (?:are |is )?(?:lined up|laid out|counted out|all ready|ready and|"
    rf"in front of me)\b",
    r"\b(?:the |my |a )?(?:suicide |goodbye )?note is (?:written|ready|done)\b",
    r"\btook (?:\w+ )?(?:times|x) (?:my|the|what)\b",
    r"\b(?:everything|all the pills|all the meds|all the tablets) in (?:my|the) "
    r"(?:medicine )?cabinet\b",
    rf"\b(?:take|took|taken|taking) (?:many|lot of|lots of|a ton of|tons of) (?:\w+ )?{_PILLS}",
    # A heap of someone's own pills, however it is said: "a whole bunch of my clonazepam".
    rf"\b{_HEAP} (?:his|her|their|my|mums?|moms?|dads?|mothers|fathers|wifes|husbands) "
    rf"(?:\w+ )?{_PILLS}",
    # A heap of pills swallowed, with at most a describing word between: "drank many
    # tablets", "downed a load of sleeping pills"; not "took a bunch of notes".
    rf"\b{_SWALLOWED} (?:like |about |maybe )?{_LOTS} (?:the |my |his |her |their )?"
    r"(?:little |small |white |blue |pink |yellow |orange |old |leftover |extra |spare |"
    rf"prescription |prescribed )?{_PILLS}",
    # Enough pills put by: "i have enough pills saved up", "enough xanax stashed".
    rf"\benough (?:\w+ ){{0,2}}{_PILLS}\b.{{0,20}}\b(?:saved up|stashed|hidden|hid|hoarded|"
    rf"put aside|to do it|to end it|to die|to kill)\b",
    # Sitting with the pills, deciding: "holding the pills for an hour, still deciding".
    rf"\b(?:holding|staring at|looking at|sitting with|clutching)\b.{{0,15}}\b{_PILLS}\b"
    rf".{{0,40}}\b(?:for (?:an|over an|hours|half an|the last|a while|ages)|deciding|cant "
    rf"decide|working up|courage|do it)\b",
    # Someone asleep who cannot be woken (learner English too: "she is sleeping and not
    # wake up"); a baby sleeping through is another matter.
    r"\b(?:she|he|they|mum|mom|mother|dad|father|husband|wife|partner|friend|brother|sister) "
    r"(?:is |s |are |re )?(?:sleeping|asleep) (?:and|but) (?:not|no|cant|cannot|wont|doesnt) "
    r"(?:wake|waking|wakes)\b",
    r"\b(?:seizure|seizing|convulsing|unconscious|foaming at the mouth)\b",
)
# Said without any of the words above: finality, farewells and a readiness to die.
_VEILED = (
    r"\bstop existing\b",
    r"\brest forever\b",
    r"\bgoodnight world\b",
    r"\baffairs (?:are |all )?(?:in order|sorted|settled|tied up)\b",
    r"\b(?:said|saying|say) (?:all )?my (?:goodbyes|farewells)\b",
    r"\bmade (?:my )?peace\b",
    r"\bready to (?:meet|see) (?:god|my maker|jesus)\b",
    r"\bcoming home early\b",
    r"\blet the dark(?:ness)? take me\b",
    r"\b(?:too tired|tired) to keep fighting\b",
    r"\bexit plan\b",
    r"\bsorry for everything\b",
    r"\b(?:after|once|when) (?:i am|im) gone\b",
    r"\b(?:wont|will not) (?:be )?(?:coming|come) to (?:my|the) next appointment\b",
    r"\bor any other\b.{0,10}$",
    r"\b(?:be|am) with my (?:mother|father|mom|mum|dad|wife|husband|son|daughter|"
    r"grandma|grandpa|grandmother|grandfather) again\b",
    r"\b(?:dont|do not|cant|cannot) see (?:the |a |any )?(?:point|future|way forward)\b",
    r"\bprepare to go from this life\b|\bgo from this life\b",
    r"\bbetter for (?:my|the) (?:family|kids|children|wife|husband|everyone) if i\b",
    r"\bkinder\b.{0,40}\bif i (?:were|was) not here\b",
    r"\b(?:if i (?:were|was) not here|not here to be a burden)\b",
    r"\bwont need (?:them|it|these|those|my \w+) where\b",
    r"\bso done\b.{0,20}\bnot joking\b",
    r"\b(?:the )?(?:river|sea|ocean|water|bridge) (?:has been |is |keeps )?calling me\b",
    r"\bnot (?:turning|turn) the wheel\b",
    r"\bwould (?:do it|be fatal|not be survivable)\b|\bwouldnt be survivable\b",
    r"\b(?:how easy it would be|which dose would)\b",
    r"\byeet(?:s|ing|ed)? (?:my ?self|meself)\b",
    r"\bleave is winning\b|\bwhether to stay\b",
    r"\bneeded stitches\b",
    r"\bsleeves are hiding\b|\bhiding (?:my |the )?(?:cuts|scars|arms|wrists)\b",
    r"\b(?:went|cut|it went) deeper than i (?:meant|wanted)\b",
    r"\b(?:take|took|taken|swallowed|emptied) (?:my |the |a )?(?:whole|entire|full) "
    r"(?:week|month|bottle|pack|box)\b",
    r"\bemptied (?:my|the|her|his) (?:\w+ )?(?:bottle|pills|meds|tablets)\b",
    r"\b(?:took|take|taken) (?:a lot|lots|loads|a ton|tons) of (?:my|his|her|the)\b",
    r"\bon purpose\b.{0,40}\b(?:pills|meds|tablets|took|taken|swallowed|blurry|drank)\b",
    r"\b(?:took|taken|swallowed) (?:\w+ ){0,4}on purpose\b",
    r"\bjus(?:t)? did\b.{0,10}$",
    r"\b(?:husbands|wifes|moms|dads|mothers|fathers|sisters|brothers) (?:\w+ )?(?:pills|meds|"
    r"tablets)\b.{0,40}\b(?:own|too|as well)\b",
    r"\bpocketing\b|\bputting (?:it|them) aside at home\b|\bvials home\b",
    r"\bi have (?:a )?plan for (?:friday|monday|tuesday|wednesday|thursday|saturday|sunday|"
    r"tonight|tomorrow|the weekend)\b",
    r"\blocked (?:herself|himself|themselves|myself) in\b.{0,40}\b(?:knife|razor|pills|"
    r"rope|gun|blade|blood|bleeding)\b",
    r"\bblood (?:is )?(?:coming|seeping|pouring|leaking|running)? ?(?:out )?(?:from )?under the "
    r"door\b",
    # Someone will find the body: "my mom is going to find me in the bathtub".
    r"\bfind my body\b|\bfind me\b.{0,25}\b(?:bath|bathtub|tub|dead|hanging|cold|garage|"
    r"woods|im sorry)\b",
    r"\blast one to my (?:mom|mum|dad|wife|husband|kids|son|daughter|family|parents)\b",
    r"\bjump (?:from|out of|off|out) (?:a |the |my )?(?:window|roof|balcony|bridge|building|"
    r"ledge)\b",
    # Religious and spiritual phrasing: "the lord is calling me home", "i pray god takes
    # me in my sleep", "ready to leave this body, perhaps the next birth will be kinder".
    r"\b(?:god|the lord|lord|jesus|allah|heaven|my maker|the angels) (?:is |are |has |keeps )?"
    r"(?:calling|called|call|wants|want) me (?:home|to (?:him|heaven|them|her))\b",
    r"\b(?:pray|praying|prayed|hope|hoping|wish|asking|beg|begging)\b.{0,10}\b(?:god|the lord|"
    r"lord|jesus|allah) (?:will |would |to |just )?(?:take|takes|took) me\b",
    r"\bready to go (?:to|home to) (?:him|god|jesus|the lord|heaven|allah|my maker)\b|"
    r"\bgo(?:ing)? home to (?:god|the lord|jesus|heaven|my maker)\b",
    r"\bforgive me for what (?:i am|im|i m|ill|i will|i have|ive|i) (?:about to |going to |gonna "
    r"|have to |must )?(?:do|done)\b",
    r"\b(?:my|the) last (?:night|day|week|morning|evening|hours?) (?:of (?:suffering|pain|my life|"
    r"this life|living|being alive)|on earth|alive|in this world)\b",
    r"\bleave this (?:body|world|earth|life|mortal \w+|planet|existence)\b",
    r"\b(?:next|another) (?:life|birth|incarnation|lifetime) (?:will|would|might|may|could) be "
    r"(?:kinder|better|easier)\b",
    # An exit or a decision with no object: "planning my exit", "anything for people
    # whove already decided".
    r"\b(?:plan|plans|planning|planned|plotting|arranging|arranged|preparing|prepared|"
    r"organising|organizing) my (?:own )?(?:exit|final exit|way out|death)(?:$| (?:now|tonight|"
    r"today|tomorrow|soon|already|carefully|properly|this|next|on|and|i|im|from (?:this|life|the "
    r"world|it all|everything))\b)",
    r"\b(?:people|those|patients|someone|anyone|ppl|folks) (?:who|whove|who have|that have|whos|"
    r"who has|thats) already (?:decided|made up their minds?|made the decision)(?: because| but| "
    r"so| and| anyway|$)",
    r"\b(?:because|cause|cos|coz|bc) (?:ive|i have) (?:already |finally )?decided$",
    # No future at the clinic: "there wont be a next infusion for me", "end of the road".
    r"\bthere (?:wont|will not|isnt going to|is not going to) be (?:a |an |any )?(?:next|another|"
    r"other|more|further) (?:infusions?|sessions?|appointments?|treatments?|visits?|time) for me\b",
    r"\bend of the (?:road|line) for me\b|\b(?:ive|i have) (?:reached|come to|hit) the end of "
    r"the (?:road|line)\b",
    # Absolving others of what is coming: "it wasnt her fault, none of what happens
    # tonight is".
    r"\b(?:not|wasnt|isnt) (?:your|her|his|their|anyones|anybodys|\w+s) fault\b.{0,30}"
    r"\b(?:none of|what happens|what i do|what im about to|what i am about to|goodbye)\b",
    r"\bnone of what (?:happens|happened|im about to|i am about to|ill do|i do)\b",
    # A means bought or delivered: "ropes bought", "the sn i ordered off that forum came
    # today" (sodium nitrite).
    r"\b(?:rope|ropes|noose|gun|helium|charcoal|sodium nitrite|sn|exit bag)(?: is| are| s)? "
    r"(?:bought|purchased|ordered|arrived|delivered|sorted|came|here|in the car)\b",
    r"\b(?:the|some|my) (?:sn|sodium nitrite|nitrite)\b.{0,30}\b(?:ordered|bought|arrived|"
    r"came|delivered|forum)\b|\b(?:ordered|bought|got|received) (?:the |some |my )?(?:sn|sodium "
    r"nitrite)\b|\bexit bag\b",
    # Driving to crash: "driving way too fast hoping ill hit something".
    r"\b(?:hoping|hope|hoped|wishing|wish|praying|pray|want|wanting|wanted) (?:that )?(?:ill|i "
    r"will|i would|id|i|to|i could|i might|the car will|the car would) (?:just )?(?:hit|crash "
    r"into|smash into|drive into|plough into|plow into|swerve into|wrap (?:the|my) car around) "
    r"(?:something|someone|anything|a tree|a wall|a truck|a lorry|a pole|a lamppost|the barrier|"
    r"a barrier|a bridge)\b|\b(?:hoping|hope|wishing|praying) (?:that )?(?:ill|i|id) (?:just )?"
    r"crash\b",
    # A message of emoji keeps only its words: pills and wine "= sleep forever" folds to
    # "forever".
    r"^(?:(?:and|then|now|just|gone|over|bye|goodbye|rest) )?(?:forever|for good|permanently|for "
    r"ever)$",
)
# A means of dying and a sign of intent in the same message: the combinations are too
# many to list, each part alone too common to flag.
# Only means no patient mentions in an ordinary question: "pills", "tonight" and "ready"
# are everyday words at a clinic ("can I take my pills tonight before the infusion?").
_MEANS = re2.compile(
    r"\b(?:gun|guns|pistol|rifle|firearm|rope|noose|knife|knives|razor|razors|blade|blades|"
    r"bridge|roof|rooftop|ledge|platform|tracks|railway|cliff|balcony|motorway|bleach|"
    r"poison)\b"
)
_INTENT = re2.compile(
    r"\b(?:tonight|right now|rn|one last|last time|last question|goodbye|good bye|farewell|"
    r"ready|plan|planned|planning|courage|decided|answer it|not joking|for real|fr|no cap|"
    r"keep thinking|cant stop thinking|keep looking at|keep staring at|cant stop looking|"
    r"holding it|holding them|in my lap|"
    r"just wanted someone to know|someone to know|next train|up here|the edge|"
    r"bought a gun|got the knife|\w+ won)\b"
)
# One automaton for every pattern: RE2 reads the message once, in time linear in its
# length, where Python's re would try each pattern at each position. RE2's default 8 MiB
# is too little for the automaton of 200 patterns: it would log and fall back to a
# slower engine on every long message.
_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.max_mem = 64 << 20
_CRISIS = re2.compile(
    "|".join(f"(?:{p})" for p in (*_SUICIDE, *_SELF_HARM, *_OVERDOSE, *_VEILED)), _RE2_OPTIONS
)


def _corrected(folded: str) -> str:
    """Replace near-misses of the crisis vocabulary by the word itself."""
    words = folded.split()
    candidates = [word for word in set(words) if len(word) >= 5 and word not in _TYPO_TARGETS]
    # One search per target word over all the message's words, not one per message
    # word: ten calls instead of a long message's hundreds. On a tie the target listed
    # first wins.
    best: dict[str, tuple[float, str]] = {}
    for target in _TYPO_TARGETS:
        for word, score, _ in process.extract(
            target,
            candidates,
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=_TYPO_CUTOFF,
            limit=None,
        ):
            if score > best.get(word, (0.0, ""))[0]:
                best[word] = (score, target)
    if not best:
        return folded
    return " ".join(best[word][1] if word in best else word for word in words)


def is_crisis(message: str) -> bool:
    """True when a message suggests suicide, self-harm or an overdose."""
    return folded_is_crisis(text.fold(message))


def folded_is_crisis(folded: str) -> bool:
    """`is_crisis` of a message already folded with `text.fold`."""
    if not folded:
        return False
    candidate = _IDIOMS.sub(" ", _corrected(folded))
    if _CRISIS.search(candidate) is not None:
        return True
    return _MEANS.search(candidate) is not None and _INTENT.search(candidate) is not None
