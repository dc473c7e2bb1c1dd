"""Transliterated foreign names: runs of transliteration characters.

No surname anchors 温格 or 斯图尔特, so the unit is a *run*: the longest
stretch of characters from the transliteration table (translit_chars.txt),
optionally in parts joined by a name dot (詹姆斯·卡梅隆). A run is read as a
person when the name lexicon knows it, when it is, opens or ends with a
common foreign given or family name (foreign_common_names.txt: 约翰逊,
保罗|安德森), when it has two or more dotted parts, or when the context
says so (a post or occupation before it, a speech verb after it). A run the word list knows as a place, club or word (莫斯科,
阿森纳) or lists as a foreign team (foreign_teams.txt: 本菲卡, 沙尔克) is not a
person, and neither is one followed by a place or team word (维罗纳队,
斯卡拉歌剧院) or by a betting or league word (主胜, 保级), nor one after a
match word (vs, 做客, 逼平).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from qextract.data import load_json, load_lines
from qextract.entities.lexicon import Lexicon

# Scores, on the same scale as the Chinese-name scores in persons.py.
KNOWN_PART = 4.0
KNOWN_PART_PER_LOG_COUNT = 0.5
KNOWN_PART_CAP = 2.0
DOTTED = 5.0
LONG_RUN = 1.0  # three or more characters: less likely an ordinary word
SHORT_UNKNOWN = -2.0  # two unknown characters are as often a word as a name
# A common given or family name (foreign_common_names.txt) as the whole run.
COMMON_NAME = 4.0
# A run of two names without the dot (保罗安德森): both halves known.
TWO_KNOWN = 4.5
# A run that opens or ends with a common name, two or more characters left (迈克尔|欧文): half the evidence.
HALF_KNOWN = 2.5

# The dots that join the parts of a transliterated name (帕提曼·吐尔洪), in every script pages use,
# and the full stops that careless pages put in their place (宋蓬.西萨瓦): between Han characters
# a full stop of the Latin alphabet ends no Chinese sentence.
NAME_DOTS = "·•‧・.．"
_HYPHENS = "-－"


@dataclass(frozen=True)
class Run:
    start: int
    end: int
    parts: tuple[str, ...]
    dotted: bool  # joined by at least one name dot (hyphens alone join scores and places too)


@lru_cache(maxsize=1)
def _vocabulary() -> dict:
    chars = "".join(load_lines("entities/translit_chars.txt"))
    data = load_json("entities/foreign.json")
    char_class = regex.escape("".join(sorted(set(chars))))
    part = f"[{char_class}]{{1,10}}"
    joiner = f"[{regex.escape(NAME_DOTS + _HYPHENS)}]"
    return {
        "chars": frozenset(chars),
        # parts of at most ten characters joined by at most five dots: linear
        "run": regex.compile(f"{part}(?:{joiner}{part}){{0,5}}"),
        "joiner": regex.compile(f"({joiner})"),
        "not_after": frozenset(data["not_after"]),
        "not_after_sizes": sorted({len(word) for word in data["not_after"]}),
        "not_before": frozenset(data["not_before"]),
        "not_before_sizes": sorted({len(word) for word in data["not_before"]}),
        "teams": frozenset(load_lines("entities/foreign_teams.txt")),
        "common": frozenset(load_lines("entities/foreign_common_names.txt")),
    }


def is_team(word: str) -> bool:
    """A foreign sports club or team (沙尔克, 本菲卡, 湖人), from foreign_teams.txt."""
    return word in _vocabulary()["teams"]


def translit_chars() -> frozenset[str]:
    return _vocabulary()["chars"]


def runs(text: str) -> list[Run]:
    """Maximal runs of transliteration characters, with their dotted parts."""
    vocabulary = _vocabulary()
    found = []
    for match in vocabulary["run"].finditer(text):
        pieces = vocabulary["joiner"].split(match.group())
        parts = tuple(pieces[0::2])
        joiners = pieces[1::2]
        # 萨乌德·阿尔-哈拉比: a hyphen may join the pieces of one part of a dotted name
        found.append(Run(match.start(), match.end(), parts, any(j in NAME_DOTS for j in joiners)))
    return found


def reading(run: Run, text: str, lex: Lexicon) -> Optional[tuple[int, int, float]]:
    """(start, end, evidence before context) of the name reading of ``run``, or None."""
    if len(run.parts) > 1:
        evidence = _dotted_score(run, text, lex)
        return None if evidence is None else (run.start, run.end, evidence)
    whole = text[run.start : run.end]
    if len(whole) < 2 or not _possible_name(whole, run.start, run.end, text, lex):
        return None
    known = _known(whole, lex)
    if known is not None:
        return run.start, run.end, known
    return run.start, run.end, _composed(whole, lex)


def _composed(word: str, lex: Lexicon) -> float:
    """Evidence for an unknown run from the common names it is made of."""
    common = _vocabulary()["common"]
    if word in common:
        return COMMON_NAME
    best = LONG_RUN if len(word) >= 3 else SHORT_UNKNOWN
    for cut in range(2, len(word) - 1):
        head, tail = word[:cut], word[cut:]
        head_known = head in common or head in lex.foreign_names
        tail_known = tail in common or tail in lex.foreign_names
        if head_known and tail_known and (head in common or tail in common):
            return TWO_KNOWN
        if (head in common and len(tail) >= 2) or (tail in common and len(head) >= 2):
            best = max(best, HALF_KNOWN)
    return best


def _possible_name(word: str, start: int, end: int, text: str, lex: Lexicon) -> bool:
    if word in lex.common_words or lex.division(word) is not None or is_team(word):
        return False
    return not _blocked_by_neighbours(start, end, text)


def _dotted_score(run: Run, text: str, lex: Lexicon) -> Optional[float]:
    if _blocked_by_neighbours(run.start, run.end, text) or any(not part for part in run.parts):
        return None
    knowns = [_known(part, lex) for part in run.parts]
    if run.dotted:
        return DOTTED + max((known for known in knowns if known is not None), default=0.0) / 2
    # hyphens also join place names and scores: every part must be a known name
    if all(known is not None for known in knowns):
        return DOTTED
    return None


def _known(part: str, lex: Lexicon) -> Optional[float]:
    count = lex.foreign_names.get(part)
    if count is None:
        return None
    return KNOWN_PART + min(KNOWN_PART_CAP, KNOWN_PART_PER_LOG_COUNT * math.log(count + 1))


def _blocked_by_neighbours(start: int, end: int, text: str) -> bool:
    vocabulary = _vocabulary()
    if any(text[end : end + size] in vocabulary["not_after"] for size in vocabulary["not_after_sizes"]):
        return True
    return any(start >= size and text[start - size : start] in vocabulary["not_before"] for size in vocabulary["not_before_sizes"])
