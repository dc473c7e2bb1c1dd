"""Text keys and similarity measures that decide whether two values agree.

Gold and predictions are both clean simplified text, but they may differ in
width (full-width vs ASCII punctuation), whitespace and quote marks. Every
comparison therefore goes through one of three keys:

- :func:`clean`: NFKC, whitespace runs collapsed to one space (header fields);
- :func:`compact`: NFKC, all whitespace removed (values, units, subjects);
- :func:`bare`: :func:`compact` minus every punctuation character (names,
  titles, slogan text, list items), so ``“开门红”`` and ``开门红`` are one key.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import regex

_WHITESPACE_RUN = regex.compile(r"\s+")
_PUNCTUATION_OR_SPACE = regex.compile(r"[\p{P}\p{Z}\s]+")

# Longest-common-subsequence is quadratic; subjects and names are short, and a
# cap keeps one pathological record from dominating an evaluation run.
_MAX_LCS_CHARS = 200

CLOSE_WORDING_RATIO = 0.5


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        value = str(value)
    return unicodedata.normalize("NFKC", value)


def clean(value: Any) -> str:
    """NFKC text with whitespace runs collapsed to one space and trimmed."""
    return _WHITESPACE_RUN.sub(" ", _as_text(value)).strip()


def compact(value: Any) -> str:
    """NFKC text with all whitespace removed."""
    return _WHITESPACE_RUN.sub("", _as_text(value))


def bare(value: Any) -> str:
    """NFKC text with all whitespace and punctuation (quotes, brackets, 、,。) removed."""
    return _PUNCTUATION_OR_SPACE.sub("", _as_text(value))


def contains_either(left: str, right: str) -> bool:
    """True when both keys are non-empty and one contains the other."""
    if not left or not right:
        return False
    return left in right or right in left


def lcs_length(left: str, right: str) -> int:
    """Length of the longest common subsequence (characters in order, gaps allowed)."""
    left, right = left[:_MAX_LCS_CHARS], right[:_MAX_LCS_CHARS]
    if len(left) < len(right):
        left, right = right, left
    previous = [0] * (len(right) + 1)
    for left_char in left:
        current = [0]
        for column, right_char in enumerate(right, start=1):
            if left_char == right_char:
                current.append(previous[column - 1] + 1)
            else:
                current.append(max(previous[column], current[column - 1]))
        previous = current
    return previous[-1]


def lcs_ratio(left: str, right: str) -> float:
    """Character overlap as 2·LCS / (len(left) + len(right)), in [0, 1]."""
    if not left and not right:
        return 1.0
    if not left or not right:
        return 0.0
    return 2 * lcs_length(left, right) / (min(len(left), _MAX_LCS_CHARS) + min(len(right), _MAX_LCS_CHARS))


def close_wording(left: str, right: str) -> bool:
    """Either key contains the other, or their LCS ratio is at least 0.5."""
    if contains_either(left, right):
        return True
    if not left or not right:
        return False
    return lcs_ratio(left, right) >= CLOSE_WORDING_RATIO


def containment_ratio(left: str, right: str) -> float:
    """Shorter length over longer length when one key contains the other, else 0."""
    if not contains_either(left, right):
        return 0.0
    return min(len(left), len(right)) / max(len(left), len(right))
