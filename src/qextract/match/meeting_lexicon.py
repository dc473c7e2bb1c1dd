"""Word lists and compiled patterns of the meetings matcher, built once.

Everything language-specific lives in ``data/meetings/`` (``kinds.tsv`` and
``lexicon.json``); this module only turns the lists into regexes. Every
pattern is bounded ({m,n} repetitions, literal alternations compiled to a
trie by ``regex``'s ``\\L<...>``), so matching stays linear.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex

from qextract.data import load_json, load_lines

# Clause punctuation: a name, a place or a subject never runs across it.
CLAUSE_PUNCT = ",，。;；:：!！?？\n"
SENTENCE_PUNCT = "。;；!！?？\n"
NO_CLAUSE_PUNCT = "[^%s]" % CLAUSE_PUNCT  # one character that no clause mark is
MAX_NAME = 60


@dataclass(frozen=True)
class EventWord:
    suffix: str
    kind: str
    weight: str  # "event", "weak" or "session"


def _load_event_words() -> dict[str, EventWord]:
    words: dict[str, EventWord] = {}
    for line in load_lines("meetings/kinds.tsv"):
        suffix, kind, weight = (cell.strip() for cell in line.split("\t"))
        words[suffix] = EventWord(suffix, kind, weight)
    return words


LEX: dict[str, Any] = load_json("meetings/lexicon.json")
EVENT_WORDS: dict[str, EventWord] = _load_event_words()
_SUFFIX_LENGTHS = sorted({len(suffix) for suffix in EVENT_WORDS}, reverse=True)


def words(key: str) -> list[str]:
    return list(LEX[key])


def event_word_at_end(name: str) -> EventWord | None:
    """The longest event word that ends ``name``."""
    for length in _SUFFIX_LENGTHS:
        word = EVENT_WORDS.get(name[-length:])
        if word is not None:
            return word
    return None


def _lists(**named: list[str]) -> dict[str, list[str]]:
    return {key: sorted(value, key=len, reverse=True) for key, value in named.items()}


_L = _lists(
    kinds=list(EVENT_WORDS),
    terms=words("name_terminators"),
    convene=words("convening_verbs"),
    attend=words("attending_verbs"),
    adverbs=words("verb_adverbs"),
    times=words("time_words"),
    visits=words("visit_verbs"),
    visit_adv=words("visit_adverbs"),
    direction=words("visit_direction_words"),
    meet=words("meet_verbs"),
    blockers=words("visit_blockers"),
    frames=words("event_frame_words"),
    markers=words("name_prefix_markers"),
    tails=words("reference_tails"),
    units=words("count_units"),
    chair=words("chair_verbs"),
    chair_heads=words("chair_appointment_heads"),
    chair_posts=words("chair_appointment_posts"),
    speak=words("speaker_verbs"),
    attendv=words("attendee_verbs"),
    heads=words("speaker_heads"),
    stails=words("speaker_tails"),
    notbefore=words("role_verb_not_before"),
    determiners=words("generic_determiners"),
    future=words("future_cues"),
    follow_on=words("follow_on_cues"),
    joined_attendance=words("joined_attendance"),
    heard=words("heard_verbs"),
    reports=words("heard_reports"),
    summary=words("summary_cues"),
    reference=words("reference_cues"),
    groups=words("group_subjects"),
    venue_stop=words("venue_stopwords"),
    not_verb=words("convening_verb_not_before"),
    never_in_name=words("words_never_in_a_name"),
    modal=words("modal_cues"),
    modal_adv=words("modal_adverbs"),
    manner=words("manner_words"),
    place_cut=words("place_cut_words"),
    speech=words("speech_before_verb"),
    arrival=words("arrival_words"),
    tour_adverbs=words("tour_adverbs"),
    determiners_of_place=words("place_determiners"),
    place_counts=words("place_count_nouns"),
    self_places=words("self_places"),
    main_venue=words("main_venue_words"),
    leading=words("leading_words"),
    leading_with_object=words("leading_words_with_object"),
    openers=words("attendance_list_openers"),
    jurisdictions=words("jurisdiction_prefixes"),
    parts_of_day=words("time_of_day_words"),
    elided=words("elided_subject_words"),
    meet_not_before=words("meet_not_before"),
    connectives=words("clause_connectives"),
    carriers=words("visit_carriers"),
    openers_follow=words("place_openers_follow"),
    escort=words("escort_verbs"),
    public=words("public_visitors"),
)

def _compile(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern, ignore_unused=True, **_L)


# What may follow the last event word of a name.
_TERMINATOR = r"(?=[,，。;；:：!！?？、()（）\s\d]|$|(?:\L<terms>))"

# "召开/举行…": the name to the right of a verb, ending at the first event
# word that a terminator follows (so 大会暨…宣贯会 runs on past 大会); never
# on the next line (a headline ending in 召开 is followed by the dateline).
RIGHT_NAME = _compile(
    r"了?[^\S\n]{0,2}(?P<name>%s{0,%d}?(?:\L<kinds>))%s" % (NO_CLAUSE_PUNCT, MAX_NAME, _TERMINATOR))
CONVENING_VERB = _compile(r"(?:\L<convene>)(?!\L<not_verb>)")
NEVER_IN_NAME = _compile(r"\L<never_in_name>")
ATTENDING_VERB = _compile(r"(?:\L<attend>)")

# "在Y(主持)(隆重)召开": the venue right before a convening verb; searched with
# endpos at the verb, so "$" anchors it there.
VENUE_BEFORE = _compile(r"在(?P<place>[^在,，。;；:：!！?？\n\s]{1,25}?)(?:\L<chair>)?(?:\L<adverbs>){0,2}$")
ADVERBS_BEFORE = _compile(r"(?:\L<adverbs>){1,2}$")

# "在(今年5月27日)X上" / "在出席X上".
AT_EVENT = _compile(
    r"在(?P<attend>(?:\L<attend>)了?)?(?P<name>%s{1,%d}?(?:\L<kinds>))(?:上|期间)" % (NO_CLAUSE_PUNCT, MAX_NAME))

# Left-hand name segments: the end must be an event word.
ENDS_WITH_EVENT = _compile(r"(?:\L<kinds>)$")
TRAILING_FILLER = _compile(
    r"(?:\s|于|在|,|，|(?:\L<times>)|(?:\L<adverbs>)|以[^在,，。;；\n]{1,12}?(?:\L<manner>)){1,8}$"
)
LEADING_FILLER = _compile(r"(?:\s|了|于|在|,|，|(?:\L<times>)|(?:\L<joined_attendance>)){1,6}")
PREFIX_MARKER = _compile(r"(?:\L<markers>)的")
SEGMENT_BREAK = _compile(r"[,，。;；:：!！?？\n\s—|｜【】]")

_PLACE_CHAR = r"[^,，。;；:：!！?？、\n\s]"
# 到/赴/来 as "go to"; not the 到 of 得到/达到 nor the 来 of 以来/年来.
_DIRECTION = (
    # 来到 before 来: alternatives are tried in order, and 来|到新疆 would keep 到 in the place.
    r"(?:(?<![年以后起本原未从将出进回带过])来到|(?<![达得受看找做收遇提感用想说直等听见办])到|赴|(?<![年以后起本原未从将出进回带过])来|前往|深入|走进)"
)
# Visits. "到/赴Y(现场)调研", "在Y考察", "(现场)考察了X", "陪同考察", "会见".
# What follows the place of a visit: (开展|进行)(专题)(现场)调研, not 检查组/检查结果.
_VISIT_AFTER_PLACE = r"(?:开展|进行)?(?:专题)?(?P<adv>\L<visit_adv>)?(?P<verb>\L<visits>)(?!\L<blockers>)"
VISIT_TO = _compile(_DIRECTION + r"(?P<place>%s{1,20}?)" % _PLACE_CHAR + _VISIT_AFTER_PLACE)
# 先后到A、B调研: the visit went to each place of a list. 、 is no part of an item, so the items split
# one way only; not after 分 (分赴A、B等地: teams going separately), nor the 到 of 到位.
VISIT_TO_LIST = _compile(
    r"(?<!分)" + _DIRECTION + r"(?!位)(?P<place>%s{2,40}?(?:、%s{2,40}?){1,7})" % (_PLACE_CHAR, _PLACE_CHAR)
    + _VISIT_AFTER_PLACE)
VISIT_CARRIED = _compile(r"(?P<carrier>\L<carriers>)[^,，。;；:：!！?？\n]{0,20}?(?P<verb>\L<visits>)(?!\L<blockers>)")
# 赴柳州市、来宾市,就…开展调研: one place or a list of them. Not after 分 (分赴A、B等地:
# teams going separately, so no one of those places is where the event was).
_PLACE_ITEM = _PLACE_CHAR + r"{1,15}?"
PLACE_BEFORE_VISIT = _compile(
    r"(?<!分)" + _DIRECTION + r"(?P<place>%s(?:、%s){0,7})(?=[,，]|\L<openers_follow>)" % (_PLACE_ITEM, _PLACE_ITEM)
)
# 在X陪同下考察了Y: what 在 opens there is the escort, not the place, so the place holds no escort verb.
VISIT_AT = _compile(
    r"在(?P<place>(?:(?!\L<escort>)[^在,，。;；:：!！?？、\n\s]){1,20}?)(?P<adv>\L<visit_adv>)?"
    r"(?P<verb>调研|考察|视察|检查|督导)(?!\L<blockers>)")
VISIT_DONE = _compile(
    r"(?P<adv>\L<visit_adv>)?(?P<verb>\L<visits>)了(?P<object>%s{2,40})" % NO_CLAUSE_PUNCT)
VISIT_ON_SITE = _compile(
    r"(?P<adv>\L<visit_adv>)(?P<verb>\L<visits>)(?!了|\L<blockers>)(?P<object>%s{2,30})" % NO_CLAUSE_PUNCT)
ANY_VISIT_WORD = _compile(r"\L<visits>|\L<meet>")
VISIT_ACCOMPANIED = _compile(r"陪同(?P<verb>\L<visits>)")
# 带领部分县人大代表,视察…: 带领 and 率领 may name whom they lead before the visit verb.
VISIT_LED = _compile(
    r"(?:\L<leading>|(?:\L<leading_with_object>)[^,，。;；:：!！?？\n]{1,12}?)[,，]?(?:深入|到)?(?P<verb>\L<visits>)(?!\L<blockers>)"
)
ARRIVAL = _compile(r"(?:\L<arrival>)(?P<place>[^,，。;；:：!！?？\n\s]{2,40})")
# 先后检查了A、B和C: what a visit verb after 先后 names is where the visit went.
TOUR_OBJECT = _compile(r"(?:\L<tour_adverbs>)(?:\L<visits>)了?(?P<place>%s{2,40})" % NO_CLAUSE_PUNCT)
# 先后检查了辖区A、B: the visitors' own area named before the places.
PLACE_DETERMINER = _compile(r"^(?:\L<determiners_of_place>)")
# 到大庆、齐齐哈尔两市调研: a count closing a list of places.
PLACE_COUNT_TAIL = _compile(r"(?<=\p{Han})[两二三四五六七八九十]{1,2}(?:\L<place_counts>)$")
PLACE_LIST_JOINERS = tuple(words("place_list_joiners"))
# 到我镇调研: a pronoun for the writer's own jurisdiction, no place of its own.
SELF_PLACE = _compile(r"(?:\L<self_places>)")
# 局长X带队,|先后检查了…: a clause ending with a leading word, before the tour it leads.
LED_CLAUSE_END = _compile(r"(?:\L<leading>)[,，]$")
MAIN_VENUE = _compile(
    r"(?:\L<main_venue>)(?:设在|设于|位于)(?P<place>%s)(?=[,，。;；]|$)|在(?P<place>%s)设(?:立)?(?:\L<main_venue>)"
    % (_PLACE_ITEM, _PLACE_ITEM))
PLACE_CUT = _compile(r"\L<place_cut>")
MEET_VENUE = regex.compile(r"在(?P<place>[^在,，。;；:：!！?？、\n\s]{1,15}?)$")
MEET = _compile(r"(?P<verb>\L<meet>)(?!\L<meet_not_before>)了?")
CONNECTIVE_OPENING = _compile(r"\s{0,1}(?:\L<connectives>)")
OBJECT_TAIL = _compile(r"(?:等(?:[\p{Han}]{0,4}))$|(?:的[\p{Han}]{0,6})$")

# "在无锡期间" (a stay) and "会议期间" / "会后" (an event under way).
PLACE_FRAME = regex.compile(r"在(?P<place>[^在,，。;；:：!！?？、\n\s]{1,15}?)期间")
EVENT_FRAME = _compile(r"(?:\L<frames>)|(?:\L<kinds>)(?:期间|结束后)")

# Cues around a mention (see lexicon.json for what each list means).
FUTURE_CUE = _compile(r"\L<future>")
FOLLOW_ON_CUE = _compile(r"\L<follow_on>")
MODAL_BEFORE_VERB = _compile(r"(?:\L<modal>)(?:\L<modal_adv>){0,2}$")
SPIRIT_AFTER = regex.compile(r"上?的[^,，。;；\n]{0,8}精神")
SUMMARY_CUE = _compile(r"\L<summary>")
REFERENCE_CUE = _compile(r"\L<reference>")
GROUP_SUBJECT = _compile(r"\L<groups>")
# 邀请市民代表走进实验室参观: the public visiting, between the clause's opening and the visit verb
PUBLIC_VISIT = _compile(r"(?:\L<public>)[^,，。;；:：!！?？\n]*$")
REFERENCE_TAIL = _compile(r"\s{0,2}(?:的)?(?:\L<tails>)")
COUNT_TAIL = _compile(r"\s{0,2}(?:共|计)?[\d一二两三四五六七八九十百几多]{1,4}(?:\L<units>)")
COUNT_HEAD = _compile(r"(?:各类|各种)?[\d一二两三四五六七八九十百几多]{1,4}(?:\L<units>)")
SPEECH_BEFORE = _compile(r"(?:\L<speech>)[,，:：]")

# Role verbs. 作/做…汇报 spans up to 40 characters of report subject; 担任…主持人
# up to 8 characters naming the event (担任听证会主持人).
ROLE_VERB = _compile(
    r"(?P<speak2>(?<![%s])(?:\L<heads>)(?![%s])[^,，。;；:：!！?？\n]{0,40}?(?:\L<stails>))"
    % (LEX["speaker_head_not_after"], LEX["speaker_head_not_before"]) +
    r"|(?P<chair>(?:\L<chair_heads>)[^,，。;；:：!！?？\n]{0,8}?(?:\L<chair_posts>))"
    r"|(?P<chair>\L<chair>)|(?P<speak>\L<speak>)|(?P<attend>\L<attendv>)")
ROLE_NOT_BEFORE = _compile(r"(?:\L<notbefore>)")
# 听取了A、B(关于…)的工作汇报: the persons in <givers> reported. The givers run to the first 的 or 关于,
# so only the report's topic is searched with backtracking: one match reads at most ~220 characters.
# 听取了园区运营情况介绍: a heard report whose givers go unnamed, with no 的 before the report.
HEARD_REPORT = _compile(
    r"(?:\L<heard>)(?:(?P<givers>(?:[^。;；!！?？\n的关]|关(?!于)){2,120})"
    r"(?:关于[^。;；!！?？\n]{0,80}?)?的[^,，。;；!！?？\n]{0,10}?(?:\L<reports>)"
    r"|[^,，。;；!！?？\n的]{0,30}?(?:\L<reports>))")
GENERIC_NAME = _compile(r"^(?:\L<determiners>)?(?:\L<kinds>)$")

# 全县, 我市…: the jurisdiction word that may open an event's name
JURISDICTION_PREFIX = _compile(r"\L<jurisdictions>")
# Jurisdiction and year words that two mentions of one event may differ by.
# 人民政府 and 政府 name the same body in event names. The count of a day of observance
# that a name opens with tells the day, not the event (第50个|世界标准日…座谈会 is the body's
# 10·14世界标准日…座谈会). A headline may leave out the title of the document an event is about
# (重点提案办理协商座谈会 for 重点提案《关于…的提案》办理协商座谈会).
_DOCUMENT_TITLE = r"《[^《》\n]{1,80}》"  # also what the mentions skip (TITLE_BRACKETS)
NAME_NOISE = _compile(
    r"^(?:\L<jurisdictions>)|^\d{4}年度?|^第[\d一二三四五六七八九十百]{1,4}个"
    r"|[“”\"'‘’\s]|[(（][^()（）]{0,16}[)）]|" + _DOCUMENT_TITLE + r"|人民(?=政府)"
)

# A day (or day range) value as the dates stage writes it.
DAY_EXPRESSION = regex.compile(
    r"(?<![\d.．])(?:(?:\d{4}年)?\d{1,2}月\d{1,2}[日号]|\d{1,2}日)(?:[至到—–-]\d{1,2}[日号])?(?:%s)?"
    % "|".join(words("time_of_day_words"))
)
DAY_VALUE = regex.compile(r"^(?:\d{4}|-)-\d{2}-\d{2}$")
# 11月17日(星期三)上午: the weekday may stand between the day and the part of the day.
TIME_OF_DAY_AFTER = _compile(
    r"\s{0,1}(?:[(（]?(?:星期|周)[一二三四五六日天][)）]?\s{0,1})?(?P<tod>\L<parts_of_day>)"
)
TIME_OF_DAY_ALIASES: dict[str, str] = dict(LEX["time_of_day_aliases"])
ELIDED_SUBJECT = _compile(r"(?:[,，\s]|\L<elided>)*$")

# Related-link lists at the foot of a page: "- headline(2023-07-28)".
LINK_LINE = regex.compile(
    r"^\s{0,4}(?:[-·•]\s{0,2})?[^\n]{2,120}?[\s(（\[【]\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[)）\]】]?\s{0,4}$"
)
ATTENDANCE_LIST = _compile(r"\L<openers>")
TITLE_BRACKETS = regex.compile(_DOCUMENT_TITLE)
