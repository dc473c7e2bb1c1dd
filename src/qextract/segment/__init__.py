"""Stage 2: sentences and tokens of the clean text."""

from qextract.segment.sentences import Sentence, split_sentences
from qextract.segment.tokenizer import JiebaTokenizer, Token, Tokenizer

__all__ = ["JiebaTokenizer", "Sentence", "Token", "Tokenizer", "split_sentences"]
