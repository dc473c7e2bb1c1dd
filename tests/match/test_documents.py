"""Document matcher against golden cases (tests/match/cases/documents.json)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qextract.match.context import MatchContext
from qextract.match.documents import document_kind, find_documents
from tests.golden import case_params, load_cases, masked_context

CASES = load_cases(Path(__file__).parent / "cases" / "documents.json")


def _params(*kinds: str) -> list:
    return case_params(CASES, *kinds)


_context = masked_context


@pytest.mark.parametrize("case", _params("positive", "known_failures"))
def test_expected_documents_are_found(case: dict) -> None:
    documents = find_documents(_context(case))
    assert [document.title for document in documents] == [item["title"] for item in case["expect"]]
    for document, expected in zip(documents, case["expect"]):
        for field in ("kind", "issuer"):
            if field in expected:
                assert getattr(document, field) == expected[field], (document.title, field)


@pytest.mark.parametrize("case", _params("negative"))
def test_non_documents_are_not_found(case: dict) -> None:
    titles = [document.title for document in find_documents(_context(case))]
    if case["absent"] == ["*"]:
        assert titles == []
    else:
        assert not set(titles) & set(case["absent"]), titles


@pytest.mark.parametrize("case", _params("positive"))
def test_spans_hold_the_title(case: dict) -> None:
    context = _context(case)
    for document in find_documents(context):
        assert document.span is not None
        assert context.text[document.span.start : document.span.end] == document.title


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("某某管理办法", "办法"),
        ("某某日报", "publication"),
        ("某某工作报告", "报告"),
        ("某某法", "法"),
        ("某某选集", None),
    ],
)
def test_kind_comes_from_the_longest_suffix(title: str, kind: str) -> None:
    assert document_kind(title) == kind


_FRAGMENTS = st.sampled_from(
    ["《", "》", "〈", "〉", "\n", "国务院", "印发", "关于", "的通知", "办法", "、", "和", "(试行)",
     "纲要", " ", "近日,"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=40))
def test_any_text_gives_bounded_titles(fragments: list[str]) -> None:
    text = "".join(fragments)
    for document in find_documents(MatchContext(text=text)):
        assert 1 <= len(document.title) <= 80 and "\n" not in document.title
        assert text[document.span.start : document.span.end] == document.title
