"""Crawler records and news feeds: an article handed over inside a container.

Crawls store what they fetched in two common wrappers besides the page itself:

* a **JSON record** (a JSON-lines dump, an API response): the article's parts
  as fields (``"title"``, ``"pubtime"``, ``"source"``, ``"content"``), the
  body often HTML, and every line break, full-width space and slash written
  as a JSON escape (``\\n``, ``\\u3000``, ``<\\/p>``);
* a **feed item** (RSS 2.0 ``<item>``, Atom ``<entry>``): the same parts as
  elements, the body's HTML escaped once more (``&lt;p&gt;``) or wrapped in
  CDATA, with the channel's metadata and the other items around it.

Left as it is, the header finds no headline or date in either, and the
escapes cut words apart. Each wrapper is unwrapped into the lines a news page
prints: the headline on its own line, the date, source and author after their
labels, the body after a blank line. Fields that are the crawler's or the
feed's own (``url``, ``crawl_time``, ``guid``, the other items) are dropped,
so their dates are not read as the article's. The field names and labels are
in ``data/text/containers.json``.

Every edit replaces wrapper text in place, so offsets still point into the
record as the crawler stored it. A text is only unwrapped when it parses as
one JSON object, or opens as a feed, and holds a body field; anything else is
left to the HTML and Markdown repairs that follow.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Callable, Iterator, NamedTuple, Optional

import regex

from qextract.data import load_json
from qextract.text.offsets import Edit

# The ends of a text, found without copying a long page.
_LEADING_SPACE = regex.compile(r"\s*+")
_TAIL = 1000

# JSON tokens. The two alternatives of a string's body cannot both match a character,
# so possessive repetition never backtracks: linear in the record.
_JSON_STRING_SOURCE = r'"(?:[^"\\]++|\\.)*+"'
_JSON_STRING = regex.compile(_JSON_STRING_SOURCE)
_JSON_KEY = regex.compile(r"\s*+(" + _JSON_STRING_SOURCE + r")\s*+:\s*+")
_JSON_COMMA = regex.compile(r"\s*+,?")
_JSON_ESCAPE = regex.compile(r'\\(?:u([0-9a-fA-F]{4})(?:\\u([dD][c-fC-F][0-9a-fA-F]{2}))?|(["\\/bfnrt]))')
_JSON_SIMPLE_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "", "f": "", "n": "\n", "r": "\r", "t": "\t"}

# Feeds: the document element within the first lines, then elements of an item.
_FEED_OPENING = regex.compile(r"\A\s{0,200}(?:<\?xml[^<>]{0,300}\?>\s{0,200})?(?:<!--[^<>]{0,2000}-->\s{0,200})?"
                              r"(?:<[!?][^<>]{0,2000}>\s{0,200}){0,5}<(?:rss|feed|rdf:RDF)\b")
_XML_ELEMENT = regex.compile(r"<([A-Za-z_][\w.-]{0,40}(?::[A-Za-z_][\w.-]{0,40})?)(?:\s[^<>]{0,2000}?)?(/?)>")
_XML_REFERENCE = regex.compile(r"&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#[xX]([0-9A-Fa-f]{1,6}));")
_XML_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_CDATA_OPEN = "<![CDATA["
_CDATA_CLOSE = "]]>"
_ATOM_NAME = regex.compile(r"<name>([^<>]{0,200})</name>")


class _Field(NamedTuple):
    """One field of a container: where it starts (after the previous field), where its value is, where it ends."""

    name: str
    role: Optional[str]
    start: int
    value_start: int
    value_end: int
    end: int


class _Vocabulary(NamedTuple):
    roles: dict[str, str]
    labels: dict[str, str]
    summaries: frozenset[str]
    envelopes: frozenset[str]  # fields of an API response that hold the article's object
    feed_items: tuple[tuple[str, regex.Pattern[str]], ...]  # an item's name and its opening tag


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    data = load_json("text/containers.json")
    roles = {name.lower(): role for role, names in data["roles"].items() for name in names}
    items = tuple((name, regex.compile(rf"<{name}(?:\s[^<>]{{0,2000}})?>")) for name in data["feed_items"])
    envelopes = frozenset(name.lower() for name in data["envelope_fields"])
    return _Vocabulary(roles, data["labels"], frozenset(data["summary_fields"]), envelopes, items)


def unwrap_json_record(text: str) -> list[Edit]:
    """Edits that turn one JSON object holding an article into the article's lines."""
    start = _LEADING_SPACE.match(text).end()
    if text[start : start + 1] != "{" or not text[-_TAIL:].rstrip().endswith("}"):
        return []
    try:
        record = json.loads(text)
    except (ValueError, RecursionError):
        return []
    if not isinstance(record, dict):
        return []
    fields = list(_json_fields(text, start + 1))
    edits = _unwrapped(text, fields, _json_value_edits)
    if edits:
        return edits
    # An API response: the article is an object inside the envelope ({"code": 0, "data": {…}})
    for field in fields:
        if field.name in _vocabulary().envelopes and isinstance(record.get(_original_key(record, field.name)), dict):
            inner = list(_json_fields(text, field.value_start + 1))
            return _unwrapped(text, inner, _json_value_edits)
    return []


def _original_key(record: dict, lowered: str) -> Optional[str]:
    return next((key for key in record if key.lower() == lowered), None)


def _json_fields(text: str, position: int) -> Iterator[_Field]:
    """The object's top-level fields, in order; the text is known to be valid JSON."""
    decoder = json.JSONDecoder()
    roles = _vocabulary().roles
    field_start = 0
    while True:
        key = _JSON_KEY.match(text, position)
        if key is None:
            return
        name = json.loads(key.group(1)).lower()
        value_start = key.end()
        if text.startswith('"', value_start):
            end = _JSON_STRING.match(text, value_start).end()
            yield _Field(name, roles.get(name), field_start, value_start + 1, end - 1, end)
        else:  # a number, null, an array or a nested object: not article text
            _, end = decoder.raw_decode(text, value_start)
            yield _Field(name, None, field_start, value_start, end, end)
        field_start, position = end, _JSON_COMMA.match(text, end).end()


def _json_value_edits(text: str, field: _Field) -> list[Edit]:
    edits = []
    for match in _JSON_ESCAPE.finditer(text, field.value_start, field.value_end):
        high, low, simple = match.groups()
        if simple is not None:
            decoded = _JSON_SIMPLE_ESCAPES[simple]
        elif low is not None and 0xD800 <= int(high, 16) <= 0xDBFF:
            decoded = chr(0x10000 + ((int(high, 16) - 0xD800) << 10) + (int(low, 16) - 0xDC00))
        else:
            code = int(high, 16)
            decoded = "" if 0xD800 <= code <= 0xDFFF else chr(code)  # a lone surrogate cannot be text
            if low is not None:  # a low surrogate that paired with nothing
                edits.append(Edit(match.start(), match.start() + 6, decoded))
                edits.append(Edit(match.start() + 6, match.end(), ""))
                continue
        edits.append(Edit(match.start(), match.end(), decoded))
    return edits


def unwrap_feed_item(text: str) -> list[Edit]:
    """Edits that turn an RSS or Atom feed into the lines of its first item."""
    start = _LEADING_SPACE.match(text).end()
    if text[start : start + 1] != "<" or _FEED_OPENING.match(text) is None:
        return []
    item = _first_item(text)
    if item is None:
        return []
    item_start, item_end = item
    fields = list(_feed_fields(text, item_start, item_end))
    return _unwrapped(text, fields, _feed_value_edits)


def _first_item(text: str) -> Optional[tuple[int, int]]:
    for name, opening_tag in _vocabulary().feed_items:
        opening = opening_tag.search(text)
        if opening is None:
            continue
        closing = text.find(f"</{name}>", opening.end())
        if closing != -1:
            return opening.end(), closing
    return None


def _feed_fields(text: str, position: int, end: int) -> Iterator[_Field]:
    """The item's child elements, in order."""
    roles = _vocabulary().roles
    field_start = 0
    while True:
        element = _XML_ELEMENT.search(text, position, end)
        if element is None:
            return
        name = element.group(1)
        if element.group(2):  # self-closing (<link href=… />): nothing to read
            yield _Field(name, None, field_start, element.end(), element.end(), element.end())
            position = field_start = element.end()
            continue
        closing = text.find(f"</{name}>", element.end(), end)
        if closing == -1:
            return
        close_end = closing + len(name) + 3
        value_start, value_end = element.end(), closing
        local_name = name.rsplit(":", 1)[-1].lower()
        role = roles.get(local_name)
        inner_name = _ATOM_NAME.search(text, value_start, value_end) if role == "author" else None
        if inner_name is not None:  # Atom: <author><name>…</name><email>…</email></author>
            value_start, value_end = inner_name.span(1)
        yield _Field(local_name, role, field_start, value_start, value_end, close_end)
        position = field_start = close_end


def _feed_value_edits(text: str, field: _Field) -> list[Edit]:
    value = text[field.value_start : field.value_end]
    stripped = value.strip()
    if stripped.startswith(_CDATA_OPEN) and stripped.endswith(_CDATA_CLOSE):
        opening = field.value_start + value.index(_CDATA_OPEN)
        closing = field.value_start + value.rindex(_CDATA_CLOSE)
        return [Edit(opening, opening + len(_CDATA_OPEN)), Edit(closing, closing + len(_CDATA_CLOSE))]
    # One level of XML escaping; what the escaped HTML escapes itself (&amp;ldquo; -> &ldquo;)
    # is left to the markup repair.
    edits = []
    for match in _XML_REFERENCE.finditer(text, field.value_start, field.value_end):
        entity, decimal, hexadecimal = match.groups()
        if entity:
            edits.append(Edit(match.start(), match.end(), _XML_ENTITIES[entity]))
            continue
        code = int(decimal) if decimal else int(hexadecimal, 16)
        if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:  # else not a character: left as written
            edits.append(Edit(match.start(), match.end(), chr(code)))
    return edits


def _unwrapped(text: str, fields: list[_Field], value_edits: Callable[[str, _Field], list[Edit]]) -> list[Edit]:
    """Keep the first non-empty field of each role as a labelled line; drop everything else."""
    chosen = _chosen_fields(text, fields)
    if not any(fields[index].role == "body" for index in chosen):
        return []
    labels = _vocabulary().labels
    edits: list[Edit] = []
    first_kept = True
    for index, field in enumerate(fields):
        if index not in chosen:
            edits.append(Edit(field.start, field.end))
            continue
        label = labels[field.role or ""]
        if label and text.startswith(label.rstrip("：:"), field.value_start):
            label = ""  # "editor": "责任编辑:覃思雨" already names its part
        prefix = label if first_kept else "\n" + label
        first_kept = False
        edits.append(Edit(field.start, field.value_start, prefix))
        edits.extend(value_edits(text, field))
        edits.append(Edit(field.value_end, field.end))
    edits.append(Edit(fields[-1].end, len(text)))
    return [edit for edit in edits if edit.end > edit.start or edit.replacement]


def _chosen_fields(text: str, fields: list[_Field]) -> set[int]:
    """Indexes of the fields kept: a summary only when the record has no fuller body."""
    vocabulary = _vocabulary()
    summaries = set()
    kept: dict[str, int] = {}
    for index, field in enumerate(fields):
        if field.role is None or not text[field.value_start : field.value_end].strip():
            continue
        if field.role == "body" and field.name in vocabulary.summaries:
            summaries.add(index)
            continue
        kept.setdefault(field.role, index)
    if "body" not in kept and summaries:
        kept["body"] = min(summaries)
    return set(kept.values())

