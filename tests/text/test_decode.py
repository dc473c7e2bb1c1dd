"""Bytes to text: UTF-8, GB18030 fallback with a warning, BOMs, and clear errors."""

from __future__ import annotations

import pytest

from qextract.errors import UnreadableInputError
from qextract.text.decode import decode_input

SAMPLE = "全省质量工作会议在杭州召开。"


def test_str_passes_through() -> None:
    assert decode_input(SAMPLE) == (SAMPLE, [])


def test_utf8_bytes() -> None:
    assert decode_input(SAMPLE.encode("utf-8")) == (SAMPLE, [])


def test_gb18030_bytes_fall_back_with_a_warning() -> None:
    text, warnings = decode_input(SAMPLE.encode("gb18030"))
    assert text == SAMPLE
    assert [warning.kind for warning in warnings] == ["decoded_gb18030"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "utf-32"])
def test_byte_order_marks(encoding: str) -> None:
    assert decode_input(SAMPLE.encode(encoding))[0] == SAMPLE


def test_binary_is_unreadable() -> None:
    with pytest.raises(UnreadableInputError, match="E001"):
        decode_input(bytes(range(256)) * 10)


@pytest.mark.parametrize("value", [None, 42, ["text"], {"text": SAMPLE}])
def test_other_types_are_unreadable(value: object) -> None:
    with pytest.raises(UnreadableInputError, match="expected str or bytes"):
        decode_input(value)  # type: ignore[arg-type]
