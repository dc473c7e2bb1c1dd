from qextract.entities.guards import RangeSet, page_furniture, quoted


def test_related_list_and_spam_lines_are_furniture():
    text = "正文一句。\n- 某地召开大会(2023-07-28)\n高清|免费|在线|观看\n正文两句。"
    ranges = RangeSet(page_furniture(text))
    assert ranges.overlaps(text.index("某地"), text.index("某地") + 2)
    assert ranges.overlaps(text.index("高清"), text.index("高清") + 2)
    assert not ranges.overlaps(0, 4)
    assert not ranges.overlaps(text.index("正文两句"), text.index("正文两句") + 4)


def test_everything_after_a_related_heading_is_furniture():
    text = "正文。\n相关新闻:\n局长王某出席"
    assert RangeSet(page_furniture(text)).overlaps(text.index("王某"), text.index("王某") + 2)


def test_quotes_and_titles():
    text = "开展“市长热线”活动,学习《条例》"
    spans = quoted(text)
    assert (text.index("“"), text.index("”") + 1) in spans
    assert (text.index("《"), text.index("》") + 1) in spans
