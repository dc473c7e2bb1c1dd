"""qextract: typed records from Chinese government news on quality and market regulation.

>>> import qextract
>>> document = qextract.extract(page_text)
>>> document.officials[0].name
"""

from qextract.errors import (
    ConfigError,
    InputTooLargeError,
    MissingBackendError,
    QextractError,
    UnreadableInputError,
)
from qextract.frames import to_frames
from qextract.pipeline import Pipeline, PipelineConfig, extract
from qextract.records import (
    Byline,
    DateMention,
    Document,
    ExtractionWarning,
    Meeting,
    Official,
    PolicyDocument,
    Slogan,
    Span,
    Statistic,
)

__version__ = "0.1.0"

__all__ = [
    "Byline",
    "ConfigError",
    "DateMention",
    "Document",
    "ExtractionWarning",
    "InputTooLargeError",
    "Meeting",
    "MissingBackendError",
    "Official",
    "Pipeline",
    "PipelineConfig",
    "PolicyDocument",
    "QextractError",
    "Slogan",
    "Span",
    "Statistic",
    "UnreadableInputError",
    "extract",
    "to_frames",
]
