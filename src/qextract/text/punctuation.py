"""Commas that a broken converter inserted before other punctuation: `,,` `,、` `,。`."""

from __future__ import annotations

import regex

from qextract.text.offsets import Edit

# A comma directly followed by another mark is an insertion: written Chinese
# never puts a comma before 、。;!? or a second comma.
_SPURIOUS_COMMA = regex.compile(r"[,，](?=[,，、。;；!！?？:：])")


def remove_spurious_commas(text: str) -> list[Edit]:
    """``,,`` -> ``,``; ``,、`` -> ``、``; ``,。`` -> ``。``; ``,;`` -> ``;``; ``,!`` -> ``!``."""
    return [Edit(m.start(), m.end()) for m in _SPURIOUS_COMMA.finditer(text)]
