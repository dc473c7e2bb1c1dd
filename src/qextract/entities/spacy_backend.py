"""Entities from any spaCy pipeline the caller has (extra ``qextract[spacy]``).

The pipeline reads the clean text in groups of sentences (``nlp.pipe``),
and its ``doc.ents`` come back as our entities: spaCy's character offsets
shifted by where the group starts, labels mapped by
``data/entities/backend_labels.json`` (PERSON, ORG, GPE/LOC; the others
dropped).
"""

from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

from qextract.entities.backends import check_overrides, disjoint, map_label, missing, sentence_batches
from qextract.entities.types import Entity
from qextract.errors import MissingBackendError
from qextract.segment.tokenizer import Token


def load_spacy_model(model: Any) -> Any:
    """A spaCy ``Language``: ``model`` itself, or the installed pipeline it names."""
    if not isinstance(model, str):
        if not callable(getattr(model, "pipe", None)):
            raise MissingBackendError(f"spacy_model must be a spaCy Language or a pipeline name, not {type(model).__name__}")
        return model
    try:
        import spacy
    except ImportError as exc:
        raise missing("spacy", "spacy", "the spaCy entity backend") from exc
    try:
        return spacy.load(model)
    except OSError as exc:
        raise MissingBackendError(
            f"spaCy pipeline {model!r} is not installed here (qextract downloads no models): "
            f"install its package, e.g. python -m spacy download {model}, or pass a loaded Language"
        ) from exc


class SpacyEntityRecognizer:
    """PERSON / ORG / LOC from ``doc.ents`` of a spaCy pipeline.

    ``labels`` adds or overrides label mappings (spaCy label -> ours, or
    None to drop it). ``max_chars`` bounds one ``nlp.pipe`` input;
    ``batch_size`` is passed to ``nlp.pipe``.
    """

    def __init__(
        self,
        nlp: Any,
        *,
        labels: Optional[Mapping[str, Optional[str]]] = None,
        batch_size: int = 64,
        max_chars: int = 2_000,
    ) -> None:
        check_overrides(labels)
        self.nlp = load_spacy_model(nlp)
        self._labels = dict(labels or {})
        self._batch_size = batch_size
        self._max_chars = max_chars

    def recognize(self, text: str, tokens: Optional[Sequence[Token]] = None) -> list[Entity]:
        starts: list[int] = []
        pieces: list[str] = []
        for group in sentence_batches(text, self._max_chars):
            starts.append(group[0].start)
            pieces.append(text[group[0].start : group[-1].end])
        found: list[Entity] = []
        for offset, doc in zip(starts, self.nlp.pipe(pieces, batch_size=self._batch_size)):
            for ent in doc.ents:
                label = map_label(ent.label_, self._labels)
                if label is None:
                    continue
                start, end = offset + ent.start_char, offset + ent.end_char
                found.append(Entity(start, end, label, text[start:end], kind=ent.label_))
        return disjoint(found)
