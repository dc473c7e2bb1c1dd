"""Bylines: reporters, photographers and editors in credit lines (通讯员 counts as reporter).

Credit lines come as

    a parenthesis after the dateline   (周闯 罗亮 记者 王融国), (袁 睿 马文生)
    a short line of credits            罗亮 摄 / 记者 王融国 / 文/张三 图/李四
    role: name pairs in a longer line  责任编辑:李四  审核:王五

A credit region must read completely as role words and names (surname +
one to three characters, or a single-character name split by a space);
otherwise it is ordinary text. Role words before names credit the names
after them (记者 王融国); 摄 credits the names before it. Names in a credit
parenthesis without a role word are reporters. A ``?`` left by a garbled
separator is a separator. One record per (name, role).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator, Optional

import regex

from qextract.entities.dictionary import TOWN_UNITS, is_town_name
from qextract.entities.lexicon import lexicon
from qextract.entities.persons import is_minority_name, split_glued_names
from qextract.records import Byline

MAX_CREDIT_LINE = 40
DEFAULT_ROLE = "reporter"
# 审核:者永明, 校对:张雯: credited for checking the piece, which gives no byline
NO_BYLINE_ROLE = "none"

_SEPARATORS = r"\s、,，/|｜?？:：·•"
_RUN = regex.compile(rf"[^{_SEPARATORS}]+")
_DOTTED_PART = regex.compile(r"\p{Han}{1,8}")
_MAX_DOTTED_PARTS = 4
# 图为宣贯会现场。 雷 鸣 摄: a photo credit after the caption it credits, on the caption's line
_CAPTION_END = regex.compile(r".*(?:[。！？!?]|[ \u3000]{2,})")
_LINE = regex.compile(r"[^\n]+")
_PARENTHESIS = regex.compile(r"[(（]([^()（）\n]{2,40})[)）]")
_HAN_NAME = regex.compile(r"\p{Han}{1,4}")
_HAN_RUN = regex.compile(r"\p{Han}+")
_SINGLE_SPACE = regex.compile(r"[ \u3000]{1,2}")
_SENTENCE_ENDS = ("。", "！", "？", "!", "?", "”")
_CREDIT_MARGIN = 8  # blanks between a sentence's end and the credit that closes it
_LINE_ENDS_HERE = regex.compile(r"[ \t\u3000\r]*(?:\n|$)")


@dataclass
class _Credit:
    name: str
    role: Optional[str]
    start: int
    end: int


def find_bylines(ctx: Any) -> list[Byline]:
    """One :class:`Byline` per (name, role), in order of first credit."""
    seen: dict[tuple[str, str], Byline] = {}
    for credit in _credits(ctx.text):
        if ctx.is_masked(credit.start, credit.end):
            continue
        role = credit.role or DEFAULT_ROLE
        if role == NO_BYLINE_ROLE:
            continue
        key = (credit.name, role)
        if key not in seen:
            seen[key] = Byline(name=credit.name, role=role, span=ctx.span(credit.start, credit.end))
    return sorted(seen.values(), key=lambda byline: byline.span.start if byline.span else 0)


def _credits(text: str) -> Iterator[_Credit]:
    covered: list[tuple[int, int]] = []
    for match in _PARENTHESIS.finditer(text):
        credits = _parse(text, match.start(1), match.end(1))
        if credits and (_has_role(credits) or _after_dateline(text, match.start()) or _closes_paragraph(text, match.start(), match.end())):
            covered.append(match.span())
            yield from credits
    for match in _LINE.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in covered):
            continue
        start, end = _strip(text, match.start(), match.end())
        if end - start <= MAX_CREDIT_LINE:
            credits = _parse(text, start, end)
            if credits and _has_role(credits):
                yield from credits
                continue
            credits = _after_caption(text, start, end)
            if credits:
                yield from credits
                continue
        yield from _colon_pairs(text, start, end)


def _after_caption(text: str, start: int, end: int) -> Optional[list[_Credit]]:
    """``图为会议现场。 罗亮 摄``: credits after a caption's end, when a role word closes the line.

    A caption ends at its sentence's end or a wide blank; a short caption with no full stop
    (``演练现场 罗静怡 摄``) ends at the first blank after which the rest reads as a credit."""
    if not text[start:end].rstrip().endswith(tuple(lexicon().byline_after)):
        return None  # the credit word closes the line, or nothing here is a caption's credit
    caption = _CAPTION_END.match(text, start, end)
    ends = [caption.end()] if caption is not None else [blank.end() for blank in _SINGLE_SPACE.finditer(text, start, end)]
    for caption_end in ends:
        credit_start, _ = _strip(text, caption_end, end)
        credits = _parse(text, credit_start, end)
        if credits and credits[-1].role is not None and text[credits[-1].end : end].strip() in lexicon().byline_after:
            return credits
    return None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\u3000([（【":
        start += 1
    while end > start and text[end - 1] in " \t\u3000)]）】":
        end -= 1
    return start, end


def _has_role(credits: list[_Credit]) -> bool:
    return any(credit.role is not None for credit in credits)


def _after_dateline(text: str, parenthesis_start: int) -> bool:
    """The parenthesis follows a dateline (本报讯), or opens its line ((龚 瑜 段立成) 12月5日…)."""
    line_start = text.rfind("\n", 0, parenthesis_start) + 1
    if not text[line_start:parenthesis_start].strip():
        return True
    before = text[max(0, parenthesis_start - 3) : parenthesis_start].rstrip()
    return before.endswith(lexicon().byline_datelines)


def _closes_paragraph(text: str, parenthesis_start: int, parenthesis_end: int) -> bool:
    """…抓好落实。(袁峰 乔倩倩): the parenthesis ends a paragraph's last sentence, as papers credit a report."""
    # look only at the few characters around the parenthesis: a page holds many of them
    before = text[max(0, parenthesis_start - _CREDIT_MARGIN) : parenthesis_start].rstrip(" \t\u3000")
    return before.endswith(_SENTENCE_ENDS) and _LINE_ENDS_HERE.match(text, parenthesis_end) is not None


def _parse(text: str, start: int, end: int, role: Optional[str] = None) -> Optional[list[_Credit]]:
    """Credits of ``text[start:end]`` when every piece is a role word or a name, else None.

    ``role`` is the role of a role word written just before ``start`` (撰稿: in a longer line).
    """
    lex = lexicon()
    credits: list[_Credit] = []
    since_role = 0  # index of the first credit after the latest role word
    also: list[str] = []  # roles of slash-joined role words before the latest one
    runs = list(_RUN.finditer(text, start, end))
    index = 0
    while index < len(runs):
        run = runs[index]
        word = run.group()
        if word in lex.byline_before and _slashed_after_name(text, run, credits):
            # 张三/文 李四/图: a role word right after "name/" credits that name
            for credit in credits[since_role:]:
                credit.role = lex.byline_before[word]
            role, since_role = None, len(credits)
            index += 1
            continue
        closing_roles = _closing_role_pair(text, runs, index)
        if closing_roles and credits[since_role:]:
            # (通讯员 朱婷 文/摄): a slash-joined pair of role words closing the credit gives the names before it both
            for credit in credits[since_role:]:
                credit.role = closing_roles[0]
            credits.extend(_Credit(credit.name, closing_roles[1], credit.start, credit.end) for credit in credits[since_role:])
            break
        if word in lex.byline_before:
            # 文/图:黄婷: role words joined by a slash give the names after them each role
            joined = index > 0 and runs[index - 1].group() in lex.byline_before and text[runs[index - 1].end() : run.start()] == "/"
            also = also + [role] if joined and role is not None else []
            role, since_role = lex.byline_before[word], len(credits)
            index += 1
            continue
        if word in lex.byline_after and credits:
            for credit in credits[since_role:]:
                credit.role = lex.byline_after[word]
            role, since_role = None, len(credits)
            index += 1
            continue
        if role is not None and since_role == len(credits) and _is_office(word):
            # 撰稿:消费者权益保护处 周敏: the writer's office between the role word and the name
            index += 1
            continue
        if not credits and index + 1 < len(runs) and _is_contributing_unit(word):
            # (江湾镇 程晓燕), (县市场监管局 李明 王芳): the unit that sent the report, before its names
            index += 1
            continue
        media_role = _role_after_media(word)
        if media_role is not None:
            role, since_role = media_role, len(credits)
            index += 1
            continue
        parsed, consumed = _name_run(text, runs, index)
        if parsed is None:
            return None
        names, trailing_role, leading_role = parsed
        if leading_role is not None:
            role, since_role = leading_role, len(credits)
        for name_start, name_end, name in names:
            credits.append(_Credit(name, role, name_start, name_end))
            credits.extend(_Credit(name, other, name_start, name_end) for other in also if other != role)
        if trailing_role is not None:
            for credit in credits[since_role:]:
                credit.role = trailing_role
            role, since_role = None, len(credits)
        index += consumed
    return credits or None


def _role_after_media(word: str) -> Optional[str]:
    """甘肃日报记者, 县融媒体中心记者: a role word glued after the name of the paper or station it works for."""
    lex = lexicon()
    if len(word) < 5:
        return None  # a media name of three or more characters and a role word of two or more
    for role_word, role in lex.byline_before.items():
        if len(role_word) >= 2 and word.endswith(role_word):
            media = word[: -len(role_word)]
            if len(media) > 2 and media.endswith(lex.byline_media_endings):
                return role
    return None


@lru_cache(maxsize=1)
def _role_words_longest_first() -> tuple[tuple[str, ...], tuple[str, ...]]:
    lex = lexicon()
    return tuple(sorted(lex.byline_before, key=len, reverse=True)), tuple(sorted(lex.byline_after, key=len, reverse=True))


def _closing_role_pair(text: str, runs: list[regex.Match], index: int) -> Optional[tuple[str, str]]:
    """The two roles of ``文/摄`` or ``文/图`` when they are the credit's last two words."""
    if index + 2 != len(runs) or text[runs[index].end() : runs[index + 1].start()] != "/":
        return None
    lex = lexicon()
    first, second = runs[index].group(), runs[index + 1].group()
    first_role = lex.byline_before.get(first)
    second_role = lex.byline_after.get(second) or lex.byline_before.get(second)
    if first_role is None or second_role is None:
        return None
    return first_role, second_role


def _slashed_after_name(text: str, run: regex.Match, credits: list[_Credit]) -> bool:
    """The role word is written ``name/role``: right after a slash that follows the last name."""
    slash = run.start() - 1
    return bool(credits) and slash >= 0 and text[slash] == "/" and credits[-1].end == slash


def _name_run(text: str, runs: list[regex.Match], index: int):
    """The names of ``runs[index]`` (and the next run for 袁 睿), with role words glued to them."""
    lex = lexicon()
    run = runs[index]
    word, start, end = run.group(), run.start(), run.end()
    leading_role = trailing_role = None
    before, after = _role_words_longest_first()
    for role_word in before:
        if len(role_word) >= 2 and word.startswith(role_word) and len(word) > len(role_word):
            leading_role = lex.byline_before[role_word]
            word, start = word[len(role_word) :], start + len(role_word)
            break
    for role_word in after:
        if word.endswith(role_word) and len(word) - len(role_word) >= 2 and role_word[0] != "/":
            trailing_role = lex.byline_after[role_word]
            word, end = word[: -len(role_word)], end - len(role_word)
            if role_word in lex.byline_datelines:
                word, end = _without_dateline_place(word, end)
            break
    if len(word) == 1 and index + 1 < len(runs) and lex.surname_at(word, 0):
        # 袁 睿, 龚 建 平: a name spaced out character by character
        parts, last = [word], end
        for following in runs[index + 1 : index + 3]:
            if (
                len(following.group()) != 1
                or not _SINGLE_SPACE.fullmatch(text, last, following.start())
                or following.group() in lex.byline_before
                or following.group() in lex.byline_after
            ):
                break
            parts.append(following.group())
            last = following.end()
        if len(parts) > 1:
            return ([(start, last, "".join(parts))], None, leading_role), len(parts)
    dotted = _dotted_name(text, runs, index)
    if dotted is not None:
        dotted_end = runs[index + dotted - 1].end()
        return ([(start, dotted_end, text[start:dotted_end])], None, leading_role), dotted
    glued = split_glued_names(word, lex)
    if glued is not None:
        # 贾鹏陈博, 袁峰乔倩倩: a credit's names written with nothing between them
        return ([(start + low, start + high, word[low:high]) for low, high in glued], trailing_role, leading_role), 1
    if not _is_name(word):
        return None, 1
    return ([(start, end, word)], trailing_role, leading_role), 1


def _without_dateline_place(word: str, end: int) -> tuple[str, int]:
    """记者王刚北京报道: the place a report is filed from sits between the name and 报道."""
    lex = lexicon()
    for size in (3, 2):
        if len(word) - size >= 2 and lex.division(word[-size:]) is not None and _is_name(word[:-size]):
            return word[:-size], end - size
    return word, end


def _dotted_name(text: str, runs: list[regex.Match], index: int) -> Optional[int]:
    """阿依古丽·吐尔逊: how many runs, joined by a dot with nothing around it, make one name (None if not two or more).

    A role word is never a part (文·图 are two roles).
    """
    lex = lexicon()
    count = 1
    while (
        index + count < len(runs)
        and count < _MAX_DOTTED_PARTS
        and runs[index + count - 1].end() + 1 == runs[index + count].start()
        and text[runs[index + count - 1].end()] == "·"
    ):
        count += 1
    if count == 1:
        return None
    parts = [run.group() for run in runs[index : index + count]]
    if any(not _DOTTED_PART.fullmatch(part) or part in lex.byline_before or part in lex.byline_after for part in parts):
        return None
    return count


_MAX_OFFICE = 12


def _is_office(word: str) -> bool:
    """A department or office named in a credit (宣传科, 消费者权益保护处, 市局办公室)."""
    return 3 <= len(word) <= _MAX_OFFICE and _HAN_RUN.fullmatch(word) is not None and word.endswith(lexicon().byline_office_endings)


def _is_contributing_unit(word: str) -> bool:
    """An office, or a town or street too small for the gazetteer (江湾镇, 泉水街道), credited before names."""
    if _is_office(word):
        return True
    unit = next((unit for unit in TOWN_UNITS if word.endswith(unit)), None)
    return unit is not None and is_town_name(word[: -len(unit)])


def _is_name(word: str) -> bool:
    lex = lexicon()
    if not (2 <= len(word) <= 4) or not _HAN_NAME.fullmatch(word) or word in lex.not_names:
        return False
    if _is_office(word):
        return False  # 作者:宣传科: an office credited, not a person
    surname = lex.surname_at(word, 0)
    # 次仁, 才让卓玛: Tibetan and Mongolian names have no surname; a credit slot names a person
    return (surname is not None and len(word) > len(surname)) or is_minority_name(word)


_COLON_ROLE = regex.compile(r"(?<![\p{Han}])(?P<role>\p{Han}{1,5})[ \u3000]{0,2}[:：][ \u3000]{0,2}")


def _colon_pairs(text: str, start: int, end: int) -> Iterator[_Credit]:
    """责任编辑:李四 inside a longer line: a role word, a colon, then names up to the next colon role."""
    lex = lexicon()
    matches = list(_COLON_ROLE.finditer(text, start, end))
    for position, match in enumerate(matches):
        role = lex.byline_before.get(match.group("role"))
        if role is None:
            continue
        stop = matches[position + 1].start() if position + 1 < len(matches) else end
        credits = _parse(text, match.end(), stop, role) or _word_filling_slot(text, match.end(), stop, role)
        if credits:
            for credit in credits:
                yield _Credit(credit.name, credit.role or role, credit.start, credit.end)


def _word_filling_slot(text: str, start: int, end: int, role: str) -> Optional[list[_Credit]]:
    """责任编辑:杨柳 with nothing else in its slot: a word that reads as a surname and a given name, though the
    lexicon keeps it from names in running text (杨柳, a willow), names the person the slot credits."""
    start, end = _strip(text, start, end)
    word = text[start:end]
    lex = lexicon()
    if word not in lex.not_names or not _HAN_NAME.fullmatch(word) or not 2 <= len(word) <= 3:
        return None
    surname = lex.surname_at(word, 0)
    if surname is None or len(word) <= len(surname):
        return None
    return [_Credit(word, role, start, end)]

