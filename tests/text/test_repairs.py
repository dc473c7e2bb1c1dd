"""Every normalisation repair against its golden cases (tests/text/cases/repairs.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pytest

from qextract.text import control, duplicates, forum, furniture, glued_lines, markdown, markup, pages, pinyin, punctuation, script, tables, widths, wraps
from qextract.text.offsets import OffsetMap

CASES = json.loads((Path(__file__).parent / "cases" / "repairs.json").read_text(encoding="utf-8"))

EDIT_REPAIRS: dict[str, Callable] = {
    "normalise_line_endings": control.normalise_line_endings,
    "remove_control_chars": control.remove_control_chars,
    "remove_script_lines": markup.remove_script_lines,
    "remove_markdown": markdown.remove_markdown,
    "remove_pinyin_annotations": pinyin.remove_pinyin_annotations,
    "remove_spurious_commas": punctuation.remove_spurious_commas,
    "restore_lost_line_breaks": glued_lines.restore_lost_line_breaks,
    "remove_page_breaks": pages.remove_page_breaks,
    "separate_table_cells": tables.separate_table_cells,
    "join_cell_lines": tables.join_cell_lines,
    "join_spaced_dates": widths.join_spaced_dates,
    "remove_spam_lines": furniture.remove_spam_lines,
    "remove_breadcrumbs": furniture.remove_breadcrumbs,
    "remove_neighbour_links": furniture.remove_neighbour_links,
    "remove_menus": furniture.remove_menus,
    "remove_rule_lines": furniture.remove_rule_lines,
    "remove_pictographs": furniture.remove_pictographs,
    "remove_furniture_fragments": furniture.remove_furniture_fragments,
    "remove_image_names": furniture.remove_image_names,
    "remove_comment_threads": furniture.remove_comment_threads,
    "remove_related_list": furniture.remove_related_list,
    "remove_forum_chrome": forum.remove_forum_chrome,
    "remove_duplicate_body": duplicates.remove_duplicate_body,
    "join_column_jumps": pages.join_column_jumps,
    "join_hard_wraps": wraps.join_hard_wraps,
}
TRANSLITERATIONS: dict[str, Callable[[str], str]] = {
    "to_halfwidth": widths.to_halfwidth,
    "to_simplified": script.to_simplified,
}


def repaired(name: str, text: str) -> str:
    if name in TRANSLITERATIONS:
        return TRANSLITERATIONS[name](text)
    edits = EDIT_REPAIRS[name](text)
    return OffsetMap.identity(len(text)).apply(text, edits)[0]


def _params(kind: str) -> list:
    params = []
    for name, cases in CASES.items():
        if name.startswith("_"):
            continue
        for index, case in enumerate(cases[kind]):
            marks = [pytest.mark.xfail(reason=case.get("why", ""), strict=False)] if kind == "known_failures" else []
            params.append(pytest.param(name, case, id=f"{name}-{kind}-{index}", marks=marks))
    return params


def test_every_repair_has_cases() -> None:
    named = {name for name in CASES if not name.startswith("_")}
    assert named == set(EDIT_REPAIRS) | set(TRANSLITERATIONS)


@pytest.mark.parametrize("name,case", _params("positive") + _params("known_failures"))
def test_repair_changes_text(name: str, case: dict) -> None:
    assert repaired(name, case["input"]) == case["output"]


@pytest.mark.parametrize("name,case", _params("negative"))
def test_repair_leaves_clean_text_alone(name: str, case: str) -> None:
    assert repaired(name, case) == case
