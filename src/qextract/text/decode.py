"""Bytes to text: UTF-8 first, GB18030 as the fallback Chinese sites need."""

from __future__ import annotations

import codecs

import regex

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
# Share of undecodable bytes (U+FFFD after decoding) above which the input is not text.
_MAX_REPLACED_SHARE = 0.25

# A str from Python may hold lone surrogates (from surrogateescape decoding or
# JSON ``\ud800``). They are not characters: no codec can encode them, so
# they are replaced one for one, which keeps every offset.
_SURROGATE = regex.compile(r"[\ud800-\udfff]")
_LAST_SURROGATE = regex.compile(r"(?r)[\ud800-\udfff]")
_CONTROL_BYTES = bytes(byte for byte in range(32) if byte not in (9, 10, 13))


def decode_input(data: str | bytes | bytearray) -> tuple[str, list[ExtractionWarning]]:
    """Text of ``data``; bytes are decoded as UTF-8, then GB18030.

    Raises :class:`UnreadableInputError` for anything that is not text.
    """
    if isinstance(data, str):
        return _without_surrogates(data)
    if not isinstance(data, (bytes, bytearray)):
        raise UnreadableInputError(f"expected str or bytes, got {type(data).__name__}")
    data = bytes(data)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decoded(data, encoding)
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
        pass
    return _replaced(data.decode("utf-8", errors="replace"))


def _decoded(data: bytes, encoding: str) -> tuple[str, list[ExtractionWarning]]:
    try:
        return data.decode(encoding), []
    except UnicodeDecodeError:
        pass
    return _replaced(data.decode(encoding, errors="replace"))


def _replaced(text: str) -> tuple[str, list[ExtractionWarning]]:
    """Text decoded with U+FFFD for the bytes that did not decode, unless that is most of it."""
    if text.count("\ufffd") > _MAX_REPLACED_SHARE * len(text):
        raise UnreadableInputError("input is not UTF-8, GB18030 or UTF-16/32 text (too many bytes do not decode)")
    return text, [ExtractionWarning(errors.W_DECODE_REPLACED, errors.WARNING_CODES[errors.W_DECODE_REPLACED])]


def _without_surrogates(text: str) -> tuple[str, list[ExtractionWarning]]:
    first = _SURROGATE.search(text)
    if first is None:
        return text, []
    last = _LAST_SURROGATE.search(text)
    assert last is not None
    warning = ExtractionWarning(errors.W_SURROGATES, errors.WARNING_CODES[errors.W_SURROGATES], first.start(), last.end())
    return _SURROGATE.sub("\ufffd", text), [warning]


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > _MAX_BINARY_SHARE
