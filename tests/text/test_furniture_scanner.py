"""The furniture fragment scanner finds what one alternation of all the fragment patterns finds."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from qextract.text import furniture

# Pieces that the fragment patterns read, anchored at a line start and not,
# mixed with prose, so that matches of both kinds sit close and overlap.
_PIECES = [
    "字体:[ 大 中 小 ]", "【打印本页】", "关闭窗口", "浏览次数:1234", "分享到:", "阅读 2356",
    "关键词:质量 标准", "第A03版:要闻", "▲", "今天是2023年5月6日 星期六", "微信扫一扫", "手机版",
    "省市场监管局召开会议", "打印", "【关闭】", "上一版|下一版", "\n", "\n", " ", "  ", "。",
]


def _alternation_spans(text: str) -> list[tuple[int, int]]:
    patterns = [fragment["pattern"] for fragment in furniture._data()["fragments"]]
    single = regex.compile("|".join(f"(?:{pattern})" for pattern in patterns))
    return [match.span() for match in single.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_scanner_finds_what_one_alternation_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert [match.span() for match in furniture._fragments().finditer(text)] == _alternation_spans(text)


def test_scanner_on_a_page_with_both_kinds() -> None:
    text = "字号:[大 中 小] 浏览次数:88\n关键词:计量 检定\n正文第一段。【打印本页】【关闭窗口】\n▲\n手机版"
    spans = [match.span() for match in furniture._fragments().finditer(text)]
    assert spans == _alternation_spans(text)
    assert len(spans) >= 5


def test_a_tie_between_the_two_kinds_goes_to_the_earlier_listed_pattern() -> None:
    """At a line start both an anchored and an unanchored pattern match: the
    one listed first wins, as in the alternation, whatever its kind."""
    text = "abc\nxabc"
    unanchored_first = furniture._FragmentScanner(["ab", "(?m:^abc)"])
    anchored_first = furniture._FragmentScanner(["(?m:^abc)", "ab"])
    assert [match.group() for match in unanchored_first.finditer(text)] == ["ab", "ab"]
    assert [match.group() for match in anchored_first.finditer(text)] == ["abc", "ab"]
