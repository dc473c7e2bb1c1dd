"""Tokenisers behind one interface.

The pipeline owns its tokeniser instance (no jieba global state), so two
pipelines with different dictionaries can live in one process. Matchers only
see :class:`Token` lists, so another implementation (rjieba, a model-based
segmenter) plugs in by providing ``tokens(text)``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Iterable, Iterator, Protocol, runtime_checkable

import jieba
import jieba.posseg
import regex

# A user word gets at least this frequency: enough to beat the split into its
# parts (副/省长), low enough not to pull characters away from neighbouring
# ordinary words.
USER_WORD_FREQUENCY = 300


@dataclass(frozen=True)
class Token:
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


def default_user_words() -> list[tuple[str, str]]:
    """(word, POS) pairs of the package's own dictionary: posts, bodies, places, programme words."""
    # Imported here: the lexicon belongs to the entity stage, which builds on this one.
    from qextract.entities.lexicon import user_dictionary_words

    return user_dictionary_words()


class JiebaTokenizer:
    """jieba with the package's user dictionary, HMM off for stable tokens.

    ``user_dictionaries`` are extra jieba dictionary files loaded after the
    package's own words; ``package_dictionary=False`` leaves those out.
    """

    def __init__(
        self,
        user_dictionaries: tuple[str, ...] = (),
        *,
        hmm: bool = False,
        package_dictionary: bool = True,
        extra_words: Iterable[tuple[str, str]] = (),
    ) -> None:
        self._jieba = jieba.Tokenizer()
        # Built in memory (as fast as jieba's cache): initialize() would read and write
        # a marshal cache file in the shared temp directory (docs/reliability.md).
        self._jieba.FREQ, self._jieba.total = self._jieba.gen_pfdict(self._jieba.get_dict_file())
        self._jieba.initialized = True
        if package_dictionary:
            self._add_words(default_user_words())
        self._add_words(extra_words)
        for path in user_dictionaries:
            self._jieba.load_userdict(path)
        self._tagger = jieba.posseg.POSTokenizer(self._jieba)
        if package_dictionary:
            self._split_glued_posts()
        self._hmm = hmm
        self._lock = threading.Lock()

    def _add_words(self, words: Iterable[tuple[str, str]]) -> None:
        frequencies = self._jieba.FREQ
        for word, tag in words:
            frequency = max(frequencies.get(word) or 0, USER_WORD_FREQUENCY)
            self._jieba.add_word(word, frequency, tag)

    def _split_glued_posts(self) -> None:
        """Drop dictionary words that glue a body, name or credit onto a post (协会会长)."""
        from qextract.entities.lexicon import glued_post_words

        tags = self._tagger.word_tag_tab
        vocabulary = ((word, tags.get(word, "")) for word, frequency in self._jieba.FREQ.items() if frequency)
        for word in glued_post_words(vocabulary):
            self._jieba.del_word(word)

    def tokens(self, text: str) -> list[Token]:
        found: list[Token] = []
        position = 0
        for piece, long_run in _split_long_ascii_runs(text):
            if long_run:
                found.append(Token(position, position + len(piece), piece, self._tag_of_run(piece)))
                position += len(piece)
                continue
            with self._lock:  # jieba's tagger keeps per-call state on the instance
                pairs = list(self._tagger.cut(piece, HMM=self._hmm))
            for pair in pairs:
                word, flag = pair.word, pair.flag
                found.append(Token(position, position + len(word), word, flag))
                position += len(word)
        return found

    def _tag_of_run(self, run: str) -> str:
        """The tag jieba gives a shorter run of the same characters."""
        with self._lock:
            pairs = list(self._tagger.cut(run[:_LONG_ASCII_RUN_LENGTH], HMM=self._hmm))
        return pairs[0].flag if len(pairs) == 1 else "eng"


# jieba's tagger grows a run of ASCII letters and digits one character at a
# time by string concatenation, which is quadratic in the run's length (10 s
# for a million digits). A run this long is never a word: it is one token.
_LONG_ASCII_RUN_LENGTH = 256
_LONG_ASCII_RUN = regex.compile(rf"[A-Za-z0-9+#&._]{{{_LONG_ASCII_RUN_LENGTH},}}")


def _split_long_ascii_runs(text: str) -> Iterator[tuple[str, bool]]:
    """Pieces of ``text`` in order, each flagged True when it is one long ASCII run."""
    position = 0
    for match in _LONG_ASCII_RUN.finditer(text):
        if match.start() > position:
            yield text[position : match.start()], False
        yield match.group(), True
        position = match.end()
    if position < len(text) or not text:
        yield text[position:], False


_SHARED_DEFAULT: "JiebaTokenizer | None" = None
_SHARED_LOCK = threading.Lock()


def shared_default_tokenizer() -> "JiebaTokenizer":
    """One default tokeniser per process: loading jieba's dictionary costs most of a second.

    For callers without a tokeniser of their own (a pipeline built without
    one, the entity recogniser used alone, benchmarks).
    """
    global _SHARED_DEFAULT
    with _SHARED_LOCK:
        if _SHARED_DEFAULT is None:
            _SHARED_DEFAULT = JiebaTokenizer()
        return _SHARED_DEFAULT
