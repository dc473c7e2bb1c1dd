import json
from pathlib import Path

import pytest

from tests.conftest import ARTICLES

from qextract.segment.jieba_tokenizer import JiebaTokenizer
from qextract.segment.tokenizer import Tokenizer, shared_default_tokenizer

CASES = json.loads((Path(__file__).parent / "cases" / "tokenizer.json").read_text(encoding="utf-8"))


def _params():
    for case in CASES["positive"]:
        yield pytest.param(case, "whole", id="positive-" + case["text"])
    for case in CASES["negative"]:
        yield pytest.param(case, "not_whole", id="negative-" + case["text"])
    for case in CASES["known_failures"]:
        yield pytest.param(case, "whole", id="known-" + case["text"], marks=pytest.mark.xfail(strict=False))


@pytest.mark.parametrize("case,check", list(_params()))
def test_package_dictionary(case, check):
    words = [token.text for token in shared_default_tokenizer().tokens(case["text"])]
    for word in case.get(check, []):
        if check == "whole":
            assert word in words, words
        else:
            assert word not in words, words


def test_tokens_cover_the_text_in_order():
    text = "省市场监管局党委书记、局长出席会议。\n2025年2月20日"
    tokens = shared_default_tokenizer().tokens(text)
    assert "".join(token.text for token in tokens) == text
    assert all(left.end == right.start for left, right in zip(tokens, tokens[1:]))
    assert all(text[token.start : token.end] == token.text for token in tokens)


def test_jieba_tokenizer_is_a_tokenizer_and_takes_extra_words():
    tokenizer = JiebaTokenizer(package_dictionary=False, extra_words=[("桐庐暖企行", "nz")])
    assert isinstance(tokenizer, Tokenizer)
    assert "桐庐暖企行" in [token.text for token in tokenizer.tokens("开展桐庐暖企行活动")]


def test_a_second_implementation_fits_the_protocol():
    class CharTokenizer:
        def tokens(self, text):
            from qextract.segment.tokenizer import Token

            return [Token(i, i + 1, char) for i, char in enumerate(text)]

    assert isinstance(CharTokenizer(), Tokenizer)


def test_a_long_ascii_run_is_one_token() -> None:
    """jieba's tagger is quadratic on long ASCII runs; they are cut out before it."""
    from qextract.segment.jieba_tokenizer import JiebaTokenizer

    tokenizer = JiebaTokenizer(package_dictionary=False)
    text = "编号" + "8" * 5000 + "的产品和ABC型号"
    tokens = tokenizer.tokens(text)
    assert "".join(token.text for token in tokens) == text
    assert all(left.end == right.start for left, right in zip(tokens, tokens[1:]))
    assert [token.text for token in tokens if len(token.text) > 100] == ["8" * 5000]
    assert any(token.text == "ABC" for token in tokens)


def test_rjieba_gives_jiebas_tokens_and_tags() -> None:
    """The default tokeniser (rjieba) and the reference (jieba) agree token for token."""
    from qextract.segment.rjieba_tokenizer import RJiebaTokenizer
    from qextract.text import normalise

    reference, fast = JiebaTokenizer(), RJiebaTokenizer()
    for path in ARTICLES:
        raw = path.read_text(encoding="utf-8")
        text = normalise(raw).text
        assert fast.tokens(text) == reference.tokens(text)
    noisy = "编号" + "8" * 5000 + "的产品ABC型号, 2023年12月, 协会会长李明和本报记者王芳"
    assert fast.tokens(noisy) == reference.tokens(noisy)


def test_rjieba_takes_extra_words_and_user_dictionaries(tmp_path) -> None:
    from qextract.segment.rjieba_tokenizer import RJiebaTokenizer

    dictionary = tmp_path / "words.txt"
    dictionary.write_text("质量月活动 10 nz\n", encoding="utf-8")
    tokenizer = RJiebaTokenizer((str(dictionary),), extra_words=[("桐庐暖企行", "nz")])
    tokens = tokenizer.tokens("开展桐庐暖企行和质量月活动")
    assert ("桐庐暖企行", "nz") in [(token.text, token.pos) for token in tokens]
    assert ("质量月活动", "nz") in [(token.text, token.pos) for token in tokens]


def test_shipped_dictionary_edits_are_up_to_date() -> None:
    """The data files equal what jieba's dictionary and the lexicon give now (regenerate if not)."""
    from qextract.segment.dictionary import build_dictionary_edits, package_dictionary_edits

    shipped, derived = package_dictionary_edits(), build_dictionary_edits()
    assert shipped.words == derived.words, "run: python -m qextract.segment.dictionary"
    assert shipped.split_words == derived.split_words, "run: python -m qextract.segment.dictionary"
    assert "协会会长" in shipped.split_words


def test_split_words_are_not_tokens() -> None:
    tokens = [token.text for token in shared_default_tokenizer().tokens("省服装协会会长出席")]
    assert "协会会长" not in tokens and "会长" in tokens
