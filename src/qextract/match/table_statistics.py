"""Statistics read from the cells of a table.

Nothing is written next to a number in a table cell: its row says what is
measured and its column says which measure, often with the unit
(``抽查企业数(家)``). So a numeric cell gives one statistic whose subject is
the row's label followed by the column's heading (``电线电缆`` +
``抽查批次``), and whose unit is, in order:

1. the unit written in the cell (``0.386g/kg``, ``52.36万户``);
2. the unit in brackets at the end of the column's heading (``投诉量(件)``,
   ``同比增长(%)``, ``金额(万元)``: 万 folds into the value as in prose);
3. the row's cell in a ``单位`` column (``元/公斤``, ``台(套)``);
4. a unit in brackets at the end of the row's label, when the table lists
   measures down its first column (``专利授权量(件)``);
5. a measure word that ends the heading as a word of its own (``抽查批次``);
6. the unit a caption gives the whole table (``(单位:批次)``).

A rank column (``排名``) holds ranks, with no unit. Sequence numbers
(``序号``), codes (``电话``, ``批号``), dates and any cell that does not read
as a number with a unit are no statistics. A signed cell keeps its sign
(``-3.5``: the column is a change); a change word (``增长11.8%``) joins the
subject and leaves the value as written, as it does in prose. Comparison signs
qualify the value (``≤0.05g/kg`` is at most).

The words that give columns their roles live in
``qextract/data/statistics/tables.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Optional

import regex

from qextract.data import alternation, load_json
from qextract.match.context import MatchContext
from qextract.match.numbers import MULTIPLIERS, TokenIndex, parse_number
from qextract.records import Statistic
from qextract.segment.sentences import sentence_start
from qextract.segment.tables import Cell, Table

_LATIN_UNIT = r"[A-Za-zμ]{1,4}(?:/\d{0,4}[A-Za-z]{1,4})?"
_HEADING_UNIT = regex.compile(r"[(（](?P<unit>[^()（）]{1,8})[)）]$")
_CAPTION_UNIT_REACH = 8
# 5.2万 in a cell, 万元 in a heading or a 单位 column: one set of multipliers for both
_CELL_MULTIPLIER = r"(?P<multiplier>万亿|亿|万|千)?"
_HEADING_MEASURE_KINDS = frozenset({"count", "money", "physical"})


@dataclass(frozen=True)
class CellGrammar:
    """What a cell may hold besides its number, compiled once from the statistics lexicon."""

    cell: Any
    unit: Any
    caption_unit: Any
    measure_kind: dict[str, str]
    unit_as_reported: dict[str, str]
    sequence_headings: frozenset[str]
    rank_headings: frozenset[str]
    unit_headings: frozenset[str]
    total_labels: frozenset[str]
    identifier_words: Any
    comparison_signs: dict[str, str]
    prefix: dict[str, str]
    infix: dict[str, str]
    suffix: dict[str, str]


def compile_cell_grammar(
    measure_kind: dict[str, str],
    unit_as_reported: dict[str, str],
    prefix: dict[str, str],
    infix: dict[str, str],
    suffix: dict[str, str],
) -> CellGrammar:
    data = load_json("statistics/tables.json")
    measures = [word for word, kind in measure_kind.items() if kind != "skip"]
    measure = f"(?:{alternation(measures)})"
    # 元/公斤, 台(套), g/kg, %: a measure word, perhaps per another, or a Latin unit
    unit = rf"(?:{measure}(?:/(?:{measure}|[A-Za-z]{{1,4}})|[(（]{measure}[)）])?|{_LATIN_UNIT})"
    cell = regex.compile(
        rf"(?P<sign_word>{alternation(data['comparison_signs'])})?"
        rf"(?P<prefix>{alternation(prefix)})?"
        rf"(?P<change>{alternation(data['change_words'])})?"
        r"(?P<sign>[+\-−])?"
        r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d{1,6})?|\d{1,12}(?:\.\d{1,6})?)"
        rf"(?P<infix>{alternation(infix)})?"
        rf"{_CELL_MULTIPLIER}"
        rf"(?P<unit>{unit})?"
        rf"(?P<suffix>{alternation(suffix)})?"
    )
    unit_labels = alternation(data["unit_headings"])
    return CellGrammar(
        cell=cell,
        unit=regex.compile(rf"{_CELL_MULTIPLIER}(?P<unit>{unit})"),
        caption_unit=regex.compile(rf"(?:{unit_labels})\s*[:：]\s*(?P<written>[^\s)）,，;；]{{1,{_CAPTION_UNIT_REACH}}})"),
        measure_kind=measure_kind,
        unit_as_reported=unit_as_reported,
        sequence_headings=frozenset(data["sequence_headings"]),
        rank_headings=frozenset(data["rank_headings"]),
        unit_headings=frozenset(data["unit_headings"]),
        total_labels=frozenset(data["total_labels"]),
        identifier_words=regex.compile(alternation(data["identifier_words"])),
        comparison_signs=dict(data["comparison_signs"]),
        prefix=prefix,
        infix=infix,
        suffix=suffix,
    )


@dataclass(frozen=True)
class TableStatistic:
    """A statistic read from a cell, with the row it sits in (for telling restated totals)."""

    record: Statistic
    row_label: str
    in_total_row: bool


@dataclass(frozen=True)
class _Unit:
    unit: Optional[str]
    factor: float = 1.0


_NO_UNIT = _Unit(None)


def read_table_statistics(
    ctx: MatchContext, tables: list[Table], grammar: CellGrammar, tokens: Optional[TokenIndex]
) -> list[TableStatistic]:
    """One statistic per numeric cell of every table, in text order; ``tokens`` are the page's words, when tokenised."""
    found: list[TableStatistic] = []
    for table in tables:
        found.extend(_read_table(ctx, table, grammar, tokens))
    return found


def _heading_text(cell: Optional[Cell]) -> str:
    return cell.text if cell is not None else ""


def _without_unit(text: str) -> str:
    return _HEADING_UNIT.sub("", text).strip()


def _read_table(ctx: MatchContext, table: Table, grammar: CellGrammar, tokens: Optional[TokenIndex]) -> list[TableStatistic]:
    headings = [_without_unit(_heading_text(cell)) for cell in table.headings]
    roles = _column_roles(table, headings, grammar)
    label_column = next((index for index, role in enumerate(roles) if role == "label"), None)
    unit_column = next((index for index, role in enumerate(roles) if role == "unit"), None)
    caption_unit = _caption_unit(table, grammar)
    found = []
    for row in table.rows:
        label_cell = row[label_column] if label_column is not None else None
        label = label_cell.text if label_cell is not None else ""
        if label and grammar.identifier_words.search(label):
            continue
        row_label = _without_unit(label)
        in_total_row = row_label in grammar.total_labels
        unit_cell = row[unit_column] if unit_column is not None else None
        row_unit = _written_unit(unit_cell.text, grammar) if unit_cell is not None else None
        label_unit = _bracket_unit(label, grammar)
        for index, cell in enumerate(row):
            if cell is None or roles[index] not in ("value", "rank"):
                continue
            if ctx.is_masked(cell.start, cell.end):
                continue
            units = (
                _bracket_unit(_heading_text(table.headings[index]), grammar),
                row_unit,
                label_unit,
                _heading_measure(table.headings[index], grammar, tokens),
                caption_unit,
            )
            read = _read_cell(ctx, cell, roles[index] == "rank", units, grammar)
            if read is None:
                continue
            statistic, change = read
            subject = row_label + headings[index]
            if change and not subject.endswith(change):
                subject += change
            statistic.subject = subject or None
            found.append(TableStatistic(statistic, row_label, in_total_row))
    return found


def _column_roles(table: Table, headings: list[str], grammar: CellGrammar) -> list[str]:
    """sequence, rank, unit, label, value or skip, per column; the first text column is the label."""
    roles = []
    for index, heading in enumerate(headings):
        cells = [cell.text for cell in (row[index] for row in table.rows) if cell is not None]
        numeric = sum(grammar.cell.fullmatch(text) is not None for text in cells)
        if heading in grammar.sequence_headings:
            roles.append("sequence")
        elif heading in grammar.rank_headings:
            roles.append("rank")  # 排名 over 1, 2, 3: ranks count the rows too
        elif index == 0 and _numbers_the_rows(cells):
            roles.append("sequence")
        elif heading in grammar.unit_headings:
            roles.append("unit")
        elif heading and grammar.identifier_words.search(heading):
            roles.append("skip")
        elif cells and numeric * 2 > len(cells):
            roles.append("value")
        else:
            roles.append("text")
    label = next((index for index, role in enumerate(roles) if role == "text"), None)
    if label is not None:
        roles[label] = "label"
    return roles


def _numbers_the_rows(cells: list[str]) -> bool:
    """场次|… over 1, 2, 3, 4: a first column counting the rows from one is a list marker, whatever its heading."""
    return len(cells) >= 2 and all(text.strip() == str(number) for number, text in enumerate(cells, start=1))


def _read_cell(
    ctx: MatchContext, cell: Cell, is_rank: bool, units: tuple[Optional[_Unit], ...], grammar: CellGrammar
) -> Optional[tuple[Statistic, str]]:
    """The cell's statistic, and the change word it opens with (增长11.8%), or None."""
    match = grammar.cell.fullmatch(cell.text)
    if match is None:
        return None
    value = parse_number(match.group("number").replace(",", ""))
    if value is None:
        return None
    if match.group("sign") in ("-", "−"):
        value = -value
    written_factor = MULTIPLIERS.get(match.group("multiplier") or "")
    if is_rank:
        unit = _NO_UNIT
    elif match.group("unit"):
        unit = _Unit(_reported(match.group("unit"), grammar), written_factor or 1.0)
    else:
        # 5.2万 under 投诉量(件): the cell's own 万, the column's unit
        unit = next((candidate for candidate in units if candidate is not None), _NO_UNIT)
        if written_factor:
            unit = _Unit(unit.unit, written_factor)
    value *= unit.factor
    span = ctx.span(cell.start, cell.end)
    statistic = Statistic(
        text=span.text,
        value=int(value) if float(value).is_integer() else value,
        unit=unit.unit,
        qualifier=_qualifier(match, grammar),
        span=span,
    )
    return statistic, match.group("change") or ""


def _qualifier(match: Any, grammar: CellGrammar) -> str:
    for group, words in (
        ("sign_word", grammar.comparison_signs),
        ("prefix", grammar.prefix),
        ("suffix", grammar.suffix),
        ("infix", grammar.infix),
    ):
        word = match.group(group)
        if word:
            return words[word]
    return "exact"


def _reported(unit: Optional[str], grammar: CellGrammar) -> Optional[str]:
    if not unit:
        return None
    return grammar.unit_as_reported.get(unit, unit)


def _written_unit(text: str, grammar: CellGrammar) -> Optional[_Unit]:
    """``万元`` -> 元 times 10 000; None when the text is no unit."""
    match = grammar.unit.fullmatch(text.strip())
    if match is None:
        return None
    return _Unit(_reported(match.group("unit"), grammar), MULTIPLIERS.get(match.group("multiplier") or "", 1.0))


def _bracket_unit(text: str, grammar: CellGrammar) -> Optional[_Unit]:
    match = _HEADING_UNIT.search(text)
    return _written_unit(match.group("unit"), grammar) if match else None


def _heading_measure(heading: Optional[Cell], grammar: CellGrammar, tokens: Optional[TokenIndex]) -> Optional[_Unit]:
    """抽查批次 -> 批次: a measure word that ends the heading as a word of its own (not 位 of 单位)."""
    if heading is None:
        return None
    text = _without_unit(heading.text)
    for length in range(min(3, len(text) - 1), 0, -1):
        word = text[-length:]
        if grammar.measure_kind.get(word) not in _HEADING_MEASURE_KINDS:
            continue
        if length > 1 or _ends_a_token(tokens, heading.start + len(text)):
            return _Unit(word)
        return None
    return None


def _ends_a_token(tokens: Optional[TokenIndex], end: int) -> bool:
    """A one-character measure word is a unit only when the tokeniser cut it off (抽查/次, not 单位)."""
    token = tokens.at(end - 1) if tokens is not None else None
    return token is not None and token.end == end and token.end - token.start == 1


def _caption_unit(table: Table, grammar: CellGrammar) -> Optional[_Unit]:
    if table.caption is None:
        return None
    match = grammar.caption_unit.search(table.caption.text)
    return _written_unit(match.group("written"), grammar) if match else None


def restated(statistic: TableStatistic, prose: Mapping[tuple[Any, Optional[str]], list[Statistic]], text: str) -> bool:
    """A cell the prose states too: a total row's figure, or the figure a prose sentence gives for the row.

    ``prose`` holds the prose records by (value, unit). The prose names the
    row's label in its subject or earlier in the same sentence
    (猪肉节前均价14.80元/公斤, 节后回落至13.60元/公斤).
    """
    record = statistic.record
    same = prose.get((record.value, record.unit), ())
    if same and statistic.in_total_row:
        return True
    label = statistic.row_label
    return bool(label) and any(label in (other.subject or "") or _named_before(text, label, other) for other in same)


def _named_before(text: str, label: str, record: Statistic) -> bool:
    if record.span is None:
        return False
    end = record.span.start
    return label in text[sentence_start(text, end) : end]
