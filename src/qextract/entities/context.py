"""The entities of one document, computed once and shared by the matchers."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from qextract.entities.by_sentence import DocumentEntities
from qextract.entities.dictionary import DictionaryEntityRecognizer
from qextract.entities.types import Entity, EntityRecognizer

# Key under which the entities are kept in ``MatchContext.found``.
ENTITIES_KEY = "entities"


@lru_cache(maxsize=1)
def default_recognizer() -> EntityRecognizer:
    return DictionaryEntityRecognizer()


def context_entities(ctx: Any, recognizer: EntityRecognizer | None = None) -> list[Entity]:
    """Every entity of the document, sorted by start (see :func:`document_entities`)."""
    return document_entities(ctx, recognizer).everything()


def document_entities(ctx: Any, recognizer: EntityRecognizer | None = None) -> DocumentEntities:
    """``ctx.found["entities"]`` when a stage put them there, else recognised now and kept there.

    The recogniser is ``recognizer``, else the context's ``entity_recognizer``
    (the pipeline's backend), else the shared dictionary recogniser. The
    dictionary recogniser reads persons only in the sentences a matcher asks
    for; other backends tag the whole text at once. A plain list of entities
    found there (a caller's own) is used as it is.

    Uses the context's tokens when it has a tokeniser, so the text is
    tokenised once for every matcher.
    """
    found = ctx.found.get(ENTITIES_KEY)
    if isinstance(found, DocumentEntities):
        return found
    if found is not None:
        entities = DocumentEntities.of(ctx.text, found)
    else:
        tokens = ctx.tokens if getattr(ctx, "tokenizer", None) is not None else None
        chosen = recognizer or getattr(ctx, "entity_recognizer", None) or default_recognizer()
        if isinstance(chosen, DictionaryEntityRecognizer):
            entities = chosen.entities_of(ctx.text, tokens)
        else:
            entities = DocumentEntities.of(ctx.text, chosen.recognize(ctx.text, tokens))
    ctx.found[ENTITIES_KEY] = entities
    return entities
