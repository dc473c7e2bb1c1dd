"""Tables in the clean text: blocks of lines whose cells tabs keep apart.

Normalisation gives every flattened table one form (``qextract.text.tables``):
one row per line, cells separated by a tab. This module finds those blocks
and lines their cells up under the columns, with offsets into the clean text,
so that a matcher can read a cell together with its row and its column.

Cells go missing at the ends of a row: the clean text has no leading or
trailing blanks, so an empty first cell (``\\t合计\\t412``, a merged or blank
序号) is gone. A short row is placed where its numbers fall under the columns
whose other cells are numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from qextract.text.tables import is_numeric_cell

_MIN_ROWS = 2


@dataclass(frozen=True)
class Cell:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Table:
    """A table: its heading cells (None without a heading line), its rows and the line above it.

    Every row has one entry per column, None where the row has no cell.
    ``caption`` is the line right above the table, which often names it and
    its unit (``表1 抽检情况(单位:批次)``).
    """

    start: int
    end: int
    headings: tuple[Optional[Cell], ...]
    rows: tuple[tuple[Optional[Cell], ...], ...]
    caption: Optional[Cell] = None

    @property
    def width(self) -> int:
        return len(self.headings)


def find_tables(text: str) -> list[Table]:
    """Every block of two or more consecutive tab-separated lines, read as a table."""
    if "\t" not in text:
        return []
    tables: list[Table] = []
    block: list[list[Cell]] = []
    previous_line: Optional[Cell] = None
    caption: Optional[Cell] = None
    position = 0
    for line_text in text.split("\n"):
        line = Cell(line_text, position, position + len(line_text))
        position = line.end + 1
        if "\t" in line_text:
            if not block:
                caption = previous_line
            block.append(_split_cells(line))
        else:
            if len(block) >= _MIN_ROWS:
                tables.append(_read_table(block, caption))
            block = []
        previous_line = line if line_text.strip() else previous_line
    if len(block) >= _MIN_ROWS:
        tables.append(_read_table(block, caption))
    return tables


def _split_cells(line: Cell) -> list[Cell]:
    cells = []
    start = line.start
    for piece in line.text.split("\t"):
        stripped = piece.strip()
        lead = len(piece) - len(piece.lstrip())
        cells.append(Cell(stripped, start + lead, start + lead + len(stripped)))
        start += len(piece) + 1
    while cells and not cells[-1].text:
        cells.pop()
    return cells


def _read_table(lines: list[list[Cell]], caption: Optional[Cell]) -> Table:
    has_heading = not any(is_numeric_cell(cell.text) for cell in lines[0])
    width = max(len(cells) for cells in lines)
    if has_heading:
        width = max(width, len(lines[0]))
    body = lines[1:] if has_heading else lines
    numeric_columns = _numeric_columns(body, width)
    rows = tuple(_aligned(cells, width, numeric_columns) for cells in body)
    headings: tuple[Optional[Cell], ...] = (
        _aligned(lines[0], width, numeric_columns, left=True) if has_heading else (None,) * width
    )
    return Table(lines[0][0].start, lines[-1][-1].end, headings, rows, caption)


def _numeric_columns(body: list[list[Cell]], width: int) -> tuple[bool, ...]:
    """Which columns hold numbers in most of the rows that fill every column."""
    full = [cells for cells in body if len(cells) == width] or body
    columns = []
    for index in range(width):
        values = [cells[index].text for cells in full if index < len(cells) and cells[index].text]
        numbers = sum(is_numeric_cell(value) for value in values)
        columns.append(bool(values) and numbers * 2 > len(values))
    return tuple(columns)


def _aligned(
    cells: list[Cell], width: int, numeric_columns: tuple[bool, ...], left: bool = False
) -> tuple[Optional[Cell], ...]:
    """``cells`` placed under the columns, None-padded; a short row where its numbers fit best."""
    cells = cells[:width]
    shift = 0
    if not left and len(cells) < width:
        best = -1
        for candidate in range(width - len(cells) + 1):
            fit = sum(
                is_numeric_cell(cell.text) == numeric_columns[candidate + index]
                for index, cell in enumerate(cells)
                if cell.text
            )
            if fit > best:
                best, shift = fit, candidate
    placed: list[Optional[Cell]] = [None] * width
    for index, cell in enumerate(cells):
        placed[shift + index] = cell if cell.text else None
    return tuple(placed)
