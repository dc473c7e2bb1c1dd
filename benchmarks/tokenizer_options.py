"""Would rjieba do as the default tokeniser? Same tokens, speed, and what the pipeline gains.

Measures the proposal in docs/performance.md without touching the package:
an rjieba-backed tokeniser is built here, from the dictionary of the package's
own JiebaTokenizer (its user words, their frequencies and tags, and the
glued words it deletes), and compared with it on the benchmark corpus.

    pip install rjieba            # benchmark-only; not a package dependency
    python benchmarks/tokenizer_options.py [--quick]

Reports: documents whose words differ, whose tags differ, tokens/s of each
tokeniser (and of rjieba with a lighter token type, to show what building
Token objects costs), the time to build each, and the default pipeline's
chars/s with each tokeniser plus whether every output document is identical.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path
from typing import NamedTuple, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))

from perf import QUICK_CORPUS_BYTES, CorpusBuilder  # noqa: E402

from qextract.pipeline import Pipeline  # noqa: E402
from qextract.segment.tokenizer import JiebaTokenizer, Token  # noqa: E402
from qextract.text import normalise  # noqa: E402


class LightToken(NamedTuple):
    """What Token would cost as a NamedTuple (same fields, same attribute names)."""

    start: int
    end: int
    text: str
    pos: str = ""


class RJiebaTokenizer:
    """rjieba with the dictionary of a built JiebaTokenizer, tagging as jieba.posseg does.

    Two differences of rjieba are bridged: ``add_word`` keeps the tag a word
    already has (so the package's tags are applied here), and jieba's POS
    tagger calls every run of ASCII letters and digits ``eng`` where rjieba
    says ``m`` for digits.
    """

    def __init__(self, reference: JiebaTokenizer, token_type: type = Token) -> None:
        import rjieba

        self._jieba = rjieba.Jieba()
        frequencies = reference._jieba.FREQ
        own_tags = reference._jieba.user_word_tag_tab
        self._tags = dict(own_tags)
        for word, tag in own_tags.items():
            if frequencies.get(word):
                self._jieba.add_word(word, frequencies[word], tag)
        for word in deleted_words(reference):
            self._jieba.add_word(word, 0, "")
        self._token = token_type

    def tokens(self, text: str) -> list[Token]:
        found = []
        position = 0
        tags = self._tags
        has_word = self._jieba.has_word
        make = self._token
        for word, tag in self._jieba.tag(text, False):
            tag = tags.get(word, tag)
            if word.isascii() and word.isalnum() and (len(word) == 1 or not has_word(word)):
                tag = "eng"
            end = position + len(word)
            found.append(make(position, end, word, tag))
            position = end
        return found


def deleted_words(reference: JiebaTokenizer) -> list[str]:
    """Words jieba's dictionary has that the package tokeniser deleted (del_word sets 0)."""
    return [word for word, frequency in reference._jieba.FREQ.items() if frequency == 0 and word in reference._tagger.word_tag_tab]


def compare(reference: JiebaTokenizer, candidate: RJiebaTokenizer, texts: list[str]) -> dict:
    words_differ = tags_differ = 0
    example: Optional[tuple] = None
    for text in texts:
        ours, theirs = reference.tokens(text), candidate.tokens(text)
        if [t.text for t in ours] != [t.text for t in theirs]:
            words_differ += 1
        elif [t.pos for t in ours] != [t.pos for t in theirs]:
            tags_differ += 1
            example = example or next((a.text, a.pos, b.pos) for a, b in zip(ours, theirs) if a.pos != b.pos)
    return {"documents": len(texts), "words_differ": words_differ, "tags_differ": tags_differ, "example": example}


def speed(tokenizer, texts: list[str]) -> float:
    gc.collect()
    start = time.process_time()
    for text in texts:
        tokenizer.tokens(text)
    return sum(map(len, texts)) / (time.process_time() - start)


def pipeline_speeds(tokenizers: dict[str, object], texts: list[str], rounds: int) -> dict[str, tuple[float, list[str]]]:
    """chars/s of the default pipeline with each tokeniser, rounds interleaved, the fastest kept."""
    pipelines = {name: Pipeline(tokenizer=tokenizer) for name, tokenizer in tokenizers.items()}
    best = {name: float("inf") for name in tokenizers}
    documents: dict[str, list[str]] = {}
    for _ in range(rounds):
        for name, pipeline in pipelines.items():
            pipeline(texts[0])
            gc.collect()
            start = time.process_time()
            found = [pipeline(text) for text in texts]
            best[name] = min(best[name], time.process_time() - start)
            documents[name] = [document.to_json() for document in found]
    chars = sum(map(len, texts))
    return {name: (chars / best[name], documents[name]) for name in tokenizers}


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1 MB corpus instead of 4 MB")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    try:
        import rjieba  # noqa: F401
    except ImportError:
        print("rjieba is not installed (pip install rjieba); nothing to compare", file=sys.stderr)
        return 1
    raw = CorpusBuilder(args.seed).documents(QUICK_CORPUS_BYTES if args.quick else 4 * QUICK_CORPUS_BYTES)
    clean = [normalise(text).text for text in raw]

    start = time.perf_counter()
    reference = JiebaTokenizer()
    jieba_build = time.perf_counter() - start
    start = time.perf_counter()
    candidate = RJiebaTokenizer(reference)
    rjieba_build = time.perf_counter() - start
    light = RJiebaTokenizer(reference, LightToken)

    result = compare(reference, candidate, clean)
    print(f"clean corpus: {result['documents']} documents, {sum(map(len, clean)):,} chars")
    print(f"documents whose words differ: {result['words_differ']}; whose tags differ: {result['tags_differ']} {result['example'] or ''}")
    print(f"build: JiebaTokenizer {jieba_build:.2f} s; rjieba with the same dictionary {rjieba_build:.2f} s (after jieba's, which it reads)")
    print("tokens (chars/s, CPU):")
    print(f"  JiebaTokenizer (jieba.posseg, HMM off)  {speed(reference, clean):>12,.0f}")
    print(f"  rjieba, Token dataclass                 {speed(candidate, clean):>12,.0f}")
    print(f"  rjieba, NamedTuple token                {speed(light, clean):>12,.0f}")
    print(f"  rjieba.tag alone                        {sum(map(len, clean)) / _tag_seconds(candidate, clean):>12,.0f}")
    speeds = pipeline_speeds({"jieba": reference, "rjieba": candidate}, raw, args.rounds)
    (jieba_pipeline, jieba_documents), (rjieba_pipeline, rjieba_documents) = speeds["jieba"], speeds["rjieba"]
    identical = jieba_documents == rjieba_documents
    print(f"default pipeline (chars/s, CPU, raw corpus; fastest of {args.rounds} interleaved rounds):")
    print(f"  with JiebaTokenizer  {jieba_pipeline:>10,.0f}")
    print(f"  with rjieba          {rjieba_pipeline:>10,.0f}   ({rjieba_pipeline / jieba_pipeline:.2f}x; every document identical: {identical})")
    return 0


def _tag_seconds(candidate: RJiebaTokenizer, texts: list[str]) -> float:
    start = time.process_time()
    for text in texts:
        candidate._jieba.tag(text, False)
    return time.process_time() - start


if __name__ == "__main__":
    sys.exit(main())
