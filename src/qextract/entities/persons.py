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

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Optional

import regex

from qextract.data import load_json, load_lines
from qextract.entities import foreign
from qextract.entities.lexicon import Lexicon
from qextract.entities.tokens import TokenView

# Scores added for context; tuned on the project's own cases, see docs/officials.md.
AFTER_POST = 4.0
AFTER_PUNCTUATION = 1.0
AFTER_INTRODUCER = 1.5
# A noun for a person right before the name (市民, 网友, 收藏爱好者).
AFTER_PERSON_NOUN = 2.5
BEFORE_FOLLOWER = 1.5
BEFORE_POST = 3.0
UNEXPECTED_FOLLOWER = -1.5
# A name dot between the reading's last character and more Han characters: the reading is
# only the first part of a dotted name (伊琳娜|•索科洛娃), as a reading inside a run is.
NAME_RUNS_ON = -5.0
# A verb, adverb, preposition, conjunction or number of two or more
# characters after the name: the sentence goes on with what the person did
# (王刚昨日主持, 周平预计). A single character is as often the name's end.
BEFORE_PREDICATE = 0.5
# A reading set between a post and a word that follows names (副主任|甘露|主持, 所长|文博|作):
# both edges say "name", enough to outweigh a reading that is also a word.
BETWEEN_POST_AND_FOLLOWER = 3.0
CROSSES_WORD = -3.0
IS_COMMON_WORD = -3.0
JIEBA_PERSON = 1.0
PLACE_NAME = -5.0
# A reading that ends in a place character (沙峪镇, 古琼寺) or runs into one (卢霍|山, 伍迪|岛): a place.
PLACE_SUFFIX = -5.0
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
# A name heading a line or sentence before a colon: the speaker of an interview turn.
SPEAKER = 2.0
DEFAULT_THRESHOLD = 5.0
# Han parts joined by a name dot (热合曼·托乎提, 努尔兰·阿不都满金), bounded by a
# post, punctuation or an introducer on the left and a follower on the right.
DOTTED_NAME = 5.0
# Two or more Tibetan or Mongolian name parts in a row (白玛赤林, 巴图孟和).
MINORITY_PARTS = 5.0
# One such part alone (扎西, 巴特尔): needs a post or other context.
MINORITY_SINGLE = 0.5
# A name a byline credits (（记者马力）): the credit fixes its edges, as a name dot does.
CREDITED_NAME = DOTTED_NAME
# A Yi family name opening a four-character reading (吉克|阿呷): about a common surname's
# evidence with an ordinary given name, before the context.
CLAN_NAME = 2.0
# A credit may glue two or three names together (（记者贾鹏陈博）, （袁峰乔倩倩）): each piece of
# such a run is a surname and a one- or two-character given name scoring at least this.
GLUED_PIECE_MIN = 3.0
GLUED_RUN = (4, 9)  # from two names of two characters to three of three (or four of two)
_CREDIT_ENDS = frozenset("（()）、/ 　\n")
_CREDIT_OPENERS = frozenset("（(□⊙■●▲")
# Characters that may qualify a credit word between the opener and it (实习, 本报, 特约).
_CREDIT_QUALIFIER = 2
# The lengths of the credit words that open a credit on their own (记者 .. 融媒体记者; not 文, 图).
_CREDIT_WORD_SIZES = (5, 4, 3, 2)
_DATELINE_WORDS = ("报道", "电")
# An item of an enumeration next to a name needs this much less (王刚、李明).
COORDINATED = 3.0
# Words next to a name, from the role counts of HanLP's name dictionary (name_roles.tsv):
# the log-odds of a word standing right before a name (K, or M between two names: 记者,
# 的, 和) or right after one (L or M: 表示, 介绍, 告诉) against its background frequency
# (jieba), for the longest such word at the edge. Added to the context score wherever no
# post or punctuation decides the edge (a listed introducer or follower keeps its bonus
# on top); scaled and clipped so that no single word outweighs a post.
ROLE_BEFORE_WEIGHT = 0.75
ROLE_AFTER_WEIGHT = 1.0
ROLE_MAX = 2.0
ROLE_MIN = -2.0
# A verb, adverb or preposition right after the name (BEFORE_PREDICATE) is grammatical there
# whatever the role counts say: they may take it down to this much at most (看好, 一直).
ROLE_PREDICATE_MIN = -0.5
# Smoothing of the role counts: a word the name corpus never saw in a role counts this much.
ROLE_PSEUDO_COUNT = 0.5
# Smoothing of the background frequency (words the background list lacks).
ROLE_BACKGROUND_PRIOR = 50
# Next to a listed introducer or follower of one character (由, 和; 说, 的), which has its own
# bonus, the role evidence adds at most this much: 的 and 和 follow adjectives and nouns as
# often as names. A longer listed word (会见, 一行, 指出) adds it in full.
ROLE_LISTED_MAX = 0.5
# Longer words next to a name are rare: only words up to this length are looked up.
ROLE_WORD_MAX = 4
# The most the context can add to a Chinese reading (post before, post or listed follower
# with its role evidence after, a jieba name, a speaker's colon, and the bonus of a reading
# between a post and an acting follower). Readings that cannot reach the threshold even so
# are not scored in full: the bound must be a true bound, or 局长|金山|主持 is cut unread.
BEST_CONTEXT = (
    AFTER_POST + max(BEFORE_POST, BEFORE_FOLLOWER + ROLE_MAX) + JIEBA_PERSON + SPEAKER + BETWEEN_POST_AND_FOLLOWER
)
# The most the right edge, the word list, a speaker's colon and the post-and-follower bonus can still add
# once the left is known.
BEST_AFTER_LEFT = (
    max(BEFORE_POST, BEFORE_FOLLOWER + ROLE_MAX, BEFORE_PREDICATE + ROLE_MAX)
    + JIEBA_PERSON
    + SPEAKER
    + BETWEEN_POST_AND_FOLLOWER
)

# A Latin word standing alone: letters (and digits after the first letter), not part of a longer token.
_LATIN_WORD = regex.compile(r"(?<![A-Za-z0-9._@/-])[A-Za-z][A-Za-z0-9]{1,15}(?![A-Za-z0-9._@/-])")
_PUNCTUATION = regex.compile(r"[\p{P}\p{S}\s]")
_DAY_OF_MONTH = regex.compile(r"(?:[1-9]|[12]\d|3[01]|[一二三四五六七八九十]{1,3})日(?![元本])")  # not 日元, 日本
_HAN = regex.compile(r"\p{Han}")
_HAN_RUN = regex.compile(r"\p{Han}+")
# A Latin spelling in brackets: words of letters (at least one lowercase: not an acronym such as CEO).
_BRACKETED_LATIN = regex.compile(r"[(（]((?=[^)）]*[a-z])[A-Za-z][A-Za-z.'\- ]{1,40}[A-Za-z.])[)）]")
_LATIN_BEFORE_BRACKET = regex.compile(r"(?<![A-Za-z0-9._@/-])([A-Za-z][A-Za-z0-9]{1,20}(?: [A-Z][A-Za-z]{1,20})?)[(（]$")
# Enumerations: a list comma, or 和/与/及 between two names; an item runs to the next separator.
_LIST_SEPARATOR = regex.compile(r"、|和|与|及|以及")
_LIST_SEPARATOR_BEFORE = regex.compile(r"(?:、|和|与|及|以及)$")
_LIST_ITEM = regex.compile(r"(\p{Han}{2,6}|\p{Han}{2,8}·\p{Han}{2,8}|[A-Za-z][A-Za-z0-9]{1,15})(?=[、，。；：,;:!！?？）)”\s]|和|与|及|以及|等|$)")
_LIST_ITEM_BEFORE = regex.compile(r"(?:^|(?<=[、，。；：,;:!！?？（(“\s]))(\p{Han}{2,6}|\p{Han}{2,8}·\p{Han}{2,8}|[A-Za-z][A-Za-z0-9]{1,15})$")
_SENTENCE_ENDS = frozenset("\n。！？!?；;】]")
# A name dot between two Han characters (any script of the parts).
_NAME_DOT = regex.compile(r"(?<=\p{Han})[%s](?=\p{Han})" % regex.escape(foreign.NAME_DOTS))
# How far a dotted name's outer parts are looked for, and the most dots one name has.
_DOTTED_REACH = 9
MAX_DOTS = 3
# The longest a dotted part may be when nothing but the end of the Han stretch bounds it.
DOTTED_PART_MAX = 6
_WORK_TITLE = regex.compile(r"《[^《》\n]{0,80}》")
# Spaces that traditional-script pages put inside two-character names (袁 睿).
_INNER_SPACE = regex.compile(r"[ \u3000]{1,2}")
# Three to eight Han letters each set apart by one space (扎 西 才 让).
_LETTER_SPACED_RUN = regex.compile(r"\p{Han}(?: \p{Han}){2,7}")
# The two given characters of a letter-spaced name, each after one space (黃 建 明).
_LETTER_SPACED_GIVEN = regex.compile(r"[ \u3000](\p{Han})[ \u3000](\p{Han})")
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
    found: list[PersonCandidate] = []
    clan_reading = _clan_name_at(start, ctx, lex, floor)
    if clan_reading is not None:
        found.append(clan_reading)
    surname = lex.surname_at(text, start)
    if surname is None:
        return found
    given_start = start + len(surname)
    honorific = _honorific_at(text, given_start, lex)
    if honorific > 1:
        return []  # 王先生, 李老师: a surname with a form of address is no name
    left: list[float] = []  # the left context, the same for every reading: read once
    for length in (2, 1):
        if honorific and length == 1:
            continue  # 李总, 林家: but 林家彬 may be a name, scored as any other
        given = text[given_start : given_start + length]
        if len(given) != length or not all(_HAN.match(char) for char in given):
            continue
        end = given_start + length
        score = _score(start, end, surname, given, ctx, lex, floor, left)
        found.append(PersonCandidate(start, end, surname + given, score))
    spaced_readings = (
        _spaced_single(start, surname, ctx, lex),
        _spaced_double(start, surname, ctx, lex),
        _letter_spaced(start, surname, ctx, lex),
    )
    for spaced in spaced_readings:
        if spaced is not None:
            found.append(spaced)
    return found


def _clan_name_at(start: int, ctx: Context, lex: Lexicon, floor: float) -> Optional[PersonCandidate]:
    """吉克阿呷, 沙马拉且: a Yi family name (clan_names.txt) and two more characters.

    The personal name's syllables are unknown to the Han given-name statistics, so the
    family name stands as the evidence (CLAN_NAME) and the context decides, as for a
    Chinese reading; a reading that is a word or a place, or crosses a word, loses as one.
    """
    text = ctx.text
    clan = text[start : start + 2]
    end = start + 4
    if clan not in lex.clan_names or end > len(text) or not _HAN_RUN.fullmatch(text, start + 2, end):
        return None
    name = text[start:end]
    if _barred(name, start, end, ctx, lex) or lex.division(name) is not None:
        return None
    known = lex.common_words.get(name)
    evidence = CLAN_NAME + (KNOWN_WORD[known] if known is not None else 0.0)
    return PersonCandidate(start, end, name, _in_context(start, end, name, evidence, known is None, ctx, lex, floor))


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
        score = evidence + _left(start, ctx, lex) + _right(end, ctx, lex) + _speaker(start, end, ctx.text)
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
        score = evidence + _left(start, ctx, lex) + _right(end, ctx, lex) + _speaker(start, end, ctx.text)
        if score >= threshold:
            found.append(PersonCandidate(start, end, word, score))
    return found


def coordinated(persons: list[PersonCandidate], ctx: Context, lex: Lexicon, threshold: float) -> list[PersonCandidate]:
    """Names listed with a name: 布丰、格罗索、马特拉齐 or 王刚和李明.

    Items of one enumeration are of one kind, so an item next to a person
    needs less evidence (``COORDINATED`` below the threshold); it must fill
    its item exactly, from separator to separator.
    """
    text = ctx.text
    taken = bytearray(len(text))
    for person in persons:
        taken[person.start : person.end] = b"\x01" * (person.end - person.start)
    foreign_at: Optional[dict[int, list[PersonCandidate]]] = None
    found: list[PersonCandidate] = []
    queue = list(persons)
    while queue:
        person = queue.pop()
        for start, end_limit in _neighbour_items(person, text):
            if any(taken[start:end_limit]) or any(ctx.blocked[start:end_limit]):
                continue
            if foreign_at is None:
                foreign_at = {}
                for candidate in foreign_candidates(ctx, lex, float("-inf")) + latin_candidates(ctx, lex, float("-inf")):
                    foreign_at.setdefault(candidate.start, []).append(candidate)
            readings = candidates_at(start, ctx, lex, threshold - COORDINATED) + foreign_at.get(start, [])
            fitting = [c for c in readings if c.end == end_limit and c.score >= threshold - COORDINATED]
            if not fitting:
                continue
            best = max(fitting, key=lambda c: c.score)
            taken[best.start : best.end] = b"\x01" * (best.end - best.start)
            found.append(best)
            queue.append(best)
    return found


def _neighbour_items(person: PersonCandidate, text: str) -> list[tuple[int, int]]:
    """(start, end) of the enumeration items right before and right after ``person``."""
    items = []
    separator = _LIST_SEPARATOR.match(text, person.end)
    if separator is not None:
        item = _LIST_ITEM.match(text, separator.end())
        if item is not None:
            items.append(item.span(1))
    separator = _LIST_SEPARATOR_BEFORE.search(text, max(0, person.start - 12), person.start)
    if separator is not None:
        item = _LIST_ITEM_BEFORE.search(text, max(0, separator.start() - 10), separator.start())
        if item is not None:
            items.append(item.span(1))
    return items


def bracketed_aliases(persons: list[PersonCandidate], ctx: Context) -> list[PersonCandidate]:
    """The other spelling of a name, in brackets right after it.

    康沃（Vadim Konval）, 斯基贝(michaelskibbe): a transliterated or Chinese
    name followed by its original Latin spelling; Sky(李晓峰): a Latin
    handle followed by the player's name. Both spellings name the person.
    """
    text = ctx.text
    known = {(person.start, person.end) for person in persons}
    found = []
    for person in persons:
        after = _BRACKETED_LATIN.match(text, person.end)
        if after is not None:
            start, end = after.span(1)
            if (start, end) not in known and not any(ctx.blocked[start:end]):
                found.append(PersonCandidate(start, end, text[start:end], person.score))
        if person.start > 0 and text[person.start - 1] in "(（" and text[person.end : person.end + 1] in ")）":
            before = _LATIN_BEFORE_BRACKET.search(text, max(0, person.start - 41), person.start)
            if before is not None:
                start, end = before.span(1)
                if (start, end) not in known and not any(ctx.blocked[start:end]):
                    found.append(PersonCandidate(start, end, text[start:end], person.score))
    return found


def sure_names(ctx: Context, lex: Lexicon, threshold: float = DEFAULT_THRESHOLD) -> list[PersonCandidate]:
    """Dotted names, then minority and credited names that overlap none of them: names sure of their edges."""
    found = dotted_names(ctx, lex, threshold)
    for candidate in minority_names(ctx, lex, threshold) + credited_names(ctx, lex):
        if not any(candidate.start < other.end and other.start < candidate.end for other in found):
            found.append(candidate)
    return found


def credited_names(ctx: Context, lex: Lexicon) -> list[PersonCandidate]:
    """The name a byline credits: （记者马力）, （实习编辑婷婷）, 本报记者晓风深圳报道.

    A credit word (记者, 通讯员, 编辑: bylines.json) recognised as a post, at the
    head of a credit (an opening bracket just before it, or the start of a
    line), is followed by the name, which ends at a closing bracket, a list
    comma, a slash, a space or the end of the text, or before a dateline (a
    place and 报道 / 电). The credit fixes both edges, so a name that is also
    a word (马力, 金融) is read there too; names glued together (贾鹏陈博) are
    split (``split_glued_names``).
    """
    text = ctx.text
    found: list[PersonCandidate] = []
    for end in sorted(ctx.title_ends):
        if not _credit_word_before(text, end, lex) and not _credit_after_credited(text, end, found, lex):
            continue
        for size in range(2, GLUED_RUN[1] + 1):
            name_end = end + size
            if name_end > len(text) or not all(_HAN.match(char) for char in text[end:name_end]):
                break
            if any(ctx.blocked[end:name_end]):
                break
            if _credit_boundary(text, name_end, lex) or _credit_word_opens(text, name_end, ctx, lex):
                credited = text[end:name_end]
                glued = split_glued_names(credited, lex)
                if glued is not None:
                    found.extend(PersonCandidate(end + low, end + high, credited[low:high], CREDITED_NAME) for low, high in glued)
                elif size <= 4 and _credit_name_like(credited, lex):
                    found.append(PersonCandidate(end, name_end, credited, CREDITED_NAME))
                break
    return found


def split_glued_names(word: str, lex: Lexicon) -> Optional[tuple[tuple[int, int], ...]]:
    """The names of a credited run written with nothing between them: 贾鹏陈博 -> 贾鹏, 陈博.

    Each piece is a surname (compound or single) and one or two given-name
    characters, scoring GLUED_PIECE_MIN or more; of the splits into two or more
    pieces the one with the best mean score wins. None when the run is one name
    written with a compound surname (欧阳锦全) or no split reads as names.
    """
    if not GLUED_RUN[0] <= len(word) <= GLUED_RUN[1] or not _HAN_RUN.fullmatch(word):
        return None
    if len(word) == 4 and word[:2] in lex.compound_surnames:
        return None
    best: Optional[tuple[float, tuple[tuple[int, int], ...]]] = None
    for pieces in _glued_splits(word, 0, lex):
        if len(pieces) < 2:
            continue
        mean = sum(score for _, _, score in pieces) / len(pieces)
        if best is None or mean > best[0]:
            best = (mean, tuple((start, end) for start, end, _ in pieces))
    return best[1] if best else None


def _glued_splits(word: str, start: int, lex: Lexicon) -> Iterator[list[tuple[int, int, float]]]:
    if start == len(word):
        yield []
        return
    surnames = {word[start : start + 2], word[start]} & (lex.compound_surnames | lex.surnames)
    for surname in surnames:
        for given_size in (1, 2):
            end = start + len(surname) + given_size
            if end > len(word):
                continue
            score = lex.surname_score(surname) + _given_score(word[start + len(surname) : end], lex)
            if score < GLUED_PIECE_MIN:
                continue
            for rest in _glued_splits(word, end, lex):
                yield [(start, end, score)] + rest


def _credit_word_before(text: str, end: int, lex: Lexicon) -> bool:
    """A credit word ends at ``end`` and opens its credit: after a bracket or at the head of
    a line, with at most a short qualifier between (（实习编辑, 本报记者)."""
    for size in _CREDIT_WORD_SIZES:
        start = end - size
        if start >= 0 and text[start:end] in lex.byline_before:
            for qualifier in range(0, _CREDIT_QUALIFIER + 1):
                head = start - qualifier
                if head < 0 or (qualifier and not _HAN.match(text[head])):
                    break
                if head == 0 or text[head - 1] in _CREDIT_OPENERS or text[head - 1].isspace():
                    return True
            return False
    return False


def _credit_after_credited(text: str, end: int, found: list[PersonCandidate], lex: Lexicon) -> bool:
    """（实习生李泽玲记者金融）: a credit word right after a name an earlier credit word gave."""
    if not found:
        return False
    word = text[found[-1].end : end]
    return len(word) in _CREDIT_WORD_SIZES and word in lex.byline_before


def _credit_word_opens(text: str, position: int, ctx: Context, lex: Lexicon) -> bool:
    """A credit word of two or more characters, recognised as a post, opens at ``position``."""
    return position in ctx.title_starts and any(text[position : position + size] in lex.byline_before for size in _CREDIT_WORD_SIZES)


def _credit_name_like(name: str, lex: Lexicon) -> bool:
    """A surname opens the credited span, or a character common in given names (晓雯, 欣然
    but not 之家, 中心); and the word list does not know it as a body or a place."""
    if lex.common_words.get(name) in ("body", "place") or lex.division(name) is not None:
        return False
    return lex.surname_at(name, 0) is not None or lex.given_any_score(name[0]) > 0


def _credit_boundary(text: str, position: int, lex: Lexicon) -> bool:
    if position >= len(text) or text[position] in _CREDIT_ENDS:
        return True
    for size in (2, 3):
        place = text[position : position + size]
        if len(place) == size and lex.division(place) is not None and text.startswith(_DATELINE_WORDS, position + size):
            return True
    return False


def dotted_names(ctx: Context, lex: Lexicon, threshold: float = DEFAULT_THRESHOLD) -> list[PersonCandidate]:
    """Names of Han parts joined by a name dot: 热合曼·托乎提, 努尔兰·阿不都满金.

    Uyghur, Kazakh and other names are written in parts joined by a dot,
    with characters outside the transliteration table (合, 乎, 不, 满). The
    dots fix the inside; the outer edges are where a post, punctuation, an
    introducer (由, 会见) ends before the first part and where a follower
    (在, 主持, 、) or a post starts after the last part, nearest to the dots.
    """
    text = ctx.text
    found = []
    for low, dots, high in _dotted_stretches(text):
        middles = list(zip(dots, dots[1:]))
        if any(right - left < 3 or right - left > DOTTED_PART_MAX + 1 for left, right in middles):
            continue  # a middle part of one character (文·图 bylines) or a whole clause
        if any(_LIST_SEPARATOR.search(text, left, right) or _holds_common_word(left + 1, right, ctx, lex, tags=False) for left, right in middles):
            continue  # 劳拉·琳妮和菲利普·西摩尔: two names, each read on its own
        if _transliterated(dots, _known_first_part_start(low, dots[0], ctx, lex), ctx, lex):
            continue  # 詹姆斯·卡梅隆: a transliteration run, read by foreign_candidates
        start = _dotted_start(low, dots[0], ctx, lex)
        end = _dotted_end(dots[-1] + 1, high, ctx, lex)
        if start is None or end is None or any(ctx.blocked[start:end]):
            continue
        # Only the Han stretch bounds the first part (，龙湖·花墅香醍): a name only if no
        # part holds a word, and a follower word or a post ends the last part.
        after_post = _after_post(start, ctx)
        loose = start == low and not after_post
        parts = zip([start - 1] + dots, dots + [end])
        if loose and (end == high or any(_holds_common_word(left + 1, right, ctx, lex) for left, right in parts)):
            continue
        if not after_post and end not in ctx.title_starts and _holds_common_word(dots[-1] + 1, end, ctx, lex, words=False):
            continue  # 这就是|汤姆, 泰勒|拥有: the last part runs into the sentence
        score = DOTTED_NAME + _left(start, ctx, lex) + _right(end, ctx, lex) + _speaker(start, end, text)
        if score >= threshold:
            found.append(PersonCandidate(start, end, text[start:end], score))
    return found


def _after_post(start: int, ctx: Context) -> bool:
    """A post ends at ``start``, or right before the spaces before it (计量处处长 阿依古丽·买买提)."""
    position = start
    while position > 0 and start - position < _MAX_SPACES_AFTER_POST and ctx.text[position - 1] in " \u3000":
        position -= 1
    return position in ctx.title_ends


_MAX_SPACES_AFTER_POST = 2


def _dotted_stretches(text: str) -> list[tuple[int, list[int], int]]:
    """(low, dots, high) for each group of name dots joined by Han characters.

    ``low`` and ``high`` are where the Han characters around the group stop,
    looking at most ``_DOTTED_REACH`` characters out: one more than an outer
    part may have, so an edge that far out is never taken for a stretch edge.
    Linear in the text: every character is looked at a bounded number of times.
    """
    groups: list[list[int]] = []
    for dot in _NAME_DOT.finditer(text):
        position = dot.start()
        previous = groups[-1][-1] if groups else -10
        between = text[previous + 1 : position]
        if groups and 0 < len(between) <= _DOTTED_REACH and all(_HAN.match(char) for char in between):
            groups[-1].append(position)
        else:
            groups.append([position])
    stretches = []
    for dots in groups:
        if len(dots) > MAX_DOTS:
            continue
        low = dots[0]
        while low > 0 and dots[0] - low < _DOTTED_REACH and _HAN.match(text[low - 1]):
            low -= 1
        high = dots[-1] + 1
        while high < len(text) and high - dots[-1] - 1 < _DOTTED_REACH and _HAN.match(text[high]):
            high += 1
        stretches.append((low, dots, high))
    return stretches


def _transliterated(dots: list[int], known_start: Optional[int], ctx: Context, lex: Lexicon) -> bool:
    """A dotted transliteration run covers every dot, with parts of two characters or more,
    up to the end of the name: 叶尔兰·努尔兰|别克 is read as a dotted name, not as its run,
    and so is 巴合|提亚尔·努尔兰, whose known first part (``known_start``) runs back past the run."""
    for run in ctx.runs:
        if run.dotted and run.start <= dots[0] and dots[-1] < run.end:
            if known_start is not None and known_start < run.start:
                return False
            return all(len(part) >= 2 for part in run.parts) and _run_is_whole(run, ctx, lex)
    return False


def _run_is_whole(run: foreign.Run, ctx: Context, lex: Lexicon) -> bool:
    """The run ends where a name may: not before more Han characters that no follower word or post opens."""
    text = ctx.text
    return run.end >= len(text) or not _HAN.match(text[run.end]) or run.end in ctx.title_starts or _follower_at(text, run.end, lex)


def _holds_common_word(start: int, end: int, ctx: Context, lex: Lexicon, words: bool = True, tags: bool = True) -> bool:
    """A word of two or more characters inside ``[start, end)``.

    ``words``: one the word list knows; ``tags``: one jieba tags as no name (a verb, adverb, pronoun…).
    """
    index = ctx.view.index_at(start)
    tokens = ctx.view.tokens
    while 0 <= index < len(tokens) and tokens[index].start < end:
        token = tokens[index]
        if token.end <= end and len(token.text) >= 2 and (
            (words and token.text in lex.common_words) or (tags and token.pos in _WORD_TAGS_NOT_NAME)
        ):
            return True
        index += 1
    return False


def _known_first_part_start(low: int, dot: int, ctx: Context, lex: Lexicon) -> Optional[int]:
    """副州长|巴合提亚尔·: the start of a known name part ending at the first dot, where a name may start."""
    for start in range(max(low, dot - 8), dot - 2):
        if ctx.text[start:dot] in _dotted_parts() and _name_may_start(start, low, ctx, lex):
            return start
    return None


def _dotted_start(low: int, dot: int, ctx: Context, lex: Lexicon) -> Optional[int]:
    text = ctx.text
    known = _known_first_part_start(low, dot, ctx, lex)
    if known is not None:
        return known  # the known first part wins over a shorter reading
    for start in range(dot - 2, max(low, dot - 8) - 1, -1):
        if start in ctx.title_ends or (start == low and dot - start <= DOTTED_PART_MAX):
            return start
        if _after_introducer(start, text, lex) or _after_person_noun(start, ctx):
            return start  # 由|, 消费者代表|帕提曼·吐尔洪
    return None


def _dotted_end(low: int, high: int, ctx: Context, lex: Lexicon) -> Optional[int]:
    text = ctx.text
    known = _known_last_part_end(low, high, ctx, lex)
    if known is not None:
        return known
    for end in range(low + 2, min(high, low + 8) + 1):
        if end == high:
            return end if end - low <= DOTTED_PART_MAX else None
        if text[end] in _person_words()["place_following"]:
            return None  # 圣·莫尼卡|山
        if end in ctx.title_starts or _follower_at(text, end, lex):
            if end + 1 < high and _follower_at(text, end + 1, lex) and text[end] in foreign.translit_chars() \
                    and not _follower_at(text, end + 2, lex):
                return end + 1  # 阿合买提|出席: two followers overlap (提出, 出席); the name keeps its sound
            return end
        if is_minority_name(text[low:end]) and not _minority_pattern().match(text, end):
            return end  # 额尔敦·宝音|结合: a Mongolian or Tibetan last part ends where its name parts do
    return None


def _known_last_part_end(low: int, high: int, ctx: Context, lex: Lexicon) -> Optional[int]:
    """The end of the longest known name part opening the last part, where a name may end.

    买买提|出席: the follower 提出 would end the name after 买买; the known part wins.
    """
    text = ctx.text
    parts = _dotted_parts()
    longest = max(map(len, parts))
    end = next((end for end in range(min(high, low + longest), low, -1) if text[low:end] in parts), None)
    if end is not None and (end == high or end in ctx.title_starts or _follower_at(text, end, lex)):
        return end
    return None


def _name_may_start(start: int, low: int, ctx: Context, lex: Lexicon) -> bool:
    """After a post, at the start of the Han stretch, or after a word that stands before names."""
    return start == low or start in ctx.title_ends or _after_introducer(start, ctx.text, lex)


def _after_introducer(start: int, text: str, lex: Lexicon) -> bool:
    """A word that stands before names (由, 会见) ends at ``start``."""
    return any(start >= size and text[start - size : start] in lex.before_name for size in (3, 2, 1))


@lru_cache(maxsize=1)
def _dotted_parts() -> frozenset[str]:
    return frozenset(part for line in load_lines("entities/dotted_name_parts.txt") for part in line.split())



def minority_names(ctx: Context, lex: Lexicon, threshold: float = DEFAULT_THRESHOLD) -> list[PersonCandidate]:
    """Tibetan and Mongolian names, which have no surname: 白玛赤林, 洛桑江村, 巴图孟和.

    Two or more name parts from minority_name_parts.txt in a row are a name;
    a single part (扎西) only with context, such as a post before it.
    """
    text = ctx.text
    found = []
    for match in _minority_pattern().finditer(text):
        start, end = match.span()
        if any(ctx.blocked[start:end]) or ctx.view.crosses(start, end):
            continue
        evidence = MINORITY_PARTS if len(match.captures(1)) >= 2 else MINORITY_SINGLE
        score = evidence + _left(start, ctx, lex) + _right(end, ctx, lex) + _speaker(start, end, text)
        if score >= threshold:
            found.append(PersonCandidate(start, end, text[start:end], score))
    return found + _letter_spaced_minority_names(ctx, lex, threshold)


def _letter_spaced_minority_names(ctx: Context, lex: Lexicon, threshold: float) -> list[PersonCandidate]:
    """扎 西 才 让: a Tibetan or Mongolian name set apart letter by letter, read whole when its
    letters joined are two or more name parts."""
    text = ctx.text
    found = []
    for run in _LETTER_SPACED_RUN.finditer(text):
        start, end = run.span()
        joined = run.group().replace(" ", "")
        parts = _minority_pattern().fullmatch(joined)
        if parts is None or len(parts.captures(1)) < 2 or any(ctx.blocked[start:end]):
            continue
        score = MINORITY_PARTS + _left(start, ctx, lex) + _right(end, ctx, lex) + _speaker(start, end, text)
        if score >= threshold:
            found.append(PersonCandidate(start, end, joined, score))
    return found


def is_minority_name(word: str) -> bool:
    """A word made of Tibetan or Mongolian name parts only (才让卓玛, 次仁, 娜仁)."""
    return _minority_pattern().fullmatch(word) is not None


@lru_cache(maxsize=1)
def _minority_pattern() -> regex.Pattern:
    parts = {part for line in load_lines("entities/minority_name_parts.txt") for part in line.split()}
    parts = sorted(parts, key=len, reverse=True)
    return regex.compile(r"(\L<parts>){1,3}", parts=parts)


def blocked_for_persons(text: str, taken: bytearray) -> bytearray:
    """``taken`` (bodies, posts) plus the inside of every work title: no name is read there.

    《哈姆雷特》, 《张居正》: a name inside title marks is part of the title of a
    book, film, game or document, not a mention of a person.
    """
    blocked = bytearray(taken)
    for match in _WORK_TITLE.finditer(text):
        blocked[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    return blocked


def transliteration_runs(text: str) -> tuple[tuple[foreign.Run, ...], dict[int, foreign.Run]]:
    """Every transliteration run, and the run of three or more characters holding each offset."""
    runs = tuple(foreign.runs(text))
    run_of = {offset: run for run in runs if run.end - run.start >= 3 for offset in range(run.start, run.end)}
    return runs, run_of


_HONORIFIC_PATTERNS: dict[frozenset[str], regex.Pattern] = {}


def _honorific_at(text: str, position: int, lex: Lexicon) -> int:
    """Length of the longest form of address at ``position`` (0 when none)."""
    pattern = _HONORIFIC_PATTERNS.get(lex.honorifics)
    if pattern is None:
        words = sorted(lex.honorifics, key=len, reverse=True)
        pattern = _HONORIFIC_PATTERNS[lex.honorifics] = regex.compile(r"\L<words>", words=words)
    found = pattern.match(text, position)
    return 0 if found is None else len(found.group())


def _acting_follower_at(text: str, position: int, lex: Lexicon) -> bool:
    """True when a word saying what a named person did (主持, 作, 说) starts at ``position``."""
    return _word_at(text, position, lex.acting_followers)


def _follower_at(text: str, position: int, lex: Lexicon) -> bool:
    """True when a word that follows names (说, 主持, 出席) starts at ``position``."""
    return _word_at(text, position, lex.after_name)


def _word_at(text: str, position: int, words: frozenset[str], shortest: int = 1) -> bool:
    """True when one of ``words``, of at least ``shortest`` characters, starts at ``position``."""
    return any(text[position : position + size] in words for size in _word_lengths(words) if size >= shortest)


@lru_cache(maxsize=8)
def _word_lengths(words: frozenset[str]) -> tuple[int, ...]:
    return tuple(sorted({len(word) for word in words}))


def _spaced_single(start: int, surname: str, ctx: Context, lex: Lexicon) -> Optional[PersonCandidate]:
    """袁 睿: a surname, a space, one given character, then a break."""
    text = ctx.text
    given_start = _space_after_surname(start, surname, text)
    if given_start is None:
        return None
    given = text[given_start : given_start + 1]
    after = text[given_start + 1 : given_start + 2]
    end = given_start + 1
    follower = _follower_at(text, end, lex)
    if not given or not _HAN.match(given) or (after and _HAN.match(after) and not follower):
        return None  # 王 明天…: a Han character after the given one, unless a word that follows names (冯 伟主持)
    score = lex.surname_score(surname) + lex.given_score(given, "single") + _left(start, ctx, lex)
    score += BEFORE_FOLLOWER if not after or _PUNCTUATION.match(after) or follower else 0.0
    return PersonCandidate(start, end, surname + given, score)


def _space_after_surname(start: int, surname: str, text: str) -> Optional[int]:
    """Where the given name starts after a surname set apart by a space (袁 睿), or None."""
    position = start + len(surname)
    if text[position : position + 1] not in (" ", "\u3000"):
        return None  # the usual case: no space after the surname
    space = _INNER_SPACE.match(text, position)
    return space.end() if space is not None else None


def _spaced_name_ends(end: int, ctx: Context, lex: Lexicon) -> bool:
    """A spaced name ends the clause, or meets a post or a word that follows names (黃 建 明主持)."""
    after = ctx.text[end : end + 1]
    return not (after and _HAN.match(after)) or end in ctx.title_starts or _follower_at(ctx.text, end, lex)


def _spaced_double(start: int, surname: str, ctx: Context, lex: Lexicon) -> Optional[PersonCandidate]:
    """莫 少华, 覃 志远陪同: a surname, a space, two given characters, then a break.

    Traditional-script pages set a space after the surname of a three-character
    name as well; the name must end the clause or meet a post or a word that
    follows names, as a spaced single must.
    """
    text = ctx.text
    given_start = _space_after_surname(start, surname, text)
    if given_start is None:
        return None
    end = given_start + 2
    given = text[given_start:end]
    if len(given) != 2 or not all(_HAN.match(char) for char in given) or not _spaced_name_ends(end, ctx, lex):
        return None
    if _word_at(text, end - 1, lex.after_name, shortest=2):
        return None  # 朴  英|陪同: the second character opens the follower, so the given name has one
    score = lex.surname_score(surname) + _given_score(given, lex) + _left(start, ctx, lex) + BEFORE_FOLLOWER
    return PersonCandidate(start, end, surname + given, score)


def _letter_spaced(start: int, surname: str, ctx: Context, lex: Lexicon) -> Optional[PersonCandidate]:
    """黃 建 明: every character of a three-character name set apart by one space (letter-spaced print).

    The name must end the clause, or be followed by a post or by a word that
    follows names (黃 建 明主持); a list of spaced two-character names (袁 睿 马文生)
    goes on with Han characters and is left to ``_spaced_single``.
    """
    text = ctx.text
    spaced = _LETTER_SPACED_GIVEN.match(text, start + len(surname))
    if spaced is None:
        return None
    end = spaced.end()
    if not _spaced_name_ends(end, ctx, lex):
        return None
    given = spaced.group(1) + spaced.group(2)
    score = lex.surname_score(surname) + _given_score(given, lex) + _left(start, ctx, lex) + BEFORE_FOLLOWER
    return PersonCandidate(start, end, surname + given, score)


def _barred(name: str, start: int, end: int, ctx: Context, lex: Lexicon) -> bool:
    """Never a name: a listed non-name (与会代表, 高质量), a stretch already taken, a foreign team."""
    return name in lex.not_names or any(ctx.blocked[start:end]) or foreign.is_team(name)


def _score(start: int, end: int, surname: str, given: str, ctx: Context, lex: Lexicon, floor: float, left: Optional[list[float]] = None) -> float:
    name = surname + given
    if _barred(name, start, end, ctx, lex):
        return float("-inf")
    score = _given_score(given, lex) + lex.surname_score(surname)
    if lex.division(name) is not None:
        score += PLACE_NAME  # 奉贤区委…: a place, not 奉 + 贤
    if name[-1] in _person_words()["place_final"]:
        score += PLACE_SUFFIX
    known = lex.common_words.get(name)
    if known is not None:
        score += KNOWN_WORD[known]
    elif len(given) == 2 and len(surname) == 1 and name[:2] in lex.common_words:
        score += OPENS_WITH_WORD  # 谢谢|王, 高峰|时: the name would start inside a word
    return _in_context(start, end, name, score, known is None, ctx, lex, floor, left)


def _in_context(
    start: int,
    end: int,
    name: str,
    evidence: float,
    unknown: bool,
    ctx: Context,
    lex: Lexicon,
    floor: float,
    left: Optional[list[float]] = None,
) -> float:
    """``evidence`` of a reading from its own characters, plus what its context says.

    -inf when even the best context cannot lift it to ``floor``. ``left`` caches the
    left context, the same for every reading opening at ``start``.
    """
    score = evidence
    if score + BEST_CONTEXT < floor:
        return float("-inf")
    if left is None:
        left = []
    if not left:
        left.append(_left(start, ctx, lex))
    score += left[0]
    if score + BEST_AFTER_LEFT < floor:
        return float("-inf")  # out of reach whatever follows: spare the look-ups on the right
    score += _right(end, ctx, lex) + _speaker(start, end, ctx.text)
    score += _words(start, end, name, unknown, ctx)
    if left[0] >= AFTER_POST and _acting_follower_at(ctx.text, end, lex):
        score += BETWEEN_POST_AND_FOLLOWER
    if ctx.run_of:
        run = ctx.run_of.get(start)
        if run is not None and (run.start < start or run.end > end):
            score += INSIDE_FOREIGN_RUN
    return score


def _given_score(given: str, lex: Lexicon) -> float:
    """The given-name score of ``given``, cached in the lexicon by its text."""
    key = (given, "given")
    score = lex._given_cache.get(key)
    if score is None:
        score = lex._given_cache[key] = _given_score_uncached(given, lex)
    return score


def _given_score_uncached(given: str, lex: Lexicon) -> float:
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
    role = _role_before(ctx, start)
    for size in (3, 2, 1):
        if start >= size and ctx.text[start - size : start] in lex.before_name:
            return AFTER_INTRODUCER + (role if size > 1 else min(role, ROLE_LISTED_MAX))
    if start > 0 and _after_person_noun(start, ctx):
        return AFTER_PERSON_NOUN + role
    return role


def _role_before(ctx: Context, start: int) -> float:
    """Evidence of the word ending at ``start`` for a name after it (see ROLE_*).

    The longest known word of two or more characters ending there; else the
    character before, if no longer token ends with it (的, 和, not the 了 of 为了).
    """
    if start == 0:
        return 0.0
    table, _, ends, _ = _ROLES or _role_context()
    text = ctx.text
    for size in ends.get(text[start - 1], ()):
        if size <= start:
            evidence = table.get(text[start - size : start])
            if evidence is not None:
                return evidence if size > 1 or not _in_longer_token(ctx, start, start - 1) else 0.0
    return 0.0


def _role_after(ctx: Context, end: int) -> float:
    """Evidence of the word opening at ``end`` for a name before it (see ROLE_*).

    The longest known word of two or more characters opening there; else the
    character there, if no longer token opens with it (说, not the 山 of 山东).
    """
    text = ctx.text
    if end >= len(text):
        return 0.0
    _, table, _, opens = _ROLES or _role_context()
    for size in opens.get(text[end], ()):
        evidence = table.get(text[end : end + size])
        if evidence is not None:
            return evidence if size > 1 or not _in_longer_token(ctx, end, end + 1) else 0.0
    return 0.0


def _in_longer_token(ctx: Context, edge: int, inner: int) -> bool:
    """A token of two or more characters has its edge at ``edge`` and runs on past ``inner``."""
    boundaries = ctx.view.boundaries
    return bool(boundaries) and edge in boundaries and inner not in boundaries


_ROLES: Optional[tuple] = None  # _role_context(), once loaded


def load_person_data() -> None:
    """Load the person data read lazily (the role counts), once per process."""
    if _ROLES is None:
        _role_context()


def _role_context() -> tuple[dict[str, float], dict[str, float], dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
    """Clipped, weighted log-odds per word of standing before / after a name (see ROLE_*),
    and the lengths of the words ending / opening with each character, longest first."""
    rows = []
    for line in load_lines("entities/name_roles.tsv"):
        word, *counts = line.split("\t")
        _, _, _, _, before, after, between, background = (int(count) for count in counts)
        if len(word) <= ROLE_WORD_MAX:
            rows.append((word, before + between, after + between, background))
    before_total = sum(row[1] for row in rows) or 1
    after_total = sum(row[2] for row in rows) or 1
    background_total = sum(row[3] for row in rows) or 1

    def evidence(count: int, total: int, background: int, weight: float) -> float:
        odds = math.log((count + ROLE_PSEUDO_COUNT) / total) - math.log((background + ROLE_BACKGROUND_PRIOR) / background_total)
        return min(max(weight * odds, ROLE_MIN), ROLE_MAX)

    before = {word: evidence(k, before_total, bg, ROLE_BEFORE_WEIGHT) for word, k, _, bg in rows}
    after = {word: evidence(l, after_total, bg, ROLE_AFTER_WEIGHT) for word, _, l, bg in rows}
    ends: dict[str, set[int]] = {}
    opens: dict[str, set[int]] = {}
    for word, *_ in rows:
        ends.setdefault(word[-1], set()).add(len(word))
        opens.setdefault(word[0], set()).add(len(word))

    def longest_first(sizes: dict[str, set[int]]) -> dict[str, tuple[int, ...]]:
        return {char: tuple(sorted(lengths, reverse=True)) for char, lengths in sizes.items()}

    global _ROLES
    _ROLES = (before, after, longest_first(ends), longest_first(opens))
    return _ROLES


def _after_person_noun(start: int, ctx: Context) -> bool:
    """市民|王刚, 集邮爱好者|柯明: a noun for a person right before, in apposition."""
    token = ctx.view.covering(start - 1)
    if token is None or token.end != start:
        return False
    words = _person_words()
    if token.text in words["nouns"]:
        return True
    return len(token.text) >= 2 and token.pos[:1] == "n" and not token.pos.startswith("nr") and token.text[-1] in words["endings"]


@lru_cache(maxsize=1)
def _person_words() -> dict[str, frozenset[str]]:
    context = load_json("entities/context.json")
    return {
        "nouns": frozenset(context["person_nouns"]),
        "endings": frozenset(context["person_noun_endings"]),
        "place_final": frozenset(context["place_final_chars"]),
        "place_following": frozenset(context["place_following_chars"]),
    }


def _speaker(start: int, end: int, text: str) -> float:
    """王刚：…: a name alone at the head of a line or sentence before a colon speaks (interviews, transcripts)."""
    if text[end : end + 1] not in ("：", ":"):
        return 0.0
    if start == 0 or text[start - 1] in _SENTENCE_ENDS:
        return SPEAKER
    return 0.0


def _after_spaces(text: str, start: int) -> int:
    """Where the spaces before ``start`` begin (局长 王 刚: the post ends there)."""
    while start > 0 and text[start - 1] in " \u3000":
        start -= 1
    return start


def _right(end: int, ctx: Context, lex: Lexicon) -> float:
    text = ctx.text
    if _NAME_DOT.match(text, end):
        return NAME_RUNS_ON  # 伊琳娜|•索科洛娃: the dot joins the reading to the next part of one name
    if end >= len(text) or _PUNCTUATION.match(text, end):
        return BEFORE_FOLLOWER
    if end in ctx.title_starts:
        return BEFORE_POST
    if _DAY_OF_MONTH.match(text, end):
        return BEFORE_FOLLOWER  # 伍立新9日在…表示: the day of what the person did, as a wire writes it
    if text[end] in _person_words()["place_following"] and lex.division(text[end : end + 2]) is None:
        return PLACE_SUFFIX  # 卢霍|山, 伍迪|岛: the reading is the head of a place name (but 王刚|山东)
    role = _role_after(ctx, end)
    for size in (2, 1):
        if text[end : end + size] in lex.after_name:
            return BEFORE_FOLLOWER + (role if size > 1 else min(role, ROLE_LISTED_MAX))
    following = ctx.view.covering(end)
    if following is not None and following.start == end and len(following.text) >= 2 and following.pos[:1] in _PREDICATE_TAGS:
        return BEFORE_PREDICATE + max(role, ROLE_PREDICATE_MIN)
    return UNEXPECTED_FOLLOWER + role


def _follower_glued(end: int, ctx: Context) -> bool:
    """闫秋实|在主会场: the name's last character and a following 在 make a word (实在), which says nothing against the name."""
    token = ctx.view.covering(end)
    return token is not None and token.start == end - 1 and token.end == end + 1 and ctx.text[end] in _GLUED_FOLLOWERS


# One-character followers that make common words with the character before them (实在, 正在, 现在).
_GLUED_FOLLOWERS = frozenset("在")


def _words(start: int, end: int, name: str, unknown: bool, ctx: Context) -> float:
    view = ctx.view
    score = 0.0
    if not view.is_boundary(start) or not (view.is_boundary(end) or _follower_glued(end, ctx)):
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
