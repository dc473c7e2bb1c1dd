"""Field agreement between a matched gold record and its prediction.

Each check returns True/False, or None when the field does not apply to the
pair (``items`` of a quoted slogan), so it is left out of the share.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Optional

from qextract.evaluate.similarity import bare, clean, close_wording, compact, contains_either

FieldCheck = Callable[[dict, dict], Optional[bool]]


def _names(value: Any) -> set[str]:
    """A list of names as a set of keys; entries may be strings or {"name": ...} objects."""
    if not isinstance(value, list):
        return set()
    names = set()
    for entry in value:
        name = entry.get("name") if isinstance(entry, dict) else entry
        key = bare(name)
        if key:
            names.add(key)
    return names


def _strings(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [entry for entry in value if isinstance(entry, str)]


def _same_value(field: str) -> FieldCheck:
    def check(gold: dict, predicted: dict) -> bool:
        return compact(gold.get(field)) == compact(predicted.get(field))

    return check


def _same_bare_value(field: str) -> FieldCheck:
    def check(gold: dict, predicted: dict) -> bool:
        return bare(gold.get(field)) == bare(predicted.get(field))

    return check


def _same_name_set(field: str) -> FieldCheck:
    def check(gold: dict, predicted: dict) -> bool:
        return _names(gold.get(field)) == _names(predicted.get(field))

    return check


# --- officials -------------------------------------------------------------


def _organisations(*records: dict) -> list[str]:
    return [key for key in (bare(record.get("organization")) for record in records) if key]


def titles_equivalent(left: str, right: str, organisations: Iterable[str]) -> bool:
    """Equal titles, or one is the other with a body fused in front (省市场监管局局长 ~ 局长).

    The fused prefix must be, or be part of, one of the organisations named on
    either side, so 无锡市委书记 never equals 书记 of 江苏省.
    """
    if left == right:
        return bool(left)
    longer, shorter = (left, right) if len(left) > len(right) else (right, left)
    if not shorter or not longer.endswith(shorter):
        return False
    prefix = longer[: len(longer) - len(shorter)]
    return any(contains_either(prefix, organisation) for organisation in organisations)


def _titles_agree(gold: dict, predicted: dict) -> bool:
    gold_titles = {bare(title) for title in _strings(gold.get("titles"))} - {""}
    predicted_titles = {bare(title) for title in _strings(predicted.get("titles"))} - {""}
    organisations = _organisations(gold, predicted)

    def covered(titles: set[str], by: set[str]) -> bool:
        return all(any(titles_equivalent(title, other, organisations) for other in by) for title in titles)

    return covered(gold_titles, predicted_titles) and covered(predicted_titles, gold_titles)


def _organisation_agrees(gold: dict, predicted: dict) -> bool:
    gold_org, predicted_org = bare(gold.get("organization")), bare(predicted.get("organization"))
    if gold_org == predicted_org:
        return True
    if gold_org and predicted_org:
        return contains_either(gold_org, predicted_org)
    # One side left the body fused in its title (自治区主席): accept when the
    # other side's organisation is written inside one of those titles.
    named, fused_side = (gold_org, predicted) if gold_org else (predicted_org, gold)
    return any(named in bare(title) for title in _strings(fused_side.get("titles")))


# --- slogans ---------------------------------------------------------------


def _slogan_items_agree(gold: dict, predicted: dict) -> Optional[bool]:
    if compact(gold.get("kind")) != "numbered":
        return None
    gold_items = [bare(item) for item in _strings(gold.get("items"))]
    predicted_items = [bare(item) for item in _strings(predicted.get("items"))]
    if len(gold_items) != len(predicted_items):
        return False
    return all(
        gold_item == predicted_item or contains_either(gold_item, predicted_item)
        for gold_item, predicted_item in zip(gold_items, predicted_items)
    )


# --- statistics ------------------------------------------------------------


def _subject_agrees(gold: dict, predicted: dict) -> bool:
    gold_subject, predicted_subject = compact(gold.get("subject")), compact(predicted.get("subject"))
    if gold_subject == predicted_subject:
        return True
    return close_wording(gold_subject, predicted_subject)


def _statistic_text_agrees(gold: dict, predicted: dict) -> bool:
    gold_text, predicted_text = compact(gold.get("text")), compact(predicted.get("text"))
    return gold_text == predicted_text or contains_either(gold_text, predicted_text)


FIELD_CHECKS: dict[str, dict[str, FieldCheck]] = {
    "meetings": {
        "date": _same_value("date"),
        "time_of_day": _same_value("time_of_day"),
        "location": _same_bare_value("location"),
        "chairs": _same_name_set("chairs"),
        "speakers": _same_name_set("speakers"),
        "attendees": _same_name_set("attendees"),
    },
    "officials": {
        "titles": _titles_agree,
        "organization": _organisation_agrees,
    },
    "slogans": {
        "kind": _same_value("kind"),
        "items": _slogan_items_agree,
    },
    "statistics": {
        "qualifier": _same_value("qualifier"),
        "subject": _subject_agrees,
        "text": _statistic_text_agrees,
    },
    "dates": {},
    "documents": {},
    "bylines": {},
}

HEADER_FIELDS: tuple[str, ...] = ("title", "publish_date", "source")


def field_agreement(record_type: str, gold: dict, predicted: dict) -> dict[str, bool]:
    """Every applicable field of a matched pair and whether it agrees."""
    result = {}
    for name, check in FIELD_CHECKS[record_type].items():
        verdict = check(gold, predicted)
        if verdict is not None:
            result[name] = verdict
    return result


def header_agrees(gold_value: Any, predicted_value: Any) -> bool:
    """Exact agreement after NFKC and whitespace normalisation; null equals null."""
    return clean(gold_value) == clean(predicted_value)
