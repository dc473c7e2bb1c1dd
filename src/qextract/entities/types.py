"""What the entity stage hands to the matchers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Protocol, Sequence, runtime_checkable

from qextract.segment.tokenizer import Token

PERSON = "PERSON"
ORG = "ORG"
LOC = "LOC"
TITLE = "TITLE"
LABELS = (PERSON, ORG, LOC, TITLE)


@dataclass(frozen=True)
class Entity:
    """A typed span of the clean text.

    ``kind`` refines the label: the category of a post (gov, party,
    enterprise, occupation...), the kind of a body (government, association,
    company...), the level of a place (province, prefecture, county).
    ``name`` is the normalised form where it differs from the text (a person
    written with a space inside, 袁 睿 -> 袁睿).
    """

    start: int
    end: int
    label: str
    text: str
    kind: Optional[str] = None
    score: float = 0.0
    name: Optional[str] = None

    @property
    def value(self) -> str:
        return self.name if self.name is not None else self.text


@runtime_checkable
class EntityRecognizer(Protocol):
    """Text (and its tokens, when the caller has them) in, entity spans out.

    Spans do not overlap and come sorted by start. A backend may ignore the
    tokens; the dictionary backend uses them to check word boundaries.
    """

    def recognize(self, text: str, tokens: Optional[Sequence[Token]] = None) -> list[Entity]:
        ...
