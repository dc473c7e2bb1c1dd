"""Lines broken inside a sentence by a print or PDF layout.

Pages copied from a newspaper or a PDF keep the layout's line breaks: a
paragraph starts indented and runs on over unindented lines, broken wherever
the column ended (…启动\\n仪式在县城举行). Matchers read sentences, so such a
break is removed.
"""

from __future__ import annotations

import regex

from qextract.text.lines import Line, iter_lines
from qextract.text.offsets import Edit

_INDENT = regex.compile(r"^[ \t\u3000]{2,}\S")
# A line that ends its sentence or clause block, so the next line is new.
# A closing quote or bracket closes only after a sentence end (。”); “非典” at the
# column's edge is a quoted word in a running sentence.
_CLOSED = regex.compile(r"(?:[。！？!?；;：:…][”’」』）)】\]]?|[）)】\]])\s*$")
# What opens a new line of its own: a list marker, a heading number, a bullet.
_OPENS_ITEM = regex.compile(r"^(?:\d{1,2}[.、．]|[一二三四五六七八九十]{1,3}[、是要]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[-•·*▪◆●■>])")
_CONTINUES = regex.compile(r"^[\p{Han}\d%％,，、“]")
# 《 opened and not closed at a line's end; its 》 within the next line's start.
_OPEN_TITLE_AT_END = regex.compile(r"《[^《》\n]{0,40}$")
_TITLE_CLOSED_AT_START = regex.compile(r"^[^《》\n\s]{1,40}》")
_MIN_WRAPPED_LINE = 16
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
    in_indented_paragraph = False
    previous = None
    previous_continued = False  # ``previous`` was joined to the line before it
    width = 0  # the longest line of the paragraph so far: the layout's column
    for line in iter_lines(text):
        if not line.text.strip():
            in_indented_paragraph, previous = False, None
            continue
        if _INDENT.match(line.text):
            # only a paragraph whose indented first line itself runs on to the column's edge
            first = line.text.strip()
            in_indented_paragraph = len(first) >= _MIN_WRAPPED_LINE and not _CLOSED.search(first)
            previous, previous_continued, width = line, False, len(first)
            continue
        continued = (
            in_indented_paragraph
            and previous is not None
            and (
                _fills_the_column(previous.text.strip(), width)
                or (previous_continued and _fills_the_column(line.text.strip(), width))
            )
            and not _CLOSED.search(previous.text)
            and _CONTINUES.match(line.text) is not None
            and not _OPENS_ITEM.match(line.text)
            and line.start == previous.end + 1
        )
        if continued and previous is not None:
            # A short line inside the column (…副局长段\n文斌等…) is cut short by the layout, not ended:
            # the paragraph ran on into it and runs on, full width, after it.
            edits.append(_break_after(previous, line))
        previous, previous_continued = line, continued
        width = max(width, len(line.text.strip()))
    unique = {(edit.start, edit.end): edit for edit in edits}  # both rules may join one break
    return [unique[key] for key in sorted(unique)]


def _title_wraps(text: str) -> list[Edit]:
    """A break inside 《…》 (…《普\n洱茶地理标志产品保护管理办法》…): a title never spans two lines."""
    edits = []
    previous = None
    for line in iter_lines(text):
        if (
            previous is not None
            and line.start == previous.end + 1
            and _OPEN_TITLE_AT_END.search(previous.text)
            and _TITLE_CLOSED_AT_START.match(line.text)
        ):
            edits.append(_break_after(previous, line))
        previous = line
    return edits


def _break_after(line: Line, following: Line) -> Edit:
    """Removes what lies between ``line``'s last character and ``following``: trailing blanks and the break."""
    return Edit(line.start + len(line.text.rstrip()), following.start)


def _fills_the_column(line: str, width: int) -> bool:
    """A wrapped line runs to the column's edge; a short one (责任编辑:王某) ended on purpose."""
    return len(line) >= _MIN_WRAPPED_LINE and len(line) >= _COLUMN_SHARE * width
