"""The engine every front end shares: the matcher, its triage, and the semantic net
when the model is installed and verified."""

from __future__ import annotations

import logging
from pathlib import Path

from faq import embedding, semantic
from faq.embedding import Encoder, ModelError, RecentTexts, TextEncoder, VectorCache
from faq.knowledge import KnowledgeBase
from faq.matcher import Matcher
from faq.triage import Triage, spanish_letters

LOGGER = logging.getLogger(__name__)


def load_encoder(enabled: bool) -> Encoder | None:
    """The verified sentence-embedding model, or None (said loudly) when it is off or
    cannot be used: the bot then runs on the named rules, and Spanish read by its letters."""
    if not enabled:
        LOGGER.warning(
            "FAQBOT_SEMANTIC=off: the semantic safety net is off, so crisis detection "
            "relies on the named rules (and, for Spanish, its letters) and is weaker"
        )
        return None
    try:
        return Encoder.load(embedding.locate())
    except ModelError as error:
        LOGGER.error(
            "SEMANTIC SAFETY NET OFF: %s. Crisis detection relies on the named rules (and, "
            "for Spanish, its letters) until this is fixed (run `make` to install the model).",
            error,
        )
        return None


def configured_matcher(kb: KnowledgeBase, recent_texts: int = 0) -> Matcher:
    """The engine on this knowledge base as the settings ask: the semantic net unless
    FAQBOT_SEMANTIC=off (or its model is missing, which is said loudly), its vectors
    cached in FAQBOT_CACHE_DIR. `recent_texts`: how many texts' vectors to keep, for a
    front end that reads the same sentences again and again."""
    from bot import config  # the settings module, not needed by matcher_for's callers

    encoder = load_encoder(config.semantic_enabled())
    return matcher_for(kb, encoder, config.cache_dir(), recent_texts)


def matcher_for(
    kb: KnowledgeBase, encoder: Encoder | None, cache_dir: Path | None, recent_texts: int = 0
) -> Matcher:
    """A matcher for this knowledge base, with the semantic net when there is a model,
    and Spanish read by its letters either way."""
    letters = spanish_letters()
    if encoder is None:
        return Matcher(kb, triage=Triage(letters=letters))
    reader: TextEncoder = RecentTexts(encoder, recent_texts) if recent_texts else encoder
    exemplars = semantic.load_exemplars()
    net = semantic.SafetyNet(reader, exemplars, semantic.kb_phrasings(kb), VectorCache(cache_dir))
    return Matcher(kb, triage=Triage(net, letters))
