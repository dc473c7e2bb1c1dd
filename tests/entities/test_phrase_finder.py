"""PhraseFinder answers as a regex named list does, with an automaton."""

import random

import regex

from qextract.entities.automaton import PhraseFinder
from qextract.entities.lexicon import lexicon

WORDS = ["浙江", "浙江省", "杭州", "杭州市", "江省", "西湖区", "湖区"]


def test_search_is_leftmost_then_longest() -> None:
    finder = PhraseFinder(WORDS)
    assert finder.search("中共浙江省委") == (2, 5)
    assert finder.search("在杭州市西湖区", 2) == (4, 7)
    assert finder.search("没有地名") is None


def test_match_is_anchored_and_longest() -> None:
    finder = PhraseFinder(WORDS)
    assert finder.match("浙江省委") == 3
    assert finder.match("省浙江") is None
    assert finder.match("省浙江", 1) == 3


def test_agrees_with_a_regex_named_list_on_random_text() -> None:
    places = sorted(lexicon().divisions)[:3000]
    finder = PhraseFinder(places)
    pattern = regex.compile(r"\L<places>", places=places)
    alphabet = "".join(sorted(set("".join(places[:400])))) + "委书记副市长"
    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        found = pattern.search(text)
        assert finder.search(text) == (found.span() if found else None), text
        anchored = pattern.match(text)
        assert finder.match(text) == (anchored.end() if anchored else None), text
