"""Markdown syntax that a page-to-Markdown converter left around the article text.

Crawlers increasingly store pages as Markdown (readability and reader tools):
``# 标题``, ``**粗体**``, ``[链接文字](url)``, ``![图片](url)``, ``> 引文``,
``* 条目`` and ``| a | b |`` tables. The syntax cuts names from their posts
(``副市长**温建华**出席``) and hides headlines and fields from the header.

Each form is removed only where it cannot be prose: a link's target must
read as an address (``https://``, ``/``, ``javascript:``), bold marks are
doubled (``**``, which prose never writes), and headings, quotes, bullets and
table bars stand at the head of a line (or, for bars, at both ends). Each edit is local, so a
sentence cut from a page cleans up as it does in the page. Link texts stay
and their targets go; images go whole, as image names do; table cells are
kept, one tab apart as every flattened table's are (``tables.py``), and the table's rule row goes. Every pattern is
bounded and anchored to a line or to a bracket, so the time is linear in the
input.
"""

from __future__ import annotations

import regex

from qextract.text.offsets import Edit, first_of_overlapping

# A link target: an address (scheme, path or anchor), no spaces, one level of brackets
# inside (javascript:window.print()), an optional title.
_TARGET = (
    r"\((?=[A-Za-z][A-Za-z0-9+.-]{1,15}:|/|#|\./|\.\./|www\.)"
    r"(?:[^()\s]|\([^()\s]{0,100}\)){1,2000}(?:\s\"[^\"\n]{0,200}\")?\)"
)
_IMAGE = regex.compile(r"!\[[^\]\n]{0,300}\]" + _TARGET)
_LINK = regex.compile(r"\[([^\[\]\n]{0,300})\]" + _TARGET)
_HEADING = regex.compile(r"(?m)^[ \t]{0,3}#{1,6}[ \t]+")
_QUOTE = regex.compile(r"(?m)^[ \t]{0,3}(?:>[ \t]?){1,4}")
# A bullet. Not a dash: pages mark their lists of related links with it, which a later
# repair reads by their dashes.
_BULLET = regex.compile(r"(?m)^[ \t]{0,3}[*+][ \t]+(?=\S)")
# Bold marks: a doubled asterisk or underscore, not part of a longer run (a fill-in line ______).
_STRONG = regex.compile(r"(?<!\*)\*\*(?!\*)|(?<!_)__(?!_)")
_TABLE_RULE = regex.compile(r"(?m)^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*){1,30}\|?[ \t]*\n?")
_TABLE_ROW = regex.compile(r"(?m)^[ \t]*\|[^\n]{0,2000}\|[ \t]*$")
_CELL_BAR = regex.compile(r"[ \t]*\|[ \t]*")
_ESCAPE = regex.compile(r"\\(?=[*_#\[\]()>|`!-])")
_FENCE = regex.compile(r"(?m)^[ \t]{0,3}```[^\n]{0,40}\n?")
# A character any of the forms needs: most pages have none and are passed over in one scan.
_MARKS = regex.compile(r"[#*_>|`\]\\+-]")


def remove_markdown(text: str) -> list[Edit]:
    """Edits that turn Markdown back into the plain lines it was made from."""
    if not _MARKS.search(text):
        return []
    edits: list[Edit] = [Edit(m.start(), m.end()) for m in _IMAGE.finditer(text)]
    for match in _LINK.finditer(text):
        edits.append(Edit(match.start(), match.start(1)))  # [
        edits.append(Edit(match.end(1), match.end()))  # ](url)
    for pattern in (_HEADING, _QUOTE, _BULLET, _STRONG, _TABLE_RULE, _ESCAPE, _FENCE):
        edits.extend(Edit(m.start(), m.end()) for m in pattern.finditer(text))
    for row in _TABLE_ROW.finditer(text):
        bars = list(_CELL_BAR.finditer(text, row.start(), row.end()))
        for position, bar in enumerate(bars):
            outer = position == 0 or position == len(bars) - 1
            edits.append(Edit(bar.start(), bar.end(), "" if outer else "\t"))
    return first_of_overlapping(edits)

