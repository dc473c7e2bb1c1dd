"""Optional libraries for the integration tests.

Without an extra installed, its tests are skipped, so the basic test
command passes on a fresh machine. CI installs every extra and sets
QEXTRACT_REQUIRE_EXTRAS=1: there a missing library fails the run instead of
quietly skipping the tests that need it.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

import pytest

REQUIRE_EXTRAS = os.environ.get("QEXTRACT_REQUIRE_EXTRAS") == "1"


def needs(module: str) -> ModuleType:
    if REQUIRE_EXTRAS:
        return importlib.import_module(module)
    return pytest.importorskip(module)
