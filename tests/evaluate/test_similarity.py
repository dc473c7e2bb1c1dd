"""Keys and similarity measures."""

import pytest

from qextract.evaluate.similarity import bare, clean, close_wording, compact, contains_either, lcs_length, lcs_ratio


def test_keys():
    assert clean("  质量  强区\u3000建设 ") == "质量 强区 建设"
    assert compact("质量 强区\u3000建设") == "质量强区建设"
    assert bare("“质量月”、《办法》（试行）") == "质量月办法试行"
    assert compact("９５％") == "95%"
    assert bare(None) == "" and compact(12) == "12"


@pytest.mark.parametrize(
    "left,right,length",
    [("", "甲", 0), ("甲乙丙", "甲乙丙", 3), ("甲乙丙丁", "甲丙", 2), ("人员培训", "培训人员", 2), ("甲乙", "丙丁", 0)],
)
def test_lcs_length(left, right, length):
    assert lcs_length(left, right) == length
    assert lcs_length(right, left) == length


def test_lcs_ratio_bounds():
    assert lcs_ratio("", "") == 1.0
    assert lcs_ratio("甲", "") == 0.0
    assert lcs_ratio("甲乙", "甲乙") == 1.0
    assert lcs_ratio("甲乙丙丁", "甲丙") == pytest.approx(4 / 6)


def test_lcs_is_bounded_on_long_input():
    long_text = "质" * 5000
    assert lcs_length(long_text, long_text) == 200


def test_containment_needs_two_non_empty_keys():
    assert contains_either("质量", "质量月")
    assert not contains_either("", "质量月")
    assert not close_wording("", "")
    assert close_wording("人员培训", "培训人员")
    assert not close_wording("经营主体", "培训人员")
