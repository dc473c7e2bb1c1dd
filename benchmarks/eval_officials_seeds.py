"""Officials and bylines on the seed pages, scored against their answer keys.

    python benchmarks/eval_officials_seeds.py [--corpus ../shared/corpus] [--normalise] [-v]

By default the seed text is cleaned approximately (OpenCC t2s, pinyin
annotations and doubled commas removed, full-width ASCII made half-width),
as a matcher would see it; ``--normalise`` uses qextract's own normaliser
instead (and its masked ranges). Scoring uses qextract.evaluate: officials
matched by name, bylines by (name, role); title and organisation agreement
over the matched officials.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import regex

from qextract.evaluate.agreement import field_agreement
from qextract.evaluate.matching import match_records
from qextract.match.bylines import find_bylines
from qextract.match.context import MatchContext
from qextract.match.officials import find_officials
from qextract.segment.tokenizer import shared_default_tokenizer

_PINYIN = regex.compile(r"(?<=\p{Han})\((?:[a-z]|[\u00E0-\u00FC]|[\u0100-\u01DC])+\)")
_DOUBLED_COMMA = regex.compile(r",(?=[,、。;!:?])")


def approximate_clean(raw: str) -> str:
    import opencc

    text = opencc.OpenCC("t2s").convert(raw)
    text = _PINYIN.sub("", text)
    text = "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in text)
    return _DOUBLED_COMMA.sub("", text)


def context_for(raw: str, use_normaliser: bool) -> MatchContext:
    if use_normaliser:
        from qextract.text.normalise import normalise

        clean = normalise(raw)
        return MatchContext(text=clean.text, masked=clean.masked, tokenizer=shared_default_tokenizer())
    return MatchContext(text=approximate_clean(raw), tokenizer=shared_default_tokenizer())


def _prf(tp: int, gold: int, predicted: int) -> tuple[float, float, float]:
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default=str(Path(__file__).resolve().parents[2] / "shared" / "corpus"))
    parser.add_argument("--normalise", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    totals = {"officials": [0, 0, 0], "bylines": [0, 0, 0]}
    agreement = {"titles": [0, 0], "organization": [0, 0]}
    for gold_path in sorted((corpus / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        raw = (corpus / "seeds" / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
        ctx = context_for(raw, args.normalise)
        predicted = {
            "officials": [o.to_dict(encode_json=False) for o in find_officials(ctx)],
            "bylines": [b.to_dict(encode_json=False) for b in find_bylines(ctx)],
        }
        for record_type in totals:
            result = match_records(record_type, gold[record_type], predicted[record_type])
            counts = totals[record_type]
            counts[0] += len(result.pairs)
            counts[1] += len(gold[record_type])
            counts[2] += len(predicted[record_type])
            if record_type == "officials":
                for gold_index, predicted_index in result.pairs:
                    checks = field_agreement("officials", gold[record_type][gold_index], predicted[record_type][predicted_index])
                    for field, ok in checks.items():
                        agreement[field][0] += int(bool(ok))
                        agreement[field][1] += 1
                        if args.verbose and not ok:
                            print(f"  {gold_path.stem} {field}: gold {gold[record_type][gold_index]} "
                                  f"predicted {_short(predicted[record_type][predicted_index])}")
            if args.verbose:
                matched_gold = {g for g, _ in result.pairs}
                matched_predicted = {p for _, p in result.pairs}
                for index, record in enumerate(gold[record_type]):
                    if index not in matched_gold:
                        print(f"  {gold_path.stem} {record_type} missed: {record}")
                for index, record in enumerate(predicted[record_type]):
                    if index not in matched_predicted:
                        print(f"  {gold_path.stem} {record_type} extra: {_short(record)}")
    for record_type, (tp, gold_count, predicted_count) in totals.items():
        precision, recall, f1 = _prf(tp, gold_count, predicted_count)
        print(f"{record_type}: P {precision:.3f} R {recall:.3f} F1 {f1:.3f} (tp {tp}, gold {gold_count}, predicted {predicted_count})")
    for field, (ok, seen) in agreement.items():
        print(f"officials {field} agreement: {ok}/{seen} = {ok / seen if seen else 0:.3f}")
    return 0


def _short(record: dict) -> dict:
    return {key: record.get(key) for key in ("name", "titles", "organization", "role")if key in record}


if __name__ == "__main__":
    sys.exit(main())
