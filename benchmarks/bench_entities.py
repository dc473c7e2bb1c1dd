"""Score the entity stage on external NER sets (evaluation only; no data is copied).

    python benchmarks/bench_entities.py [--external ../shared/external] [--split dev|train] [--show N]

CLUENER2020 (research/evaluation use only, no licence): PERSON vs ``name``,
TITLE vs ``position``, ORG vs ``government`` + ``organization``, LOC vs
``address`` (for information). Universal NER zh-PUD (CC BY-SA 3.0), converted
to simplified script with OpenCC: PERSON vs PER, ORG vs ORG, LOC vs LOC.
Exact character spans; micro P/R/F1 over all spans; throughput in chars/s.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

from qextract.entities import DictionaryEntityRecognizer
from qextract.segment.tokenizer import shared_default_tokenizer

CLUENER_LABELS = {
    "PERSON": ("name",),
    "TITLE": ("position",),
    "ORG": ("government", "organization"),
    "LOC": ("address",),
}
UNER_LABELS = {"PERSON": "PER", "ORG": "ORG", "LOC": "LOC"}


def cluener(path: Path) -> list[tuple[str, dict[str, set[tuple[int, int]]]]]:
    sentences = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        gold: dict[str, set[tuple[int, int]]] = defaultdict(set)
        for ours, theirs in CLUENER_LABELS.items():
            for label in theirs:
                for spans in record["label"].get(label, {}).values():
                    for start, end in spans:
                        gold[ours].add((start, end + 1))
        sentences.append((record["text"], gold))
    return sentences


def uner(path: Path) -> list[tuple[str, dict[str, set[tuple[int, int]]]]]:
    import opencc

    converter = opencc.OpenCC("t2s")
    sentences = []
    tokens: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#"):
            continue
        if not line.strip():
            if tokens:
                sentence = _uner_sentence(tokens, converter)
                if sentence is not None:
                    sentences.append(sentence)
            tokens = []
            continue
        columns = line.split("\t")
        tokens.append((columns[1], columns[2]))
    return sentences


def _uner_sentence(tokens, converter):
    text, gold, offset = "", defaultdict(set), 0
    open_label, open_start = None, 0
    for word, tag in tokens + [("", "O")]:
        if open_label and not tag.startswith("I-"):
            ours = {value: key for key, value in UNER_LABELS.items()}.get(open_label)
            if ours:
                gold[ours].add((open_start, offset))
            open_label = None
        if tag.startswith("B-"):
            open_label, open_start = tag[2:], offset
        text += word
        offset += len(word)
    simplified = converter.convert(text)
    if len(simplified) != len(text):
        return None  # a conversion that changes lengths would shift every span
    return simplified, gold


def score(sentences, recognizer, labels, show: int = 0):
    """Counts per label: [hits, gold, predicted, spurious, missed, boundary].

    A boundary error is a prediction that overlaps a gold span of its label
    without matching it; spurious predictions overlap none, missed gold
    spans are overlapped by no prediction.
    """
    counts = {label: [0, 0, 0, 0, 0, 0] for label in labels}
    errors = {label: [] for label in labels}
    chars = 0
    started = time.perf_counter()
    for text, gold in sentences:
        chars += len(text)
        predicted: dict[str, set[tuple[int, int]]] = defaultdict(set)
        for entity in recognizer.recognize(text):
            predicted[entity.label].add((entity.start, entity.end))
        for label in labels:
            hit = gold[label] & predicted[label]
            counts[label][0] += len(hit)
            counts[label][1] += len(gold[label])
            counts[label][2] += len(predicted[label])
            _count_error_classes(counts[label], gold[label], predicted[label])
            if show:
                for start, end in gold[label] - predicted[label]:
                    errors[label].append(f"miss  {text[start:end]}  | {text}")
                for start, end in predicted[label] - gold[label]:
                    errors[label].append(f"extra {text[start:end]}  | {text}")
    elapsed = time.perf_counter() - started
    return counts, errors, chars / elapsed if elapsed else 0.0


def _count_error_classes(row, gold: set, predicted: set) -> None:
    def overlaps(span, spans):
        return any(span[0] < other[1] and other[0] < span[1] for other in spans)

    for span in predicted - gold:
        row[5 if overlaps(span, gold) else 3] += 1
    for span in gold - predicted:
        if not overlaps(span, predicted):
            row[4] += 1


def report(name: str, counts, speed: float, theirs: dict[str, str]) -> None:
    print(f"\n{name}  ({speed:,.0f} chars/s, tokenising included)")
    print(f"{'label':32} {'gold':>6} {'pred':>6} {'P':>6} {'R':>6} {'F1':>6} {'spur.':>6} {'miss':>6} {'bound.':>6}")
    for label, (tp, gold, predicted, spurious, missed, boundary) in counts.items():
        precision = tp / predicted if predicted else 0.0
        recall = tp / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(
            f"{label + ' (' + theirs[label] + ')':32} {gold:>6} {predicted:>6} {precision:6.3f} {recall:6.3f} {f1:6.3f}"
            f" {spurious:>6} {missed:>6} {boundary:>6}"
        )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--external", default=str(Path(__file__).resolve().parents[2] / "shared" / "external"))
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--show", type=int, default=0, help="print N random errors per label")
    args = parser.parse_args()
    external = Path(args.external)
    recognizer = DictionaryEntityRecognizer(shared_default_tokenizer())
    recognizer.recognize("预热")  # load dictionaries before timing
    cluener_file = external / "cluener2020" / f"{args.split}.json"
    if cluener_file.exists():
        counts, errors, speed = score(cluener(cluener_file), recognizer, list(CLUENER_LABELS), args.show)
        report(f"CLUENER2020 {args.split}", counts, speed, {k: "+".join(v) for k, v in CLUENER_LABELS.items()})
        _show(errors, args.show)
    uner_file = external / "uner-zh-pud" / "zh_pud-ud-test.iob2"
    if uner_file.exists():
        counts, errors, speed = score(uner(uner_file), recognizer, list(UNER_LABELS), args.show)
        report("UNER zh-PUD test (t2s)", counts, speed, UNER_LABELS)
        _show(errors, args.show)
    return 0


def _show(errors, count: int) -> None:
    rng = random.Random(0)
    for label, lines in errors.items():
        for line in rng.sample(lines, min(count, len(lines))):
            print(f"  [{label}] {line}")


if __name__ == "__main__":
    sys.exit(main())
