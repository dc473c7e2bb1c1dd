"""The dictionaries behind the default entity backend, loaded once per process.

Everything here comes from the data files under ``qextract/data/entities/``:
surnames and name-character statistics, the post lexicon, the organisation
grammar, the gazetteer of administrative divisions, context words and the
credit-line vocabulary. The compiled patterns are module-level singletons
(:func:`lexicon`), so no document rebuilds a table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional

from qextract.data import load_json, load_lines
from qextract.entities.automaton import PhraseFinder, WordIndex

_DIR = "entities/"
SURNAME_ODDS_FLOOR = -3.0
SURNAME_ODDS_CAP = 4.0
# (rank limit, bonus): the surname list is ordered by frequency for its first few hundred entries.
SURNAME_RANK_BONUS = ((100, 1.0), (300, 0.0))
RARE_SURNAME = -2.0
# A listed surname that the name counts never saw as one and whose character running text almost never
# holds (仉, 笪, 郜: fewer than this many in the background counts) is scored by its pseudo-count odds with
# no rarity penalty: where it appears, a name is the likeliest reading.
RARE_CHARACTER_BACKGROUND = 100
# The rank a regional surname (regional_surnames.txt) is scored at: no bonus, no rarity penalty.
REGIONAL_SURNAME_RANK = SURNAME_RANK_BONUS[-1][0]


def _rank_bonus(rank: Optional[int]) -> float:
    if rank is None:
        return RARE_SURNAME
    for limit, bonus in SURNAME_RANK_BONUS:
        if rank <= limit:
            return bonus
    return RARE_SURNAME


@dataclass(frozen=True)
class Division:
    """One administrative division of the gazetteer."""

    name: str
    short: str
    level: str  # province | prefecture | county
    adcode: str
    parent: str
    current: bool
    short_ambiguous: bool


@dataclass(frozen=True)
class NameChar:
    surname: int
    first: int
    last: int
    single: int
    background: int
    given_any: int = 0  # given-name character count in a large name list (any slot)


@dataclass
class Lexicon:
    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    name_chars: dict[str, NameChar]
    name_totals: NameChar
    posts: dict[str, str]  # post as written -> category
    official_categories: frozenset[str]
    institution_posts: frozenset[str]  # occupations that are posts of the institution written before them
    named_body_posts: frozenset[str]  # occupations that are posts of any named body written before them
    leadership_member_posts: frozenset[str]  # 党组成员, 纪检组长: posts only inside one body's leadership
    teams_without_leadership: tuple[str, ...]  # 指导组: a team with a head but no leadership of its own
    company_suffixes: tuple[str, ...]  # the endings of firms' names (公司, 厂, 商店, 店), from bodies.json
    judicial_posts: dict[str, str]  # 法官 -> 法院: occupations that are posts of a body holding that word
    assembly_member_posts: frozenset[str]  # occupations that are seats in the assembly written before them
    assembly_body_endings: tuple[str, ...]
    generic_posts: frozenset[str]
    degrees: frozenset[str]  # 博士: after a name an honour, no post
    group_markers: tuple[str, ...]
    appointment_verbs: tuple[str, ...]  # 任命A为…: the person before the post
    removal_verbs: tuple[str, ...]  # 免去A的…职务
    posts_of_any_body: frozenset[str]  # 工会主席: a post in a bureau as much as in a firm
    status_prefixes: tuple[str, ...]
    rank_prefixes: tuple[str, ...]
    division_finder: PhraseFinder
    divisions: dict[str, Division]  # full or short name -> division
    level_words: tuple[str, ...]
    zone_name_openers: frozenset[str]  # 中国(上海)自由贸易试验区
    fused_bodies: frozenset[str]
    non_bodies: frozenset[str]
    doubled_unit_chars: frozenset[str]
    department_units: tuple[str, ...]
    department_only_units: tuple[str, ...]  # 处, 科: never a body of their own
    bureau_department_bodies: tuple[str, ...]  # 总局|质量发展局
    vague_department_openers: tuple[str, ...]
    self_named_unit_stops: frozenset[str]
    trade_name_endings: tuple[str, ...]
    self_named_units: frozenset[str]  # 司|司长, 支队|支队长
    department_rank_posts: frozenset[str]  # 处|四级调研员: a rank held inside a department
    unit_ranks: dict[str, int]  # 司 0, 处 1, 科 2: lower is higher
    own_body_units: frozenset[str]  # a body's staff call it by this unit alone (局党组成员)
    village_units: tuple[str, ...]  # 村, 社区: a village named before its officials' posts
    village_name_stops: tuple[str, ...]  # 农村, 各村: 村 after these is no village's name
    stationed_teams: list[str]  # 工作队: a team a body stations in a village (县市场监管局驻X村工作队)
    branch_units: frozenset[str]  # 分中心, 分院: a branch named by its place after its parent body
    place_subject_verbs: list[str]  # 堌阳镇召开…: the event verbs a town or village is the subject of
    bare_jurisdictions: tuple[str, ...]  # 自治区|副主席
    after_name: frozenset[str]
    acting_followers: frozenset[str]  # after_name words saying what the person did (主持, 作)
    before_name: frozenset[str]
    not_names: frozenset[str]
    byline_before: dict[str, str]
    byline_office_endings: tuple[str, ...]
    byline_after: dict[str, str]
    byline_datelines: tuple[str, ...]
    byline_media_endings: tuple[str, ...]
    programme_words: tuple[str, ...]
    words: WordIndex  # every dictionary word with its roles, for one-pass scanning
    common_words: dict[str, str] = field(default_factory=dict)  # word opening with a surname -> place/body/word
    foreign_names: dict[str, int] = field(default_factory=dict)  # transliterated name part -> count
    honorifics: frozenset[str] = frozenset()
    surname_initials: frozenset[str] = frozenset()  # first characters of all surnames, for a quick skip
    clan_names: frozenset[str] = frozenset()  # Yi family names opening four-character names (clan_names.txt)
    honorific_sizes: tuple[int, ...] = ()
    occupation_modifiers: frozenset[str] = frozenset()  # words written onto an occupation (高级, 法律)
    surname_rank: dict[str, int] = field(default_factory=dict)  # single surname -> rank by frequency (1 = 王)
    _given_cache: dict[tuple[str, str], float] = field(default_factory=dict)
    _surname_cache: dict[str, float] = field(default_factory=dict)

    # -- names ---------------------------------------------------------------

    def surname_at(self, text: str, start: int) -> Optional[str]:
        """The surname opening ``text`` at ``start``; compound surnames win."""
        pair = text[start : start + 2]
        if pair in self.compound_surnames:
            return pair
        if text[start : start + 1] in self.surnames:
            return text[start]
        return None

    def given_score(self, char: str, slot: str) -> float:
        """Log-odds that ``char`` sits in a given name at ``slot`` (first/last/single)."""
        key = (char, slot)
        cached = self._given_cache.get(key)
        if cached is not None:
            return cached
        stats = self.name_chars.get(char)
        totals = self.name_totals
        if stats is None:
            score = -6.0
        else:
            count = {"first": stats.first, "last": stats.last, "single": stats.single}[slot]
            total = {"first": totals.first, "last": totals.last, "single": totals.single}[slot]
            score = math.log((count + 0.1) / total) - math.log((stats.background + 50) / totals.background)
        self._given_cache[key] = score
        return score

    def given_any_score(self, char: str) -> float:
        """Log-odds that ``char`` is a given-name character, whatever its slot."""
        key = (char, "any")
        cached = self._given_cache.get(key)
        if cached is not None:
            return cached
        stats = self.name_chars.get(char)
        totals = self.name_totals
        if stats is None or stats.given_any == 0:
            score = -6.0
        else:
            score = math.log((stats.given_any + 0.5) / totals.given_any) - math.log(
                (stats.background + 50) / totals.background
            )
        self._given_cache[key] = score
        return score

    def surname_score(self, surname: str) -> float:
        """Log-odds of a surname reading, clipped, plus a bonus for the common surnames.

        The counts behind the log-odds are noisy for rare characters (玉, 匡), so
        the frequency rank of the surname list weighs in: the hundred most
        common surnames cover most of the population.
        """
        cached = self._surname_cache.get(surname)
        if cached is not None:
            return cached
        if len(surname) == 2:
            score = 1.0
        else:
            stats = self.name_chars.get(surname)
            # the name counts never saw it as a surname, but running text hardly holds it either
            rare_in_text = stats is not None and stats.surname == 0 and stats.background < RARE_CHARACTER_BACKGROUND
            if stats is None or (stats.surname == 0 and not rare_in_text):
                odds = -3.0
            else:
                odds = math.log((stats.surname + 0.5) / self.name_totals.surname) - math.log(
                    (stats.background + 50) / self.name_totals.background
                )
            rank = REGIONAL_SURNAME_RANK if rare_in_text else self.surname_rank.get(surname)
            score = min(max(odds, SURNAME_ODDS_FLOOR), SURNAME_ODDS_CAP) + _rank_bonus(rank)
        self._surname_cache[surname] = score
        return score

    # -- posts and places ----------------------------------------------------

    def post_category(self, post: str) -> Optional[str]:
        """Category of a post as written, with status prefixes (原, 代) stripped."""
        for prefixes in (self.status_prefixes, self.rank_prefixes):
            category = self.posts.get(post)
            if category is not None:
                return category
            for prefix in prefixes:
                if post.startswith(prefix):
                    post = post[len(prefix) :]
                    break
        return self.posts.get(post)

    def division(self, name: str) -> Optional[Division]:
        return self.divisions.get(name)


def _rows(relative: str) -> list[list[str]]:
    return [line.split("\t") for line in load_lines(_DIR + relative)]


def _load_divisions() -> dict[str, Division]:
    found: dict[str, Division] = {}
    for row in _rows("divisions.tsv"):
        adcode, name, short, level, parent, status, ambiguous = (
            "" if value == "-" else value for value in (row + [""] * 7)[:7]
        )
        division = Division(name, short, level, adcode, parent, status == "current", ambiguous == "1")
        # Current names beat former ones; higher levels beat counties for a shared short form.
        for key in (name, short):
            if not key:
                continue
            known = found.get(key)
            if known is None or _division_rank(division) < _division_rank(known):
                found[key] = division
    return found


def _division_rank(division: Division) -> tuple[int, int]:
    return (0 if division.current else 1, ("province", "prefecture", "county").index(division.level))


def _load_name_chars() -> tuple[dict[str, NameChar], NameChar]:
    chars: dict[str, NameChar] = {}
    totals = [0, 0, 0, 0, 0, 0]
    for row in _rows("name_chars.tsv"):
        values = [int(value) for value in row[1:7]]
        chars[row[0]] = NameChar(*values)
        totals = [total + value for total, value in zip(totals, values)]
    return chars, NameChar(*(max(total, 1) for total in totals))


def _load_common_words() -> dict[str, str]:
    return {row[0]: row[1] for row in _rows("common_words.tsv") if len(row) >= 2}


def _load_foreign_names() -> dict[str, int]:
    return {row[0]: int(row[1]) for row in _rows("foreign_names.tsv") if len(row) >= 2}


def _post_table(data: dict) -> dict[str, str]:
    """Every post form the lexicon lists, mapped to its category.

    Heads are expanded with 副 and the body qualifiers (党组书记, 党委副书记);
    status and rank prefixes are left to the pattern.
    """
    posts: dict[str, str] = {}
    head_category = {head: category for category, heads in data["categories_of_heads"].items() for head in heads}
    for heads in data["heads"].values():
        for head in heads:
            category = head_category.get(head, "gov")
            for form in (head, "副" + head):
                posts.setdefault(form, category)
                for qualifier in data["qualifiers"]:
                    posts.setdefault(qualifier + form, category)
    for category, fixed in data["fixed"].items():
        for post in fixed:
            posts.setdefault(post, category)
    for number in data["grades"]["numbers"]:
        for head in data["grades"]["heads"]:
            posts.setdefault(number + head, "gov")
    for occupation in data["occupations"]:
        posts.setdefault(occupation, "occupation")
    return posts


def _trusted_places(divisions: dict[str, Division]) -> list[str]:
    return [
        key
        for key, division in divisions.items()
        if len(key) >= 2 and (key == division.name or not division.short_ambiguous)
    ]


def _division_finder(divisions: dict[str, Division]) -> PhraseFinder:
    return PhraseFinder(_trusted_places(divisions))


def _word_index(posts_data: dict, posts: dict[str, str], bodies: dict, divisions: dict[str, Division]) -> WordIndex:
    prefixes = posts_data["variant_prefixes"]
    free = {suffix for kind in ("association", "institution", "company") for suffix in bodies["suffixes"][kind]}
    words: list[tuple[str, str]] = [(post, "post") for post in posts]
    words += [(word, "status") for word in prefixes["status"]]
    words += [(word, "rank") for word in prefixes["rank"]]
    words += [(place, "place") for place in _trusted_places(divisions)]
    words += [(level, "level") for level in bodies["levels"]]
    words += [(stem, "stem") for stem in bodies["stems"]]
    words += [(fused, "fused") for fused in bodies["fused"]]
    for suffixes in bodies["suffixes"].values():
        words += [(suffix, "free_suffix" if suffix in free else "suffix") for suffix in suffixes]
    return WordIndex(words)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The process-wide lexicon (built on first use, about a second)."""
    posts_data = load_json(_DIR + "posts.json")
    bodies = load_json(_DIR + "bodies.json")
    context = load_json(_DIR + "context.json")
    bylines = load_json(_DIR + "bylines.json")
    surnames = [line for line in load_lines(_DIR + "surnames.txt")]
    regional = [line for line in load_lines(_DIR + "regional_surnames.txt") if line not in surnames]
    clans = list(load_lines(_DIR + "clan_names.txt"))
    name_chars, totals = _load_name_chars()
    divisions = _load_divisions()
    posts = _post_table(posts_data)
    return Lexicon(
        surnames=frozenset(s for s in surnames + regional if len(s) == 1),
        surname_rank={
            **{s: rank for rank, s in enumerate((s for s in surnames if len(s) == 1), start=1)},
            **{s: REGIONAL_SURNAME_RANK for s in regional},
        },
        compound_surnames=frozenset(s for s in surnames if len(s) == 2),
        name_chars=name_chars,
        name_totals=totals,
        posts=posts,
        official_categories=frozenset(posts_data["official_categories"]),
        institution_posts=frozenset(posts_data["institution_posts"]),
        named_body_posts=frozenset(posts_data["named_body_posts"]),
        leadership_member_posts=frozenset(posts_data["leadership_member_posts"]),
        teams_without_leadership=tuple(posts_data["teams_without_leadership"]),
        company_suffixes=tuple(bodies["suffixes"]["company"]),
        judicial_posts=dict(posts_data["judicial_posts"]),
        assembly_member_posts=frozenset(posts_data["assembly_member_posts"]),
        assembly_body_endings=tuple(posts_data["assembly_body_endings"]),
        generic_posts=frozenset(posts_data["generic_posts"]),
        degrees=frozenset(posts_data["degrees"]),
        group_markers=tuple(posts_data["group_markers"]),
        appointment_verbs=tuple(posts_data["appointment_verbs"]),
        removal_verbs=tuple(posts_data["removal_verbs"]),
        posts_of_any_body=frozenset(posts_data["posts_of_any_body"]),
        status_prefixes=tuple(posts_data["variant_prefixes"]["status"]),
        rank_prefixes=tuple(posts_data["variant_prefixes"]["rank"]),
        division_finder=_division_finder(divisions),
        divisions=divisions,
        level_words=tuple(bodies["levels"]),
        zone_name_openers=frozenset(bodies["zone_name_openers"]),
        fused_bodies=frozenset(bodies["fused"]),
        non_bodies=frozenset(bodies["non_bodies"]),
        doubled_unit_chars=frozenset(bodies.get("doubled_unit_chars", ())),
        department_units=tuple(bodies["department_units"]),
        department_only_units=tuple(bodies["department_only_units"]),
        bureau_department_bodies=tuple(bodies["bureau_department_bodies"]),
        vague_department_openers=tuple(bodies["vague_department_openers"]),
        self_named_unit_stops=frozenset(bodies["self_named_unit_stops"]),
        trade_name_endings=tuple(bodies["trade_name_endings"]),
        self_named_units=frozenset(bodies["self_named_units"]),
        department_rank_posts=frozenset(bodies["department_rank_posts"]),
        unit_ranks={unit: rank for rank, units in enumerate(bodies["unit_ranks"]) for unit in units},
        own_body_units=frozenset(bodies["own_body_units"]),
        village_units=tuple(bodies["village_units"]),
        village_name_stops=tuple(bodies["village_name_stops"]),
        place_subject_verbs=list(bodies["place_subject_verbs"]),
        stationed_teams=list(bodies["stationed_teams"]),
        branch_units=frozenset(bodies["branch_units"]),
        bare_jurisdictions=tuple(bodies["bare_jurisdictions"]),
        after_name=frozenset(context["after_name"]),
        acting_followers=frozenset(context["acting_followers"]),
        before_name=frozenset(context["before_name"]),
        not_names=frozenset(context["not_names"]),
        byline_before=dict(bylines["before_names"]),
        byline_office_endings=tuple(bylines["office_endings"]),
        byline_after=dict(bylines["after_names"]),
        byline_datelines=tuple(bylines["datelines"]),
        # the media a dateline names (某某日报讯) are those a reporter is credited with (某某日报记者)
        byline_media_endings=tuple(load_json("header/header.json")["dateline_body_words"]),
        programme_words=tuple(load_lines(_DIR + "programme_words.txt")),
        words=_word_index(posts_data, posts, bodies, divisions),
        common_words=_load_common_words(),
        foreign_names=_load_foreign_names(),
        honorifics=frozenset(context["honorifics"]),
        surname_initials=frozenset(s[0] for s in surnames + regional + clans),
        clan_names=frozenset(clans),
        honorific_sizes=tuple(sorted({len(word) for word in context["honorifics"]})),
        occupation_modifiers=frozenset(posts_data["occupation_modifiers"]),
    )


def user_dictionary_words() -> list[tuple[str, str]]:
    """(word, POS) pairs the tokeniser must keep whole: posts, bodies, places, programmes."""
    lex = lexicon()
    bodies = load_json(_DIR + "bodies.json")
    words: dict[str, str] = {}
    for post, category in lex.posts.items():
        if len(post) >= 2:
            words.setdefault(post, "nnt")
    for fused in bodies["fused"]:
        words.setdefault(fused, "nt")
    for stem in bodies["stems"]:
        for suffix in ("局", "厅", "委", "委员会", "协会", "研究院", "总局"):
            if len(stem) >= 2:
                words.setdefault(stem + suffix, "nt")
    for suffix_list in bodies["suffixes"].values():
        for suffix in suffix_list:
            if len(suffix) >= 2:
                words.setdefault(suffix, "n")
    for key, division in lex.divisions.items():
        # County short forms stay out: too many are also the start of a
        # personal name (王益 in 王益群), and jieba would glue them.
        if len(key) >= 2 and (key == division.name or division.level != "county"):
            words.setdefault(key, "ns")
    for word in lex.programme_words:
        words.setdefault(word, "nz")
    for word in load_lines(_DIR + "zone_words.txt"):
        words.setdefault(word, "n")
    return sorted(words.items())


# jieba tags of dictionary words that may be split (nouns, names, a few verbs);
# idioms and set phrases (一无所长) stay whole.
_SPLITTABLE_TAGS = frozenset({"n", "nr", "nrfg", "nrt", "ns", "nt", "nz", "j", "v", "vn", "b", "z"})
_MAX_GLUED_PREFIX = 4


def glued_post_words(vocabulary: Iterable[tuple[str, str]]) -> list[str]:
    """Words of a tokeniser's dictionary that glue something onto a post.

    jieba lists 协会会长, 处处长, 本报记者 and 黄教授 as single words, so a
    post inside them never starts on a word boundary. Splitting them lets the
    body, the name or the credit in front stand on its own.
    """
    posts = {post for post in lexicon().posts if len(post) >= 2}
    glued = []
    for word, tag in vocabulary:
        if word in posts or tag not in _SPLITTABLE_TAGS:
            continue
        for size in range(2, len(word)):
            if len(word) - size <= _MAX_GLUED_PREFIX and word[-size:] in posts:
                glued.append(word)
                break
    return glued