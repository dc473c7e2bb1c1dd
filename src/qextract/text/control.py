"""Control characters and line endings."""

from __future__ import annotations

import regex

from qextract.text.offsets import Edit

# CR LF and lone CR become LF; C0/C1 controls other than tab and newline,
# zero-width characters and byte-order marks carry no text.
_CARRIAGE_RETURN = regex.compile(r"\r\n?")
_INVISIBLE = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u2060\ufeff]+")


def normalise_line_endings(text: str) -> list[Edit]:
    """``\\r\\n`` and ``\\r`` become ``\\n``."""
    return [Edit(m.start(), m.end(), "\n") for m in _CARRIAGE_RETURN.finditer(text) if m.group() != "\n"]


def remove_control_chars(text: str) -> list[Edit]:
    """NUL and other control or zero-width characters are dropped."""
    return [Edit(m.start(), m.end()) for m in _INVISIBLE.finditer(text)]
