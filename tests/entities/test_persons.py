"""Invariants of the person scorer (qextract.entities.persons), checked on the fixture pages."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from qextract.entities import DictionaryEntityRecognizer
from qextract.entities import persons

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PAGES = sorted(FIXTURES.glob("*/articles/*.txt")) + sorted(FIXTURES.glob("articles/*.txt"))


@pytest.fixture(scope="module")
def recognizer() -> DictionaryEntityRecognizer:
    return DictionaryEntityRecognizer()


def test_fixture_pages_are_there() -> None:
    assert len(PAGES) >= 100


@pytest.mark.parametrize("page", PAGES, ids=lambda path: f"{path.parent.parent.name}/{path.stem}")
def test_cutting_readings_early_never_loses_one_that_passes(page: Path, recognizer: DictionaryEntityRecognizer) -> None:
    """candidates_at cuts a reading unscored when even the best context cannot lift it to the
    threshold (BEST_CONTEXT, BEST_AFTER_LEFT). Those bounds must be true bounds: every reading
    that scores at or above the threshold in full must survive the cut with the same score."""
    text = page.read_text(encoding="utf-8")
    reader = recognizer.entities_of(text)._read_persons
    context, _sure, _foreign, _cache = reader._prepare()
    lexicon = recognizer._lexicon
    threshold = persons.DEFAULT_THRESHOLD
    for start, char in enumerate(text):
        if char not in lexicon.surname_initials:
            continue
        full = persons.candidates_at(start, context, lexicon)
        cut = persons.candidates_at(start, context, lexicon, threshold)
        assert [(c.start, c.end) for c in cut] == [(c.start, c.end) for c in full]
        for whole, kept in zip(full, cut):
            if whole.score >= threshold:
                assert kept.score == pytest.approx(whole.score), (whole, kept)
            else:
                assert math.isinf(kept.score) or kept.score == pytest.approx(whole.score)
