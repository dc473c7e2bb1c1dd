"""Overlap and containment tests against many ranges in logarithmic time.

Matchers often ask "does this match touch (or sit inside) any of those
ranges?". Scanning the ranges for every match is quadratic on a page with
thousands of both; sorting once and keeping the furthest end reached so far
answers each question with one binary search.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import Iterable


class Intervals:
    """Half-open ``(start, end)`` ranges, possibly overlapping, in any order."""

    __slots__ = ("_starts", "_reach")

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self._starts = [start for start, _ in ordered]
        # _reach[i]: the furthest end among the first i + 1 ranges by start
        self._reach = list(accumulate((end for _, end in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """True when some range shares a character with ``[start, end)``."""
        opened_before_end = bisect_left(self._starts, end)
        return opened_before_end > 0 and self._reach[opened_before_end - 1] > start

    def contains(self, start: int, end: int) -> bool:
        """True when some range covers ``[start, end)`` entirely."""
        opened_by_start = bisect_right(self._starts, start)
        return opened_by_start > 0 and self._reach[opened_by_start - 1] >= end
