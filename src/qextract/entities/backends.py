"""Choosing an entity backend, and what every model-backed backend shares.

A pipeline reads entities from the package dictionaries unless the caller
names another backend: ``Pipeline(entities="spacy", spacy_model=nlp)``,
``Pipeline(entities="hanlp", hanlp_model=path)`` or any object with the
:class:`~qextract.entities.types.EntityRecognizer` method.

Outside models tag persons, bodies and places but not posts (局长, 董事长),
which the officials matcher cannot do without. So a model backend is
combined with the dictionary's posts: :class:`WithDictionaryPosts`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable, Iterator, Mapping, Optional, Sequence, Union

from qextract.data import load_json
from qextract.entities.types import LABELS, TITLE, Entity, EntityRecognizer
from qextract.errors import ConfigError, MissingBackendError
from qextract.segment.sentences import Sentence, split_sentences
from qextract.segment.tokenizer import Token

# Names accepted by ``Pipeline(entities=...)``.
DICTIONARY = "dictionary"
SPACY = "spacy"
HANLP = "hanlp"
BACKENDS = (DICTIONARY, SPACY, HANLP)

EntitiesOption = Union[str, EntityRecognizer, None]


@lru_cache(maxsize=1)
def _label_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for ours, theirs in load_json("entities/backend_labels.json").items():
        if ours.startswith("_"):
            continue
        for label in theirs:
            table[label.upper()] = ours
    return table


def map_label(label: str, overrides: Optional[Mapping[str, Optional[str]]] = None) -> Optional[str]:
    """Our label (PERSON, ORG, LOC, TITLE) for a model's label, or None to drop it.

    ``overrides`` (model label -> ours or None) come first, then the
    package table ``data/entities/backend_labels.json``; case is ignored.
    """
    if overrides:
        for key in (label, label.upper()):
            if key in overrides:
                return overrides[key]
    return _label_table().get(label.upper())


def check_overrides(overrides: Optional[Mapping[str, Optional[str]]]) -> None:
    for label, ours in (overrides or {}).items():
        if ours is not None and ours not in LABELS:
            raise ConfigError(f"label {label!r} maps to {ours!r}; choose from {list(LABELS)} or None")


def missing(package: str, extra: str, purpose: str) -> MissingBackendError:
    """The error for an optional package that is not installed."""
    return MissingBackendError(
        f"{purpose} needs the package {package!r}, which is not installed; "
        f"install it with: pip install 'qextract[{extra}]'"
    )


def sentence_batches(text: str, max_chars: int) -> Iterator[list[Sentence]]:
    """Consecutive sentences of ``text`` in groups of at most ``max_chars`` characters.

    Models read short inputs best and batch them well; a sentence longer
    than ``max_chars`` forms a group of its own.
    """
    group: list[Sentence] = []
    size = 0
    for sentence in split_sentences(text):
        length = sentence.end - sentence.start
        if group and size + length > max_chars:
            yield group
            group, size = [], 0
        group.append(sentence)
        size += length
    if group:
        yield group


def disjoint(entities: Iterable[Entity]) -> list[Entity]:
    """Sorted, non-overlapping entities: on overlap the longer (then earlier) one stays."""
    ranked = sorted(entities, key=lambda entity: (-(entity.end - entity.start), entity.start))
    taken: list[Entity] = []
    for entity in ranked:
        if all(entity.end <= kept.start or entity.start >= kept.end for kept in taken):
            taken.append(entity)
    return sorted(taken, key=lambda entity: entity.start)


class WithDictionaryPosts:
    """A model's entities plus the dictionary's posts (TITLE).

    Posts stay whole: a model span that begins or ends with a post is cut
    back to the rest (a model reading ``局长王芳`` as one person keeps
    ``王芳``); a post inside a model span (a body whose name holds a post
    word) gives way to the model.
    """

    def __init__(self, model: EntityRecognizer, dictionary: Optional[EntityRecognizer] = None) -> None:
        self.model = model
        self._dictionary = dictionary

    @property
    def dictionary(self) -> EntityRecognizer:
        if self._dictionary is None:
            from qextract.entities.context import default_recognizer

            self._dictionary = default_recognizer()
        return self._dictionary

    def recognize(self, text: str, tokens: Optional[Sequence[Token]] = None) -> list[Entity]:
        posts = [entity for entity in self.dictionary.recognize(text, tokens) if entity.label == TITLE]
        return merge_posts(self.model.recognize(text, tokens), posts, text)


def merge_posts(model_entities: Sequence[Entity], posts: Sequence[Entity], text: str) -> list[Entity]:
    kept_posts = [post for post in posts if not any(_strictly_inside(post, entity) for entity in model_entities)]
    merged: list[Entity] = list(kept_posts)
    for entity in model_entities:
        trimmed = _trim_around(entity, kept_posts, text)
        if trimmed is not None:
            merged.append(trimmed)
    return disjoint(merged)


def _strictly_inside(post: Entity, entity: Entity) -> bool:
    return entity.start < post.start and post.end < entity.end


def _trim_around(entity: Entity, posts: Sequence[Entity], text: str) -> Optional[Entity]:
    start, end = entity.start, entity.end
    for post in posts:
        if post.end <= start or post.start >= end:
            continue
        if post.start <= start:
            start = max(start, post.end)
        elif post.end >= end:
            end = min(end, post.start)
    if end - start < 1 or not text[start:end].strip():
        return None
    if (start, end) == (entity.start, entity.end):
        return entity
    return Entity(start, end, entity.label, text[start:end], kind=entity.kind, score=entity.score)


def build_entity_recognizer(
    entities: EntitiesOption = None,
    *,
    spacy_model: Any = None,
    hanlp_model: Any = None,
    options: Optional[Mapping[str, Any]] = None,
) -> Optional[EntityRecognizer]:
    """The recogniser a pipeline uses; None means the shared dictionary recogniser.

    ``entities`` is a backend name (``"dictionary"``, ``"spacy"``,
    ``"hanlp"``) or a ready recogniser. ``options`` go to the backend's
    constructor (``batch_size``, ``labels``, ``tokens``, ``task``...).
    """
    extra = dict(options or {})
    if entities is None or entities == DICTIONARY:
        if spacy_model is not None or hanlp_model is not None:
            raise ConfigError("a spacy_model or hanlp_model needs entities='spacy' or entities='hanlp'")
        return None
    if entities == SPACY:
        if spacy_model is None:
            raise ConfigError("entities='spacy' needs spacy_model= (a spaCy Language or the name of an installed pipeline)")
        from qextract.entities.spacy_backend import SpacyEntityRecognizer

        return WithDictionaryPosts(SpacyEntityRecognizer(spacy_model, **extra))
    if entities == HANLP:
        if hanlp_model is None:
            raise ConfigError("entities='hanlp' needs hanlp_model= (a local path, a HanLP identifier or a loaded component)")
        from qextract.entities.hanlp_backend import HanLPEntityRecognizer

        return WithDictionaryPosts(HanLPEntityRecognizer(hanlp_model, **extra))
    if isinstance(entities, str):
        raise ConfigError(f"unknown entity backend {entities!r}; choose from {list(BACKENDS)} or pass a recogniser")
    if not isinstance(entities, EntityRecognizer):
        raise ConfigError(f"entities= must be a backend name or have a recognize(text, tokens) method, not {type(entities).__name__}")
    return entities
