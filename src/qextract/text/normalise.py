"""The normalisation chain: raw page in, clean simplified text and offsets out.

Each repair is a small pure function in its own module. This module only
orders them, applies their edits through the :class:`OffsetMap` and turns
what each one did into :class:`ExtractionWarning` s.

Order matters:

1. a crawler's JSON record or a feed item unwrapped first, since its escapes hide
   the lines and tags the other repairs look for; then line endings, HTML markup, Markdown syntax and control characters, so every
   later rule sees plain lines;
2. pinyin annotations and spurious commas, which sit inside mojibake runs;
3. mojibake, while the garbled characters are still as the page had them
   (script conversion would change the bytes they stand for);
4. traditional -> simplified and full-width -> half-width, both one character
   for one, so that the remaining rules are written for one script only;
5. the lines of a page glued into one put back; spaced dates, which the related-list rule reads, then junk lines (spam,
   breadcrumbs, furniture, image names, forum threads, related lists) and the repeated body,
   which compares the cleaned lines;
6. blank lines last.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Callable

import regex

from qextract import errors
from qextract.records import ExtractionWarning
from qextract.text import containers, control, duplicates, forum, furniture, glued_lines, markdown, markup, pages, pinyin, punctuation, script, tables, widths, wraps
from qextract.text.mojibake import find_mojibake
from qextract.text.offsets import Edit, OffsetMap

EditRepair = Callable[[str], list[Edit]]


@dataclass(frozen=True)
class Repair:
    """One repair: what it is called in warnings and how it finds its edits.

    ``summarise`` repairs make many small edits (every pinyin syllable), so
    they report one warning covering all of them instead of one each.
    """

    code: str
    find: EditRepair
    summarise: bool = False


@dataclass
class NormalisedText:
    """Clean text, its map back to the raw input, and what was done to it."""

    raw: str
    text: str
    offsets: OffsetMap
    warnings: list[ExtractionWarning] = field(default_factory=list)
    masked: list[tuple[int, int]] = field(default_factory=list)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.raw_span(start, end)


BEFORE_MOJIBAKE: tuple[Repair, ...] = (
    Repair(errors.W_CONTAINER, containers.unwrap_json_record, summarise=True),
    Repair(errors.W_CONTAINER, containers.unwrap_feed_item, summarise=True),
    Repair(errors.W_CONTROL_CHARS, control.normalise_line_endings, summarise=True),
    Repair(errors.W_MARKUP, markup.remove_markup, summarise=True),
    Repair(errors.W_SCRIPT_CODE, markup.remove_script_lines, summarise=True),
    Repair(errors.W_MARKDOWN, markdown.remove_markdown, summarise=True),
    Repair(errors.W_CONTROL_CHARS, control.remove_control_chars, summarise=True),
    Repair(errors.W_PINYIN, pinyin.remove_pinyin_annotations, summarise=True),
    Repair(errors.W_SPURIOUS_COMMA, punctuation.remove_spurious_commas, summarise=True),
)

AFTER_SCRIPT: tuple[Repair, ...] = (
    # first: every later rule reads lines, and a glued page has one
    Repair(errors.W_LOST_BREAKS, glued_lines.restore_lost_line_breaks, summarise=True),
    # before the table rules: a page break inside a table printed one cell a line parts its rows
    Repair(errors.W_PAGE_BREAK, pages.remove_page_breaks),
    # before spaced dates, which would join 12.9 -3.5, and spam lines, which read pipes as a link farm
    Repair(errors.W_TABLE_CELLS, tables.separate_table_cells, summarise=True),
    Repair(errors.W_TABLE_CELL_LINES, tables.join_cell_lines, summarise=True),
    # dates joined first: the related-list rule reads the dates of its lines
    Repair(errors.W_SPACED_DATE, widths.join_spaced_dates, summarise=True),
    Repair(errors.W_SPAM_LINE, furniture.remove_spam_lines),
    Repair(errors.W_FURNITURE, furniture.remove_breadcrumbs),
    Repair(errors.W_FURNITURE, furniture.remove_menus),
    Repair(errors.W_FURNITURE, furniture.remove_rule_lines),
    Repair(errors.W_FURNITURE, furniture.remove_pictographs, summarise=True),
    Repair(errors.W_FURNITURE, furniture.remove_neighbour_links),
    Repair(errors.W_FURNITURE, furniture.remove_furniture_fragments),
    Repair(errors.W_IMAGE_NAME, furniture.remove_image_names),
    Repair(errors.W_FURNITURE, furniture.remove_comment_threads),
    Repair(errors.W_FORUM_THREAD, forum.remove_forum_chrome),
    Repair(errors.W_RELATED_LIST, furniture.remove_related_list),
    # after the furniture: an e-paper's page line (第2版:要闻) stands between the two parts of a column
    Repair(errors.W_COLUMN_JUMP, pages.join_column_jumps),
    Repair(errors.W_HARD_WRAP, wraps.join_hard_wraps, summarise=True),
    Repair(errors.W_DUPLICATE_BODY, duplicates.remove_duplicate_body),
)

_LINE_PADDING = regex.compile(r"(?m)^[ \t]+|[ \t]+$")
_EXTRA_BLANK_LINES = regex.compile(r"\n{3,}")
_OUTER_BLANKS = regex.compile(r"^\s+|\s+$")


def tidy_blanks(text: str) -> list[Edit]:
    """Indentation, trailing blanks, runs of empty lines, and blank ends."""
    edits = [Edit(m.start(), m.end()) for m in _LINE_PADDING.finditer(text)]
    edits += [Edit(m.start() + 2, m.end()) for m in _EXTRA_BLANK_LINES.finditer(text)]
    edits += [Edit(m.start(), m.end()) for m in _OUTER_BLANKS.finditer(text)]
    return _disjoint(edits)


def _disjoint(edits: list[Edit]) -> list[Edit]:
    kept: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, -e.end)):
        if kept and edit.start < kept[-1].end:
            if edit.end > kept[-1].end:
                kept[-1] = Edit(kept[-1].start, edit.end)
            continue
        kept.append(edit)
    return kept


# array("I") holds 4-byte unsigned integers on every common platform.
_FOUR_BYTE_LANES = array("I").itemsize == 4


def _differences(text: str, converted: str) -> tuple[int, int, int]:
    """How many characters differ between two texts of one length, the first and the last.

    XOR of the UTF-32 encodings leaves a zero lane where the characters agree,
    so counting and finding happen in C instead of a Python loop over the page.
    """
    if not _FOUR_BYTE_LANES:
        changed = [i for i, (a, b) in enumerate(zip(text, converted)) if a != b]
        return len(changed), changed[0], changed[-1]
    size = 4 * len(text)
    xor = int.from_bytes(text.encode("utf-32-le"), "little") ^ int.from_bytes(converted.encode("utf-32-le"), "little")
    raw = xor.to_bytes(size, "little")
    lanes = array("I", raw)
    first = (size - len(raw.lstrip(b"\0"))) // 4
    last = (len(raw.rstrip(b"\0")) - 1) // 4
    return len(lanes) - lanes.count(0), first, last


class _Chain:
    """Applies repairs one after another, keeping the offsets and the log."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.text = raw
        self.offsets = OffsetMap.identity(len(raw))
        self.warnings: list[ExtractionWarning] = []
        self.raw_masks: list[tuple[int, int]] = []

    def run(self, repair: Repair) -> None:
        edits = repair.find(self.text)
        if not edits:
            return
        self._log(repair.code, edits, repair.summarise)
        self.text, self.offsets = self.offsets.apply(self.text, edits)

    def transliterate(self, code: str, convert: Callable[[str], str]) -> None:
        """A one-for-one character mapping: the offsets do not move."""
        converted = convert(self.text)
        if converted == self.text:
            return
        if len(converted) != len(self.text):
            raise AssertionError(f"{code} changed the text length")
        changed, first, last = _differences(self.text, converted)
        start, end = self.offsets.raw_span(first, last + 1)
        self.warnings.append(
            ExtractionWarning(code, f"{errors.WARNING_CODES[code]} ({changed} characters)", start, end)
        )
        self.text = converted

    def repair_mojibake(self) -> None:
        edits: list[Edit] = []
        for run in find_mojibake(self.text):
            raw_start, raw_end = self.offsets.raw_span(run.start, run.end)
            garbled = self.text[run.start : run.end]
            if run.replacement is None:
                self.raw_masks.append((raw_start, raw_end))
                self.warnings.append(
                    ExtractionWarning(
                        errors.W_MOJIBAKE_LEFT, f"{errors.WARNING_CODES[errors.W_MOJIBAKE_LEFT]}: {garbled!r}", raw_start, raw_end
                    )
                )
            else:
                edits.append(Edit(run.start, run.end, run.replacement))
                self.warnings.append(
                    ExtractionWarning(
                        errors.W_MOJIBAKE_REPAIRED, f"{garbled!r} read as {run.replacement!r}", raw_start, raw_end
                    )
                )
        if edits:
            self.text, self.offsets = self.offsets.apply(self.text, edits)

    def _log(self, code: str, edits: list[Edit], summarise: bool) -> None:
        explanation = errors.WARNING_CODES[code]
        if summarise:
            start, _ = self.offsets.raw_span(edits[0].start, edits[0].end)
            _, end = self.offsets.raw_span(edits[-1].start, edits[-1].end)
            self.warnings.append(ExtractionWarning(code, f"{explanation} ({len(edits)} places)", start, end))
            return
        for edit in edits:
            start, end = self.offsets.raw_span(edit.start, edit.end)
            removed = self.text[edit.start : edit.end].strip()
            preview = removed if len(removed) <= 40 else removed[:37] + "..."
            self.warnings.append(ExtractionWarning(code, f"{explanation}: {preview!r}", start, end))


def normalise(raw: str) -> NormalisedText:
    """Clean simplified text from a scraped page, with offsets back into ``raw``."""
    chain = _Chain(raw)
    for repair in BEFORE_MOJIBAKE:
        chain.run(repair)
    chain.repair_mojibake()
    chain.transliterate(errors.W_TRADITIONAL, script.to_simplified)
    chain.transliterate(errors.W_WIDTH, widths.to_halfwidth)
    for repair in AFTER_SCRIPT:
        chain.run(repair)
    chain.text, chain.offsets = chain.offsets.apply(chain.text, tidy_blanks(chain.text))
    masked = []
    for raw_start, raw_end in chain.raw_masks:
        masked.extend(chain.offsets.clean_ranges(raw_start, raw_end))
    return NormalisedText(raw, chain.text, chain.offsets, chain.warnings, sorted(masked))
