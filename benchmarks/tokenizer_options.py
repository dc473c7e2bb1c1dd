"""The two tokenisers of the package side by side: same tokens, speed, start-up.

    python benchmarks/tokenizer_options.py [--quick]

Builds ``RJiebaTokenizer`` (the default) and ``JiebaTokenizer`` (the
reference), compares their tokens and tags on the normalised benchmark corpus,
and reports tokens/s (CPU) and the time to build each. The default pipeline
with each tokeniser is also run, and every output document compared.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))

from perf import QUICK_CORPUS_BYTES, CorpusBuilder  # noqa: E402

from qextract.pipeline import Pipeline  # noqa: E402
from qextract.segment.jieba_tokenizer import JiebaTokenizer  # noqa: E402
from qextract.segment.rjieba_tokenizer import RJiebaTokenizer  # noqa: E402
from qextract.text import normalise  # noqa: E402


def speed(tokenizer: object, texts: list[str]) -> float:
    gc.collect()
    start = time.process_time()
    for text in texts:
        tokenizer.tokens(text)  # type: ignore[attr-defined]
    return sum(map(len, texts)) / (time.process_time() - start)


def built(factory: type) -> tuple[object, float]:
    start = time.perf_counter()
    tokenizer = factory()
    return tokenizer, time.perf_counter() - start


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1 MB corpus instead of 4 MB")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args(argv)
    raw = CorpusBuilder(args.seed).documents(QUICK_CORPUS_BYTES if args.quick else 4 * QUICK_CORPUS_BYTES)
    clean = [normalise(text).text for text in raw]
    fast, fast_build = built(RJiebaTokenizer)
    reference, reference_build = built(JiebaTokenizer)
    differ = sum(fast.tokens(text) != reference.tokens(text) for text in clean)  # type: ignore[attr-defined]
    print(f"clean corpus: {len(clean)} documents, {sum(map(len, clean)):,} chars; documents whose tokens or tags differ: {differ}")
    print(f"build: RJiebaTokenizer {fast_build:.2f} s, JiebaTokenizer {reference_build:.2f} s")
    print(f"tokens (chars/s, CPU): RJiebaTokenizer {speed(fast, clean):,.0f}, JiebaTokenizer {speed(reference, clean):,.0f}")
    outputs = {}
    for name, tokenizer in (("rjieba", fast), ("jieba", reference)):
        pipeline = Pipeline(tokenizer=tokenizer)  # type: ignore[arg-type]
        start = time.process_time()
        outputs[name] = [pipeline(text).to_json() for text in raw]
        print(f"default pipeline with {name}: {sum(map(len, raw)) / (time.process_time() - start):,.0f} chars/s (CPU)")
    print(f"every output document identical: {outputs['rjieba'] == outputs['jieba']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
