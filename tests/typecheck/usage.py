"""Code a user might write against the public API; type-checked with mypy --strict, never run."""

from __future__ import annotations

from typing import Optional

import qextract
from qextract import Document, Official, Pipeline, Span
from qextract.entities import Entity, EntityRecognizer


def official_names(text: str) -> list[str]:
    document: Document = qextract.extract(text, id="page", publish_date="2024-01-02")
    return [official.name for official in document.officials]


def first_post(official: Official) -> Optional[str]:
    return official.titles[0] if official.titles else None


def evidence(raw: str, span: Span) -> str:
    return raw[span.raw_start : span.raw_end]


def batch(texts: list[str]) -> list[str]:
    pipeline = Pipeline(["dates", "officials"], max_chars=1_000_000)
    return [document.to_json() for document in pipeline.pipe(texts, n_process=1)]


class NamesOnly:
    def recognize(self, text: str, tokens: object = None) -> list[Entity]:
        return [Entity(0, 2, "PERSON", text[:2])]


def custom_backend(text: str) -> int:
    recognizer: EntityRecognizer = NamesOnly()
    return len(Pipeline(entities=recognizer)(text).officials)


def html_view(document: Document) -> str:
    return document._repr_html_()


def frames(documents: list[Document]) -> int:
    return len(qextract.to_frames(documents))
