"""The scoring rules' golden cases (data/rules.json), shared by the agreement and matching tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

RULES = json.loads((Path(__file__).parent / "data" / "rules.json").read_text(encoding="utf-8"))


def rule_cases(prefix: str) -> list[Any]:
    """(case, expected) params for every rule whose check starts with ``prefix``."""
    params = []
    for group, expected in (("positive", True), ("negative", False), ("known_failures", True)):
        for case in RULES[group]:
            if not case["check"].startswith(prefix):
                continue
            marks = [pytest.mark.xfail(strict=False, reason=case["why"])] if group == "known_failures" else []
            params.append(pytest.param(case, expected, id=f"{group}:{case['check']}:{case['why']}", marks=marks))
    return params
