"""Proposed speed-ups of the entity stage and the officials matcher, measured without editing them.

Each proposal is applied by patching the running modules, timed against the
code as it stands in the same process (rounds interleaved, the fastest of
each kept, CPU time), and checked to give identical results. See
docs/performance.md for what each one changes and why it is exact.

    python benchmarks/entity_options.py [--quick] [--rounds 5]

Proposals:

* persons-micro: in entities/persons.py, one anchored ``\\L<honorifics>``
  match instead of a slice per honorific length; a one-character test before
  the spaced-name regex; the score of a given-name part cached by its text.
* automaton-reverse: in entities/automaton.py, matches come out of
  pyahocorasick ordered by their end, so each start's list only needs
  reversing, not sorting.
* gazetteer-ahocorasick: the officials matcher's ``division_pattern`` (a
  regex named list of ~6,500 place names, searched once per organisation and
  title) as an Aho-Corasick automaton returning the same leftmost-longest
  match.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Optional

import ahocorasick
import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))

from perf import QUICK_CORPUS_BYTES, CorpusBuilder  # noqa: E402

from qextract.entities import automaton, persons  # noqa: E402
from qextract.entities.dictionary import DictionaryEntityRecognizer  # noqa: E402
from qextract.entities.lexicon import _trusted_places, lexicon  # noqa: E402
from qextract.match.context import MatchContext  # noqa: E402
from qextract.match.header import read_header  # noqa: E402
from qextract.match.officials import find_officials  # noqa: E402
from qextract.segment.tokenizer import shared_default_tokenizer  # noqa: E402
from qextract.text import normalise  # noqa: E402


# -- persons-micro -----------------------------------------------------------


def persons_micro_patches() -> list[tuple[object, str, object]]:
    lex = lexicon()
    honorific = regex.compile(r"\L<words>", words=sorted(lex.honorifics, key=len, reverse=True))
    spaced_single = persons._spaced_single
    given_score = persons._given_score
    given_cache: dict[str, float] = {}

    def honorific_at(text: str, position: int, _lex) -> bool:
        return honorific.match(text, position) is not None

    def spaced(start: int, surname: str, ctx, lex_):
        position = start + len(surname)
        if ctx.text[position : position + 1] not in (" ", "\u3000"):
            return None
        return spaced_single(start, surname, ctx, lex_)

    def cached_given_score(given: str, lex_) -> float:
        score = given_cache.get(given)
        if score is None:
            score = given_cache[given] = given_score(given, lex_)
        return score

    return [(persons, "_honorific_at", honorific_at), (persons, "_spaced_single", spaced), (persons, "_given_score", cached_given_score)]


# -- automaton-reverse -------------------------------------------------------


def automaton_patches() -> list[tuple[object, str, object]]:
    original = automaton.WordIndex.starts

    def starts(self, text: str):
        if self._automaton is None:
            return original(self, text)
        found = defaultdict(list)
        for last, (length, roles) in self._automaton.iter(text):
            found[last + 1 - length].append((last + 1, roles))
        for matches in found.values():
            matches.reverse()  # ends ascend within a start; longest first is the reverse
        return found

    return [(automaton.WordIndex, "starts", starts)]


# -- gazetteer-ahocorasick ---------------------------------------------------


class _Found:
    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._span = text[start:end], (start, end)

    def group(self) -> str:
        return self._text

    def span(self) -> tuple[int, int]:
        return self._span

    def start(self) -> int:
        return self._span[0]

    def end(self) -> int:
        return self._span[1]


class LeftmostLongest:
    """``search``/``match`` answering as regex's ``\\L<list>`` does: leftmost start, then longest."""

    def __init__(self, words) -> None:
        self._automaton = ahocorasick.Automaton()
        for word in words:
            self._automaton.add_word(word, len(word))
        self._automaton.make_automaton()

    def search(self, text: str, pos: int = 0) -> Optional[_Found]:
        best = None
        for last, length in self._automaton.iter(text, pos):
            start = last + 1 - length
            if start >= pos and (best is None or start < best[0] or (start == best[0] and last + 1 > best[1])):
                best = (start, last + 1)
        return _Found(text, *best) if best else None

    def match(self, text: str, pos: int = 0) -> Optional[_Found]:
        end = None
        for last, length in self._automaton.iter(text, pos):
            if last + 1 - length == pos and (end is None or last + 1 > end):
                end = last + 1
        return _Found(text, pos, end) if end else None


def gazetteer_patches() -> list[tuple[object, str, object]]:
    lex = lexicon()
    return [(lex, "division_pattern", LeftmostLongest(_trusted_places(lex.divisions)))]


PROPOSALS = {
    "persons-micro": (persons_micro_patches, "entities"),
    "automaton-reverse": (automaton_patches, "entities"),
    "gazetteer-ahocorasick": (gazetteer_patches, "officials"),
}


def _set(target: object, name: str, value: object) -> None:
    # the lexicon is a frozen dataclass: its fields are swapped past the freeze
    if hasattr(target, "__dataclass_fields__") and not isinstance(target, type):
        object.__setattr__(target, name, value)
    else:
        setattr(target, name, value)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="0.5 MB corpus instead of 2 MB")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args(argv)
    raw = CorpusBuilder(args.seed).documents(QUICK_CORPUS_BYTES // 2 if args.quick else 2 * QUICK_CORPUS_BYTES)
    texts = [normalise(text).text for text in raw]
    tokenizer = shared_default_tokenizer()
    tokens = [tokenizer.tokens(text) for text in texts]
    recognizer = DictionaryEntityRecognizer()
    entities = [recognizer.recognize(text, words) for text, words in zip(texts, tokens)]
    bodies = [read_header(text).body_start for text in texts]
    chars = sum(map(len, texts))

    def entity_stage():
        return [recognizer.recognize(text, words) for text, words in zip(texts, tokens)]

    def officials_matcher():
        found = []
        for text, words, recognised, body in zip(texts, tokens, entities, bodies):
            context = MatchContext(text=text, body_start=body, found={"entities": recognised})
            context.__dict__["tokens"] = words
            found.append(find_officials(context))
        return found

    stages = {"entities": entity_stage, "officials": officials_matcher}
    print(f"corpus: {len(texts)} documents, {chars:,} clean chars; {args.rounds} interleaved rounds, fastest kept (CPU)")
    for name, (make_patches, stage) in PROPOSALS.items():
        patches = make_patches()
        originals = [(target, attribute, getattr(target, attribute)) for target, attribute, _ in patches]
        best = {"as is": float("inf"), name: float("inf")}
        results = {}
        for _ in range(args.rounds):
            for variant, replacements in (("as is", originals), (name, patches)):
                for target, attribute, value in replacements:
                    _set(target, attribute, value)
                start = time.process_time()
                results[variant] = stages[stage]()
                best[variant] = min(best[variant], time.process_time() - start)
        for target, attribute, value in originals:
            _set(target, attribute, value)
        identical = results["as is"] == results[name]
        print(
            f"{name:22s} {stage:9s} {chars / best['as is']:>11,.0f} -> {chars / best[name]:>11,.0f} chars/s"
            f"  ({best['as is'] / best[name]:.2f}x; identical: {identical})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
