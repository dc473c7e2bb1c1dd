"""The default entity backend: dictionaries, grammar rules and jieba's words.

Order of work, each step blocking the spans of the one before:
posts (TITLE) from the post lexicon; bodies (ORG) from the organisation
grammar, extended to the left over name-like words for free-form names
(浙江省服装行业协会, 伽蓝(集团)股份有限公司); places (LOC) from the gazetteer;
persons (PERSON) from surnames and given-name statistics, scored with the
posts and bodies around them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, Container, Mapping, Optional, Sequence

import regex

from qextract.entities.automaton import Starts
from qextract.entities.by_sentence import DocumentEntities
from qextract.entities.guards import RangeSet
from qextract.entities.lexicon import Lexicon, lexicon
from qextract.entities.persons import (
    DEFAULT_THRESHOLD,
    Context,
    PersonCandidate,
    best_at,
    blocked_for_persons,
    bracketed_aliases,
    coordinated,
    foreign_candidates,
    latin_candidates,
    load_person_data,
    sure_names,
    transliteration_runs,
)
from qextract.entities.tokens import TokenView
from qextract.entities.types import LOC, ORG, PERSON, TITLE, Entity
from qextract.segment.tokenizer import Token, Tokenizer, shared_default_tokenizer

# How far a free-form body name may reach to the left of its suffix.
MAX_FREE_NAME = 14
# The longest department, unit included, named between its body and a post
# (产品质量监督司, 教育科学文化卫生委员会, 价格监督检查和反不正当竞争处).
MAX_DEPARTMENT_NAME = 16
# The unit of the departments of a national administration or a ministry (总局|质量发展局).
BUREAU = "局"
# A firm's short trade name with its trade (瑞通电气, 华康生物医药).
MAX_TRADE_NAME = 8
# A unit named only by its head's post (价格监督检查和反不正当竞争局|副局长).
MAX_SELF_NAMED_UNIT = 16
INSTITUTION_TAG = "nt"  # the tokeniser dictionary's tag of an institution's name (复旦大学)
MAX_TOWN_NAME = 3  # 河边|镇, 城关|镇, 拉卜楞|镇, 泉水|街道: two or three characters before the unit
TOWN_UNITS = ("乡", "镇", "街道", "苏木")  # 苏木: a township of Inner Mongolia
MAX_VILLAGE_NAME = 6  # 余|村, 阿亚克库木|村, 东园|社区
# The units of the divisions a village's name may follow (堌阳镇|徐场村, 罗田县|…村).
_DIVISION_ENDINGS = regex.compile(r"^.*(?:街道|[省市县区旗镇乡])")
# A county written before its town (夏河县|拉卜楞镇) is part of the town's name.
MAX_COUNTY_BEFORE_TOWN = 8
VAGUE_TOWN_OPENERS = ("各", "全", "本", "该", "每", "有关", "相关", "所在")
# Bodies nest at most this deep after the place: 奉贤区|委|统战部, 省|政府|办公厅.
MAX_UNITS = 4
# The longest place name looked for before a firm's name (黔西南布依族苗族自治州: 11).
MAX_PLACE_NAME = 12
# Words that end a free-form body name on its left (参观了|尚德太阳能有限公司).
_NAME_LIKE_TAGS = frozenset(
    {"n", "nr", "nrt", "nrfg", "nr1", "nr2", "nrf", "ns", "nsf", "nt", "nz", "nl", "ng", "nnt", "j", "eng", "vn", "an", "a", "b", "x"}
)
_BRACKETED_GROUP = regex.compile(r"[(（]集团[)）]")
OPENING_BRACKETS = frozenset("(（")
CLOSING_BRACKETS = frozenset(")）")
# A body's Latin abbreviation in brackets (ISO, GSO, SAC): capitals, perhaps with a lower-case letter or two.
_BRACKETED_ABBREVIATION = regex.compile(r"[(（][A-Z][A-Za-z]{1,9}[)）]")
_HAN = regex.compile(r"\p{Han}")
_WORK_TITLE = regex.compile(r"《[^《》\n]{0,80}》")
OCCUPATION = "occupation"
# What a clause (and a name that runs back to its start) opens after.
CLAUSE_OPENERS = frozenset("。！？!?、,，;；:：\n\t (（\u3000")  # a tab parts the cells of a table
# The kind of a unit named only by its head's post (刑二庭|庭长): it may be a department of a body named before.
DEPARTMENT = "department"
CONCURRENT_POST = "兼"  # 副局长兼|支队长: a second post of the same person
# Between a body and its numbered group: 第三巡回, 第二.
_NUMBERED_GROUP_GAP = regex.compile(r"第[一二三四五六七八九十\d]{1,3}\p{Han}{0,4}")


class DictionaryEntityRecognizer:
    """PERSON / ORG / LOC / TITLE from the package dictionaries; no model download."""

    def __init__(self, tokenizer: Optional[Tokenizer] = None, *, person_threshold: float = DEFAULT_THRESHOLD) -> None:
        self._tokenizer = tokenizer
        self._lexicon: Lexicon = lexicon()
        load_person_data()  # with the lexicon, not at the first name of the first document
        self._person_threshold = person_threshold

    def recognize(self, text: str, tokens: Optional[Sequence[Token]] = None) -> list[Entity]:
        return self.entities_of(text, tokens).everything()

    def entities_of(self, text: str, tokens: Optional[Sequence[Token]] = None) -> DocumentEntities:
        """Posts, bodies and places now; persons of a sentence when a matcher asks for it."""
        if tokens is None:
            tokens = (self._tokenizer or shared_default_tokenizer()).tokens(text)
        view = TokenView(tokens)
        starts = self._lexicon.words.starts(text)
        taken = bytearray(len(text))
        titles = self._titles(text, view, starts, taken)
        orgs = self._orgs(text, view, starts, taken, {title.start: title for title in titles})
        orgs += self._bodies_named_before_their_posts(text, titles, taken)
        orgs = sorted(orgs, key=lambda entity: entity.start)
        orgs = _numbered_groups_joined(text, orgs, taken)
        titles, orgs = _stationed_posts(text, titles, orgs, taken)
        places = self._places(text, view, starts, taken)
        return DocumentEntities(text, titles + orgs, places, read_persons=_PersonReader(self, text, view, titles, taken))

    # -- posts ---------------------------------------------------------------

    def _titles(self, text: str, view: TokenView, starts: Starts, taken: bytearray) -> list[Entity]:
        found = []
        reached = 0
        work_titles = _work_titles(text)

        def ends_before_glued_name(end: int) -> bool:
            return self._name_glued_to_post(text, end, view)

        for start in sorted(starts):
            if start < reached or not (view.is_boundary(start) or self._doubled_unit_char(text, start)):
                continue
            end, head_start = _post_at(start, starts, view, ends_before_glued_name)
            if end is None:
                continue
            start = self._after_body_suffix(text, start, end, starts)
            head_start = max(head_start, start)
            category = self._lexicon.posts.get(text[head_start:end])
            if category == OCCUPATION:
                if work_titles.overlaps(start, end):
                    continue  # 《画家与模特》: an occupation in the title of a work names no one
                start = self._occupation_modifier_start(text, start, view, reached)
            found.append(Entity(start, end, TITLE, text[start:end], kind=category))
            _take(taken, start, end)
            reached = end
        return found

    def _name_glued_to_post(self, text: str, end: int, view: TokenView) -> bool:
        """主任|何静, 处长|沙丽: the tokeniser made a word of the post's last character and the
        surname after it (任何, 长沙), so the post ends inside that word; a surname there
        opens the name the post is followed by."""
        token = view.covering(end)
        return token is not None and token.start == end - 1 and self._lexicon.surname_at(text, end) is not None

    def _after_body_suffix(self, text: str, start: int, end: int, starts: Starts) -> int:
        """市总|工会主席: where the character before a post and the post's first ones make a
        body's suffix (总工会), the post is what follows that suffix (主席)."""
        if start == 0:
            return start
        for suffix_end, roles in starts.get(start - 1, ()):
            if "suffix" in roles or "free_suffix" in roles:
                if start < suffix_end < end and text[suffix_end:end] in self._lexicon.posts:
                    return suffix_end
        return start

    def _doubled_unit_char(self, text: str, start: int) -> bool:
        """标准化处|处长, 质量科|科长: a unit's last character repeated as the post's first.

        jieba reads the doubled character as one word (处处 'everywhere'), which
        hides the post's start from the token boundaries.
        """
        return start > 0 and text[start - 1] == text[start] and text[start] in self._lexicon.doubled_unit_chars

    def _occupation_modifier_start(self, text: str, start: int, view: TokenView, reached: int) -> int:
        """高级|研究员, 法律|专家: a qualifying word written onto an occupation belongs to it."""
        index = view.index_at(start - 1) if start > 0 else -1
        if index < 0:
            return start
        token = view.tokens[index]
        if token.end == start and token.start >= reached and token.text in self._lexicon.occupation_modifiers:
            return token.start
        return start

    # -- bodies --------------------------------------------------------------

    def _orgs(self, text: str, view: TokenView, starts: Starts, taken: bytearray, title_starts: Mapping[int, Entity]) -> list[Entity]:
        found = []
        reached = 0
        institution_words = {token.start for token in view.tokens if token.pos == INSTITUTION_TAG}
        for start in sorted(institution_words.union(starts)):
            if start < reached or taken[start] or not (view.is_boundary(start) or _free_suffix_inside_word(start, view, starts)):
                continue
            span = self._org_at(start, text, view, starts, taken, title_starts)
            if span is None:
                span = self._department_of_bare_unit(start, text, starts, taken, title_starts)
            if span is None and start in institution_words:
                span = self._institution_word(start, view, starts, taken)
            if span is None or self._unit_before_its_head(text, span, title_starts):
                continue
            span = _with_abbreviation_before_post(text, span, taken, title_starts)
            span = (span[0], self._branch_end(text, span[1], starts, taken))
            if span[1] not in title_starts:
                span = (span[0], self._department_end(text, span[1], taken, title_starts) or span[1])
            body_start, end = span
            body_start = self._zone_name_start(text, body_start, end, view, taken)
            kind = body_kind(text[body_start:end])
            if kind == "government" and text.endswith(self._lexicon.department_only_units, body_start, end):
                # 人事教育处, 计量处: a 处 or 科 named by its work alone is a department of a body named before
                kind = self._unit_kind(text[body_start:end])
            if kind == "government" and text.startswith(TOWN_UNITS, body_start):
                # 宾州|镇人民政府: a town too small for the gazetteer, named before the unit its body opens with
                town_start = self._town_name_start(text, body_start, taken)
                body_start = body_start if town_start is None else town_start
            if kind == "company":
                body_start = _place_written_before(self._firm_place_start(body_start, view, taken), starts, taken)
            found.append(Entity(body_start, end, ORG, text[body_start:end], kind=kind))
            _take(taken, body_start, end)
            reached = end
        return found

    def _zone_name_start(self, text: str, start: int, end: int, view: TokenView, taken: bytearray) -> int:
        """中国(杭州)跨境电子商务综合试验区管委会: a body read from a place written in brackets closes a
        bracket it never opened. The name opens with the nation's name before the bracket; without
        it, the name starts after the bracket."""
        depth = 0
        for position in range(start, end):
            if text[position] in OPENING_BRACKETS:
                depth += 1
            elif text[position] in CLOSING_BRACKETS:
                if depth:
                    depth -= 1
                    continue
                opener = view.covering(start - 2) if start >= 2 and text[start - 1] in OPENING_BRACKETS else None
                if (
                    opener is not None
                    and opener.end == start - 1
                    and opener.text in self._lexicon.zone_name_openers
                    and not any(taken[opener.start : opener.end])
                ):
                    return opener.start
                return position + 1
        return start

    def _branch_end(self, text: str, end: int, starts: Starts, taken: bytearray) -> int:
        """中国质量认证中心|南京|分中心: a branch named by its place after its parent body is part of it."""
        for place_end in _ends(starts, end, "place"):
            for unit_end in _ends(starts, place_end, "free_suffix") + _ends(starts, place_end, "suffix"):
                if text[place_end:unit_end] in self._lexicon.branch_units and not any(taken[end:unit_end]):
                    return unit_end
        return end

    def _unit_before_its_head(self, text: str, span: tuple[int, int], title_starts: Mapping[int, Entity]) -> bool:
        """侦查|支队|支队长: a bare unit right before its own head's post is left to the
        self-named reading, which runs its name back to the clause opening."""
        start, end = span
        title = title_starts.get(end)
        return title is not None and unit_of_head_post(title.text, self._lexicon.self_named_units) == text[start:end]

    def _institution_word(self, start: int, view: TokenView, starts: Starts, taken: bytearray) -> Optional[tuple[int, int]]:
        """复旦大学, 中国人民银行: one word of the tokeniser's dictionary, tagged as an institution,
        that ends with the suffix of a school, research body, company or association. The name
        before the suffix is no word of its own, so the suffix grammar never sees where it starts."""
        token = view.covering(start)
        if token is None or token.start != start or any(taken[start : token.end]):
            return None
        if body_kind(token.text) == "government":
            return None  # 建设局, 新闻办: a government unit takes its place or level from the text before it
        for position in range(start + 1, token.end):
            for suffix_end, roles in starts.get(position, ()):
                if suffix_end == token.end and ("suffix" in roles or "free_suffix" in roles):
                    return start, token.end
        return None

    def _org_at(
        self, start: int, text: str, view: TokenView, starts: Starts, taken: bytearray, title_starts: Container[int] = frozenset()
    ) -> Optional[tuple[int, int]]:
        """[place][level] unit{1,4}: the longest reading that ends on a word boundary or where a post starts."""
        best: Optional[tuple[int, bool, int]] = None
        for place_end in [start] + _ends(starts, start, "place"):
            for level_end in [place_end] + _ends(starts, place_end, "level"):
                anchored = level_end > start
                for end, unit_count, bare in _unit_ends(level_end, starts, taken):
                    if not view.is_boundary(end) and end not in title_starts:
                        continue
                    if not anchored and unit_count == 1 and bare and not self._shop_after_trade(text, start, end, starts):
                        continue  # a lone short suffix (部, 局) is no body
                    if best is None or end > best[0]:
                        best = (end, anchored, level_end)
        if best is None:
            return None
        end, anchored, _ = best
        if text[start:end] in self._lexicon.non_bodies:
            return None
        body_start = start if anchored else self._extend_left(text, start, view, taken)
        return body_start, end

    def _shop_after_trade(self, text: str, start: int, end: int, starts: Starts) -> bool:
        """金驼乳业|店, 红星食品|厂: a one-character firm suffix after a trade (乳业, 服饰, 食品)
        closes a firm's name, where a lone 店 or 厂 (该店, 本厂) names none."""
        return end - start == 1 and any(
            suffix_end == end and "free_suffix" in roles for suffix_end, roles in starts.get(start, ())
        ) and text.endswith(self._lexicon.trade_name_endings, 0, start)

    def _department_end(self, text: str, end: int, taken: bytearray, title_starts: Container[int]) -> Optional[int]:
        """End of a department named after its body and before a post (总局|产品质量监督司|副司长).

        A department has a free-form name, so only the post right after its
        unit (司, 处, 科, 室, 委员会) tells where it ends.
        """
        if text.startswith(self._lexicon.vague_department_openers, end):
            return None  # 有关处室负责人: no particular department
        units = self._lexicon.department_units
        if text.endswith(self._lexicon.bureau_department_bodies, 0, end):
            units += (BUREAU,)
        limit = min(len(text), end + MAX_DEPARTMENT_NAME)
        for position in range(end, limit):
            if taken[position] or not _HAN.match(text[position]):
                return None
            after = position + 1
            if after - end >= 3 and after in title_starts and text.endswith(units, end, after):
                return after
        return None

    def _department_of_bare_unit(
        self, start: int, text: str, starts: Starts, taken: bytearray, title_starts: Container[int]
    ) -> Optional[tuple[int, int]]:
        """厅|标准化处|处长: a body named by its unit alone, followed by one of its departments and a post."""
        for end, roles in starts[start]:
            if end - start == 1 and "suffix" in roles and not taken[start]:
                department_end = self._department_end(text, end, taken, title_starts)
                if department_end is not None:
                    return start, department_end
        return None

    def _bodies_named_before_their_posts(self, text: str, titles: list[Entity], taken: bytearray) -> list[Entity]:
        """Bodies named only by the post after them, their name running back to the opening of the clause or list item.

        Each reading in turn over all posts: units named by their head's post,
        firms by a trade name, towns by an official's post.
        """
        found = []
        readings = (
            (self._self_named_unit_start, None),
            (self._trade_name_start, "company"),
            (self._town_start, "government"),
            (self._village_start, "government"),
        )
        for name_start, kind in readings:
            for title in titles:
                end = title.start
                if end == 0 or taken[end - 1]:
                    continue
                start = name_start(text, title, taken)
                if start is not None:
                    found.append(Entity(start, end, ORG, text[start:end], kind=kind or self._unit_kind(text[start:end])))
                    _take(taken, start, end)
        return found

    def _self_named_unit_start(self, text: str, title: Entity, taken: bytearray) -> Optional[int]:
        """,产品质量安全监督管理司|司长, 、执法稽查局|副局长, 兼刑事侦查支队|支队长: a unit whose head's post
        repeats its name (司|司长, 支队|支队长), named from the clause opening or from 兼 after another post."""
        end = title.start
        unit = unit_of_head_post(title.text, self._lexicon.self_named_units)
        if unit is None and title.text in self._lexicon.department_rank_posts:
            # 产品质量安全监督管理处|四级调研员: a rank held inside the department written before it
            unit = next((unit for unit in self._lexicon.department_units if text.endswith(unit, 0, end)), None)
        if unit is None or not text.endswith(unit, 0, end):
            return None
        start = _clause_opening_name(text, end, taken, MAX_SELF_NAMED_UNIT)
        if start is None:
            start = _name_after_concurrent_post(text, end, taken, MAX_SELF_NAMED_UNIT)
        if start is None or end - start < 3 or self._lexicon.self_named_unit_stops.intersection(text[start:end]):
            return None
        return start

    def _unit_kind(self, name: str) -> str:
        """市建设局 names a body of its own; 刑二庭, 执法稽查局 may be a department of a body named before."""
        if name.startswith(self._lexicon.level_words) or self._lexicon.division_finder.match(name) is not None:
            return "government"
        return DEPARTMENT

    def _trade_name_start(self, text: str, title: Entity, taken: bytearray) -> Optional[int]:
        """。瑞通电气|董事长: a firm's short trade name (a name and its trade, no 公司) before an enterprise post."""
        end = title.start
        if title.kind != "enterprise" or end < 4 or not text.endswith(self._lexicon.trade_name_endings, 0, end):
            return None
        start = _clause_opening_name(text, end, taken, MAX_TRADE_NAME)
        return start if start is not None and end - start >= 4 else None

    def _town_start(self, text: str, title: Entity, taken: bytearray) -> Optional[int]:
        """,河边镇|党委副书记, 、泉水街道|党工委书记: a town or street (乡, 镇, 街道), too small for the
        gazetteer, before an official's post; its county may be written first (,夏河县拉卜楞镇|镇长)."""
        end = title.start
        unit = next((unit for unit in TOWN_UNITS if text.endswith(unit, 0, end)), None)
        if title.kind not in self._lexicon.official_categories or unit is None:
            return None
        return self._town_name_start(text, end - len(unit), taken)

    def _town_name_start(self, text: str, name_end: int, taken: bytearray) -> Optional[int]:
        """Start of the town's own name (perhaps after its county) that ends at ``name_end``, where its unit
        (乡, 镇, 街道) is written, when the name opens its clause or follows an introducer; else None."""
        if written_bare(text, name_end):
            return None  # 会议由|镇|党委委员: no town's name before the unit
        for start in (
            _clause_opening_name(text, name_end, taken, MAX_TOWN_NAME + MAX_COUNTY_BEFORE_TOWN),
            self._name_after_introducer(text, name_end, taken, MAX_TOWN_NAME + MAX_COUNTY_BEFORE_TOWN),
        ):
            if start is not None and is_town_name(text[start + len(self._county_opening(text, start, name_end)) : name_end]):
                return start
        return None

    def _village_start(self, text: str, title: Entity, taken: bytearray) -> Optional[int]:
        """,徐场村|党支部书记, 、东园社区|网格员, 余村|协管员, 、董庄|村委会主任: a village or a residents'
        community before the post of one of its officials or workers (a post any named body may hold, such as
        网格员, included); its town or county may be written first (,堌阳镇徐场村|党支部书记)."""
        end = title.start
        lex = self._lexicon
        if not (title.kind in lex.official_categories or title.text in lex.named_body_posts):
            return None
        unit: Optional[str]
        if title.text.startswith(lex.village_units):
            unit = ""  # 董庄|村委会主任: the post holds the village's unit, written once
        else:
            unit = next((unit for unit in lex.village_units if text.endswith(unit, 0, end)), None)
            if unit is None:
                return None
        name_end = end - len(unit)
        longest = MAX_VILLAGE_NAME + MAX_COUNTY_BEFORE_TOWN + MAX_TOWN_NAME + 1
        for start in (
            _clause_opening_name(text, name_end, taken, longest),
            self._name_after_introducer(text, name_end, taken, longest),
        ):
            if start is not None and is_village_name(_after_last_unit(text[start:name_end])):
                return start
        return None

    def _name_after_introducer(self, text: str, end: int, taken: bytearray, longest: int) -> Optional[int]:
        """仪式由|安亭|镇镇长: the start of the name ending at ``end`` right after a word that stands before
        names (由, 向, 和), at most ``longest`` characters back."""
        for start in range(end - 2, max(0, end - longest) - 1, -1):
            if any(taken[start:end]) or not all(_HAN.match(char) for char in text[start:end]):
                return None
            if any(start >= size and text[start - size : start] in self._lexicon.before_name for size in (3, 2, 1)):
                return start
        return None

    def _county_opening(self, text: str, start: int, end: int) -> str:
        """The longest division name opening text[start:end] and leaving a town's name of two characters after it."""
        for county_end in range(min(end - 2, start + MAX_COUNTY_BEFORE_TOWN), start + 1, -1):
            if self._lexicon.division(text[start:county_end]) is not None:
                return text[start:county_end]
        return ""

    def _extend_left(self, text: str, start: int, view: TokenView, taken: bytearray) -> int:
        """Reach left over name-like words to the start of a free-form body name."""
        index = view.index_at(start - 1) if start > 0 else -1
        limit = start - MAX_FREE_NAME
        new_start = start
        closed = 0
        while index >= 0:
            token = view.tokens[index]
            if token.start < limit or any(taken[token.start : token.end]):
                break
            if not self._name_like(token) and not self._joins_name_words(token, index, view):
                break
            if token.text in CLOSING_BRACKETS:
                closed += 1
            elif token.text in OPENING_BRACKETS:
                if not closed:
                    break  # 赵磊(计量科|科长: a bracket the name never closes opens it
                closed -= 1
            new_start = token.start
            index -= 1
        return self._level_before_name(new_start, index, view, taken) if new_start < start else new_start

    def _level_before_name(self, name_start: int, index: int, view: TokenView, taken: bytearray) -> int:
        """县|蜜桔产业协会: a level word (县, 市, 全国) right before a free-form name is the body's
        jurisdiction; the tokeniser tags a lone 县 as a morpheme, not as a name-like word."""
        if index < 0:
            return name_start
        token = view.tokens[index]
        if token.end == name_start and token.text in self._lexicon.level_words and not any(taken[token.start : token.end]):
            return token.start
        return name_start

    def _firm_place_start(self, start: int, view: TokenView, taken: bytearray) -> int:
        """浙江|吉利控股集团有限公司, 宁夏|恒润枸杞生物科技有限公司: a firm's registered name opens with
        its place. Where a place word lies within reach to the left, and nothing between it and the
        name read so far is a clause word (了, 的, 在…) or a verb of its own (参观), the name starts there,
        with any place words right before it (江苏|常熟农村商业银行)."""
        index = view.index_at(start - 1) if start > 0 else -1
        limit = start - MAX_FREE_NAME
        place_start = None
        while index >= 0:
            token = view.tokens[index]
            if token.start < limit or any(taken[token.start : token.end]) or not _HAN.fullmatch(token.text[0]):
                break
            if self._lexicon.division(token.text) is not None:
                place_start = token.start
            elif place_start is not None or not self._in_firm_name(token):
                break
            index -= 1
        return place_start if place_start is not None else start

    def _in_firm_name(self, token: Token) -> bool:
        """A word that may stand inside a firm's name between its place and its suffix."""
        if token.text in self._lexicon.self_named_unit_stops or token.text in self._lexicon.after_name:
            return False
        if token.pos.startswith("v") and len(token.text) > 1:
            return token.text in self._lexicon.trade_name_endings  # 控股, but not 参观 or 走进
        return True

    def _joins_name_words(self, token: Token, index: int, view: TokenView) -> bool:
        """海河|之|星购物中心: 之 between two name-like words is part of a trade name."""
        return token.text == "之" and index > 0 and _HAN.match(view.tokens[index - 1].text) is not None and self._name_like(view.tokens[index - 1])

    def _name_like(self, token: Token) -> bool:
        if _BRACKETED_GROUP.fullmatch(token.text) or token.text in "()（）":
            return True
        if not _HAN.match(token.text):
            return token.pos == "eng"
        if token.text in self._lexicon.after_name or token.text in self._lexicon.before_name:
            return False
        return token.pos in _NAME_LIKE_TAGS

    # -- places --------------------------------------------------------------

    def _places(self, text: str, view: TokenView, starts: Starts, taken: bytearray) -> list[Entity]:
        found = []
        reached = 0
        for start in sorted(starts):
            if start < reached or taken[start] or not view.is_boundary(start):
                continue
            for end, roles in starts[start]:
                if "place" in roles and not any(taken[start:end]):
                    division = self._lexicon.division(text[start:end])
                    kind = division.level if division else None
                    found.append(Entity(start, end, LOC, text[start:end], kind=kind))
                    reached = end
                    break
        return found

    # -- persons -------------------------------------------------------------

    def _person_context(self, text: str, view: TokenView, titles: list[Entity], taken: bytearray) -> Context:
        runs, run_of = transliteration_runs(text)
        return Context(
            text=text,
            view=view,
            title_ends=frozenset(title.end for title in titles),
            title_starts=frozenset(title.start for title in titles),
            blocked=blocked_for_persons(text, taken),
            runs=runs,
            run_of=run_of,
        )

    def _persons(self, low: int, high: int, context: Context, sure: list[PersonCandidate], foreign_at: dict, cache: dict) -> list[Entity]:
        """The persons opening between ``low`` and ``high`` (a run of whole sentences)."""
        text = context.text
        initials = self._lexicon.surname_initials
        blocked = context.blocked
        openings = {i for i, char in enumerate(text[low:high], low) if char in initials and not blocked[i]}
        openings.update(start for start in foreign_at if low <= start < high)
        found = []
        reached = low
        for position in sorted(openings):
            if position < reached:
                continue
            candidate = self._person_at(position, context, foreign_at, cache)
            if candidate is None or self._stronger_inside(candidate, context, foreign_at, cache):
                continue
            found.append(candidate)
            reached = candidate.end
        found = sorted(found + [name for name in sure if low <= name.start < high], key=lambda candidate: candidate.start)
        found += coordinated(found, context, self._lexicon, self._person_threshold)
        found += bracketed_aliases(found, context)
        return [self._person(candidate, text) for candidate in found]

    def _person_at(self, position: int, context: Context, foreign_at: dict, cache: dict) -> Optional[PersonCandidate]:
        if position not in cache:
            chinese = None
            if context.text[position] in self._lexicon.surname_initials and not context.blocked[position]:
                chinese = best_at(position, context, self._lexicon, self._person_threshold)
            cache[position] = _better(chinese, foreign_at.get(position))
        return cache[position]

    def _stronger_inside(self, candidate: PersonCandidate, context: Context, foreign_at: dict, cache: dict) -> bool:
        """A better reading opens inside this one (由|李明导演, 和|王芳 against 王芳): leave the start to it."""
        for position in range(candidate.start + 1, candidate.end):
            other = self._person_at(position, context, foreign_at, cache)
            if other is not None and other.score > candidate.score:
                return True
        return False

    @staticmethod
    def _person(candidate: PersonCandidate, text: str) -> Entity:
        written = text[candidate.start : candidate.end]
        return Entity(
            candidate.start,
            candidate.end,
            PERSON,
            written,
            score=candidate.score,
            name=candidate.name if candidate.name != written else None,
        )


class _PersonReader:
    """Reads the persons of a stretch of one text; what the whole text shares is prepared on the first call."""

    def __init__(self, recognizer: DictionaryEntityRecognizer, text: str, view: TokenView, titles: list[Entity], taken: bytearray) -> None:
        self._recognizer = recognizer
        self._text, self._view, self._titles, self._taken = text, view, titles, taken
        self._prepared: Optional[tuple[Context, list[PersonCandidate], dict, dict]] = None

    def __call__(self, low: int, high: int) -> list[Entity]:
        if self._prepared is None:
            self._prepared = self._prepare()
        return self._recognizer._persons(low, high, *self._prepared)

    def _prepare(self) -> tuple[Context, list[PersonCandidate], dict, dict]:
        recognizer = self._recognizer
        context = recognizer._person_context(self._text, self._view, self._titles, self._taken)
        threshold = recognizer._person_threshold
        # Dotted and minority names are sure of their edges: nothing else is read inside them.
        sure = sure_names(context, recognizer._lexicon, threshold)
        for candidate in sure:
            context.blocked[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
        readings = foreign_candidates(context, recognizer._lexicon, threshold)
        readings += latin_candidates(context, recognizer._lexicon, threshold)
        foreign_at = {candidate.start: candidate for candidate in readings}
        return context, sure, foreign_at, {}


def _better(first: Optional[PersonCandidate], second: Optional[PersonCandidate]) -> Optional[PersonCandidate]:
    """The higher-scoring of a Chinese and a transliterated reading at one offset (杜明远 beats 杜明)."""
    if first is None or second is None:
        return first or second
    return first if first.score >= second.score else second


def _with_abbreviation_before_post(
    text: str, span: tuple[int, int], taken: bytearray, title_starts: Container[int]
) -> tuple[int, int]:
    """国际标准化组织(ISO)|副秘书长: a body's Latin abbreviation in brackets between its name and
    a post is part of the body as written."""
    abbreviation = _BRACKETED_ABBREVIATION.match(text, span[1])
    if abbreviation is None or abbreviation.end() not in title_starts or any(taken[span[1] : abbreviation.end()]):
        return span
    return span[0], abbreviation.end()


def written_bare(text: str, position: int) -> bool:
    """No name ends at ``position``: the text starts there, or a mark or a word that comes before names
    and posts (由, 和, 陪同) stands right before it (会议由|镇党委委员, ,|镇长)."""
    return (
        position == 0
        or not _HAN.match(text, position - 1)
        or any(text.endswith(word, 0, position) for word in lexicon().before_name)
    )


def is_town_name(name: str) -> bool:
    """河边 of 河边镇: a town's or a street's own name (two or three characters), not 全 of 全镇 nor 各乡 of 各乡镇."""
    return 2 <= len(name) <= MAX_TOWN_NAME and not any(unit in name for unit in TOWN_UNITS) and not name.startswith(VAGUE_TOWN_OPENERS)


def is_village_name(name: str) -> bool:
    """徐场 of 徐场村, 东园 of 东园社区: a village's or a community's own name, not 农 of 农村 nor 各 of 各村."""
    return 1 <= len(name) <= MAX_VILLAGE_NAME and not name.startswith(lexicon().village_name_stops)


def _after_last_unit(name: str) -> str:
    """徐场 for 堌阳镇徐场: what follows the last division unit written in ``name``."""
    match = _DIVISION_ENDINGS.match(name)
    return name[match.end() :] if match else name


def _clause_opening_name(text: str, end: int, taken: bytearray, longest: int) -> Optional[int]:
    """Start of the free Han name ending at ``end`` when it opens its clause or list item (at most
    ``longest`` characters), else None: a unit or firm named only by the post after it."""
    start = end
    while start > 0 and end - start < longest and _HAN.match(text[start - 1]) and not taken[start - 1]:
        start -= 1
    return start if start == 0 or text[start - 1] in CLAUSE_OPENERS else None


def _place_written_before(start: int, starts: Starts, taken: bytearray) -> int:
    """阿克塞|县金驼乳业店: a gazetteer place ending right where a firm's name starts opens the name,
    also where the tokeniser split the place (阿克|塞) and no place token showed it."""
    for place_start in range(max(0, start - MAX_PLACE_NAME), start - 1):
        if any(end == start and "place" in roles for end, roles in starts.get(place_start, ())) and not any(taken[place_start:start]):
            return place_start
    return start


def _free_suffix_inside_word(position: int, view: TokenView, starts: Starts) -> bool:
    """产业|协会, 质量|研究院: the tokeniser wrote the last word of a free-form name and the suffix
    after it as one word (产业协会), so no word boundary shows where the suffix starts."""
    token = view.covering(position)
    if token is None or token.start == position:
        return False
    return any(end == token.end and "free_suffix" in roles for end, roles in starts.get(position, ()))


def _name_after_concurrent_post(text: str, end: int, taken: bytearray, longest: int) -> Optional[int]:
    """Start of the name ending at ``end`` that follows 兼 right after a post (副局长兼|刑事侦查支队), else None."""
    joiner = text.rfind(CONCURRENT_POST, max(1, end - longest), end)
    if joiner < 0 or not taken[joiner - 1] or any(taken[joiner + 1 : end]):
        return None
    return joiner + 1 if all(_HAN.match(char) for char in text[joiner + 1 : end]) else None


def unit_of_head_post(title: str, units: frozenset[str]) -> Optional[str]:
    """司 for 司长 and 副司长, 支队 for 支队长; None for a post that names no unit (主任, 副市长)."""
    core = title[1:] if title.startswith("副") else title
    return core[:-1] if core.endswith("长") and core[:-1] in units else None


def _work_titles(text: str) -> RangeSet:
    return RangeSet([match.span() for match in _WORK_TITLE.finditer(text)])


def _ends(starts: Starts, position: int, role: str) -> list[int]:
    return [end for end, roles in starts.get(position, ()) if role in roles]


def _post_at(start: int, starts: Starts, view: TokenView, may_end_inside: Callable[[int], bool]) -> tuple[Optional[int], int]:
    """(end, start of the post word) of the longest [status][rank] post at ``start``."""
    best: tuple[Optional[int], int] = (None, start)
    for status_end in [start] + _ends(starts, start, "status"):
        for rank_end in [status_end] + _ends(starts, status_end, "rank"):
            for end in _ends(starts, rank_end, "post"):
                if view.is_boundary(end) or may_end_inside(end):
                    if best[0] is None or end > best[0]:
                        best = (end, rank_end)
                    break
    return best


def _unit_ends(position: int, starts: Starts, taken: bytearray) -> list[tuple[int, int, bool]]:
    """(end, units so far, last unit a bare short suffix) after each of up to four body units."""
    found = []
    for count in range(1, MAX_UNITS + 1):
        unit = _longest_unit(position, starts, taken)
        if unit is None:
            break
        end, bare = unit
        found.append((end, count, bare))
        position = end
    return found


def _longest_unit(position: int, starts: Starts, taken: bytearray) -> Optional[tuple[int, bool]]:
    options: list[tuple[int, bool]] = []
    for end, roles in starts.get(position, ()):
        if any(taken[position:end]):
            continue
        if "fused" in roles:
            options.append((end, False))
        if "suffix" in roles or "free_suffix" in roles:
            options.append((end, end - position < 2))
        if "stem" in roles:
            options.extend((suffix_end, False) for suffix_end in _ends(starts, end, "suffix") + _ends(starts, end, "free_suffix") if not any(taken[end:suffix_end]))
    return max(options) if options else None


def _numbered_groups_joined(text: str, orgs: list[Entity], taken: bytearray) -> list[Entity]:
    """旗委|第三巡回|指导组, 省委|第二|巡视组: a numbered working group of a body is one body."""
    joined: list[Entity] = []
    for org in orgs:
        previous = joined[-1] if joined else None
        if previous is not None and _NUMBERED_GROUP_GAP.fullmatch(text, previous.end, org.start) and org.text.endswith("组"):
            merged = text[previous.start : org.end]
            joined[-1] = Entity(previous.start, org.end, ORG, merged, kind=previous.kind)
            _take(taken, previous.start, org.end)
            continue
        joined.append(org)
    return joined


@lru_cache(maxsize=1)
def _stationed_at() -> regex.Pattern[str]:
    """驻毛家庄村, 驻村工作队: where a body sends its staff to (a village, community or town), and the team sent."""
    data = lexicon()
    return regex.compile(
        r"驻(?P<place>\p{Han}{0,8}?(?:\L<places>))(?P<team>\L<teams>)?",
        places=list(data.village_units) + list(TOWN_UNITS),
        teams=data.stationed_teams,
    )


def _stationed_posts(text: str, titles: list[Entity], orgs: list[Entity], taken: bytearray) -> tuple[list[Entity], list[Entity]]:
    """县市场监管局驻毛家庄村|第一书记, 县市场监管局驻阿亚克库木村工作队|队长: a post a body's staff hold where the
    body stationed them. The team sent (工作队) is one body with its sender; with no team, the place belongs to the
    post as written (驻毛家庄村第一书记), so the sender stays right before it."""
    title_at = {title.start: index for index, title in enumerate(titles)}
    stationed = _stationed_at()
    for position, org in enumerate(orgs):
        found = stationed.match(text, org.end)
        if found is None or found.end() not in title_at or any(taken[org.end : found.end()]):
            continue
        if found.group("team"):
            orgs[position] = Entity(org.start, found.end(), ORG, text[org.start : found.end()], kind=org.kind)
        else:
            index = title_at[found.end()]
            title = titles[index]
            titles[index] = Entity(org.end, title.end, TITLE, text[org.end : title.end], kind=title.kind)
        _take(taken, org.end, found.end())
    return titles, orgs


def body_kind(body: str) -> str:
    """company, association, institution or government, from the body's ending."""
    if body.endswith(lexicon().company_suffixes):
        return "company"  # 商店, 大药房, 乳业|店: every firm suffix of bodies.json
    for kind, pattern in _KIND_ENDINGS:
        if pattern.search(body):
            return kind
    return "government"


def _take(taken: bytearray, start: int, end: int) -> None:
    taken[start:end] = b"\x01" * (end - start)


_KIND_ENDINGS = (
    ("company", regex.compile(r"(?:公司|集团|厂|银行|行|事务所|合作社)$")),
    ("association", regex.compile(r"(?:协会|商会|学会|联合会|促进会|研究会|基金会|工商联|联盟|公会|总会|分会)$")),
    ("institution", regex.compile(r"(?:研究院|研究所|大学|学院|学校|医院|实验室|中心|院|馆|社|台)$")),
)
