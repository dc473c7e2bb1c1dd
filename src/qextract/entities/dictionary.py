"""The default entity backend: dictionaries, grammar rules and jieba's words.

Order of work, each step blocking the spans of the one before:
posts (TITLE) from the post lexicon; bodies (ORG) from the organisation
grammar, extended to the left over name-like words for free-form names
(浙江省服装行业协会, 伽蓝(集团)股份有限公司); places (LOC) from the gazetteer;
persons (PERSON) from surnames and given-name statistics, scored with the
posts and bodies around them.
"""

from __future__ import annotations

from typing import Optional, Sequence

import regex

from qextract.entities.lexicon import Lexicon, lexicon
from qextract.entities.persons import DEFAULT_THRESHOLD, Context, best_at
from qextract.entities.tokens import TokenView
from qextract.entities.types import LOC, ORG, PERSON, TITLE, Entity
from qextract.segment.tokenizer import Token, Tokenizer, shared_default_tokenizer

# How far a free-form body name may reach to the left of its suffix.
MAX_FREE_NAME = 14
# Words that end a free-form body name on its left (参观了|尚德太阳能有限公司).
_NAME_LIKE_TAGS = frozenset(
    {"n", "nr", "nrt", "nrfg", "nr1", "nr2", "nrf", "ns", "nsf", "nt", "nz", "nl", "ng", "nnt", "j", "eng", "vn", "an", "b", "x"}
)
_BRACKETED_GROUP = regex.compile(r"[(（]集团[)）]")
_HAN = regex.compile(r"\p{Han}")


class DictionaryEntityRecognizer:
    """PERSON / ORG / LOC / TITLE from the package dictionaries; no model download."""

    def __init__(self, tokenizer: Optional[Tokenizer] = None, *, person_threshold: float = DEFAULT_THRESHOLD) -> None:
        self._tokenizer = tokenizer
        self._lexicon: Lexicon = lexicon()
        self._person_threshold = person_threshold

    def recognize(self, text: str, tokens: Optional[Sequence[Token]] = None) -> list[Entity]:
        if tokens is None:
            tokens = (self._tokenizer or shared_default_tokenizer()).tokens(text)
        view = TokenView(tokens)
        taken = bytearray(len(text))
        titles = self._titles(text, view, taken)
        orgs = self._orgs(text, view, taken)
        places = self._places(text, view, taken)
        persons = self._persons(text, view, titles, taken)
        places = _without_overlaps(places, persons)  # 王益群 is a person, not the place 王益
        return sorted(titles + orgs + places + persons, key=lambda entity: entity.start)

    # -- posts ---------------------------------------------------------------

    def _titles(self, text: str, view: TokenView, taken: bytearray) -> list[Entity]:
        found = []
        for match in _scan(self._lexicon.title_pattern, text, lambda m: view.is_boundary(m.start()) and view.is_boundary(m.end())):
            category = self._lexicon.post_category(match.group())
            found.append(Entity(match.start(), match.end(), TITLE, match.group(), kind=category))
            _take(taken, match.start(), match.end())
        return found

    # -- bodies --------------------------------------------------------------

    def _orgs(self, text: str, view: TokenView, taken: bytearray) -> list[Entity]:
        found = []
        position = 0
        pattern = self._lexicon.org_pattern
        while True:
            match = pattern.search(text, position)
            if match is None:
                break
            span = self._org_span(match, text, view, taken)
            if span is None:
                position = match.start() + 1
                continue
            start, end = span
            found.append(Entity(start, end, ORG, text[start:end], kind=self._org_kind(text[start:end])))
            _take(taken, start, end)
            position = end
        return found

    def _org_span(self, match: regex.Match, text: str, view: TokenView, taken: bytearray) -> Optional[tuple[int, int]]:
        start, end = match.start(), match.end()
        # A post starting inside the body keeps its words (局|党委书记): cut the body there.
        for cut in range(start + 1, end):
            if taken[cut] and not taken[cut - 1]:
                end = cut
                break
        if any(taken[start:end]) or not view.is_boundary(end) or not view.is_boundary(start):
            return None
        body = text[start:end]
        if body in self._lexicon.non_bodies:
            return None
        anchored = bool(match.group("place") or match.group("level"))
        units = match.group("units")
        if not anchored:
            start = self._extend_left(text, start, view, taken)
            anchored = start < match.start()
        if not anchored and (len(units) < 3 and units not in self._lexicon.fused_bodies):
            return None
        return start, end

    def _extend_left(self, text: str, start: int, view: TokenView, taken: bytearray) -> int:
        """Reach left over name-like words to the start of a free-form body name."""
        index = view.index_at(start - 1) if start > 0 else -1
        limit = start - MAX_FREE_NAME
        new_start = start
        while index >= 0:
            token = view.tokens[index]
            if token.start < limit or any(taken[token.start : token.end]):
                break
            if not self._name_like(token):
                break
            new_start = token.start
            index -= 1
        return new_start

    def _name_like(self, token: Token) -> bool:
        if _BRACKETED_GROUP.fullmatch(token.text) or token.text in "()（）":
            return True
        if not _HAN.match(token.text):
            return token.pos == "eng"
        if token.text in self._lexicon.after_name or token.text in self._lexicon.before_name:
            return False
        return token.pos in _NAME_LIKE_TAGS

    def _org_kind(self, body: str) -> str:
        for kind, pattern in _KIND_ENDINGS:
            if pattern.search(body):
                return kind
        return "government"

    # -- places --------------------------------------------------------------

    def _places(self, text: str, view: TokenView, taken: bytearray) -> list[Entity]:
        found = []
        lex = self._lexicon
        for match in _scan(lex.division_pattern, text, lambda m: not any(taken[m.start() : m.end()]) and view.is_boundary(m.start())):
            division = lex.division(match.group())
            if division is None:
                continue
            found.append(Entity(match.start(), match.end(), LOC, match.group(), kind=division.level))
        return found

    # -- persons -------------------------------------------------------------

    def _persons(self, text: str, view: TokenView, titles: list[Entity], taken: bytearray) -> list[Entity]:
        context = Context(
            text=text,
            view=view,
            title_ends=frozenset(title.end for title in titles),
            title_starts=frozenset(title.start for title in titles),
            blocked=taken,
        )
        found = []
        position = 0
        while position < len(text):
            if taken[position]:
                position += 1
                continue
            candidate = best_at(position, context, self._lexicon, self._person_threshold)
            if candidate is None:
                position += 1
                continue
            found.append(
                Entity(
                    candidate.start,
                    candidate.end,
                    PERSON,
                    text[candidate.start : candidate.end],
                    score=candidate.score,
                    name=candidate.name if candidate.name != text[candidate.start : candidate.end] else None,
                )
            )
            position = candidate.end
        return found


def _scan(pattern: regex.Pattern, text: str, accept) -> list[regex.Match]:
    """Leftmost-longest matches; a rejected match lets the search resume one character on."""
    found = []
    position = 0
    while True:
        match = pattern.search(text, position)
        if match is None:
            return found
        if match.end() > match.start() and accept(match):
            found.append(match)
            position = match.end()
        else:
            position = match.start() + 1


def _without_overlaps(entities: list[Entity], winners: list[Entity]) -> list[Entity]:
    won = set()
    for winner in winners:
        won.update(range(winner.start, winner.end))
    return [entity for entity in entities if not won.intersection(range(entity.start, entity.end))]


def _take(taken: bytearray, start: int, end: int) -> None:
    taken[start:end] = b"\x01" * (end - start)


_KIND_ENDINGS = (
    ("company", regex.compile(r"(?:公司|集团|厂|银行|行|事务所|合作社)$")),
    ("association", regex.compile(r"(?:协会|商会|学会|联合会|促进会|研究会|基金会|工商联|联盟|公会|总会|分会)$")),
    ("institution", regex.compile(r"(?:研究院|研究所|大学|学院|学校|医院|实验室|中心|院|馆|社|台)$")),
)
