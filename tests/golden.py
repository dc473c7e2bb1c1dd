"""Reading golden case files: one JSON file per component with explicit
``positive``, ``negative`` and ``known_failures`` lists (ftfy-style)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from qextract.match.context import MatchContext


def load_cases(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def case_params(cases: dict[str, Any], *kinds: str, label: str = "") -> list[Any]:
    """One pytest param per case of ``kinds``; known failures run as non-strict xfail.

    The id is the kind and the case's index, then the start of its ``label`` field when one is named.
    """
    params = []
    for kind in kinds:
        for index, case in enumerate(cases[kind]):
            marks = [pytest.mark.xfail(strict=False)] if kind == "known_failures" else []
            case_id = f"{kind}-{index}-{case[label][:40]}" if label else f"{kind}-{index}"
            params.append(pytest.param(case, id=case_id, marks=marks))
    return params


def masked_context(case: dict[str, Any]) -> MatchContext:
    """A context over ``case["text"]`` with every piece in ``case["mask"]`` masked."""
    text = case["text"]
    masked = []
    for piece in case.get("mask", []):
        start = text.index(piece)
        masked.append((start, start + len(piece)))
    return MatchContext(text=text, masked=sorted(masked))
