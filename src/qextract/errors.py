"""Errors the caller must handle, and the codes of per-document warnings.

Exceptions are for what stops a document from being read at all. Everything
that goes wrong or gets repaired inside one document is an
:class:`~qextract.records.ExtractionWarning` on that Document, with one of the
``W_*`` codes below as its ``kind``. Codes are stable: tools may match on them.
"""

from __future__ import annotations


class QextractError(Exception):
    """Base of every exception qextract raises on purpose."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class UnreadableInputError(QextractError):
    """The input is not text qextract can decode (binary, wrong type)."""

    code = "E001"


class InputTooLargeError(QextractError):
    """The input is over the pipeline's configured size limit."""

    code = "E002"


class MissingBackendError(QextractError):
    """An optional backend or model was asked for but is not installed."""

    code = "E003"


class ConfigError(QextractError):
    """The pipeline was configured with an unknown or invalid setting."""

    code = "E004"


class InternalError(QextractError):
    """A bug inside qextract stopped one document (the message names the stage and the cause).

    Stages that can fail on their own (one matcher, the header) only add a
    ``stage_failed`` warning; this is the last resort for the rest, so that
    nothing but a :class:`QextractError` ever leaves ``extract()``.
    """

    code = "E999"


ERROR_CODES: dict[str, type[QextractError]] = {
    error.code: error
    for error in (QextractError, UnreadableInputError, InputTooLargeError, MissingBackendError, ConfigError, InternalError)
}


# Warning codes: (code, one-line explanation). The explanation is for docs and
# `qextract explain`; the message on each warning says what happened where.
W_DECODED_GB18030 = "decoded_gb18030"
W_DECODE_REPLACED = "decode_replaced"
W_SURROGATES = "surrogates_replaced"
W_PUBLISH_DATE_IGNORED = "publish_date_ignored"
W_CONTROL_CHARS = "control_chars_removed"
W_CONTAINER = "container_unwrapped"
W_MARKUP = "markup_removed"
W_SCRIPT_CODE = "script_code_removed"
W_LOST_BREAKS = "line_breaks_restored"
W_MARKDOWN = "markdown_removed"
W_SPAM_LINE = "spam_line_removed"
W_FURNITURE = "page_furniture_removed"
W_IMAGE_NAME = "image_name_removed"
W_RELATED_LIST = "related_list_removed"
W_FORUM_THREAD = "forum_thread_removed"
W_DUPLICATE_BODY = "duplicate_body_removed"
W_PINYIN = "pinyin_annotation_removed"
W_SPURIOUS_COMMA = "spurious_comma_removed"
W_SPACED_DATE = "spaced_date_joined"
W_TABLE_CELLS = "table_cells_separated"
W_TABLE_CELL_LINES = "table_cell_lines_joined"
W_HARD_WRAP = "hard_wraps_joined"
W_PAGE_BREAK = "page_breaks_removed"
W_COLUMN_JUMP = "column_jumps_joined"
W_WIDTH = "width_normalised"
W_MOJIBAKE_REPAIRED = "mojibake_repaired"
W_MOJIBAKE_LEFT = "mojibake_left"
W_TRADITIONAL = "traditional_converted"
W_STAGE_FAILED = "stage_failed"
W_SLOGAN_ITEM_COUNT = "slogan_item_count_mismatch"

WARNING_CODES: dict[str, str] = {
    W_DECODED_GB18030: "bytes were not UTF-8 and were decoded as GB18030",
    W_DECODE_REPLACED: "undecodable bytes were replaced with U+FFFD",
    W_SURROGATES: "lone surrogate code points (not text) were replaced with U+FFFD",
    W_PUBLISH_DATE_IGNORED: "the publish_date given by the caller is not an ISO date and was ignored",
    W_CONTROL_CHARS: "control characters (NUL and others) were removed",
    W_CONTAINER: "the article was unwrapped from a crawler's JSON record or a news feed item (fields as labelled lines, escapes decoded, metadata dropped)",
    W_LOST_BREAKS: "a page glued into one line by its scraper was broken again before its header fields, breadcrumb, page actions and footer",
    W_MARKUP: "HTML tags, scripts, comments and character references were removed or decoded",
    W_SCRIPT_CODE: "lines of JavaScript left without their <script> tags were removed",
    W_MARKDOWN: "Markdown syntax (headings, emphasis, link targets, images, quotes, list bullets, table bars) was removed",
    W_SPAM_LINE: "an SEO spam / link-farm line was removed",
    W_FURNITURE: "page furniture (breadcrumb, menu, font switch, view counter, previous/next-article link, rule line, emoji) was removed",
    W_IMAGE_NAME: "an image file name on its own line was removed",
    W_RELATED_LIST: "a trailing list of related-article links was removed",
    W_FORUM_THREAD: "a forum thread's post furniture (floor, poster, post time, links) and its readers' replies were removed",
    W_DUPLICATE_BODY: "a repeated copy of the article body was removed",
    W_PINYIN: "pinyin annotations after characters were removed",
    W_SPURIOUS_COMMA: "commas inserted before other punctuation were removed",
    W_SPACED_DATE: "spaces inside a date or time were removed",
    W_TABLE_CELLS: "a table flattened into lines had the pipes or spaces between its cells turned into tabs",
    W_TABLE_CELL_LINES: "a table printed one cell a line was put back one row a line, its cells parted by tabs",
    W_HARD_WRAP: "line breaks a print layout left inside indented paragraphs were removed",
    W_PAGE_BREAK: "a printed document's page numbers, with the footnotes above them and the running heads under them, were removed between its pages",
    W_COLUMN_JUMP: "an e-paper column continued on another page was joined at its (下转…版) and (上接…版) marks",
    W_WIDTH: "full-width letters, digits and spaces were made half-width",
    W_MOJIBAKE_REPAIRED: "a run of GBK mojibake was re-decoded",
    W_MOJIBAKE_LEFT: "a run of mojibake could not be repaired and is masked from matchers",
    W_TRADITIONAL: "traditional characters were converted to simplified",
    W_STAGE_FAILED: "a pipeline stage failed on this document; its records are missing",
    W_SLOGAN_ITEM_COUNT: "a numbered slogan announced a different number of items than were found",
}
