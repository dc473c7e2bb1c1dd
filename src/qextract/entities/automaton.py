"""All dictionary words in one automaton: every match in one pass over the text.

Each word carries the set of roles it plays (post, place, stem, suffix...).
:meth:`WordIndex.starts` gives, for each offset where some word starts, the
(end, roles) pairs longest first, so the grammar rules only look where a word
begins. pyahocorasick does the scan when it is installed; a pure-Python
scan (same results, slower) stands in otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

try:  # optional speed-up
    import ahocorasick
except ImportError:  # pragma: no cover - exercised only without the extra
    ahocorasick = None

Starts = dict[int, list[tuple[int, frozenset[str]]]]


class WordIndex:
    def __init__(self, words: Iterable[tuple[str, str]]) -> None:
        roles: dict[str, set[str]] = defaultdict(set)
        for word, role in words:
            if word:
                roles[word].add(role)
        self._roles = {word: frozenset(found) for word, found in roles.items()}
        self._lengths = sorted({len(word) for word in self._roles}, reverse=True)
        self._automaton = None
        if ahocorasick is not None:
            automaton = ahocorasick.Automaton()
            for word, found in self._roles.items():
                automaton.add_word(word, (len(word), found))
            automaton.make_automaton()
            self._automaton = automaton

    def roles(self, word: str) -> frozenset[str]:
        return self._roles.get(word, frozenset())

    def starts(self, text: str) -> Starts:
        found: Starts = defaultdict(list)
        if self._automaton is not None:
            for last, (length, roles) in self._automaton.iter(text):
                found[last + 1 - length].append((last + 1, roles))
        else:
            for start in range(len(text)):
                for length in self._lengths:
                    if start + length > len(text):
                        continue
                    roles = self._roles.get(text[start : start + length])
                    if roles is not None:
                        found[start].append((start + length, roles))
        for matches in found.values():
            matches.sort(key=lambda match: -match[0])
        return found


class PhraseFinder:
    """Where the words of one list occur: leftmost first, the longest at a start.

    Answers as a ``regex`` named list (``\\L<words>``) would, with one
    Aho–Corasick pass instead of trying every word at every offset (the place
    list has thousands of names; 11 µs a search with ``regex``).
    """

    def __init__(self, words: Iterable[str]) -> None:
        self._words = frozenset(word for word in words if word)
        self._lengths = sorted({len(word) for word in self._words}, reverse=True)
        self._automaton = None
        if ahocorasick is not None:
            automaton = ahocorasick.Automaton()
            for word in self._words:
                automaton.add_word(word, len(word))
            automaton.make_automaton()
            self._automaton = automaton

    def search(self, text: str, pos: int = 0) -> "tuple[int, int] | None":
        """(start, end) of the leftmost word at or after ``pos``, the longest there."""
        if self._automaton is None:
            for start in range(pos, len(text)):
                end = self.match(text, start)
                if end is not None:
                    return start, end
            return None
        best: "tuple[int, int] | None" = None
        for last, length in self._automaton.iter(text, pos):
            start, end = last + 1 - length, last + 1
            # Matches come in order of their end: a later end may still start further left.
            if best is None or start < best[0] or (start == best[0] and end > best[1]):
                best = (start, end)
        return best

    def match(self, text: str, pos: int = 0) -> "int | None":
        """End of the longest word that starts exactly at ``pos``."""
        room = len(text) - pos
        for length in self._lengths:
            if length <= room and text[pos : pos + length] in self._words:
                return pos + length
        return None
