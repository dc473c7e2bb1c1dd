"""Forum threads that repost an article: the thread's furniture and the readers' replies.

A forum page (Discuz!, phpwind…) holds posts, each a floor line (``楼主 呼延小北``,
``沙发 梨园老街坊``, ``5# 周村老顽童``), perhaps the poster's profile, a stamp line
(``发表于 2014-5-22 09:17 | 只看该作者``), the post, and a line of links closing it
(``回复 引用 TOP``). The first post is the reposted article; what the replies
say, their times and the quotes they repeat are not.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple, Optional

import regex

from qextract.data import load_json
from qextract.text.lines import Line, delete_lines, iter_lines
from qextract.text.offsets import Edit

_MAX_FLOOR_LINE = 40  # a floor's name and a nickname
_MAX_STAMP_LINE = 120  # a time and the forum's view links
_FLOOR_REACH = 2  # lines between a floor line and its stamp line (the poster's profile)


class _Patterns(NamedTuple):
    floor: regex.Pattern[str]
    opening: frozenset[str]
    stamp: regex.Pattern[str]
    controls: regex.Pattern[str]
    post_end: regex.Pattern[str]
    profile: regex.Pattern[str]
    thread_line: regex.Pattern[str]
    software: regex.Pattern[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    data = load_json("text/forum.json")
    return _Patterns(
        floor=regex.compile(
            r"^[^\S\n]{0,4}(?:(?P<label>\L<labels>)|%s)[^\S\n]{1,4}\S" % data["floor_number"],
            labels=sorted(data["floor_labels"] + data["opening_floor_labels"], key=len, reverse=True),
        ),
        opening=frozenset(data["opening_floor_labels"]),
        stamp=regex.compile(data["post_stamp"]),
        controls=regex.compile(r"\L<controls>", controls=data["forum_controls"]),
        post_end=regex.compile(data["post_end"]),
        profile=regex.compile(data["profile_line"]),
        thread_line=regex.compile("|".join(f"(?:{pattern})" for pattern in data["thread_lines"])),
        software=regex.compile(data["software_lines"]),
    )


def remove_forum_chrome(text: str) -> list[Edit]:
    """A forum thread's furniture around the first post, and every later post.

    Only a page with a forum's post: a stamp line under a floor line, or
    one carrying the forum's view links. A blog's ``发表于`` line alone is
    the page's own date and stays.
    """
    patterns = _patterns()
    lines = list(iter_lines(text))
    headers = [header for header in (_post_header(lines, index, patterns) for index in range(len(lines))) if header]
    if not headers:
        return []
    doomed: list[Line] = [
        line for line in lines if patterns.thread_line.match(line.text) or patterns.software.search(line.text)
    ]
    for number, (start, stamp, opening) in enumerate(headers):
        end = headers[number + 1][0] if number + 1 < len(headers) else len(lines)
        closing = _post_end(lines, stamp + 1, end, patterns)
        if number == 0 and opening:
            doomed.extend(lines[start : stamp + 1])  # the article's floor, poster and repost time
            if closing is not None:
                doomed.append(lines[closing])
        else:
            doomed.extend(lines[start : (closing + 1) if closing is not None else end])
    unique = {line.start: line for line in doomed}
    return delete_lines(text, sorted(unique.values()))


def _post_header(lines: list[Line], index: int, patterns: _Patterns) -> Optional[tuple[int, int, bool]]:
    """(first line, stamp line, whether it opens the thread) of the post whose stamp is ``lines[index]``, or None.

    The opening post is the 楼主's or floor 1; a stamp with no floor line is taken for one.
    """
    line = lines[index]
    if len(line.stripped) > _MAX_STAMP_LINE or not patterns.stamp.match(line.text):
        return None
    for back in range(index - 1, max(-1, index - 1 - _FLOOR_REACH - 1), -1):
        above = lines[back]
        floor = patterns.floor.match(above.text) if len(above.stripped) <= _MAX_FLOOR_LINE else None
        if floor is not None:
            return back, index, floor.group("label") in patterns.opening or floor.group("n") == "1"
        if not (above.stripped and patterns.profile.match(above.text)):
            break
    if patterns.controls.search(line.text):
        return index, index, True
    return None


def _post_end(lines: list[Line], start: int, end: int, patterns: _Patterns) -> Optional[int]:
    for index in range(start, end):
        if patterns.post_end.match(lines[index].text):
            return index
    return None
