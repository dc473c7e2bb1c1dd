"""Tables flattened into lines: every row's cells kept apart by one tab.

A page's ``<table>`` saved as text comes out one row per line. Scrapers
separate the cells with tabs, with pipes (``品种 | 单位 | 节前均价``) or with
spaces (``电梯使用单位 12 5``). Later stages know a table only as lines of
tab-separated cells (``qextract.segment.tables``), so this repair turns pipes
and spaces between cells into one tab. Markdown rows with bars at both ends
are Markdown's repair (``markdown.py``), which gives the same tabs.

Pipes and spaces also join a site's menu items and a letter-spaced name, so a
block of lines is a table only when it reads as one: two or more lines in a
row (three with spaces, a heading line and two rows), each split into the
same number of short cells, none a sentence, and numbers in the cells below
the first line. Every heading of a space table is a word, with no number. Every
pattern is anchored to one line, so the time is linear in the input.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, Optional

import regex

from qextract.data import alternation, load_json
from qextract.text.lines import SENTENCE_MARK, Line, iter_lines
from qextract.text.offsets import Edit

# A cell that opens with a number: 96, 52,318, -3.5, +12.4, ≤0.05g/kg, 9.4%, 52.36万户;
# not a year, which heads a column (2022年, 2023年上半年).
NUMERIC_CELL = regex.compile(r"(?!\d{4}年)[≤≥<>＜＞±+\-−]?\d[\d,]{0,14}(?:\.\d{1,6})?\S{0,12}")
_MAX_CELL_CHARS = 40
_PIPE = regex.compile(r"[ \t]*\|[ \t]*")
_SPACES = regex.compile(r"[ \u00a0]+")
# Prose and page fields punctuate; table cells seldom do.
_FIELD_MARKS = regex.compile(r"[。！？!?,，;；:：、]")
_HAN = regex.compile(r"\p{Han}")
_MIN_PIPE_ROWS = 2
_MIN_SPACE_ROWS = 3
_MIN_SPACE_CELLS = 3


def is_numeric_cell(cell: str) -> bool:
    return NUMERIC_CELL.fullmatch(cell) is not None


def separate_table_cells(text: str) -> list[Edit]:
    """``猪肉 | 元/公斤 | 14.80`` and ``电梯使用单位 12 5`` rows -> cells joined by tabs."""
    if "|" not in text and " " not in text:
        return []
    edits: list[Edit] = []
    edits += _block_edits(text, _pipe_cells, _MIN_PIPE_ROWS, heading_has_numbers=True)
    edits += _block_edits(text, _space_cells, _MIN_SPACE_ROWS, heading_has_numbers=False)
    return sorted(edits, key=lambda edit: edit.start)


def join_cell_lines(text: str) -> list[Edit]:
    """A table printed one cell a line -> one row a line, its cells joined by tabs.

    ``序号 / 经销单位 / 罚没款(元) / 1 / 某商店 / 3200 / 2 / …``: the
    row-number heading opens the table, the headings up to the line ``1``
    give the number of columns, and every row opens with the next number.
    Only the newlines change (into tabs), so offsets stay as they were.
    """
    if _row_number_heading_line().search(text) is None:
        return []  # most pages: no line is only a row-number heading
    lines = list(iter_lines(text))
    edits: list[Edit] = []
    index = 0
    while index < len(lines):
        if lines[index].stripped not in _row_number_headings():
            index += 1
            continue
        rows = _cell_line_rows(lines, index)
        if rows is None:
            index += 1
            continue
        for row in rows:
            edits.extend(Edit(line.end, line.end + 1, "\t") for line in row[:-1])
        index += sum(len(row) for row in rows)
    return edits


def _cell_line_rows(lines: list[Line], heading: int) -> Optional[list[list[Line]]]:
    """The heading row and the rows under it, as runs of lines; None when no table starts here."""
    first_row = heading + 1
    while first_row < len(lines) and first_row - heading <= _MAX_CELL_LINE_COLUMNS and lines[first_row].stripped != "1":
        if not _is_heading_cell(lines[first_row].stripped):
            return None
        first_row += 1
    columns = first_row - heading
    if first_row >= len(lines) or columns < _MIN_CELL_LINE_COLUMNS or columns > _MAX_CELL_LINE_COLUMNS:
        return None
    rows = [lines[heading:first_row]]
    start, number = first_row, 1
    while start + columns <= len(lines) and lines[start].stripped == str(number):
        row = lines[start : start + columns]
        if not all(_is_cell(line.stripped) for line in row[1:]):
            break
        rows.append(row)
        start, number = start + columns, number + 1
    return rows if len(rows) - 1 >= _MIN_CELL_LINE_ROWS else None  # rows under the heading


def _is_heading_cell(cell: str) -> bool:
    return _is_cell(cell) and not is_numeric_cell(cell)


def _is_cell(cell: str) -> bool:
    return 0 < len(cell) <= _MAX_CELL_CHARS and "\t" not in cell and not _FIELD_MARKS.search(cell)


_MIN_CELL_LINE_COLUMNS = 3
_MAX_CELL_LINE_COLUMNS = 12
_MIN_CELL_LINE_ROWS = 2


@lru_cache(maxsize=1)
def _row_number_headings() -> frozenset[str]:
    # the statistics stage reads the same headings as a column of row numbers
    return frozenset(load_json("statistics/tables.json")["sequence_headings"])


@lru_cache(maxsize=1)
def _row_number_heading_line() -> regex.Pattern[str]:
    return regex.compile(rf"(?m)^[ \t]*(?:{alternation(_row_number_headings())})[ \t]*$")


def _pipe_cells(line: Line) -> Optional[list[tuple[int, int]]]:
    """The separators of a pipe row, as (start, end) in the line; None when it is no row."""
    if "|" not in line.text or "\t" in line.text or SENTENCE_MARK.search(line.text):
        return None
    return [(m.start(), m.end()) for m in _PIPE.finditer(line.text)]


def _space_cells(line: Line) -> Optional[list[tuple[int, int]]]:
    if line.text.count(" ") + line.text.count("\u00a0") < _MIN_SPACE_CELLS - 1:
        return None  # most lines: too few spaces to part three cells
    stripped = line.text.strip()
    if not stripped or "\t" in line.text or "|" in line.text or _FIELD_MARKS.search(line.text):
        return None
    lead = len(line.text) - len(line.text.lstrip())
    trail = len(line.text.rstrip())
    separators = [(m.start(), m.end()) for m in _SPACES.finditer(line.text, lead, trail)]
    return separators if len(separators) >= _MIN_SPACE_CELLS - 1 else None


def _cells(line: Line, separators: list[tuple[int, int]]) -> list[str]:
    bounds = [0] + [edge for separator in separators for edge in separator] + [len(line.text)]
    cells = [line.text[bounds[i] : bounds[i + 1]].strip() for i in range(0, len(bounds), 2)]
    # a pipe row may have bars at both ends: their outer cells are empty
    if cells and not cells[0] and separators and separators[0][0] == 0:
        cells = cells[1:]
    if cells and not cells[-1] and separators and separators[-1][1] == len(line.text):
        cells = cells[:-1]
    return cells


def _block_edits(
    text: str,
    separators_of: Callable[[Line], Optional[list[tuple[int, int]]]],
    min_rows: int,
    heading_has_numbers: bool,
) -> list[Edit]:
    edits: list[Edit] = []
    block: list[tuple[Line, list[tuple[int, int]], list[str]]] = []

    def close() -> None:
        if _reads_as_table([cells for _, _, cells in block], min_rows, heading_has_numbers):
            for line, separators, _ in block:
                edits.extend(_separator_edits(line, separators))
        block.clear()

    for line in iter_lines(text):
        separators = separators_of(line)
        if separators is None:
            close()
            continue
        cells = _cells(line, separators)
        if block and len(cells) != len(block[0][2]):
            close()
        block.append((line, separators, cells))
    close()
    return edits


def _reads_as_table(rows: list[list[str]], min_rows: int, heading_has_numbers: bool) -> bool:
    if len(rows) < min_rows or len(rows[0]) < 2:
        return False
    if any(len(cell) > _MAX_CELL_CHARS for row in rows for cell in row):
        return False
    if not heading_has_numbers and not all(_HAN.search(cell) and not is_numeric_cell(cell) for cell in rows[0]):
        return False  # a space table's heading line names its columns in words, with no number
    return all(any(is_numeric_cell(cell) for cell in row) for row in rows[1:])


def _separator_edits(line: Line, separators: list[tuple[int, int]]) -> list[Edit]:
    edits = []
    for start, end in separators:
        outer = start == 0 or end == len(line.text)
        edits.append(Edit(line.start + start, line.start + end, "" if outer else "\t"))
    return edits
