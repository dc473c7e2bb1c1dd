"""The card of labelled lines a transcript opens with, and its turns."""

from qextract.match.meeting_cards import find_cards, turn_labels

_CARD = "时间:2024年6月18日下午3时\n地点:县政府新闻发布厅\n发布人:\n县市场监管局局长 龙某强\n县教育局副局长 吴某平\n主持人:县政府新闻办主任 谭某华\n文字实录:\n主持人:\n各位记者朋友,下午好!\n"


def _values(text: str, field: str) -> list[str]:
    (card,) = find_cards(text)
    return [text[line.start : line.end].strip() for line in card.values(field)]


def test_a_card_gives_each_labelled_value() -> None:
    assert _values(_CARD, "time") == ["2024年6月18日下午3时"]
    assert _values(_CARD, "place") == ["县政府新闻发布厅"]
    assert _values(_CARD, "chair") == ["县政府新闻办主任 谭某华"]


def test_persons_listed_one_a_line_run_to_the_next_labelled_line() -> None:
    assert _values(_CARD, "speaker") == ["县市场监管局局长 龙某强\n县教育局副局长 吴某平"]


def test_the_card_ends_where_the_transcript_begins() -> None:
    (card,) = find_cards(_CARD)
    assert _CARD[card.end :].startswith("\n文字实录")


def test_labelled_lines_apart_make_no_card() -> None:
    text = "时间:2024年6月18日\n地点:县政府\n会议听取了各部门汇报。\n主持人:谭某华\n"
    assert find_cards(text) == []


def test_a_card_needs_a_day_or_a_place_and_persons() -> None:
    assert find_cards("主持人:谭某华\n嘉宾:龙某强\n") == []
    assert find_cards("时间:2024年6月18日\n地点:县政府\n") == []


def test_turns_are_the_lines_that_open_with_a_label() -> None:
    text = "主持人 谭某华:\n欢迎。\n龙某强:今年以来,全县共抽检1200批次。\n他说:“要抓好落实。”\n"
    labels = [text[start:end] for start, end in turn_labels(text, 0, len(text))]
    assert labels == ["主持人 谭某华", "龙某强", "他说"]
