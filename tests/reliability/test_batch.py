"""Batch guarantees of ``qextract extract``: one output record per input, line by line, and --resume.

The kill test runs the real command in a subprocess over a few hundred
generated documents, kills it mid-way (SIGKILL: no clean-up runs), tears the
last line as an interrupted write would, resumes, and checks that the output
holds every input exactly once, in input order.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qextract.cli import main

from .support import ARTICLE_TEXTS

DOCUMENTS = 150


def _jsonl_input(path: Path, count: int) -> list[str]:
    """``count`` records built from article pieces, a few of them broken; the ids the output must carry."""
    chooser = random.Random(11)
    ids = []
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            if number % 50 == 7:
                handle.write("{not json\n")
                ids.append(f"{path.stem}:{number + 1}")
                continue
            article = chooser.choice(ARTICLE_TEXTS)
            start = chooser.randrange(len(article))
            record = {"doc_id": f"d{number:04d}", "body": article[start : start + 1500], "day": "2024-05-01"}
            if number % 50 == 21:
                record["body"] = 42  # not a text: an error record
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            ids.append(f"d{number:04d}")
    return ids


def _ids(output: Path) -> list[str]:
    return [json.loads(line)["id"] for line in output.read_text(encoding="utf-8").splitlines()]


def _command(source: Path, output: Path, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "qextract", "extract", str(source), "--jsonl", "-o", str(output),
        "--id-field", "doc_id", "--text-field", "body", "--publish-date-field", "day", *extra,
    ]


def test_jsonl_fields_and_error_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, output = tmp_path / "batch.jsonl", tmp_path / "out.jsonl"
    expected = _jsonl_input(source, 60)
    code = main(_command(source, output)[3:])
    assert code == 1  # some records failed
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [record["id"] for record in records] == expected
    failed = [record for record in records if "error" in record]
    assert len(failed) == 3 and all(record["error"].startswith("[E001]") for record in failed)
    assert all(record["publish_date"] == "2024-05-01" for record in records if "error" not in record)


def test_files_one_record_each(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE_TEXTS[0], encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(bytes(range(256)) * 50)
    (tmp_path / "c.html").write_text("<p>" + ARTICLE_TEXTS[1] + "</p>", encoding="utf-8")
    (tmp_path / "d.jsonl").write_text(json.dumps({"text": ARTICLE_TEXTS[2]}, ensure_ascii=False) + "\n", encoding="utf-8")
    output = tmp_path / "out" / "all.jsonl"
    output.parent.mkdir()
    assert main(["extract", str(tmp_path), str(tmp_path / "missing.txt"), "--jsonl", "-o", str(output)]) == 1
    records = {record["id"]: record for record in map(json.loads, output.read_text(encoding="utf-8").splitlines())}
    assert list(records) == ["a", "b", "c", "d:1", "missing"]
    assert "error" in records["b"] and "error" in records["missing"] and "error" not in records["c"]


def test_killed_run_resumes_without_duplicates_or_gaps(tmp_path: Path) -> None:
    source, output = tmp_path / "crawl.jsonl", tmp_path / "out.jsonl"
    expected = _jsonl_input(source, DOCUMENTS)
    run = subprocess.Popen(_command(source, output), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while _lines(output) < DOCUMENTS // 5 and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        run.send_signal(signal.SIGKILL)
    finally:
        run.wait()
    written = _lines(output)
    assert 0 < written < DOCUMENTS, "the run was not stopped mid-way"
    with output.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "d0999", "title": "an interrupted wri')  # a torn last line
    resumed = subprocess.run(_command(source, output, "--resume"), capture_output=True, text=True)
    assert resumed.returncode == 1, resumed.stderr  # the broken inputs are error records
    ids = _ids(output)
    assert ids == expected
    assert len(ids) == len(set(ids)) == DOCUMENTS


def test_resuming_a_finished_run_adds_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, output = tmp_path / "small.jsonl", tmp_path / "out.jsonl"
    expected = _jsonl_input(source, 10)
    main(_command(source, output)[3:])
    before = output.read_bytes()
    main(_command(source, output, "--resume")[3:])
    assert output.read_bytes() == before and _ids(output) == expected


def test_resume_refuses_another_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second, output = tmp_path / "first.jsonl", tmp_path / "second.jsonl", tmp_path / "out.jsonl"
    _jsonl_input(first, 5)
    second.write_text(json.dumps({"doc_id": "other", "body": "质量"}) + "\n", encoding="utf-8")
    main(_command(first, output)[3:])
    assert main(_command(second, output, "--resume")[3:]) == 2
    assert "cannot resume" in capsys.readouterr().err


def test_resume_needs_a_jsonl_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "-", "--resume"]) == 2


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0
