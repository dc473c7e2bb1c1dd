"""Shared fixtures: the fixture articles and one pipeline for the whole run."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "fixtures" / "articles").glob("*.txt"))
GOLD = ROOT / "fixtures" / "gold"


@pytest.fixture(scope="session")
def pipeline():
    from qextract import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def fixture_documents(pipeline):
    """(article path, raw text, Document) for every fixture article."""
    documents = []
    for path in ARTICLES:
        raw = path.read_text(encoding="utf-8")
        documents.append((path, raw, pipeline(raw, id=path.stem)))
    return documents
