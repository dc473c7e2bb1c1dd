"""Policy documents: every title in 《》, with a kind and, where named, an issuer.

A title is bounded (1–80 characters, one line, at most one level of nested
《》) so that an unbalanced 《 cannot swallow the rest of the article. A short
form that repeats the end of a title already seen (《纲要》 after
《质量强国建设纲要》) is the same document, not a new record.
"""

from __future__ import annotations

from typing import Optional

import ahocorasick
import regex

from qextract.data import alternation, load_lines
from qextract.match.context import MatchContext
from qextract.records import PolicyDocument

_MAX_TITLE = 80

# One level of nesting (《关于印发《X》的通知》): each step is either a plain
# character or a whole inner title, so the two alternatives never overlap.
_TITLE = regex.compile(r"《((?:[^《》\n]|《[^《》\n]{1,%d}》){1,%d})》" % (_MAX_TITLE, _MAX_TITLE))

# A title named inside another (《关于印发《X》的通知》, 《关于印发〈X〉的通知》) is a document too.
_INNER_TITLE = regex.compile(r"[《〈]([^《》〈〉\n]{1,%d})[》〉]" % _MAX_TITLE)

# A trailing edition or period in brackets does not decide the genre:
# 《…意见(2021-2025年)》 is an 意见, 《…办法(试行)》 an 办法.
_TRAILING_PAREN = regex.compile(r"[(（][^()（）\n]{1,20}[)）]\s*$")

# A draft in brackets after the title it revises (修订征求意见稿, 草案).
_DRAFT_MARKER = regex.compile(alternation(load_lines("documents/draft_markers.txt")))

# Titles chained by a conjunction share the verb and issuer before the first.
_CHAIN_GAP = regex.compile(r"\s{0,2}(?:、|,|，|和|及|以及|与)?\s{0,2}")

# Where the clause of an issuing verb starts.
_CLAUSE_BREAK = regex.compile(r"[。;；!！?？\n,，:：]")
_LEADING_DATE = regex.compile(
    r"^(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}[日号])?(?:上午|下午|晚上)?"
)
_MAX_ISSUER = 40


def _load_kinds() -> list[tuple[str, str]]:
    pairs = []
    for line in load_lines("documents/kinds.tsv"):
        suffix, kind = line.split("\t")
        pairs.append((suffix.strip(), kind.strip()))  # kind "-": a suffix that names no genre
    # longest suffix first, so 办法 wins over 法 and 日报 over 报
    return sorted(pairs, key=lambda pair: -len(pair[0]))


_KINDS = _load_kinds()
_ISSUER_SUFFIXES = tuple(sorted(load_lines("documents/issuer_suffixes.txt"), key=len, reverse=True))
_ADVERBS = alternation(load_lines("documents/issuer_adverbs.txt"))
_VERBS = alternation(load_lines("documents/issuer_verbs.txt"))

# The clause before a title: "<issuer><adverbs><verb>(了|的)" and nothing else.
_ISSUING_CLAUSE = regex.compile(
    r"(?P<issuer>[^。;；,，:：\n]{2,%d}?)(?:%s){0,3}(?:%s)(?:了|的)?\s{0,2}"
    % (_MAX_ISSUER, _ADVERBS, _VERBS)
)
_LEADING_ADVERBS = regex.compile(r"^(?:(?:%s|在|由)\s{0,1}){1,3}" % _ADVERBS)

# An issuer written into the title itself: 《国务院办公厅关于…的通知》.
_ISSUER_IN_TITLE = regex.compile(r"^(?P<issuer>.{2,%d}?)(?:关于|印发|转发)" % _MAX_ISSUER)
# Joint issuers are written with spaces or 、 between the bodies; 和/与 also
# occur inside one body's name (国家发展和改革委员会), so they do not split.
_BODY_SEPARATOR = regex.compile(r"\s+|、")


def find_documents(ctx: MatchContext) -> list[PolicyDocument]:
    """Every 《》 title in the text, one record per document."""
    documents: list[PolicyDocument] = []
    seen = _SeenTitles()
    chain_issuer: Optional[str] = None
    previous_end = -1
    for match in _TITLE.finditer(ctx.text):
        start, end = match.span()
        if ctx.is_masked(start, end):
            previous_end = -1
            continue
        if previous_end >= 0 and _CHAIN_GAP.fullmatch(ctx.text, previous_end, start):
            issuer_before = chain_issuer
        else:
            issuer_before = _issuer_before(ctx.text, start)
        chain_issuer, previous_end = issuer_before, end
        title_start, title_end = _stripped(ctx.text, match.start(1), match.end(1))
        title = ctx.text[title_start:title_end]
        if not title or len(title) > _MAX_TITLE or seen.refers_back(title):
            continue
        seen.add(title)
        documents.append(
            PolicyDocument(
                title=title,
                kind=document_kind(title),
                issuer=_issuer_in_title(title) or issuer_before,
                span=ctx.span(title_start, title_end),
            )
        )
        documents.extend(_inner_titles(ctx, title_start, title_end, seen))
    return documents


def _inner_titles(ctx: MatchContext, start: int, end: int, seen: _SeenTitles) -> list[PolicyDocument]:
    """The documents a title names inside itself; the outer title's issuer issued the notice, not them."""
    inner = []
    for match in _INNER_TITLE.finditer(ctx.text, start, end):
        title_start, title_end = _stripped(ctx.text, match.start(1), match.end(1))
        title = ctx.text[title_start:title_end]
        if not title or seen.refers_back(title):
            continue
        seen.add(title)
        inner.append(
            PolicyDocument(title=title, kind=document_kind(title), issuer=None, span=ctx.span(title_start, title_end))
        )
    return inner


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def document_kind(title: str) -> Optional[str]:
    """The genre a title's suffix names (办法, 意见, publication…), or None."""
    stem = _TRAILING_PAREN.sub("", title).rstrip()
    for suffix, kind in _KINDS:
        if stem.endswith(suffix):
            return None if kind == "-" else kind
    return None


class _SeenTitles:
    """Titles recorded so far, and their stems without a trailing parenthesis.

    Kept reversed in a trie, so "does this title repeat or abbreviate (as
    its tail) one already seen" costs the title's length, not the number of
    titles seen: a page of thousands of 《》 stays linear.
    """

    def __init__(self) -> None:
        self._reversed = ahocorasick.Automaton()

    def add(self, title: str) -> None:
        self._reversed.add_word(title[::-1], True)
        paren = _TRAILING_PAREN.search(title)
        if paren is None:
            return
        if _DRAFT_MARKER.search(paren.group()):
            # 《X(修订征求意见稿)》: 《征求意见稿》 is its short form, 《X》 another document
            self._reversed.add_word(paren.group().strip()[1:-1][::-1], True)
            return
        stem = title[: paren.start()].rstrip()
        if stem:
            self._reversed.add_word(stem[::-1], True)

    def refers_back(self, title: str) -> bool:
        # a known title ends with ``title`` exactly when its reverse starts with the reverse of ``title``
        return bool(title) and self._reversed.match(title[::-1])


def _issuer_in_title(title: str) -> Optional[str]:
    match = _ISSUER_IN_TITLE.match(title)
    if match is None:
        return None
    issuer = match.group("issuer").strip()
    return issuer if _names_bodies(issuer) else None


def _issuer_before(text: str, title_start: int) -> Optional[str]:
    """The body that the clause before a title says issued it (X印发《…》)."""
    window_start = max(0, title_start - _MAX_ISSUER - 20)
    clause_start = window_start
    for brk in _CLAUSE_BREAK.finditer(text, window_start, title_start):
        clause_start = brk.end()
    clause = text[clause_start:title_start].strip()
    match = _ISSUING_CLAUSE.fullmatch(clause)
    if match is None:
        return None
    issuer = _LEADING_DATE.sub("", match.group("issuer").strip())
    issuer = _LEADING_ADVERBS.sub("", issuer).strip()
    return issuer if _names_bodies(issuer) else None


def _names_bodies(candidate: str) -> bool:
    """True when every part of a (possibly joint) issuer ends like a body's name."""
    if len(candidate) < 2:
        return False
    parts = [part for part in _BODY_SEPARATOR.split(candidate) if part]
    return bool(parts) and all(part.endswith(_ISSUER_SUFFIXES) for part in parts)
