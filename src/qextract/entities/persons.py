"""Chinese personal names: surname + one or two given characters, scored.

A candidate opens at a surname (compound surnames first). Its score adds
the log-odds of the surname and of each given character (from the name
statistics), then context: a post or a punctuation mark before it, a
speech verb, a post or punctuation after it, and whether jieba's words
agree with its edges. The best-scoring length wins at each start.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex

from qextract.entities.lexicon import Lexicon
from qextract.entities.tokens import TokenView

# Scores added for context; tuned on the project's own cases, see docs/officials.md.
AFTER_POST = 4.0
AFTER_PUNCTUATION = 1.0
AFTER_INTRODUCER = 1.5
BEFORE_FOLLOWER = 1.5
BEFORE_POST = 3.0
UNEXPECTED_FOLLOWER = -1.5
CROSSES_WORD = -3.0
IS_COMMON_WORD = -3.0
JIEBA_PERSON = 2.0
SINGLE_GIVEN = -0.5
PLACE_NAME = -5.0
DEFAULT_THRESHOLD = 5.0

_PUNCTUATION = regex.compile(r"[\p{P}\p{S}\s]")
_HAN = regex.compile(r"\p{Han}")
# Spaces that traditional-script pages put inside two-character names (袁 睿).
_INNER_SPACE = regex.compile(r"[ \u3000]{1,2}")
_WORD_TAGS_NOT_NAME = frozenset({"n", "v", "a", "d", "vn", "ad", "an", "f", "m", "q", "r", "p", "c", "u", "l", "i", "t", "s", "nt", "nnt", "j", "b", "z"})


@dataclass(frozen=True)
class PersonCandidate:
    start: int
    end: int
    name: str
    score: float


@dataclass(frozen=True)
class Context:
    """What surrounds the text: posts and bodies already found, and the words."""

    text: str
    view: TokenView
    title_ends: frozenset[int]
    title_starts: frozenset[int]
    blocked: bytearray  # 1 for each character inside a body or a post: no name there


def candidates_at(start: int, ctx: Context, lex: Lexicon) -> list[PersonCandidate]:
    """Every name reading that opens at ``start``, scored (may be empty)."""
    text = ctx.text
    surname = lex.surname_at(text, start)
    if surname is None:
        return []
    found: list[PersonCandidate] = []
    given_start = start + len(surname)
    for length in (2, 1):
        given = text[given_start : given_start + length]
        if len(given) != length or not all(_HAN.match(char) for char in given):
            continue
        end = given_start + length
        score = _score(start, end, surname, given, ctx, lex)
        found.append(PersonCandidate(start, end, surname + given, score))
    spaced = _spaced_single(start, surname, ctx, lex)
    if spaced is not None:
        found.append(spaced)
    return found


def best_at(start: int, ctx: Context, lex: Lexicon, threshold: float = DEFAULT_THRESHOLD) -> Optional[PersonCandidate]:
    best = None
    for candidate in candidates_at(start, ctx, lex):
        if candidate.score >= threshold and (best is None or candidate.score > best.score):
            best = candidate
    return best


def _spaced_single(start: int, surname: str, ctx: Context, lex: Lexicon) -> Optional[PersonCandidate]:
    """袁 睿: a surname, a space, one given character, then a break."""
    text = ctx.text
    space = _INNER_SPACE.match(text, start + len(surname))
    if space is None:
        return None
    given = text[space.end() : space.end() + 1]
    after = text[space.end() + 1 : space.end() + 2]
    if not given or not _HAN.match(given) or (after and _HAN.match(after)):
        return None
    end = space.end() + 1
    score = lex.surname_score(surname) + lex.given_score(given, "single") + _left(start, ctx, lex)
    score += BEFORE_FOLLOWER if not after or _PUNCTUATION.match(after) else 0.0
    return PersonCandidate(start, end, surname + given, score)


def _score(start: int, end: int, surname: str, given: str, ctx: Context, lex: Lexicon) -> float:
    name = surname + given
    if name in lex.not_names or any(ctx.blocked[start:end]):
        return float("-inf")
    if len(given) == 2:
        score = lex.given_score(given[0], "first") + lex.given_score(given[1], "last")
    else:
        score = lex.given_score(given, "single") + SINGLE_GIVEN
    score += lex.surname_score(surname)
    if lex.division(name) is not None:
        score += PLACE_NAME  # 奉贤区委…: a place, not 奉 + 贤
    score += _left(start, ctx, lex)
    score += _right(end, ctx, lex)
    score += _words(start, end, name, ctx)
    return score


def _left(start: int, ctx: Context, lex: Lexicon) -> float:
    if start in ctx.title_ends or _after_spaces(ctx.text, start) in ctx.title_ends:
        return AFTER_POST
    if start == 0 or _PUNCTUATION.match(ctx.text, start - 1):
        return AFTER_PUNCTUATION
    for size in (3, 2, 1):
        if start >= size and ctx.text[start - size : start] in lex.before_name:
            return AFTER_INTRODUCER
    return 0.0


def _after_spaces(text: str, start: int) -> int:
    """Where the spaces before ``start`` begin (局长 王 刚: the post ends there)."""
    while start > 0 and text[start - 1] in " \u3000":
        start -= 1
    return start


def _right(end: int, ctx: Context, lex: Lexicon) -> float:
    text = ctx.text
    if end >= len(text) or _PUNCTUATION.match(text, end):
        return BEFORE_FOLLOWER
    if end in ctx.title_starts:
        return BEFORE_POST
    for size in (2, 1):
        if text[end : end + size] in lex.after_name:
            return BEFORE_FOLLOWER
    return UNEXPECTED_FOLLOWER


def _words(start: int, end: int, name: str, ctx: Context) -> float:
    view = ctx.view
    score = 0.0
    if view.crosses(start, end):
        score += CROSSES_WORD
    token = view.covering(start)
    if token is not None and token.start == start and token.end == end:
        if token.pos.startswith("nr"):
            score += JIEBA_PERSON
        elif len(name) >= 2 and token.pos in _WORD_TAGS_NOT_NAME:
            score += IS_COMMON_WORD
    return score
