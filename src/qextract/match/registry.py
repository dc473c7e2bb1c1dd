"""Which matcher produces which record type, in the order they run.

Later matchers read the records of earlier ones from ``ctx.found``:
statistics skip dates, documents and numbered slogans; meetings link the
dates and officials found before them.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Callable

from qextract.errors import ConfigError
from qextract.match.context import MatchContext
from qextract.records import ExtractionWarning

# record type -> "module:function"; a function named *_with_warnings returns
# (records, warnings), the others return records.
MATCHERS: dict[str, str] = {
    "dates": "qextract.match.dates:find_dates",
    "documents": "qextract.match.documents:find_documents",
    "slogans": "qextract.match.slogans:find_slogans_with_warnings",
    "bylines": "qextract.match.bylines:find_bylines",
    "officials": "qextract.match.officials:find_officials",
    "statistics": "qextract.match.statistics:find_statistics",
    "meetings": "qextract.match.meetings:find_meetings",
}

# What a matcher reads besides the clean text. The pipeline prepares these
# once, before the first matcher that needs them, and skips them when no
# loaded matcher does (a dates-only pipeline never loads the tokeniser).
TOKENS = "tokens"
ENTITIES = "entities"
NEEDS: dict[str, frozenset[str]] = {
    "officials": frozenset({TOKENS, ENTITIES}),
    "statistics": frozenset({TOKENS}),
}


@dataclass(frozen=True)
class Matcher:
    record_type: str
    function: Callable[[MatchContext], Any]
    returns_warnings: bool
    needs: frozenset[str] = frozenset()

    def run(self, context: MatchContext) -> tuple[list[Any], list[ExtractionWarning]]:
        result = self.function(context)
        if self.returns_warnings:
            records, warnings = result
            return list(records), list(warnings)
        return list(result), []


def load_matchers(record_types: tuple[str, ...]) -> list[Matcher]:
    """The matchers for ``record_types``, in pipeline order."""
    matchers = []
    for record_type, target in MATCHERS.items():
        if record_type not in record_types:
            continue
        module_name, function_name = target.split(":")
        try:
            function = getattr(importlib.import_module(module_name), function_name)
        except (ImportError, AttributeError) as exc:
            raise ConfigError(f"matcher for {record_type!r} cannot be loaded: {exc}") from exc
        returns_warnings = function_name.endswith("_with_warnings")
        matchers.append(Matcher(record_type, function, returns_warnings, NEEDS.get(record_type, frozenset())))
    return matchers
