"""No side doors: no network, no eval/pickle of input, no writes, and the package works installed read-only.

Two kinds of check. Statically, no module of the package imports a network,
serialisation or process module or calls eval/exec/compile (a short, argued
allowlist aside). At run time, a subprocess imports qextract from a read-only
copy of the package, with HOME and TMPDIR read-only, and extracts hostile and
ordinary texts under an audit hook (PEP 578) that records every attempt to
open a file for writing, open a socket, start a process, or load marshal or
pickle data.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import qextract

PACKAGE = Path(qextract.__file__).resolve().parent
_FORBIDDEN_MODULES = {
    "pickle", "cPickle", "dill", "marshal", "shelve", "socket", "ssl", "urllib", "http", "ftplib", "smtplib",
    "requests", "httpx", "aiohttp", "subprocess", "xmlrpc", "telnetlib",
}
_FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}
# Modules allowed a forbidden import, and why (none needs one today).
_ALLOWED: dict[str, str] = {}


def _modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts)


def _violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        found += [f"imports {name}" for name in names if name.split(".")[0] in _FORBIDDEN_MODULES]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FORBIDDEN_CALLS:
            found.append(f"calls {node.func.id}() at line {node.lineno}")
        if isinstance(node, ast.Attribute) and node.attr in {"system", "popen", "urlopen"}:
            found.append(f"uses .{node.attr} at line {node.lineno}")
    return found


def test_no_module_imports_a_network_serialisation_or_process_module() -> None:
    problems = {}
    for path in _modules():
        relative = path.relative_to(PACKAGE).as_posix()
        if relative not in _ALLOWED and (found := _violations(path)):
            problems[relative] = found
    assert not problems


PROBE = r"""
import json, os, sys

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
WATCHED = ("socket.", "subprocess.", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
           "marshal.load", "pickle.", "shutil.", "os.remove", "os.rename", "os.mkdir", "os.chmod")
events = []
importing = True


def hook(event, args):
    if event == "open":
        path, mode, flags = args
        if (isinstance(mode, str) and any(c in mode for c in "wax+")) or (isinstance(flags, int) and flags & WRITE_FLAGS):
            events.append(["write", str(path)])
    elif event.startswith(WATCHED) and event != "marshal.loads":
        events.append([event, repr(args)[:160]])
    elif event in ("exec", "compile") and not importing and not from_a_module_file(event, args):
        events.append([event, repr(args)[:160]])


def from_a_module_file(event, args):
    # a module imported lazily (a codec, say) runs its own file: not text from the input
    filename = args[0].co_filename if event == "exec" else args[1]
    return isinstance(filename, str) and os.path.isfile(filename)


sys.addaudithook(hook)
import qextract

pipeline = qextract.Pipeline()
texts = json.loads(sys.stdin.read())
pipeline(texts[0])  # warm up: the lazy imports of the first document run here
importing = False
documents = []
for text in texts:
    try:
        documents.append(pipeline(text))
    except qextract.QextractError as error:
        documents.append(None)
print(json.dumps({
    "package": qextract.__file__,
    "events": events,
    "officials": [[o.name for o in d.officials] if d else None for d in documents],
}, ensure_ascii=False))
"""

HOSTILE = [
    "__import__('os').system('touch /tmp/qextract-was-here')",
    "eval(compile('1', 'x', 'eval'))",
    "\x80\x04\x95cos\nsystem\n.",  # the start of a pickle
    "<script>fetch('http://example.invalid/')</script><p>http://example.invalid/</p>",
]


def _read_only(path: Path) -> None:
    for child in [path, *path.rglob("*")]:
        mode = child.stat().st_mode
        child.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


@pytest.fixture(scope="module")
def read_only_install(tmp_path_factory: pytest.TempPathFactory):
    """The package copied as an installer would place it, and a home and temp dir, all read-only."""
    root = tmp_path_factory.mktemp("read_only")
    site = root / "site"
    shutil.copytree(PACKAGE, site / "qextract", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("home", "tmp", "work"):
        (root / name).mkdir()
    for path in (site, root / "home", root / "tmp", root / "work"):
        _read_only(path)
    yield root
    for child in [root, *root.rglob("*")]:  # let pytest clean up
        child.chmod(child.stat().st_mode | stat.S_IWUSR)


def test_extraction_from_a_read_only_install_writes_nothing(read_only_install: Path) -> None:
    from .support import ARTICLE_TEXTS

    root = read_only_install
    env = {key: value for key, value in os.environ.items() if not key.startswith(("XDG_", "PYTHON"))}
    env.update(
        HOME=str(root / "home"), TMPDIR=str(root / "tmp"), PYTHONPATH=str(root / "site"),
        # the interpreter's own bytecode cache is Python's, not qextract's; keep it out of the record
        PYTHONDONTWRITEBYTECODE="1",
    )
    texts = [*ARTICLE_TEXTS[:3], *HOSTILE]
    result = subprocess.run(
        [sys.executable, "-c", PROBE], input=json.dumps(texts), capture_output=True, text=True,
        cwd=root / "work", env=env, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert report["package"].startswith(str(root / "site"))
    assert report["events"] == []
    assert all(report["officials"][:3])  # it did extract
    assert not Path("/tmp/qextract-was-here").exists()
