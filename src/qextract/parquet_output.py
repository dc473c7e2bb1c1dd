"""Parquet output for ``qextract extract --format parquet`` (needs pyarrow: extra ``parquet``).

One row per document: ``id``, ``title``, ``publish_date``, ``source``,
``error``, one column per record type holding that type's records as a JSON
array, and ``document``, the whole Document JSON (what ``--format jsonl``
writes). Rows are buffered and written a row group at a time, so memory stays
flat on large runs; the file is complete once it is closed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

from qextract.errors import MissingBackendError
from qextract.records import RECORD_TYPES

SCALAR_COLUMNS = ("id", "title", "publish_date", "source", "error")
COLUMNS = SCALAR_COLUMNS + tuple(RECORD_TYPES) + ("document",)
ROWS_PER_GROUP = 512


def require_pyarrow() -> Any:
    """The ``pyarrow.parquet`` module, or MissingBackendError naming the extra to install."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise MissingBackendError(
            f"--format parquet needs pyarrow ({exc}); install it with: pip install 'qextract[parquet]'"
        ) from None
    return pyarrow


class ParquetLines:
    """A file-like sink taking Document JSON lines (as ``--format jsonl`` renders them) and writing Parquet rows.

    Taking lines keeps one serialisation path: a document that cannot be
    serialised is already an error record in its line.
    """

    def __init__(self, path: Path, rows_per_group: int = ROWS_PER_GROUP) -> None:
        pyarrow = require_pyarrow()
        self._pyarrow = pyarrow
        self._schema = pyarrow.schema([(name, pyarrow.string()) for name in COLUMNS])
        self._writer: Optional[Any] = pyarrow.parquet.ParquetWriter(str(path), self._schema)
        self._rows: list[dict[str, Optional[str]]] = []
        self._rows_per_group = rows_per_group

    def write(self, line: str) -> int:
        self._rows.append(document_row(line))
        if len(self._rows) >= self._rows_per_group:
            self._write_group()
        return len(line)

    def flush(self) -> None:
        """Rows are written a group at a time; a Parquet file cannot grow line by line."""

    def close(self) -> None:
        if self._writer is None:
            return
        self._write_group()
        self._writer.close()
        self._writer = None

    def _write_group(self) -> None:
        if self._rows and self._writer is not None:
            self._writer.write_table(self._pyarrow.Table.from_pylist(self._rows, schema=self._schema))
            self._rows = []


def document_row(line: str) -> dict[str, Optional[str]]:
    """The Parquet row of one Document JSON line."""
    data = json.loads(line)
    row: dict[str, Optional[str]] = {name: _text(data.get(name)) for name in SCALAR_COLUMNS}
    for record_type in RECORD_TYPES:
        row[record_type] = json.dumps(data.get(record_type) or [], ensure_ascii=False)
    row["document"] = line.rstrip("\n")
    return row


def _text(value: object) -> Optional[str]:
    return None if value is None else str(value)
