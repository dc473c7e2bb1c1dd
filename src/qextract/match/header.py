"""The article's own header: title, publication time, source.

Scraped pages open with a headline (sometimes a kicker line above it), then
field lines such as ``来源: X 发布日期: 2025-02-25 09:18``, sometimes a photo
credit, then the body. A news-agency dateline (``中国质量新闻网讯``) at the
start of the body also names the source.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from qextract.data import load_json
from qextract.match.english_dates import english_date_parts, english_date_pattern
from qextract.records import Span
from qextract.text.lines import Line, iter_lines

# Headlines are short and do not end a sentence; a body paragraph does.
_MAX_TITLE_LINE = 100
_MAX_TITLE_LINES = 3
_HEADER_LINES = 8  # how far down the page header fields are looked for
_FOOTER_CHARS = 400  # how far from the end a public account's post states its source


@dataclass
class Header:
    title: Optional[str] = None
    title_span: Optional[Span] = None
    publish_date: Optional[str] = None
    publish_date_span: Optional[Span] = None
    source: Optional[str] = None
    source_span: Optional[Span] = None
    body_start: int = 0


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_json("header/header.json")


# 2004年4月12日, perhaps spaced out: the day under a masthead or an issuer's name.
_WRITTEN_DAY = r"\d{4}\s{0,2}年\s{0,2}\d{1,2}\s{0,2}月\s{0,2}\d{1,2}\s{0,2}日"


def _labels(labels: list[str]) -> str:
    """An alternation of field labels, longest first; a Han label may be spaced out to fill a table cell (索 引 号, 名　　称)."""
    spaced = []
    for label in sorted(labels, key=len, reverse=True):
        if regex.fullmatch(r"\p{Han}{2,}", label):
            spaced.append(r"[^\S\n]{0,4}".join(label))
        else:
            spaced.append(regex.escape(label))
    return "(?:" + "|".join(spaced) + ")"


# The credit words of the byline stage that open a line of credits under a headline: its reporters,
# correspondents, authors and editors (记者, 本报记者, 特约通讯员, 责任编辑…), not 文 or 报道, which open prose too.
_CREDIT_LINE_ROLES = ("记者", "通讯员", "编辑", "作者")


def _credit_words() -> list[str]:
    return [word for word in load_json("entities/bylines.json")["before_names"] if word.endswith(_CREDIT_LINE_ROLES)]


@lru_cache(maxsize=1)
def _patterns() -> dict[str, regex.Pattern[str]]:
    data = _data()
    source_labels = _labels(data["source_labels"])
    field_labels = _labels(
        data["source_labels"] + data["date_labels"] + data["other_labels"] + data["written_date_labels"] + data["title_labels"]
    )
    body_words = sorted(data["dateline_body_words"], key=len, reverse=True)
    return {
        "source": regex.compile(
            source_labels
            + r"\s{0,3}[:：]\s{0,3}(?P<value>[^\s:：|｜【】\[\]]{1,40}?)(?=\s|$|[【】\[\]]|"
            + field_labels
            + r"\s{0,3}[:：])"
        ),
        # 来源:省特种设备检验院 alone on a line (来源 | X in a public account's credits).
        "source_line": regex.compile(
            r"(?m)^[^\S\n]{0,4}" + source_labels + r"[^\S\n]{0,3}[:：|｜][^\S\n]{0,3}(?P<value>[^\s:：|｜]{2,30})[^\S\n]{0,4}$"
        ),
        # The source a closing credit names, up to its closing bracket: (文:陈思琪 图:周子航 来源:市局标准化处)
        # under a post, (转自《甘肃日报》) or (来源:中国质量报) at the foot of a reprint with no source field.
        # The label needs a colon or a 《 after it: (来源于企业台账) is prose.
        "credit_source": regex.compile(
            source_labels
            + r"[^\S\n]{0,3}(?:[:：]|(?=《))[^\S\n]{0,3}《?(?P<value>[^\s:：|｜()（）《》【】\[\]]{2,30}?)》?[^\S\n]{0,3}[)）]"
        ),
        "publisher_label": regex.compile(_labels(data["publisher_labels"]) + r"\s{0,3}[:：]\s{0,3}$"),
        "dated_field": regex.compile(_labels(data["date_labels"]) + r"\s{0,3}[:：]\s{0,3}"),
        "footer_date_line": regex.compile(
            r"^\s{0,4}[【\[]?\s{0,2}" + _labels(data["footer_date_labels"]) + r"\s{0,3}[:：]\s{0,3}(?P<stamp>" + _TIMESTAMP.pattern + ")",
            regex.MULTILINE,
        ),
        "written_date_field": regex.compile(_labels(data["written_date_labels"]) + r"\s{0,3}[:：]\s{0,3}$"),
        "title_field": regex.compile(
            r"^\s{0,4}" + _labels(data["title_labels"]) + r"\s{0,3}[:：]\s{0,3}(?P<value>\S[^\n]{3,98}?)\s{0,4}$"
        ),
        "field_line": regex.compile(r"^\s{0,4}" + field_labels + r"\s{0,3}[:：]"),
        # 25-3-18 16:05 来自 微博网页版: a microblog post's time and client, under the account's name.
        "microblog_line": regex.compile(
            r"^\s{0,4}(?P<stamp>(?P<y>\d{2}|\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\s{1,2}(?P<H>\d{1,2}):(?P<M>\d{2}))"
            r"\s{1,3}来自\s{0,2}\S{1,20}(?:\s{1,3}已编辑)?\s{0,4}$"
        ),
        # 【深圳发布首批低空经济地方标准】: a microblog post's own headline, after its #topics#.
        "microblog_headline": regex.compile(r"^\s{0,4}(?:#[^#\n]{1,30}#\s{0,2}){0,5}【(?P<value>[^【】\n]{4,60})】"),
        # 第3期 / (总第126期) under a bulletin's name: the bulletin's masthead, not a headline.
        "issue_line": regex.compile(r"^\s{0,4}[(（]?(?:\d{4}\s{0,2}年\s{0,2})?(?:总)?第\s{0,2}\d{1,4}\s{0,2}期[)）]?(?:\s{0,4}[(（]?总第\s{0,2}\d{1,5}\s{0,2}期[)）]?)?\s{0,4}$"),
        # 中市监发〔2020〕58号 alone on a line: a document's number, under its title, or over it under the issuer's
        # masthead (会 议 纪 要 / 〔2024〕3号 / headline).
        "document_number_line": regex.compile(r"^\s{0,4}\p{Han}{0,12}[〔\[［(（]\d{4}[〕\]］)）]\s{0,2}\d{1,5}\s{0,2}号\s{0,4}$"),
        "dateline": regex.compile(
            r"^(?P<value>[\p{Han}A-Za-z]{1,16}?(?:\L<words>))(?:[\p{Han}]{0,6}?(?P<day>(?P<m>\d{1,2})月(?P<d>\d{1,2})日))?"
            r"(?:讯|电(?![" + data["dateline_dian_word_seconds"] + "])|消息)",
            words=body_words,
        ),
        # 原创 顺德市场监管 2023-03-16 18:02 发表于广东: a public account's post.
        # 原创 张三 海南质监 11月7日: the author may stand before the account, and the day may have no year.
        # 原创 X 蒲江市场监管 2019-04-19 / 原创 X 云南市场监管 2024年09月12日 18:30 云南: the day alone, or a
        # written day with its time; the poster's IP location may follow without 发表于.
        "account_line": regex.compile(
            r"^\s{0,4}(?:(?P<original>原创)\s{1,3})?(?:[^\s\d][^\s]{1,19}\s{1,3})??(?P<value>[^\s\d][^\s]{1,19})\s{1,3}"
            r"(?P<stamp>\d{4}-\d{1,2}-\d{1,2}(?:\s{1,2}\d{1,2}:\d{2})?|(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:\s{1,2}\d{1,2}:\d{2})?)"
            r"(?:\s{1,3}(?P<province>发表于\S{1,10}|(?!星期|礼拜)\p{Han}{2,8}))?\s{0,4}$"
        ),
        # 2015-02-07 山东食药监: an early public account's post line, the day first, then the account.
        "dated_account_line": regex.compile(
            r"^\s{0,4}(?P<stamp>\d{4}-\d{1,2}-\d{1,2})\s{1,3}(?P<value>(?!星期|周[一二三四五六日天])[^\s\d:：|][^\s:：|]{1,19})\s{0,4}$"
        ),
        # 原创 2026-04-16 17:42·东莞长安发布·广东: a news app's post line, the time first, then the account and
        # the poster's IP location; the app may glue 原创 to the time (原创2019-01-11 18:26·兰考市场监管).
        "app_post_line": regex.compile(
            r"^\s{0,4}(?:(?P<original>原创)\s{0,3})?(?P<stamp>\d{4}-\d{1,2}-\d{1,2}\s{1,2}\d{1,2}:\d{2})\s{0,2}[·•]\s{0,2}"
            r"(?P<value>[^\s·•]{2,20})(?:\s{0,2}[·•]\s{0,2}(?P<province>\p{Han}{2,8}))?\s{0,4}$"
        ),
        # 《冀南日报》 2006年3月16日 星期四 第3版: a newspaper page's masthead line; the
        # title marks may be missing and the layout may space the fields far apart.
        # 转自《淄博日报》2014年5月22日 A3版: a repost's line naming the paper it took the story from.
        # 兵团日报(汉): an edition in brackets after the paper's name.
        "masthead_line": regex.compile(
            r"^\s{0,4}(?:" + _labels(data["reprint_labels"]) + r"\s{0,2})?(?:《(?P<value>[^《》\s]{2,14}?(?:报|刊))》|(?P<value>\p{Han}{2,12}?(?:报|刊)))(?:[(（]\p{Han}{1,4}[)）])?"
            r"(?:\L<epaper>)?\s{0,40}(?P<stamp>" + _WRITTEN_DAY + ")",
            epaper=data["epaper_suffixes"],
        ),
        # 中国质量报数字报 / 西安日报 alone on a line, the day of the issue on the next: an e-paper's masthead.
        "epaper_masthead": regex.compile(
            r"^\s{0,4}(?P<value>\p{Han}{2,12}?(?:报|刊))(?:\L<epaper>)?\s{0,4}$", epaper=data["epaper_suffixes"]
        ),
        # 牡丹江市质量兴市工作领导小组办公室      2004年4月12日: a bulletin's issuer and date under its name.
        "issuer_line": regex.compile(
            r"^\s{0,4}(?P<value>\p{Han}{2,30}?(?:\L<endings>))[^\S\n]{2,40}"
            r"(?P<stamp>" + _WRITTEN_DAY + r")\s{0,4}$",
            endings=data["site_banner_endings"],
        ),
        # A line that is only a body's or a site's name, perhaps with the column (银川市工商行政管理局 — 工作动态)
        # or the site's address (宝鸡市人民政府网 www.bj.gov.cn).
        # 天水市人民政府　政府信息公开: a space alone may part the site's name from a column the menus name.
        # 佛山市市场监督管理局(知识产权局): a body with two names (两块牌子) gives the second in brackets.
        "site_banner": regex.compile(
            r"^\p{Han}{2,24}?(?:\L<endings>)(?:[(（]\p{Han}{1,12}?(?:\L<endings>)[)）])?"
            r"(?:\s{0,3}[—–\-|｜>»]{1,2}\s{0,3}\p{Han}{2,10}|\s{1,3}(?:\L<columns>))?"
            r"(?:\s{1,4}(?:https?://)?[A-Za-z0-9\-]{1,40}(?:\.[A-Za-z0-9\-]{1,40}){1,5}/?)?$",
            endings=data["site_banner_endings"],
            columns=load_json("text/furniture.json")["menu_labels"],
        ),
        # 江西省质量协会 Jiangxi Association for Quality, 金澄集团 JINCHENG GROUP: a body's name with its name in
        # English (two words or more) is a site's banner; a headline comes with no translation.
        "bilingual_banner": regex.compile(r"^\p{Han}{2,24}[^\S\n]{1,4}" + _english_words(2) + "$"),
        # 学习强国, 澎湃新闻, 遵义头条: a news platform's or an account's name alone on its line.
        "platform_banner": regex.compile(
            r"^(?:\L<platforms>|\p{Han}{2,4}(?:\L<endings>))$",
            platforms=data["platforms"],
            endings=data["platform_account_endings"],
        ),
        # 【转帖】X: a forum's tag before a reposted headline.
        "repost_tag": regex.compile(r"\s{0,4}[【\[]\s{0,2}" + _labels(data["repost_tags"]) + r"\s{0,2}[】\]]\s{0,2}"),
        "byline_line": regex.compile(
            r"^[\s(（]{0,2}(?:[\p{Han}]{1,4}(?:\s[\p{Han}]{1,3})?\s{0,3}(?:摄|供图)|(?:\L<credits>)\s{0,2}[:：]?\s{0,3}[\p{Han}\s、,]{2,30})[\s)）]{0,2}$",
            credits=_credit_words(),
        ),
    }


# Publication timestamps as header lines print them.
_TIMESTAMP = regex.compile(
    r"(?P<y>\d{4})\s{0,2}(?:[-/.]|年)\s{0,2}(?P<m>\d{1,2})\s{0,2}(?:[-/.]|月)\s{0,2}(?P<d>\d{1,2})\s{0,2}日?"
    # 1999年3月12日 星期五 08:41: the weekday between the day and the time
    r"(?:\s{0,3}(?:星期|周)[一二三四五六日天](?=\s{0,3}\d{1,2}\s{0,2}[:：时]))?"
    r"(?:\s{0,3}(?P<H>\d{1,2})\s{0,2}[:：时]\s{0,2}(?P<M>\d{2})(?:\s{0,2}[:：分]\s{0,2}(?P<S>\d{2}))?)?"
    r"|(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?P<y2>\d{4})"
    r"(?:\s{1,3}(?P<H2>\d{1,2}):(?P<M2>\d{2})(?::(?P<S2>\d{2}))?)?"
    # 06-11-23 9:41:07: ASP sites of the 2000s print the year in two digits; only with a clock
    # after it is the run a timestamp, not a code or a score
    r"|(?<![\d.-])(?P<y4>\d{2})-(?P<m4>\d{1,2})-(?P<d4>\d{1,2})\s{1,3}(?P<H4>\d{1,2}):(?P<M4>\d{2})(?::(?P<S4>\d{2}))?(?![\d:])"
    # 二〇一九年十月二十二日: some sites print the date in Chinese numerals
    r"|(?P<y3>[〇○零一二三四五六七八九]{4})\s{0,2}年\s{0,2}(?P<m3>[一二三四五六七八九十]{1,3})\s{0,2}月"
    r"\s{0,2}(?P<d3>[一二三四五六七八九十]{1,3})\s{0,2}日"
    # Fri, 24 Apr 2026 09:15:00 +0800: feeds' pubDate and English page headers
    r"|" + english_date_pattern("en_")
)
# The site's name after a page title: " - 吉林省质量协会", "_中国质量新闻网", "｜市场监管总局".
_SITE_NAME_SUFFIX = regex.compile(r"\s{0,3}[-_|｜—–]{1,2}\s{0,3}[\p{Han}A-Za-z]{2,24}")
# Cells apart by tabs, or a row between bars: a table's row, never a headline's line.
_TABLE_ROW = regex.compile(r"\t|^\|[^\n]*\|")
_FIELD_SEPARATOR = regex.compile(r"[:：|｜]")
_VERIFIED_MARK = regex.compile(r"\s{1,3}(?:V|v|ⓥ|✓)$")
_MAX_PLACES_LINE = 8
_SUBTITLE_DASHES = ("—", "―", "–", "--")
_HAN = regex.compile(r"\p{Han}")


def _english_words(least: int) -> str:
    """A body's name in English, ``least`` words or more, capitalised or not, perhaps its code in brackets (SAC/TC151)."""
    return r"[A-Za-z][A-Za-z&.,'’\-]*(?:[^\S\n]{1,3}[A-Za-z&.,'’()/\-0-9]+){%d,30}" % (least - 1)


# The site's name in English on a line of its own under its banner: three words or more
_ENGLISH_NAME = regex.compile("^" + _english_words(3) + "$")
_MAX_APP_NAME = 4
_BLANK_LINE = regex.compile(r"\n[^\S\n]*\n")
# 2015-02-07 星期六: a line with the day alone, perhaps its weekday after it
_BARE_TIMESTAMP_LINE = regex.compile(r"^\s{0,4}(?:" + _TIMESTAMP.pattern + r")(?:\s{0,3}(?:星期|周)[一二三四五六日天])?\s{0,4}$")
# 2025-03-20 19:06甘肃 / 2025-03-20 19:06 发布于甘肃: a news app's time with the poster's IP location (a
# province-level name, checked by _is_located_timestamp_line), under the account's name.
_LOCATED_TIMESTAMP_LINE = regex.compile(
    r"^\s{0,4}(?:" + _TIMESTAMP.pattern + r")\s{0,3}(?:发布于|发表于|IP属地[:：]?)?\s{0,2}(?P<place>\p{Han}{2,3})\s{0,4}$"
)
_MAX_ACCOUNT_NAME = 20


def parse_timestamp(match: regex.Match[str]) -> Optional[str]:
    """ISO value of a :data:`_TIMESTAMP` match, as precise as it is written."""
    groups = match.groupdict()
    if groups["en_year"] or groups["en_year2"]:
        parts = english_date_parts(groups, "en_")
        if parts is None:
            return None
        year, month, day = (str(part) for part in parts[:3])
        hour, minute, second = (parts[3].split(":") + [None])[:3] if parts[3] else (None, None, None)
    elif groups["y3"]:
        # Imported here: the dates tables load when a page prints a Chinese-numeral date, not at import.
        from qextract.match.datetime_parts import digit_string_number, small_number

        year_number, month_number, day_number = (
            digit_string_number(groups["y3"]), small_number(groups["m3"]), small_number(groups["d3"])
        )
        if year_number is None or month_number is None or day_number is None:
            return None
        year, month, day, hour, minute, second = str(year_number), str(month_number), str(day_number), None, None, None
    elif groups["y"]:
        year, month, day = groups["y"], groups["m"], groups["d"]
        hour, minute, second = groups["H"], groups["M"], groups["S"]
    elif groups["y4"]:
        from qextract.match.datetime_parts import full_year

        year, month, day = str(full_year(int(groups["y4"]), None)), groups["m4"], groups["d4"]
        hour, minute, second = groups["H4"], groups["M4"], groups["S4"]
    else:  # day.month.year, the European order some CMSs print
        year, month, day = groups["y2"], groups["m2"], groups["d2"]
        hour, minute, second = groups["H2"], groups["M2"], groups["S2"]
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None
    value = f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    if hour is not None and minute is not None:
        if int(hour) > 23 or int(minute) > 59:
            return value
        value += f"T{int(hour):02d}:{int(minute):02d}"
        if second is not None and int(second) <= 59:
            value += f":{int(second):02d}"
    return value


def read_header(text: str) -> Header:
    """Title, publication date and source of a clean text."""
    patterns = _patterns()
    header = Header()
    lines = [line for line in iter_lines(text) if line.stripped][: _HEADER_LINES + _MAX_TITLE_LINES]
    microblog = _microblog_post(text, lines, header, patterns)
    if microblog is not None:
        return microblog
    title_lines: list[Line] = []
    index = 0
    issue = _bulletin_issue(lines, patterns)
    if issue is not None:
        # 牡丹江市质量兴市工作简报 / 第3期 / the issuer's dated line: a bulletin's masthead, perhaps under a
        # document site's chrome; its headline follows the issuer's line
        index = issue + 1
    elif _epaper_masthead(text, lines, header, patterns):
        index = 2  # the headline follows the paper's name and the day of the issue
    while issue is None and index < len(lines) and len(title_lines) < _MAX_TITLE_LINES:
        if _english_name_under_banner(title_lines, lines[index], patterns):
            index += 1  # the site's name in English under its banner (Henan Institute of …): the banner's, no title line
            continue
        if not _is_title_line(lines[index], patterns):
            break
        title_lines.append(lines[index])
        index += 1
    if title_lines and index < len(lines) and patterns["issue_line"].match(lines[index].stripped):
        title_lines, index = [], index + 1  # a bulletin's name and issue, with no issuer's line under them
    if title_lines and index + 1 < len(lines) and patterns["document_number_line"].match(lines[index].stripped):
        # 山东省市场监督管理局 / 会 议 纪 要 / 〔2024〕3号 / headline / body: the issuer's masthead and the
        # document's number stand over its headline (a notice's number stands under it, over 各…:)
        headline = index + 1
        while headline < len(lines) and headline - index <= _MAX_TITLE_LINES and _is_title_line(lines[headline], patterns):
            headline += 1
        if headline > index + 1:
            title_lines, index = lines[index + 1 : headline], headline
    if title_lines and _is_banner(title_lines[0].stripped, patterns):
        # 江西省质量技术监督局 or 学习强国 over the headline, or over the fields that precede
        # it: the site's or the platform's name, not a kicker
        if len(title_lines) > 1 or (index < len(lines) and _is_header_field_line(lines[index], patterns)):
            title_lines = title_lines[1:]
    if not title_lines:
        # 来源:《中国工商报》 2010-04-13 第A2版 above the headline: a newspaper page prints its fields first
        while index < len(lines) and _is_header_field_line(lines[index], patterns):
            _read_fields(text, lines[index], header, patterns)
            index += 1
        while index < len(lines) and len(title_lines) < _MAX_TITLE_LINES and _is_title_line(lines[index], patterns):
            title_lines.append(lines[index])
            index += 1
    if (
        title_lines
        and index + 1 < len(lines)
        and patterns["document_number_line"].match(lines[index].stripped)
        and _is_header_field_line(lines[index + 1], patterns)
    ):
        index += 1  # 柳食药监通〔2017〕23号 between a notice's headline and its fields
    if index < len(lines) and _is_header_field_line(lines[index], patterns):
        title_lines = _last_block(text, title_lines, lines[index])
    if len(title_lines) > 1 and (_is_banner(title_lines[0].stripped, patterns) or _only_places(title_lines[0].stripped)):
        title_lines = title_lines[1:]  # a site's name (上海青浦) over a headline
    if any(_HAN.search(line.stripped) for line in title_lines):
        # Quality watchdog reports…: a bilingual site's English headline under the Chinese one
        title_lines = [line for line in title_lines if _HAN.search(line.stripped)]
    if (
        len(title_lines) > 1
        and len(title_lines[0].stripped) <= _MAX_APP_NAME
        and _BLANK_LINE.search(text, title_lines[0].end, title_lines[1].start + 1)
    ):
        title_lines = title_lines[1:]  # 学习强国, 今日头条: an app's or a site's short name set apart above the headline
    if (
        len(title_lines) > 1
        and index < len(lines)
        and len(title_lines[-1].stripped) <= _MAX_ACCOUNT_NAME
        and _is_located_timestamp_line(lines[index].stripped)
    ):
        title_lines = title_lines[:-1]  # 百家号, 头条号: the account's name between the headline and the post's time
    if len(title_lines) > 1 and _same_headline(title_lines[0].stripped, title_lines[1].stripped):
        title_lines = title_lines[1:2]  # the headline printed twice (page title and article title)
    if header.title is not None:
        pass  # named by a labelled field (名称: X) of an information table
    elif title_lines and (index < len(lines) or len(title_lines) == 1):
        # (a page may be only a headline)
        header.title = _joined_title(title_lines)
        start, end = title_lines[0].start, title_lines[-1].end
        tag = patterns["repost_tag"].match(text, start, end)
        if tag is not None:
            header.title, start = header.title[len(" ".join(tag.group().split())) :].lstrip(), tag.end()
        header.title_span = Span(start, end, text[start:end])
    body_index = index
    for line in lines[index:]:
        if not _is_header_field_line(line, patterns):
            break
        _read_fields(text, line, header, patterns)
        body_index += 1
    if header.publish_date is None:
        _written_date(text, lines[:body_index], header, patterns)
    if body_index < len(lines):
        header.body_start = lines[body_index].start
        if header.source is None:
            _read_dateline(text, lines[body_index], header, patterns)
    elif lines:
        header.body_start = lines[-1].end
    if header.publish_date is None:
        _footer_date(text, header, patterns)
    if header.source is None:
        credit = _last_in_footer(patterns["credit_source"], text)
        if credit is not None and credit.group("value") not in _data()["not_a_source"]:
            _set_source(text, credit.start("value"), credit.end("value"), header)
    return header


def _bulletin_issue(lines: list[Line], patterns: dict[str, regex.Pattern[str]]) -> Optional[int]:
    """Where a bulletin's issue line (第12期) stands over its issuer's dated line, in the page's first lines."""
    for index, line in enumerate(lines[:_HEADER_LINES + _MAX_TITLE_LINES]):
        if (
            patterns["issue_line"].match(line.stripped)
            and index + 1 < len(lines)
            and patterns["issuer_line"].match(lines[index + 1].text)
        ):
            return index
    return None


def _epaper_masthead(text: str, lines: list[Line], header: Header, patterns: dict[str, regex.Pattern[str]]) -> bool:
    """An e-paper page opens with the paper's name (中国质量报数字报) and the day of the issue on the next line
    (2010年11月17日 星期三): the paper is the source, the day the publication date. The page and column lines
    between them and the headline are furniture, gone before the header is read."""
    if len(lines) < 3:
        return False
    paper = patterns["epaper_masthead"].match(lines[0].text)
    day = _TIMESTAMP.search(lines[1].text)
    if paper is None or day is None or not _BARE_TIMESTAMP_LINE.match(lines[1].stripped):
        return False
    _set_source(text, lines[0].start + paper.start("value"), lines[0].start + paper.end("value"), header)
    _set_publish_date(text, lines[1], day, header)
    return True


def _last_block(text: str, title_lines: list[Line], fields: Line) -> list[Line]:
    """A headline printed right on its fields line, with a blank line above it: the blank line parts it
    from the site's name, an app's menu or a list of other headlines (溧阳新闻网 / … / 我市…挂牌成立).

    Pages that set every line apart (a kicker, a blank line, the headline, a blank line, the fields) say
    nothing by their blank lines, so the headline keeps its kicker there.
    """
    if not title_lines or _BLANK_LINE.search(text, title_lines[-1].end, fields.start + 1):
        return title_lines
    for index in range(len(title_lines) - 1, 0, -1):
        if _BLANK_LINE.search(text, title_lines[index - 1].end, title_lines[index].start):
            return title_lines[index:]
    return title_lines


def _joined_title(title_lines: list[Line]) -> str:
    """Headline lines joined by a space; a subtitle opened by a dash (——访…) joins without one."""
    title = ""
    for line in title_lines:
        part = " ".join(line.text.split())
        title = part if not title else title + ("" if part.startswith(_SUBTITLE_DASHES) else " ") + part
    return title


def _microblog_post(
    text: str, lines: list[Line], header: Header, patterns: dict[str, regex.Pattern[str]]
) -> Optional[Header]:
    """A microblog page: the account's name, ``25-3-18 16:05 来自 X``, then the post.

    The post's 【headline】 is the title; the source is the one its closing
    credit states (来源:X), else the account.
    """
    for index, line in enumerate(lines[:_HEADER_LINES]):
        stamp = patterns["microblog_line"].match(line.text)
        if stamp is not None:
            break
    else:
        return None
    year = int(stamp.group("y"))
    try:
        value = _dt.datetime(
            year + 2000 if year < 100 else year,  # 25-3-18: the century left out
            int(stamp.group("m")), int(stamp.group("d")), int(stamp.group("H")), int(stamp.group("M")),
        ).isoformat(timespec="minutes")
    except ValueError:
        value = None  # 25-2-30: no such day
    if value is not None:
        start = line.start + stamp.start("stamp")
        header.publish_date, header.publish_date_span = value, Span(start, line.start + stamp.end("stamp"), stamp.group("stamp"))
    body = lines[index + 1 : index + 2]
    if body:
        headline = patterns["microblog_headline"].match(body[0].text)
        if headline is not None:
            start, end = body[0].start + headline.start("value"), body[0].start + headline.end("value")
            header.title, header.title_span = text[start:end], Span(start, end, text[start:end])
        header.body_start = body[0].start
    else:
        header.body_start = line.end
    credit = _last_in_footer(patterns["credit_source"], text)
    if credit is not None:
        _set_source(text, credit.start("value"), credit.end("value"), header)
    elif index > 0:
        account = lines[0]
        name = _VERIFIED_MARK.sub("", account.text.strip())
        if name:
            start = account.start + account.text.index(name)
            _set_source(text, start, start + len(name), header)
    return header


def _only_places(line: str) -> bool:
    """上海青浦: a line that is only place names, the site's name over its headline."""
    if len(line) > _MAX_PLACES_LINE:
        return False
    # Imported here: the gazetteer loads only for a page that opens with such a short line.
    from qextract.entities.lexicon import lexicon

    finder, position = lexicon().division_finder, 0
    while position < len(line):
        end = finder.match(line, position)
        if end is None:
            return False
        position = end
    return position > 0


def _written_date(text: str, lines: list[Line], header: Header, patterns: dict[str, regex.Pattern[str]]) -> None:
    """成文日期:2020-10-15 as the publication date, when the header gives no other."""
    for line in lines:
        for stamp in _TIMESTAMP.finditer(line.text):
            if _written_date_at(line.text, stamp.start(), patterns):
                _set_publish_date(text, line, stamp, header)
                return


def _written_date_at(line_text: str, position: int, patterns: dict[str, regex.Pattern[str]]) -> bool:
    """A written-date label (成文日期:) ends right at ``position``: what follows is when the document was signed."""
    return patterns["written_date_field"].search(line_text, 0, position) is not None


@lru_cache(maxsize=1)
def _crumb_separator_end() -> regex.Pattern[str]:
    """A breadcrumb's separator (the normalisation stage's list) closing what it is searched in."""
    separators = sorted(load_json("text/furniture.json")["breadcrumb_separators"], key=len, reverse=True)
    return regex.compile(r"\s{0,3}(?:\L<separators>)\s{0,3}$", separators=separators)


def _same_headline(page_title: str, headline: str) -> bool:
    """The headline again, perhaps as the browser's page title with the site's name (X - 吉林省质量协会),
    or as the last crumb of a breadcrumb (论坛 » 民生热线 » X)."""
    if page_title == headline:
        return True
    if page_title.endswith(headline) and _crumb_separator_end().search(page_title, 0, len(page_title) - len(headline)):
        return True
    return page_title.startswith(headline) and _SITE_NAME_SUFFIX.fullmatch(page_title, len(headline)) is not None


def _is_banner(stripped: str, patterns: dict[str, regex.Pattern[str]]) -> bool:
    return bool(
        patterns["site_banner"].match(stripped)
        or patterns["platform_banner"].match(stripped)
        or patterns["bilingual_banner"].match(stripped)
    )


def _english_name_under_banner(title_lines: list[Line], line: Line, patterns: dict[str, regex.Pattern[str]]) -> bool:
    return (
        len(title_lines) == 1
        and not _HAN.search(line.stripped)
        and _ENGLISH_NAME.match(line.stripped) is not None
        and _is_banner(title_lines[0].stripped, patterns)
    )


def _is_title_line(line: Line, patterns: dict[str, regex.Pattern[str]]) -> bool:
    stripped = line.stripped
    return (
        len(stripped) <= _MAX_TITLE_LINE
        and not stripped.endswith(("。", ";", ":", "："))
        and not _is_header_field_line(line, patterns)
        and not patterns["dateline"].match(stripped)
        and not patterns["issue_line"].match(stripped)
        and not patterns["document_number_line"].match(stripped)
        and not _TABLE_ROW.search(stripped)
    )


def _is_header_field_line(line: Line, patterns: dict[str, regex.Pattern[str]]) -> bool:
    stripped = line.stripped
    return bool(
        _posting_line(stripped, patterns)
        or patterns["field_line"].match(stripped)
        or _BARE_TIMESTAMP_LINE.match(stripped)
        or _is_located_timestamp_line(stripped)
        or patterns["byline_line"].match(stripped)
        or (len(stripped) <= 80 and patterns["source"].search(stripped))
    )


def _is_located_timestamp_line(stripped: str) -> bool:
    located = _LOCATED_TIMESTAMP_LINE.match(stripped)
    return located is not None and located.group("place") in _province_names()


@lru_cache(maxsize=1)
def _province_names() -> frozenset[str]:
    """Province-level names, full and short (甘肃省, 甘肃, 内蒙古): what a news app prints as a poster's IP location."""
    # Imported here: the header reader needs the gazetteer only for pages with an app's post line.
    from qextract.entities.lexicon import lexicon

    return frozenset(
        name for division in lexicon().divisions.values() if division.level == "province" for name in (division.name, division.short)
    )


def _read_fields(text: str, line: Line, header: Header, patterns: dict[str, regex.Pattern[str]]) -> None:
    posting = _posting_line(line.text, patterns)
    if posting is not None:
        # 原创 X 2023-03-16 18:02 发表于广东 / 《X报》 2006年3月16日: the poster or paper, then its date.
        # A post that states its source on a line of its own (来源:省特种设备检验院) takes that source: the
        # last such line at the page's foot, else, when a long comment thread pushed it away, the first
        # after the post line.
        footer = None
        if posting.re in (patterns["account_line"], patterns["app_post_line"], patterns["dated_account_line"]):
            footer = _last_in_footer(patterns["source_line"], text) or patterns["source_line"].search(text, line.end)
        if footer is not None:
            _set_source(text, footer.start("value"), footer.end("value"), header)
        _set_source(text, line.start + posting.start("value"), line.start + posting.end("value"), header)
        _set_publish_date(text, line, _TIMESTAMP.search(line.text, posting.start("stamp")), header)
        return
    if header.title is None:
        named = patterns["title_field"].match(line.text)
        if named is not None:
            start, end = line.start + named.start("value"), line.start + named.end("value")
            header.title, header.title_span = text[start:end], Span(start, end, text[start:end])
    if header.source_span is None or _publisher_value_at(text, header.source_span.start, patterns):
        match = patterns["source"].search(line.text)
        if match:
            start, end = line.start + match.start("value"), line.start + match.end("value")
            if text[start] == "《" and text[end - 1] == "》" and end - start > 2:
                start, end = start + 1, end - 1  # a newspaper as source: 来源:《成都日报》
            if header.source is not None and not _publisher_value_at(text, start, patterns):
                header.source = None  # 发布机构 names the column's body; the article's own 来源 under it wins
            _set_source(text, start, end, header)
    if header.publish_date is None:
        # On a header line, a timestamp after a date label, or else the
        # first one on the line, is the publication time.
        label = next(
            (
                found
                for found in patterns["dated_field"].finditer(line.text)
                if not _written_date_at(line.text, found.end(), patterns)  # 日期 inside 成文日期
                and not _ends_another_label(line.text, found, _data()["bare_date_labels"])  # 访谈时间: the interview's
            ),
            None,
        )
        if label is not None:
            _set_publish_date(text, line, _TIMESTAMP.search(line.text, label.end()), header)
            return
        for stamp in _TIMESTAMP.finditer(line.text):
            if not _written_date_at(line.text, stamp.start(), patterns):
                _set_publish_date(text, line, stamp, header)
                return


def _ends_another_label(line: str, found: regex.Match[str], bare_labels: list[str]) -> bool:
    """A bare 时间 or 日期 right after a Han character ends the label of another field (访谈时间, 会议时间)."""
    label = found.group().rstrip(" :：\t\u3000")
    return label in bare_labels and found.start() > 0 and _HAN.match(line, found.start() - 1) is not None


def _publisher_value_at(text: str, start: int, patterns: dict[str, regex.Pattern[str]]) -> bool:
    """Whether the value starting at ``start`` is a 发布机构 field's."""
    return patterns["publisher_label"].search(text, max(0, start - 16), start) is not None


def _posting_line(line_text: str, patterns: dict[str, regex.Pattern[str]]) -> Optional[regex.Match[str]]:
    """A line naming who posted or printed the page, with its date: a public account's post line (marked 原创
    or 发表于…, or stamped with a time), a news app's post line, a newspaper's masthead or a bulletin's issuer."""
    account = patterns["account_line"].match(line_text)
    if account is not None and (account.group("original") or account.group("province") or _stamped_name(account)):
        return account
    return (
        patterns["app_post_line"].match(line_text)
        or patterns["dated_account_line"].match(line_text)
        or patterns["masthead_line"].match(line_text)
        or patterns["issuer_line"].match(line_text)
    )


def _stamped_name(account: regex.Match[str]) -> bool:
    """雁塔市场监管 2020-06-19 18:30: an unmarked name stamped to the minute, not a labelled field (来源:X 2025-09-16 08:05)."""
    return ":" in account.group("stamp") and not _FIELD_SEPARATOR.search(account.group("value"))


def _last_in_footer(pattern: regex.Pattern[str], text: str, start: Optional[int] = None) -> Optional[regex.Match[str]]:
    """The last match of ``pattern`` at the foot of the page (from ``start``, by default the last
    characters of the page), where a post states its source."""
    found = None
    for found in pattern.finditer(text, max(0, len(text) - _FOOTER_CHARS) if start is None else start):
        pass
    return found


def _footer_date(text: str, header: Header, patterns: dict[str, regex.Pattern[str]]) -> None:
    """【发布时间:2004-11-26 16:08】【打印本页】: a page whose header gives no date may print it in a field
    line at its foot; the last such line is taken."""
    footer_line_start = text.rfind("\n", 0, max(0, len(text) - _FOOTER_CHARS)) + 1  # the whole line the foot opens in
    dated = _last_in_footer(patterns["footer_date_line"], text, footer_line_start)
    if dated is not None:
        _set_publish_value(text, dated.start("stamp"), dated.end("stamp"), parse_timestamp(dated), header)


def _set_source(text: str, start: int, end: int, header: Header) -> None:
    if header.source is None:
        header.source = text[start:end]
        header.source_span = Span(start, end, text[start:end])


def _set_publish_date(text: str, line: Line, stamp: Optional[regex.Match[str]], header: Header) -> None:
    """The timestamp ``stamp`` of ``line`` as the publication date, unless one is known already."""
    if stamp is not None:
        _set_publish_value(text, line.start + stamp.start(), line.start + stamp.end(), parse_timestamp(stamp), header)


def _set_publish_value(text: str, start: int, end: int, value: Optional[str], header: Header) -> None:
    """``value``, read from ``text[start:end]``, as the publication date, unless one is known already."""
    if header.publish_date is None and value:
        end = start + len(text[start:end].rstrip())
        header.publish_date = value
        header.publish_date_span = Span(start, end, text[start:end])


def _read_dateline(text: str, line: Line, header: Header, patterns: dict[str, regex.Pattern[str]]) -> None:
    match = patterns["dateline"].match(line.text)
    if not match or match.group("value") in _data()["not_a_source"]:
        return
    start, end = line.start + match.start("value"), line.start + match.end("value")
    header.source = match.group("value")
    header.source_span = Span(start, end, text[start:end])
    if header.publish_date is None and match.group("day"):
        _date_from_dateline(text, line, match, header)


def _date_from_dateline(text: str, line: Line, match: regex.Match[str], header: Header) -> None:
    """新华社南宁6月3日电: the filing day is the publication date, when the text states its year."""
    # Imported here: the dates matcher reads the header's labels, not the other way round.
    from qextract.match.dates import year_stated_in

    year = year_stated_in(text)
    month, day = int(match.group("m")), int(match.group("d"))
    try:
        value = _dt.date(year, month, day).isoformat() if year is not None else None
    except ValueError:
        return  # 2月30日: not a day of that year
    if value is not None:
        start, end = line.start + match.start("day"), line.start + match.end("day")
        header.publish_date = value
        header.publish_date_span = Span(start, end, text[start:end])
