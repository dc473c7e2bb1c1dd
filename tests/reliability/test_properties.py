"""Property-based: any text, and text cut and glued from articles with noise, gives a sound Document.

For every input: ``extract`` raises nothing but QextractError; every span
passes the raw-offset invariant (support.check_document); the same input gives
the same JSON twice (and from a second pipeline); the JSON reads back into an
equal Document.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from qextract import Document, Pipeline, QextractError
from qextract.text import decode_input

from .support import ARTICLE_TEXTS, budget, check_document

# Noise of the kinds crawled pages carry, in words of our own.
NOISE = (
    "(zhì)", "(guó)", "質", "標準", "縣(xiàn)", ",,", ",。", ",、", "\x00", "\x07", "\ufffd", "\ufeff", "\u200b",
    "２０２４年３月５日", "ＧＢ／Ｔ", "2024- 03- 15 10: 30", "\n301.jpg\n", "\nIMG_0001.PNG\n",
    "\n彩票开奖|体育比分|真人视频|棋牌下载|电影在线\n", "浏览次数:( )", "字体:[ 大 中 小 ]", "当前位置: 首页 > 新闻 > 动态\n",
    "来源:", "发布日期:", "\r\n", "\r", "\n\n\n", "\u3000\u3000", "《", "》", "“", "”", "(", ")", "（", "）",
    "年", "月", "日", "至", "—", "一是", "(一)", "<p>", "</div>", "<script>var a=1;</script>", "&nbsp;", "&#36136;",
    "<!--", "-->", "锟斤拷", "?", "閿熸枻鎷", "𠀀", "\ud800",
)


@st.composite
def article_collage(draw: st.DrawFn) -> str:
    """Pieces cut at random from the fixture articles, glued with noise and random characters."""
    pieces = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(("article", "article", "noise", "random")))
        if kind == "article":
            article = draw(st.sampled_from(ARTICLE_TEXTS))
            start = draw(st.integers(0, len(article)))
            pieces.append(article[start : start + draw(st.integers(0, 600))])
        elif kind == "noise":
            pieces.append(draw(st.sampled_from(NOISE)))
        else:
            pieces.append(draw(st.text(max_size=12)))
    return "".join(pieces)


# Every code point, surrogates included (a Python str can hold them).
any_text = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=300)


def _check(pipeline: Pipeline, text: str | bytes) -> None:
    try:
        document = pipeline(text)
    except QextractError:
        return
    check_document(decode_input(text)[0], document)  # offsets index the decoded input
    again = pipeline(text)
    assert again.to_json() == document.to_json()
    assert Document.from_json(document.to_json()) == document


@budget(450)
@given(any_text)
def test_any_unicode_text(pipeline: Pipeline, text: str) -> None:
    _check(pipeline, text)


@budget(200)
@given(article_collage())
def test_article_collages(pipeline: Pipeline, text: str) -> None:
    _check(pipeline, text)


@budget(150)
@given(st.one_of(st.binary(max_size=400), article_collage().map(lambda text: text.encode("gb18030", "replace"))))
def test_any_bytes(pipeline: Pipeline, data: bytes) -> None:
    _check(pipeline, data)


@budget(50)
@given(article_collage())
def test_a_second_pipeline_gives_the_same_json(pipeline: Pipeline, text: str) -> None:
    try:
        expected = pipeline(text).to_json()
    except QextractError:
        return
    assert _second_pipeline()(text).to_json() == expected


_SECOND: list[Pipeline] = []


def _second_pipeline() -> Pipeline:
    if not _SECOND:
        _SECOND.append(Pipeline())
    return _SECOND[0]
