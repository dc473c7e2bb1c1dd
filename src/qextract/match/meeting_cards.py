"""Event cards: the labelled lines a transcript opens with, and the turns after them.

A 新闻发布会 or 访谈 page prints its event as a card of labelled lines::

    时间:2023年9月6日(星期三)上午10时
    地点:市政府新闻发布厅
    发布人:
    市市场监管委党委委员、副主任 高立新
    主持人:
    市政府新闻办副主任 许丹

and then the transcript, one turn a line (``主持人 许丹:``, ``高立新:``,
``主持人:``). The card gives the day, the place and who chaired or spoke;
a turn says its person spoke. The labels and the field each fills live in
``data/meetings/lexicon.json`` (``card_labels``, ``turn_role_labels``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import regex

from qextract.match.meeting_lexicon import LEX, NO_CLAUSE_PUNCT, words

_LABELS: dict[str, str] = dict(LEX["card_labels"])
TURN_ROLE_LABELS = frozenset(words("turn_role_labels"))
_PEOPLE_FIELDS = frozenset({"chair", "speaker", "attendee"})
# persons listed under a label, one a line: the list ends at the next line with a colon or a blank line
_MAX_PEOPLE_LINES = 8
_MAX_TURN_LABEL = 24

_LABEL_LINE = regex.compile(
    r"^[ \t\u3000]*(?P<label>\L<labels>)[ \t\u3000]*:[ \t\u3000]*(?P<value>[^\n]*)$",
    regex.MULTILINE,
    labels=sorted(_LABELS, key=len, reverse=True),
)
_TURN_LINE = regex.compile(r"^[ \t\u3000]*(?P<label>%s{1,%d}):" % (NO_CLAUSE_PUNCT, _MAX_TURN_LABEL), regex.MULTILINE)


@dataclass(frozen=True)
class CardLine:
    field: str  # "time", "place", "chair", "speaker" or "attendee"
    start: int  # the value's span, over the next lines for a list of persons
    end: int


@dataclass(frozen=True)
class EventCard:
    start: int
    end: int
    lines: tuple[CardLine, ...]

    def values(self, field: str) -> list[CardLine]:
        return [line for line in self.lines if line.field == field]


def find_cards(text: str, start: int = 0) -> list[EventCard]:
    """The cards after ``start``: runs of labelled lines, one right under the other, with a day or a place and
    a list of persons."""
    cards: list[EventCard] = []
    group: list[CardLine] = []
    group_start = previous_end = -1
    for match in _LABEL_LINE.finditer(text, start):
        if group and text[previous_end : match.start()].strip():
            cards.extend(_card(group, group_start))
            group = []
        if not group:
            group_start = match.start()
        field = _LABELS[match.group("label")]
        value_start, value_end = match.span("value")
        if field in _PEOPLE_FIELDS:
            value_end = _people_lines_end(text, value_end)
        group.append(CardLine(field, value_start, value_end))
        previous_end = value_end
    cards.extend(_card(group, group_start))
    return cards


def _card(group: list[CardLine], group_start: int) -> list[EventCard]:
    fields = {line.field for line in group}
    if not fields & {"time", "place"} or not fields & _PEOPLE_FIELDS:
        return []
    return [EventCard(group_start, max(line.end for line in group), tuple(group))]


def _people_lines_end(text: str, value_end: int) -> int:
    """发布人: with its persons on the next lines, one a line: the list runs to a blank line or a labelled one."""
    end = value_end
    for _ in range(_MAX_PEOPLE_LINES):
        if end >= len(text) or text[end] != "\n":
            break
        line_end = text.find("\n", end + 1)
        line_end = len(text) if line_end == -1 else line_end
        line = text[end + 1 : line_end]
        if not line.strip() or ":" in line or "：" in line:
            break
        end = line_end
    return end


def turn_labels(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The spans of the labels of a transcript's turns (``高立新:``, ``主持人 许丹:``) between ``start`` and ``end``."""
    for match in _TURN_LINE.finditer(text, start, end):
        yield match.span("label")
