"""Runs of mojibake: Chinese text whose bytes were decoded the wrong way.

Two accidents account for nearly all of it on scraped pages:

* **GBK read out of step.** A byte is lost (or one too many is read) in a GBK
  stream, so the decoder pairs the trail byte of one character with the lead
  byte of the next. Every pair decodes to some other, mostly rare character;
  a pair that is not valid GBK comes out as ``?`` (or U+FFFD). The run ends
  by itself where a trail byte happens to be ASCII (``o`` in ``榻o``) or the
  text has an ASCII character, because the decoder is then back in step.
* **UTF-8 read as GBK.** Each three-byte UTF-8 character becomes one and a
  half GBK characters (``鍏ㄥ浗``); a byte left over at the end becomes ``?``.

Both are undone the same way: encode the garbled characters back to the bytes
they came from, then decode those bytes the right way (GBK one byte out of
step, or UTF-8). A ``?`` stands for one or two unknown bytes; where a single
unknown byte completes a character, the candidate giving the most frequent
character is chosen, preferring one that makes a word with its neighbour.

A reading is accepted only when every character it produces is common Chinese
(or CJK punctuation) and it is far more probable, under a character
frequency model, than the garbled text. Otherwise a run that is plainly
garbled is reported with ``replacement=None`` so the pipeline can mask it.

Assumed place in the chain: after pinyin annotations are removed (a stray
annotation left behind a ``?``, such as ``?(wù)`` or ``?zāi)``, is taken into
the run) and before script conversion. Text already converted to simplified
is handled too: a garbled character is also tried as each traditional
character that converts to it.

Speed: one linear regex finds anchors (``?`` next to Han characters, a lone
Latin letter between Han characters, symbols GBK keeps in its Greek, Cyrillic,
kana, zhuyin and box-drawing rows, two rare characters close together); only
around an anchor with a second sign of garbling does the decoding search run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple, Optional

import regex

_DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "mojibake"

# Rank (by frequency) below which a Han character counts as common. 4,000
# covers the 3,500 characters of everyday modern text with some margin.
COMMON_RANK = 4000
# A character this far down the table (or absent) is a sign of garbling.
RARE_RANK = 4500

_WILD = -1  # one byte we do not know
_NONE = -2  # decoder is between characters
_DROP = -3  # the next byte is discarded (its partner was lost)

# Score costs, in nats, relative to the frequency model.
_FILL_COST = 3.0  # guessing one lost byte of a character
_DROP_COST = 10.0  # giving up a byte whose partner was lost
_QUESTION_COST = 13.0  # a ``?`` / U+FFFD in the garbled text
_LONE_ASCII_COST = 9.0  # a lone ASCII character wedged between Han
_SYMBOL_COST = 13.0  # a Greek/Cyrillic/kana/box symbol among Han
_UNKNOWN_HAN_COST = 17.0  # a Han character the frequency table lacks
_PUNCT_COST = 5.0  # CJK punctuation in a reading
_WORD_UNIT = 20.0  # word frequency that doubles a guess's odds
_SCRIPT_PENALTY = math.log(50.0)  # a filled character in the other script from its context

# A reading must beat the garbled text by this much in total and per
# garbled character, which puts clean text far out of reach.
_MIN_GAIN = 12.0
_MIN_GAIN_PER_CHAR = 2.5
_MIN_READING_CHARS = 2

_WINDOW = 28  # units examined on each side of an anchor


@dataclass(frozen=True)
class MojibakeRun:
    """A garbled run: ``text[start:end]`` and its repaired reading, if certain."""

    start: int
    end: int
    replacement: Optional[str]
    confidence: float


# --------------------------------------------------------------------------
# Tables


class _Tables:
    """Frequency model, script folding and fill indexes, built once."""

    def __init__(self) -> None:
        counts = _load_counts()
        self.fold = _load_fold()
        total = float(sum(counts.values()))
        ranked = sorted(counts, key=counts.__getitem__, reverse=True)
        rank = {char: index for index, char in enumerate(ranked)}
        self.logp: dict[str, float] = {char: math.log(counts[char] / total) for char in counts}
        self.rank: dict[str, int] = dict(rank)
        self.variants: dict[str, list[str]] = {}
        for trad, simp in self.fold.items():
            self.variants.setdefault(simp, []).append(trad)
            if simp in counts and trad not in self.logp:
                self.logp[trad] = self.logp[simp]
                self.rank[trad] = rank[simp]
        self.punctuation = frozenset(_load_lines("punctuation.txt"))
        self.simplified_only = frozenset(_load_lines("simplified_only.txt"))
        self.words = {word: int(count) for word, count in (line.split("\t") for line in _load_lines("words.tsv"))}

    def is_common(self, char: str) -> bool:
        return self.rank.get(char, RARE_RANK) < COMMON_RANK or char in self.punctuation

    def is_rare_han(self, char: str) -> bool:
        return _is_han(char) and self.rank.get(char, RARE_RANK) >= RARE_RANK

    def reading_cost(self, char: str) -> Optional[float]:
        """Negative log-probability of ``char`` in a reading; None if not allowed."""
        if char in self.punctuation:
            return _PUNCT_COST
        if self.rank.get(char, RARE_RANK) < COMMON_RANK:
            return -self.logp[char]
        return None

    def garbled_cost(self, char: str) -> float:
        if char in "?\ufffd":
            return _QUESTION_COST
        if char in self.logp:
            return -self.logp[char]
        if _is_han(char):
            return _UNKNOWN_HAN_COST
        if char in self.punctuation:
            return _PUNCT_COST
        if char.isascii():
            return _PUNCT_COST if _widened(char) in self.punctuation else _LONE_ASCII_COST
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

    def folded(self, char: str) -> str:
        return self.fold.get(char, char)

    def word_support(self, before: str, char: str, after: str) -> float:
        """How strongly the words ``char`` makes with its neighbours vouch for it.

        ``before`` and ``after`` hold up to two neighbouring characters each;
        each two- or three-character word counts by its frequency.
        """
        windows = {before[-1:] + char, char + after[:1], before[-2:] + char, before[-1:] + char + after[:1], char + after[:2]}
        support = 0.0
        for window in windows:
            count = self.words.get("".join(self.folded(c) for c in window), 0) if len(window) > 1 else 0
            support += math.log1p(count / _WORD_UNIT)
        return support


def _widened(char: str) -> str:
    return chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char


def _load_lines(name: str) -> list[str]:
    with open(_DATA_DIR / name, encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip() and not line.startswith("#")]


def _load_counts() -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in _load_lines("char_frequency.tsv"):
        char, count = line.split("\t")
        counts[char] = int(count)
    return counts


def _load_fold() -> dict[str, str]:
    return dict(line.split("\t") for line in _load_lines("traditional.tsv"))


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    return _Tables()


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or "\U00020000" <= char <= "\U0002ffff"


class _Candidate(NamedTuple):
    char: str
    cost: float


@lru_cache(maxsize=1)
def _gbk_fills() -> tuple[dict[int, list[_Candidate]], dict[int, list[_Candidate]]]:
    """Common GBK Han characters indexed by trail byte and by lead byte.

    Punctuation is never guessed for a lost byte: it is frequent enough to win
    on frequency alone, yet a wrong guess would break the sentence.
    """
    tables = _tables()
    by_trail: dict[int, list[_Candidate]] = {}
    by_lead: dict[int, list[_Candidate]] = {}
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            char = _gbk_pair(lead, trail)
            cost = tables.reading_cost(char) if _is_han(char) else None
            if cost is None:
                continue
            by_trail.setdefault(trail, []).append(_Candidate(char, cost))
            by_lead.setdefault(lead, []).append(_Candidate(char, cost))
    for index in (by_trail, by_lead):
        for candidates in index.values():
            candidates.sort(key=lambda c: c.cost)
    return by_trail, by_lead


@lru_cache(maxsize=1)
def _utf8_fills() -> dict[tuple[int, ...], list[_Candidate]]:
    """Common three-byte UTF-8 characters indexed by their bytes with one unknown."""
    tables = _tables()
    index: dict[tuple[int, ...], list[_Candidate]] = {}
    for char in tables.rank:
        cost = tables.reading_cost(char)
        encoded = char.encode("utf-8")
        if cost is None or len(encoded) != 3:
            continue
        for hole in range(3):
            key = tuple(_WILD if i == hole else b for i, b in enumerate(encoded))
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
# Units: the garbled text as the bytes each character may stand for


_PINYIN_TAIL = regex.compile(
    r"\(?(?=[a-z\u00e0-\u00fc]{0,6}[\u00e0-\u00fc\u0100-\u01dc])[a-z\u00e0-\u00fc\u0100-\u01dc]{1,7}\)"
)
_GARBLE_SYMBOLS = (
    r"\p{Greek}\p{Cyrillic}\p{Hiragana}\p{Katakana}\p{Bopomofo}"
    r"\u2500-\u257f\ue000-\uf8ff\u00c0-\u00ff\u0100-\u024f"
)
_SYMBOL = regex.compile(rf"[{_GARBLE_SYMBOLS}]")
_ODD_ASCII = "<>=@#$^&*_|~{}[]\\`"

_LOSS = "loss"  # ``?`` or U+FFFD
_TAIL = "tail"  # pinyin annotation left behind a ``?``
_ASCII = "ascii"
_HAN = "han"
_OTHER = "other"


class _Unit(NamedTuple):
    start: int
    end: int
    kind: str
    options: tuple[tuple[int, ...], ...]  # byte sequences this unit may stand for
    cost: float  # how unlikely the unit is as clean text
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
    tables = _tables()
    char = text[position]
    if char in "?\ufffd":
        return _Unit(position, position + 1, _LOSS, ((_WILD,), (_WILD, _WILD)), _QUESTION_COST, True)
    if position and text[position - 1] in "?\ufffd":
        tail = _PINYIN_TAIL.match(text, position)
        if tail:
            return _Unit(position, tail.end(), _TAIL, ((),), 0.0, True)
    if char.isascii():
        if not _is_lone_ascii(text, position):
            return None
        return _ascii_unit(char, position, _is_wedged(text, position))
    options = _char_bytes(char)
    if not options:
        return None
    if _is_han(char):
        return _Unit(position, position + 1, _HAN, options, tables.garbled_cost(char), tables.is_rare_han(char))
    marker = bool(_SYMBOL.match(char))
    return _Unit(position, position + 1, _OTHER, options, tables.garbled_cost(char), marker)


def _is_lone_ascii(text: str, position: int) -> bool:
    char = text[position]
    if not char.isprintable() or char.isspace():
        return False
    before = text[position - 1] if position > 0 else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    return not (_is_ascii_word(before) or _is_ascii_word(after))


def _is_ascii_word(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "/-_.%&+")


def _is_wedged(text: str, position: int) -> bool:
    before = text[position - 1] if position > 0 else ""
    after = text[position + 1] if position + 1 < len(text) else ""
    return bool(before) and bool(after) and not before.isascii() and not after.isascii()


def _ascii_unit(char: str, position: int, wedged: bool) -> _Unit:
    options = list(_char_bytes(_widened(char)))  # a full-width form the page narrowed
    if 0x40 <= ord(char) <= 0x7E:
        options.append((ord(char),))  # a GBK trail byte that put the decoder back in step
    marker = wedged and (char.isalpha() or char in _ODD_ASCII)
    return _Unit(position, position + 1, _ASCII, tuple(options), _tables().garbled_cost(char), marker)


@lru_cache(maxsize=8192)
def _char_bytes(char: str) -> tuple[tuple[int, ...], ...]:
    """GBK bytes of ``char`` and of every traditional character folding to it."""
    options = []
    for form in [char, *_tables().variants.get(char, ())]:
        try:
            encoded = form.encode("gbk")
        except UnicodeEncodeError:
            continue
        if len(encoded) == 2:
            options.append(tuple(encoded))
    return tuple(options)


# --------------------------------------------------------------------------
# Readings: decoding the bytes the right way
#
# Each decoder is a small state machine over byte tokens (``_WILD`` for an
# unknown byte). A dynamic programme over the units keeps, for every decoder
# state, the cheapest way to reach it; units offer alternative byte sequences
# (``?`` is one or two unknown bytes; ``!`` is ``!`` or a narrowed ``！``).


class _Fill(NamedTuple):
    """A character with one lost byte: the candidates, best first."""

    candidates: list[_Candidate]


class _Step(NamedTuple):
    previous: Optional["_Step"]
    item: object  # a character (str) or a _Fill
    first: int  # unit holding the character's first known byte
    last: int  # unit holding its last byte


_Emit = Optional[tuple[object, float, object]]  # (new state, cost, character or fill or None)


class _GbkInStep:
    """GBK decoded one byte away from where the garbling decoder paired them."""

    # Between characters; first byte dropped (its lead was lost); first
    # byte is the trail of a character whose lead was lost.
    initial = (_NONE, _DROP, _WILD)

    @staticmethod
    def idle(state) -> bool:
        return state in (_NONE, _DROP)

    @staticmethod
    def feed(pending, byte) -> _Emit:
        if pending == _NONE:
            if byte == _WILD or 0x81 <= byte <= 0xFE:
                return byte, 0.0, None
            return None  # an ASCII byte here means the text was never out of step
        if pending == _DROP:
            return _NONE, (_QUESTION_COST if byte == _WILD else _DROP_COST), None
        if pending == _WILD and byte == _WILD:
            return None
        if pending == _WILD or byte == _WILD:
            by_trail, by_lead = _gbk_fills()
            candidates = by_trail.get(byte) if pending == _WILD else by_lead.get(pending)
            return (_NONE, candidates[0].cost + _FILL_COST, _Fill(candidates)) if candidates else None
        char = _gbk_pair(pending, byte)
        cost = _tables().reading_cost(char) if char else None
        return None if cost is None else (_NONE, cost, char)

    @staticmethod
    def finish(pending) -> tuple[float, object]:
        if pending in (_NONE, _DROP):
            return 0.0, None
        if pending == _WILD:
            return _QUESTION_COST, None  # a trailing ``?`` explains nothing
        candidates = _gbk_fills()[1].get(pending)
        if candidates:
            return candidates[0].cost + _FILL_COST, _Fill(candidates)
        return _DROP_COST, None


_UTF8_DROP = ("drop",)


class _Utf8:
    """UTF-8 bytes that a GBK decoder had turned into Chinese-looking pairs."""

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
                return _UTF8_DROP, _DROP_COST, None  # the rest of a character whose lead was lost
            pending = ()
        if not pending:
            if byte == _WILD or 0xE0 <= byte <= 0xEF:
                return (byte,), 0.0, None
            return None
        if byte != _WILD and not 0x80 <= byte <= 0xBF:
            return None
        sequence = pending + (byte,)
        if len(sequence) < 3:
            return sequence, 0.0, None
        return _Utf8.character(sequence)

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
        candidates = _utf8_fills().get(sequence) if holes == 1 else None
        return ((), candidates[0].cost + _FILL_COST, _Fill(candidates)) if candidates else None

    @staticmethod
    def finish(pending) -> tuple[float, object]:
        if pending in ((), _UTF8_DROP):
            return 0.0, None
        completed = _Utf8.character(pending + (_WILD,) * (3 - len(pending)))
        if completed is None:
            return sum(_QUESTION_COST if byte == _WILD else _DROP_COST for byte in pending), None
        return completed[1], completed[2]


_DECODERS = (_GbkInStep, _Utf8)


class _Reading(NamedTuple):
    gain: float  # how much cheaper than the garbled units, in nats
    start: int  # unit index
    end: int  # unit index (exclusive)
    path: Optional[_Step]


class _Entry(NamedTuple):
    cost: float  # the reading so far, plus the garbled cost of the units before it
    path: Optional[_Step]
    origin: int  # unit where the pending character began
    start: int  # unit where the reading began


def _best_reading(decoder, units: list[_Unit], lo: int, hi: int, garbled: list[float]) -> Optional[_Reading]:
    """The reading of some units[s:e] (lo <= s < e <= hi) that gains most.

    One pass: a reading may begin at any unit, entering with the garbled
    cost of the units before it, so the cheapest entry per decoder state is
    also the best start. Equal gains go to the shorter run, so clean text
    read in step (which gains nothing) stays out of it.
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
            if best is None or gain > best.gain + 1e-6 or (
                gain > best.gain - 1e-6 and index + 1 - entry.start < best.end - best.start
            ):
                path = _Step(entry.path, item, entry.origin, index) if item is not None else entry.path
                best = _Reading(gain, entry.start, index + 1, path)
    return best


def _advance(decoder, states: dict, options, index: int) -> dict:
    advanced: dict = {}
    for pending, entry in states.items():
        for option in options:
            state, total, trail, began = pending, entry.cost, entry.path, entry.origin
            for byte in option:
                step = decoder.feed(state, byte)
                if step is None:
                    break
                was_idle = decoder.idle(state)
                state, extra, item = step
                total += extra
                if was_idle:
                    began = index
                if item is not None:
                    trail = _Step(trail, item, began, index)
            else:
                if state not in advanced or total < advanced[state].cost:
                    advanced[state] = _Entry(total, trail, began, entry.start)
    return advanced


# --------------------------------------------------------------------------
# Choosing runs

# Markers further apart than this belong to different clusters.
_CLUSTER_GAP = 4
# How far a run may reach beyond its outermost markers.
_REACH = 12
# At a run's edge, a character this rare that makes no word with its
# neighbours is more likely a misreading of lost bytes than text.
_WEAK_RANK = 2000
_EDGE = 3
_SCRIPT_CONTEXT = 20  # characters either side that tell the page's script
# A guess for a lost byte is kept only when it takes at least this share of
# the candidates' probability (frequency and words considered).
_CLEAR_FILL_SHARE = 0.9
# At an edge the guess has no known character on one side.
_CLEAR_EDGE_FILL_SHARE = 0.9


class _Char(NamedTuple):
    char: str
    first: int  # unit index
    last: int
    share: float  # how clearly a guessed character beat its rivals (1.0 if not guessed)
    guessed: bool  # chosen for a lost byte


def _resolve(path: Optional[_Step], before: str, after: str, context: str) -> list[_Char]:
    """The reading's characters, choosing each lost byte from its neighbours.

    A guess also has to fit the script (simplified or traditional) of the
    characters read for certain and of the text around the run.
    """
    steps: list[_Step] = []
    while path is not None:
        steps.append(path)
        path = path.previous
    steps.reverse()
    # The characters read for certain were encoded in the script the lost ones
    # were; the surrounding text only speaks when they cannot tell.
    tables = _tables()
    script = tables.script("".join(s.item for s in steps if isinstance(s.item, str))) or tables.script(context)
    chars: list[_Char] = []
    for index, step in enumerate(steps):
        if isinstance(step.item, str):
            chars.append(_Char(step.item, step.first, step.last, 1.0, False))
            continue
        previous = (before + "".join(c.char for c in chars))[-2:]
        following = _known_after(steps, index, after)
        choice, share = _choose(step.item.candidates, previous, following, script)
        chars.append(_Char(choice, step.first, step.last, share, True))
    return chars


def _known_after(steps: list[_Step], index: int, after: str) -> str:
    """Up to two read characters after step ``index``, stopping at another guess."""
    known = ""
    for step in steps[index + 1 : index + 3]:
        if not isinstance(step.item, str):
            return known
        known += step.item
    if index + 3 > len(steps):
        known += after
    return known[:2]


def _choose(candidates: list[_Candidate], previous: str, following: str, script: int) -> tuple[str, float]:
    """The candidate with the best frequency, helped by making words; and its share."""
    tables = _tables()
    scored = sorted(
        (
            (
                -c.cost
                + tables.word_support(previous, c.char, following)
                - (0.0 if tables.in_script(c.char, script) else _SCRIPT_PENALTY),
                c.char,
            )
            for c in candidates[:300]
        ),
        reverse=True,
    )
    top = scored[0][0]
    mass = sum(math.exp(score - top) for score, _ in scored)
    return scored[0][1], 1.0 / mass


def _certain(chars: list[_Char], before: str, after: str) -> list[bool]:
    """Which characters of a reading to trust.

    Within a run every byte is known and the reading is solid. A guess for a
    lost byte is trusted only when it clearly wins. At the run's edges a byte
    may also have been mistaken, so a rare character there that makes no word
    with its neighbours is not trusted, nor is anything between it and the edge.
    """
    tables = _tables()
    text = "".join(c.char for c in chars)

    def weak(index: int) -> bool:
        char = chars[index].char
        if char in tables.punctuation or tables.rank.get(char, RARE_RANK) < _WEAK_RANK:
            return False
        previous = (before + text[:index])[-2:]
        following = (text[index + 1 : index + 3] + after)[:2]
        return tables.word_support(previous, char, following) == 0.0

    certain = [c.share >= _CLEAR_FILL_SHARE for c in chars]
    for edge in {0, len(chars) - 1}:
        if chars[edge].guessed and chars[edge].share < _CLEAR_EDGE_FILL_SHARE:
            certain[edge] = False
    head = [i for i in range(min(_EDGE, len(chars))) if weak(i)]
    for i in range(head[-1] + 1 if head else 0):
        certain[i] = False
    tail = [i for i in range(max(0, len(chars) - _EDGE), len(chars)) if weak(i)]
    for i in range(tail[0] if tail else len(chars), len(chars)):
        certain[i] = False
    return certain


def _pieces(chars: list[_Char], certain: list[bool]) -> list[tuple[int, int]]:
    """Maximal stretches of trusted characters long enough to stand as a repair."""
    pieces: list[tuple[int, int]] = []
    start = None
    for index, ok in enumerate(certain + [False]):
        if ok and start is None:
            start = index
        elif not ok and start is not None:
            if index - start >= _MIN_READING_CHARS:
                pieces.append((start, index))
            start = None
    return pieces


# --------------------------------------------------------------------------
# Anchors and windows


@lru_cache(maxsize=1)
def _anchor_pattern() -> regex.Pattern:
    tables = _tables()
    common = "".join(sorted(c for c, r in tables.rank.items() if r < RARE_RANK and _is_han(c)))
    rare = rf"[\p{{Han}}--[{regex.escape(common, special_only=True)}]]"
    mark = rf"(?:[?\ufffd{_GARBLE_SYMBOLS}]|{rare})"
    return regex.compile(
        rf"""(?V1)
        \ufffd
        | (?<=\p{{Han}})\?(?=[^\s])
        | (?<=[^\s])\?(?=\p{{Han}})
        | (?<=\p{{Han}})[A-Za-z<>=@#$^&*_|~](?=\p{{Han}})
        | {mark}[^\s]{{0,2}}{mark}
        """,
        regex.VERBOSE,
    )


def find_mojibake(text: str) -> list[MojibakeRun]:
    """Garbled runs in ``text``, with their repaired reading where it is certain."""
    runs: list[MojibakeRun] = []
    for start, end in _windows(text):
        for units in _segments(text, start, end):
            garbled = _prefix_costs(units)
            for lo, hi in _regions(units):
                runs.extend(_runs_between(text, units, garbled, lo, hi))
    return _disjoint_runs(runs)


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches around anchors, merged where they overlap."""
    windows: list[tuple[int, int]] = []
    for match in _anchor_pattern().finditer(text):
        left = max(0, match.start() - _WINDOW)
        right = min(len(text), match.end() + _WINDOW)
        if windows and left <= windows[-1][1]:
            windows[-1] = (windows[-1][0], right)
        else:
            windows.append((left, right))
    return windows


def _prefix_costs(units: list[_Unit]) -> list[float]:
    costs = [0.0]
    for unit in units:
        costs.append(costs[-1] + unit.cost)
    return costs


def _clusters(units: list[_Unit], lo: int = 0, hi: Optional[int] = None) -> list[tuple[int, int]]:
    """Unit ranges holding two or more markers that lie close together."""
    hi = len(units) if hi is None else hi
    clusters: list[tuple[int, int]] = []
    group: list[int] = []
    for index in range(lo, hi):
        if not units[index].marker:
            continue
        if group and index - group[-1] > _CLUSTER_GAP:
            if len(group) >= 2:
                clusters.append((group[0], group[-1] + 1))
            group = []
        group.append(index)
    if len(group) >= 2:
        clusters.append((group[0], group[-1] + 1))
    return clusters


def _regions(units: list[_Unit]) -> list[tuple[int, int]]:
    """Clusters widened by how far a run may reach past its markers, merged."""
    regions: list[tuple[int, int]] = []
    for lo, hi in _clusters(units):
        lo, hi = max(0, lo - _REACH), min(len(units), hi + _REACH)
        if regions and lo <= regions[-1][1]:
            regions[-1] = (regions[-1][0], hi)
        else:
            regions.append((lo, hi))
    return regions


def _runs_between(text: str, units: list[_Unit], garbled: list[float], lo: int, hi: int) -> list[MojibakeRun]:
    """Runs within units[lo:hi]: the best reading, then whatever lies beside it."""
    if hi - lo < 1 or not any(unit.marker for unit in units[lo:hi]):
        return []
    readings = [_best_reading(decoder, units, lo, hi, garbled) for decoder in _DECODERS]
    reading = max((r for r in readings if r is not None), key=lambda r: r.gain, default=None)
    if reading is None or not _convincing(units, reading):
        return [run for a, b in _clusters(units, lo, hi) for run in _unrepaired(units, a, b)]
    runs = _runs_from_reading(text, units, reading)
    start, end = reading.start, reading.end
    before = _stray(units, start - 1, -1, lo)
    after = _stray(units, end, +1, hi - 1)
    if before:
        runs.append(_unread(units, before[0], start))
        start = before[0]
    if after:
        runs.append(_unread(units, end, after[1]))
        end = after[1]
    return (
        _runs_between(text, units, garbled, lo, start)
        + runs
        + _runs_between(text, units, garbled, end, hi)
    )


def _convincing(units: list[_Unit], reading: _Reading) -> bool:
    garbled_units = sum(unit.kind != _TAIL for unit in units[reading.start : reading.end])
    return reading.gain >= _MIN_GAIN and reading.gain >= _MIN_GAIN_PER_CHAR * garbled_units


def _runs_from_reading(text: str, units: list[_Unit], reading: _Reading) -> list[MojibakeRun]:
    """The reading's trusted stretches as repairs; the units between them masked."""
    start_char, end_char = units[reading.start].start, units[reading.end - 1].end
    before, after = text[max(0, start_char - 2) : start_char], text[end_char : end_char + 2]
    context = text[max(0, start_char - _SCRIPT_CONTEXT) : start_char] + text[end_char : end_char + _SCRIPT_CONTEXT]
    chars = _resolve(reading.path, before, after, context)
    certain = _certain(chars, before, after)
    strength = 1.0 - math.exp(-reading.gain / _MIN_GAIN)
    runs: list[MojibakeRun] = []
    covered = reading.start
    for i, j in _pieces(chars, certain):
        first = reading.start if i == 0 else chars[i].first
        last = reading.end if j == len(chars) else _past_tails(units, chars[j - 1].last + 1)
        repaired = "".join(c.char for c in chars[i:j])
        if repaired == text[units[first].start : units[last - 1].end]:
            continue
        if first > covered:
            runs.append(_unread(units, covered, first))
        confidence = strength * math.prod(c.share for c in chars[i:j])
        runs.append(MojibakeRun(units[first].start, units[last - 1].end, repaired, round(confidence, 3)))
        covered = last
    if covered < reading.end:
        runs.append(_unread(units, covered, reading.end))
    return runs


def _past_tails(units: list[_Unit], end: int) -> int:
    """A pinyin annotation left behind a ``?`` goes with the ``?``."""
    while end < len(units) and units[end].kind == _TAIL:
        end += 1
    return end


def _stray(units: list[_Unit], index: int, direction: int, limit: int) -> Optional[tuple[int, int]]:
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


def _unread(units: list[_Unit], start: int, end: int) -> MojibakeRun:
    return MojibakeRun(units[start].start, units[end - 1].end, None, 0.5)


def _unrepaired(units: list[_Unit], lo: int, hi: int) -> list[MojibakeRun]:
    """A dense cluster of garbling signs of more than one kind, though no reading is certain.

    One kind alone never qualifies: rare characters occur in names and terms,
    kana in Japanese names, and a ``?`` ends questions.
    """
    cluster = units[lo:hi]
    markers = [unit for unit in cluster if unit.marker]
    kinds = {_LOSS if unit.kind == _TAIL else unit.kind for unit in markers}
    if len(markers) < 3 or len(kinds) < 2 or len(markers) * 2 < len(cluster):
        return []
    return [MojibakeRun(cluster[0].start, cluster[-1].end, None, round(min(1.0, len(markers) / 6), 3))]


def _disjoint_runs(runs: list[MojibakeRun]) -> list[MojibakeRun]:
    """Sorted, without overlaps; touching masked runs are joined."""
    kept: list[MojibakeRun] = []
    for run in sorted(runs, key=lambda r: (r.start, -r.end)):
        if kept and run.start < kept[-1].end:
            continue
        if kept and run.replacement is None and kept[-1].replacement is None and run.start == kept[-1].end:
            kept[-1] = MojibakeRun(kept[-1].start, run.end, None, max(kept[-1].confidence, run.confidence))
            continue
        kept.append(run)
    return kept
