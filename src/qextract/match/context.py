"""What every matcher reads: the clean text and what earlier stages found."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Optional

from qextract.records import Span
from qextract.segment.sentences import Sentence, split_sentences
from qextract.segment.tables import Table, find_tables
from qextract.segment.tokenizer import Token, Tokenizer


@dataclass
class MatchContext:
    """Input of a matcher.

    ``text`` is the clean, simplified text; every offset a matcher reports is
    an offset into it. ``masked`` holds clean ranges of garbled text that no
    matcher may read a name or a number from. ``body_start`` is where the
    article body begins, after the header lines. ``publish_date`` is ISO
    (from the caller or the header) or None. ``found`` holds the records of
    matchers that ran before, by record type, for matchers that build on them.
    """

    text: str
    publish_date: Optional[str] = None
    masked: list[tuple[int, int]] = field(default_factory=list)
    # Where the header printed its publication time (25-3-18 16:05), and the value read from it.
    header_stamp: Optional[tuple[int, int, str]] = None
    body_start: int = 0
    tokenizer: Optional[Tokenizer] = None
    found: dict[str, list[Any]] = field(default_factory=dict)
    # An EntityRecognizer (qextract.entities); None: the package dictionaries.
    entity_recognizer: Optional[Any] = None

    @cached_property
    def sentences(self) -> list[Sentence]:
        return split_sentences(self.text)

    @cached_property
    def tables(self) -> list[Table]:
        return find_tables(self.text)

    @cached_property
    def tokens(self) -> list[Token]:
        if self.tokenizer is None:
            raise RuntimeError("this pipeline has no tokenizer")
        return self.tokenizer.tokens(self.text)

    @cached_property
    def _mask_starts(self) -> list[int]:
        return [start for start, _ in self.masked]

    def is_masked(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` touches a garbled run."""
        if not self.masked:
            return False
        index = bisect_right(self._mask_starts, end - 1) - 1
        while index >= 0:
            mask_start, mask_end = self.masked[index]
            if mask_end > start and mask_start < end:
                return True
            if mask_end <= start:
                # masks are sorted and disjoint; earlier ones end even sooner
                return False
            index -= 1
        return False

    def span(self, start: int, end: int) -> Span:
        """A span of the clean text; raw offsets are filled in at assembly."""
        return Span(start, end, self.text[start:end])
