"""Line iteration with offsets, shared by the line-level repairs."""

from __future__ import annotations

from typing import Iterable, Iterator, NamedTuple

import regex

from qextract.text.offsets import Edit

# A sentence's end: a line holding one reads as prose, not as a list of links, menu items or table cells.
SENTENCE_MARK = regex.compile(r"[。！？!?]")


class Line(NamedTuple):
    start: int  # offset of the first character
    end: int  # offset just past the last character, before the newline
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def with_newline_end(self) -> int:
        """End including the line's newline, for deleting the whole line."""
        return self.end + 1


def iter_lines(text: str) -> Iterator[Line]:
    position = 0
    length = len(text)
    while position <= length:
        newline = text.find("\n", position)
        if newline == -1:
            if position < length:
                yield Line(position, length, text[position:])
            return
        yield Line(position, newline, text[position:newline])
        position = newline + 1


def delete_lines(text: str, lines: Iterable[Line]) -> list[Edit]:
    """Edits that remove each line of ``text`` with its newline."""
    return [Edit(line.start, min(line.with_newline_end, len(text))) for line in lines]
