"""Benchmark of the dates matcher against peers and the seed pages.

Not part of the test run. Each part takes its suite path as an argument and
is skipped when it is not given::

    python benchmarks/bench_dates.py \\
        --recognizers /work/shared/external/recognizers-text-zh/DateTime/Chinese/DateTimeModel.json \\
        --jionlp-cases /work/shared/external/jionlp-cases/time_cases.json \\
        --seeds /work/shared/corpus/seeds --gold /work/shared/corpus/gold \\
        --with-jionlp --linear --markdown docs/benchmarks_dates.md

``--with-jionlp`` also scores JioNLP (``pip install jionlp``; a benchmark
dependency only) on the same Recognizers-Text cases. ``--failures`` prints the
cases qextract fails.

Both peer suites are compared on resolved values in qextract's format (ISO
8601 at the precision written, ``/`` for ranges), not on spans. What is in
scope, and why the rest is not, is defined by :data:`RECOGNIZERS_EXCLUSIONS`
and :data:`JIONLP_EXCLUSIONS` below.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import glob
import json
import os
import sys
import time
from collections import Counter
from typing import Callable, Optional

import regex

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from calendar_text import calendar_text  # noqa: E402

from qextract.match.context import MatchContext
from qextract.match.dates import find_dates, parse_date

# ---------------------------------------------------------------- scope
#
# Each exclusion: (name, why it is out of scope, predicate on the expected
# text). An expected result that matches none is in scope.

_LUNAR = regex.compile(r"农历|阴历|正月|腊月|闰|廿|初[一二三四五六七八九十]|大年|冬月")
_ERA = regex.compile(r"康熙|雍正|乾隆|嘉庆|道光|咸丰|同治|光绪|宣统|民国|神龙|贞观|开元|洪武|永乐")
_WEEK = regex.compile(r"周|星期|礼拜|禮拜|週|工作日|交易日")
_OFFSET = regex.compile(
    r"(?:\d+|[一二三四五六七八九十两几半百千]+)\s?(?:多)?个?\s?(?:多)?(?:年|月|周|星期|天|日|小时|钟头|分钟|分|秒)半?"
    r"\s?(?:多)?(?:前|后|之前|之后|以前|以后|以来|以内|之内|内)"
    r"|^(?:前|后|过去|未来|今后|近|最近|再过|过)\s?(?:的)?\s?(?:\d+|[一二三四五六七八九十两几半]+)"
    r"|^(?:上个|下个)半年"
)
_OPEN_ENDED = regex.compile(r"(?:之前|以前|之后|以后|以来|起|开始|至今|截止|截至|自从|及以前|及以后|前$|内$)")
_SEASON_DECADE = regex.compile(r"[春夏秋冬](?:天|季)|年代|世纪|暑假|寒假")
_PRESENT_DEICTIC = regex.compile(
    r"^(?:在|从)?(?:今年|今日|今天|本日|最近|本月|这个月|当月|现在|目前|马上|近期|这一年|同月|当日|当晚|当天)$"
)
_ANAPHORIC = regex.compile(r"^(?:同月|当月|当日|当晚|当天|次日|这一年)")
_BETWEEN = regex.compile(r"和.{1,12}(?:之间|间)$")
_ORDINAL_PERIOD = regex.compile(r"第[一二三四五六七八九十\d]+\s?(?:个)?\s?(?:周|个月|月|天|年)|最後|最后|首月|前\s?\d+\s?周|前\d+天|前[两几]天|半月|半周")
_EDGE = regex.compile(r"[年月]底|[年月]末|[年月]初|伊始|季度[初末]|底前|初前|前期|后期|末期")
_TWO_DIGIT_YEAR_ALONE = regex.compile(r"^(?:\d{2}|[〇零一二三四五六七八九]{2})\s?年$")
_CLOCK = regex.compile(r"\d{1,2}\s?[:：]\s?\d{2}|[点时]")
_CLOCK_RANGE = regex.compile(
    r"(?:\d{1,2}[:：]\d{2}|[点时]\S{0,3})\s?(?:[-—~～至到]|——)\s?\S{0,6}(?:\d{1,2}[:：]\d{2}|[点时])"
    r"|\d{1,2}\s?[-~～至到]\s?\d{1,2}\s?点"
)
_DATE_PART = regex.compile(r"\d{1,4}\s?[年月日号/\-.·]|[一二三四五六七八九十〇零]+\s?[年月日号]|[昨今明前后]天|[昨今明]日|[昨今明]晚|今晨|今早|年|月|节|旦|夕")
_RELATIVE_PERIOD = regex.compile(r"上个季度|上季度|本季度|下季度|这个季度|本周|这周|上周|下周")
_ENUMERATION = regex.compile(r"[，,、]\s?\d{1,2}\s?[号日]")


def _excluded(text: str, rules) -> Optional[str]:
    for name, _why, predicate in rules:
        if predicate(text):
            return name
    return None


RECOGNIZERS_EXCLUSIONS: list[tuple[str, str, Callable[[str], bool]]] = [
    ("week", "weekdays and weeks (周三, 下下周, 第一周): relative to the reference week, which news text dates "
             "by calendar day instead; out by the brief", lambda t: bool(_WEEK.search(t))),
    ("offset", "offsets from 'now' (5年前, 前1周, 过去十年, 2分钟前): durations counted from the reference time, "
               "which the gold format records as statistics, never dates", lambda t: bool(_OFFSET.search(t))),
    ("open-ended", "open-ended ranges (2018年以前, 自2016年9月1日起, 或之后): qextract records the anchor date; "
                   "the record has no open-ended form", lambda t: bool(_OPEN_ENDED.search(t))),
    ("lunar/era", "lunar calendar days (正月三十, 十月初一) and regnal years (康熙三年, 民国三年): a different calendar",
     lambda t: bool(_LUNAR.search(t) or _ERA.search(t))),
    ("season/decade", "seasons, decades and centuries (今年夏天, 九十年代): no calendar-precise value",
     lambda t: bool(_SEASON_DECADE.search(t))),
    ("present deictic", "present-tense deictics and vague times alone (今年, 今日, 最近, 马上): not records by "
                        "the gold convention (NOTES 004, GOLD_FORMAT)", lambda t: bool(_PRESENT_DEICTIC.search(t.strip()))),
    ("between", "X和Y之间: the gold convention reads X和Y as two dates (NOTES 002)",
     lambda t: bool(_BETWEEN.search(t))),
    ("ordinal period", "ordinal or 'last N' sub-periods (2021年的第三个月, 最后4个月, 上半月)",
     lambda t: bool(_ORDINAL_PERIOD.search(t))),
    ("two-digit year alone", "a two-digit year standing alone (08年): in news the same form is a count of years "
                             "(14年来), so qextract reads two-digit years only before a month",
     lambda t: bool(_TWO_DIGIT_YEAR_ALONE.search(t.strip()))),
]


def _jionlp_rules() -> list[tuple[str, str, Callable[[dict], bool]]]:
    def text_rule(pattern: regex.Pattern[str]) -> Callable[[dict], bool]:
        return lambda case: bool(pattern.search(case["text"]))

    def base_anchored(case: dict) -> bool:
        start, end = case["expected"]["time"]
        base = case.get("base_time") or ""
        return "inf" in (start, end) or (len(base) >= 19 and base in (start, end))

    return [
        ("option", "cases that pass JioNLP-only options (ret_future, period_results_num, lunar_date)",
         lambda c: c.get("group") != "main"),
        ("lunar/solar term/season", "JioNLP category: lunar dates, solar terms, seasons",
         lambda c: any(word in (c.get("category") or "") for word in ("农历", "节气", "季节"))
         or bool(_LUNAR.search(c["text"]))),
        ("week", "weekdays and weeks (out by the brief)",
         lambda c: "星期" in (c.get("category") or "") or "周" in (c.get("category") or "")
         or bool(_WEEK.search(c["text"]))),
        ("century/decade", "centuries and decades", text_rule(_SEASON_DECADE)),
        ("open-ended or anchored at now", "spans that start or end at the base time or at infinity "
                                          "(2019年5月8日起, 从上个月到今天, 2025年前)", base_anchored),
        ("offset", "offsets from now (三年前, 20天后, 近30天, 未来两个月): durations, not dates",
         text_rule(_OFFSET)),
        ("time without date", "clock times and parts of the day without a date (早上7点, 15:37, 白天)",
         lambda c: not _DATE_PART.search(c["text"])),
        ("time range", "clock-time ranges inside one day (9:30~11:30, 下午1点到3点): the record keeps the start",
         text_rule(_CLOCK_RANGE)),
        ("edge convention", "fuzzy edges (年底, 月初, 年初, 伊始): JioNLP spans 年底 as Nov-Dec, the gold convention "
                            "reads YYYY-12", text_rule(_EDGE)),
        ("ordinal/first-N days", "ordinal sub-periods and first/last N days (第七年, 这个月前两天, 首月)",
         text_rule(_ORDINAL_PERIOD)),
        ("present deictic/anaphoric", "present deictics alone (今天, 本日, 现在) and anaphoric words (同月, 当晚)",
         lambda c: bool(_PRESENT_DEICTIC.search(c["text"]) or _ANAPHORIC.search(c["text"]))),
        ("relative quarter/week", "relative quarters (上个季度, 本季度)", text_rule(_RELATIVE_PERIOD)),
        ("enumeration", "enumerated days (9月10号，11号): one record per day, as the gold does for 2019年和2020年",
         text_rule(_ENUMERATION)),
        ("two-digit year alone", "a two-digit year without a month (24年): read as a count of years in news",
         lambda c: bool(_TWO_DIGIT_YEAR_ALONE.search(c["text"].strip()))),
        ("special range", "JioNLP's special ranges (全天, 今明两年)",
         lambda c: (c.get("category") or "").startswith("特殊时间范围")),
    ]


JIONLP_EXCLUSIONS = _jionlp_rules()


# ---------------------------------------------------------------- value conversion


def _recognizers_alternatives(result: dict, text: str) -> Optional[set[str]]:
    """The values in qextract's format a Recognizers result accepts; None if unresolved."""
    kind = result["TypeName"].split(".")[-1]
    values = result["Resolution"]["values"]
    alternatives: set[str] = set()
    for value in values:
        timex = value.get("timex", "")
        if value.get("value") == "not resolved" or value.get("start") == "not resolved":
            return None
        if kind == "date":
            alternatives.add(value["value"])
        elif kind == "datetime":
            stamp = dt.datetime.fromisoformat(value["value"])
            clock = timex.split("T", 1)[1] if "T" in timex else ""
            form = "%Y-%m-%dT%H:%M:%S" if clock.count(":") == 2 else "%Y-%m-%dT%H:%M"
            alternatives.add(stamp.strftime(form))
        elif kind == "daterange":
            alternatives.add(_recognizers_range(timex, value, text))
    return alternatives


_CONNECTOR_IN_TEXT = regex.compile(r"到|至|[-—–~～]")


def _recognizers_range(timex: str, value: dict, text: str) -> str:
    if not timex.startswith("("):
        if regex.fullmatch(r"\d{4}", timex):
            return timex
        if regex.fullmatch(r"(?:\d{4}|XXXX)-\d{2}", timex):
            return value["start"][:7]
        return value.get("start", "")
    start, end = value["start"], value["end"]
    unit = timex.rstrip(")").split(",")[-1][-1]
    as_written = bool(_CONNECTOR_IN_TEXT.search(text))
    if unit == "Y":
        last = int(end[:4]) - (0 if as_written else 1)
        return f"{start[:4]}/{last}"
    if unit == "M":
        end_date = dt.date.fromisoformat(end)
        if not as_written:
            end_date = end_date - dt.timedelta(days=1)
        return f"{start[:7]}/{end_date.isoformat()[:7]}"
    return f"{start}/{end}"


# A text that writes a day (6月30日, 2019-06-30) keeps day precision even when
# its span covers whole months.
_NAMES_DAYS = regex.compile(r"[日号]|\d{1,4}([-/.])\d{1,2}\1\d{1,4}|^\d{1,2}-\d{1,2}|[天节夕旦]")


def _span_to_value(start: str, end: str, text: str) -> Optional[str]:
    """A JioNLP [start, end] (inclusive, to the second) in qextract's format."""
    if "inf" in start or "inf" in end:
        return None
    first, last = dt.datetime.fromisoformat(start), dt.datetime.fromisoformat(end)
    has_clock = bool(_CLOCK.search(text))
    if first == last:
        return first.strftime("%Y-%m-%dT%H:%M:%S" if first.second else "%Y-%m-%dT%H:%M")
    if has_clock and not (first.time() == dt.time(0) and last.time() == dt.time(23, 59, 59)):
        last_minute = last - dt.timedelta(seconds=last.second) if last.second == 59 else last
        first_text = first.strftime("%Y-%m-%dT%H:%M")
        if (last - first).total_seconds() in (59, 3599):
            return first_text
        return first_text + "/" + last_minute.strftime("%Y-%m-%dT%H:%M")
    first_day, last_day = first.date(), last.date()
    if first_day == last_day:
        return first_day.isoformat()
    month_end = calendar.monthrange(last_day.year, last_day.month)[1]
    names_days = bool(_NAMES_DAYS.search(text))
    if first_day.day == 1 and last_day.day == month_end and not names_days:
        if first_day.month == 1 and last_day.month == 12 and "月" not in text:
            if first_day.year == last_day.year:
                return str(first_day.year)
            return f"{first_day.year}/{last_day.year}"
        first_month, last_month = first_day.isoformat()[:7], last_day.isoformat()[:7]
        return first_month if first_month == last_month else f"{first_month}/{last_month}"
    return f"{first_day.isoformat()}/{last_day.isoformat()}"


# ---------------------------------------------------------------- Recognizers-Text


def _reference_date(case: dict) -> Optional[str]:
    reference = (case.get("Context") or {}).get("ReferenceDateTime")
    return reference[:16] if reference else None


def _overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    return start < other_end and other_start < end


def _score_case(case: dict, predictions: list[tuple[int, int, Optional[str]]]) -> Optional[tuple[bool, str]]:
    """(passed, why) for an in-scope case, None for a case out of scope.

    ``predictions`` are (start, end, value) with ``end`` exclusive.
    """
    results = case["Results"]
    in_scope = []
    out_scope = []
    for result in results:
        span = (result["Start"], result["End"] + 1)
        kind = result["TypeName"].split(".")[-1]
        reason = None if kind in ("date", "daterange", "datetime") else "type"
        reason = reason or _excluded(result["Text"], RECOGNIZERS_EXCLUSIONS)
        if reason or "Mod" in json.dumps(result["Resolution"]) or _open_range(result):
            out_scope.append(span)
        else:
            in_scope.append((span, _recognizers_alternatives(result, result["Text"])))
    if results and not in_scope:
        return None
    # Matched by value: qextract keeps one record per distinct value, at its
    # first mention, so a repeated date is found once, not at each span.
    matched: set[int] = set()
    for span, alternatives in in_scope:
        if alternatives is None:
            if any(_overlaps(start, end, *span) for start, end, _ in predictions):
                return False, f"read an invalid date at {span}"
            continue
        hits = [index for index, (_, _, value) in enumerate(predictions) if value in alternatives]
        if not hits:
            return False, f"missed {sorted(alternatives)}"
        matched.update(hits)
    every_span = [span for span, _ in in_scope] + out_scope
    for index, (start, end, value) in enumerate(predictions):
        if index in matched or any(_overlaps(start, end, *span) for span in every_span):
            continue
        return False, f"spurious {value!r} at {start}-{end}"
    return True, ""


def _open_range(result: dict) -> bool:
    for value in result["Resolution"].get("values", []):
        if "start" in value and "end" not in value or "end" in value and "start" not in value:
            return True
    return False


def qextract_predict(text: str, reference: Optional[str]) -> list[tuple[int, int, Optional[str]]]:
    mentions = find_dates(MatchContext(text=text, publish_date=reference))
    return [(m.span.start, m.span.end, m.value) for m in mentions]


def jionlp_predict(text: str, reference: Optional[str]) -> list[tuple[int, int, Optional[str]]]:
    import logging

    import jionlp

    logging.getLogger().setLevel(logging.CRITICAL)  # JioNLP logs a traceback for every string it cannot read
    base = dt.datetime.fromisoformat(reference) if reference else None
    try:
        found = jionlp.ner.extract_time(text, time_base=base, with_parsing=True)
    except Exception:  # JioNLP raises on some inputs; count it as finding nothing
        return []
    predictions = []
    for item in found:
        detail = item.get("detail") or {}
        value = None
        if detail.get("type") in ("time_point", "time_span") and isinstance(detail.get("time"), list):
            value = _span_to_value(detail["time"][0], detail["time"][1], item["text"])
        predictions.append((item["offset"][0], item["offset"][1], value))
    return predictions


def run_recognizers(path: str, predict, show_failures: bool) -> tuple[int, int, Counter]:
    cases = json.load(open(path, encoding="utf-8"))
    passed = total = 0
    excluded: Counter = Counter()
    for case in cases:
        reference = _reference_date(case)
        for result in case["Results"]:
            kind = result["TypeName"].split(".")[-1]
            reason = "type " + kind if kind not in ("date", "daterange", "datetime") else \
                _excluded(result["Text"], RECOGNIZERS_EXCLUSIONS)
            if reason is None and ("Mod" in json.dumps(result["Resolution"]) or _open_range(result)):
                reason = "open-ended"
            if reason:
                excluded[reason] += 1
        outcome = _score_case(case, predict(case["Input"], reference))
        if outcome is None:
            continue
        total += 1
        ok, why = outcome
        passed += ok
        if not ok and show_failures:
            print(f"  FAIL {case['Input']!r} ({reference}): {why}")
    return passed, total, excluded


# ---------------------------------------------------------------- JioNLP cases


def _iso_base(base: Optional[str]) -> Optional[str]:
    if not base:
        return None
    parts = regex.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[ T](\d{2})(?::(\d{2}))?)?)?)?", base)
    if not parts:
        return None
    year, month, day, hour, minute = parts.groups()
    value = year
    if month:
        value += "-" + month
    if day:
        value += "-" + day
    if hour:
        value += f"T{hour}:{minute or '00'}"
    return value


def run_jionlp_cases(path: str, show_failures: bool) -> tuple[int, int, Counter]:
    cases = json.load(open(path, encoding="utf-8"))
    passed = total = 0
    excluded: Counter = Counter()
    for case in cases:
        expected = case["expected"]
        if expected.get("type") not in ("time_point", "time_span"):
            continue
        reason = _excluded(case, JIONLP_EXCLUSIONS)
        if reason:
            excluded[reason] += 1
            continue
        want = _span_to_value(expected["time"][0], expected["time"][1], case["text"])
        got = parse_date(case["text"], _iso_base(case.get("base_time")))
        total += 1
        if got is not None and got.value == want:
            passed += 1
        elif show_failures:
            print(f"  FAIL {case['text']!r} ({case.get('base_time')}): want {want}, got {got and got.value}")
    return passed, total, excluded


# ---------------------------------------------------------------- seeds

_PINYIN = regex.compile(r"(?<=\p{Han})\((?:[a-zü]|[\u0100-\u01DC])+\)")
_DOUBLED_COMMA = regex.compile(r",(?=[,、。;!:?])")
_SPACED_DATE = regex.compile(r"(?<=\d)([-:/.])\s(?=\d)")


def approximate_clean(raw: str) -> str:
    """Roughly what the normaliser does to a scraped page (see the helper brief)."""
    import opencc

    text = opencc.OpenCC("t2s").convert(raw)
    text = _PINYIN.sub("", text)
    text = _DOUBLED_COMMA.sub("", text)
    text = text.translate({code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)})
    return _SPACED_DATE.sub(r"\1", text)


def run_seeds(seed_dir: str, gold_dir: str) -> tuple[int, int, int]:
    true_pos = false_pos = false_neg = 0
    for seed in sorted(glob.glob(os.path.join(seed_dir, "*.txt"))):
        name = os.path.splitext(os.path.basename(seed))[0]
        gold = json.load(open(os.path.join(gold_dir, name + ".json"), encoding="utf-8"))
        text = approximate_clean(open(seed, encoding="utf-8").read())
        found = {m.value for m in find_dates(MatchContext(text=text, publish_date=gold.get("publish_date")))}
        wanted = {d["value"] for d in gold.get("dates", [])}
        true_pos += len(found & wanted)
        false_pos += len(found - wanted)
        false_neg += len(wanted - found)
        print(f"  {name}: missed {sorted(wanted - found)} spurious {sorted(found - wanted)}")
    return true_pos, false_pos, false_neg


def run_throughput(seed_dir: str, size: int = 1_000_000) -> float:
    """Characters per CPU second on cleaned seed pages repeated to ``size`` characters."""
    pages = [approximate_clean(open(path, encoding="utf-8").read())
             for path in sorted(glob.glob(os.path.join(seed_dir, "*.txt")))]
    text = "\n".join(pages)
    text = (text + "\n") * max(1, size // max(1, len(text)))
    started = time.process_time()
    find_dates(MatchContext(text=text, publish_date="2024-06-01"))
    return len(text) / max(time.process_time() - started, 1e-9)


# ---------------------------------------------------------------- linear time


def run_linear(size: int = 1_000_000) -> tuple[float, float]:
    """(CPU seconds, wall seconds) to read ``size`` bytes (UTF-8) of random digits, 年, 月 and 日.

    The brief's adversarial input: every position starts a number or a unit,
    so a matcher that backtracks or rescans shows it here. It must stay under
    one second on one core; CPU time is the number to read on a shared machine.
    """
    text = calendar_text(size)
    context = MatchContext(text=text, publish_date="2024-06-01")
    cpu, wall = time.process_time(), time.perf_counter()
    find_dates(context)
    return time.process_time() - cpu, time.perf_counter() - wall


# ---------------------------------------------------------------- main


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--recognizers", help="Recognizers-Text DateTimeModel.json")
    parser.add_argument("--jionlp-cases", help="jionlp-cases/time_cases.json")
    parser.add_argument("--seeds", help="folder of seed pages (*.txt)")
    parser.add_argument("--gold", help="folder of gold answer keys")
    parser.add_argument("--with-jionlp", action="store_true", help="also score JioNLP on the Recognizers cases")
    parser.add_argument("--linear", action="store_true", help="time a 1 MB adversarial text")
    parser.add_argument("--failures", action="store_true", help="print the cases qextract fails")
    parser.add_argument("--peer-failures", action="store_true", help="print the cases JioNLP fails")
    parser.add_argument("--markdown", help="write the results table to this file")
    args = parser.parse_args(argv)

    rows = []
    command = "python benchmarks/bench_dates.py " + " ".join(sys.argv[1:] if argv is None else argv)
    if args.recognizers:
        passed, total, excluded = run_recognizers(args.recognizers, qextract_predict, args.failures)
        line = {"suite": "Recognizers-Text DateTimeModel", "cases": total,
                "qextract": passed / total if total else 0.0, "jionlp": None, "excluded": excluded}
        print(f"Recognizers-Text: qextract {passed}/{total} = {line['qextract']:.1%}")
        print("  excluded results:", dict(excluded))
        if args.with_jionlp:
            jio_passed, jio_total, _ = run_recognizers(args.recognizers, jionlp_predict, args.peer_failures)
            line["jionlp"] = jio_passed / jio_total if jio_total else 0.0
            print(f"Recognizers-Text: JioNLP {jio_passed}/{jio_total} = {line['jionlp']:.1%}")
        rows.append(line)
    if args.jionlp_cases:
        passed, total, excluded = run_jionlp_cases(args.jionlp_cases, args.failures)
        rows.append({"suite": "JioNLP time_cases", "cases": total,
                     "qextract": passed / total if total else 0.0, "jionlp": None, "excluded": excluded})
        print(f"JioNLP cases: qextract {passed}/{total} = {passed / total:.1%}")
        print("  excluded cases:", dict(excluded))
    if args.seeds and args.gold:
        true_pos, false_pos, false_neg = run_seeds(args.seeds, args.gold)
        precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 0.0
        recall = true_pos / (true_pos + false_neg) if true_pos + false_neg else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"Seeds: P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
        rows.append({"suite": f"Seed pages, gold dates: F1 by value (P {precision:.3f}, R {recall:.3f})",
                     "cases": true_pos + false_neg, "qextract": f1, "jionlp": None})
        speed = run_throughput(args.seeds)
        print(f"Throughput on seed text: {speed / 1000:.0f}k characters per CPU second")
        rows.append({"suite": "Seed text repeated to 1 MB: characters per CPU second (thousands)", "cases": 1,
                     "qextract": speed / 1000, "jionlp": None, "raw": True, "unit": "k"})
    if args.linear:
        cpu, wall = min(run_linear() for _ in range(3))
        print(f"Linear check: 1 MB of random digits/年/月/日 in {cpu:.2f} s CPU ({wall:.2f} s wall), best of 3")
        if cpu >= 1.0:
            print("  OVER the one-second budget")
        rows.append({"suite": "1 MB of random digits/年/月/日: CPU seconds, best of 3 (budget < 1 s)", "cases": 1,
                     "qextract": cpu, "jionlp": None, "raw": True})
    if args.markdown:
        _write_markdown(args.markdown, rows, command)
    return 0


def _write_markdown(path: str, rows: list[dict], command: str) -> None:
    lines = [
        "# Benchmarks: dates",
        "",
        "Written by `benchmarks/bench_dates.py` (not part of the default test run). Peer suites are",
        "compared on resolved values in qextract's format (ISO 8601 at the precision written, `/` for",
        "ranges), not on spans. JioNLP is `pip install jionlp` (a benchmark-only dependency).",
        "",
        "| Suite | Cases in scope | qextract | JioNLP |",
        "|---|---:|---:|---:|",
    ]
    for row in rows:
        if row.get("raw"):
            value = f"{row['qextract']:.0f}k" if row.get("unit") == "k" else f"{row['qextract']:.2f} s"
        else:
            value = f"{row['qextract']:.1%}"
        peer = "" if row["jionlp"] is None else f"{row['jionlp']:.1%}"
        lines.append(f"| {row['suite']} | {row['cases']} | {value} | {peer} |")
    lines += ["", "Command:", "", "```", command, "```", ""]
    lines += _scope_markdown(rows)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))


def _scope_markdown(rows: list[dict]) -> list[str]:
    lines = [
        "## What is in scope, and why the rest is not",
        "",
        "qextract reads calendar expressions in official news. Each peer case is scored only on what",
        "such a record can hold; the rules are in the script (`RECOGNIZERS_EXCLUSIONS`,",
        "`JIONLP_EXCLUSIONS`). An excluded expression is still tolerated in the output: a qextract",
        "record that overlaps it does not count as spurious.",
        "",
        "**Recognizers-Text DateTimeModel** (results of type date, daterange, datetime; durations, sets,",
        "times and time ranges are other record types). A case is in scope when one of its expected",
        "results is, or when it expects nothing; it passes when every in-scope value is found (any of",
        "the past/future alternatives Recognizers gives) and no other value is. Unresolvable dates",
        "(2月30日) must give no record. Also out: results with a `Mod` (before/after/since) or an open end.",
        "",
    ]
    for name, why, _ in RECOGNIZERS_EXCLUSIONS:
        lines.append(f"- *{name}*: {why}.")
    lines += [
        "",
        "**JioNLP time_cases** (types time_point and time_span; time_delta and time_period are",
        "durations and sets). A case passes when `parse_date(text, base_time)` gives the expected span",
        "written in qextract's format.",
        "",
    ]
    for name, why, _ in JIONLP_EXCLUSIONS:
        lines.append(f"- *{name}*: {why}.")
    for row in rows:
        if row.get("excluded"):
            lines += ["", f"Excluded in {row['suite']}: "
                      + ", ".join(f"{name} {count}" for name, count in row["excluded"].most_common()) + "."]
    lines.append("")
    return lines


if __name__ == "__main__":
    sys.exit(main())
