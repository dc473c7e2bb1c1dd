"""Stage 3: typed entity spans (PERSON, ORG, LOC, TITLE) behind one interface."""

from qextract.entities.dictionary import DictionaryEntityRecognizer
from qextract.entities.types import LABELS, LOC, ORG, PERSON, TITLE, Entity, EntityRecognizer

__all__ = ["DictionaryEntityRecognizer", "Entity", "EntityRecognizer", "LABELS", "LOC", "ORG", "PERSON", "TITLE"]
