"""Gzip files member by member, so damage costs one member instead of the rest of the file.

A gzip file is a series of members, each with its own CRC-32 and length; crawlers write one per
WARC record, and block-gzip tools (bgzip) one per 64 KB. Python's ``gzip`` module reads the series
as one stream and checks a member's CRC only at its end, after handing out the damaged bytes;
here a member is checked before any of its bytes are used, and reading resumes at the next
member that decompresses.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

GZIP_MAGIC = b"\x1f\x8b\x08"
_READ_CHUNK = 1 << 16
_SCAN_CHUNK = 1 << 20
# Decompressed bytes per zlib call: bounded, so a decompression bomb never sits in memory.
_OUTPUT_STEP = 1 << 20


@dataclass(frozen=True)
class Damage:
    """A stretch of a file that could not be read: where it starts and why."""

    offset: int
    problem: str
    nbytes: int = 0


@dataclass(frozen=True)
class Member:
    """One gzip member: [offset, end) of the file; ``problem`` when it does not decompress."""

    offset: int
    end: int | None  # None: the member never ends (damaged or truncated)
    size: int = 0  # decompressed bytes
    problem: str | None = None


def printable(text: str, limit: int = 120) -> str:
    """Library error text fit for a log line (it may quote the broken bytes)."""
    return "".join(ch if ch.isprintable() else "?" for ch in text)[:limit]


def inflate(handle: IO[bytes], offset: int, sink: Callable[[bytes], None] | None = None) -> Member:
    """Decompress the member at ``offset``, passing its output to ``sink``; CRC checked by zlib.

    The output reaches ``sink`` before the CRC at the member's end is checked: callers that
    must not use damaged bytes verify a member first (``sink=None``), then read it.
    """
    handle.seek(offset)
    inflater = zlib.decompressobj(wbits=31)
    consumed = size = 0
    try:
        while not inflater.eof:
            chunk = inflater.unconsumed_tail
            if not chunk:
                chunk = handle.read(_READ_CHUNK)
                if not chunk:
                    return Member(offset, None, size, "file ends inside a compressed block")
                consumed += len(chunk)
            piece = inflater.decompress(chunk, _OUTPUT_STEP)
            size += len(piece)
            if sink is not None and piece:
                sink(piece)
    except zlib.error as exc:
        return Member(offset, None, size, f"damaged compressed data: {printable(str(exc))}")
    return Member(offset, offset + consumed - len(inflater.unused_data), size)


def find(handle: IO[bytes], start: int, marker: bytes) -> int | None:
    """Offset of the first ``marker`` at or after ``start``, reading in chunks."""
    handle.seek(start)
    position, tail = start, b""
    while True:
        chunk = handle.read(_SCAN_CHUNK)
        if not chunk:
            return None
        data = tail + chunk
        found = data.find(marker)
        if found >= 0:
            return position - len(tail) + found
        tail = data[-(len(marker) - 1) :]
        position += len(chunk)


def _opening(handle: IO[bytes], offset: int) -> bytes | None:
    """The first decompressed bytes of a member at ``offset``; None if it does not start one."""
    handle.seek(offset)
    try:
        return zlib.decompressobj(wbits=31).decompress(handle.read(4096), 64)
    except zlib.error:
        return None


def next_member(
    handle: IO[bytes], after: int, opens_with: Callable[[bytes], bool] = bool
) -> int | None:
    """The next offset after ``after`` where a member starts whose output ``opens_with`` accepts.

    The three magic bytes also occur inside compressed data by chance; a candidate counts only
    if it decompresses (and, for a WARC, to a WARC header).
    """
    position = after
    while True:
        found = find(handle, position + 1, GZIP_MAGIC)
        if found is None:
            return None
        head = _opening(handle, found)
        if head is not None and opens_with(head):
            return found
        position = found


def file_end(handle: IO[bytes]) -> int:
    return handle.seek(0, 2)


def members(
    handle: IO[bytes], opens_with: Callable[[bytes], bool] = bool
) -> Iterator[Member | Damage]:
    """Every member of a gzip file, verified (output discarded), or the damage between them."""
    position = 0
    while True:
        handle.seek(position)
        magic = handle.read(3)
        if not magic:
            return
        if magic == GZIP_MAGIC:
            member = inflate(handle, position)
            if member.problem is None and member.end is not None:
                yield member
                position = member.end
                continue
            problem = member.problem or "damaged compressed data"
        else:
            rest = magic + handle.read(_READ_CHUNK)
            if not rest.strip(b"\x00\r\n\t "):  # padding after the last member
                return
            problem = "bytes that are not gzip data"
        resume = next_member(handle, position, opens_with)
        end = resume if resume is not None else file_end(handle)
        yield Damage(position, problem, end - position)
        if resume is None:
            return
        position = resume


def verified_stream(handle: IO[bytes]) -> Iterator[bytes | Damage]:
    """The decompressed bytes of every intact member, in order, with a Damage for each gap.

    Two passes: every member is verified first (CRC and length), so no byte of a damaged member
    is ever returned; then intact members are decompressed again, in bounded pieces.
    """
    checked = list(members(handle))
    for part in checked:
        if isinstance(part, Damage):
            yield part
            continue
        pieces: list[bytes] = []
        position = part.offset
        # Re-inflate in bounded steps: collect one step's output, hand it out, continue.
        inflater = zlib.decompressobj(wbits=31)
        handle.seek(position)
        assert part.end is not None
        remaining = part.end - part.offset
        while remaining > 0:
            chunk = handle.read(min(_READ_CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            while chunk:
                piece = inflater.decompress(chunk, _OUTPUT_STEP)
                if piece:
                    pieces.append(piece)
                chunk = inflater.unconsumed_tail
            yield from pieces
            pieces.clear()
