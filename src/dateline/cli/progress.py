"""A one-line progress report on stderr for long commands (``ingest``, ``analyze``).

It appears at once: first the phase in hand ("loading model …") with the seconds it has taken,
then the articles done with their rate and an ETA. A background thread redraws the line four
times a second, so it moves even while the model loads or a slow article is analysed.

The rate behind the ETA is an average since the first article came back, not since the
command started (the model's load time would drag it down) and not over the last few batches
(batches finish in bursts, which would make the ETA jump). The ETA is the inputs' bytes still
to read over that rate in bytes, so it is there whenever the inputs' size is known.

Nothing at all is written unless it is enabled, which by default means stderr is a terminal:
piped or redirected output is exactly what it was without progress reporting.
"""

from __future__ import annotations

import contextlib
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from typing import TextIO

_REDRAW_SECONDS = 0.25
_CLEAR = "\r\x1b[K"


def wanted(switch: bool | None, stream: TextIO) -> bool:
    """Whether to show progress: the user's ``--progress/--no-progress``, else whether
    ``stream`` is a terminal."""
    if switch is not None:
        return switch
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def clock(seconds: float) -> str:
    """``seconds`` as m:ss, or h:mm:ss from an hour."""
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def size(nbytes: float) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if nbytes < 1000 or unit == "GB":
            return f"{nbytes:.0f} {unit}" if unit == "B" else f"{nbytes:.1f} {unit}"
        nbytes /= 1000
    raise AssertionError("unreachable")


class Progress:
    """The progress line of one command. Use as a context manager; a disabled one does nothing."""

    def __init__(
        self, label: str, stream: TextIO, enabled: bool, total_bytes: int | None = None,
        now: Callable[[], float] = time.monotonic,
    ) -> None:  # fmt: skip
        self.label = label
        self.stream = stream
        self.enabled = enabled
        self.total_bytes = total_bytes
        self._now = now
        self._started = now()
        self._phase: str | None = None
        self._phase_started = self._started
        self.articles = 0
        self.failed = 0
        self.done_bytes = 0
        # (time, articles, bytes) when the first article came back: the rate is measured from it.
        self._first: tuple[float, int, int] | None = None
        self._latest = self._started  # the time of the latest update
        # Re-entrant: a block run under paused() may itself report progress.
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._shown = False

    # -- what the command reports ---------------------------------------------------------

    def phase(self, text: str | None) -> None:
        """The step in hand before (or between) articles, e.g. "loading model …"; None ends it."""
        with self._lock:
            self._phase, self._phase_started = text, self._now()
        self.redraw()

    def advance(self, articles: int = 0, failed: int = 0, nbytes: int = 0) -> None:
        """``articles`` more done (``failed`` of them failed) and ``nbytes`` more input read."""
        self.update(self.articles + articles, self.failed + failed, self.done_bytes + nbytes)

    def update(self, articles: int, failed: int, done_bytes: int) -> None:
        """The totals so far: articles done, failed, and bytes of input read."""
        with self._lock:
            self._latest = self._now()
            if self._first is None and articles > 0:
                self._first = (self._latest, articles, done_bytes)
            self.articles, self.failed, self.done_bytes = articles, failed, done_bytes
            self._phase = None
        self.redraw()

    # -- the line -------------------------------------------------------------------------

    def rate(self) -> tuple[float, float] | None:
        """(articles/s, bytes/s) from the first article that came back to the latest; None
        until there is such a span."""
        if self._first is None:
            return None
        since, articles, nbytes = self._first
        elapsed = self._latest - since
        if elapsed <= 0 or self.articles <= articles:
            return None
        return (self.articles - articles) / elapsed, (self.done_bytes - nbytes) / elapsed

    def eta(self) -> float | None:
        """Seconds left: the bytes still to read over the byte rate, counted down with the
        clock between updates (None when unknown)."""
        rate = self.rate()
        if rate is None or self.total_bytes is None or rate[1] <= 0:
            return None
        left = max(0.0, self.total_bytes - self.done_bytes) / rate[1]
        return max(0.0, left - (self._now() - self._latest))

    def line(self) -> str:
        now = self._now()
        parts = [self.label]
        if self._phase is not None:
            parts.append(f"{self._phase} {clock(now - self._phase_started)}")
        if self._first is not None or self._phase is None:
            done = f"{self.articles} article{'s' if self.articles != 1 else ''}"
            if self.failed:
                done += f" ({self.failed} failed)"
            parts.append(done)
            rate = self.rate()
            parts.append(f"{rate[0]:.1f}/s" if rate is not None else "…/s")
            if self.total_bytes:
                share = min(1.0, self.done_bytes / self.total_bytes)
                parts.append(f"{share:.0%} of {size(self.total_bytes)}")
            eta = self.eta()
            if self.total_bytes:
                parts.append(f"ETA {clock(eta)}" if eta is not None else "ETA …")
        parts.append(f"elapsed {clock(now - self._started)}")
        return " · ".join(parts)

    def redraw(self) -> None:
        if not self.enabled:
            return
        with self._lock:
            width = max(20, shutil.get_terminal_size((100, 24)).columns - 1)
            self._write(_CLEAR + self.line()[:width])
            self._shown = True

    def _write(self, text: str) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.stream.write(text)
            self.stream.flush()

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """Clear the line while the block writes to the terminal (results on stdout, messages
        on stderr), then draw it again below what was written."""
        if not self.enabled:
            yield
            return
        with self._lock:
            if self._shown:
                self._write(_CLEAR)
                self._shown = False
            yield
        self.redraw()

    # -- life -----------------------------------------------------------------------------

    def _tick(self) -> None:
        while not self._stop.wait(_REDRAW_SECONDS):
            self.redraw()

    def __enter__(self) -> Progress:
        if self.enabled:
            self.redraw()
            self._thread = threading.Thread(
                target=self._tick, name="dateline-progress", daemon=True
            )
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop redrawing and remove the line (the command prints its own summary)."""
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
            self._thread = None
        if self.enabled:
            with self._lock:
                if self._shown:
                    self._write(_CLEAR)
                    self._shown = False
