"""The offset map: composing random edit chains keeps every clean offset pointing at its raw source."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from qextract.text.offsets import Edit, OffsetMap

# Each raw character is unique, so where a clean character came from is checkable.
_ALPHABET = [chr(0x4E00 + i) for i in range(200)]


@st.composite
def edit_chains(draw: st.DrawFn) -> tuple[str, list[list[tuple[int, int, str]]]]:
    raw = "".join(draw(st.permutations(_ALPHABET))[: draw(st.integers(0, 60))])
    chains = []
    length = len(raw)
    for _ in range(draw(st.integers(1, 4))):
        edits = []
        position = 0
        while position < length and draw(st.booleans()):
            start = draw(st.integers(position, length))
            end = draw(st.integers(start, min(length, start + 5)))
            replacement = draw(st.sampled_from(["", "x", "yz", None]))
            if replacement is None:  # one-for-one replacement
                replacement = "s" * (end - start)
            if end == start and not replacement:
                break
            edits.append((start, end, replacement))
            position = end + 1
        chains.append(edits)
        length += sum(len(r) - (e - s) for s, e, r in edits)
    return raw, chains


def _untouched_origin(raw: str, char: str) -> int:
    return raw.index(char) if char in raw else -1


@settings(max_examples=300, deadline=None)
@given(edit_chains())
def test_surviving_characters_map_to_their_raw_position(case: tuple[str, list]) -> None:
    raw, chains = case
    text, offsets = raw, OffsetMap.identity(len(raw))
    for edits in chains:
        text, offsets = offsets.apply(text, [Edit(*edit) for edit in edits])
    assert offsets.clean_length == len(text)
    for index, char in enumerate(text):
        origin = _untouched_origin(raw, char)
        start, end = offsets.raw_span(index, index + 1)
        assert 0 <= start <= end <= len(raw)
        if origin >= 0:
            # a raw character that survived every edit maps back onto itself
            assert start <= origin < end


@settings(max_examples=200, deadline=None)
@given(edit_chains())
def test_spans_are_monotonic(case: tuple[str, list]) -> None:
    raw, chains = case
    text, offsets = raw, OffsetMap.identity(len(raw))
    for edits in chains:
        text, offsets = offsets.apply(text, [Edit(*edit) for edit in edits])
    starts = [offsets.raw_span(i, i + 1)[0] for i in range(len(text))]
    assert starts == sorted(starts)


def test_deletion_and_replacement() -> None:
    raw = "質(zhì)量,,強省"
    offsets = OffsetMap.identity(len(raw))
    text, offsets = offsets.apply(raw, [Edit(1, 6), Edit(7, 8)])
    assert text == "質量,強省"
    assert offsets.raw_span(0, 2) == (0, 7)  # the span keeps the annotation it swallowed
    assert raw[slice(*offsets.raw_span(3, 5))] == "強省"
    text, offsets = offsets.apply(text, [Edit(0, 2, "质量的")])
    assert text == "质量的,強省"
    assert offsets.raw_span(0, 1) == (0, 7)  # a replaced run is atomic
    assert offsets.raw_span(4, 5) == (9, 10)


def test_clean_ranges_inverts_raw_span() -> None:
    raw = "甲乙丙丁戊己"
    text, offsets = OffsetMap.identity(len(raw)).apply(raw, [Edit(1, 2), Edit(3, 5, "X")])
    assert text == "甲丙X己"
    assert offsets.clean_ranges(3, 5) == [(2, 3)]
    assert offsets.clean_ranges(0, 6) == [(0, 4)]
    assert offsets.clean_ranges(1, 2) == []


def test_empty_text() -> None:
    offsets = OffsetMap.identity(0)
    assert offsets.raw_span(0, 0) == (0, 0)
    assert offsets.apply("", []) == ("", offsets)


def _clean_ranges_by_scan(offsets: OffsetMap, raw_start: int, raw_end: int) -> list[tuple[int, int]]:
    """The definition: every segment that shares raw characters with the range."""
    ranges: list[tuple[int, int]] = []
    for segment in offsets.segments:
        if segment.raw_end <= raw_start or segment.raw_start >= raw_end:
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


@settings(max_examples=500, deadline=None)
@given(edit_chains(), st.integers(0, 70), st.integers(0, 10))
def test_clean_ranges_finds_the_segments_by_bisection(case: tuple[str, list], raw_start: int, width: int) -> None:
    raw, chains = case
    text, offsets = raw, OffsetMap.identity(len(raw))
    for edits in chains:
        text, offsets = offsets.apply(text, [Edit(*edit) for edit in edits])
    segments = offsets.segments
    # the bisection relies on raw starts never decreasing along the segments
    assert [s.raw_start for s in segments] == sorted(s.raw_start for s in segments)
    raw_start = min(raw_start, len(raw))
    raw_end = min(raw_start + width, len(raw))
    assert offsets.clean_ranges(raw_start, raw_end) == _clean_ranges_by_scan(offsets, raw_start, raw_end)


def test_clean_ranges_after_an_insertion_inside_a_replaced_run() -> None:
    # x maps to an empty raw range that ends before the replaced run around
    # it does, so raw ends decrease there; y and z both stand for 丁
    raw = "甲乙丙丁"
    text, offsets = OffsetMap.identity(len(raw)).apply(raw, [Edit(3, 4, "yz")])
    text, offsets = offsets.apply(text, [Edit(4, 4, "x")])
    assert text == "甲乙丙yxz"
    assert [segment.raw_end for segment in offsets.segments] == [3, 4, 3, 4]
    assert offsets.clean_ranges(3, 4) == [(3, 4), (5, 6)]
    assert offsets.clean_ranges(2, 3) == [(2, 3)]
