"""The public API passes ``mypy --strict``, as do the integration modules whose libraries are installed."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integrations.extras import REQUIRE_EXTRAS

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "qextract"
PUBLIC = [
    "__init__.py",
    "pipeline.py",
    "records.py",
    "errors.py",
    "frames.py",
    "display.py",
    "ray.py",
    "entities/types.py",
    "entities/backends.py",
    "entities/hanlp_backend.py",
]
# Modules that import their library at the top: checked where it is installed.
NEEDS_LIBRARY = {
    "serve.py": "fastapi",
    "integrations/spacy_component.py": "spacy",
    "entities/spacy_backend.py": "spacy",
}


def _installed(module: str) -> bool:
    return REQUIRE_EXTRAS or importlib.util.find_spec(module) is not None


def test_public_api_passes_mypy_strict(tmp_path):
    pytest.importorskip("mypy")
    files = [str(SRC / name) for name in PUBLIC]
    files += [str(SRC / name) for name, library in NEEDS_LIBRARY.items() if _installed(library)]
    files.append(str(ROOT / "tests" / "typecheck" / "usage.py"))
    # A child process: mypy's own exit skips tearing down its (large) state.
    command = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), "--config-file", str(ROOT / "pyproject.toml")]
    result = subprocess.run(command + files, capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
