"""Stage 5: build the Document from what the matchers found, with raw offsets on every span."""

from qextract.assemble.document import assemble_document

__all__ = ["assemble_document"]
