"""Chinese personal names: surname + one or two given characters, scored.

A candidate opens at a surname (compound surnames first). Its score adds
the log-odds of the surname and of each given character (from the name
statistics), then context: a post or a punctuation mark before it, a
speech verb, a post or punctuation after it, and whether the words of the
text agree with its edges: a candidate that is itself a known common word,
place or body (冷清, 柏林) is unlikely to be a name. The best-scoring length
wins at each start.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex

from qextract.entities import foreign
from qextract.entities.lexicon import Lexicon
from qextract.entities.tokens import TokenView

# Scores added for context; tuned on the project's own cases, see docs/officials.md.
AFTER_POST = 4.0
AFTER_PUNCTUATION = 1.0
AFTER_INTRODUCER = 1.5
BEFORE_FOLLOWER = 1.5
BEFORE_POST = 3.0
UNEXPECTED_FOLLOWER = -1.5
# A verb, adverb, preposition, conjunction or number of two or more
# characters after the name: the sentence goes on with what the person did
# (王刚昨日主持, 周平预计). A single character is as often the name's end.
BEFORE_PREDICATE = 0.5
CROSSES_WORD = -3.0
IS_COMMON_WORD = -3.0
JIEBA_PERSON = 1.0
PLACE_NAME = -5.0
# A candidate that the word list knows as something else (冷清, 柏林, 花旗).
KNOWN_WORD = {"word": -4.0, "body": -5.0, "place": -6.0}
# A three-character reading whose first two characters are a word (谢谢|王).
OPENS_WITH_WORD = -2.0
# A three-character reading whose given part is one ordinary word (向|辉煌).
GIVEN_IS_WORD = -1.5
# A Chinese reading cut out of a longer transliteration run (诺|维奇).
INSIDE_FOREIGN_RUN = -5.0
# Latin names: a capitalised word (Berg) is more often a name than an acronym (WCG) or a lowercase word.
LATIN_CAPITALISED = 1.5
LATIN_OTHER = -1.0
DEFAULT_THRESHOLD = 5.0
# The most the context can add to a Chinese reading (post before, post after, a jieba name).
BEST_CONTEXT = AFTER_POST + BEFORE_POST + JIEBA_PERSON

# A Latin word standing alone: letters (and digits after the first letter), not part of a longer token.
_LATIN_WORD = regex.compile(r"(?<![A-Za-z0-9._@/-])[A-Za-z][A-Za-z0-9]{1,15}(?![A-Za-z0-9._@/-])")
_PUNCTUATION = regex.compile(r"[\p{P}\p{S}\s]")
_HAN = regex.compile(r"\p{Han}")
# Spaces that traditional-script pages put inside two-character names (袁 睿).
_INNER_SPACE = regex.compile(r"[ \u3000]{1,2}")
_WORD_TAGS_NOT_NAME = frozenset({"n", "v", "a", "d", "vn", "ad", "an", "f", "m", "q", "r", "p", "c", "u", "l", "i", "t", "s", "nt", "nnt", "j", "b", "z"})
# jieba tags of a given part that reads as a place or body (高|罗马, 有|吉林).
_GIVEN_NOT_NAME_TAGS = frozenset({"ns", "nt", "nz", "nnt"})
# First letter of the jieba tags that can open the rest of a clause after a name.
_PREDICATE_TAGS = frozenset("vdpcm")


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
    runs: tuple[foreign.Run, ...] = ()  # every transliteration run of the text
    run_of: dict[int, foreign.Run] | None = None  # offset -> the run of three or more characters holding it


def candidates_at(start: int, ctx: Context, lex: Lexicon, floor: float = float("-inf")) -> list[PersonCandidate]:
    """Every name reading that opens at ``start``, scored (may be empty).

    A reading that cannot reach ``floor`` even with the best context is
    scored -inf without looking at the context (most readings: 的确, 不过).
    """
    text = ctx.text
    surname = lex.surname_at(text, start)
    if surname is None:
        return []
    found: list[PersonCandidate] = []
    given_start = start + len(surname)
    if _honorific_at(text, given_start, lex):
        return []  # 王先生, 李总: a surname with a form of address is no name
    for length in (2, 1):
        given = text[given_start : given_start + length]
        if len(given) != length or not all(_HAN.match(char) for char in given):
            continue
        end = given_start + length
        score = _score(start, end, surname, given, ctx, lex, floor)
        found.append(PersonCandidate(start, end, surname + given, score))
    spaced = _spaced_single(start, surname, ctx, lex)
    if spaced is not None:
        found.append(spaced)
    return found


def best_at(start: int, ctx: Context, lex: Lexicon, threshold: float = DEFAULT_THRESHOLD) -> Optional[PersonCandidate]:
    best = None
    for candidate in candidates_at(start, ctx, lex, threshold):
        if candidate.score >= threshold and (best is None or candidate.score > best.score):
            best = candidate
    return best


def foreign_candidates(ctx: Context, lex: Lexicon, threshold: float = DEFAULT_THRESHOLD) -> list[PersonCandidate]:
    """Transliterated names (温格, 詹姆斯·卡梅隆) that pass ``threshold`` with their context."""
    found = []
    for run in ctx.runs:
        if any(ctx.blocked[run.start : run.end]):
            continue
        reading = foreign.reading(run, ctx.text, lex)
        if reading is None:
            continue
        start, end, evidence = reading
        if ctx.view.crosses(start, end):
            continue  # 俄|罗斯: the run starts inside a word
        score = evidence + _left(start, ctx, lex) + _right(end, ctx, lex)
        if score >= threshold:
            found.append(PersonCandidate(start, end, ctx.text[start:end], score))
    return found


def latin_candidates(ctx: Context, lex: Lexicon, threshold: float = DEFAULT_THRESHOLD) -> list[PersonCandidate]:
    """A Latin-script name or handle (Berg, Moon) where a post or the context says it is a person."""
    found = []
    for match in _LATIN_WORD.finditer(ctx.text):
        start, end = match.span()
        if any(ctx.blocked[start:end]):
            continue
        word = match.group()
        evidence = LATIN_CAPITALISED if word[0].isupper() and word[1:].islower() else LATIN_OTHER
        score = evidence + _left(start, ctx, lex) + _right(end, ctx, lex)
        if score >= threshold:
            found.append(PersonCandidate(start, end, word, score))
    return found


def transliteration_runs(text: str) -> tuple[tuple[foreign.Run, ...], dict[int, foreign.Run]]:
    """Every transliteration run, and the run of three or more characters holding each offset."""
    runs = tuple(foreign.runs(text))
    run_of = {offset: run for run in runs if run.end - run.start >= 3 for offset in range(run.start, run.end)}
    return runs, run_of


def _honorific_at(text: str, position: int, lex: Lexicon) -> bool:
    return any(text[position : position + size] in lex.honorifics for size in lex.honorific_sizes)


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


def _score(start: int, end: int, surname: str, given: str, ctx: Context, lex: Lexicon, floor: float) -> float:
    name = surname + given
    if name in lex.not_names or any(ctx.blocked[start:end]):
        return float("-inf")
    score = _given_score(given, lex) + lex.surname_score(surname)
    if lex.division(name) is not None:
        score += PLACE_NAME  # 奉贤区委…: a place, not 奉 + 贤
    known = lex.common_words.get(name)
    if known is not None:
        score += KNOWN_WORD[known]
    elif len(given) == 2 and len(surname) == 1 and name[:2] in lex.common_words:
        score += OPENS_WITH_WORD  # 谢谢|王, 高峰|时: the name would start inside a word
    if score + BEST_CONTEXT < floor:
        return float("-inf")
    score += _left(start, ctx, lex) + _right(end, ctx, lex)
    score += _words(start, end, name, known is None, ctx)
    if ctx.run_of:
        run = ctx.run_of.get(start)
        if run is not None and (run.start < start or run.end > end):
            score += INSIDE_FOREIGN_RUN
    return score


def _given_score(given: str, lex: Lexicon) -> float:
    if len(given) == 2:
        slots = lex.given_score(given[0], "first") + lex.given_score(given[1], "last")
        return (slots + lex.given_any_score(given[0]) + lex.given_any_score(given[1])) / 2
    slots = lex.given_score(given, "single")
    return (slots + lex.given_any_score(given)) / 2


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
    following = ctx.view.covering(end)
    if following is not None and following.start == end and len(following.text) >= 2 and following.pos[:1] in _PREDICATE_TAGS:
        return BEFORE_PREDICATE
    return UNEXPECTED_FOLLOWER


def _words(start: int, end: int, name: str, unknown: bool, ctx: Context) -> float:
    view = ctx.view
    score = 0.0
    if view.crosses(start, end):
        score += CROSSES_WORD
    token = view.covering(start)
    if token is not None and token.start == start and token.end == end:
        if token.pos.startswith("nr") and unknown:
            score += JIEBA_PERSON
        elif len(name) >= 2 and token.pos in _WORD_TAGS_NOT_NAME:
            score += IS_COMMON_WORD
    elif len(name) == 3:
        given = view.covering(end - 2)
        if given is not None and given.start == end - 2 and given.end == end:
            if given.pos in _GIVEN_NOT_NAME_TAGS:
                score += IS_COMMON_WORD  # 高|罗马: the given part is a place
            elif not given.pos.startswith("nr"):
                score += GIVEN_IS_WORD  # 向|辉煌, 于|明天
    return score
