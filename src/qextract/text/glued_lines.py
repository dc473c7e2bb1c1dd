"""Line breaks a scraper lost: a whole page glued into one line.

A crawler that takes a page's text without a separator between its elements
(``get_text()`` with no argument) joins the site's name, the breadcrumb, the
headline, the header's fields, the body and the footer into one line:
``…首页 > 领导活动 > 正文薛润田副省长检查…工作发布日期:2008-07-18 来源:… 作者:… 7月17日,…``.
Every rule that reads a line (the header, the furniture) then sees nothing
it knows.

A line is taken for a glued page only when it holds a header's field run (a
publication date and at least one more field: ``发布日期:… 来源:…``) with text
on at least one side of it, the line being long. That run never
stands inside prose. On such a line, breaks are put back where the page's own
lines started:
- around the field run;
- after a breadcrumb's closing ``正文``, and before a breadcrumb's ``首页 >``
  or ``当前位置:``;
- before the page's actions (``【打印本页】``, ``分享到:``), its neighbour
  links (``上一篇:``) and its footer (``版权所有``).
The labels are the header's and the furniture's own data files.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from qextract.data import alternation, load_json
from qextract.text.lines import iter_lines
from qextract.text.offsets import Edit

# A glued page is long; a header's field line on its own is short.
_MIN_GLUED_LINE = 150
_B = r"[^\S\n]"  # a blank that stays on its line


@lru_cache(maxsize=1)
def _patterns() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    header = load_json("header/header.json")
    furniture = load_json("text/furniture.json")

    def group(words: list[str]) -> str:
        return "(?:" + alternation(words) + ")"

    date_label = group(header["date_labels"])
    other_label = group(header["source_labels"] + header["other_labels"])
    stamp = (r"\d{4}" + _B + r"{0,2}(?:[-/.]|年)" + _B + r"{0,2}\d{1,2}" + _B + r"{0,2}(?:[-/.]|月)" + _B
             + r"{0,2}\d{1,2}(?:" + _B + r"{0,2}日)?(?:" + _B + r"{1,3}\d{1,2}:\d{2}(?::\d{2})?)?")
    # No value may end in blanks: a run ending there would be taken before the next field is tried.
    # A counter runs into the body's first date (点击数:3567月17日): its digits stop where a date can start.
    counter = r"\d{1,9}?(?=(?:1[0-2]|0?[1-9])月[0-3]?\d[日号])|\d{1,9}(?!\d)"
    value = r"(?:" + stamp + r"|" + counter + r"|[^\s:：]{1,30}(?=" + _B + r"))"
    date_field = date_label + _B + r"{0,3}[:：]" + _B + r"{0,3}" + stamp
    other_field = other_label + _B + r"{0,3}[:：]" + _B + r"{0,3}" + value
    any_field = r"(?:" + date_field + r"|" + other_field + r")"
    # a date and at least one more field, in either order: 发布日期:… 来源:…, 来源:… 发布时间:…
    field_run = regex.compile(
        r"(?:" + other_field + _B + r"{1,4}){0,6}" + date_field + r"(?:" + _B + r"{1,4}" + any_field + r"){1,8}"
        r"|" + other_field + r"(?:" + _B + r"{1,4}" + other_field + r"){0,6}" + _B + r"{1,4}" + date_field
        + r"(?:" + _B + r"{1,4}" + any_field + r"){0,8}"
    )
    separators = "".join(regex.escape(mark) for mark in ">»›→＞")
    action = next(fragment["pattern"] for fragment in furniture["fragments"] if fragment["name"] == "print_close")
    share = next(fragment["pattern"] for fragment in furniture["fragments"] if fragment["name"] == "share_to")
    break_before = regex.compile(
        r"(?<=\S)" + _B + r"{0,4}(?="
        + r"首页" + _B + r"{0,3}[" + separators + r"]"
        + r"|" + group(furniture["breadcrumb_labels"]) + _B + r"{0,3}[:：]"
        + r"|(?:" + action + r")|(?:" + share + r")"
        + r"|" + group(furniture["neighbour_link_labels"]) + _B + r"{0,3}[:：]"
        + r"|" + group(furniture["footer_labels"])
        + r")"
        # a breadcrumb's last crumb, 正文, before the headline
        + r"|(?<=[" + separators + r"]" + _B + r"{0,3}正文)(?=\S)"
    )
    return field_run, break_before


def restore_lost_line_breaks(text: str) -> list[Edit]:
    """Line breaks put back into a page whose lines were glued into one."""
    field_run, break_before = _patterns()
    edits: list[Edit] = []
    for line in iter_lines(text):
        if len(line.text) < _MIN_GLUED_LINE:
            continue
        run = field_run.search(text, line.start, line.end)
        if run is None:
            continue
        breaks = {match.start() for match in break_before.finditer(text, line.start, line.end)}
        breaks |= {position for position in run.span() if line.start < position < line.end}
        edits += [Edit(position, position, "\n") for position in sorted(breaks)]
    return edits
