"""Page breaks that a printed document carries into the article's text.

A PDF's text layer prints, between two pages, the page's number, the
footnotes at its foot and the running head of the next page, wherever the
page happened to end: often inside a sentence (…联合发布长 / — 1 — /
安徽市场监管 2023年第5期 / 三角区域统一地方标准…). An e-paper continues a
column on another page and marks both ends (…标准化(下转第2版) / (上接第1版)技术委员会…).
Matchers read sentences, so the break is taken out and the sentence is whole again.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Optional

import regex

from qextract.data import load_json
from qextract.text.lines import SENTENCE_MARK, Line, iter_lines
from qextract.text.offsets import Edit, first_of_overlapping

_WHITESPACE = regex.compile(r"\s+")


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_json("text/pages.json")


@lru_cache(maxsize=1)
def _page_number() -> regex.Pattern[str]:
    """A page's number alone on its line (－ 1 －, 第 2 页 共 3 页)."""
    return regex.compile(_data()["page_number"])


@lru_cache(maxsize=1)
def _any_page_number() -> regex.Pattern[str]:
    """The same, searched over a whole text: most pages print none, and need not be cut into lines."""
    return regex.compile("(?m)" + _data()["page_number"])


@lru_cache(maxsize=1)
def _issue() -> regex.Pattern[str]:
    return regex.compile(_data()["running_head_issue"])


@lru_cache(maxsize=1)
def _jumps() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    data = _data()
    return regex.compile(data["jump_out"]), regex.compile(data["jump_in"])


def remove_page_breaks(text: str) -> list[Edit]:
    """The lines between two pages of a printed document: the page number, the footnotes printed above
    it and the next page's running head, with the blank lines around them.

    One line break stays where they were, so that the wrap rule, which knows
    the layout's column, decides whether the page cut a sentence.
    """
    if _any_page_number().search(text) is None:
        return []
    lines = list(iter_lines(text))
    numbers = [index for index, line in enumerate(lines) if _page_number().match(line.text)]
    if not numbers:
        return []
    heads = _running_heads(lines, numbers)
    edits: list[Edit] = []
    for index in numbers:
        above = _nonblank(lines, index, -1)
        while above is not None and _is_footnote(lines[above], text):
            above = _nonblank(lines, above, -1)
        below = _nonblank(lines, index, 1)
        if below is not None and _key(lines[below].text) in heads:
            below = _nonblank(lines, below, 1)
        start = lines[above].end + 1 if above is not None else 0
        end = lines[below].start if below is not None else len(text)
        if start < end:
            edits.append(Edit(start, end))
    return first_of_overlapping(edits)


def _running_heads(lines: list[Line], numbers: list[int]) -> frozenset[str]:
    """The running heads among the lines right under the page numbers: short, no sentence, and printed
    under two numbers or naming the issue (2023年第5期)."""
    candidates = [
        _key(lines[below].text)
        for index in numbers
        if (below := _nonblank(lines, index, 1)) is not None
        and len(_key(lines[below].text)) <= _data()["running_head_max_chars"]
        and not SENTENCE_MARK.search(lines[below].text)
        and not _page_number().match(lines[below].text)
    ]
    counts = Counter(candidates)
    return frozenset(key for key, count in counts.items() if count >= 2 or _issue().search(key))


def _is_footnote(line: Line, text: str) -> bool:
    """A note at a page's foot: it opens with a circled number the text before it uses as a mark (标准①12项)."""
    stripped = line.text.lstrip()
    if not stripped or stripped[0] not in _data()["footnote_markers"]:
        return False
    mark = text.rfind(stripped[0], 0, line.start)
    return mark > 0 and text[mark - 1] != "\n"


def join_column_jumps(text: str) -> list[Edit]:
    """An e-paper's ``(下转第2版)`` at a line's end with its ``(上接第1版)`` opening the next line: the column
    runs on, so both marks and the break between them go. A mark without its partner goes alone."""
    jump_out, jump_in = _jumps()
    edits: list[Edit] = []
    joined_ins: set[int] = set()
    for found in jump_out.finditer(text):
        partner = _partner(text, found.end(), jump_in)
        if partner is None:
            edits.append(Edit(found.start(), found.end()))
            continue
        if found.start() > 0 and SENTENCE_MARK.match(text, found.start() - 1):
            # the first part ended its sentence: the second opens a paragraph of its own
            edits.extend((Edit(found.start(), found.end()), Edit(partner.start(), partner.end())))
        else:
            edits.append(Edit(found.start(), partner.end()))
        joined_ins.add(partner.start())
    for found in jump_in.finditer(text):
        if found.start() not in joined_ins:
            edits.append(Edit(found.start(), found.end()))
    return first_of_overlapping(edits)


def _partner(text: str, position: int, jump_in: regex.Pattern[str]) -> Optional[regex.Match[str]]:
    """The ``(上接…)`` after ``position`` with only blanks and line breaks between."""
    gap = _WHITESPACE.match(text, position)
    return jump_in.match(text, gap.end() if gap is not None else position)


def _nonblank(lines: list[Line], index: int, step: int) -> Optional[int]:
    index += step
    while 0 <= index < len(lines):
        if lines[index].text.strip():
            return index
        index += step
    return None


def _key(line: str) -> str:
    return _WHITESPACE.sub("", line)
