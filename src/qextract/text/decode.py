"""Bytes to text: UTF-8 first, GB18030 as the fallback Chinese sites need."""

from __future__ import annotations

import codecs

from qextract import errors
from qextract.errors import UnreadableInputError
from qextract.records import ExtractionWarning

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Share of NUL or other control bytes above which bytes are not text at all.
_MAX_BINARY_SHARE = 0.10


def decode_input(data: str | bytes | bytearray) -> tuple[str, list[ExtractionWarning]]:
    """Text of ``data``; bytes are decoded as UTF-8, then GB18030.

    Raises :class:`UnreadableInputError` for anything that is not text.
    """
    if isinstance(data, str):
        return data, []
    if not isinstance(data, (bytes, bytearray)):
        raise UnreadableInputError(f"expected str or bytes, got {type(data).__name__}")
    data = bytes(data)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), []
            except UnicodeDecodeError as exc:
                raise UnreadableInputError(f"bytes start with a {encoding} byte-order mark but do not decode: {exc}") from None
    if _looks_binary(data):
        raise UnreadableInputError("input looks binary (too many control bytes), not text")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        return text, [ExtractionWarning(errors.W_DECODED_GB18030, errors.WARNING_CODES[errors.W_DECODED_GB18030])]
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        return text, [ExtractionWarning(errors.W_DECODE_REPLACED, errors.WARNING_CODES[errors.W_DECODE_REPLACED])]


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if not sample:
        return False
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 13))
    return controls / len(sample) > _MAX_BINARY_SHARE
