"""Sentence splitting for Chinese web text."""

from __future__ import annotations

from dataclasses import dataclass

import regex

# A sentence ends at 。！？!? or ; (optionally followed by closing quotes or
# brackets), or at a line break. ASCII '.' is not an end: it sits inside
# numbers (4.8万) and dates (19.05.2015).
_ENDS = "。！？!?；;"
_SENTENCE = regex.compile(rf"[^\n{_ENDS}]*(?:[{_ENDS}]+[”’」』)）]*|\n|$)")
# The character that ends a sentence, for rules that only need to know where theirs stops.
SENTENCE_END = regex.compile(rf"[{_ENDS}\n]")
_LAST_SENTENCE_END = regex.compile(rf"(?r)[{_ENDS}\n]")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def sentence_end(text: str, position: int) -> int:
    """Where the sentence holding ``position`` stops (its end mark's offset, or the text's end)."""
    match = SENTENCE_END.search(text, position)
    return match.start() if match else len(text)


def sentence_start(text: str, position: int) -> int:
    """Where the sentence holding ``position`` starts (just after the previous end mark, or 0)."""
    match = _LAST_SENTENCE_END.search(text, 0, position)
    return match.end() if match else 0


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        piece = match.group()
        stripped = piece.strip()
        if not stripped:
            continue
        lead = len(piece) - len(piece.lstrip())
        start += lead
        sentences.append(Sentence(start, start + len(stripped), stripped))
    return sentences
