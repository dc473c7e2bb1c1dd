"""Word boundaries of a tokenised text, for quick "does a word start here?" checks."""

from __future__ import annotations

from bisect import bisect_right
from typing import Optional, Sequence

from qextract.segment.tokenizer import Token


class TokenView:
    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = list(tokens)
        self.starts = [token.start for token in self.tokens]
        self.boundaries = {token.start for token in self.tokens} | {token.end for token in self.tokens}

    def is_boundary(self, offset: int) -> bool:
        return offset in self.boundaries or not self.tokens

    def covering(self, offset: int) -> Optional[Token]:
        """The token that contains the character at ``offset``."""
        index = bisect_right(self.starts, offset) - 1
        if index < 0:
            return None
        token = self.tokens[index]
        return token if token.start <= offset < token.end else None

    def index_at(self, offset: int) -> int:
        """Index of the token containing ``offset`` (-1 when none does)."""
        index = bisect_right(self.starts, offset) - 1
        if index >= 0 and self.tokens[index].start <= offset < self.tokens[index].end:
            return index
        return -1

    def crosses(self, start: int, end: int) -> bool:
        """True when a token straddles either edge of ``[start, end)``."""
        return not (self.is_boundary(start) and self.is_boundary(end))
