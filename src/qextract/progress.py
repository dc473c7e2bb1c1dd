"""A one-line progress display for long command-line runs (documents, documents/s, elapsed time).

Drawn on a terminal only: the caller decides (see :func:`wants_progress`).
The line is rewritten in place with a carriage return, at most
``1 / MIN_INTERVAL`` times a second, so a fast run does not spend its time
repainting the terminal.
"""

from __future__ import annotations

import time
from typing import Callable, Optional, TextIO

MIN_INTERVAL = 0.2  # seconds between repaints


def wants_progress(stream: TextIO, quiet: bool) -> bool:
    """True when ``stream`` is a terminal and the user did not ask for quiet."""
    if quiet:
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


class Progress:
    """Counts documents and repaints one status line on ``stream``.

    ``note(message)`` prints a message of its own line without tearing the
    status line; ``close()`` paints the final count and ends the line.
    """

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self._stream = stream
        self._clock = clock
        self._started = clock()
        self._painted_at: Optional[float] = None
        self._width = 0
        self.documents = 0
        self.failures = 0

    def update(self, failed: bool = False) -> None:
        self.documents += 1
        self.failures += failed
        now = self._clock()
        if self._painted_at is None or now - self._painted_at >= MIN_INTERVAL:
            self._paint(now)

    def note(self, message: str) -> None:
        self._clear()
        self._stream.write(message + "\n")
        self._paint(self._clock())

    def close(self) -> None:
        self._paint(self._clock())
        self._stream.write("\n")
        self._stream.flush()

    def line(self, now: float) -> str:
        elapsed = max(now - self._started, 1e-9)
        minutes, seconds = divmod(int(elapsed), 60)
        hours, minutes = divmod(minutes, 60)
        text = f"qextract: {self.documents} documents  {self.documents / elapsed:.1f} docs/s  {hours}:{minutes:02d}:{seconds:02d}"
        if self.failures:
            text += f"  {self.failures} failed"
        return text

    def _paint(self, now: float) -> None:
        text = self.line(now)
        # pad with spaces so a shorter line fully covers the previous one
        self._stream.write("\r" + text.ljust(self._width))
        self._stream.flush()
        self._width = len(text)
        self._painted_at = now

    def _clear(self) -> None:
        if self._width:
            self._stream.write("\r" + " " * self._width + "\r")
            self._width = 0
