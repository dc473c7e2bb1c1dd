"""Language data shipped with qextract, loaded once per process."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

import regex


def data_path(relative: str) -> str:
    """Filesystem path of a data file inside the installed package."""
    return str(resources.files("qextract.data").joinpath(relative))


@lru_cache(maxsize=None)
def load_json(relative: str) -> Any:
    with resources.files("qextract.data").joinpath(relative).open(encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=None)
def load_lines(relative: str) -> tuple[str, ...]:
    """Non-empty lines of a text data file; `#` starts a comment line."""
    with resources.files("qextract.data").joinpath(relative).open(encoding="utf-8") as handle:
        return tuple(
            line.strip() for line in handle if line.strip() and not line.lstrip().startswith("#")
        )


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of the literal ``words``, longer ones first, so a word never loses to its own prefix."""
    return "|".join(regex.escape(word) for word in sorted(set(words), key=lambda word: (-len(word), word)))
