"""Page furniture and junk that scrapers mix into the article text.

Each repair looks at the simplified text (conversion keeps offsets) and
returns the edits that remove one kind of junk.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator, Optional

import regex

from qextract.data import load_json
from qextract.text.lines import SENTENCE_MARK, Line, delete_lines, iter_lines
from qextract.text.offsets import Edit

_ITEM_SEPARATOR = regex.compile(r"[|｜]")


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_json("text/furniture.json")


@lru_cache(maxsize=1)
def _spam_words() -> regex.Pattern[str]:
    words = sorted(_data()["spam_words"], key=len, reverse=True)
    return regex.compile(r"\L<words>", words=words, flags=regex.IGNORECASE)


def is_spam_line(line: str) -> bool:
    """A link-farm line: many short items joined by ``|``, or a run of spam keywords.

    Real sentences end in 。 and read as prose; a spam line is a list of
    search terms with no sentence punctuation.
    """
    if SENTENCE_MARK.search(line):
        return False
    items = [item for item in _ITEM_SEPARATOR.split(line) if item.strip()]
    if len(items) >= 5 and max(len(item) for item in items) <= 40:
        return True
    hits = {m.group().lower() for m in _spam_words().finditer(line)}
    return len(hits) >= 3


def remove_spam_lines(text: str) -> list[Edit]:
    """SEO spam lines (``麻豆传媒|夜夜…|免费…``) anywhere in the page."""
    return delete_lines(text, [line for line in iter_lines(text) if line.stripped and is_spam_line(line.stripped)])


@lru_cache(maxsize=1)
def _breadcrumb() -> regex.Pattern[str]:
    data = _data()
    labels = sorted(data["breadcrumb_labels"], key=len, reverse=True)
    separators = sorted(data["breadcrumb_separators"] + data["labelled_breadcrumb_separators"], key=len, reverse=True)
    return regex.compile(
        r"^\s{0,8}(?:\L<labels>)\s{0,3}[:：]?[^\n]{0,200}?(?:\L<seps>)",
        labels=labels,
        seps=separators,
    )


@lru_cache(maxsize=1)
def _bare_breadcrumb() -> regex.Pattern[str]:
    """A line that is only short labels joined by two or more breadcrumb separators."""
    separators = sorted(_data()["breadcrumb_separators"], key=len, reverse=True)
    label = r"[^\n>»→›＞。!?！？]{1,16}"
    return regex.compile(
        rf"^\s{{0,8}}{label}(?:\s{{0,3}}(?:\L<seps>)\s{{0,3}}{label}){{2,8}}\s{{0,8}}$", seps=separators
    )


@lru_cache(maxsize=1)
def _one_crumb_breadcrumb() -> regex.Pattern[str]:
    """``当前位置:新闻动态``: a where-you-are label over a single crumb, so no separator shows it.

    Only the labels that name the reader's position (4 characters or more: not a bare 位置, which
    a notice may use for a venue), and a crumb as short as a menu's label, without a clause mark.
    """
    labels = sorted((label for label in _data()["breadcrumb_labels"] if "位置" in label and len(label) >= 4), key=len, reverse=True)
    return regex.compile(r"^\s{0,8}(?:\L<labels>)\s{0,3}[:：]\s{0,3}[^\s,，。;；!?！？]{1,12}\s{0,8}$", labels=labels)


def remove_breadcrumbs(text: str) -> list[Edit]:
    """``所在位置: 政务公开 > 监督信息 > 质量价格``, bare ``首页 > 新闻中心 > 工作动态`` and ``当前位置:新闻动态`` lines."""
    patterns = (_breadcrumb(), _bare_breadcrumb(), _one_crumb_breadcrumb())
    return delete_lines(text, [line for line in iter_lines(text) if any(pattern.match(line.text) for pattern in patterns)])


# Pictographs (emoji) decorate reposts from public accounts (🎉, 📢, 👉); they
# are no part of any record. ©, ® and ™ stay: they belong to names.
_PICTOGRAPHS = regex.compile(
    r"(?![©®™])\p{Extended_Pictographic}[\uFE0E\uFE0F\u200D\U0001F3FB-\U0001F3FF]*"
)
# A line drawn across a page (────, ━━━, =====).
_RULE_LINE = regex.compile(r"^[ \t]*[\u2500-\u257F—=＝_~]{5,}[ \t]*$")


def remove_pictographs(text: str) -> list[Edit]:
    """🎉, 📢点击上方蓝字: emoji and other pictographs, with their variation selectors."""
    return [Edit(match.start(), match.end()) for match in _PICTOGRAPHS.finditer(text)]


def remove_rule_lines(text: str) -> list[Edit]:
    """``────────``: a line drawn across the page under a newspaper's masthead."""
    return delete_lines(text, [line for line in iter_lines(text) if _RULE_LINE.match(line.text)])


# A menu item: a short label with no sentence punctuation and no figures.
_MENU_ITEM_CHARS = 8
_MENU_LATIN_ITEM_CHARS = 12
_MAX_SITE_NAME = 24
_MIN_MENU_LINES = 3
_MIN_MENU_ITEMS = 4
_MIN_MENU_LABELS = 2
_NOT_IN_MENU_ITEM = regex.compile(r"[,，。;；:：!！?？、“”\d]")


def remove_menus(text: str) -> list[Edit]:
    """A site's menu: three or more short lines in a row, two of them menu labels
    (首页 / 机构概况 / 政务公开), or one line of four or more short items holding a
    label (首页 | 时政 | 财经 | 社会), perhaps after the site's name."""
    labels = frozenset(_data()["menu_labels"])
    items_pattern = _menu_items()
    lines = list(iter_lines(text))
    doomed: list[Line] = []
    block: list[Line] = []

    def close_block() -> None:
        if len(block) >= _MIN_MENU_LINES and sum(line.stripped in labels for line in block) >= _MIN_MENU_LABELS:
            doomed.extend(block)
        block.clear()

    # For each line: is the next line with text a menu label? (one pass from the end)
    label_next = [False] * len(lines)
    following_is_label = False
    for index in range(len(lines) - 1, -1, -1):
        label_next[index] = following_is_label
        if lines[index].stripped:
            following_is_label = lines[index].stripped in labels

    for index, line in enumerate(lines):
        stripped = line.stripped
        if not stripped:
            # A blank line ends a menu, since the headline after it may be as short,
            # unless a menu label follows: a list's items (<li>) scraped one a paragraph.
            if not (block and label_next[index]):
                close_block()
            continue
        items = [item for item in items_pattern.split(stripped) if item]
        if items and _is_site_name(items[0]) and not _is_menu_item(items[0]):
            items = items[1:]  # 江西省药品监督管理局 政务公开 新闻发布…: the site's name opens its menu
        if len(items) >= _MIN_MENU_ITEMS and all(_is_menu_item(item) for item in items) and labels.intersection(items):
            close_block()
            doomed.append(line)
        elif _is_menu_item(stripped):
            block.append(line)
        else:
            close_block()
    close_block()
    return delete_lines(text, doomed)


def _is_site_name(item: str) -> bool:
    return len(item) <= _MAX_SITE_NAME and not _NOT_IN_MENU_ITEM.search(item)


def _is_menu_item(item: str) -> bool:
    # a bilingual site's menu (繁体 Traditional | 简体 Simplified): English words run longer
    limit = _MENU_LATIN_ITEM_CHARS if item.isascii() else _MENU_ITEM_CHARS
    return len(item) <= limit and not _NOT_IN_MENU_ITEM.search(item)


@lru_cache(maxsize=1)
def _menu_items() -> regex.Pattern[str]:
    separators = "".join(regex.escape(separator) for separator in _data()["menu_separators"])
    return regex.compile(rf"[\s{separators}]+")


@lru_cache(maxsize=1)
def _neighbour_link() -> regex.Pattern[str]:
    return regex.compile(
        # a list bullet may stand before the label (·上一篇:…), as in a related-article list
        r"^[^\S\n]{0,8}(?:[·•●▪◆■>»\-*][^\S\n]{0,2})?(?:\L<labels>)[^\S\n]{0,3}[:：]",
        labels=sorted(_data()["neighbour_link_labels"], key=len, reverse=True),
    )


def remove_neighbour_links(text: str) -> list[Edit]:
    """``上一篇:省质监局召开…总结会`` lines: the headlines of the site's previous and next articles."""
    label = _neighbour_link()
    return delete_lines(text, [line for line in iter_lines(text) if label.match(line.text)])


class _FragmentScanner:
    """The fragment patterns' leftmost-first matches, as one alternation of them all would find them.

    One alternation of every pattern costs the ``regex`` module its literal
    prefix search: it tries each branch at every position, eight times slower
    than the same branches in two patterns, line-anchored and the rest. The
    earlier start of those two is where the alternation's next match starts;
    the alternation itself, matched there, picks the branch as it would.
    """

    _ANCHORED_OPENING = "(?m:^"

    def __init__(self, patterns: list[str]) -> None:
        anchored = [pattern for pattern in patterns if pattern.startswith(self._ANCHORED_OPENING)]
        others = [pattern for pattern in patterns if not pattern.startswith(self._ANCHORED_OPENING)]
        self._alternation = regex.compile(_alternation(patterns))
        self._finders = [regex.compile(_alternation(group)) for group in (anchored, others) if group]

    def finditer(self, text: str) -> Iterator[regex.Match[str]]:
        # each finder's next match is kept until the scan passes its start,
        # so a page is searched once per finder, not once per match
        upcoming: list[Optional[regex.Match[str]]] = [finder.search(text) for finder in self._finders]
        while True:
            starts = [found.start() for found in upcoming if found is not None]
            if not starts:
                return
            match = self._alternation.match(text, min(starts))
            if match is None:  # cannot happen: a branch matched there
                return
            yield match
            position = match.end() if match.end() > match.start() else match.end() + 1
            for index, found in enumerate(upcoming):
                if found is not None and found.start() < position:
                    upcoming[index] = self._finders[index].search(text, position) if position <= len(text) else None


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{pattern})" for pattern in patterns)


@lru_cache(maxsize=1)
def _fragments() -> _FragmentScanner:
    return _FragmentScanner([fragment["pattern"] for fragment in _data()["fragments"]])


def remove_furniture_fragments(text: str) -> list[Edit]:
    """``字体:[ 大 中 小 ]``, ``浏览次数:( )``, ``【打印本页】`` and their like.

    Fragments separated only by blanks are removed together; a line left
    empty by the removal goes with its newline.
    """
    runs: list[list[int]] = []
    for match in _fragments().finditer(text):
        if runs and not text[runs[-1][1] : match.start()].strip(" \t"):
            runs[-1][1] = match.end()
        else:
            runs.append([match.start(), match.end()])
    edits: list[Edit] = []
    for start, end in runs:
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end == -1 else line_end
        if not text[line_start:start].strip() and not text[end:line_end].strip():
            start, end = line_start, min(line_end + 1, len(text))
        else:
            # take the blanks before the fragment along, so no double space remains
            while start > line_start and text[start - 1] in " \t":
                start -= 1
        if edits and start < edits[-1].end:
            continue
        edits.append(Edit(start, end))
    return edits


@lru_cache(maxsize=1)
def _image_name() -> regex.Pattern[str]:
    extensions = _data()["image_extensions"]
    return regex.compile(
        r"^\s{0,20}[\w\-.()（）]{1,60}\.(?:\L<ext>)\s{0,20}$", ext=extensions, flags=regex.IGNORECASE
    )


def remove_image_names(text: str) -> list[Edit]:
    """Image file names on a line of their own (``201.jpg``, ``1.png``)."""
    pattern = _image_name()
    return delete_lines(text, [line for line in iter_lines(text) if pattern.match(line.text)])


@lru_cache(maxsize=1)
def _comment_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    data = _data()
    labels = sorted(data["comment_headings"], key=len, reverse=True)
    heading = regex.compile(r"^(?:\L<labels>)[^\S\n]{0,2}[:：]?[^\S\n]{0,2}[(（]?\d{0,7}[^\S\n]{0,1}条?[)）]?$", labels=labels)
    thread_line = regex.compile("|".join(f"(?:{pattern})" for pattern in data["comment_lines"]))
    return heading, regex.compile(data["comment_stamp"]), thread_line


_MAX_STAMP_LINE = 60  # nickname, place and time: a comment's header line is short
_MAX_THREAD_PREAMBLE = 3  # 写下你的评论… / 全部评论 86 / 按热度 | 按时间 before the first comment


def _is_comment_stamp(line: Line, stamp: regex.Pattern[str]) -> bool:
    if len(line.stripped) > _MAX_STAMP_LINE:
        return False
    match = stamp.search(line.text)
    return match is not None and bool(line.text[: match.start()].strip())


def _comment_thread_end(lines: list[Line], heading: int) -> Optional[int]:
    """The index past the last line of the thread opened at ``heading``; None if no comment follows.

    A comment runs from its stamp line to the next blank line; between
    comments only blank lines and the thread's own lines (likes, replies,
    "more comments") are read. Any other line is the page again.
    """
    _, stamp, thread_line = _comment_patterns()
    index, end, comments, in_comment, preamble = heading + 1, heading + 1, 0, False, 0
    while index < len(lines):
        line = lines[index]
        if not line.stripped:
            in_comment = False
        elif _is_comment_stamp(line, stamp):
            comments, in_comment, end = comments + 1, True, index + 1
        elif in_comment or thread_line.match(line.text):
            end = index + 1
        elif comments == 0 and preamble < _MAX_THREAD_PREAMBLE and _is_link_title(line.stripped):
            preamble += 1
            end = index + 1
        else:
            break
        index += 1
    return end if comments else None


def remove_comment_threads(text: str) -> list[Edit]:
    """Readers' comments under the article (``全部评论 86`` then ``网友甲　广东　5小时前`` and what they wrote).

    What readers write is not the article: their numbers, names and quoted
    phrases would be read as the article's. The thread needs a heading and
    at least one stamped comment; it ends at the first line of another kind.
    """
    heading_pattern = _comment_patterns()[0]
    lines = list(iter_lines(text))
    doomed: list[Line] = []
    index = 0
    while index < len(lines):
        if heading_pattern.match(lines[index].stripped):
            end = _comment_thread_end(lines, index)
            if end is not None:
                doomed.extend(lines[index:end])
                index = end
                continue
        index += 1
    return delete_lines(text, doomed)


# A link to another article with its date: `- title(2023-07-28)`, or `· title    2024-05-06` with the date
# set apart at the line's end.
_RELATED_ITEM = regex.compile(
    r"^\s{0,8}(?:[-·•*>]|\d{1,2}[.、])\s{0,4}[^\n]{2,160}?"
    r"(?:[(（\[]\s{0,2}\d{4}[-./年]\d{1,2}[-./月]\d{1,2}日?\s{0,2}[)）\]]|[^\S\n]{1,40}\d{4}[-./]\d{1,2}[-./]\d{1,2})\s{0,8}$"
)


_MAX_LINK_TITLE = 60
# 相关链接: / 【热点新闻】 / [相关阅读]: a heading's colon or brackets.
_RELATED_HEADING_MARKS = regex.compile(r"^[【\[]|[】\]]?[:：]?$")
_BULLETED_LINE = regex.compile(r"^\s{0,8}(?:[-·•*>▶►]|\d{1,2}[.、])\s{0,4}\S[^\n]{1,160}$")


def _is_link_title(line: str) -> bool:
    """A headline standing alone (its bullet may be gone with the pictographs): short, no sentence end."""
    return len(line) <= _MAX_LINK_TITLE and not SENTENCE_MARK.search(line)


def remove_related_list(text: str) -> list[Edit]:
    """A block of two or more ``- title(date)`` lines, and the headlines under a
    related-articles heading (相关链接:, 往期回顾), dated or not, with the heading.

    Such blocks list other articles; their dates and names are not this
    article's. A single dated line is kept: it may be the article's own.
    """
    headings = set(_data()["related_headings"])
    longest_heading = max(map(len, headings)) + 3  # 【X】: or [X]:
    lines = list(iter_lines(text))
    doomed: list[Line] = []
    run: list[int] = []  # indices of consecutive related-item lines
    # Once a heading has named a list of other articles, a two-column page read row by row may put each of
    # its dated items between the body's paragraphs: a lone one is an item of that list too.
    page_has_list = False

    def close_run() -> None:
        if len(run) >= 2 or (run and page_has_list):
            doomed.extend(lines[index] for index in run)
        run.clear()

    # 相关链接: / 往期回顾 heads a list whose items need no date; the list ends at a blank line
    under_heading, headed_items = False, 0
    heading: Optional[Line] = None
    for index, line in enumerate(lines):
        if len(line.stripped) <= longest_heading and _RELATED_HEADING_MARKS.sub("", line.stripped) in headings:
            close_run()
            under_heading, headed_items, heading, page_has_list = True, 0, line, True
        elif under_heading and line.stripped and (_BULLETED_LINE.match(line.text) or _is_link_title(line.stripped)):
            if headed_items == 0 and heading is not None:
                doomed.append(heading)  # a heading goes only with the list it heads
            doomed.append(line)
            headed_items += 1
        elif _RELATED_ITEM.match(line.text):
            run.append(index)
        elif line.stripped or not run:
            # a blank line between the heading and its first item is kept waiting for it
            under_heading = under_heading and not line.stripped and headed_items == 0
            close_run()
    close_run()
    return delete_lines(text, doomed)
