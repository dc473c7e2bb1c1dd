"""Every compiled pattern in qextract, against inputs built to make it backtrack: time growth from n to 4n.

Patterns are found by walking the package: module-level compiled patterns,
patterns inside module-level tuples, lists and dicts, and patterns returned by
the zero-argument cached builders (``_patterns()``). Each runs (``finditer``
to the end, or one ``match`` at the start for a pattern the package only
ever anchors) over inputs made of its own literal characters, repeated,
cycled and shuffled, and of characters that open nested structures. Linear
work grows 4x from n to 4n characters, quadratic 16x; a pattern over the
bound (10x, measured twice before it is blamed) is listed, and the command
exits 1.

This is timing, so it is a benchmark and not a unit test: a busy or throttled
machine moves the numbers. Run it after changing any pattern:

  python benchmarks/bench_regex_growth.py              # every pattern, n = 2 000
  python benchmarks/bench_regex_growth.py --size 5000 --match dates

The pipeline-level guard, a deterministic count of function calls on the
pathological inputs, is tests/reliability/test_adversarial.py.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import inspect
import pkgutil
import random
import re
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterator

import regex

import qextract

GROWTH_BOUND = 10.0  # linear: 4; quadratic: 16
SMALL = 2_000
_NOISE_FLOOR = 0.004  # seconds: below this, timer noise is all there is to see
_GENERIC = ("质", "1", "(", "（", "a", " ", "\n", "、", "《", "“", "年", "<", "&", "-", ",")
_META = set("\\^$.|?*+()[]{}")


def _patterns() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for info in pkgutil.walk_packages(qextract.__path__, "qextract."):
        if info.name.endswith("__main__"):
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional extra that is not installed
            continue
        for attribute, value in list(vars(module).items()):
            if isinstance(value, functools._lru_cache_wrapper) and not inspect.signature(value).parameters:
                value = value()
            _collect(f"{info.name}.{attribute}", value, found, depth=0)
    return found


def _collect(name: str, value: Any, found: dict[str, Any], depth: int) -> None:
    if isinstance(value, (regex.Pattern, re.Pattern)):
        found[name] = value
    elif depth < 2 and isinstance(value, (dict, tuple, list)):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in list(items)[:500]:
            _collect(f"{name}[{key!r}]", item, found, depth + 1)


PATTERNS = _patterns()

_SOURCE = "\n".join(path.read_text(encoding="utf-8") for path in Path(qextract.__file__).parent.rglob("*.py"))
# Patterns reached through a loop variable, whose use the source scan cannot see.
_ANCHORED_BY_HAND = {
    "qextract.match.numbers._PERCENT_FORMS": "fullmatch on one number token (parse_percent)",
}


def _anchored(name: str) -> bool:
    """True when the package only ever calls ``match``/``fullmatch`` on the pattern (never a scan)."""
    if any(name.startswith(prefix) for prefix in _ANCHORED_BY_HAND):
        return True
    attribute = name.split("[", 1)[0].rsplit(".", 1)[-1]
    uses = set(regex.findall(rf"\b{regex.escape(attribute)}\.(\w+)\(", _SOURCE))
    return bool(uses) and uses <= {"match", "fullmatch"}


def _alphabet(pattern: Any) -> str:
    """The literal characters a pattern names (lexicon lists included), the ones it is most likely to loop on."""
    source = pattern.pattern if isinstance(pattern.pattern, str) else ""
    letters = {char for char in source if char not in _META and char.isprintable()}
    for words in getattr(pattern, "named_lists", {}).values():
        for word in list(words)[:200]:
            letters.update(word)
    return "".join(sorted(letters))[:300] or "a"


def _inputs(pattern: Any, size: int) -> Iterator[str]:
    alphabet = _alphabet(pattern)
    for char in _GENERIC:
        yield char * size
    yield (alphabet * (size // len(alphabet) + 1))[:size]
    yield "".join(random.Random(size).choices(alphabet, k=size))
    for char in alphabet[:12]:
        yield char * size


def _scan(pattern: Any, text: str) -> None:
    for _ in pattern.finditer(text):
        pass


def _anchored_match(pattern: Any, text: str) -> None:
    pattern.match(text)


def _seconds(run: Callable[[Any, str], None], pattern: Any, text: str) -> float:
    start = time.process_time()  # CPU time: other processes on the machine do not count
    run(pattern, text)
    return time.process_time() - start


def _growth(run: Callable[[Any, str], None], pattern: Any, small: str, large: str) -> float:
    large_time = min(_seconds(run, pattern, large) for _ in range(2))
    if large_time < _NOISE_FLOOR:
        return 0.0
    return large_time / max(min(_seconds(run, pattern, small) for _ in range(3)), 1e-5)


def worst_growth(name: str, pattern: Any, size: int, bound: float = GROWTH_BOUND) -> tuple[float, str]:
    """The largest growth over the pattern's inputs, and the input that gave it."""
    run = _anchored_match if _anchored(name) else _scan
    worst, worst_input = 0.0, ""
    for small, large in zip(_inputs(pattern, size), _inputs(pattern, 4 * size)):
        growth = _growth(run, pattern, small, large)
        if growth > bound:  # measure again before blaming the pattern: timers have hiccups
            growth = _growth(run, pattern, small, large)
        if growth > worst:
            worst, worst_input = growth, large[:12]
    return worst, worst_input


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=SMALL, help="n, the smaller input's characters (default %(default)s)")
    parser.add_argument("--bound", type=float, default=GROWTH_BOUND, help="largest growth allowed (default %(default)s)")
    parser.add_argument("--match", default="", help="only patterns whose name contains this")
    parser.add_argument("--top", type=int, default=10, help="also list the N largest growths")
    args = parser.parse_args(argv)
    if len(PATTERNS) < 100:
        print(f"the walk found only {len(PATTERNS)} patterns: it has lost its way through the package")
        return 2
    chosen = {name: pattern for name, pattern in PATTERNS.items() if args.match in name}
    started = time.perf_counter()
    results = [(name, *worst_growth(name, pattern, args.size, args.bound)) for name, pattern in sorted(chosen.items())]
    over = [row for row in results if row[1] > args.bound]
    print(f"{len(chosen)} patterns, n = {args.size}, in {time.perf_counter() - started:.0f} s; bound {args.bound:g}x")
    print("| pattern | growth n to 4n | input |")
    print("|---|---:|---|")
    for name, growth, sample in sorted(results, key=lambda row: -row[1])[: max(args.top, len(over))]:
        print(f"| {name} | {growth:.1f} | {sample!r} |")
    if over:
        print(f"{len(over)} over the bound")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
