"""jieba itself behind the Tokenizer interface.

The reference implementation: rjieba gives the same tokens faster, but jieba
also takes jieba dictionary files as they are and offers its HMM for unknown
words.
"""

from __future__ import annotations

import threading
from typing import Iterable

import jieba
import jieba.posseg

from qextract.segment.dictionary import USER_WORD_FREQUENCY, package_dictionary_edits, split_words_among
from qextract.segment.tokenizer import LONG_ASCII_RUN_LENGTH, Token, split_long_ascii_runs


class JiebaTokenizer:
    """jieba with the package's dictionary, HMM off for stable tokens.

    ``extra_words`` are (word, POS) pairs and ``user_dictionaries`` jieba
    dictionary files, added after the package's words; ``package_dictionary=False``
    leaves the package's words out.
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
            edits = package_dictionary_edits()
            for word, frequency, tag in edits.words:
                self._jieba.add_word(word, frequency, tag)
        extra_words = list(extra_words)
        for word, tag in extra_words:
            self._jieba.add_word(word, max(self._jieba.FREQ.get(word) or 0, USER_WORD_FREQUENCY), tag)
        for path in user_dictionaries:
            self._jieba.load_userdict(path)
        self._tagger = jieba.posseg.POSTokenizer(self._jieba)
        if package_dictionary:
            for word in edits.split_words:
                self._jieba.del_word(word)
            for word in split_words_among(extra_words):
                self._jieba.del_word(word)
        self._hmm = hmm
        self._lock = threading.Lock()

    def tokens(self, text: str) -> list[Token]:
        found: list[Token] = []
        position = 0
        for piece, long_run in split_long_ascii_runs(text):
            if long_run:
                found.append(Token(position, position + len(piece), piece, self._tag_of_run(piece)))
                position += len(piece)
                continue
            with self._lock:  # jieba's tagger keeps per-call state on the instance
                pairs = list(self._tagger.cut(piece, HMM=self._hmm))
            for pair in pairs:
                word = pair.word
                found.append(Token(position, position + len(word), word, pair.flag))
                position += len(word)
        return found

    def _tag_of_run(self, run: str) -> str:
        """The tag jieba gives a shorter run of the same characters."""
        with self._lock:
            pairs = list(self._tagger.cut(run[:LONG_ASCII_RUN_LENGTH], HMM=self._hmm))
        return pairs[0].flag if len(pairs) == 1 else "eng"

