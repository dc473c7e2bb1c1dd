"""Offsets from the clean text back to the raw input.

Normalisation is a chain of repairs; each repair proposes :class:`Edit` s on
the text as it stands, and :meth:`OffsetMap.apply` performs them while
composing the map, so that after the last repair every clean offset still
points into the raw input.

The map is a sorted list of segments rather than one integer per character:
a scraped page is mostly untouched runs, so memory grows with the number of
edits, not with the length of the text.

A segment covers clean ``[clean_start, clean_end)`` and raw
``[raw_start, raw_end)``. When both have the same length it is *linear*
(character ``i`` maps to ``raw_start + i - clean_start``); otherwise it is
*atomic*: every character in it stands for the whole raw range, so a span
that touches a repaired run points at all of the raw text it came from.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from typing import Iterable, NamedTuple


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement`` (may be empty)."""

    start: int
    end: int
    replacement: str = ""


def first_of_overlapping(edits: list[Edit]) -> list[Edit]:
    """Sorted, disjoint edits: an edit inside an earlier, wider one (a tag inside a script, a link
    inside an image) is dropped."""
    kept: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, -e.end)):
        if kept and edit.start < kept[-1].end:
            continue
        kept.append(edit)
    return kept


class Segment(NamedTuple):
    clean_start: int
    clean_end: int
    raw_start: int
    raw_end: int
    atomic: bool = False

    @property
    def linear(self) -> bool:
        return not self.atomic and self.clean_end - self.clean_start == self.raw_end - self.raw_start


class OffsetMap:
    """Maps clean-text offsets to raw-input offsets."""

    __slots__ = ("_segments", "_starts", "_raw_reach", "raw_length")

    def __init__(self, segments: list[Segment], raw_length: int) -> None:
        self._segments = segments
        self._starts = [segment.clean_start for segment in segments]
        self._raw_reach: list[int] | None = None  # built on the first clean_ranges call
        self.raw_length = raw_length

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        return cls([Segment(0, length, 0, length)] if length else [], length)

    @property
    def segments(self) -> list[Segment]:
        return list(self._segments)

    @property
    def clean_length(self) -> int:
        return self._segments[-1].clean_end if self._segments else 0

    def _segment_at(self, offset: int) -> Segment:
        index = bisect_right(self._starts, offset) - 1
        return self._segments[max(index, 0)]

    def char_start(self, offset: int) -> int:
        """Raw offset where clean character ``offset`` begins."""
        if not self._segments:
            return 0
        if offset >= self.clean_length:
            return self._segments[-1].raw_end
        segment = self._segment_at(offset)
        if segment.linear:
            return segment.raw_start + offset - segment.clean_start
        return segment.raw_start

    def char_end(self, offset: int) -> int:
        """Raw offset where clean character ``offset`` ends."""
        if not self._segments:
            return 0
        if offset >= self.clean_length:
            return self._segments[-1].raw_end
        segment = self._segment_at(offset)
        if segment.linear:
            return segment.raw_start + offset - segment.clean_start + 1
        return segment.raw_end

    def boundary(self, offset: int) -> int:
        """Raw offset of the boundary before clean character ``offset``."""
        return self.char_start(offset)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``(start, end)`` of the clean span ``[start, end)``."""
        if end <= start:
            position = self.boundary(start)
            return position, position
        return self.char_start(start), self.char_end(end - 1)

    def clean_ranges(self, raw_start: int, raw_end: int) -> list[tuple[int, int]]:
        """Clean ranges whose characters come from raw ``[raw_start, raw_end)``."""
        ranges: list[tuple[int, int]] = []
        # Found by bisection, not by a scan of every segment for every masked
        # run (quadratic on a long garbled page): raw starts never decrease
        # along the segments, and the furthest raw end reached so far does
        # not either (a single end can: an insertion inside a replaced run).
        if self._raw_reach is None:
            self._raw_reach = list(accumulate((segment.raw_end for segment in self._segments), max))
        segments = self._segments
        for index in range(bisect_right(self._raw_reach, raw_start), len(segments)):
            segment = segments[index]
            if segment.raw_start >= raw_end:
                break
            if segment.raw_end <= raw_start:
                continue
            if segment.linear:
                lo = segment.clean_start + max(raw_start - segment.raw_start, 0)
                hi = segment.clean_end - max(segment.raw_end - raw_end, 0)
            else:
                lo, hi = segment.clean_start, segment.clean_end
            if ranges and ranges[-1][1] == lo:
                ranges[-1] = (ranges[-1][0], hi)
            elif hi > lo:
                ranges.append((lo, hi))
        return ranges

    def apply(self, text: str, edits: Iterable[Edit]) -> tuple[str, "OffsetMap"]:
        """Perform ``edits`` on ``text`` (which this map describes).

        Returns the edited text and the map from it to the raw input.
        Edits must not overlap; they are applied in order of position.
        """
        ordered = sorted(edits, key=lambda edit: (edit.start, edit.end))
        if not ordered:
            return text, self
        pieces: list[str] = []
        steps: list[Segment] = []  # new text -> old text
        old_position = 0
        new_position = 0
        for edit in ordered:
            if edit.start < old_position:
                raise ValueError(f"overlapping edits at {edit.start}")
            if edit.start > old_position:
                length = edit.start - old_position
                pieces.append(text[old_position : edit.start])
                steps.append(Segment(new_position, new_position + length, old_position, edit.start))
                new_position += length
            if edit.replacement or edit.end > edit.start:
                length = len(edit.replacement)
                pieces.append(edit.replacement)
                if length:
                    same_length = length == edit.end - edit.start
                    steps.append(Segment(new_position, new_position + length, edit.start, edit.end, not same_length))
                new_position += length
            old_position = edit.end
        if old_position < len(text):
            length = len(text) - old_position
            pieces.append(text[old_position:])
            steps.append(Segment(new_position, new_position + length, old_position, len(text)))
        return "".join(pieces), self._compose(steps)

    def _compose(self, steps: list[Segment]) -> "OffsetMap":
        composed: list[Segment] = []
        for step in steps:
            if step.linear:
                self._split_linear(step, composed)
            else:
                raw_start = self.char_start(step.raw_start)
                raw_end = self.char_end(step.raw_end - 1) if step.raw_end > step.raw_start else raw_start
                composed.append(Segment(step.clean_start, step.clean_end, raw_start, raw_end, True))
        return OffsetMap(_merge(composed), self.raw_length)

    def _split_linear(self, step: Segment, pieces: list[Segment]) -> None:
        """Carry a 1:1 run of the new text through this map's own segments, onto ``pieces``.

        Fields are unpacked into locals: a page with many small repairs calls this
        for every untouched stretch of every repair.
        """
        old, stop = step.raw_start, step.raw_end  # in this map's clean coordinates
        new = step.clean_start
        segments = self._segments
        index = max(bisect_right(self._starts, old) - 1, 0)
        while old < stop:
            clean_start, clean_end, raw_start, raw_end, atomic = segments[index]
            piece_end = clean_end if clean_end < stop else stop
            length = piece_end - old
            if not atomic and clean_end - clean_start == raw_end - raw_start:
                raw = raw_start + old - clean_start
                pieces.append(Segment(new, new + length, raw, raw + length))
            else:
                pieces.append(Segment(new, new + length, raw_start, raw_end, True))
            old = piece_end
            new += length
            index += 1


def _merge(segments: list[Segment]) -> list[Segment]:
    """Join neighbouring linear segments that continue each other."""
    merged: list[Segment] = []
    last_linear = False
    for segment in segments:
        clean_start, clean_end, raw_start, raw_end, atomic = segment
        linear = not atomic and clean_end - clean_start == raw_end - raw_start
        if last_linear and linear:
            last = merged[-1]
            if last.clean_end == clean_start and last.raw_end == raw_start:
                merged[-1] = Segment(last.clean_start, clean_end, last.raw_start, raw_end)
                continue
        merged.append(segment)
        last_linear = linear
    return merged
