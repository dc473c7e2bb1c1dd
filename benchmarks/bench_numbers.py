"""Benchmarks of qextract's number reading and statistics matcher.

Three checks, each a sub-command (nothing here runs in the default tests):

  peers   qextract's number/percentage/money reading on the in-scope cases of
          Microsoft Recognizers-Text (NumberModel.json, PercentModel.json) and
          JioNLP (money_cases.json).
  seeds   find_statistics on the seed articles, scored against their answer
          keys (value + unit matching, qualifier/subject/text agreement).
  speed   CPU seconds of the statistics matcher on 1 MB (UTF-8) of random
          digits, 年, 月 and 日 -- the issue's input -- with the default
          tokeniser's tokens made beforehand, and on a quarter and a half of
          it, to show the time per MB and that it grows linearly; then the same
          on a harder "stress" text that adds measure words (个家%余多第) and
          punctuation, so that a candidate statistic opens every few characters.

Usage:
  python benchmarks/bench_numbers.py peers \\
      --number  /path/to/recognizers-text-zh/Number/Chinese/NumberModel.json \\
      --percent /path/to/recognizers-text-zh/Number/Chinese/PercentModel.json \\
      --money   /path/to/jionlp-cases/money_cases.json [--failures]
  python benchmarks/bench_numbers.py seeds --corpus /path/to/corpus [--texts seeds] [--verbose]
  python benchmarks/bench_numbers.py speed [--megabytes 1]

What counts as "in scope" for the peers (qextract reads government news, not
chat or shop text), per case:

  * out: fractions (三分之一, 3/5, 又) -- written out in words in this genre
    and rare; the statistics format has no field for a ratio's two parts;
  * out: scientific notation and powers (2e5, 2^5), k/M/w suffixes (40k,
    15k, 30w) -- programmer and chat notation, never in official prose;
  * out: 打 (dozen), 对/双 (pairs), 折 (shop discounts), 半百 -- colloquial;
  * out: numerals broken by spaces (一百 五 十 二, 7 万5 千4 百) -- the
    normaliser never produces them from news text;
  * out: 兆 as 10^12 -- in mainland prose 兆 is mega (兆瓦), so qextract does
    not read it as a numeral;
  * out: money with 角/分/块/毛 sub-units, ranges (1万-5万元, 两到三万) and
    vague magnitudes without a number (几十万, 数十亿): official reports state
    one amount in 元 or 万元;
  * out: cases marked NotSupported for dotnet (the reference itself fails);
  * in: everything else, after the clean-text normalisation qextract applies
    to every input (traditional -> simplified, full-width -> half-width).

A number case passes when the values found in the input equal the expected
values, in order. A percentage case passes when every expected percentage
is read with the same value. A money case passes when the matcher finds a
statistic with the expected value, the expected currency and a qualifier
that agrees with JioNLP's accurate/blur label.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))
from calendar_text import calendar_text  # noqa: E402

from qextract.match.context import MatchContext
from qextract.match.numbers import find_numbers, parse_percent
from qextract.match.statistics import find_statistics
from qextract.records import Span
from qextract.segment.jieba_tokenizer import JiebaTokenizer
from qextract.segment.tokenizer import shared_default_tokenizer

try:
    import opencc

    _T2S = opencc.OpenCC("t2s")
except ImportError:  # pragma: no cover - opencc is a runtime dependency
    _T2S = None

# ---------------------------------------------------------------------------
# approximate clean text (the pipeline's normaliser does this for real)

_FULL_WIDTH = regex.compile(r"[\uff01-\uff5e]")
_PINYIN = regex.compile(r"(?<=\p{Han})\((?:[a-zü\u00e0-\u00fc\u0100-\u01dc])+\)")
_DOUBLED_COMMA = regex.compile(r",(?=[,、。;!:?])")


def approximate_clean(raw: str) -> str:
    text = _T2S.convert(raw) if _T2S else raw
    text = _FULL_WIDTH.sub(lambda match: chr(ord(match.group()) - 0xFEE0), text)
    text = _PINYIN.sub("", text)
    return _DOUBLED_COMMA.sub("", text)


# ---------------------------------------------------------------------------
# peers

_CN_RUN_CHAR = "一二三四五六七八九十百千万亿两零余点壹贰叁肆伍陆柒捌玖拾佰仟萬億兩"
_OUT_OF_SCOPE_NUMBER = regex.compile(
    r"分\s*之|/|／|又|\^|[0-9.]\s*[eE][-+0-9－]|[kKmMwW](?![a-z])|打|对|双|半百|兆"  # fractions, notation, colloquial
    rf"|\d\s+[{_CN_RUN_CHAR}]|[{_CN_RUN_CHAR}]\s+[\d{_CN_RUN_CHAR}]|,\s"  # numerals broken by spaces
    r"|俩|倆|点两|點兩"  # colloquial 俩 (two people), 一点两 (a bit)
    r"|(?<![0-9])\.[0-9]|\d\.\d+\.\d"  # .5 and dotted codes (2222.2222.22)
    r"|美元|美刀|折"  # numbers bound to currency or discount units belong to other models
)
_OUT_OF_SCOPE_PERCENT = regex.compile(r"折|[kK]|\s|半|[百千万]万分之|https?://")
_OUT_OF_SCOPE_MONEY = regex.compile(r"角|分|块|毛|[kKwW]|几|数十|数百|到|至|-|~|—|含|\s|个亿")
_CURRENCY_WORD = regex.compile(r"元|圆|币|镑|卢布|泰铢")
_CURRENCY_ALIASES = {"元": {"元", "人民币"}, "港元": {"港元", "港币"}, "日元": {"日元", "日币"}, "新台币": {"新台币", "台币"}}
_BLUR_QUALIFIERS = {"accurate": {"exact"}, "blur": {"approx"}, "blur+": {"at_least"}, "blur-": {"at_most", "approx"}}


@dataclass
class SuiteResult:
    name: str
    total: int = 0
    in_scope: int = 0
    passed: int = 0

    def row(self) -> str:
        share = 100.0 * self.passed / self.in_scope if self.in_scope else 0.0
        return f"| {self.name} | {self.total} | {self.in_scope} | {self.passed} | {share:.1f}% |"


def _not_supported_by_reference(case: dict) -> bool:
    return "dotnet" in case.get("NotSupported", "") or "dotnet" in case.get("NotSupportedByDesign", "")


def _run_suite(name: str, cases: list[Any], in_scope: Callable[[Any], bool], passes: Callable[[Any], bool], failures: list[str]) -> SuiteResult:
    result = SuiteResult(name, total=len(cases))
    for case in cases:
        if not in_scope(case):
            continue
        result.in_scope += 1
        if passes(case):
            result.passed += 1
        else:
            failures.append(f"{name}: {json.dumps(case, ensure_ascii=False)[:160]}")
    return result


def _number_suite(path: Path, tokenizer: JiebaTokenizer, failures: list[str]) -> SuiteResult:
    cases = json.loads(path.read_text(encoding="utf-8"))

    def in_scope(case: dict) -> bool:
        if _not_supported_by_reference(case):
            return False
        texts = [case["Input"]] + [result["Text"] for result in case["Results"]]
        return not any(_OUT_OF_SCOPE_NUMBER.search(text) for text in texts)

    def passes(case: dict) -> bool:
        text = approximate_clean(case["Input"])
        expected = [float(result["Resolution"]["value"]) for result in case["Results"]]
        found = [mention.value for mention in find_numbers(text, tokenizer.tokens(text))]
        return len(found) == len(expected) and all(abs(a - b) < 1e-6 * max(1.0, abs(b)) for a, b in zip(found, expected))

    return _run_suite("Recognizers-Text NumberModel", cases, in_scope, passes, failures)


def _percent_suite(path: Path, failures: list[str]) -> SuiteResult:
    cases = json.loads(path.read_text(encoding="utf-8"))

    def in_scope(case: dict) -> bool:
        if _not_supported_by_reference(case) or not case["Results"]:
            return False
        return not any(_OUT_OF_SCOPE_PERCENT.search(result["Text"]) for result in case["Results"])

    def passes(case: dict) -> bool:
        for result in case["Results"]:
            expected = float(result["Resolution"]["value"].rstrip("%"))
            value = parse_percent(approximate_clean(result["Text"]))
            if value is None or abs(value - expected) > 1e-6 * max(1.0, abs(expected)):
                return False
        return True

    return _run_suite("Recognizers-Text PercentModel", cases, in_scope, passes, failures)


def _money_suite(path: Path, tokenizer: JiebaTokenizer, failures: list[str]) -> SuiteResult:
    cases = json.loads(path.read_text(encoding="utf-8"))

    def in_scope(case: dict) -> bool:
        expected = case["expected"]
        if isinstance(expected["num"], list) and "多" not in case["text"]:
            return False
        return bool(_CURRENCY_WORD.search(case["text"])) and not _OUT_OF_SCOPE_MONEY.search(case["text"])

    def passes(case: dict) -> bool:
        expected = case["expected"]
        number = expected["num"][0] if isinstance(expected["num"], list) else expected["num"]
        currencies = _CURRENCY_ALIASES.get(expected["case"], {expected["case"]})
        text = approximate_clean(case["text"])
        context = MatchContext(text=text, tokenizer=tokenizer)
        for statistic in find_statistics(context):
            unit_ok = statistic.unit in currencies or (statistic.unit is None and expected["case"] == "元")
            value_ok = abs(float(statistic.value) - float(number)) < 0.01
            if unit_ok and value_ok and statistic.qualifier in _BLUR_QUALIFIERS[expected["definition"]]:
                return True
        return False

    return _run_suite("JioNLP money_cases", cases, in_scope, passes, failures)


def run_peers(arguments: argparse.Namespace) -> int:
    tokenizer = JiebaTokenizer()
    failures: list[str] = []
    results = []
    if arguments.number:
        results.append(_number_suite(Path(arguments.number), tokenizer, failures))
    if arguments.percent:
        results.append(_percent_suite(Path(arguments.percent), failures))
    if arguments.money:
        results.append(_money_suite(Path(arguments.money), tokenizer, failures))
    print("| Suite | Cases | In scope | Passed | Pass rate |")
    print("|---|---:|---:|---:|---:|")
    for result in results:
        print(result.row())
    if arguments.failures:
        print()
        print("\n".join(failures))
    return 0


# ---------------------------------------------------------------------------
# seeds


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(needle) if needle else -1
    while start >= 0:
        spans.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    return spans


@dataclass
class _Found:
    """Stand-in for an upstream record: what statistics reads is kind, text and span."""

    text: str
    span: Span
    kind: Optional[str] = None


def _upstream_records(text: str, gold: dict) -> dict[str, list[_Found]]:
    """Dates, slogans and documents where the answer key puts them (upstream matchers' job)."""
    found: dict[str, list[_Found]] = {"dates": [], "slogans": [], "documents": []}
    for date in gold.get("dates", []):
        for start, end in _occurrences(text, date["text"]):
            found["dates"].append(_Found(date["text"], Span(start, end, date["text"])))
    for slogan in gold.get("slogans", []):
        for start, end in _occurrences(text, slogan["text"]):
            found["slogans"].append(_Found(slogan["text"], Span(start, end, slogan["text"]), slogan.get("kind")))
    for title in gold.get("documents", []):
        for start, end in _occurrences(text, title):
            found["documents"].append(_Found(title, Span(start, end, title)))
    return found


def _body_start(text: str) -> int:
    """Where the first line with a full stop begins: the header matcher's job, roughly."""
    offset = 0
    for line in text.splitlines(keepends=True):
        if "。" in line:
            return offset
        offset += len(line)
    return 0


def _statistic_dicts(statistics: list[Any]) -> list[dict]:
    return [
        {"text": s.text, "value": s.value, "unit": s.unit, "qualifier": s.qualifier, "subject": s.subject}
        for s in statistics
    ]


def _pairs(gold: list[dict], predicted: list[dict]) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    from qextract.evaluate.matching import match_records

    result = match_records("statistics", gold, predicted)
    return result.pairs, result.missed, result.spurious


def _agreement(gold: dict, predicted: dict) -> dict[str, bool]:
    from qextract.evaluate.agreement import field_agreement

    return field_agreement("statistics", gold, predicted)


def run_seeds(arguments: argparse.Namespace) -> int:
    corpus = Path(arguments.corpus)
    tokenizer = JiebaTokenizer()
    gold_total = predicted_total = matched = 0
    agreed: dict[str, list[int]] = {}
    for seed in sorted((corpus / arguments.texts).glob("*.txt")):
        gold_path = corpus / "gold" / f"{seed.stem}.json"
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = approximate_clean(seed.read_text(encoding="utf-8"))
        context = MatchContext(text=text, tokenizer=tokenizer, found=_upstream_records(text, gold), body_start=_body_start(text))
        predicted = _statistic_dicts(find_statistics(context))
        expected = gold.get("statistics", [])
        pairs, missed, spurious = _pairs(expected, predicted)
        gold_total += len(expected)
        predicted_total += len(predicted)
        matched += len(pairs)
        for gold_index, predicted_index in pairs:
            for name, ok in _agreement(expected[gold_index], predicted[predicted_index]).items():
                agreed.setdefault(name, [0, 0])
                agreed[name][0] += 1
                agreed[name][1] += int(ok)
                if arguments.verbose and not ok:
                    print(f"  {seed.stem[:3]} {name} differs: gold {expected[gold_index]} | got {predicted[predicted_index]}")
        if arguments.verbose:
            for index in missed:
                print(f"  {seed.stem[:3]} missed: {expected[index]}")
            for index in spurious:
                print(f"  {seed.stem[:3]} spurious: {predicted[index]}")
    precision = matched / predicted_total if predicted_total else 0.0
    recall = matched / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"gold {gold_total}  predicted {predicted_total}  matched {matched}")
    print(f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    for name, (compared, ok) in sorted(agreed.items()):
        print(f"{name} agreement {ok}/{compared} = {ok / compared:.3f}")
    return 0


# ---------------------------------------------------------------------------
# speed


class _WhitespaceTokenizer:
    """One token per character run of the same class: cheap, so only the matcher is timed."""

    _RUN = regex.compile(r"\d+|\p{Han}|.", regex.DOTALL)

    def tokens(self, text: str) -> list[Any]:
        from qextract.segment.tokenizer import Token

        return [Token(m.start(), m.end(), m.group(), "m" if m.group()[0].isdigit() else "n") for m in self._RUN.finditer(text)]


def _time_matcher(text: str, tokenizer: Any, repeats: int = 3) -> float:
    """CPU seconds, best of ``repeats`` runs of the matcher alone, tokens made beforehand.

    CPU time, not wall time: on a shared machine other jobs lengthen the
    wall clock but not the matcher's own work.

    The tokens are moved out of the garbage collector's sight (gc.freeze):
    half a million live Token objects would otherwise make every collection
    during the run slower, a cost of the tokenizer's output, not of matching.
    """
    context = MatchContext(text=text, tokenizer=tokenizer)
    context.tokens
    gc.collect()
    gc.freeze()
    try:
        best = float("inf")
        for _ in range(repeats):
            started = time.process_time()
            find_statistics(context)
            best = min(best, time.process_time() - started)
        return best
    finally:
        gc.unfreeze()


def run_speed(arguments: argparse.Namespace) -> int:
    size = int(arguments.megabytes * 1_000_000)
    tokenizers = {"default tokeniser": shared_default_tokenizer(), "one token per digit run": _WhitespaceTokenizer()}
    worst_growth = 0.0
    for alphabet in ("issue", "stress"):
        for label, tokenizer in tokenizers.items():
            print(f"{alphabet} text, {label} (tokens made beforehand):")
            rows = []
            for share in (0.25, 0.5, 1.0):
                text = calendar_text(int(size * share), alphabet)
                seconds = _time_matcher(text, tokenizer)
                megabytes = len(text.encode("utf-8")) / 1_000_000
                rows.append((megabytes, seconds))
                print(
                    f"  {megabytes:5.2f} MB ({len(text):>9} chars)  {seconds:7.3f} s CPU  "
                    f"{seconds / megabytes:6.3f} s per MB  {len(text) / seconds / 1000:8.0f} k chars/s"
                )
            (small, small_time), (large, large_time) = rows[0], rows[-1]
            growth = (large_time / small_time) / (large / small)
            worst_growth = max(worst_growth, growth)
            print(f"  time ratio / size ratio = {growth:.2f} (1.0 is linear)")
    return 0 if worst_growth < 2.0 else 1


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    peers = commands.add_parser("peers", help="Recognizers-Text and JioNLP suites")
    peers.add_argument("--number", help="NumberModel.json")
    peers.add_argument("--percent", help="PercentModel.json")
    peers.add_argument("--money", help="money_cases.json")
    peers.add_argument("--failures", action="store_true", help="list failing in-scope cases")
    peers.set_defaults(run=run_peers)
    seeds = commands.add_parser("seeds", help="score against the seed answer keys")
    seeds.add_argument("--corpus", required=True, help="folder with gold/ and the texts folder")
    seeds.add_argument("--texts", default="seeds", help="name of the texts folder (seeds; articles for fixtures/)")
    seeds.add_argument("--verbose", action="store_true")
    seeds.set_defaults(run=run_seeds)
    speed = commands.add_parser("speed", help="linear-time check on random calendar text")
    speed.add_argument("--megabytes", type=float, default=1.0)
    speed.set_defaults(run=run_speed)
    arguments = parser.parse_args(argv)
    return arguments.run(arguments)


if __name__ == "__main__":
    sys.exit(main())
