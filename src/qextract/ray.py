"""qextract over a Ray Data dataset, for corpora beyond one machine (extra ``qextract[ray]``).

    import ray, qextract.ray
    ray.init(address="auto")                         # or ray.init() on one machine
    pages = ray.data.read_parquet("s3://bucket/crawl/")
    out = qextract.ray.extract_dataset(pages, text_column="body", id_column="url", workers=16)
    out.write_parquet("s3://bucket/records/")

Each worker is an actor built once with its own :class:`~qextract.Pipeline`
(``map_batches`` with a callable class and ``ActorPoolStrategy``), so the
lexicons and jieba load once per worker, not once per batch. The input
columns come back unchanged, plus one column per record type (a list of
record structs, the JSON contract's shape with fixed Arrow types, or a
JSON string with ``as_json=True``), and ``title``, ``publish_date``,
``source``, ``error``, ``warnings``; an input column of the same name is
replaced. On one machine ``Pipeline.pipe(texts, n_process=N)`` is
faster: Ray pays off when the work spreads over several.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from typing import Any, Optional, Sequence, Union

from qextract.errors import ConfigError, MissingBackendError
from qextract.pipeline import Pipeline, PipelineConfig
from qextract.records import RECORD_TYPES, Document, ExtractionWarning

HEADER_COLUMNS = ("title", "publish_date", "source", "error", "warnings")


def _ray_data() -> Any:
    try:
        import ray.data
    except ImportError as exc:
        raise MissingBackendError(
            "qextract.ray needs the package 'ray' (with Ray Data), which is not installed; "
            "install it with: pip install 'qextract[ray]'"
        ) from exc
    return ray.data


def arrow_type(annotation: Any) -> Any:
    """The Arrow type of a record field, from its annotation (records are dataclasses)."""
    import pyarrow

    scalars = {str: pyarrow.string(), int: pyarrow.int64(), float: pyarrow.float64(), bool: pyarrow.bool_()}
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        (inner,) = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return arrow_type(inner)
    if origin is list:
        (item,) = typing.get_args(annotation)
        return pyarrow.list_(arrow_type(item))
    if annotation in scalars:
        return scalars[annotation]
    if dataclasses.is_dataclass(annotation):
        hints = typing.get_type_hints(annotation)
        fields = dataclasses.fields(annotation)
        return pyarrow.struct([(field.name, arrow_type(hints[field.name])) for field in fields])
    raise TypeError(f"no Arrow type for {annotation!r}")


def output_types(record_types: Sequence[str], as_json: bool) -> dict[str, Any]:
    """Column name -> Arrow type of every column the extraction adds; the same for every block."""
    import pyarrow

    columns: dict[str, Any] = {
        "title": pyarrow.string(),
        "publish_date": pyarrow.string(),
        "source": pyarrow.string(),
        "error": pyarrow.string(),
        "warnings": pyarrow.list_(arrow_type(ExtractionWarning)),
    }
    for record_type in record_types:
        columns[record_type] = pyarrow.string() if as_json else pyarrow.list_(arrow_type(RECORD_TYPES[record_type]))
    return columns


class ExtractBatch:
    """The callable class Ray runs in each actor: builds the pipeline once, then maps batches.

    Batches are Arrow tables; the added columns have fixed types
    (:func:`output_types`), so every block of the result has one schema
    and writes to Parquet as it is.
    """

    def __init__(
        self,
        text_column: str,
        id_column: Optional[str],
        publish_date_column: Optional[str],
        records: Optional[Sequence[str]],
        max_chars: int,
        as_json: bool,
    ) -> None:
        self.text_column = text_column
        self.id_column = id_column
        self.publish_date_column = publish_date_column
        self.record_types = tuple(records) if records is not None else tuple(RECORD_TYPES)
        self.as_json = as_json
        self.types = output_types(self.record_types, as_json)
        self.pipeline = Pipeline(records, max_chars=max_chars)

    def __call__(self, batch: Any) -> Any:
        import pyarrow

        texts = batch.column(self.text_column).to_pylist()
        ids = batch.column(self.id_column).to_pylist() if self.id_column else [None] * len(texts)
        dates = batch.column(self.publish_date_column).to_pylist() if self.publish_date_column else [None] * len(texts)
        values: dict[str, list[Any]] = {name: [] for name in self.types}
        for text, doc_id, date in zip(texts, ids, dates):
            item = {"text": _text(text), "id": _optional_str(doc_id), "publish_date": _optional_str(date)}
            self._append(values, self.pipeline.safe_call(item))
        table = batch.drop_columns([name for name in self.types if name in batch.column_names])
        for name, column in values.items():
            table = table.append_column(name, pyarrow.array(column, type=self.types[name]))
        return table

    def _append(self, values: dict[str, list[Any]], document: Document) -> None:
        values["title"].append(document.title)
        values["publish_date"].append(document.publish_date)
        values["source"].append(document.source)
        values["error"].append(document.error)
        values["warnings"].append([dataclasses.asdict(warning) for warning in document.warnings])
        for record_type in self.record_types:
            records = [dataclasses.asdict(record) for record in getattr(document, record_type)]
            values[record_type].append(json.dumps(records, ensure_ascii=False) if self.as_json else records)


def extract_dataset(
    ds: Any,
    *,
    text_column: str = "text",
    id_column: Optional[str] = None,
    publish_date_column: Optional[str] = None,
    records: Optional[Sequence[str]] = None,
    workers: int = 2,
    batch_size: int = 64,
    num_cpus: float = 1,
    max_chars: int = PipelineConfig.max_chars,
    as_json: bool = False,
) -> Any:
    """A lazy Ray Dataset: ``ds`` with the records of each row's text added as columns.

    ``workers`` actors run at once (``ActorPoolStrategy(size=workers)``),
    each using ``num_cpus``. A row whose text cannot be read gets its
    message in ``error`` and empty records; the run goes on.
    """
    data = _ray_data()
    if workers < 1 or batch_size < 1:
        raise ConfigError("workers and batch_size must be at least 1")
    PipelineConfig(tuple(records) if records is not None else tuple(RECORD_TYPES), max_chars)  # fail early on bad names
    return ds.map_batches(
        ExtractBatch,
        fn_constructor_kwargs={
            "text_column": text_column,
            "id_column": id_column,
            "publish_date_column": publish_date_column,
            "records": list(records) if records is not None else None,
            "max_chars": max_chars,
            "as_json": as_json,
        },
        batch_size=batch_size,
        batch_format="pyarrow",
        compute=data.ActorPoolStrategy(size=workers),
        num_cpus=num_cpus,
    )


def _text(value: Any) -> Any:
    if isinstance(value, (str, bytes, bytearray)):
        return value
    return "" if value is None else str(value)


def _optional_str(value: Any) -> Optional[str]:
    if value is None or (isinstance(value, float) and value != value):
        return None
    return str(value)
