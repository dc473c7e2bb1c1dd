"""The entities of one document, computed once and shared by the matchers."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from qextract.entities.dictionary import DictionaryEntityRecognizer
from qextract.entities.types import Entity, EntityRecognizer

# Key under which the entities are kept in ``MatchContext.found``.
ENTITIES_KEY = "entities"


@lru_cache(maxsize=1)
def default_recognizer() -> EntityRecognizer:
    return DictionaryEntityRecognizer()


def context_entities(ctx: Any, recognizer: EntityRecognizer | None = None) -> list[Entity]:
    """``ctx.found["entities"]`` when a stage put them there, else recognised now and kept there.

    The recogniser is ``recognizer``, else the context's ``entity_recognizer``
    (the pipeline's backend), else the shared dictionary recogniser.

    Uses the context's tokens when it has a tokeniser, so the text is
    tokenised once for every matcher.
    """
    found = ctx.found.get(ENTITIES_KEY)
    if found is not None:
        return found
    tokens = ctx.tokens if getattr(ctx, "tokenizer", None) is not None else None
    chosen = recognizer or getattr(ctx, "entity_recognizer", None) or default_recognizer()
    entities = chosen.recognize(ctx.text, tokens)
    ctx.found[ENTITIES_KEY] = entities
    return entities
