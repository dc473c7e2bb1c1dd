"""Command line: ``qextract extract``, ``qextract evaluate``, ``qextract schema``."""

from __future__ import annotations

import argparse
import glob
import json
import sys
from pathlib import Path
from typing import Iterator, Optional, Sequence, TextIO

from qextract.batch import INPUT_FORMATS
from qextract.errors import QextractError
from qextract.pipeline import PipelineConfig
from qextract.progress import Progress, wants_progress
from qextract.records import RECORD_TYPES, Document

_TEXT_SUFFIXES = {".txt", ".html", ".htm", ".text"}
OUTPUT_FORMATS = ("summary", "jsonl", "parquet")


def _inputs(paths: Sequence[str]) -> Iterator[tuple[str, Optional[Path]]]:
    """(document id, path) for every input; ``-`` is standard input (path None)."""
    for name in paths:
        if name == "-":
            yield "stdin", None
            continue
        path = Path(name)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in _TEXT_SUFFIXES:
                    yield child.stem, child
        else:
            yield path.stem, path


def _summary(document: Document) -> str:
    lines = [f"== {document.id}"]
    if document.error:
        lines.append(f"   ERROR {document.error}")
        return "\n".join(lines)
    for label in ("title", "publish_date", "source"):
        lines.append(f"   {label}: {getattr(document, label)}")
    for record_type in RECORD_TYPES:
        records = getattr(document, record_type)
        if not records:
            continue
        lines.append(f"   {record_type} ({len(records)}):")
        for record in records:
            lines.append(f"     - {_describe(record_type, record)}")
    if document.warnings:
        kinds: dict[str, int] = {}
        for warning in document.warnings:
            kinds[warning.kind] = kinds.get(warning.kind, 0) + 1
        lines.append("   warnings: " + ", ".join(f"{kind} x{count}" for kind, count in kinds.items()))
    return "\n".join(lines)


def _describe(record_type: str, record: object) -> str:
    data = record.to_dict(encode_json=False)  # type: ignore[attr-defined]
    keep = {
        "meetings": ("name", "kind", "date", "time_of_day", "location", "chairs", "speakers", "attendees"),
        "officials": ("name", "titles", "organization"),
        "dates": ("text", "value"),
        "slogans": ("text", "kind", "items"),
        "documents": ("title", "kind", "issuer"),
        "statistics": ("text", "value", "unit", "qualifier", "subject"),
        "bylines": ("name", "role"),
    }[record_type]
    return json.dumps({key: data.get(key) for key in keep if data.get(key) not in (None, [], "")}, ensure_ascii=False)


def _command_extract(args: argparse.Namespace) -> int:
    from qextract.batch import InputOptions, iter_inputs, json_line, resume_output, run_batch
    from qextract.pipeline import Pipeline

    problem = _extract_usage_problem(args)
    if problem:
        print(f"qextract extract: {problem}", file=sys.stderr)
        return 2
    if args.format == "parquet":
        from qextract.parquet_output import require_pyarrow

        require_pyarrow()  # before the output file is created
    pipeline = Pipeline(max_chars=args.max_chars)
    options = InputOptions(
        input_format=args.input_format,
        text_field=args.text_field,
        id_field=args.id_field,
        publish_date_field=args.publish_date_field,
        publish_date=args.publish_date,
        max_chars=args.max_chars,
    )
    output_path = Path(args.output) if args.output else None
    paths = list(expand_globs(args.paths, output_path))
    done = resume_output(Path(args.output)) if args.resume else []
    render = (lambda document: _summary(document) + "\n") if args.format == "summary" else json_line
    output = _open_output(args)
    progress = Progress(sys.stderr) if wants_progress(sys.stderr, args.quiet) else None
    try:
        _, failures = run_batch(
            pipeline,
            iter_inputs(paths, options, output=output_path),
            output,
            render,
            skip=done,
            on_document=lambda document: _after_document(document, progress),
            workers=args.workers,
        )
    finally:
        if progress is not None:
            progress.close()
        if output is not sys.stdout:
            output.close()
    return 1 if failures else 0


def _extract_usage_problem(args: argparse.Namespace) -> Optional[str]:
    if args.resume and not (args.output and args.format == "jsonl"):
        return "--resume needs --format jsonl and -o FILE (the output of the run to continue)"
    if args.format == "parquet" and not args.output:
        return "--format parquet needs -o FILE (Parquet is not written to standard output)"
    if args.workers < 1:
        return "--workers must be at least 1"
    if args.output and any(name != "-" and Path(name).resolve() == Path(args.output).resolve() for name in args.paths):
        return f"{args.output} is both an input and the output"
    return None


def _open_output(args: argparse.Namespace) -> TextIO:
    if args.format == "parquet":
        from qextract.parquet_output import ParquetLines

        return ParquetLines(Path(args.output))  # type: ignore[return-value]
    if args.output:
        return open(args.output, "a" if args.resume else "w", encoding="utf-8")
    return sys.stdout


def expand_globs(names: Sequence[str], output: Optional[Path] = None) -> Iterator[str]:
    """``names`` with every pattern (``*``, ``?``, ``[``; ``**`` recursive) replaced by its sorted matches.

    Patterns are expanded here too because a quoted pattern reaches the
    program unexpanded, as does any pattern on Windows. A name that exists as
    written is a file name, not a pattern; a pattern that matches nothing is
    kept, so that it becomes an unreadable-input record rather than vanishing.
    A match inside a matched directory is left out (the directory brings it),
    and so is the run's own output file.
    """
    written = output.resolve() if output is not None else None
    for name in names:
        if name == "-" or not _GLOB_CHARS.intersection(name) or Path(name).exists():
            yield name
            continue
        matches = sorted(glob.glob(name, recursive=True))
        if not matches:
            yield name
        directories: set[Path] = set()
        for match in matches:
            path = Path(match).resolve()
            if path == written or directories.intersection(path.parents):
                continue
            if path.is_dir():
                directories.add(path)
            yield match


_GLOB_CHARS = frozenset("*?[")


def _after_document(document: Document, progress: Optional[Progress]) -> None:
    if progress is not None:
        progress.update(failed=document.error is not None)
    if not document.error:
        return
    message = f"qextract: {document.id}: {document.error}"
    if progress is not None:
        progress.note(message)
    else:
        print(message, file=sys.stderr, flush=True)


def _extract_one(pipeline: object, doc_id: str, path: Optional[Path], publish_date: Optional[str]) -> Document:
    try:
        data = sys.stdin.buffer.read() if path is None else path.read_bytes()
    except OSError as exc:
        return Document(id=doc_id, error=f"[E001] cannot read {path}: {exc.strerror or exc}")
    return pipeline.safe_call({"text": data, "id": doc_id, "publish_date": publish_date})  # type: ignore[attr-defined]


def _command_evaluate(args: argparse.Namespace) -> int:
    from qextract.evaluate import evaluate, load_gold, load_predictions

    gold = load_gold(args.gold_dir)
    if args.texts:
        from qextract.pipeline import Pipeline

        pipeline = Pipeline()
        predicted = {}
        for doc_id, path in _inputs([args.texts]):
            document = _extract_one(pipeline, doc_id, path, None)
            predicted[doc_id] = json.loads(document.to_json())
    elif args.predictions:
        predicted = load_predictions(args.predictions)
    else:
        print("qextract evaluate: give PRED.jsonl or --texts DIR", file=sys.stderr)
        return 2
    report = evaluate(gold, predicted)
    print(report.table(verbose=args.verbose))
    return 0


def _command_schema(args: argparse.Namespace) -> int:
    from qextract.schema import document_schema

    print(json.dumps(document_schema(), ensure_ascii=False, indent=2))
    return 0


def _command_serve(args: argparse.Namespace) -> int:
    """Run the HTTP service (qextract.serve:app) under uvicorn; limits reach the app through its environment."""
    import os

    try:
        import uvicorn
    except ImportError:
        print("qextract serve needs the serve extra: pip install 'qextract[serve]'", file=sys.stderr)
        return 2
    for name, value in (("QEXTRACT_MAX_BODY_BYTES", args.max_body_bytes), ("QEXTRACT_MAX_BATCH", args.max_batch), ("QEXTRACT_RECORDS", args.records)):
        if value is not None:
            os.environ[name] = str(value)
    uvicorn.run("qextract.serve:app", host=args.host, port=args.port, workers=args.workers, log_level=args.log_level)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qextract", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="extract records from files, directories or - (stdin)")
    extract.add_argument(
        "paths", nargs="+", metavar="PATH",
        help="text files, directories, JSONL files, glob patterns (quoted ones too; ** is recursive), or - (stdin)",
    )
    extract.add_argument(
        "--format", choices=OUTPUT_FORMATS, default="summary",
        help="summary (default, readable), jsonl (one Document JSON per line) or parquet (one row per document; needs -o)",
    )
    extract.add_argument("--jsonl", dest="format", action="store_const", const="jsonl", help="same as --format jsonl")
    extract.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    extract.add_argument("--publish-date", metavar="ISO", help="publication date to resolve year-less dates")
    extract.add_argument(
        "--input-format", choices=INPUT_FORMATS, default="auto",
        help="auto (default): *.jsonl/*.ndjson are JSONL, the rest and - are one text each",
    )
    extract.add_argument("--text-field", default="text", metavar="NAME", help="JSONL field holding the text (default text)")
    extract.add_argument("--id-field", metavar="NAME", help="JSONL field holding the id (default FILE-STEM:LINE)")
    extract.add_argument("--publish-date-field", metavar="NAME", help="JSONL field holding the publication date")
    extract.add_argument(
        "--resume", action="store_true",
        help="continue an interrupted --format jsonl -o FILE run: keep its complete records, extract the rest",
    )
    extract.add_argument(
        "--max-chars", type=int, default=PipelineConfig.max_chars, metavar="N",
        help=f"documents longer than this are error records (default {PipelineConfig.max_chars})",
    )
    extract.add_argument(
        "--workers", type=int, default=1, metavar="N",
        help="extract in N worker processes (default 1); the output is the same, in the same order",
    )
    extract.add_argument("-q", "--quiet", action="store_true", help="no progress line on a terminal")
    extract.set_defaults(run=_command_extract)

    evaluate = commands.add_parser("evaluate", help="score predictions against gold answer keys")
    evaluate.add_argument("gold_dir", metavar="GOLD_DIR")
    evaluate.add_argument("predictions", nargs="?", metavar="PRED.jsonl")
    evaluate.add_argument("--texts", metavar="DIR", help="extract from the texts in DIR and score in one go")
    evaluate.add_argument("-v", "--verbose", action="store_true", help="list missed and spurious records")
    evaluate.set_defaults(run=_command_evaluate)

    serve = commands.add_parser("serve", help="run the HTTP service (POST /extract, GET /health, GET /schema)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    serve.add_argument("--max-body-bytes", type=int, metavar="N", help="413 for larger requests (default 10 MiB)")
    serve.add_argument("--max-batch", type=int, metavar="N", help="documents per request (default 256)")
    serve.add_argument("--records", metavar="TYPES", help="comma-separated record types (default all)")
    serve.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    serve.set_defaults(run=_command_serve)

    schema = commands.add_parser("schema", help="print the JSON Schema of a Document")
    schema.set_defaults(run=_command_schema)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except QextractError as exc:
        print(f"qextract: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        # every finished document is already written and flushed
        print("qextract: interrupted; continue with --resume", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
