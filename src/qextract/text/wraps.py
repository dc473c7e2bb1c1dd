"""Lines broken inside a sentence by a print or PDF layout.

Pages copied from a newspaper or a PDF keep the layout's line breaks: a
paragraph starts indented and runs on over unindented lines, broken wherever
the column ended (…启动\\n仪式在县城举行). Matchers read sentences, so such a
break is removed.
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from typing import Optional

import regex

from qextract.text.lines import SENTENCE_MARK, Line, iter_lines
from qextract.text.offsets import Edit

_INDENT = regex.compile(r"^[ \t\u3000]{2,}\S")
# A line that ends its sentence or clause block, so the next line is new.
# A closing quote or bracket closes only after a sentence end (。”); “非典” at the
# column's edge is a quoted word in a running sentence.
_CLOSED = regex.compile(r"(?:[。！？!?；;：:…][”’」』）)】\]]?|[）)】\]])\s*$")
# What opens a new line of its own: a list marker, a heading number, a bullet.
_OPENS_ITEM = regex.compile(r"^(?:\d{1,2}[.、．]|[一二三四五六七八九十]{1,3}[、是要]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[-•·*▪◆●■>])")
_CLAUSE_AT_END = regex.compile(r"\p{Han}[,，、]\s*$")
_CONTINUES = regex.compile(r"^[\p{Han}\d%％,，、“《]")
# 《 opened and not closed at a line's end; its 》 within the next line's start.
_OPEN_TITLE_AT_END = regex.compile(r"《[^《》\n]{0,40}$")
_TITLE_CLOSED_AT_START = regex.compile(r"^[^《》\n\s]{1,40}》")
_MIN_WRAPPED_LINE = 16
# Printed half as wide as a Han character (full-width punctuation was made half-width before this rule,
# but it printed full-width on the page, so only digits and letters count half).
_HALF_WIDTH = regex.compile(r"[0-9A-Za-z.%]")
# A print or PDF column; a web page's paragraph is one long line, and two of them are two paragraphs.
_MAX_COLUMN = 45
# The fixed-width rule: how far a full line may be from the column (a layout keeps punctuation off a line's
# start by one character more or less), how many full lines and what share of a block's long lines show it.
_COLUMN_SLACK = 1
_MIN_FULL_LINES = 3
_FULL_SHARE = 0.4
# …同比提高1\n.8个百分点: a decimal point the layout carried to the next line
_DECIMAL_TAIL = regex.compile(r"^\.\d")
_TABLE_ROW = regex.compile(r"[\t|｜]| {2,}|\u3000{2,}")
# A line cannot open with a mark that closes something: the layout carried it over (…作工作报告\n。省人大…).
_CLOSING_MARK_FIRST = regex.compile(r"^[。，、；：！？）》”’」』,;:!?)]")
# A line of full-width characters holds fewer of them than one with digits or Latin letters
# (a column of 24 may print 18 Han characters and a full stop): 70% of the longest counts as full.
_COLUMN_SHARE = 0.7


def join_hard_wraps(text: str) -> list[Edit]:
    """Remove the line break inside a paragraph that starts indented and runs on unindented,
    and any break inside a 《》 title.

    Only where the page indents its paragraphs: a break after an open line,
    before an unindented line that continues it (not a list item).
    """
    edits: list[Edit] = []
    edits.extend(_title_wraps(text))
    edits.extend(_column_wraps(text))
    edits.extend(_clause_wraps(text))
    in_indented_paragraph = False
    previous = None
    previous_continued = False  # ``previous`` was joined to the line before it
    closed_first_line = False  # ``previous`` is an indented first line that ends a sentence
    blank_before = False  # an empty line came between ``previous`` and this line
    width: float = 0  # the longest line of the paragraph so far: the layout's column
    for line in iter_lines(text):
        if not line.text.strip():
            blank_before = True
            continue
        if blank_before:
            in_indented_paragraph, previous = False, None
        blank_before = False
        if _INDENT.match(line.text):
            # only a paragraph whose indented first line itself runs on to the column's edge
            first = line.text.strip()
            closed_first_line = _MIN_WRAPPED_LINE <= len(first) <= _MAX_COLUMN and bool(_CLOSED.search(first))
            in_indented_paragraph = len(first) >= _MIN_WRAPPED_LINE and not _CLOSED.search(first)
            previous, previous_continued, width = line, False, _printed_width(first)
            continue
        stripped = line.text.strip()
        continued = (
            previous is not None
            and (
                (
                    in_indented_paragraph
                    and (
                        _fills_the_column(previous.text.strip(), width)
                        or (previous_continued and _fills_the_column(stripped, width))
                        # no sentence ends on a bare digit: …货值1\n280万元 is one number the layout broke
                        or (previous.text.rstrip()[-1:].isdigit() and stripped[:1].isdigit())
                    )
                    and not _CLOSED.search(previous.text)
                )
                # An indented line that ends its sentence at the column's edge (…取得的成绩。) is
                # followed by the paragraph's next sentence when the next line fills the column too.
                or (closed_first_line and width <= _printed_width(stripped) <= _MAX_COLUMN + 2)
            )
            and _CONTINUES.match(line.text) is not None
            and not _OPENS_ITEM.match(line.text)
            and line.start == previous.end + 1
        )
        if continued and previous is not None:
            # A short line inside the column (…副局长段\n文斌等…) is cut short by the layout, not ended:
            # the paragraph ran on into it and runs on, full width, after it.
            edits.append(_break_after(previous, line))
            in_indented_paragraph = True
        previous, previous_continued, closed_first_line = line, continued, False
        width = max(width, _printed_width(stripped))
    # Several rules may join one break; the clause rule also takes the next line's indent, so of
    # the edits that open at one break the widest is kept.
    widest: dict[int, Edit] = {}
    for edit in edits:
        if edit.start not in widest or edit.end > widest[edit.start].end:
            widest[edit.start] = edit
    return [widest[start] for start in sorted(widest)]


def _column_wraps(text: str) -> list[Edit]:
    """Breaks of a fixed-width layout that does not indent its paragraphs (a PDF's text layer, a
    fixed-width viewer): most long lines of the page's prose hold the column's count of characters,
    and a line that does, without ending its sentence, runs on into the next (…会议由庞\n立新主持。).

    The column is read from the line lengths of the page's prose blocks (adjacent lines, one of them
    ending a sentence, none longer than a column), counted in characters or in printed width: at
    least ``_MIN_FULL_LINES`` lines within ``_COLUMN_SLACK`` of one width, and at least ``_FULL_SHARE``
    of the long lines. A web page's lines are paragraphs of any length.
    """
    blocks = [block for block in _blocks(text) if _is_prose_block(block)]
    edits = []
    for measure in (len, _printed_width):
        column = _column_of([measure(line.text.strip()) for block in blocks for line in block])
        if column is None:
            continue
        for block in blocks:
            for line, following in zip(block, block[1:]):
                stripped = line.text.strip()
                if (
                    abs(measure(stripped) - column) <= _COLUMN_SLACK
                    and not _CLOSED.search(stripped)
                    and (
                        _CONTINUES.match(following.text)
                        or _CLOSING_MARK_FIRST.match(following.text)
                        or (stripped[-1:].isdigit() and _DECIMAL_TAIL.match(following.text))
                    )
                    and not _OPENS_ITEM.match(following.text)
                ):
                    edits.append(_break_after(line, following))
    return edits


def _blocks(text: str) -> list[list[Line]]:
    """Runs of adjacent lines: a blank line or a table row (cells apart by tabs, pipes or wide blanks) ends one."""
    blocks: list[list[Line]] = [[]]
    for line in iter_lines(text):
        if line.text.strip() and not _TABLE_ROW.search(line.text.strip()):
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if len(block) >= 2]


def _is_prose_block(block: list[Line]) -> bool:
    """Lines of a column that hold a sentence's end: titles cut to one length (a list of links) are no prose."""
    return any(SENTENCE_MARK.search(line.text) for line in block) and all(
        _printed_width(line.text.strip()) <= _MAX_COLUMN + _COLUMN_SLACK for line in block
    )


def _column_of(widths: list[float]) -> Optional[float]:
    """The width most long lines share within the slack (the widest such width on a tie), if enough do."""
    long_lines = [width for width in widths if width >= _MIN_WRAPPED_LINE]
    if not long_lines:
        return None
    counts = Counter(long_lines)
    column, count = max(
        ((width, sum(n for other, n in counts.items() if abs(other - width) <= _COLUMN_SLACK)) for width in counts),
        key=lambda pair: (pair[1], pair[0]),
    )
    if count < _MIN_FULL_LINES or count < _FULL_SHARE * len(long_lines):
        return None
    return column


def _clause_wraps(text: str) -> list[Edit]:
    """A break after a comma or an enumeration comma (…副局长孙立平、周新民,\n纪检组长吴宏伟…), on any layout.

    A clause mark never ends a paragraph, so a long line of prose that ends
    with one runs on into the next line, when that line continues it. The next
    line's indent goes with the break: a table layout's cell padding, not a
    paragraph's start.
    """
    return [
        Edit(line.start + len(line.text.rstrip()), following.start + len(following.text) - len(following.text.lstrip()))
        for line, following in pairwise(iter_lines(text))
        if _CLAUSE_AT_END.search(line.text)
        and len(line.text.strip()) >= _MIN_WRAPPED_LINE
        and not _TABLE_ROW.search(line.text.strip())
        and _CONTINUES.match(following.text.lstrip())
        and not _OPENS_ITEM.match(following.text.lstrip())
        and not _TABLE_ROW.search(following.text.strip())
    ]


def _title_wraps(text: str) -> list[Edit]:
    """A break inside 《…》 (…《普\n洱茶地理标志产品保护管理办法》…): a title never spans two lines."""
    return [
        _break_after(line, following)
        for line, following in pairwise(iter_lines(text))
        if _OPEN_TITLE_AT_END.search(line.text) and _TITLE_CLOSED_AT_START.match(following.text)
    ]


def _break_after(line: Line, following: Line) -> Edit:
    """Removes what lies between ``line``'s last character and ``following``: trailing blanks and the break."""
    return Edit(line.start + len(line.text.rstrip()), following.start)


def _fills_the_column(line: str, width: float) -> bool:
    """A wrapped line runs to the column's edge; a short one (责任编辑:王某) ended on purpose."""
    return len(line) >= _MIN_WRAPPED_LINE and _printed_width(line) >= _COLUMN_SHARE * width


def _printed_width(line: str) -> float:
    """A line's width in full-width characters: a digit or a Latin letter prints half as wide as a Han character."""
    return len(line) - 0.5 * len(_HALF_WIDTH.findall(line))
