"""A second copy of the article body, as pages rendered twice leave it."""

from __future__ import annotations

import regex

from qextract.text.lines import Line, iter_lines
from qextract.text.offsets import Edit

_BLANKS = regex.compile(r"\s+")

# A repeat is a body only when it holds real paragraphs: short lines such as
# a photo credit may legitimately occur twice.
_LONG_LINE = 20
_MIN_LONG_REPEATS = 2
# Share of the block's characters that must be repeats; the rest are lines the
# second rendering formats differently (a header line joined onto one line).
_MIN_REPEATED_SHARE = 0.75


def _key(line: Line) -> str:
    return _BLANKS.sub("", line.text)


def remove_duplicate_body(text: str) -> list[Edit]:
    """Keep the first copy of a body that the page repeats.

    Looks for the block, from the first line that repeats an earlier line to
    the last such line, in which almost every character repeats earlier text.
    """
    lines = [line for line in iter_lines(text) if line.stripped]
    seen: set[str] = set()
    repeated: list[bool] = []
    for line in lines:
        key = _key(line)
        repeated.append(key in seen)
        seen.add(key)
    long_repeats = [i for i, line in enumerate(lines) if repeated[i] and len(_key(line)) >= _LONG_LINE]
    if len(long_repeats) < _MIN_LONG_REPEATS:
        return []
    last = max(i for i, flag in enumerate(repeated) if flag)
    # Walk back from the first long repeat over repeated or short lines: the
    # second copy's title and re-rendered header belong to the block.
    first = long_repeats[0]
    while first > 0 and (repeated[first - 1] or len(_key(lines[first - 1])) < _LONG_LINE * 3):
        if not repeated[first - 1] and not _starts_copy(lines, first - 1, repeated):
            break
        first -= 1
    block = lines[first : last + 1]
    total = sum(len(_key(line)) for line in block)
    repeats = sum(len(_key(line)) for line, flag in zip(block, repeated[first : last + 1]) if flag)
    if total == 0 or repeats / total < _MIN_REPEATED_SHARE:
        return []
    end = block[-1].end
    if end < len(text) and text[end] == "\n":
        end += 1
    return [Edit(block[0].start, end)]


def _starts_copy(lines: list[Line], index: int, repeated: list[bool]) -> bool:
    """A non-repeated short line belongs to the copy when a repeated line is just above it."""
    return index > 0 and repeated[index - 1]
