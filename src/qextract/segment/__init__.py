"""Stage 2: sentences and tokens of the clean text."""

from typing import Any

from qextract.segment.sentences import Sentence, split_sentences
from qextract.segment.tokenizer import Token, Tokenizer, default_tokenizer

__all__ = ["JiebaTokenizer", "RJiebaTokenizer", "Sentence", "Token", "Tokenizer", "default_tokenizer", "split_sentences"]


def __getattr__(name: str) -> Any:
    # Each implementation imports its library (jieba alone takes a quarter of a
    # second), so only the one asked for is loaded.
    if name == "JiebaTokenizer":
        from qextract.segment.jieba_tokenizer import JiebaTokenizer

        return JiebaTokenizer
    if name == "RJiebaTokenizer":
        from qextract.segment.rjieba_tokenizer import RJiebaTokenizer

        return RJiebaTokenizer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
