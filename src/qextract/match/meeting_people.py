"""Who did what at an event: persons, pronouns and role verbs in a sentence.

Persons are the officials found before (every occurrence of their names),
plus persons named without a post, but only where they stand right before a
role verb (``张三主持``, ``由张三主持``), and only when the entity stage read
them as a personal name. ``他``/``她`` stand for the nearest person named
before them.

A role verb's subject is the run of persons right before it: the nearest
person, with nothing between it and the verb that makes it an object (对X,
X的讲话) or ends the clause, and any persons before that one joined by list
separators and posts only (``A、B,C出席会议``). A verb with no such person
shares the subject of the role verb before it in the same clause or a
clause opened by 并/还/同时 (``A出席会议并讲话``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any, Iterable, Optional

import ahocorasick
import regex

from qextract.entities.foreign import NAME_DOTS
from qextract.entities.persons import DOTTED_PART_MAX, MAX_DOTS
from qextract.match.context import MatchContext
from qextract.match.meeting_lexicon import CLAUSE_PUNCT, HEARD_REPORT, LEX, ROLE_NOT_BEFORE, ROLE_VERB, words

_MAX_VERB_GAP = 30
_MAX_LIST_GAP = 40
_MAX_TOPIC_GAP = 120  # 分别就《…》(文号)和《…》进行了讲解: two document titles with their numbers
_MAX_JOINED_ACT = 12
_GROUP_DETERMINER_REACH = 6  # 省局|各处室负责人: the determiner may follow the group's body
_MAX_GROUP_CLAUSES = 3
_PRONOUN_REACH = 400
_OBJECT_MARKERS = tuple(words("object_markers"))
_PRONOUN = regex.compile(
    r"(?<![%s])(?:%s)(?![%s])"
    % (
        "".join(words("pronoun_not_after")),
        "|".join(words("pronouns")),
        "".join(words("pronoun_not_before")),
    )
)
# 对照(了)魏国华副省长讲话: a verb taking the person's speech, then at most a post before the name
_SPEECH_REFERRER = regex.compile(
    r"(?:%s)了?[^,，。;；:：!！?？\n]{0,12}$" % "|".join(sorted(words("speech_referrers"), key=len, reverse=True)))
_LEADING_ADVERBS = regex.compile("^(?:%s)+" % "|".join(sorted(words("subject_adverbs"), key=len, reverse=True)))
_HAN = regex.compile(r"\p{Han}")
_BLANKS = regex.compile(r"[ \u3000]+")
_SEPARATORS = "|".join(regex.escape(word) for word in sorted(words("list_separators"), key=len, reverse=True))
_LIST_GAP = regex.compile(r"^(?:\s|%s){0,3}$" % _SEPARATORS)
_LIST_JOIN = regex.compile(_SEPARATORS)
# Within a run of names (张三、李四出席), not across a clause or after 等.
_NAME_JOIN = regex.compile("|".join(word for word in words("list_separators") if word not in CLAUSE_PUNCT and word != "等"))
# Between two role verbs of one subject: the same clause (出席会议并讲话), or a
# new clause that opens with a connective (…,并强调).
_CONTINUES = regex.compile(
    r"^[^,，]{0,16}$|[,，]\s{0,1}(?:%s)[^,，]{0,8}$" % "|".join(sorted(words("clause_connectives"), key=len, reverse=True))
)
# ,以及各县(市)区政府分管领导、质监部门负责人共60余人 / ,各设区市局长,省局各处室负责人: groups of unnamed
# people, opened by a conjunction or marked by a determiner, with no verb between the list and its role verb
_GROUP_LIST_TAIL = regex.compile(
    r"^(?:[,，]\s?(?:(?:%s)[^,，。;；:：!！?？\n]{1,40}|[^,，。;；:：!！?？\n]{0,%d}?(?:%s)[^,，。;；:：!！?？\n]{1,40})){1,%d}$"
    % ("|".join(sorted(words("group_list_openers"), key=len, reverse=True)), _GROUP_DETERMINER_REACH,
       "|".join(sorted(words("group_determiners"), key=len, reverse=True)), _MAX_GROUP_CLAUSES)
)
# A、B分别围绕商标侵权判断、专利纠纷等内容授课: a topic phrase within the clause, between subject and verb
_TOPIC_GAP = regex.compile(
    r"^(?:%s)*(?:%s)[^,，。;；:：!！?？\n]{1,%d}$"
    % ("|".join(sorted(words("subject_adverbs"), key=len, reverse=True)),
       "|".join(sorted(words("topic_openers"), key=len, reverse=True)), _MAX_TOPIC_GAP)
)
_SUBJECT_SUFFIX = regex.compile(
    r"(?:%s)?(?:%s)?(?:%s)*"
    % ("|".join(sorted(words("subject_suffixes"), key=len, reverse=True)),
       LEX["capacity_phrase"],
       "|".join(sorted(words("role_verb_adverbs"), key=len, reverse=True)))
)
_STOP_CHARS = frozenset(LEX["bare_name_stop_chars"])
# 上台领取奖金并|发言: a short act of the same subject, then 并 and a role verb (no clause end between);
# not a passive act (被查处并通报: someone else reports)
_JOINED_ROLE = regex.compile(r"[^,，。;；:：!！?？\n并被]{1,%d}并" % _MAX_JOINED_ACT)
_NAME_PARTS = regex.compile("[%s]" % regex.escape(NAME_DOTS))
# 、某某纺织科技有限公司的: a separator, then the body the next name comes from, joined by 的
_BODY_OF_NEXT_NAME = regex.compile(r"^(?:%s)\s?[^的,，。;；:：!！?？\n]{2,%d}的$" % (_SEPARATORS, _MAX_LIST_GAP))


@dataclass(frozen=True)
class Person:
    name: str
    official_id: Optional[str]
    start: int
    end: int


@dataclass(frozen=True)
class Role:
    role: str  # "chair", "speaker" or "attendee"
    start: int
    end: int
    subject: tuple[Person, ...]



def role_verbs(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """(role, start, end) of every role verb in ``text[start:end]``."""
    found = []
    for match in ROLE_VERB.finditer(text, start, end):
        if match.start() > 0 and text[match.start() - 1] == "的":
            continue  # 张三的讲话: a noun, not an act
        if ROLE_NOT_BEFORE.match(text, match.end()):
            continue  # 讲话精神, 主持人
        kind = match.lastgroup
        role = {"chair": "chair", "attend": "attendee"}.get(kind or "", "speaker")
        found.append((role, match.start(), match.end()))
    return found


def find_people(ctx: MatchContext, verbs: list[tuple[str, int, int]]) -> list[Person]:
    """Officials' name occurrences and role-slot bare names, sorted, not overlapping.

    ``verbs`` are the role verbs of the whole text (:func:`role_verbs`).
    """
    people = list(_official_occurrences(ctx))
    people.extend(_bare_names(ctx, people, verbs))
    people = _without_overlaps(people)
    people.extend(_pronouns(ctx, people))
    people.sort(key=lambda person: person.start)
    return [person for person in people if not ctx.is_masked(person.start, person.end)]


def _official_occurrences(ctx: MatchContext) -> Iterable[Person]:
    """The officials' mentions, and every other place their names are written.

    A two-character name is only taken where no character sits before it
    that could make it part of a word (主张青年 holds 张青).
    """
    text = ctx.text
    officials = [official for official in ctx.found.get("officials", ()) or () if len(getattr(official, "name", "") or "") >= 2]
    written_at = _name_positions(text, {official.name for official in officials})
    for official in officials:
        name = official.name
        official_id = getattr(official, "id", None) or None
        for mention in getattr(official, "mentions", ()) or ():
            start = text.find(name, mention.start, mention.end)
            if start != -1:
                yield Person(name, official_id, start, start + len(name))
            elif _BLANKS.sub("", text[mention.start : mention.end]) == name:
                yield Person(name, official_id, mention.start, mention.end)  # 罗 敏: a name spaced out as written
            elif _addressed_by_post(text[mention.start : mention.end], name):
                yield Person(name, official_id, mention.start, mention.end)  # 李局长
        for position in written_at.get(name, ()):
            if len(name) > 2 or position == 0 or not _HAN.match(text[position - 1]):
                yield Person(name, official_id, position, position + len(name))


def _addressed_by_post(written: str, name: str) -> bool:
    """李局长 for 李建华: the officials stage's mention of a person by surname and post."""
    # Imported here: only a page the officials stage read has such mentions.
    from qextract.match.officials import is_post_reference

    return is_post_reference(written, name)


def _name_positions(text: str, names: set[str]) -> dict[str, list[int]]:
    """Where each name is written, left to right and not overlapping itself, in one pass for all names."""
    if not names:
        return {}
    automaton = ahocorasick.Automaton()
    for name in names:
        automaton.add_word(name, name)
    automaton.make_automaton()
    positions: dict[str, list[int]] = {}
    for last, name in automaton.iter(text):
        start = last + 1 - len(name)
        found = positions.setdefault(name, [])
        if not found or start >= found[-1] + len(name):
            found.append(start)
    return positions


def _bare_names(ctx: MatchContext, known: list[Person], verbs: list[tuple[str, int, int]]) -> list[Person]:
    """Personal names without a post, read by the entity stage, right before a role verb."""
    verb_starts = {start for _, start, _ in verbs}
    entities = _person_entities(ctx, verb_starts)
    if not entities:
        return []
    taken = {(person.start, person.end) for person in known}
    found = []
    for entity in entities:
        if (entity.start, entity.end) in taken or not _in_role_slot(ctx.text, entity.end, verb_starts):
            continue
        name = entity.name or entity.text
        if _bare_name_shape(name) and (_is_minority_name(name) or not (_STOP_CHARS & set(name[1:]))):
            found.append(Person(name, None, entity.start, entity.end))
    return found


def _is_minority_name(name: str) -> bool:
    """其其格, 苏和: a name made of Tibetan, Mongolian or Dai name parts, whose syllables
    (其, 和) the stop characters would take for a word's."""
    # Imported here: a pipeline without the entity stage never loads it.
    from qextract.entities.persons import is_minority_name

    return is_minority_name(name)


def _bare_name_shape(name: str) -> bool:
    """A Han name of two to four characters, or one in parts joined by name dots (帕提曼·吐尔洪)."""
    parts = _NAME_PARTS.split(name)
    if len(parts) == 1:
        return 2 <= len(name) <= 4
    return len(parts) <= MAX_DOTS + 1 and all(2 <= len(part) <= DOTTED_PART_MAX for part in parts)


def _person_entities(ctx: MatchContext, verb_starts: set[int]) -> list[Any]:
    """The persons the entity stage read in the sentences of the role verbs (none when it did not run)."""
    # Imported here: a pipeline without the entity stage never loads it.
    from qextract.entities.context import ENTITIES_KEY, document_entities

    if ctx.found.get(ENTITIES_KEY) is None or not verb_starts:
        return []
    return document_entities(ctx).persons_at(verb_starts)


def _in_role_slot(text: str, end: int, verb_starts: set[int]) -> bool:
    """A name followed by a role verb, directly or through a list of names (张三、李四出席)."""
    probe = _SUBJECT_SUFFIX.match(text, end).end()
    if probe in verb_starts:
        return True
    joined = _JOINED_ROLE.match(text, probe)
    if joined is not None and joined.end() in verb_starts:
        return True  # 刘某上台领取奖金并发言: a role verb joined by 并 to the name's first act
    return _NAME_JOIN.match(text, probe) is not None


def _without_overlaps(people: list[Person]) -> list[Person]:
    people.sort(key=lambda person: (person.start, -(person.end - person.start)))
    kept: list[Person] = []
    for person in people:
        if kept and person.start < kept[-1].end:
            continue
        kept.append(person)
    return kept


def _pronouns(ctx: MatchContext, people: list[Person]) -> list[Person]:
    """他/她, each standing for the nearest person named before it."""
    if not people:
        return []
    resolved = []
    starts = [person.start for person in people]
    for match in _PRONOUN.finditer(ctx.text):
        index = bisect_right(starts, match.start()) - 1
        if index < 0:
            continue
        antecedent = people[index]
        if match.start() - antecedent.end > _PRONOUN_REACH:
            continue
        resolved.append(Person(antecedent.name, antecedent.official_id, match.start(), match.end()))
    return resolved


def roles_in(
    text: str, start: int, end: int, people: list[Person], verbs: list[tuple[str, int, int]] | None = None
) -> list[Role]:
    """Every role verb of ``text[start:end]`` with the persons it applies to.

    ``verbs`` are the role verbs of the whole text when the caller has them.
    """
    in_span = people_between(people, start, end)
    if verbs is None:
        verbs, first = role_verbs(text, start, end), 0
    else:
        # an index, not a slice: copying the rest of the page's verbs for every sentence is quadratic
        first = bisect_left(verbs, (start,), key=lambda verb: (verb[1],))
    heard = [
        match
        for match in (HEARD_REPORT.finditer(text, start, end) if in_span else ())
        # 听取了张三汇报: with a person inside and no 的, the person is the one who reported
        if match.group("givers") is not None or not people_between(in_span, match.start(), match.end())
    ]
    roles: list[Role] = []
    next_heard = 0  # verbs and heard reports both go by start: one pass over each keeps a long sentence linear
    for index in range(first, len(verbs)):
        role, verb_start, verb_end = verbs[index]
        if verb_end > end:
            break
        while next_heard < len(heard) and heard[next_heard].end() <= verb_start:
            next_heard += 1
        if next_heard < len(heard) and heard[next_heard].start() < verb_start:
            continue  # X听取了各街道的工作汇报: the report is the givers' act, not X's
        subject = _subject(text, verb_start, in_span, roles)
        if subject:
            roles.append(Role(role, verb_start, verb_end, subject))
    for match in heard:
        if match.group("givers") is None:
            continue
        # 会议听取了A、B的工作汇报: the persons whose reports a meeting heard spoke at it
        givers = tuple(people_between(in_span, match.start("givers"), match.end("givers")))
        if givers:
            roles.append(Role("speaker", match.start(), match.end(), givers))
    return roles


def people_between(people: list[Person], start: int, end: int) -> list[Person]:
    """The persons inside ``[start, end)``; ``people`` is sorted by start."""
    index = bisect_left(people, start, key=lambda person: person.start)
    found = []
    while index < len(people) and people[index].start < end:
        if people[index].end <= end:
            found.append(people[index])
        index += 1
    return found


def _subject(text: str, verb_start: int, people: list[Person], earlier: list[Role]) -> tuple[Person, ...]:
    # people[:before] end before the verb: people do not overlap, so their ends are sorted like their
    # starts; an index, not a filtered copy, keeps a sentence with thousands of names linear
    before = bisect_right(people, verb_start, key=lambda person: person.end)
    previous = earlier[-1] if earlier else None
    if before and (previous is None or people[before - 1].start > previous.end):
        nearest = people[before - 1]
        after = people[before - 2].end if before > 1 else max(0, nearest.start - _MAX_VERB_GAP)
        if _is_object(text, nearest, after):
            if before > 1 and _acts_on(text, people[before - 2], nearest):
                return tuple(_list_run(text, people, before - 1))  # A向B颁发: A acts
            return ()
        if _is_direct_subject(text, nearest, verb_start):
            return tuple(_list_run(text, people, before))
        return ()
    if previous is not None and _CONTINUES.search(text[previous.end : verb_start]):
        return previous.subject
    return ()


def _is_direct_subject(text: str, person: Person, verb_start: int) -> bool:
    gap = text[person.end : verb_start]
    if _GROUP_LIST_TAIL.match(gap) and not role_verbs(gap, 0, len(gap)):
        return True
    if len(gap) > _MAX_VERB_GAP and _TOPIC_GAP.match(gap) and not role_verbs(gap, 0, len(gap)):
        return True
    if len(gap) > _MAX_VERB_GAP or any(char in CLAUSE_PUNCT for char in gap):
        return False
    return not (gap.startswith("的") and not gap.startswith("的陪同"))  # 张三的讲话: a possessive


def _acts_on(text: str, actor: Person, target: Person) -> bool:
    """A向(企业代表)B: the marker and the object's post are all that stand between."""
    gap = text[actor.end : target.start]
    return 1 <= len(gap) <= 12 and not any(char in CLAUSE_PUNCT for char in gap)


def _is_object(text: str, person: Person, after: int) -> bool:
    """对张三 / 向企业代表张三: a marker opens the phrase that ends in the person."""
    start = max(after, person.start - _MAX_VERB_GAP)
    for index in range(person.start - 1, start - 1, -1):
        if text[index] in CLAUSE_PUNCT:
            start = index + 1
            break
    phrase = _LEADING_ADVERBS.sub("", text[start : person.start])
    if _SPEECH_REFERRER.search(phrase):
        return True  # 要对照魏国华副省长讲话: the speech is what is studied, not given here
    return bool(phrase) and phrase[0] in _OBJECT_MARKERS


def _list_run(text: str, people: list[Person], count: int) -> list[Person]:
    """The nearest person (``people[count - 1]``) and those listed before it (A、B,C出席)."""
    run = [people[count - 1]]
    for index in range(count - 2, -1, -1):
        person = people[index]
        gap = text[person.end : run[-1].start]
        if not _joins_list(gap):
            break
        if person.name != run[-1].name:
            run.append(person)
    run.reverse()
    return run


def _joins_list(gap: str) -> bool:
    """Separators and posts only: no verb, no clause end, no possessive but the body of the next name."""
    if _BODY_OF_NEXT_NAME.match(gap) and not role_verbs(gap, 0, len(gap)):
        return True  # A公司的王志伟、B公司的林雅婷: each name with the body it comes from
    if len(gap) > _MAX_LIST_GAP or "的" in gap:
        return False
    if any(char in "。;；:：!！?？\n" for char in gap):
        return False
    if _LIST_GAP.match(gap):
        return True
    if not _LIST_JOIN.search(gap[:3]):
        return False
    return not role_verbs(gap, 0, len(gap))
