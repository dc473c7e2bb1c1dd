"""find_mojibake against its golden cases (tests/text/cases/mojibake.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qextract.text.mojibake import MojibakeRun, _tables, find_mojibake

CASES = json.loads((Path(__file__).parent / "cases" / "mojibake.json").read_text(encoding="utf-8"))


def _params(kind: str) -> list:
    return [
        pytest.param(case, id=f"{kind}-{index}", marks=_marks(case, kind))
        for index, case in enumerate(CASES[kind])
    ]


def _marks(case: dict, kind: str) -> list:
    return [pytest.mark.xfail(reason=case["note"], strict=False)] if kind == "known_failures" else []


def _found(text: str) -> list[dict]:
    return [{"text": text[run.start : run.end], "replacement": run.replacement} for run in find_mojibake(text)]


@pytest.mark.parametrize("case", _params("positive") + _params("negative") + _params("known_failures"))
def test_golden_case(case: dict) -> None:
    """Every run expected (garbled text and repair, or None if masked); none in clean text."""
    assert _found(case["input"]) == case.get("runs", []), case["note"]


def test_every_kind_has_cases() -> None:
    assert CASES["positive"] and CASES["negative"] and "known_failures" in CASES


def test_masked_and_repaired_runs_both_occur() -> None:
    replacements = [run["replacement"] for case in CASES["positive"] for run in case["runs"]]
    assert None in replacements and any(replacements)


def test_empty_text() -> None:
    assert find_mojibake("") == []


def test_utf8_read_as_gbk_round_trip() -> None:
    clause = "市场主体活力持续增强"
    garbled = clause.encode("utf-8").decode("gbk")  # every byte pairs up: nothing is lost
    (run,) = find_mojibake(f"会上，{garbled}。")
    assert run.replacement == clause and 0.9 <= run.confidence <= 1.0


_GARBLE_ALPHABET = st.sampled_from(list("?\ufffd鍏ㄥ浗涓鐨勭骞剁粍缁囧瀹家质量的一是，。“”ΩωЖぁ╋ a1Bz!;<")) | st.characters()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_GARBLE_ALPHABET, max_size=80))
def test_runs_are_sorted_disjoint_and_inside_the_text(text: str) -> None:
    runs = find_mojibake(text)
    previous_end = 0
    for run in runs:
        assert isinstance(run, MojibakeRun)
        assert previous_end <= run.start < run.end <= len(text)
        assert 0.0 <= run.confidence <= 1.0
        assert run.replacement is None or run.replacement
        previous_end = run.end


# Characters that make words with each other (提升, 产品, 生产), a traditional
# form that folds to one of them (產), and characters in no word.
_CONTEXT_CHARS = "提升生产產品质量\u4e28?"


@given(st.text(_CONTEXT_CHARS, max_size=2), st.sampled_from(_CONTEXT_CHARS), st.text(_CONTEXT_CHARS, max_size=2))
def test_context_support_shortcut_agrees_with_the_full_split(before: str, char: str, after: str) -> None:
    """A candidate in no word with its neighbours gets the neighbours' own support, exactly."""
    tables = _tables()
    window = (before[-2:] + char + after[:2]).translate(tables.fold_table)
    assert tables.context_support(before, char, after) == tables._best_split_gain(window)
