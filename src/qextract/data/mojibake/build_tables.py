"""Regenerate the tables in this folder (run by hand; not imported).

    python src/qextract/data/mojibake/build_tables.py

Sources:
- jieba's ``dict.txt`` (MIT licence): word frequencies from which character
  frequencies and the list of two- and three-character words are derived.
- OpenCC's character conversion tables (Apache-2.0), through the ``opencc``
  package: which GBK characters fold to which simplified one, and which
  simplified characters traditional text writes differently.
"""

from __future__ import annotations

import collections
import os
from pathlib import Path

import jieba
import opencc

HERE = Path(__file__).resolve().parent
JIEBA_DICT = Path(jieba.__file__).resolve().parent / "dict.txt"

# jieba lists thousands of obsolete single characters tagged ``zg`` with
# frequencies that do not reflect modern use; they would make rare characters
# look common.
_IGNORED_SINGLE_TAGS = {"zg"}
_MIN_CHAR_COUNT = 3
_MIN_WORD_COUNT = 60


def _jieba_entries():
    with open(JIEBA_DICT, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 2:
                yield parts[0], int(parts[1]), parts[2] if len(parts) > 2 else ""


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def _gbk_han() -> list[str]:
    chars = []
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                char = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            if _is_han(char):
                chars.append(char)
    return chars


def build_char_frequency() -> collections.Counter:
    counts: collections.Counter = collections.Counter()
    for word, count, tag in _jieba_entries():
        if len(word) == 1 and tag in _IGNORED_SINGLE_TAGS:
            continue
        for char in word:
            if _is_han(char):
                counts[char] += count
    return counts


def build_traditional_map() -> dict[str, str]:
    to_simplified = opencc.OpenCC("t2s")
    chars = _gbk_han()
    converted = to_simplified.convert("\n".join(chars)).split("\n")
    return {
        trad: simp
        for trad, simp in zip(chars, converted)
        if len(simp) == 1 and simp != trad
    }


def build_simplified_only() -> list[str]:
    """Simplified characters that traditional text writes differently."""
    to_traditional = opencc.OpenCC("s2t")
    chars = _gbk_han()
    converted = to_traditional.convert("\n".join(chars)).split("\n")
    return sorted(simp for simp, trad in zip(chars, converted) if trad != simp)


def build_short_words() -> dict[str, int]:
    words: dict[str, int] = {}
    for word, count, _ in _jieba_entries():
        if len(word) in (2, 3) and count >= _MIN_WORD_COUNT and all(_is_han(c) for c in word):
            words[word] = max(count, words.get(word, 0))
    return words


def main() -> None:
    counts = build_char_frequency()
    with open(HERE / "char_frequency.tsv", "w", encoding="utf-8") as out:
        for char, count in counts.most_common():
            if count >= _MIN_CHAR_COUNT:
                out.write(f"{char}\t{count}\n")
    with open(HERE / "traditional.tsv", "w", encoding="utf-8") as out:
        for trad, simp in sorted(build_traditional_map().items()):
            out.write(f"{trad}\t{simp}\n")
    with open(HERE / "simplified_only.txt", "w", encoding="utf-8") as out:
        out.write("\n".join(build_simplified_only()) + "\n")
    with open(HERE / "words.tsv", "w", encoding="utf-8") as out:
        for word, count in sorted(build_short_words().items()):
            out.write(f"{word}\t{count}\n")
    for name in ("char_frequency.tsv", "traditional.tsv", "simplified_only.txt", "words.tsv"):
        print(name, os.path.getsize(HERE / name))


if __name__ == "__main__":
    main()
