"""Stretches of a page where no person may be read.

Related-article lists (bulleted lines, lines ending in a date, everything
after a 相关新闻 heading), SEO keyword spam (lines cut up by | separators),
and text in quotes or title marks (slogans, document titles).
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

import regex

from qextract.data import load_json

_LINE = regex.compile(r"[^\n]*")
_TRAILING_DATE = regex.compile(r"[(（\[]?\d{4}[-./年]\d{1,2}[-./月]\d{1,2}日?[)）\]]?\s*$")
_QUOTED = regex.compile(r"“[^”\n]{0,80}”|《[^》\n]{0,80}》|「[^」\n]{0,80}」")


@lru_cache(maxsize=1)
def _vocabulary() -> dict:
    data = load_json("entities/guards.json")
    return {
        "bullets": tuple(sorted(data["list_bullets"], key=len, reverse=True)),
        "headings": regex.compile(r"^\s*(?:\L<h>)\s*[:：]?\s*$", h=data["list_headings"]),
        "separators": tuple(data["spam_separators"]),
        "count": int(data["spam_separator_count"]),
    }


def page_furniture(text: str) -> list[tuple[int, int]]:
    """Sorted, disjoint ranges of list, link and spam lines."""
    vocabulary = _vocabulary()
    ranges: list[tuple[int, int]] = []
    for match in _LINE.finditer(text):
        line = match.group()
        if not line.strip():
            continue
        if vocabulary["headings"].match(line):
            ranges.append((match.start(), len(text)))
            break
        if _is_list_line(line, vocabulary) or _is_spam_line(line, vocabulary):
            ranges.append(match.span())
    return ranges


def quoted(text: str) -> list[tuple[int, int]]:
    """Ranges inside “”, 《》 and 「」, marks included."""
    return [match.span() for match in _QUOTED.finditer(text)]


def _is_list_line(line: str, vocabulary: dict) -> bool:
    stripped = line.lstrip()
    return stripped.startswith(vocabulary["bullets"]) or bool(_TRAILING_DATE.search(line))


def _is_spam_line(line: str, vocabulary: dict) -> bool:
    return sum(line.count(separator) for separator in vocabulary["separators"]) >= vocabulary["count"]


class RangeSet:
    """Sorted disjoint ranges with a fast overlap test."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        self._ranges = merged
        self._starts = [start for start, _ in merged]

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_right(self._starts, end - 1) - 1
        return index >= 0 and self._ranges[index][1] > start
