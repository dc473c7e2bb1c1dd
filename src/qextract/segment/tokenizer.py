"""Tokenisers behind one interface.

The pipeline owns its tokeniser instance (no jieba global state), so two
pipelines with different dictionaries can live in one process.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Protocol

import jieba
import jieba.posseg


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    pos: str = ""


class Tokenizer(Protocol):
    def tokens(self, text: str) -> list[Token]:
        """Tokens with part-of-speech tags and offsets into ``text``."""
        ...


class JiebaTokenizer:
    """jieba with the package's user dictionary, HMM off for stable tokens."""

    def __init__(self, user_dictionaries: tuple[str, ...] = (), *, hmm: bool = False) -> None:
        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()
        for path in user_dictionaries:
            self._jieba.load_userdict(path)
        self._tagger = jieba.posseg.POSTokenizer(self._jieba)
        self._hmm = hmm
        self._lock = threading.Lock()

    def tokens(self, text: str) -> list[Token]:
        found: list[Token] = []
        position = 0
        with self._lock:  # jieba's tagger keeps per-call state on the instance
            pairs = list(self._tagger.cut(text, HMM=self._hmm))
        for pair in pairs:
            word, flag = pair.word, pair.flag
            found.append(Token(position, position + len(word), word, flag))
            position += len(word)
        return found


_SHARED_DEFAULT: "JiebaTokenizer | None" = None
_SHARED_LOCK = threading.Lock()


def shared_default_tokenizer() -> "JiebaTokenizer":
    """One default tokeniser per process: loading jieba's dictionary costs most of a second."""
    global _SHARED_DEFAULT
    with _SHARED_LOCK:
        if _SHARED_DEFAULT is None:
            _SHARED_DEFAULT = JiebaTokenizer()
        return _SHARED_DEFAULT
