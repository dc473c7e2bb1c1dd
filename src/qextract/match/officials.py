"""Officials: a person named with at least one post, one record per person.

Reads the entity stage's spans and joins them into appointments:

    [body] post (、|兼 [body] post)* name (、 name)*   省市场监管局党委书记、局长谢小云
    name post                                        欧阳锦全副市长
    collective post over a list                      市领导魏凯忠、武树华、李兴实

The body in front of the first post is the organisation; a party committee
fused to a place (奉贤区委, 江苏省委) gives the place as organisation and
keeps the committee in the post (区委副书记, 省委常委). Posts after the first
keep their own body (无锡市委书记). Later bare mentions (张雁云指出) join the
record. Persons named with occupations only (记者, 教授) are not officials.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator, Optional

import ahocorasick
import regex

from qextract.entities.context import document_entities
from qextract.entities.dictionary import (
    CLAUSE_OPENERS,
    CLOSING_BRACKETS,
    DEPARTMENT,
    TOWN_UNITS,
    VAGUE_TOWN_OPENERS,
    body_kind,
    is_town_name,
    is_village_name,
    unit_of_head_post,
    written_bare,
)
from qextract.entities.guards import RangeSet, page_furniture, quoted
from qextract.entities.lexicon import lexicon
from qextract.entities.types import LOC, ORG, PERSON, TITLE, Entity
from qextract.records import Official, Span
from qextract.segment.sentences import sentence_start

# What may stand between two posts of one person, and between post and name.
_POST_JOINERS = frozenset({"、", "兼", "、兼", "，兼", ",兼"})
# Between two posts each written with its body, a comma also joins them (局党组书记、局长,市知识产权局局长X).
_BODY_JOINERS = frozenset({"，", ","})
_NAME_GAP = regex.compile(r"[ \u3000]{0,2}")
_NAME_LIST_JOINER = "、"
# How far after the head of a body a deputy with no body of its own may be named.
_DEPUTY_REACH = 40
# A group marker and at most a few characters (设区) before a body.
_GROUP_REACH = 10
_LEVEL_OF_DIVISION = {"province": "provincial", "prefecture": "municipal", "county": "county"}
_LEVEL_WORDS = (
    ("national", regex.compile(r"^(?:国家|中央|全国|国务院|中共中央|党中央)")),
    ("provincial", regex.compile(r"^(?:省|自治区)")),
    ("municipal", regex.compile(r"^(?:市|州|盟)")),
    ("county", regex.compile(r"^(?:区|县|旗)")),
    # 陈埭镇人大: a town too small for the gazetteer, its own name before the unit; not the 乡 and 镇 of 城乡 and
    # 城镇 (住房城乡建设局), which name no town
    ("township", regex.compile(r"^(?:\p{Han}{2,3}?)?(?<!城)(?:镇|乡|街道)")),
)
_LEVEL_OF_POST = (
    ("provincial", regex.compile(r"(?:省长|省委)")),
    ("municipal", regex.compile(r"(?:市长|市委|州长)")),
    ("county", regex.compile(r"(?:区长|县长|区委|县委|旗长)")),
    ("township", regex.compile(r"(?:镇长|乡长|镇委)")),
)
_COMMITTEE = regex.compile(r"(?:党委|党工委|委)")  # used with match(text, pos)
_LEVEL_COMMITTEE = regex.compile(r"^(?:省|市|区|县|州|旗|镇|乡)委")
_SLOGAN_TYPES = ("slogans",)
# Between two persons of one list of appointments (局长A,纪检组长B; 会长A、秘书长B).
_LIST_SEPARATORS = frozenset({",", "，", "、"})
# 在X,院长Y: the clause naming the place a head stands in, right before his post.
_HOST_REACH = 32
_HOST_PLACE = regex.compile(r"在(?P<place>[^在,，。;；:：\s]{2,30})[,，]")
_HOST_FRAME = regex.compile(_HOST_PLACE.pattern + "$")
# How many characters a longer post may add to the one a reference form ends with (局长 → 局长助理).
_LONGER_POST_EXTRA = (1, 2, 3)
# A head of a level of government or party committee (镇长, 副市长, 县委书记): the level's character.
_LEVEL_HEAD = regex.compile(r"([省市区县州镇乡旗盟])[长委]")


@dataclass
class _Appointment:
    person: Entity
    posts: list[tuple[Optional[Entity], Entity]]


@dataclass
class _Record:
    name: str
    raw_name: str
    titles: list[str]
    organization: Optional[str]
    mentions: list[Span] = field(default_factory=list)
    mention_starts: set[int] = field(default_factory=set)




def find_officials(ctx: Any) -> list[Official]:
    """One :class:`Official` per person named with a post, in order of first mention."""
    guard = _guard(ctx)
    found = document_entities(ctx)
    entities = found.in_sentences_with(TITLE)
    name_lines = _roster_name_lines(ctx.text, found.labelled(TITLE))
    if name_lines:
        entities = sorted(entities + found.in_sentences_at(name_lines), key=lambda entity: entity.start)
    entities = _usable(entities, ctx, guard)
    records: dict[str, _Record] = {}
    previous: Optional[tuple[_Appointment, Optional[str], list[str]]] = None
    for appointment in _appointments(ctx.text, entities):
        if previous is not None and appointment.posts is previous[0].posts:
            _add(records, appointment, previous[1], list(previous[2]), ctx)  # 副局长A、B: one post phrase over a list
            previous = (appointment, previous[1], previous[2])  # the list's last name is the next colleague's neighbour
            continue
        organization, titles = _organization_and_titles(appointment.posts)
        if organization is None and previous is not None:
            organization = _deputys_organization(ctx.text, previous, appointment, titles)
        if previous is not None and (organization is None or _named_by_department(appointment)):
            carried = _listed_colleagues_organization(ctx.text, previous, appointment)
            if carried is not None:
                organization, titles = carried, [(body.text if body else "") + title.text for body, title in appointment.posts]
        if organization is None:
            organization = _own_body(ctx, appointment) or _bare_jurisdiction(ctx.text, appointment) or _host_body(ctx.text, appointment)
        if organization is None:
            titles = _with_bare_town(ctx.text, appointment.posts, titles)
        _add(records, appointment, organization, titles, ctx)
        previous = (appointment, organization, titles)
    _add_bare_mentions(records, ctx, guard)
    _add_post_references(records, ctx, guard)
    for record in records.values():
        record.mentions.sort(key=lambda span: span.start)
    return [_official(index, record) for index, record in enumerate(records.values(), start=1)]


# -- reading appointments -----------------------------------------------------


def _usable(entities: list[Entity], ctx: Any, guard: RangeSet) -> list[Entity]:
    """Posts, bodies and names read in a sentence of an appointment; none from furniture, quotes or slogans."""
    return [
        entity
        for entity in entities
        if not ctx.is_masked(entity.start, entity.end) and not guard.overlaps(entity.start, entity.end)
    ]


def _guard(ctx: Any) -> RangeSet:
    ranges = page_furniture(ctx.text) + quoted(ctx.text)
    for record_type in _SLOGAN_TYPES:
        for record in ctx.found.get(record_type, ()):
            span = getattr(record, "span", None)
            if span is not None:
                ranges.append((span.start, span.end))
    return RangeSet(ranges)


def _appointments(text: str, entities: list[Entity]) -> Iterator[_Appointment]:
    index = 0
    while index < len(entities):
        named, after_notice = _appointed(text, entities, index)
        if named:
            yield from named
            index = after_notice
            continue
        posts, after_posts = _post_chain(text, entities, index)
        if posts:
            persons, after_persons = _person_list(text, entities, after_posts)
            if persons and len(posts) == 1 and posts[0][0] is None:
                posts = [(_institution_as_subject(text, entities, index, posts[0][1]), posts[0][1])]
            own_post = _post_after_last_name(text, entities, after_persons) if persons else None
            if persons and (_is_official(posts) or _village_host(text, posts) is not None):
                for person in persons[:-1]:
                    yield _Appointment(person, posts)
                if own_post is not None and own_post.text not in lexicon().degrees:
                    yield _Appointment(persons[-1], posts + [(None, own_post)])  # 院长王明教授: 教授 is 王明's too
                else:
                    yield _Appointment(persons[-1], posts)
            if own_post is not None:
                after_persons += 1
            index = max(after_persons, after_posts, index + 1)
            continue
        name_first = _name_before_post(text, entities, index)
        if name_first is not None:
            yield name_first
            index += 2
            continue
        bracketed, after_bracket = _posts_in_brackets_after(text, entities, index)
        if bracketed is not None:
            yield bracketed
            index = after_bracket
            continue
        listed, after_listed = _post_in_next_cell(text, entities, index)
        if listed is not None:
            yield listed
            index = after_listed
            continue
        index += 1


# 当天,省计量科学研究院…: what may open a sentence before its subject (a time or a place and a comma)
_SUBJECT_OPENING = regex.compile(r"(?:[^,，。;；:：!！?？\n]{1,12}[,，])?")


def _institution_as_subject(text: str, entities: list[Entity], index: int, title: Entity) -> Optional[Entity]:
    """省计量科学研究院同步举办开放日活动,…,高级工程师马俊峰现场讲解: an occupation held in a public institution
    (高级工程师, 研究员) written with no body of its own, in a sentence that opens with an institution as its
    subject and names no person before the post, is held in that institution."""
    if title.text not in lexicon().institution_posts:
        return None
    opening = sentence_start(text, title.start)
    subject = None
    for entity in reversed(entities[:index]):
        if entity.start < opening:
            break
        if entity.label == PERSON:
            return None
        subject = entity
    if subject is None or subject.label != ORG or subject.kind != "institution":
        return None
    return subject if _SUBJECT_OPENING.fullmatch(text, opening, subject.start) else None


def _appointed(text: str, entities: list[Entity], index: int) -> tuple[list[_Appointment], int]:
    """任命A、B为市质监局副局长 / 免去A的市工商局副局长职务 / A同志不再担任…职务: an appointment notice
    names the person first.

    The verb stands right before the first name, or (不再担任) right after it; the
    posts follow 为 (or 的, or nothing, after a removal verb), so the notice's edges
    fix whose they are.
    """
    first = entities[index]
    if first.label != PERSON:
        return [], index
    lex = lexicon()
    if any(_written_before(text, first.start, verb) for verb in lex.appointment_verbs):
        joiners = _APPOINTED_AS
    elif any(_written_before(text, first.start, verb) for verb in lex.removal_verbs):
        joiners = _REMOVED_FROM
    else:
        joiners = _LEAVES_POSTS
    clause = _notice_clause(text, entities, index, joiners)
    if clause is None:
        return [], index
    persons, posts, after_posts = clause
    appointed = [_Appointment(person, posts) for person in persons]
    if joiners is _APPOINTED_AS:
        more, after_posts = _further_appointments(text, entities, after_posts, posts)
        appointed += more
    return appointed, after_posts


def _further_appointments(
    text: str, entities: list[Entity], index: int, first_posts: list[tuple[Optional[Entity], Entity]]
) -> tuple[list[_Appointment], int]:
    """选举A为省质量协会会长,B为常务副会长,C、D为副会长: the clauses after the first name more persons
    without the verb; a post written without its body is in the body the first clause named."""
    body = next((written for written, _ in first_posts if written is not None), None)
    appointed: list[_Appointment] = []
    while index < len(entities) and entities[index].label == PERSON and text[entities[index - 1].end : entities[index].start] in _CLAUSE_JOINERS:
        clause = _notice_clause(text, entities, index, _APPOINTED_AS)
        if clause is None:
            break
        persons, posts, index = clause
        if body is not None and all(written is None for written, _ in posts):
            posts = [(body, posts[0][1])] + posts[1:]  # a body heads the whole post chain (常务副会长兼秘书长)
        appointed += [_Appointment(person, posts) for person in persons]
    return appointed, index


def _notice_clause(
    text: str, entities: list[Entity], index: int, joiners: frozenset[str]
) -> Optional[tuple[list[Entity], list[tuple[Optional[Entity], Entity]], int]]:
    """A、B为市质监局副局长: the names from ``index`` joined by 、, one of ``joiners``, then an
    official's post chain; the names, the posts and the index after them."""
    persons = [entities[index]]
    after = index + 1
    while after < len(entities) and entities[after].label == PERSON and text[persons[-1].end : entities[after].start] == _NAME_LIST_JOINER:
        persons.append(entities[after])
        after += 1
    if after >= len(entities) or text[persons[-1].end : entities[after].start] not in joiners:
        return None
    posts, after_posts = _post_chain(text, entities, after)
    if not posts or not _is_official(posts):
        return None
    return persons, posts, after_posts


def _written_before(text: str, position: int, word: str) -> bool:
    return position >= len(word) and text.startswith(word, position - len(word))


# What joins the names of an appointment notice to their posts.
_APPOINTED_AS = frozenset({"为", "同志为"})
_REMOVED_FROM = frozenset({"", "的", "同志的", "同志"})
# What parts the clauses of one appointment notice (选举A为会长,B为副会长).
_CLAUSE_JOINERS = frozenset({",", "，", ";", "；"})
# A decision that names the person first and the posts left after: A同志不再担任…党组书记、局长职务.
_LEAVES_POSTS = frozenset({"不再担任", "同志不再担任"})


def _post_chain(text: str, entities: list[Entity], index: int) -> tuple[list[tuple[Optional[Entity], Entity]], int]:
    posts: list[tuple[Optional[Entity], Entity]] = []
    while index < len(entities):
        body, title, after = _body_and_post(text, entities, index)
        if title is None:
            break
        if _held_by_a_group(text, (body or title).start):
            posts = []  # 各设区市质监局局长、省质监局处长X: only the posts after the group are X's
        else:
            posts.append((body, title))
        index = after
        if index >= len(entities):
            break
        joiner = text[title.end : entities[index].start]
        if joiner not in _POST_JOINERS and not (joiner in _BODY_JOINERS and any(written for written, _ in posts)):
            break
        next_body, next_title, _ = _body_and_post(text, entities, index)
        if next_title is None or (joiner in _BODY_JOINERS and next_body is None):
            break  # 局长,市知识产权局局长X: a comma joins posts only from body to body
    return posts, index


@lru_cache(maxsize=1)
def _group_phrase() -> regex.Pattern[str]:
    return regex.compile(r"(?:\L<markers>)[^\s,，。;；:：、]{0,6}$", markers=sorted(lexicon().group_markers))


def _held_by_a_group(text: str, start: int) -> bool:
    """True when a group marker opens the phrase just before ``start`` (各|设区|市质监局局长)."""
    return _group_phrase().search(text, max(0, start - _GROUP_REACH), start) is not None


def _body_and_post(text: str, entities: list[Entity], index: int) -> tuple[Optional[Entity], Optional[Entity], int]:
    entity = entities[index]
    if entity.label == TITLE:
        return None, entity, index + 1
    if entity.label in (ORG, LOC) and index + 1 < len(entities):
        following = entities[index + 1]
        if following.label == TITLE and following.start == entity.end:
            return entity, following, index + 2
    return None, None, index


_PARTY_COMMITTEE_POST = regex.compile(r"党(?:工)?委")


def _with_bare_town(text: str, posts: list[tuple[Optional[Entity], Entity]], titles: list[str]) -> list[str]:
    """镇党委副书记、镇长X with no town to be found for X: the town written bare before its party
    committee's post is part of the post, as 区委 is of 区委副书记. (Where a colleague's town is carried,
    河包镇党委书记A,镇党委副书记B, the town is B's organisation instead.)"""
    body, title = posts[0]
    if body is not None or not titles or not _PARTY_COMMITTEE_POST.match(title.text):
        return titles
    unit = next((unit for unit in TOWN_UNITS if text.endswith(unit, 0, title.start)), None)
    if unit is None:
        return titles
    return [unit + titles[0]] + titles[1:] if written_bare(text, title.start - len(unit)) else titles


def _person_list(text: str, entities: list[Entity], index: int) -> tuple[list[Entity], int]:
    if index >= len(entities) or index == 0:
        return [], index
    previous_end = entities[index - 1].end
    first = entities[index]
    if first.label != PERSON or not _NAME_GAP.fullmatch(text, previous_end, first.start):
        return [], index
    persons = [first]
    index += 1
    while index < len(entities):
        candidate = entities[index]
        if candidate.label != PERSON or text[persons[-1].end : candidate.start] != _NAME_LIST_JOINER:
            break
        if _post_follows(entities, index):
            break  # 、欧阳锦全副市长: a new appointment, name first
        persons.append(candidate)
        index += 1
    return persons, index


def _post_after_last_name(text: str, entities: list[Entity], index: int) -> Optional[Entity]:
    """院长王明教授、副院长刘强: a post written right after the last name of a list, with no name
    after it, is that person's own (教授) or an honour (博士), never the next person's."""
    if index >= len(entities) or entities[index].label != TITLE or entities[index].start != entities[index - 1].end:
        return None
    following = entities[index + 1] if index + 1 < len(entities) else None
    if following is not None and following.label == PERSON and _NAME_GAP.fullmatch(text, entities[index].end, following.start):
        return None  # 局长张三副局长李四: the post opens the next appointment
    return entities[index]


def _post_follows(entities: list[Entity], index: int) -> bool:
    return (
        index + 1 < len(entities)
        and entities[index + 1].label == TITLE
        and entities[index + 1].start == entities[index].end
    )


def _name_before_post(text: str, entities: list[Entity], index: int) -> Optional[_Appointment]:
    """欧阳锦全副市长 (县质监局蒋立文局长): a name directly followed by a post that no name follows."""
    if index + 1 >= len(entities):
        return None
    person, title = entities[index], entities[index + 1]
    if person.label != PERSON or title.label != TITLE or title.start != person.end:
        return None
    if index + 2 < len(entities) and entities[index + 2].label == PERSON and _NAME_GAP.fullmatch(
        text, title.end, entities[index + 2].start
    ):
        return None  # the post belongs to the name after it
    body = entities[index - 1] if index > 0 else None
    if body is not None and body.label in (ORG, LOC) and text[body.end : person.start] in TOWN_UNITS:
        # 龙港|镇|黄立新镇长: a place the gazetteer knows, then 镇 or 乡, is the town's government
        body = Entity(body.start, person.start, ORG, text[body.start : person.start], kind="government")
    if body is not None and (body.label not in (ORG, LOC) or body.end != person.start):
        body = None  # 县质监局蒋立文局长: only a body written right before the name is the post's
    posts: list[tuple[Optional[Entity], Entity]] = [(body, title)]
    return _Appointment(person, posts) if _is_official(posts) else None


def _posts_in_brackets_after(text: str, entities: list[Entity], index: int) -> tuple[Optional[_Appointment], int]:
    """联系人:赵磊(计量科科长), 王建华（市市场监管局副局长）: a name, then its posts in brackets and
    nothing else; the brackets' edges say whose they are."""
    person = entities[index]
    if person.label != PERSON or index + 1 >= len(entities):
        return None, index
    bracket = _BRACKET_AFTER_NAME.match(text, person.end)
    if bracket is None or bracket.end() != entities[index + 1].start:
        return None, index  # 王刚的父亲(副局长): the bracket must stand right after the name
    posts, after = _post_chain(text, entities, index + 1)
    closing = posts[-1][1].end if posts else -1
    if not posts or closing >= len(text) or text[closing] not in CLOSING_BRACKETS or not _is_official(posts):
        return None, index
    return _Appointment(person, posts), after


_BRACKET_AFTER_NAME = regex.compile(r"[^\S\n]{0,2}[(（]")


def _post_in_next_cell(text: str, entities: list[Entity], index: int) -> tuple[Optional[_Appointment], int]:
    """孙立新 / 县质量技术监督局稽查队队长: a roster (名单) flattened one cell a line, or a row of cells apart
    by tabs or spaces: a name that fills its cell, and the next cell only a post; the cells' edges say whose
    the post is."""
    person = entities[index]
    if person.label != PERSON or index + 1 >= len(entities) or not _fills_its_line_start(text, person.start):
        return None, index
    gap = _CELL_GAP.fullmatch(text, person.end, entities[index + 1].start)
    if gap is None:
        return None, index
    posts, after = _post_chain(text, entities, index + 1)
    if not posts or not _ends_its_line(text, posts[-1][1].end) or not _is_official(posts):
        return None, index
    return _Appointment(person, posts), after


# Between two cells: a line break or a tab, or the spaces of a row set out by spaces.
_CELL_GAP = regex.compile(r"[^\S\n]*\n[^\S\n]*|[^\S\n]*\t[^\S\n]*|[^\S\n]{2,8}")
_LINE_REST = regex.compile(r"[^\S\n]*(?:\n|$)")


def _fills_its_line_start(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip()


def _ends_its_line(text: str, end: int) -> bool:
    return _LINE_REST.match(text, end) is not None


def _roster_name_lines(text: str, titles: list[Entity]) -> list[int]:
    """Where the lines above the posts of a roster flattened one cell a line start: a short line of a name
    alone right above a line that ends with a post (孙立新 / 县质量技术监督局稽查队队长). Persons are read
    sentence by sentence, and a name's line holds no post of its own."""
    found = []
    for title in titles:
        if not _ends_its_line(text, title.end):
            continue
        line_start = text.rfind("\n", 0, title.start) + 1
        if line_start < 2:
            continue
        above_start = text.rfind("\n", 0, line_start - 1) + 1
        above = text[above_start : line_start - 1].strip()
        if _ROSTER_NAME.fullmatch(above):
            found.append(above_start)
    return found


# A name alone on its line: two to four Han characters, perhaps letter-spaced (王 刚). A dotted name alone on a
# line is not read as a person (the entity stage wants a post or a follower beside it), so none is asked for.
_ROSTER_NAME = regex.compile(r"\p{Han}(?:[^\S\n]?\p{Han}){1,3}")


def _is_official(posts: list[tuple[Optional[Entity], Entity]]) -> bool:
    categories = lexicon().official_categories
    return any(
        title.kind in categories or _post_in_institution(body, title) or _seat_in_assembly(body, title) for body, title in posts
    )


def _post_in_institution(body: Optional[Entity], title: Entity) -> bool:
    """兰州大学药学院|教授, 市中级人民法院|法官: an occupation written with the public institution it is held in is a post
    there; 金驼乳业店|负责人: a head written with any named body is."""
    if body is None:
        return False
    vocabulary = lexicon()
    court = vocabulary.judicial_posts.get(title.text)
    if court is not None:
        return court in body.text
    if title.text in vocabulary.named_body_posts:
        return body.label == ORG  # 金驼乳业店|负责人: a place alone (县|负责人) names no body
    return body.kind == "institution" and title.text in vocabulary.institution_posts


def _seat_in_assembly(body: Optional[Entity], title: Entity) -> bool:
    """自治区人大常委会|委员, 省政协|委员: a member's seat in a congress or CPPCC is a post there."""
    vocabulary = lexicon()
    return body is not None and title.text in vocabulary.assembly_member_posts and body.text.endswith(vocabulary.assembly_body_endings)


# -- building records ---------------------------------------------------------


def _add(records: dict[str, _Record], appointment: _Appointment, organization: Optional[str], titles: list[str], ctx: Any) -> None:
    person = appointment.person
    name = person.value.replace(" ", "").replace("\u3000", "")
    record = records.get(name)
    if record is None:
        record = _Record(name, person.text, titles, organization)
        records[name] = record
    else:
        for title in titles:
            if not any(title == known or known.endswith(title) for known in record.titles):
                record.titles.append(title)
        if record.organization is None:
            record.organization = organization
    _add_mention(record, ctx.span(person.start, person.end))


def _deputys_organization(
    text: str, previous: tuple[_Appointment, Optional[str], list[str]], appointment: _Appointment, titles: list[str]
) -> Optional[str]:
    """局长A…,党组成员、副局长B: a deputy named right after the head of a body, with no body of its own,
    serves in it; so do a member of its leadership (党组成员、纪检组长B) and its head named after
    another of its officials (院党委书记A…,院长B)."""
    before, organization, head_titles = previous
    if organization is None or any(body is not None for body, _ in appointment.posts):
        return None
    between = text[before.person.end : appointment.posts[0][1].start]
    if len(between) > _DEPUTY_REACH or "\n" in between:
        return None
    heads = set(head_titles)
    words = lexicon()
    members = () if organization.endswith(words.teams_without_leadership) else words.leadership_member_posts
    serves = any(
        _deputy_of(title) in heads or title in members or _heads_unit_of(title, organization) for title in titles
    )
    return organization if serves else None


def _heads_unit_of(title: str, organization: str) -> bool:
    """院长 and 副院长 of a 院 just named (市计量测试院党委书记A…,院长B): the post heads that very body.

    Not a government's head (溧阳市…,副市长B): its post is fused to the place and names no body.
    """
    core = _deputy_of(title) or title
    if len(core) != 2 or not core.endswith("长") or core[0] in lexicon().level_words:
        return False
    return organization.endswith(core[0])


def _named_by_department(appointment: _Appointment) -> bool:
    body = appointment.posts[0][0]
    return body is not None and body.kind == DEPARTMENT


def _listed_colleagues_organization(
    text: str, previous: tuple[_Appointment, Optional[str], list[str]], appointment: _Appointment
) -> Optional[str]:
    """长安镇党委书记A,镇长B; 法院副院长A,刑二庭庭长B: a person listed right after a colleague, with
    posts written without a body (or with a department of it only), serves in the colleague's body."""
    before, organization, _ = previous
    first_body, first_title = appointment.posts[0]
    if organization is None or text[before.person.end : (first_body or first_title).start] not in _LIST_SEPARATORS:
        return None
    if any(body is not None and body.kind != DEPARTMENT for body, _ in appointment.posts):
        return None
    if first_body is not None and not _ranks_below(first_body.text, organization):
        return None  # 质量监督司司长A、执法监督司司长B: peers, neither a department of the other
    company = body_kind(organization) == "company"
    for body, title in appointment.posts:
        if (title.kind == "enterprise") != company and title.text not in lexicon().posts_of_any_body:
            return None  # 局长A,董事长B: a firm's post is no post in a government body, nor the reverse
        unit = unit_of_head_post(title.text, lexicon().self_named_units)
        if body is None and unit is not None and not organization.endswith(unit):
            return None  # 市经委副主任A,副局长B: the head of a 局 serves in no 委
        level = _LEVEL_HEAD.search(title.text)
        if level is not None and not organization.endswith(level.group(1)):
            return None  # 市质监局局长A,副市长B: a head of a government of its own
    return organization


def _ranks_below(department: str, organization: str) -> bool:
    """刑二庭 below 市中级人民法院, 监管科 below 市场监管局; not 执法监督司 below 质量监督司."""
    ranks = lexicon().unit_ranks
    own = _unit_rank(department, ranks)
    other = _unit_rank(organization, ranks)
    return own is not None and (other is None or other < own)


def _unit_rank(body: str, ranks: dict[str, int]) -> Optional[int]:
    for size in (2, 1):
        if body[-size:] in ranks:
            return ranks[body[-size:]]
    return None


def _own_body(ctx: Any, appointment: _Appointment) -> Optional[str]:
    """局党组成员、副局长王某: a bare 局 (厅, 院…) before the posts is the body the page last named so."""
    first_post = appointment.posts[0][1]
    unit_start = first_post.start - 1
    if appointment.posts[0][0] is not None or unit_start < 0 or ctx.text[unit_start] not in lexicon().own_body_units:
        return None
    if unit_start > 0 and ctx.text[unit_start - 1] not in CLAUSE_OPENERS:
        return None
    unit = ctx.text[unit_start]
    named = [body for body in document_entities(ctx).labelled(ORG) if body.end <= unit_start and body.text.endswith(unit)]
    return named[-1].text if named else _place_of_unit_in_sentence(ctx, unit, unit_start)


def _place_of_unit_in_sentence(ctx: Any, unit: str, unit_start: int) -> Optional[str]:
    """磐安镇召开动员会,镇党委书记何振宇…; 在毛家庄村,…村党支部书记毛建国: a town or village the same sentence
    names before the bare unit, as the subject of its event (X镇召开, X村开展) or as where it took place (在X村,)."""
    opening = sentence_start(ctx.text, unit_start)
    places = [
        (found.start("place"), found.group("place"))
        for pattern in (_HOST_PLACE, _place_as_subject())
        for found in pattern.finditer(ctx.text, opening, unit_start)
        if found.group("place").endswith(unit) and _named_place(found.group("place"), unit)
    ]
    return max(places)[1] if places else None


@lru_cache(maxsize=1)
def _place_as_subject() -> regex.Pattern[str]:
    """堌阳镇召开…, 徐场村开展…: a town or village at a clause opening, then the verb of the event it holds."""
    return regex.compile(
        r"(?:^|(?<=[,，;；:：\s]))(?P<place>\p{Han}{1,6}?(?:\L<units>))(?:\L<verbs>)",
        units=list(TOWN_UNITS) + list(lexicon().village_units),
        verbs=lexicon().place_subject_verbs,
    )


def _named_place(place: str, unit: str) -> bool:
    """A town's or a village's own name before its unit, not 全镇, 各村 or 本社区; read from a clause's opening, the
    name may carry a word before it (今年全镇), so no word that makes the unit a kind of place may stand anywhere in it."""
    name = place[: -len(unit)]
    if unit in TOWN_UNITS:
        return is_town_name(name) and not any(opener in name for opener in VAGUE_TOWN_OPENERS)
    return is_village_name(name) and not any(stop in name for stop in lexicon().village_name_stops)


def _host_body(text: str, appointment: _Appointment) -> Optional[str]:
    """在遵义市产品质量检验检测院,院长罗永福介绍: a head with no body of his own, right after the clause
    saying where the visitors stood, heads that place when its name ends with his unit (院 of 院长)."""
    body, first_post = appointment.posts[0]
    if body is not None:
        return None
    lex = lexicon()
    unit = unit_of_head_post(first_post.text, lex.self_named_units | lex.own_body_units)
    if unit is None:
        return _village_host(text, appointment.posts)
    place = _place_stood_in(text, first_post)
    return place if place is not None and place.endswith(unit) else None


def _village_host(text: str, posts: list[tuple[Optional[Entity], Entity]]) -> Optional[str]:
    """在毛家庄村,网格员毛丽娟: a worker's post that any named body may hold (网格员, 协管员), with no body of
    its own, right after the clause naming the village or community the visitors stood in, is held there."""
    body, first_post = posts[0]
    lex = lexicon()
    if body is not None or first_post.text not in lex.named_body_posts:
        return None
    place = _place_stood_in(text, first_post)
    return place if place is not None and place.endswith(lex.village_units) else None


def _place_stood_in(text: str, post: Entity) -> Optional[str]:
    """The place of the clause 在X, right before ``post``, if any."""
    frame = _HOST_FRAME.search(text, max(0, post.start - _HOST_REACH), post.start)
    return frame.group("place") if frame is not None else None


def _bare_jurisdiction(text: str, appointment: _Appointment) -> Optional[str]:
    """,自治区副主席X: a level word alone at the clause opening stands for its own jurisdiction."""
    if appointment.posts[0][0] is not None:
        return None
    start = appointment.posts[0][1].start
    for word in lexicon().bare_jurisdictions:
        opening = start - len(word)
        if text.endswith(word, 0, start) and (opening == 0 or text[opening - 1] in CLAUSE_OPENERS):
            return word
    return None


def _deputy_of(title: str) -> Optional[str]:
    """The post a deputy stands in for: 副局长 -> 局长, 常务副市长 -> 市长; None for a head."""
    for prefix in lexicon().rank_prefixes:
        if title.startswith(prefix):
            title = title[len(prefix) :]
            break
    return title[1:] if title.startswith("副") and len(title) > 2 else None


def _organization_and_titles(posts: list[tuple[Optional[Entity], Entity]]) -> tuple[Optional[str], list[str]]:
    organization: Optional[str] = None
    titles: list[str] = []
    first_body_seen = False
    for body, title in posts:
        if body is None:
            titles.append(title.text)
        elif not first_body_seen:
            first_body_seen = True
            organization, kept = _split_body(body, title)
            titles.append(kept + title.text)
        else:
            titles.append(body.text + title.text)
    return organization, titles


def _split_body(body: Entity, title: Entity) -> tuple[Optional[str], str]:
    """(organisation, part kept in the post) for the body in front of the first post.

    奉贤区委 -> (奉贤区, 区委); 江苏省委 -> (江苏省, 省委); 区委 -> (None, 区委);
    省市场监管局 -> (省市场监管局, ""); 安吉|县委副书记 -> (安吉县, "").
    """
    text = body.text
    if body.label == LOC:
        return _place_before_committee(text, title.text), ""
    if _LEVEL_COMMITTEE.match(text) and not text.endswith("组"):  # 县委第二巡察组 is a body of its own
        return None, text
    place_end = lexicon().division_finder.match(text)
    if place_end is not None and _COMMITTEE.match(text, place_end):
        rest = text[place_end:]
        kept = rest if rest.startswith("党") else text[place_end - 1] + rest
        return text[:place_end], kept
    return text, ""


def _place_before_committee(place: str, post: str) -> str:
    """安吉 before 县委副书记 is 安吉县, as written across the two words."""
    if _LEVEL_COMMITTEE.match(post):
        division = lexicon().division(place)
        if division is not None and division.name == place + post[0]:
            return division.name
    return place


def _add_mention(record: _Record, span: Span) -> None:
    # a set, not a scan of the mentions: a page naming one person thousands of times stays linear
    if span.start not in record.mention_starts:
        record.mention_starts.add(span.start)
        record.mentions.append(span)


def _add_bare_mentions(records: dict[str, _Record], ctx: Any, guard: RangeSet) -> None:
    """Every later occurrence of a known name (张雁云指出) is a mention of it."""
    if not records:
        return
    occurrences = [
        (record, start, end)
        for record, start, end in _occurrences(ctx.text, list(records.values()))
        if not ctx.is_masked(start, end) and not guard.overlaps(start, end)
    ]
    # Only the sentences that write a known name again are read for other persons.
    persons = document_entities(ctx).persons_at(start for _, start, _ in occurrences)
    other_persons = _PersonIndex(_usable(persons, ctx, guard))
    for record, start, end in occurrences:
        if other_persons.other_name_overlaps(start, end, record.name):
            continue  # inside a different, longer name
        _add_mention(record, ctx.span(start, end))


def _add_post_references(records: dict[str, _Record], ctx: Any, guard: RangeSet) -> None:
    """李局长强调 after 局长李建华: a surname and a post the page gave only one person is a mention of that person.

    The post may be any post a title ends with (区委副书记 is also 书记, 副局长 also 局长), as people
    address a deputy by the post; a form two persons could answer to (two 王 who are 主任) is nobody's.
    """
    exact: dict[str, list[_Record]] = {}
    shortened: dict[str, list[_Record]] = {}
    for record in records.values():
        for form, whole in _reference_forms(record):
            (exact if whole else shortened).setdefault(form, []).append(record)
    forms = {form: found[0] for form, found in shortened.items() if len(found) == 1 and form not in exact}
    forms.update((form, found[0]) for form, found in exact.items() if len(found) == 1)
    if not forms:
        return
    automaton = ahocorasick.Automaton()
    for form in forms:
        automaton.add_word(form, form)
    automaton.make_automaton()
    text = ctx.text
    for last, form in automaton.iter(text):
        start, end = last + 1 - len(form), last + 1
        if ctx.is_masked(start, end) or guard.overlaps(start, end) or _longer_post_follows(text, start, end):
            continue
        _add_mention(forms[form], ctx.span(start, end))


def _reference_forms(record: _Record) -> set[tuple[str, bool]]:
    """谢局长, 谢书记 for 谢小云 (党委书记、局长): the surname with each post a title ends with.

    Each form says whether it holds the whole title: 王所长 is the 所长's before the 副所长's.
    """
    lex = lexicon()
    surname = lex.surname_at(record.name, 0)
    if surname is None or len(record.name) <= len(surname):
        return set()
    return {
        (surname + title[cut:], cut == 0)
        for title in record.titles
        for cut in range(len(title) - 1)
        if title[cut:] in lex.posts
    }


def _longer_post_follows(text: str, start: int, end: int) -> bool:
    """王局长助理, 李主任科员: the reference form's post only begins a longer post."""
    posts = lexicon().posts
    post_start = start + len(lexicon().surname_at(text, start) or "")
    return any(text[post_start : end + extra] in posts for extra in _LONGER_POST_EXTRA)


def is_post_reference(written: str, name: str) -> bool:
    """Whether ``written`` (李局长) addresses the person ``name`` (李建华) by surname and post."""
    lex = lexicon()
    surname = lex.surname_at(name, 0)
    return surname is not None and written.startswith(surname) and written[len(surname) :] in lex.posts


class _PersonIndex:
    """Person entities sorted by start, for overlap tests in time logarithmic in their number."""

    def __init__(self, persons: list[Entity]) -> None:
        self._persons = sorted(persons, key=lambda person: person.start)
        self._starts = [person.start for person in self._persons]
        self._longest = max((person.end - person.start for person in self._persons), default=0)

    def other_name_overlaps(self, start: int, end: int, name: str) -> bool:
        first = bisect_left(self._starts, start - self._longest + 1)
        last = bisect_left(self._starts, end)
        return any(person.end > start and person.value != name for person in self._persons[first:last])


def _occurrences(text: str, records: list[_Record]) -> Iterator[tuple[_Record, int, int]]:
    """Every occurrence of every record's name as written or normalised, in one pass over the text."""
    owners: dict[str, list[_Record]] = {}
    for record in records:
        for form in {record.name, record.raw_name}:
            if form:
                owners.setdefault(form, []).append(record)
    if not owners:
        return
    names = ahocorasick.Automaton()
    for form, owners_of_form in owners.items():
        names.add_word(form, (len(form), owners_of_form))
    names.make_automaton()
    for last, (length, owners_of_form) in names.iter(text):
        for record in owners_of_form:
            yield record, last + 1 - length, last + 1


def _official(index: int, record: _Record) -> Official:
    region, level = _region_and_level(record)
    return Official(
        name=record.name,
        titles=_specific_titles(record.titles),
        organization=record.organization,
        id=f"official-{index}",
        region=region,
        level=level,
        raw_name=record.raw_name,
        mentions=list(record.mentions),
    )


def _specific_titles(titles: list[str]) -> list[str]:
    """The titles, without 市领导-like ones when the person's own post is written too."""
    generic = lexicon().generic_posts
    specific = [title for title in titles if title not in generic]
    return specific or list(titles)


def _region_and_level(record: _Record) -> tuple[Optional[str], Optional[str]]:
    lex = lexicon()
    for written in [record.organization or ""] + record.titles:
        place = lex.division_finder.search(written)
        if place is not None:
            division = lex.division(written[place[0] : place[1]])
            if division is not None:
                return division.name, _LEVEL_OF_DIVISION.get(division.level)
    for level, pattern in _LEVEL_WORDS:
        if record.organization and pattern.search(record.organization):
            return None, level
    for level, pattern in _LEVEL_OF_POST:
        if any(pattern.search(title) for title in record.titles):
            return None, level
    return None, None
