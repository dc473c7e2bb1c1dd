"""One-to-one matching of gold and predicted records within one article.

Each record type has a *pair score*: ``None`` when two records cannot be the
same record, otherwise a similarity in (0, 1]. Matching is greedy over all
candidate pairs, best score first, ties broken by gold index then predicted
index, so the result is deterministic and independent of dict ordering.
Meetings are matched in two passes: by name similarity, then the leftovers
by equal date.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from qextract.evaluate.similarity import bare, compact, containment_ratio, contains_either, lcs_ratio

RECORD_TYPES: tuple[str, ...] = (
    "meetings",
    "officials",
    "dates",
    "slogans",
    "documents",
    "statistics",
    "bylines",
)

# The keys of each record type that the gold format defines; anything else a
# prediction carries (spans, ids, mentions, confidence) is ignored.
GOLD_KEYS: dict[str, tuple[str, ...]] = {
    "meetings": ("name", "date", "time_of_day", "location", "chairs", "speakers", "attendees"),
    "officials": ("name", "titles", "organization"),
    "dates": ("text", "value"),
    "slogans": ("text", "kind", "items"),
    "documents": ("title",),
    "statistics": ("text", "value", "unit", "qualifier", "subject"),
    "bylines": ("name", "role"),
}

MEETING_NAME_RATIO = 0.5

PairScore = Callable[[dict, dict], Optional[float]]


@dataclass
class MatchResult:
    """Indices into the gold and predicted record lists of one type in one article."""

    pairs: list[tuple[int, int]] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)
    spurious: list[int] = field(default_factory=list)


def records_of(document: Optional[dict], record_type: str) -> list[dict]:
    """The records of one type as gold-format dicts; tolerant of nulls and odd shapes."""
    if not isinstance(document, dict):
        return []
    raw = document.get(record_type)
    if not isinstance(raw, list):
        return []
    records = [_as_record(record_type, item) for item in raw]
    records = [record for record in records if record is not None]
    if record_type == "dates":
        records = _distinct_date_values(records)
    return records


def _as_record(record_type: str, item: Any) -> Optional[dict]:
    if record_type == "documents":
        # Gold lists plain titles; predictions carry {"title", "kind", "issuer", "span"}.
        if isinstance(item, str):
            return {"title": item}
        if isinstance(item, dict):
            return {"title": item.get("title")}
        return None
    if not isinstance(item, dict):
        return None
    if record_type == "meetings" and item.get("referenced") is True:
        # A meeting the article only cites (贯彻…会议精神) is flagged, not claimed as held.
        return None
    return {key: item.get(key) for key in GOLD_KEYS[record_type]}


def _distinct_date_values(records: list[dict]) -> list[dict]:
    """Each distinct date value counts once per article; the first mention is kept."""
    seen: set[str] = set()
    distinct = []
    for record in records:
        value = compact(record.get("value"))
        if value in seen:
            continue
        seen.add(value)
        distinct.append(record)
    return distinct


def match_records(record_type: str, gold: list[dict], predicted: list[dict]) -> MatchResult:
    """Pair gold and predicted records of one type one to one."""
    passes = _PASSES[record_type]
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for pair_score in passes:
        pairs.extend(_greedy_pass(pair_score, gold, predicted, used_gold, used_predicted))
    pairs.sort()
    return MatchResult(
        pairs=pairs,
        missed=[index for index in range(len(gold)) if index not in used_gold],
        spurious=[index for index in range(len(predicted)) if index not in used_predicted],
    )


def _greedy_pass(
    pair_score: PairScore,
    gold: list[dict],
    predicted: list[dict],
    used_gold: set[int],
    used_predicted: set[int],
) -> list[tuple[int, int]]:
    candidates = []
    for gold_index, gold_record in enumerate(gold):
        if gold_index in used_gold:
            continue
        for predicted_index, predicted_record in enumerate(predicted):
            if predicted_index in used_predicted:
                continue
            score = pair_score(gold_record, predicted_record)
            if score is not None:
                candidates.append((-score, gold_index, predicted_index))
    candidates.sort()
    accepted = []
    for _, gold_index, predicted_index in candidates:
        if gold_index in used_gold or predicted_index in used_predicted:
            continue
        used_gold.add(gold_index)
        used_predicted.add(predicted_index)
        accepted.append((gold_index, predicted_index))
    return accepted


def _equal_key(key: Callable[[dict], Any]) -> PairScore:
    def score(gold_record: dict, predicted_record: dict) -> Optional[float]:
        gold_key = key(gold_record)
        if not gold_key or gold_key != key(predicted_record):
            return None
        return 1.0

    return score


def official_key(record: dict) -> str:
    return bare(record.get("name"))


def document_key(record: dict) -> str:
    return bare(record.get("title"))


def date_key(record: dict) -> str:
    return compact(record.get("value"))


def byline_key(record: dict) -> Optional[tuple[str, str]]:
    name = bare(record.get("name"))
    return (name, compact(record.get("role")).lower()) if name else None


def meeting_name_similarity(gold_record: dict, predicted_record: dict) -> float:
    """LCS ratio of the two names without punctuation: 1 for equal names, 0 when one is missing."""
    gold_name, predicted_name = bare(gold_record.get("name")), bare(predicted_record.get("name"))
    if not gold_name or not predicted_name:
        return 0.0
    return lcs_ratio(gold_name, predicted_name)


def _meeting_by_name(gold_record: dict, predicted_record: dict) -> Optional[float]:
    gold_name, predicted_name = bare(gold_record.get("name")), bare(predicted_record.get("name"))
    similarity = meeting_name_similarity(gold_record, predicted_record)
    if contains_either(gold_name, predicted_name) or similarity >= MEETING_NAME_RATIO:
        return max(similarity, 1e-6)
    return None


def _meeting_by_date(gold_record: dict, predicted_record: dict) -> Optional[float]:
    gold_date = compact(gold_record.get("date"))
    if not gold_date or gold_date != compact(predicted_record.get("date")):
        return None
    # Among meetings on the same day, prefer the closest name.
    return meeting_name_similarity(gold_record, predicted_record) + 1e-6


def _slogan_score(gold_record: dict, predicted_record: dict) -> Optional[float]:
    ratio = containment_ratio(bare(gold_record.get("text")), bare(predicted_record.get("text")))
    return ratio if ratio > 0 else None


def statistic_value(record: dict) -> Optional[float]:
    value = record.get("value")
    if isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def statistic_unit(record: dict) -> str:
    return compact(record.get("unit"))


def _statistic_score(gold_record: dict, predicted_record: dict) -> Optional[float]:
    gold_value, predicted_value = statistic_value(gold_record), statistic_value(predicted_record)
    if gold_value is None or predicted_value is None:
        return None
    if not math.isclose(gold_value, predicted_value, rel_tol=1e-9, abs_tol=1e-9):
        return None
    if statistic_unit(gold_record) != statistic_unit(predicted_record):
        return None
    # Same value and unit may occur for different subjects (10家企业 twice):
    # the closest subject, then the closest text, wins.
    subject = lcs_ratio(compact(gold_record.get("subject")), compact(predicted_record.get("subject")))
    text = lcs_ratio(compact(gold_record.get("text")), compact(predicted_record.get("text")))
    return 1.0 + subject + 0.01 * text


_PASSES: dict[str, tuple[PairScore, ...]] = {
    "meetings": (_meeting_by_name, _meeting_by_date),
    "officials": (_equal_key(official_key),),
    "dates": (_equal_key(date_key),),
    "slogans": (_slogan_score,),
    "documents": (_equal_key(document_key),),
    "statistics": (_statistic_score,),
    "bylines": (_equal_key(byline_key),),
}
