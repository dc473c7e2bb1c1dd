"""Hostile inputs up to 10 MB: time and peak memory against size (the linear-time guarantee, measured).

Each (input, size) runs in a fresh process, so that the peak resident memory
(ru_maxrss) belongs to that one extraction, and the pipeline is warmed up
before the clock starts. The table shows seconds, seconds per MB, and peak MB;
time per MB that stays flat as the size grows is linear time.

Usage:
  python benchmarks/bench_adversarial.py                 # every input at 1, 2.5, 5 and 10 MB
  python benchmarks/bench_adversarial.py --sizes 1 10 --inputs "one character" "digit run"
  python benchmarks/bench_adversarial.py --json results.json

The inputs are the generators of tests/reliability/pathological.py (run from
the repository root).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUTS = (
    "one character",
    "no punctuation",
    "nested parentheses",
    "digit run",
    "year-month-day soup",
    "NUL characters",
    "html page",
)
MEGABYTE = 1_000_000


def measure_one(name: str, size: int) -> dict:
    """Extract one generated input in this process; seconds and peak memory."""
    sys.path.insert(0, str(ROOT))
    from qextract import Pipeline, QextractError
    from tests.reliability.pathological import TEXTS

    pipeline = Pipeline()
    pipeline(TEXTS[name](2_000))  # warm-up: lexicons, tokenizer, lazy imports
    text = TEXTS[name](size)
    start = time.perf_counter()
    cpu_start = time.process_time()
    try:
        document = pipeline(text)
        outcome = f"Document, {len(document.warnings)} warnings"
    except QextractError as error:
        outcome = error.code
    return {
        "input": name,
        "chars": size,
        "seconds": time.perf_counter() - start,
        "cpu_seconds": time.process_time() - cpu_start,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "outcome": outcome,
    }


def _in_fresh_process(name: str, size: int) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--one", name, str(size)], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", type=float, default=[1, 2.5, 5, 10], help="sizes in MB (10^6 characters)")
    parser.add_argument("--inputs", nargs="+", default=list(DEFAULT_INPUTS))
    parser.add_argument("--json", metavar="FILE", help="also write the rows as JSON")
    parser.add_argument("--one", nargs=2, metavar=("INPUT", "CHARS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure_one(args.one[0], int(args.one[1]))))
        return 0
    rows = []
    print("| input | MB | seconds | CPU s per MB | peak RSS MB | outcome |")
    print("|---|---:|---:|---:|---:|---|")
    for name in args.inputs:
        for megabytes in args.sizes:
            row = _in_fresh_process(name, int(megabytes * MEGABYTE))
            rows.append(row)
            print(
                f"| {name} | {megabytes:g} | {row['seconds']:.2f} | {row['cpu_seconds'] / megabytes:.2f} "
                f"| {row['peak_mb']:.0f} | {row['outcome']} |",
                flush=True,
            )
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
