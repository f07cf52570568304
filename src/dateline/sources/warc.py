"""WARC and WARC.gz crawls: the HTML response records, streamed one at a time.

Record boundaries are found here, not by warcio, so that damage stays inside one record:

* in a ``.warc.gz`` every record is its own gzip member (WARC 1.1, annex D). A member is
  decompressed whole, with its CRC checked, before anything in it is used; a member that does
  not decompress is one failed record, and reading resumes at the next offset where a gzip
  member that decompresses to a ``WARC/1.`` header starts;
* in a ``.warc`` (and inside each member) a record is its header, ``Content-Length`` bytes of
  block, then a blank line. A record whose length does not land on that blank line, whose header
  is unreadable, or whose ``WARC-Block-Digest`` does not match is one failed record, and reading
  resumes at the next line starting ``WARC/1.``.

Only then is warcio given the isolated bytes of one record to decode its HTTP headers, chunking
and content encoding. Every record is accounted for: an HTML page (``raw``), a failure with a
reason (``error``), or a record that is not an HTML response (not yielded). ARC files, which have
no such framing, are read with warcio alone.
"""

from __future__ import annotations

import base64
import hashlib
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from dateline.errors import InputError
from dateline.sources.files import MAX_BYTES, RawInput
from dateline.sources.gzmembers import file_end, find, next_member

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MEMBER = b"\x1f\x8b\x08"
_WARC_HEADER = b"WARC/1."
_READ_CHUNK = 1 << 16
# A record header longer than this is not a WARC header.
_MAX_HEADER = 64 * 1024
# Decompressed size of one gzip member: a record's body may be up to MAX_BYTES, plus headers.
# Larger members (a whole crawl compressed as one member) are refused rather than held in memory.
MAX_MEMBER = MAX_BYTES + 4 * 1024 * 1024
_MB = 1024 * 1024


@dataclass(frozen=True)
class WarcItem:
    key: str  # "path@offset"
    nbytes: int
    raw: RawInput | None
    error: InputError | None


@dataclass(frozen=True)
class _Record:
    """The bytes of one framed WARC record, or why no record could be framed at ``offset``."""

    offset: int
    nbytes: int  # bytes of the file it spans (compressed bytes in a .warc.gz)
    data: bytes | None
    problem: str | None = None


def _failed(path: str, offset: int, nbytes: int, problem: str) -> WarcItem:
    key = f"{path}@{offset}"
    return WarcItem(key, nbytes, None, InputError(key, problem))


def _printable(text: str, limit: int = 120) -> str:
    """Error text fit for a log line: library messages may quote the broken bytes."""
    return "".join(ch if ch.isprintable() else "?" for ch in text)[:limit]


# ---------------------------------------------------------------------------------------------
# Framing uncompressed records


def _next_header(handle: IO[bytes], after: int) -> int | None:
    """Offset of the next line that starts a WARC record, strictly after ``after``."""
    found = find(handle, after, b"\n" + _WARC_HEADER)
    return None if found is None else found + 1


def _read_header(handle: IO[bytes]) -> bytes | None:
    """The header block (through the blank line) at the current position; None if unterminated."""
    lines: list[bytes] = []
    size = 0
    while size <= _MAX_HEADER:
        line = handle.readline(_MAX_HEADER + 1)
        if not line:
            return None
        lines.append(line)
        size += len(line)
        if line in (b"\r\n", b"\n"):
            return b"".join(lines)
    return None


def _header_fields(header: bytes) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in header.decode("latin-1").splitlines()[1:]:
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip().lower()] = value.strip()
    return fields


def _digest_matches(declared: str, block: bytes) -> bool | None:
    """Whether ``block`` has the declared ``WARC-Block-Digest`` (None: algorithm not known)."""
    algorithm, sep, value = declared.partition(":")
    name = algorithm.strip().lower().replace("-", "")
    if not sep or name not in ("sha1", "sha256", "md5"):
        return None
    digest = hashlib.new(name, block).digest()
    value = value.strip()
    encodings = (base64.b32encode(digest).decode("ascii"), digest.hex())
    return value.upper().rstrip("=") in {e.upper().rstrip("=") for e in encodings}


def _skip_blank(handle: IO[bytes], position: int) -> tuple[int, bool]:
    """Skip blank lines between records; returns the new position and whether data follows."""
    handle.seek(position)
    while True:
        chunk = handle.read(256)
        if not chunk:
            return position, False
        stripped = chunk.lstrip(b"\r\n")
        if stripped:
            return position + len(chunk) - len(stripped), True
        position += len(chunk)


def _frame_plain(handle: IO[bytes], start: int = 0) -> Iterator[_Record]:
    """Frame the uncompressed records of ``handle`` from ``start``, resynchronising on damage."""
    position = start
    while True:
        position, more = _skip_blank(handle, position)
        if not more:
            return
        end, problem = _frame_one(handle, position)
        if problem is None:
            assert end is not None
            handle.seek(position)
            yield _Record(position, end - position, handle.read(end - position))
            position = end
            continue
        resume = _next_header(handle, position)
        # A record cut short by the end of the file spans to the end; otherwise to the next header.
        if end is None or resume is not None:
            end = resume if resume is not None else file_end(handle)
        yield _Record(position, end - position, None, problem)
        if resume is None:
            return
        position = resume


def _frame_one(handle: IO[bytes], position: int) -> tuple[int | None, str | None]:
    """(end offset, None) for a well-framed record at ``position``, or (end or None, problem)."""
    handle.seek(position)
    header = _read_header(handle)
    if header is None or not header.startswith(_WARC_HEADER):
        return None, "corrupt WARC record (no readable WARC/1.x header)"
    fields = _header_fields(header)
    try:
        length = int(fields.get("content-length", ""))
        if length < 0:
            raise ValueError
    except ValueError:
        return None, "corrupt WARC record (missing or invalid Content-Length)"
    body_start = position + len(header)
    end = body_start + length + 4
    if length > MAX_MEMBER:
        handle.seek(body_start + length)
        if handle.read(4) != b"\r\n\r\n":
            return None, "corrupt WARC record (Content-Length does not match the record)"
        return end, f"WARC record is larger than {MAX_MEMBER // _MB} MB"
    block = handle.read(length)
    if len(block) < length:
        return None, "corrupt WARC record (file ends inside the record; Content-Length too large?)"
    if handle.read(4) != b"\r\n\r\n":
        return None, "corrupt WARC record (Content-Length does not match the record)"
    declared = fields.get("warc-block-digest")
    if declared and _digest_matches(declared, block) is False:
        return end, "corrupt WARC record (content does not match its WARC-Block-Digest)"
    return end, None


# ---------------------------------------------------------------------------------------------
# Gzip members


@dataclass(frozen=True)
class _Member:
    offset: int
    end: int | None  # None: the member does not end (damaged or truncated)
    data: bytes | None
    problem: str | None = None


def _inflate_member(handle: IO[bytes], offset: int) -> _Member:
    """Decompress the gzip member starting at ``offset`` (CRC and length checked by zlib)."""
    handle.seek(offset)
    inflater = zlib.decompressobj(wbits=31)
    parts: list[bytes] = []
    size = 0
    consumed = 0
    too_large = False
    try:
        while not inflater.eof:
            chunk = inflater.unconsumed_tail
            if not chunk:
                chunk = handle.read(_READ_CHUNK)
                if not chunk:
                    return _Member(offset, None, None, "corrupt WARC record (file ends inside it)")
                consumed += len(chunk)
            # Bounded output per call, so a decompression bomb never sits in memory.
            piece = inflater.decompress(chunk, _READ_CHUNK * 16)
            size += len(piece)
            if size > MAX_MEMBER:
                too_large = True
            elif piece:
                parts.append(piece)
    except zlib.error as exc:
        problem = f"corrupt WARC record (damaged compressed data: {_printable(str(exc))})"
        return _Member(offset, None, None, problem)
    end = offset + consumed - len(inflater.unused_data)
    if too_large:
        problem = f"compressed WARC record is larger than {MAX_MEMBER // _MB} MB decompressed"
        return _Member(offset, end, None, problem)
    return _Member(offset, end, b"".join(parts))


def _next_member(handle: IO[bytes], after: int) -> int | None:
    """The next offset after ``after`` where a WARC record's gzip member starts."""
    return next_member(handle, after, lambda head: head.startswith(_WARC_HEADER))


def _frame_gzip(handle: IO[bytes]) -> Iterator[_Record]:
    """Frame the records of a .warc.gz: one gzip member at a time, resynchronising on damage."""
    position = 0
    while True:
        handle.seek(position)
        magic = handle.read(3)
        if not magic:
            return
        if magic != _GZIP_MEMBER:
            rest = magic + handle.read(_READ_CHUNK)
            if not rest.strip(b"\x00\r\n\t "):  # padding after the last member
                return
            member = _Member(position, None, None, "corrupt WARC record (not a gzip member)")
        else:
            member = _inflate_member(handle, position)
        if member.data is None:
            resume = member.end if member.end is not None else _next_member(handle, position)
            end = resume if resume is not None else file_end(handle)
            assert member.problem is not None
            yield _Record(position, end - position, None, member.problem)
            if resume is None:
                return
            position = resume
            continue
        assert member.end is not None
        yield from _records_of_member(member)
        position = member.end


def _records_of_member(member: _Member) -> Iterator[_Record]:
    """The records inside one decompressed member (normally exactly one)."""
    assert member.data is not None and member.end is not None
    nbytes = member.end - member.offset
    inner = list(_frame_plain(io.BytesIO(member.data)))
    if not inner:
        yield _Record(member.offset, nbytes, None, "corrupt WARC record (empty gzip member)")
        return
    for n, record in enumerate(inner):
        # Keys stay "path@member offset" for the usual one record per member.
        offset = member.offset if record.offset == 0 else member.offset + record.offset
        yield _Record(offset, nbytes if n == 0 else 0, record.data, record.problem)


# ---------------------------------------------------------------------------------------------
# Decoding one framed record


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


def _page_meta(record) -> dict[str, str]:  # type: ignore[no-untyped-def]
    meta = {"url": record.rec_headers.get_header("WARC-Target-URI") or ""}
    if charset := _charset(record):
        meta["charset"] = charset
    return meta


def _decode_record(path: str, framed: _Record) -> WarcItem | None:
    """The HTML page in one framed record; None for records that are not HTML responses."""
    key = f"{path}@{framed.offset}"
    if framed.data is None:
        return _failed(path, framed.offset, framed.nbytes, framed.problem or "corrupt WARC record")
    try:
        record = next(iter(ArchiveIterator(io.BytesIO(framed.data))), None)
        if record is None or record.rec_type != "response" or not _is_html(record):
            return None
        data = record.content_stream().read(MAX_BYTES + 1)
        meta = _page_meta(record)
    except Exception as exc:  # warcio raises many kinds on broken HTTP headers or encodings
        problem = f"unreadable WARC record ({exc.__class__.__name__}: {_printable(str(exc))})"
        return _failed(path, framed.offset, framed.nbytes, problem)
    if len(data) > MAX_BYTES:
        problem = f"record body is larger than {MAX_BYTES // _MB} MB"
        return _failed(path, framed.offset, framed.nbytes, problem)
    if not data.strip():
        return _failed(path, framed.offset, framed.nbytes, "record body is empty")
    raw = RawInput(source=key, data=data, meta=meta, content_type="html")
    return WarcItem(key, framed.nbytes, raw, None)


def _is_arc(handle: IO[bytes], gzipped: bool) -> bool:
    handle.seek(0)
    head = handle.read(4096)
    if gzipped:
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 64)
        except zlib.error:
            return False
    return head.lstrip().startswith(b"filedesc://")


def iter_warc(path: str) -> Iterator[WarcItem]:
    """Yield one item per HTML response record (or damaged record) of a .warc or .warc.gz."""
    from dateline.sources.files import open_regular_file

    handle = open_regular_file(path)
    with handle:
        gzipped = handle.read(2) == b"\x1f\x8b"
        if _is_arc(handle, gzipped):
            handle.seek(0)
            yield from _iter_arc(path, handle)
            return
        framed = _frame_gzip(handle) if gzipped else _frame_plain(handle)
        for record in framed:
            item = _decode_record(path, record)
            if item is not None:
                yield item


def _iter_arc(path: str, handle: IO[bytes]) -> Iterator[WarcItem]:
    """ARC files (the WARC format's predecessor): warcio frames them; damage ends the file."""
    records = ArchiveIterator(handle)
    offset = 0
    try:
        for record in records:
            offset = records.offset
            if record.rec_type != "response" or not _is_html(record):
                continue
            data = record.content_stream().read(MAX_BYTES + 1)
            records.read_to_end(record)
            key = f"{path}@{offset}"
            size = records.offset - offset
            if len(data) > MAX_BYTES or not data.strip():
                problem = "record body is empty" if not data.strip() else "record is too large"
                yield _failed(path, offset, size, problem)
                continue
            yield WarcItem(key, size, RawInput(key, data, _page_meta(record), "html"), None)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as exc:
        problem = f"corrupt ARC record; the rest of the file is unreadable ({_printable(str(exc))})"
        yield _failed(path, offset, 0, problem)
