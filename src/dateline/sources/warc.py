"""WARC and WARC.gz crawls: the HTML response records, streamed one at a time.

A corrupt record is reported as a failed item (with its offset) and reading resumes at the
next record boundary, so one damaged record never costs the rest of the crawl.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from dateline.errors import InputError
from dateline.sources.files import MAX_BYTES, RawInput

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MEMBER = b"\x1f\x8b\x08"
_WARC_HEADER = b"WARC/1."
_SCAN_CHUNK = 1 << 20


@dataclass(frozen=True)
class WarcItem:
    key: str  # "path@offset"
    nbytes: int
    raw: RawInput | None
    error: InputError | None


def _next_boundary(handle: IO[bytes], start: int, gzipped: bool) -> int | None:
    """Offset of the next record start after ``start``: a gzip member or a WARC header."""
    marker = _GZIP_MEMBER if gzipped else b"\n" + _WARC_HEADER
    handle.seek(start)
    position, tail = start, b""
    while True:
        chunk = handle.read(_SCAN_CHUNK)
        if not chunk:
            return None
        data = tail + chunk
        found = data.find(marker)
        if found >= 0:
            offset = position - len(tail) + found
            return offset if gzipped else offset + 1
        tail = data[-(len(marker) - 1) :]
        position += len(chunk)


def _brief(exc: Exception) -> str:
    """The first words of an error, printable: warcio quotes the broken bytes it found."""
    text = str(exc).split(",", 1)[0] if "first line" in str(exc) else str(exc)
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return text[:120] or exc.__class__.__name__


def _is_html(record) -> bool:  # type: ignore[no-untyped-def]
    """A successful (2xx) HTML response: redirects and error pages are not articles."""
    if record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    if not (len(status) == 3 and status.startswith("2")):
        return False
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    return any(t in ctype for t in _HTML_TYPES)


def _charset(record) -> str | None:  # type: ignore[no-untyped-def]
    """The charset the HTTP Content-Type header names, if any."""
    for part in (record.http_headers.get_header("Content-Type") or "").split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip("\"'"):
            return str(value.strip().strip("\"'"))
    return None


def iter_warc(path: str) -> Iterator[WarcItem]:
    """Yield one item per HTML response record of a .warc or .warc.gz file."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc.strerror})") from None
    with handle:
        gzipped = handle.read(2) == b"\x1f\x8b"
        handle.seek(0)
        start = 0
        while True:
            handle.seek(start)
            records = ArchiveIterator(handle)
            last_end = start
            try:
                for record in records:
                    offset = last_end = records.offset
                    key = f"{path}@{offset}"
                    if record.rec_type != "response" or not _is_html(record):
                        continue
                    try:
                        data = record.content_stream().read(MAX_BYTES + 1)
                    except Exception as exc:  # broken chunking or content encoding
                        yield WarcItem(
                            key, 0, None, InputError(key, f"unreadable record body ({exc})")
                        )
                        continue
                    records.read_to_end(record)
                    size = records.offset - offset
                    if len(data) > MAX_BYTES:
                        yield WarcItem(
                            key, size, None, InputError(key, "record body is larger than 10 MB")
                        )
                    elif not data.strip():
                        yield WarcItem(key, size, None, InputError(key, "record body is empty"))
                    else:
                        meta = {"url": record.rec_headers.get_header("WARC-Target-URI") or ""}
                        if charset := _charset(record):
                            meta["charset"] = charset
                        raw = RawInput(source=key, data=data, meta=meta, content_type="html")
                        yield WarcItem(key, size, raw, None)
                return
            except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as exc:
                # The iterator stands at the start of the record it failed to parse.
                failed_at = max(last_end, records.offset)
                key = f"{path}@{failed_at}"
                yield WarcItem(
                    key, 0, None, InputError(key, f"corrupt WARC record ({_brief(exc)})")
                )
                resume = _next_boundary(handle, failed_at + 1, gzipped)
                if resume is None:
                    return
                start = resume
