"""HTML markup in the input: tags, scripts and styles, comments, character references.

qextract reads article text, but crawls also hand it whole pages. Markup is
removed with offsets kept: a tag that ends a line of text (``</p>``,
``<br>``, ``</div>``) becomes a line break, an inline tag (``<span>``,
``<a href=…>``) goes, ``<script>``/``<style>``/``<head>`` go with their
content, comments go, and character references (``&nbsp;``, ``&#36136;``)
become the characters they stand for.

Only well-formed tags of known HTML elements are touched, so a ``<`` in
prose (``<5%``, ``<<条例>>``) stays. Every pattern is bounded and closing
tags are found by a forward search that never rescans, so the time is linear
in the input.
"""

from __future__ import annotations

import html
from functools import lru_cache
from typing import NamedTuple

import regex

from qextract.data import load_json
from qextract.text.lines import delete_lines, iter_lines
from qextract.text.offsets import Edit, first_of_overlapping

# A name may carry a namespace prefix: Word's HTML writes <o:p></o:p> and <st1:chsdate …>4月12日</st1:chsdate>.
_TAG = regex.compile(r"<(/?)([A-Za-z][A-Za-z0-9]{0,15}(?::[A-Za-z][A-Za-z0-9]{0,15})?)(?=[\s/>])[^<>]{0,2000}>")
_DECLARATION = regex.compile(r"<![A-Za-z][^<>]{0,2000}>|<\?[A-Za-z][^<>]{0,2000}\?>")
_REFERENCE = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_COMMENT_OPEN = "<!--"
_COMMENT_CLOSE = "-->"


class _Elements(NamedTuple):
    block: frozenset[str]
    inline: frozenset[str]
    dropped: frozenset[str]
    slot_before: frozenset[str]
    slot_after: frozenset[str]


@lru_cache(maxsize=1)
def _elements() -> _Elements:
    data = load_json("text/markup.json")
    return _Elements(
        frozenset(data["block"]), frozenset(data["inline"]), frozenset(data["dropped"]),
        frozenset(data["field_slot_before"]), frozenset(data["field_slot_after"]),
    )


def remove_markup(text: str) -> list[Edit]:
    """Edits that turn an HTML page (or text with stray tags and references) into plain text."""
    if "<" not in text and "&" not in text:
        return []
    elements = _elements()
    candidates = _comments(text) + _dropped_elements(text, elements)
    for match in _TAG.finditer(text):
        name = match.group(2).lower()
        if name in elements.block or name in elements.dropped:
            candidates.append(Edit(match.start(), match.end(), "\n"))
        elif name in elements.inline or ":" in name:  # Office markup (o:p, st1:chsdate) wraps text inline
            candidates.append(Edit(match.start(), match.end()))
    candidates += [Edit(m.start(), m.end()) for m in _DECLARATION.finditer(text)]
    candidates += _references(text)
    return first_of_overlapping(candidates)


def _comments(text: str) -> list[Edit]:
    """``<!-- … -->``; an unclosed comment runs to the end, as in a browser."""
    edits = []
    position = text.find(_COMMENT_OPEN)
    while position != -1:
        close = text.find(_COMMENT_CLOSE, position + len(_COMMENT_OPEN))
        end = len(text) if close == -1 else close + len(_COMMENT_CLOSE)
        edits.append(Edit(position, end))
        position = text.find(_COMMENT_OPEN, end)
    return edits


@lru_cache(maxsize=64)
def _closing_tag(name: str) -> regex.Pattern[str]:
    return regex.compile(rf"</{name}\s{{0,8}}>", regex.IGNORECASE)


def _dropped_elements(text: str, elements: _Elements) -> list[Edit]:
    """``<script>…</script>`` and their like, content included.

    An element without its closing tag keeps its content (only the tag goes,
    as a block tag): once a search for ``</script>`` fails, no later one can
    succeed, so it is not repeated. An element is replaced by a line break,
    since what a script writes is often a block of its own, except where it
    fills a field's slot (``【点击数:<script>…</script>】``): there a break
    would cut the field's line in two.
    """
    edits: list[Edit] = []
    unclosed_after: dict[str, int] = {}
    covered = 0
    for match in _TAG.finditer(text):
        name = match.group(2).lower()
        if match.group(1) or name not in elements.dropped or match.start() < covered:
            continue
        if name in unclosed_after and match.end() >= unclosed_after[name]:
            continue
        close = _closing_tag(name).search(text, match.end())
        if close is None:
            unclosed_after[name] = match.end()
            continue
        edits.append(Edit(match.start(), close.end(), "" if _fills_a_slot(text, match.start(), close.end(), elements) else "\n"))
        covered = close.end()
    return edits


@lru_cache(maxsize=1)
def _script_line() -> regex.Pattern[str]:
    return regex.compile(load_json("text/markup.json")["script_line"])


def remove_script_lines(text: str) -> list[Edit]:
    """Lines of JavaScript left where a scraper dropped the ``<script>`` tags but kept their text.

    ``var hits = 3271;`` or ``function openWin(url){…}`` above a headline
    would be read as the headline's line, or as the site's name.
    """
    pattern = _script_line()
    return delete_lines(text, (line for line in iter_lines(text) if pattern.match(line.text)))


def _fills_a_slot(text: str, start: int, end: int, elements: _Elements) -> bool:
    return (start > 0 and text[start - 1] in elements.slot_before) or (end < len(text) and text[end] in elements.slot_after)


def _references(text: str) -> list[Edit]:
    edits = []
    for match in _REFERENCE.finditer(text):
        decoded = html.unescape(match.group()).replace("\xa0", " ")  # &nbsp; pads like a space
        if decoded != match.group():
            edits.append(Edit(match.start(), match.end(), decoded))
    return edits

