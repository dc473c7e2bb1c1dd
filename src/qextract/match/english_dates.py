"""Dates written in English: feeds' RFC 822 ``pubDate`` and English page headers.

``Fri, 24 Apr 2026 09:15:00 +0800``, ``24 April 2026``, ``April 24, 2026``.
The names are in ``data/dates/english.json``. The pattern is shared by the
date matcher (an ``iso`` atom) and the header (a timestamp), so both read
the same forms; a zone is part of the text but not of the value, which stays
in the page's own time as Chinese timestamps do.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from qextract.data import load_json


@lru_cache(maxsize=1)
def _names() -> tuple[dict[str, int], list[str], list[str], dict[str, list[str]]]:
    data = load_json("dates/english.json")
    return data["months"], data["weekdays"], data["zone_names"], data["other_short_forms"]


def _name_pattern(name: str) -> str:
    """A name in full, cut to three letters or to another short form (Sept), first letter in either case."""
    first, rest = name[0], name[1:]
    tails = [rest[2:]] + [short[3:] for short in _names()[3].get(name, [])]
    alternatives = "|".join(regex.escape(tail) for tail in sorted(tails, key=len, reverse=True))
    return f"[{first.upper()}{first}]{regex.escape(rest[:2])}(?:{alternatives})?"


def english_date_pattern(prefix: str) -> str:
    """The pattern source; ``prefix`` keeps its group names apart from a caller's."""
    months, weekdays, zones, _ = _names()
    month = "(?:" + "|".join(_name_pattern(name) for name in months) + r")\.?"
    weekday = "(?:" + "|".join(_name_pattern(name) for name in weekdays) + r")\.?"
    p = prefix
    clock = r"(?:,?[ \t]{1,2}(?P<" + p + r"clock>[0-2]?\d:[0-5]\d(?::[0-5]\d)?)(?![\d:]))?"
    zone = r"(?:[ \t]{1,2}(?:[+-][01]\d:?[0-5]\d|(?:" + "|".join(zones) + r")(?:[+-]\d{1,2}(?::?\d{2})?)?)(?![\w:]))?"
    return (
        r"(?<![A-Za-z\d])(?:" + weekday + r",?[ \t]{1,2})?(?:"
        # 24 Apr 2026 (RFC 822 and British order)
        + r"(?P<" + p + r"day>[0-3]?\d)(?!\d)[ \t]{1,2}(?P<" + p + r"month>" + month + r")(?![A-Za-z])"
        + r"[ \t]{1,2}(?P<" + p + r"year>(?:1[89]|20)\d{2})(?!\d)"
        # April 24, 2026 (American order)
        + r"|(?P<" + p + r"month2>" + month + r")(?![A-Za-z])[ \t]{1,2}(?P<" + p + r"day2>[0-3]?\d)(?!\d),?[ \t]{1,2}"
        + r"(?P<" + p + r"year2>(?:1[89]|20)\d{2})(?!\d)"
        + r")" + clock + zone
    )


def month_name_pattern() -> str:
    """Any month name's first three letters as the date pattern writes them: a scan for these is
    about fifty times faster than the date pattern itself, and almost no Chinese page has one."""
    stems = [name[:3] for name in _names()[0]]
    return "(?:" + "|".join(stem.capitalize() + "|" + stem for stem in stems) + ")"


def month_number(name: str) -> Optional[int]:
    """1–12 for an English month name in full or cut short (``Apr``, ``Sept.``)."""
    key = name.rstrip(".").lower()
    if len(key) < 3:
        return None
    return next((number for full, number in _names()[0].items() if full.startswith(key)), None)


def english_date_parts(groups: dict[str, Optional[str]], prefix: str) -> Optional[tuple[int, int, int, Optional[str]]]:
    """(year, month, day, clock text or None) of a match of :func:`english_date_pattern`."""
    p = prefix
    if groups.get(p + "year"):
        year, month_name, day = groups[p + "year"], groups[p + "month"], groups[p + "day"]
    else:
        year, month_name, day = groups[p + "year2"], groups[p + "month2"], groups[p + "day2"]
    month = month_number(month_name or "")
    if month is None or year is None or day is None or not 1 <= int(day) <= 31:
        return None
    return int(year), month, int(day), groups.get(p + "clock")
