"""Runs of mojibake: Chinese text whose bytes were decoded the wrong way.

Two accidents account for nearly all of it on scraped pages:

* **GBK read out of step.** A byte of a GBK stream is lost, so the decoder
  pairs the trail byte of one character with the lead byte of the next. Each
  pair decodes to some other, mostly rare character; a pair that is not valid
  GBK comes out as ``?`` (or U+FFFD). The decoder falls back in step by
  itself where a trail byte happens to be ASCII (traditional characters such
  as 給 = BD 6F leave an ``o``) or the text has an ASCII character.
* **UTF-8 read as GBK.** Each three-byte UTF-8 character becomes one and a
  half GBK characters (``鍏ㄥ浗``); a byte that pairs with nothing becomes ``?``.

Both are undone the same way: encode the garbled characters back to the
bytes they came from, then decode those bytes the right way (GBK one byte
away, or UTF-8). A ``?`` stands for one or two unknown bytes. Where a single
lost byte completes a character, the candidate is chosen by character
frequency, helped by the words it makes with its neighbours and by the
script (simplified or traditional) of the rest of the reading.

A reading is used only where every character it produces is common Chinese
or CJK punctuation and it is much more probable than the garbled text under
the frequency model. Guessed characters are kept only when they clearly beat
their rivals; the units they came from, and ``?`` marks beside a repair, are
reported with ``replacement=None`` so the pipeline can mask them. A dense
cluster of garbling signs that no reading explains is reported the same way.

Place in the chain: after pinyin annotations are removed (a stray annotation
behind a ``?``, such as ``?zāi)``, is taken into the run) and before script
and width conversion. Text already converted to simplified works too: each
garbled character is also tried as the traditional characters folding to it,
and ASCII as the full-width form it may have been narrowed from.

Speed: a single linear scan (standard ``re``, for its bitmap character
classes) finds anchors: ``?`` touching Han characters, a Latin letter wedged
between Han characters, and two signs of garbling close together (rare Han
characters, and symbols GBK keeps in its Greek, Cyrillic, kana, zhuyin and
box-drawing rows). Only clusters of two or more signs are decoded, each
region in one dynamic-programming pass.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple, Optional

import regex

from qextract.data import load_lines


@dataclass(frozen=True)
class MojibakeRun:
    """A garbled run: ``text[start:end]`` and its repaired reading, if certain."""

    start: int
    end: int
    replacement: Optional[str]
    confidence: float


# Frequency rank below which a Han character counts as common; 4,000 covers
# the 3,500 characters of everyday modern text with a margin.
COMMON_RANK = 4000
# From this rank on (or absent from the table) a character is a sign of garbling.
RARE_RANK = 4500

# Costs in nats, comparable with -log(frequency) of characters.
_FILL_COST = 3.0  # guessing the lost byte of a character
_DROP_COST = 10.0  # giving up a byte whose partner was lost
_QUESTION_COST = 13.0  # a ``?`` or U+FFFD
_LONE_ASCII_COST = 9.0  # a lone ASCII character among Han
_SYMBOL_COST = 13.0  # a Greek, Cyrillic, kana or box-drawing symbol among Han
_UNKNOWN_HAN_COST = 17.0  # a Han character the frequency table lacks

# A reading must gain this much over the garbled text, in total and per
# garbled unit; clean text stays far below (it gains nothing or loses).
_MIN_GAIN = 8.0
_MIN_GAIN_PER_UNIT = 2.0
_MIN_REPAIR_CHARS = 2

# Choosing the character for a lost byte.
# Word counts and character counts come from the same dictionary; a text has
# about 1.6 characters per word, so a word's probability is its count over
# the character total, times 1.6.
_WORD_SHARE = math.log(1.6)
_SCRIPT_PENALTY = math.log(50.0)  # a candidate in the other script from the reading
_MAX_CANDIDATES = 100  # the most frequent candidates weighed
_CLEAR_GUESS_SHARE = 0.9  # share of the candidates' probability a kept guess needs

# At a run's edge a byte may be mistaken as well as lost: a rare character
# there that makes no word with its neighbours is not trusted.
_WEAK_RANK = 2000
_EDGE = 3

_WINDOW = 28  # characters examined on each side of an anchor
_CLUSTER_GAP = 4  # units between two signs of garbling in one cluster
_REACH = 12  # units a run may extend past its outermost signs
_MAX_REGION = 120  # units decoded in one pass; keeps garbled pages linear
_SCRIPT_CONTEXT = 20  # characters either side that tell the page's script


def find_mojibake(text: str) -> list[MojibakeRun]:
    """Garbled runs in ``text``, sorted and disjoint, repaired where certain."""
    runs: list[MojibakeRun] = []
    for start, end in _windows(text):
        for units in _segments(text, start, end):
            garbled = _prefix_costs(units)
            for lo, hi in _regions(units):
                runs.extend(_runs_between(text, units, garbled, lo, hi))
    return _disjoint(runs)


# --------------------------------------------------------------------------
# Tables


class _Tables:
    """Frequency model, script folding and word list, loaded once."""

    def __init__(self) -> None:
        counts = {char: int(count) for char, count in _tsv("char_frequency.tsv")}
        total = float(sum(counts.values()))
        self.total = total
        ranked = sorted(counts, key=counts.__getitem__, reverse=True)
        self.rank: dict[str, int] = {char: index for index, char in enumerate(ranked)}
        self.logp: dict[str, float] = {char: math.log(count / total) for char, count in counts.items()}
        self.fold: dict[str, str] = dict(_tsv("traditional.tsv"))
        self.fold_table = str.maketrans(self.fold)  # one character for one, as str.translate wants
        self.variants: dict[str, list[str]] = {}
        for trad, simp in self.fold.items():
            self.variants.setdefault(simp, []).append(trad)
            if simp in counts and trad not in counts:
                # Traditional text is as frequent as its simplified form.
                self.logp[trad] = self.logp[simp]
                self.rank[trad] = self.rank[simp]
        self.simplified_only = frozenset(load_lines("mojibake/simplified_only.txt"))
        self.punctuation = {mark: float(cost) for mark, cost in _tsv("punctuation.tsv")}

    @property
    def words(self) -> dict[str, int]:
        return _words()

    def is_rare_han(self, char: str) -> bool:
        return _is_han(char) and self.rank.get(char, RARE_RANK) >= RARE_RANK

    def reading_cost(self, char: str) -> Optional[float]:
        """-log probability of ``char`` in a reading; None where a reading may not have it."""
        if char in self.punctuation:
            return self.punctuation[char]
        if self.rank.get(char, RARE_RANK) < COMMON_RANK:
            return -self.logp[char]
        return None

    def garbled_cost(self, char: str) -> float:
        """How unlikely ``char`` is as clean text."""
        if char in "?\ufffd":
            return _QUESTION_COST
        if char in self.logp:
            return -self.logp[char]
        if _is_han(char):
            return _UNKNOWN_HAN_COST
        if char in self.punctuation:
            return self.punctuation[char]
        if char.isascii():
            return self.punctuation.get(_widened(char), _LONE_ASCII_COST)
        return _SYMBOL_COST

    def script(self, text: str) -> int:
        """+1 if ``text`` leans traditional, -1 if simplified, 0 if it cannot tell."""
        traditional = sum(1 for char in text if char in self.fold)
        simplified = sum(1 for char in text if char in self.simplified_only)
        return (traditional > simplified) - (simplified > traditional)

    def in_script(self, char: str, script: int) -> bool:
        if script > 0:
            return char not in self.simplified_only
        if script < 0:
            return char not in self.fold
        return True

    def context_support(self, before: str, char: str, after: str) -> float:
        """How much better ``char`` reads among its neighbours than alone.

        ``before`` and ``after`` hold up to two neighbouring characters. The
        window is split the way a unigram word segmenter would, into words of
        the word list and single characters; the result is how much more
        probable the best split is than all single characters (0.0 if no word
        helps). A competing split counts too: in ``提?產品`` the candidate
        升 keeps 提升 and 產品, while 生 would take 生產 from 產品.
        """
        fold = self.fold_table
        before, char, after = before[-2:].translate(fold), char.translate(fold), after[:2].translate(fold)
        if not self._makes_word(before, char, after):
            # Most candidates (all but a few in a hundred) make no word here;
            # their support is that of the neighbours alone, the same for all.
            return self._neighbour_support(before, after)
        return self._best_split_gain(before + char + after)

    def _makes_word(self, before: str, char: str, after: str) -> bool:
        """Whether ``char`` makes a two- or three-character word with its (folded) neighbours."""
        words = self.words
        pieces = []
        if before:
            pieces.append(before[-1] + char)
        if after:
            pieces.append(char + after[0])
        if len(before) == 2:
            pieces.append(before + char)
        if before and after:
            pieces.append(before[-1] + char + after[0])
        if len(after) == 2:
            pieces.append(char + after)
        return any(piece in words for piece in pieces)

    @lru_cache(maxsize=4096)
    def _neighbour_support(self, before: str, after: str) -> float:
        # NUL is in no word: the split gain of the neighbours' own words.
        return self._best_split_gain(before + "\0" + after)

    def _best_split_gain(self, window: str) -> float:
        words = self.words
        best = [0.0] * (len(window) + 1)
        for end in range(1, len(window) + 1):
            best[end] = best[end - 1]
            for size in (2, 3):
                if end >= size:
                    piece = window[end - size : end]
                    count = words.get(piece, 0)
                    if count:
                        singles = sum(self.logp.get(c, -_UNKNOWN_HAN_COST) for c in piece)
                        best[end] = max(best[end], best[end - size] + math.log(count / self.total) + _WORD_SHARE - singles)
        return best[-1]

    def in_word(self, before: str, char: str, after: str) -> bool:
        """Whether ``char`` makes a two- or three-character word with its neighbours."""
        windows = (before[-1:] + char, char + after[:1], before[-2:] + char, before[-1:] + char + after[:1], char + after[:2])
        return any(len(w) > 1 and "".join(self.fold.get(c, c) for c in w) in self.words for w in windows)


def _tsv(name: str) -> list[list[str]]:
    return [line.split("\t") for line in load_lines(f"mojibake/{name}")]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    return _Tables()


@lru_cache(maxsize=1)
def _words() -> dict[str, int]:
    """Two- and three-character words; needed only once a lost byte is guessed."""
    return {word: int(count) for word, count in _tsv("words.tsv")}


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or "\U00020000" <= char <= "\U0002ffff"


def _widened(char: str) -> str:
    """The full-width form a page may have narrowed to ``char``."""
    return chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char


class _Candidate(NamedTuple):
    char: str
    cost: float


@lru_cache(maxsize=1)
def _gbk_candidates() -> tuple[dict[int, list[_Candidate]], dict[int, list[_Candidate]]]:
    """Common GBK Han characters by trail byte and by lead byte, most frequent first.

    Punctuation is never guessed for a lost byte: it would often win on
    frequency alone, and a wrong one breaks the sentence.
    """
    tables = _tables()
    by_trail: dict[int, list[_Candidate]] = {}
    by_lead: dict[int, list[_Candidate]] = {}
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            char = _gbk_pair(lead, trail)
            cost = tables.reading_cost(char) if _is_han(char) else None
            if cost is not None:
                by_trail.setdefault(trail, []).append(_Candidate(char, cost))
                by_lead.setdefault(lead, []).append(_Candidate(char, cost))
    for index in (by_trail, by_lead):
        for candidates in index.values():
            candidates.sort(key=lambda c: c.cost)
    return by_trail, by_lead


@lru_cache(maxsize=1)
def _utf8_candidates() -> dict[tuple[int, ...], list[_Candidate]]:
    """Common three-byte UTF-8 Han characters by their bytes with one unknown."""
    tables = _tables()
    index: dict[tuple[int, ...], list[_Candidate]] = {}
    for char in tables.rank:
        cost = tables.reading_cost(char)
        encoded = char.encode("utf-8")
        if cost is None or len(encoded) != 3:
            continue
        for hole in range(3):
            key = tuple(_WILD if i == hole else byte for i, byte in enumerate(encoded))
            index.setdefault(key, []).append(_Candidate(char, cost))
    for candidates in index.values():
        candidates.sort(key=lambda c: c.cost)
    return index


@lru_cache(maxsize=65536)
def _gbk_pair(lead: int, trail: int) -> str:
    try:
        char = bytes((lead, trail)).decode("gbk")
    except UnicodeDecodeError:
        return ""
    return char if len(char) == 1 else ""


# --------------------------------------------------------------------------
# Anchors: one scan over the whole text

# What GBK keeps in its symbol rows, where a misaligned pair often lands:
# Latin letters with diacritics (its pinyin row), Greek, Cyrillic, kana,
# zhuyin, box drawing, and the user-defined area some decoders map to
# private use.
_GARBLE_SYMBOLS = (
    "\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u2500-\u257f"
    "\u3040-\u30ff\u3100-\u312f\u31a0-\u31bf\ue000-\uf8ff"
)
_HAN_RANGES = "\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_SYMBOL = re.compile(f"[{_GARBLE_SYMBOLS}]")
_ODD_ASCII = "<>=@#$^&*_|~{}[]\\`"


@lru_cache(maxsize=1)
def _anchor_pattern() -> re.Pattern:
    """Places worth a closer look, in one linear scan.

    Standard ``re`` on purpose: it tests a large character class against a
    bitmap, some fifty times faster than ``regex`` here, and this scan reads
    every character of every page. No repetition is nested.
    """
    mark = f"[?\ufffd{_GARBLE_SYMBOLS}{_rare_han_class()}]"
    han = f"[{_HAN_RANGES}]"
    return re.compile(
        "|".join(
            (
                "\ufffd",
                f"\\?(?:(?<={han}\\?)(?=\\S)|(?<=\\S\\?)(?={han}))",  # ``?`` touching Han
                f"(?<={han})[A-Za-z{re.escape(_ODD_ASCII)}](?={han})",  # a letter wedged in Han
                f"{mark}\\S{{0,2}}{mark}",  # two signs close together
            )
        )
    )


def _rare_han_class() -> str:
    """The Han blocks minus the common characters, as ``re`` class ranges."""
    common = {ord(char) for char, rank in _tables().rank.items() if rank < RARE_RANK}
    ranges: list[str] = []
    for low, high in ((0x3400, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FFFF)):
        start = None
        for code in range(low, high + 2):
            rare = code <= high and code not in common
            if rare and start is None:
                start = code
            elif not rare and start is not None:
                ranges.append(chr(start) if start == code - 1 else f"{chr(start)}-{chr(code - 1)}")
                start = None
    return "".join(ranges)


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches of text around anchors, merged where they overlap."""
    windows: list[tuple[int, int]] = []
    for match in _anchor_pattern().finditer(text):
        left = max(0, match.start() - _WINDOW)
        right = min(len(text), match.end() + _WINDOW)
        if windows and left <= windows[-1][1]:
            windows[-1] = (windows[-1][0], right)
        else:
            windows.append((left, right))
    return windows


# --------------------------------------------------------------------------
# Units: the characters of a window as the bytes each may stand for

_PINYIN_TAIL = regex.compile(
    r"\(?(?=[a-z\u00e0-\u00fc]{0,6}[\u00e0-\u00fc\u0100-\u01dc])[a-z\u00e0-\u00fc\u0100-\u01dc]{1,7}\)"
)

_LOSS = "loss"  # ``?`` or U+FFFD
_TAIL = "tail"  # a pinyin annotation left behind a ``?``
_ASCII = "ascii"
_HAN = "han"
_OTHER = "other"


class _Unit(NamedTuple):
    start: int
    end: int
    kind: str
    options: tuple[tuple[int, ...], ...]  # the byte sequences it may stand for
    cost: float  # how unlikely it is as clean text
    marker: bool  # a sign of garbling in its own right


def _segments(text: str, start: int, end: int) -> list[list[_Unit]]:
    """Units of ``text[start:end]``, split wherever a character cannot be garbled."""
    segments: list[list[_Unit]] = [[]]
    position = start
    while position < end:
        unit = _unit_at(text, position)
        if unit is None:
            if segments[-1]:
                segments.append([])
            position += 1
            continue
        segments[-1].append(unit)
        position = unit.end
    return [segment for segment in segments if segment]


def _unit_at(text: str, position: int) -> Optional[_Unit]:
    char = text[position]
    if char in "?\ufffd":
        return _Unit(position, position + 1, _LOSS, ((_WILD,), (_WILD, _WILD)), _QUESTION_COST, True)
    if position and text[position - 1] in "?\ufffd":
        tail = _PINYIN_TAIL.match(text, position)
        if tail:
            return _Unit(position, tail.end(), _TAIL, ((),), 0.0, True)
    if char.isascii():
        return _ascii_unit(text, position) if _is_lone_ascii(text, position) else None
    options = _char_bytes(char)
    if not options:
        return None
    tables = _tables()
    if _is_han(char):
        return _Unit(position, position + 1, _HAN, options, tables.garbled_cost(char), tables.is_rare_han(char))
    return _Unit(position, position + 1, _OTHER, options, tables.garbled_cost(char), bool(_SYMBOL.match(char)))


def _is_lone_ascii(text: str, position: int) -> bool:
    """An ASCII character that is not part of a word, number or code."""
    char = text[position]
    if not char.isprintable() or char.isspace():
        return False
    before = text[position - 1] if position > 0 else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    return not (_is_ascii_word(before) or _is_ascii_word(after))


def _is_ascii_word(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "/-_.%&+")


def _ascii_unit(text: str, position: int) -> _Unit:
    char = text[position]
    options = list(_char_bytes(_widened(char)))  # a full-width form the page narrowed
    if 0x40 <= ord(char) <= 0x7E:
        options.append((ord(char),))  # a GBK trail byte that put the decoder back in step
    before = text[position - 1] if position > 0 else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    wedged = not before.isascii() and not after.isascii()
    marker = wedged and (char.isalpha() or char in _ODD_ASCII)
    return _Unit(position, position + 1, _ASCII, tuple(options), _tables().garbled_cost(char), marker)


@lru_cache(maxsize=8192)
def _char_bytes(char: str) -> tuple[tuple[int, ...], ...]:
    """GBK bytes of ``char`` and of each traditional character folding to it."""
    options = []
    for form in (char, *_tables().variants.get(char, ())):
        try:
            encoded = form.encode("gbk")
        except UnicodeEncodeError:
            continue
        if len(encoded) == 2:
            options.append(tuple(encoded))
    return tuple(options)


def _prefix_costs(units: list[_Unit]) -> list[float]:
    costs = [0.0]
    for unit in units:
        costs.append(costs[-1] + unit.cost)
    return costs


def _clusters(units: list[_Unit], lo: int = 0, hi: Optional[int] = None) -> list[tuple[int, int]]:
    """Unit ranges holding two or more signs of garbling close together.

    Loss marks alone do not make a cluster: question marks come in series.
    """
    hi = len(units) if hi is None else hi
    clusters: list[tuple[int, int]] = []
    group: list[int] = []
    for index in range(lo, hi + 1):
        if index < hi and not units[index].marker:
            continue
        if group and (index == hi or index - group[-1] > _CLUSTER_GAP):
            if len(group) >= 2 and any(units[i].kind not in (_LOSS, _TAIL) for i in group):
                clusters.append((group[0], group[-1] + 1))
            group = []
        group.append(index)
    return clusters


def _regions(units: list[_Unit]) -> list[tuple[int, int]]:
    """Clusters widened by how far a run may reach, merged, and cut to size."""
    regions: list[tuple[int, int]] = []
    for lo, hi in _clusters(units):
        lo, hi = max(0, lo - _REACH), min(len(units), hi + _REACH)
        if regions and lo <= regions[-1][1]:
            regions[-1] = (regions[-1][0], hi)
        else:
            regions.append((lo, hi))
    return [(start, min(start + _MAX_REGION, hi)) for lo, hi in regions for start in range(lo, hi, _MAX_REGION)]


# --------------------------------------------------------------------------
# Decoders: the bytes read the right way
#
# Each decoder is a small state machine over byte tokens, ``_WILD`` standing
# for an unknown byte. ``feed`` returns the new state, its cost and what it
# emitted (a character, a _Guess for a character with a lost byte, or None).

_WILD = -1  # a byte we do not know
_NONE = -2  # between characters
_DROP = -3  # the next byte is thrown away: its partner was lost

_Emit = Optional[tuple[object, float, object]]


class _Guess(NamedTuple):
    """A character with one lost byte: its candidates, most frequent first."""

    candidates: list[_Candidate]


class _GbkInStep:
    """GBK paired one byte away from where the garbling decoder paired it."""

    # Between characters; first byte thrown away (its lead byte was lost);
    # first byte completing a character whose lead byte was lost.
    initial = (_NONE, _DROP, _WILD)

    @staticmethod
    def idle(state) -> bool:
        return state in (_NONE, _DROP)

    @staticmethod
    def feed(pending, byte) -> _Emit:
        if pending == _NONE:
            if byte == _WILD or 0x81 <= byte <= 0xFE:
                return byte, 0.0, None
            return None  # an ASCII byte here: the decoder was never out of step
        if pending == _DROP:
            return _NONE, (_QUESTION_COST if byte == _WILD else _DROP_COST), None
        if pending == _WILD and byte == _WILD:
            return None
        if pending == _WILD or byte == _WILD:
            by_trail, by_lead = _gbk_candidates()
            candidates = by_trail.get(byte) if pending == _WILD else by_lead.get(pending)
            return (_NONE, candidates[0].cost + _FILL_COST, _Guess(candidates)) if candidates else None
        char = _gbk_pair(pending, byte)
        cost = _tables().reading_cost(char) if char else None
        return None if cost is None else (_NONE, cost, char)

    @staticmethod
    def finish(pending) -> tuple[float, object]:
        if pending in (_NONE, _DROP):
            return 0.0, None
        if pending == _WILD:
            return _QUESTION_COST, None  # a trailing ``?`` that begins nothing
        candidates = _gbk_candidates()[1].get(pending)
        if candidates:
            return candidates[0].cost + _FILL_COST, _Guess(candidates)
        return _DROP_COST, None


_UTF8_DROP = ("drop",)


class _Utf8:
    """UTF-8 bytes that a GBK decoder had paired into Chinese-looking characters."""

    # Between characters; inside a character whose lead byte was lost.
    initial = ((), _UTF8_DROP)

    @staticmethod
    def idle(state) -> bool:
        return state in ((), _UTF8_DROP)

    @staticmethod
    def feed(pending, byte) -> _Emit:
        if pending == _UTF8_DROP:
            if byte == _WILD:
                return _UTF8_DROP, _QUESTION_COST, None
            if 0x80 <= byte <= 0xBF:
                return _UTF8_DROP, _DROP_COST, None
            pending = ()
        if not pending:
            if byte == _WILD or 0xE0 <= byte <= 0xEF:
                return (byte,), 0.0, None
            return None
        if byte != _WILD and not 0x80 <= byte <= 0xBF:
            return None
        sequence = pending + (byte,)
        return (sequence, 0.0, None) if len(sequence) < 3 else _Utf8.character(sequence)

    @staticmethod
    def character(sequence: tuple[int, ...]) -> _Emit:
        holes = sequence.count(_WILD)
        if holes == 0:
            try:
                char = bytes(sequence).decode("utf-8")
            except UnicodeDecodeError:
                return None
            cost = _tables().reading_cost(char)
            return None if cost is None else ((), cost, char)
        candidates = _utf8_candidates().get(sequence) if holes == 1 else None
        return ((), candidates[0].cost + _FILL_COST, _Guess(candidates)) if candidates else None

    @staticmethod
    def finish(pending) -> tuple[float, object]:
        if pending in ((), _UTF8_DROP):
            return 0.0, None
        completed = _Utf8.character(pending + (_WILD,) * (3 - len(pending)))
        if completed is None:
            return sum(_QUESTION_COST if byte == _WILD else _DROP_COST for byte in pending), None
        return completed[1], completed[2]


_DECODERS = (_GbkInStep, _Utf8)


class _Step(NamedTuple):
    """One emitted character of a reading, linked to the one before."""

    previous: Optional["_Step"]
    item: object  # a character (str) or a _Guess
    first: int  # unit holding its first byte
    last: int  # unit holding its last byte


class _Reading(NamedTuple):
    gain: float  # how much cheaper than the garbled units, in nats
    start: int  # unit index
    end: int  # unit index, exclusive
    path: Optional[_Step]


class _Entry(NamedTuple):
    cost: float  # the reading so far plus the garbled cost of the units before it
    path: Optional[_Step]
    origin: int  # unit where the pending character began
    start: int  # unit where the reading began


def _best_reading(decoder, units: list[_Unit], lo: int, hi: int, garbled: list[float]) -> Optional[_Reading]:
    """The reading of some units[s:e] (lo <= s < e <= hi) that gains most.

    One pass: a reading may begin at any unit, entering with the garbled cost
    of the units before it, so the cheapest entry into each decoder state is
    also the best start. Equal gains go to the shorter run, so clean text
    read in step, which gains nothing, stays out of it.
    """
    states: dict = {}
    best: Optional[_Reading] = None
    for index in range(lo, hi):
        for state in decoder.initial:
            if state not in states or garbled[index] <= states[state].cost:
                states[state] = _Entry(garbled[index], None, index, index)
        states = _advance(decoder, states, units[index].options, index)
        for state, entry in states.items():
            extra, item = decoder.finish(state)
            gain = garbled[index + 1] - entry.cost - extra
            length = index + 1 - entry.start
            if best is None or gain > best.gain + 1e-6 or (gain > best.gain - 1e-6 and length < best.end - best.start):
                path = _Step(entry.path, item, entry.origin, index) if item is not None else entry.path
                best = _Reading(gain, entry.start, index + 1, path)
    return best


def _advance(decoder, states: dict, options, index: int) -> dict:
    """Every state reachable by feeding one unit, at its cheapest."""
    advanced: dict = {}
    for pending, entry in states.items():
        for option in options:
            state, cost, path, origin = pending, entry.cost, entry.path, entry.origin
            for byte in option:
                step = decoder.feed(state, byte)
                if step is None:
                    break
                if decoder.idle(state):
                    origin = index
                state, extra, item = step
                cost += extra
                if item is not None:
                    path = _Step(path, item, origin, index)
            else:
                if state not in advanced or cost < advanced[state].cost:
                    advanced[state] = _Entry(cost, path, origin, entry.start)
    return advanced


# --------------------------------------------------------------------------
# From the best reading to runs


class _Char(NamedTuple):
    char: str
    first: int  # unit index
    last: int
    share: float  # how clearly a guess beat its rivals (1.0 if read for certain)
    guessed: bool


def _runs_between(text: str, units: list[_Unit], garbled: list[float], lo: int, hi: int) -> list[MojibakeRun]:
    """Runs within units[lo:hi]: the best reading, then whatever lies beside it."""
    if hi <= lo or not any(unit.marker for unit in units[lo:hi]):
        return []
    readings = [_best_reading(decoder, units, lo, hi, garbled) for decoder in _DECODERS]
    reading = max((r for r in readings if r is not None), key=lambda r: r.gain, default=None)
    if reading is None or not _convincing(units, reading):
        return [run for a, b in _clusters(units, lo, hi) for run in _unreadable_cluster(units, a, b)]
    runs = _runs_from_reading(text, units, reading)
    start, end = reading.start, reading.end
    before = _loss_marks_beside(units, start - 1, -1, lo)
    if before:
        runs.append(_masked(units, before[0], start))
        start = before[0]
    after = _loss_marks_beside(units, end, +1, hi - 1)
    if after:
        runs.append(_masked(units, end, after[1]))
        end = after[1]
    return _runs_between(text, units, garbled, lo, start) + runs + _runs_between(text, units, garbled, end, hi)


def _convincing(units: list[_Unit], reading: _Reading) -> bool:
    garbled_units = sum(unit.kind != _TAIL for unit in units[reading.start : reading.end])
    return reading.gain >= _MIN_GAIN and reading.gain >= _MIN_GAIN_PER_UNIT * garbled_units


def _runs_from_reading(text: str, units: list[_Unit], reading: _Reading) -> list[MojibakeRun]:
    """The reading's trusted stretches as repairs; the units around them masked."""
    start_char, end_char = units[reading.start].start, units[reading.end - 1].end
    before, after = text[max(0, start_char - 2) : start_char], text[end_char : end_char + 2]
    context = text[max(0, start_char - _SCRIPT_CONTEXT) : start_char] + text[end_char : end_char + _SCRIPT_CONTEXT]
    chars = _resolve(reading.path, before, after, context)
    strength = 1.0 - math.exp(-reading.gain / _MIN_GAIN)
    runs: list[MojibakeRun] = []
    covered = reading.start
    for i, j in _trusted_stretches(chars, before, after):
        first = reading.start if i == 0 else chars[i].first
        last = reading.end if j == len(chars) else _past_tails(units, chars[j - 1].last + 1)
        repaired = "".join(c.char for c in chars[i:j])
        if repaired == text[units[first].start : units[last - 1].end]:
            continue
        if first > covered:
            runs.append(_masked(units, covered, first))
        confidence = strength * math.prod(c.share for c in chars[i:j])
        runs.append(MojibakeRun(units[first].start, units[last - 1].end, repaired, round(confidence, 3)))
        covered = last
    if covered < reading.end:
        runs.append(_masked(units, covered, reading.end))
    return runs


def _resolve(path: Optional[_Step], before: str, after: str, context: str) -> list[_Char]:
    """The reading's characters, with a choice made for each lost byte."""
    steps: list[_Step] = []
    while path is not None:
        steps.append(path)
        path = path.previous
    steps.reverse()
    tables = _tables()
    # The characters read for certain were encoded in the same script as the
    # lost ones; the surrounding text speaks only when they cannot tell.
    script = tables.script("".join(s.item for s in steps if isinstance(s.item, str))) or tables.script(context)
    chars: list[_Char] = []
    for index, step in enumerate(steps):
        if isinstance(step.item, str):
            chars.append(_Char(step.item, step.first, step.last, 1.0, False))
            continue
        previous = (before + "".join(c.char for c in chars))[-2:]
        choice, share = _choose(step.item.candidates, previous, _known_after(steps, index, after), script)
        chars.append(_Char(choice, step.first, step.last, share, True))
    return chars


def _known_after(steps: list[_Step], index: int, after: str) -> str:
    """Up to two characters read for certain after step ``index``."""
    known = ""
    for step in steps[index + 1 : index + 3]:
        if not isinstance(step.item, str):
            return known
        known += step.item
    if index + 3 > len(steps):
        known += after
    return known[:2]


def _choose(candidates: list[_Candidate], previous: str, following: str, script: int) -> tuple[str, float]:
    """The best candidate by frequency, words and script, and its share of the probability."""
    tables = _tables()
    scored = sorted(
        (
            -candidate.cost
            + tables.context_support(previous, candidate.char, following)
            - (0.0 if tables.in_script(candidate.char, script) else _SCRIPT_PENALTY),
            candidate.char,
        )
        for candidate in candidates[:_MAX_CANDIDATES]
    )
    top_score, top_char = scored[-1]
    return top_char, 1.0 / sum(math.exp(score - top_score) for score, _ in scored)


def _trusted_stretches(chars: list[_Char], before: str, after: str) -> list[tuple[int, int]]:
    """Stretches of trusted characters, long enough to stand as a repair.

    Characters read for certain inside a run are trusted. A guess is trusted
    only when it clearly beat its rivals. At the run's edges a byte may have
    been mistaken as well as lost, so a rare character there that makes no
    word with its neighbours is not trusted, nor anything between it and the edge.
    """
    trusted = [c.share >= _CLEAR_GUESS_SHARE for c in chars]
    weak = [_is_weak(chars, i, before, after) for i in range(len(chars))]
    head = [i for i in range(min(_EDGE, len(chars))) if weak[i]]
    for i in range(head[-1] + 1 if head else 0):
        trusted[i] = False
    tail = [i for i in range(max(0, len(chars) - _EDGE), len(chars)) if weak[i]]
    for i in range(tail[0] if tail else len(chars), len(chars)):
        trusted[i] = False
    stretches: list[tuple[int, int]] = []
    start = None
    for index, ok in enumerate(trusted + [False]):
        if ok and start is None:
            start = index
        elif not ok and start is not None:
            if index - start >= _MIN_REPAIR_CHARS:
                stretches.append((start, index))
            start = None
    return stretches


def _is_weak(chars: list[_Char], index: int, before: str, after: str) -> bool:
    tables = _tables()
    char = chars[index].char
    if char in tables.punctuation or tables.rank.get(char, RARE_RANK) < _WEAK_RANK:
        return False
    text = "".join(c.char for c in chars)
    previous = (before + text[:index])[-2:]
    following = (text[index + 1 : index + 3] + after)[:2]
    return not tables.in_word(previous, char, following)


def _past_tails(units: list[_Unit], end: int) -> int:
    """A pinyin annotation left behind a ``?`` goes with the ``?``."""
    while end < len(units) and units[end].kind == _TAIL:
        end += 1
    return end


def _loss_marks_beside(units: list[_Unit], index: int, direction: int, limit: int) -> Optional[tuple[int, int]]:
    """Loss marks and stray symbols right beside a reading (``?;`` before it).

    Plain punctuation on the far side of the last loss mark is the text going on.
    """
    taken: list[int] = []
    while (index - limit) * direction <= 0:
        unit = units[index]
        if unit.kind == _HAN or (unit.kind == _OTHER and not unit.marker):
            break
        taken.append(index)
        index += direction
    while taken and units[taken[-1]].kind == _ASCII and not units[taken[-1]].marker:
        taken.pop()
    if not any(units[i].kind == _LOSS for i in taken):
        return None
    return min(taken), max(taken) + 1


def _masked(units: list[_Unit], start: int, end: int) -> MojibakeRun:
    return MojibakeRun(units[start].start, units[end - 1].end, None, 0.5)


def _unreadable_cluster(units: list[_Unit], lo: int, hi: int) -> list[MojibakeRun]:
    """A dense cluster of garbling signs of more than one kind that no reading explains.

    One kind alone never qualifies: rare characters occur in names and terms,
    kana in Japanese names, and ``?`` ends questions.
    """
    cluster = units[lo:hi]
    markers = [unit for unit in cluster if unit.marker]
    kinds = {_LOSS if unit.kind == _TAIL else unit.kind for unit in markers}
    if len(markers) < 3 or len(kinds) < 2 or len(markers) * 2 < len(cluster):
        return []
    return [MojibakeRun(cluster[0].start, cluster[-1].end, None, round(min(1.0, len(markers) / 6), 3))]


def _disjoint(runs: list[MojibakeRun]) -> list[MojibakeRun]:
    """Sorted and without overlaps; touching masked runs are joined."""
    kept: list[MojibakeRun] = []
    for run in sorted(runs, key=lambda r: (r.start, -r.end)):
        if kept and run.start < kept[-1].end:
            continue
        if kept and run.replacement is None and kept[-1].replacement is None and run.start == kept[-1].end:
            kept[-1] = MojibakeRun(kept[-1].start, run.end, None, max(kept[-1].confidence, run.confidence))
            continue
        kept.append(run)
    return kept
