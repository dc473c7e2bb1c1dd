"""The pipeline: normalise -> segment -> match -> assemble, built once, run many times."""

from __future__ import annotations

import datetime as _dt
import gc
import hashlib
import multiprocessing
from dataclasses import dataclass
from time import thread_time
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, TypeVar, Union

import regex

from qextract import errors
from qextract.assemble import assemble_document
from qextract.entities.backends import EntitiesOption, build_entity_recognizer
from qextract.errors import ConfigError, InputTooLargeError, InternalError, QextractError
from qextract.match.context import MatchContext
from qextract.match.header import Header, read_header
from qextract.match.registry import ENTITIES, MATCHERS, TOKENS, Matcher, load_matchers
from qextract.records import Document, ExtractionWarning
from qextract.segment.tokenizer import Token, Tokenizer, shared_default_tokenizer
from qextract.text import NormalisedText, OffsetMap, decode_input, normalise

TextInput = Union[str, bytes, bytearray]
BatchItem = Union[TextInput, Mapping[str, Any]]
# Called after each stage of a document with the stage's name and the CPU
# seconds the calling thread spent in it (other jobs on a shared machine do
# not inflate them): normalise, header, tokenise, entities, one per record
# type, assemble. For profiling (benchmarks/perf.py); None costs nothing.
StageHook = Callable[[str, float], None]
_T = TypeVar("_T")


@dataclass(frozen=True)
class PipelineConfig:
    """Settings of a :class:`Pipeline`.

    ``records``: the record types to extract (default: all of them).
    ``max_chars``: inputs longer than this raise :class:`InputTooLargeError`.
    """

    records: tuple[str, ...] = tuple(MATCHERS)
    max_chars: int = 20_000_000

    def __post_init__(self) -> None:
        unknown = [name for name in self.records if name not in MATCHERS]
        if unknown:
            raise ConfigError(f"unknown record types {unknown}; choose from {list(MATCHERS)}")
        if self.max_chars <= 0:
            raise ConfigError("max_chars must be positive")


class Pipeline:
    """Build once, call per document: ``Pipeline()(text)`` or ``Pipeline().pipe(texts)``."""

    def __init__(
        self,
        records: Optional[Iterable[str]] = None,
        *,
        max_chars: int = PipelineConfig.max_chars,
        tokenizer: Optional[Tokenizer] = None,
        on_stage: Optional[StageHook] = None,
        entities: EntitiesOption = None,
        spacy_model: Any = None,
        hanlp_model: Any = None,
        entity_options: Optional[Mapping[str, Any]] = None,
    ) -> None:
        self.config = PipelineConfig(
            records=tuple(records) if records is not None else tuple(MATCHERS), max_chars=max_chars
        )
        self._matchers: list[Matcher] = load_matchers(self.config.records)
        self._needs: frozenset[str] = frozenset().union(*(matcher.needs for matcher in self._matchers))
        self._tokenizer = tokenizer
        self._lazy_tokenizer = _LazyTokenizer(self)
        self.on_stage = on_stage
        # None: the dictionary backend; see qextract.entities.backends.
        self._entity_recognizer = build_entity_recognizer(
            entities, spacy_model=spacy_model, hanlp_model=hanlp_model, options=entity_options
        )

    @property
    def tokenizer(self) -> Tokenizer:
        if self._tokenizer is None:
            self._tokenizer = shared_default_tokenizer()
        return self._tokenizer

    def __call__(
        self, text: TextInput, *, id: Optional[str] = None, publish_date: Optional[str] = None
    ) -> Document:
        """The Document of one article.

        Raises only :class:`QextractError`: unreadable input, input over
        ``max_chars``, or (a bug) :class:`InternalError`. Whatever else goes
        wrong inside the document is an ExtractionWarning on it.
        """
        try:
            raw, warnings = decode_input(text)
            if len(raw) > self.config.max_chars:
                raise InputTooLargeError(
                    f"input has {len(raw)} characters, over the limit of {self.config.max_chars} (Pipeline(max_chars=...))"
                )
            publish_date, date_warnings = _caller_publish_date(publish_date)
            return self._extract(raw, warnings + date_warnings, None if id is None else str(id), publish_date)
        except QextractError:
            raise
        except Exception as exc:  # the last resort: nothing but a QextractError leaves the pipeline
            raise InternalError(f"{type(exc).__name__}: {exc}") from exc

    def _extract(
        self, raw: str, warnings: list[ExtractionWarning], id: Optional[str], publish_date: Optional[str]
    ) -> Document:
        normalised = self._guarded("normalise", normalise, _unnormalised, raw, warnings)
        header = self._guarded("header", read_header, lambda _: Header(), normalised.text, warnings)
        context = MatchContext(
            text=normalised.text,
            publish_date=publish_date or header.publish_date,
            masked=normalised.masked,
            body_start=header.body_start,
            header_stamp=_header_stamp(header),
            tokenizer=self._lazy_tokenizer,
            entity_recognizer=self._entity_recognizer,
        )
        self._prepare(context)
        stage_warnings: list[ExtractionWarning] = []
        for matcher in self._matchers:
            try:
                records, found_warnings = self._stage(matcher.record_type, matcher.run, context)
            except Exception as exc:  # a bug in one matcher must not cost the document
                stage_warnings.append(
                    ExtractionWarning(errors.W_STAGE_FAILED, f"{matcher.record_type}: {type(exc).__name__}: {exc}")
                )
                records, found_warnings = [], []
            context.found[matcher.record_type] = records
            stage_warnings.extend(found_warnings)
        return self._stage(
            "assemble",
            lambda: assemble_document(
                id=id if id is not None else _default_id(raw),
                normalised=normalised,
                header=header,
                found=context.found,
                warnings=warnings + normalised.warnings + stage_warnings,
                caller_publish_date=publish_date,
            ),
        )

    def _prepare(self, context: MatchContext) -> None:
        """Tokens and entities once, up front, for the matchers that read them.

        A failure here is left for the matcher that reads the result to meet
        again and report as its own stage failure, as if nothing ran early.
        """
        try:
            if TOKENS in self._needs:
                self._stage("tokenise", lambda: context.tokens)
            if ENTITIES in self._needs:
                self._stage("entities", _recognise_entities, context)
        except Exception:
            pass

    def _guarded(
        self, name: str, function: Callable[[str], _T], fallback: Callable[[str], _T], text: str, warnings: list[ExtractionWarning]
    ) -> _T:
        """``function(text)``, or ``fallback(text)`` and a ``stage_failed`` warning when it raises.

        A failing normaliser leaves the text as given (offsets are then the
        identity); a failing header reader leaves the header empty.
        """
        try:
            return self._stage(name, function, text)
        except Exception as exc:  # a bug in one stage must not cost the document
            warnings.append(ExtractionWarning(errors.W_STAGE_FAILED, f"{name}: {type(exc).__name__}: {exc}"))
            return fallback(text)

    def _stage(self, name: str, function: Callable[..., _T], *args: Any) -> _T:
        if self.on_stage is None:
            return function(*args)
        start = thread_time()
        try:
            return function(*args)
        finally:
            self.on_stage(name, thread_time() - start)

    def safe_call(self, item: BatchItem) -> Document:
        """Like calling the pipeline, but a failure becomes an error Document (same id, ``error`` set)."""
        options: dict[str, Any] = {}
        try:
            text, options = _unpack(item)
            return self(text, **options)
        except QextractError as exc:
            return Document(id=_error_id(options), error=str(exc))
        except Exception as exc:  # never lose a document in a batch
            return Document(id=_error_id(options), error=str(InternalError(f"{type(exc).__name__}: {exc}")))

    def pipe(
        self, texts: Iterable[BatchItem], *, n_process: int = 1, batch_size: int = 16
    ) -> Iterator[Document]:
        """Documents for ``texts`` in input order; failures become error Documents.

        Items are text (str or bytes) or mappings with ``text`` and optional
        ``id`` and ``publish_date``. ``n_process > 1`` uses a pool of worker
        processes, each building its own pipeline once.
        """
        if n_process <= 1:
            for item in texts:
                yield self.safe_call(item)
            return
        forking = "fork" in multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if forking else "spawn")
        if forking:
            # Forked workers share the loaded dictionaries with this process until
            # a page is written; the garbage collector's passes over them would
            # write every page, so they are moved out of its sight first.
            gc.freeze()
        try:
            with context.Pool(n_process, initializer=_init_worker, initargs=(self.config, self._entity_recognizer)) as pool:
                yield from pool.imap(_work, texts, chunksize=max(batch_size, 1))
        finally:
            if forking:
                gc.unfreeze()


class _LazyTokenizer:
    """The pipeline's tokeniser, loaded on the first document that needs tokens."""

    def __init__(self, pipeline: "Pipeline") -> None:
        self._pipeline = pipeline

    def tokens(self, text: str) -> list[Token]:
        return self._pipeline.tokenizer.tokens(text)


def _recognise_entities(context: MatchContext) -> None:
    # Imported here: a pipeline whose matchers read no entities never loads the lexicons.
    from qextract.entities.context import document_entities

    document_entities(context)


def _unpack(item: BatchItem) -> tuple[Any, dict[str, Any]]:
    """(text, options) of a batch item; the text is checked when it is decoded."""
    if isinstance(item, Mapping):
        options = {key: item[key] for key in ("id", "publish_date") if item.get(key) is not None}
        return item.get("text"), options  # no text: an error Document, not an empty one
    return item, {}


def _error_id(options: Mapping[str, Any]) -> Optional[str]:
    return None if options.get("id") is None else str(options["id"])


def _unnormalised(raw: str) -> NormalisedText:
    return NormalisedText(raw, raw, OffsetMap.identity(len(raw)))


# ISO 8601 as callers write it: 2024, 2024-03, 2024-03-05, 2024/3/5, 2024-03-05 09:05:00, 2024-03-05T09:05+08:00
_CALLER_DATE = regex.compile(
    r"\s{0,8}(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?\s{0,8}"
)


def _header_stamp(header: Header) -> Optional[tuple[int, int, str]]:
    span = header.publish_date_span
    if span is None or header.publish_date is None:
        return None
    return span.start, span.end, header.publish_date


def _caller_publish_date(value: Any) -> tuple[Optional[str], list[ExtractionWarning]]:
    """The caller's publication date as ISO 8601 (as precise as given), or None and a warning.

    A date that is not one (``2024-13-45``, ``yesterday``, a number) is
    ignored rather than trusted, so the header's date is used instead.
    """
    if value is None or value == "":
        return None, []
    if isinstance(value, (_dt.date, _dt.datetime)):
        value = value.isoformat()
    match = _CALLER_DATE.fullmatch(value) if isinstance(value, str) else None
    iso = _iso(match) if match else None
    if iso is None:
        message = f"{errors.WARNING_CODES[errors.W_PUBLISH_DATE_IGNORED]}: {str(value)[:40]!r}"
        return None, [ExtractionWarning(errors.W_PUBLISH_DATE_IGNORED, message)]
    return iso, []


def _iso(match: "regex.Match[str]") -> Optional[str]:
    year = int(match.group(1))
    month, day, hour, minute, second = (int(part) if part else None for part in match.groups()[1:])
    try:
        _dt.datetime(year, month or 1, day or 1, hour or 0, minute or 0, second or 0)
    except ValueError:
        return None
    iso = f"{year:04d}"
    for part, separator in ((month, "-"), (day, "-"), (hour, "T"), (minute, ":"), (second, ":")):
        if part is None:
            break
        iso += f"{separator}{part:02d}"
    return iso


def _default_id(raw: str) -> str:
    return "doc-" + hashlib.sha1(raw.encode("utf-8", errors="surrogatepass")).hexdigest()[:12]


_WORKER_PIPELINE: Optional[Pipeline] = None


def _init_worker(config: PipelineConfig, entity_recognizer: Any = None) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = Pipeline(config.records, max_chars=config.max_chars, entities=entity_recognizer)


def _work(item: BatchItem) -> Document:
    assert _WORKER_PIPELINE is not None
    return _WORKER_PIPELINE.safe_call(item)


_DEFAULT_PIPELINE: Optional[Pipeline] = None


def extract(
    text: TextInput, *, id: Optional[str] = None, publish_date: Optional[str] = None
) -> Document:
    """Extract every record type from one article with a shared default pipeline."""
    global _DEFAULT_PIPELINE
    if _DEFAULT_PIPELINE is None:
        _DEFAULT_PIPELINE = Pipeline()
    return _DEFAULT_PIPELINE(text, id=id, publish_date=publish_date)
