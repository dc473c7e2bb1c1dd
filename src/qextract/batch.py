"""Batch extraction for ``qextract extract``: inputs, one output line per input, resume.

What a batch run guarantees (tested in ``tests/reliability/test_batch.py``):

* one output record per input record, in input order: an input that cannot
  be read, parsed or extracted becomes an error record (its id and the
  reason, with a stable ``[Ennn]`` code) instead of disappearing;
* every record is one line, written and flushed before the next document
  starts, so an interrupted run loses at most the document in flight;
* ``--resume`` keeps the complete lines of an interrupted run (a line torn by
  the interruption is cut off), checks that they are the first records of
  this input, and continues with the next one: no duplicates, no gaps.

Inputs are text files (one document each, id = file stem), directories of
them, ``-`` (standard input), and JSONL files (one document per line, text and
id and publication date taken from named fields; id defaults to
``<file stem>:<line number>``).
"""

from __future__ import annotations

import json
import os
import sys
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator, Optional, Sequence, TextIO, Union

from qextract.errors import ConfigError, InputTooLargeError, InternalError, UnreadableInputError
from qextract.records import Document

TEXT_SUFFIXES = frozenset({".txt", ".html", ".htm", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
INPUT_FORMATS = ("auto", "text", "jsonl")
# UTF-8 takes at most 4 bytes a character: a file larger than this many bytes
# per allowed character is over the limit without being read.
_MAX_BYTES_PER_CHAR = 4


@dataclass(frozen=True)
class InputOptions:
    """How to read the inputs of a batch.

    ``input_format``: ``auto`` reads ``*.jsonl``/``*.ndjson`` as JSONL and
    everything else (and ``-``) as one text; ``text`` and ``jsonl`` force one.
    ``text_field``/``id_field``/``publish_date_field``: JSONL field names.
    ``publish_date``: for every document that does not carry its own.
    ``max_chars``: the pipeline's limit, to refuse oversized files unread.
    """

    input_format: str = "auto"
    text_field: str = "text"
    id_field: Optional[str] = None
    publish_date_field: Optional[str] = None
    publish_date: Optional[str] = None
    max_chars: Optional[int] = None

    def __post_init__(self) -> None:
        if self.input_format not in INPUT_FORMATS:
            raise ConfigError(f"unknown input format {self.input_format!r}; choose from {list(INPUT_FORMATS)}")


@dataclass(frozen=True)
class InputRecord:
    """One document to extract, or the reason it cannot be (``error``)."""

    id: str
    text: Union[str, bytes, None] = None
    path: Optional[Path] = None  # read when the record is processed, so skipped files stay unread
    publish_date: Optional[str] = None
    error: Optional[str] = None

    def content(self) -> Union[str, bytes]:
        if self.text is not None:
            return self.text
        assert self.path is not None
        return self.path.read_bytes()


def iter_inputs(
    paths: Sequence[str], options: InputOptions, stdin: Optional[BinaryIO] = None, output: Optional[Path] = None
) -> Iterator[InputRecord]:
    """Every input record of ``paths``, in order (directories sorted, recursively).

    ``output``, the file the run writes, is never read as an input, even when it
    sits in an input directory (it would feed the run its own output).
    """
    written = output.resolve() if output is not None else None
    for name in paths:
        if name == "-":
            source = stdin if stdin is not None else sys.stdin.buffer
            if options.input_format == "jsonl":
                yield from _jsonl_records(source, "stdin", options)
            else:
                yield InputRecord("stdin", text=source.read(), publish_date=options.publish_date)
            continue
        path = Path(name)
        if path.is_dir():
            children = (child for child in sorted(path.rglob("*")) if child.is_file() and child.resolve() != written)
            for child in children:
                if child.suffix.lower() in TEXT_SUFFIXES or _is_jsonl(child, options):
                    yield from _path_records(child, options)
        elif path.resolve() == written:
            raise ConfigError(f"{path} is both an input and the output")
        else:
            yield from _path_records(path, options)


def _is_jsonl(path: Path, options: InputOptions) -> bool:
    if options.input_format == "auto":
        return path.suffix.lower() in JSONL_SUFFIXES
    return options.input_format == "jsonl"


def _path_records(path: Path, options: InputOptions) -> Iterator[InputRecord]:
    if _is_jsonl(path, options):
        try:
            handle = path.open("rb")
        except OSError as exc:
            yield InputRecord(path.stem, error=str(UnreadableInputError(f"cannot read {path}: {exc.strerror or exc}")))
            return
        with handle:
            yield from _jsonl_records(handle, path.stem, options)
        return
    yield _file_record(path, options)


def _file_record(path: Path, options: InputOptions) -> InputRecord:
    try:
        size = path.stat().st_size
    except OSError as exc:
        return InputRecord(path.stem, error=str(UnreadableInputError(f"cannot read {path}: {exc.strerror or exc}")))
    if options.max_chars is not None and size > options.max_chars * _MAX_BYTES_PER_CHAR:
        message = f"{path} has {size} bytes, over the limit of {options.max_chars} characters"
        return InputRecord(path.stem, error=str(InputTooLargeError(message)))
    return InputRecord(path.stem, path=path, publish_date=options.publish_date)


def _jsonl_records(lines: Iterable[bytes], stem: str, options: InputOptions) -> Iterator[InputRecord]:
    for number, line in enumerate(lines, start=1):
        if line.strip():  # blank lines hold no record
            yield _jsonl_record(line, f"{stem}:{number}", options)


def _jsonl_record(line: bytes, where: str, options: InputOptions) -> InputRecord:
    try:
        item = json.loads(line)
    except ValueError as exc:  # bad UTF-8 is a ValueError too
        return InputRecord(where, error=str(UnreadableInputError(f"{where} is not a JSON line: {exc}")))
    if not isinstance(item, dict):
        return InputRecord(where, error=str(UnreadableInputError(f"{where} is not a JSON object")))
    doc_id = item.get(options.id_field) if options.id_field else None
    doc_id = where if doc_id is None or doc_id == "" else str(doc_id)
    text = item.get(options.text_field)
    if not isinstance(text, str):
        found = "missing" if text is None else f"of type {type(text).__name__}"
        message = f"{where}: field {options.text_field!r} is {found}, not a string"
        return InputRecord(doc_id, error=str(UnreadableInputError(message)))
    if options.max_chars is not None and len(text) > options.max_chars:
        message = f"{where} has {len(text)} characters, over the limit of {options.max_chars}"
        return InputRecord(doc_id, error=str(InputTooLargeError(message)))
    publish_date = item.get(options.publish_date_field) if options.publish_date_field else None
    return InputRecord(doc_id, text=text, publish_date=publish_date or options.publish_date)


# -- running -------------------------------------------------------------------


def extract_record(pipeline: object, record: InputRecord) -> Document:
    """The Document of one input record; never raises (failures are error Documents)."""
    item = pipeline_item(record)
    if isinstance(item, Document):
        return item
    return pipeline.safe_call(item)  # type: ignore[attr-defined]


def pipeline_item(record: InputRecord) -> Union[dict[str, object], Document]:
    """What the pipeline reads for ``record``, or the error Document when it cannot be read."""
    if record.error is not None:
        return Document(id=record.id, error=record.error)
    try:
        content = record.content()
    except OSError as exc:
        return Document(id=record.id, error=str(UnreadableInputError(f"cannot read {record.path}: {exc.strerror or exc}")))
    return {"text": content, "id": record.id, "publish_date": record.publish_date}


def json_line(document: Document) -> str:
    """One line of JSONL for ``document``; an error record if it cannot be serialised."""
    try:
        return document.to_json() + "\n"
    except Exception as exc:  # a record that cannot be written must still leave a line
        error = InternalError(f"document could not be serialised: {type(exc).__name__}: {exc}")
        return Document(id=document.id, error=str(error)).to_json() + "\n"


def run_batch(
    pipeline: object,
    records: Iterable[InputRecord],
    output: TextIO,
    render: Callable[[Document], str],
    *,
    skip: Sequence[Optional[str]] = (),
    on_document: Optional[Callable[[Document], None]] = None,
    workers: int = 1,
) -> tuple[int, int]:
    """Extract and write every record after the ``skip`` ones; (documents written, failures).

    ``skip`` are the ids an earlier run already wrote (see :func:`resume_output`);
    the first records of ``records`` must carry exactly these ids.
    ``workers > 1`` extracts in that many processes (``Pipeline.pipe``); the
    output is the same, in the same order.
    """
    remaining = _after_skip(iter(records), skip)
    written = failures = 0
    for document in extract_records(pipeline, remaining, workers=workers):
        output.write(render(document))
        output.flush()
        written += 1
        failures += document.error is not None
        if on_document is not None:
            on_document(document)
    return written, failures


def _after_skip(records: Iterator[InputRecord], skip: Sequence[Optional[str]]) -> Iterator[InputRecord]:
    """``records`` without the first ``len(skip)``, which must carry the ``skip`` ids (checked before any work)."""
    for index, expected in enumerate(skip):
        record = next(records, None)
        if record is None:
            raise ConfigError(f"cannot resume: the output holds {len(skip)} records but the input only {index}")
        if record.id != expected:
            raise ConfigError(
                f"cannot resume: output record {index + 1} is {expected!r} but input record {index + 1} "
                f"is {record.id!r}; the output was written from another input"
            )
    return records


def extract_records(pipeline: object, records: Iterable[InputRecord], *, workers: int = 1) -> Iterator[Document]:
    """One Document per record, in input order; ``workers > 1`` extracts in worker processes."""
    if workers <= 1:
        for record in records:
            yield extract_record(pipeline, record)
        return
    yield from _ParallelExtraction(pipeline, records).documents(workers)


class _ParallelExtraction:
    """Feeds readable records to ``Pipeline.pipe`` and slots the rest back in order.

    Records that are already errors (or whose file cannot be read) never reach
    a worker: the feeder, which the process pool runs in its own thread, queues
    their error Document in ``pending``; a readable record queues ``None``,
    "the next worker result". Both threads only append and pop at the ends of
    the deque, which is thread-safe.
    """

    def __init__(self, pipeline: object, records: Iterable[InputRecord]) -> None:
        self._pipeline = pipeline
        self._records = records
        self._pending: deque[Optional[Document]] = deque()
        self._failure: Optional[BaseException] = None

    def documents(self, workers: int) -> Iterator[Document]:
        results = self._pipeline.pipe(self._items(), n_process=workers)  # type: ignore[attr-defined]
        for result in results:
            yield from self._ready()
            self._pending.popleft()  # the None standing for this result
            yield result
        yield from self._ready()
        if self._failure is not None:  # raised by the input, after everything before it is written
            raise self._failure

    def _ready(self) -> Iterator[Document]:
        while self._pending and self._pending[0] is not None:
            document = self._pending.popleft()
            assert document is not None
            yield document

    def _items(self) -> Iterator[dict[str, object]]:
        try:
            for record in self._records:
                item = pipeline_item(record)
                self._pending.append(None if isinstance(item, dict) else item)
                if isinstance(item, dict):
                    yield item
        except Exception as exc:  # an input error must reach the main thread, not die in the pool's
            self._failure = exc



def resume_output(path: Path) -> list[Optional[str]]:
    """The ids of the complete records in ``path``, an earlier run's JSONL output.

    A last line without its newline (torn by the interruption) is cut off the
    file, so that appending continues on a clean line. A missing file is an
    empty output.
    """
    if not path.exists():
        return []
    ids: list[Optional[str]] = []
    complete = 0  # bytes up to the end of the last complete line
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.endswith(b"\n"):
                break
            ids.append(_record_id(line, path, number))
            complete += len(line)
    if complete < path.stat().st_size:
        with path.open("r+b") as handle:
            handle.truncate(complete)
            os.fsync(handle.fileno())
    return ids


def _record_id(line: bytes, path: Path, number: int) -> Optional[str]:
    try:
        record = json.loads(line)
    except ValueError:
        record = None
    if not isinstance(record, dict) or "id" not in record:
        raise ConfigError(f"cannot resume: line {number} of {path} is not a qextract JSONL record")
    return record["id"]
