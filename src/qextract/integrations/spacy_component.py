"""qextract as a spaCy pipeline component (extra ``qextract[spacy]``).

Registered as the factory ``"qextract"`` through the package's entry points
(``spacy_factories``), so after ``pip install 'qextract[spacy]'``::

    nlp = spacy.blank("zh")
    nlp.add_pipe("qextract")
    doc = nlp(page_text)
    doc.spans["qextract"]      # one span per record mention, labelled by record type
    doc._.qextract             # the full qextract Document

Record spans carry offsets into the text as given (``raw_start``/``raw_end``)
and are aligned to spaCy tokens with ``Doc.char_span``. Alignment mode
``"expand"`` (the default) widens a record that starts or ends inside a
token to the whole token, so every record gets a span even when a word
segmenter (jieba, pkuseg) glued it to its neighbour (``王芳说`` as one
token); ``"contract"`` keeps only whole tokens inside the record and drops
records that fit in no token; ``"strict"`` drops every misaligned record.
With spaCy's default character segmenter for Chinese every record aligns
exactly in all three modes.

Span labels are the record types (``officials``, ``dates``, ``meetings``,
``slogans``, ``documents``, ``statistics``, ``bylines``) and the header
fields (``title``, ``publish_date``, ``source``).
"""

from __future__ import annotations

from typing import Any, Callable, List, Optional

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span

from qextract.errors import ConfigError
from qextract.pipeline import Pipeline, PipelineConfig
from qextract.records import Document

FACTORY = "qextract"
SPANS_KEY = "qextract"
ALIGNMENT_MODES = ("expand", "contract", "strict")

if not Doc.has_extension("qextract"):
    Doc.set_extension("qextract", default=None)

# Docs cross processes (nlp.pipe(n_process=N), DocBin) as msgpack, extension
# values included: a Document travels as its JSON under this key.
_MSGPACK_KEY = "__qextract_document__"
Chain = Optional[Callable[[Any], Any]]


def _encode_document(obj: Any, chain: Chain = None) -> Any:
    if isinstance(obj, Document):
        return {_MSGPACK_KEY: obj.to_json()}
    return obj if chain is None else chain(obj)


def _decode_document(obj: Any, chain: Chain = None) -> Any:
    if isinstance(obj, dict) and _MSGPACK_KEY in obj:
        return Document.from_json(obj[_MSGPACK_KEY])
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("qextract_document", func=_encode_document)
srsly.msgpack_decoders.register("qextract_document", func=_decode_document)


class QextractComponent:
    """Runs a qextract :class:`Pipeline` on ``doc.text`` and writes its records onto the Doc."""

    def __init__(
        self,
        name: str = FACTORY,
        *,
        records: Optional[List[str]] = None,
        spans_key: str = SPANS_KEY,
        alignment_mode: str = "expand",
        max_chars: int = PipelineConfig.max_chars,
        pipeline: Optional[Pipeline] = None,
    ) -> None:
        if alignment_mode not in ALIGNMENT_MODES:
            raise ConfigError(f"alignment_mode={alignment_mode!r}; choose from {list(ALIGNMENT_MODES)}")
        self.name = name
        self.spans_key = spans_key
        self.alignment_mode = alignment_mode
        self.pipeline = pipeline or Pipeline(records, max_chars=max_chars)

    def __call__(self, doc: Doc) -> Doc:
        document = self.pipeline.safe_call(doc.text)
        doc._.qextract = document
        doc.spans[self.spans_key] = record_spans(doc, document, self.alignment_mode)
        return doc


def record_spans(doc: Doc, document: Document, alignment_mode: str = "expand") -> list[Span]:
    """spaCy spans of every record mention in ``document``, labelled by record type."""
    spans = []
    for label, record_span in document.spans():
        if record_span.raw_start < 0 or record_span.raw_end <= record_span.raw_start:
            continue
        span = doc.char_span(record_span.raw_start, record_span.raw_end, label=label, alignment_mode=alignment_mode)
        if span is not None:
            spans.append(span)
    return spans


@Language.factory(
    FACTORY,
    default_config={
        "records": None,
        "spans_key": SPANS_KEY,
        "alignment_mode": "expand",
        "max_chars": PipelineConfig.max_chars,
    },
)
def make_qextract(
    nlp: Language,
    name: str,
    records: Optional[List[str]],
    spans_key: str,
    alignment_mode: str,
    max_chars: int,
) -> QextractComponent:
    """The ``"qextract"`` factory: ``nlp.add_pipe("qextract", config={"records": ["dates"]})``."""
    return QextractComponent(name, records=records, spans_key=spans_key, alignment_mode=alignment_mode, max_chars=max_chars)
