"""Full-width forms and spaced-out dates."""

from __future__ import annotations

import regex

from qextract.text.offsets import Edit

# Full-width ASCII (U+FF01..U+FF5E) and the ideographic space map one to one
# onto ASCII, so the text keeps its length. Other NFKC folds are not safe
# here: ① would become a bare digit and … would change length.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20


def to_halfwidth(text: str) -> str:
    """``２０２５年`` -> ``2025年``; ``，`` -> ``,``; ideographic space -> space."""
    return text.translate(_FULLWIDTH)


# Spaces scrapers put inside numeric dates and times: 2025- 02- 25 09: 18,
# 2024 年 3 月 5 日. The space between the date and the clock time stays.
# Tabs are not spaces here: a tab keeps two table cells apart (12.9<tab>-3.5).
_SPACED_DATE = regex.compile(
    r"(?<=\d[-/.:]) {1,4}(?=\d)"
    r"|(?<=\d) {1,4}(?=[-/:] {0,4}\d)"
    r"|(?<=\d) {1,4}(?=[年月日时点分])"
    r"|(?<=\d {0,4}[年月]) {1,4}(?=\d)"
)


def join_spaced_dates(text: str) -> list[Edit]:
    """``2025- 02- 25 09: 18`` -> ``2025-02-25 09:18``."""
    return [Edit(m.start(), m.end()) for m in _SPACED_DATE.finditer(text)]
