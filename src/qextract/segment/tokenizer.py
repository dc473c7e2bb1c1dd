"""Tokenisers behind one interface.

The pipeline owns its tokeniser instance (no jieba global state), so two
pipelines with different dictionaries can live in one process. Matchers only
see :class:`Token` lists, so another implementation (a model-based segmenter)
plugs in by providing ``tokens(text)``.

Two implementations ship, with the same dictionary and the same tokens:
:class:`~qextract.segment.rjieba_tokenizer.RJiebaTokenizer` (jieba-rs, the
default when ``rjieba`` is installed) and
:class:`~qextract.segment.jieba_tokenizer.JiebaTokenizer` (jieba itself).
"""

from __future__ import annotations

import threading
from typing import Iterator, NamedTuple, Protocol, runtime_checkable

import regex


class Token(NamedTuple):
    # A tuple, not a dataclass: a page has thousands of tokens and a tuple is
    # built in less than half the time.
    start: int
    end: int
    text: str
    pos: str = ""


@runtime_checkable
class Tokenizer(Protocol):
    def tokens(self, text: str) -> list[Token]:
        """Tokens with part-of-speech tags and offsets into ``text``.

        Tokens cover ``text`` completely and in order, so ``tokens[i].end ==
        tokens[i + 1].start``.
        """
        ...


# jieba's tagger grows a run of ASCII letters and digits one character at a
# time by string concatenation, which is quadratic in the run's length (10 s
# for a million digits). A run this long is never a word: it is one token.
LONG_ASCII_RUN_LENGTH = 256
_LONG_ASCII_RUN = regex.compile(rf"[A-Za-z0-9+#&._]{{{LONG_ASCII_RUN_LENGTH},}}")


def split_long_ascii_runs(text: str) -> Iterator[tuple[str, bool]]:
    """Pieces of ``text`` in order, each flagged True when it is one long ASCII run."""
    position = 0
    for match in _LONG_ASCII_RUN.finditer(text):
        if match.start() > position:
            yield text[position : match.start()], False
        yield match.group(), True
        position = match.end()
    if position < len(text) or not text:
        yield text[position:], False


_SHARED_DEFAULT: "Tokenizer | None" = None
_SHARED_LOCK = threading.Lock()


def default_tokenizer() -> Tokenizer:
    """A new tokeniser with the package dictionary: rjieba when installed, else jieba."""
    try:
        from qextract.segment.rjieba_tokenizer import RJiebaTokenizer

        return RJiebaTokenizer()
    except ImportError:
        from qextract.segment.jieba_tokenizer import JiebaTokenizer

        return JiebaTokenizer()


def shared_default_tokenizer() -> Tokenizer:
    """One default tokeniser per process, built on first use.

    For callers without a tokeniser of their own (a pipeline built without
    one, the entity recogniser used alone, benchmarks).
    """
    global _SHARED_DEFAULT
    with _SHARED_LOCK:
        if _SHARED_DEFAULT is None:
            _SHARED_DEFAULT = default_tokenizer()
        return _SHARED_DEFAULT
