"""Short social messages ("hi", "thanks", "who are you") that get the welcome, not an entry."""

from __future__ import annotations

from faq import text

# A message is social when every word is social or a function word, and at least one
# is social: "thanks so much" is; "thanks, is it addictive?" has a real question in it.
SOCIAL_WORDS: frozenset[str] = frozenset(
    """
    hi hii hiii hello helo hallo hey heya hiya yo howdy greetings morning afternoon evening
    good day gm thanks thank thx thnx thnks thanx ty tysm tq cheers appreciate appreciated
    great cool nice awesome perfect ok okay k kk alright got bye goodbye cya later night
    help start menu bot robot human person real you assistant services sup wassup whats up
    hows going doing test testing welcome please who mate buddy friend there
    namaste hola bonjour salaam salam shalom ciao hallo ola aloha hope well youre
    helpful useful informative brilliant amazing wonderful lovely fantastic excellent super
    sweet legend kind clear info information answer answers explanation explaining bless
    """.split()
)
MAX_WORDS = 8
MAX_CHARS = 120  # longer than any greeting; skips folding a whole story


def is_greeting(message: str) -> bool:
    """True for a short social message that asks nothing the knowledge base could answer."""
    if len(message) > MAX_CHARS:
        return False
    found = text.words(message)
    if not found or len(found) > MAX_WORDS:
        return False
    if any(word not in SOCIAL_WORDS and word not in text.STOPWORDS for word in found):
        return False
    return any(word in SOCIAL_WORDS for word in found)
