"""``qextract extract`` at scale: glob patterns, worker processes, the progress line, Parquet output.

Most tests run the real command in a subprocess: a quoted glob, a process
pool, a terminal and a missing optional library are only real there.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path


from qextract.cli import expand_globs, main
from qextract.progress import Progress, wants_progress

from .conftest import ARTICLES
from .integrations.extras import needs

ROOT = Path(__file__).resolve().parent.parent
COMMAND = [sys.executable, "-m", "qextract", "extract"]


def _run(*args: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, *args], capture_output=True, text=True, timeout=300, **options)


def _tree(root: Path) -> list[Path]:
    """A nested folder of articles; the text files in walking order."""
    files = []
    for index, article in enumerate(ARTICLES[:4]):
        folder = root / ("a" if index < 2 else "b/deep")
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"art{index}.txt"
        target.write_bytes(article.read_bytes())
        files.append(target)
    (root / "a" / "notes.md").write_text("not an input", encoding="utf-8")
    return files


def _jsonl_with_a_broken_line(path: Path) -> list[str]:
    lines = []
    for index, article in enumerate(ARTICLES[:5]):
        lines.append(json.dumps({"key": f"k{index}", "body": article.read_text(encoding="utf-8")[:2000]}, ensure_ascii=False))
    lines.insert(2, "{this is not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ["k0", "k1", f"{path.stem}:3", "k2", "k3", "k4"]


# -- globs ---------------------------------------------------------------------


def test_recursive_pattern_matches_files_at_every_depth(tmp_path: Path) -> None:
    files = _tree(tmp_path)
    found = list(expand_globs([str(tmp_path / "**" / "*.txt")]))
    assert sorted(found) == sorted(str(path) for path in files)


def test_directory_matches_do_not_repeat_their_files(tmp_path: Path) -> None:
    _tree(tmp_path)
    # "**" matches the folder itself and every folder below it: only the top one is kept
    assert list(expand_globs([str(tmp_path / "**")])) == [str(tmp_path) + os.sep]


def test_pattern_skips_the_output_and_keeps_plain_names(tmp_path: Path) -> None:
    files = _tree(tmp_path)
    output = tmp_path / "a" / "zz.txt"
    output.write_text("", encoding="utf-8")
    assert list(expand_globs([str(tmp_path / "a" / "*.txt")], output)) == [str(path) for path in files[:2]]
    literal = tmp_path / "odd[1].txt"
    literal.write_text("x", encoding="utf-8")
    assert list(expand_globs([str(literal), "-"])) == [str(literal), "-"]


def test_pattern_without_matches_becomes_an_error_record(tmp_path: Path, capsys) -> None:
    assert main(["extract", str(tmp_path / "nothing*.txt"), "--jsonl", "-q"]) == 1
    record = json.loads(capsys.readouterr().out)
    assert "E001" in record["error"]


def test_quoted_pattern_is_expanded_by_the_command(tmp_path: Path) -> None:
    files = _tree(tmp_path)
    result = _run(str(tmp_path / "**" / "art[0-2].txt"), "--jsonl")  # no shell: the pattern arrives as written
    assert result.returncode == 0, result.stderr
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert sorted(ids) == sorted(path.stem for path in files[:3])


# -- workers -------------------------------------------------------------------


def test_workers_give_the_same_output_in_the_same_order(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.jsonl"
    expected_ids = _jsonl_with_a_broken_line(crawl)
    missing = tmp_path / "missing.txt"
    args = [str(crawl), str(missing), str(ARTICLES[5]), "--jsonl", "--text-field", "body", "--id-field", "key"]
    single = _run(*args, "-o", str(tmp_path / "one.jsonl"))
    parallel = _run(*args, "-o", str(tmp_path / "two.jsonl"), "--workers", "2")
    assert single.returncode == parallel.returncode == 1  # the broken line and the missing file
    one = (tmp_path / "one.jsonl").read_text(encoding="utf-8")
    two = (tmp_path / "two.jsonl").read_text(encoding="utf-8")
    assert [json.loads(line)["id"] for line in two.splitlines()] == expected_ids + ["missing", ARTICLES[5].stem]
    assert two == one


def test_resume_with_workers_completes_an_interrupted_run(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.jsonl"
    _jsonl_with_a_broken_line(crawl)
    args = [str(crawl), "--jsonl", "--text-field", "body", "--id-field", "key", "--workers", "2"]
    complete = tmp_path / "complete.jsonl"
    assert _run(*args, "-o", str(complete)).returncode == 1
    lines = complete.read_text(encoding="utf-8").splitlines(keepends=True)
    interrupted = tmp_path / "interrupted.jsonl"
    interrupted.write_text("".join(lines[:2]) + lines[2][:15], encoding="utf-8")  # a torn third line
    assert _run(*args, "-o", str(interrupted), "--resume").returncode == 1
    assert interrupted.read_text(encoding="utf-8") == "".join(lines)


def test_workers_must_be_positive(capsys) -> None:
    assert main(["extract", str(ARTICLES[0]), "--workers", "0"]) == 2
    assert "--workers" in capsys.readouterr().err


# -- progress ------------------------------------------------------------------


class _Terminal:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return True


def test_progress_repaints_at_most_every_interval() -> None:
    now = [0.0]
    terminal = _Terminal()
    progress = Progress(terminal, clock=lambda: now[0])
    for _ in range(100):  # all at the same instant: one repaint
        progress.update()
    now[0] = 2.0
    progress.update(failed=True)
    progress.close()
    assert terminal.text.count("\r") == 3
    assert "101 documents" in terminal.text and "50.5 docs/s" in terminal.text and "1 failed" in terminal.text
    assert terminal.text.endswith("\n")


def test_progress_only_on_a_terminal_and_not_quiet() -> None:
    assert wants_progress(_Terminal(), quiet=False)
    assert not wants_progress(_Terminal(), quiet=True)
    assert not wants_progress(open(os.devnull, "w"), quiet=False)


def _stderr_on_a_terminal(*args: str) -> str:
    """The command's standard error, written to a pseudo-terminal."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen([*COMMAND, *args], stdout=subprocess.DEVNULL, stderr=terminal)
    os.close(terminal)
    seen = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed: the command ended
            break
        if not chunk:
            break
        seen += chunk
    os.close(controller)
    assert process.wait(timeout=300) == 0
    return seen.decode("utf-8", errors="replace")


def test_progress_bar_on_a_terminal_not_when_quiet_or_piped(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for article in ARTICLES[:2]:  # each run is a fresh interpreter: the start-up, not the articles, is the cost
        (inputs / article.name).write_bytes(article.read_bytes())
    folder = str(inputs)
    shown = _stderr_on_a_terminal(folder, "--jsonl", "-o", str(tmp_path / "a.jsonl"))
    assert "2 documents" in shown and "docs/s" in shown
    quiet = _stderr_on_a_terminal(folder, "--jsonl", "-o", str(tmp_path / "b.jsonl"), "--quiet")
    assert "docs/s" not in quiet
    piped = _run(folder, "--jsonl", "-o", str(tmp_path / "c.jsonl"))
    assert piped.returncode == 0 and "docs/s" not in piped.stderr


# -- output formats ------------------------------------------------------------


def test_jsonl_flag_is_format_jsonl(capsys) -> None:
    main(["extract", str(ARTICLES[0]), "--jsonl"])
    flag = capsys.readouterr().out
    main(["extract", str(ARTICLES[0]), "--format", "jsonl"])
    assert capsys.readouterr().out == flag
    assert json.loads(flag)["id"] == ARTICLES[0].stem


def test_parquet_needs_an_output_file(capsys) -> None:
    assert main(["extract", str(ARTICLES[0]), "--format", "parquet"]) == 2
    assert "-o FILE" in capsys.readouterr().err


def test_parquet_one_row_per_document(tmp_path: Path, capsys) -> None:
    parquet = needs("pyarrow.parquet")
    crawl = tmp_path / "crawl.jsonl"
    expected_ids = _jsonl_with_a_broken_line(crawl)
    output = tmp_path / "out.parquet"
    args = [str(crawl), "--text-field", "body", "--id-field", "key", "-q"]
    assert main(["extract", *args, "--format", "parquet", "-o", str(output)]) == 1
    assert main(["extract", *args, "--format", "jsonl", "-o", str(tmp_path / "out.jsonl")]) == 1
    documents = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = parquet.read_table(output).to_pylist()
    assert [row["id"] for row in rows] == expected_ids
    for row, document in zip(rows, documents):
        assert json.loads(row["document"]) == document
        assert row["error"] == document.get("error")
        assert row["title"] == document.get("title")
        assert json.loads(row["officials"]) == document.get("officials", [])
    assert any(json.loads(row["officials"]) for row in rows)


def test_missing_pyarrow_names_the_extra(tmp_path: Path) -> None:
    blocker = tmp_path / "block"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(
        "import sys\n"
        "class _NoPyarrow:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'pyarrow' or name.startswith('pyarrow.'):\n"
        "            raise ImportError('pyarrow is blocked for this test')\n"
        "        return None\n"
        "sys.meta_path.insert(0, _NoPyarrow())\n",
        encoding="utf-8",
    )
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(blocker), os.environ.get("PYTHONPATH")]))}
    output = tmp_path / "out.parquet"
    result = _run(str(ARTICLES[0]), "--format", "parquet", "-o", str(output), env=environment)
    assert result.returncode == 2
    assert "E003" in result.stderr and "qextract[parquet]" in result.stderr
    assert "Traceback" not in result.stderr
    assert not output.exists()
