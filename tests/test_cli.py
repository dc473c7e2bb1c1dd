"""The command line, run in-process and as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from qextract.cli import main

from .conftest import ARTICLES


def test_extract_jsonl_one_line_per_file(tmp_path: Path, capsys) -> None:
    output = tmp_path / "out.jsonl"
    assert main(["extract", str(ARTICLES[0].parent), "--jsonl", "-o", str(output)]) == 0
    lines = output.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(ARTICLES)
    ids = [json.loads(line)["id"] for line in lines]
    assert ids == [path.stem for path in ARTICLES]


def test_unreadable_file_is_an_error_record_and_a_failure(tmp_path: Path, capsys) -> None:
    binary = tmp_path / "broken.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    missing = tmp_path / "missing.txt"
    code = main(["extract", str(binary), str(missing), str(ARTICLES[0]), "--jsonl"])
    assert code == 1
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [record["id"] for record in records] == ["broken", "missing", ARTICLES[0].stem]
    assert "E001" in records[0]["error"] and "E001" in records[1]["error"]
    assert "error" not in records[2]


def test_summary_output(capsys) -> None:
    assert main(["extract", str(ARTICLES[0])]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"== {ARTICLES[0].stem}")
    assert "title:" in out


def test_schema_command(capsys) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "officials" in schema["properties"]


def test_stdin_and_evaluate_as_subprocesses(tmp_path: Path) -> None:
    text = ARTICLES[0].read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "qextract", "extract", "-", "--jsonl"], input=text, capture_output=True, check=True
    )
    assert json.loads(result.stdout)["id"] == "stdin"
    gold_dir = ARTICLES[0].parent.parent / "gold"
    result = subprocess.run(
        [sys.executable, "-m", "qextract", "evaluate", str(gold_dir), "--texts", str(ARTICLES[0].parent)],
        capture_output=True,
        check=True,
        text=True,
    )
    assert "officials" in result.stdout and "F1" in result.stdout
