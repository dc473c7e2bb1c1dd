"""Golden cases for reading tables out of the clean text (cases/tables.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import pytest

from qextract.segment.tables import Cell, Table, find_tables
from tests.golden import case_params

CASES = json.loads((Path(__file__).parent / "cases" / "tables.json").read_text(encoding="utf-8"))


def _texts(cells: tuple[Optional[Cell], ...]) -> list[Optional[str]]:
    return [cell.text if cell is not None else None for cell in cells]


def _shown(table: Table) -> dict:
    return {
        "caption": table.caption.text if table.caption else None,
        "headings": _texts(table.headings),
        "rows": [_texts(row) for row in table.rows],
    }


@pytest.mark.parametrize("case", case_params(CASES, "positive", "known_failures", label="name"))
def test_tables_are_read(case: dict) -> None:
    tables = find_tables(case["text"])
    assert [_shown(table) for table in tables] == case["tables"]
    for table in tables:
        for cell in (*table.headings, *(cell for row in table.rows for cell in row)):
            if cell is not None:
                assert case["text"][cell.start : cell.end] == cell.text


@pytest.mark.parametrize("case", case_params(CASES, "negative", label="name"))
def test_no_table(case: dict) -> None:
    assert find_tables(case["text"]) == []
