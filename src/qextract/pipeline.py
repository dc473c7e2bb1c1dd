"""The pipeline: normalise -> segment -> match -> assemble, built once, run many times."""

from __future__ import annotations

import hashlib
import multiprocessing
from dataclasses import dataclass
from time import perf_counter
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, TypeVar, Union

from qextract import errors
from qextract.assemble import assemble_document
from qextract.errors import ConfigError, InputTooLargeError, QextractError
from qextract.match.context import MatchContext
from qextract.match.header import read_header
from qextract.match.registry import ENTITIES, MATCHERS, TOKENS, Matcher, load_matchers
from qextract.records import Document, ExtractionWarning
from qextract.segment.tokenizer import Token, Tokenizer, shared_default_tokenizer
from qextract.text import decode_input, normalise

TextInput = Union[str, bytes, bytearray]
BatchItem = Union[TextInput, Mapping[str, Any]]
# Called after each stage of a document with the stage's name and its
# wall-clock seconds: normalise, header, tokenise, entities, one per record
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
    ) -> None:
        self.config = PipelineConfig(
            records=tuple(records) if records is not None else tuple(MATCHERS), max_chars=max_chars
        )
        self._matchers: list[Matcher] = load_matchers(self.config.records)
        self._needs: frozenset[str] = frozenset().union(*(matcher.needs for matcher in self._matchers))
        self._tokenizer = tokenizer
        self._lazy_tokenizer = _LazyTokenizer(self)
        self.on_stage = on_stage

    @property
    def tokenizer(self) -> Tokenizer:
        if self._tokenizer is None:
            self._tokenizer = shared_default_tokenizer()
        return self._tokenizer

    def __call__(
        self, text: TextInput, *, id: Optional[str] = None, publish_date: Optional[str] = None
    ) -> Document:
        raw, warnings = decode_input(text)
        if len(raw) > self.config.max_chars:
            raise InputTooLargeError(
                f"input has {len(raw)} characters, over the limit of {self.config.max_chars} (Pipeline(max_chars=...))"
            )
        normalised = self._stage("normalise", normalise, raw)
        header = self._stage("header", read_header, normalised.text)
        context = MatchContext(
            text=normalised.text,
            publish_date=publish_date or header.publish_date,
            masked=normalised.masked,
            body_start=header.body_start,
            tokenizer=self._lazy_tokenizer,
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

    def _stage(self, name: str, function: Callable[..., _T], *args: Any) -> _T:
        if self.on_stage is None:
            return function(*args)
        start = perf_counter()
        try:
            return function(*args)
        finally:
            self.on_stage(name, perf_counter() - start)

    def safe_call(self, item: BatchItem) -> Document:
        """Like calling the pipeline, but a failure becomes an error Document."""
        text, options = _unpack(item)
        try:
            return self(text, **options)
        except QextractError as exc:
            return Document(id=options.get("id"), error=str(exc))
        except Exception as exc:  # never lose a document in a batch
            return Document(id=options.get("id"), error=f"[E999] internal error: {type(exc).__name__}: {exc}")

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
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        with context.Pool(n_process, initializer=_init_worker, initargs=(self.config,)) as pool:
            yield from pool.imap(_work, texts, chunksize=max(batch_size, 1))


class _LazyTokenizer:
    """The pipeline's tokeniser, loaded on the first document that needs tokens."""

    def __init__(self, pipeline: "Pipeline") -> None:
        self._pipeline = pipeline

    def tokens(self, text: str) -> list[Token]:
        return self._pipeline.tokenizer.tokens(text)


def _recognise_entities(context: MatchContext) -> None:
    # Imported here: a pipeline whose matchers read no entities never loads the lexicons.
    from qextract.entities.context import context_entities

    context_entities(context)


def _unpack(item: BatchItem) -> tuple[TextInput, dict[str, Any]]:
    if isinstance(item, Mapping):
        options = {key: item[key] for key in ("id", "publish_date") if item.get(key) is not None}
        return item.get("text", ""), options
    return item, {}


def _default_id(raw: str) -> str:
    return "doc-" + hashlib.sha1(raw.encode("utf-8", errors="surrogatepass")).hexdigest()[:12]


_WORKER_PIPELINE: Optional[Pipeline] = None


def _init_worker(config: PipelineConfig) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = Pipeline(config.records, max_chars=config.max_chars)


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
