"""JSON Lines dumps: one article per line, with configurable field names.

Read line by line (never whole), so a dump of any size streams in bounded memory. Each line
becomes a RawInput whose ``meta`` carries url/headline/published/publisher for ``structure``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from dateline.errors import InputError
from dateline.sources.files import MAX_BYTES, RawInput, open_regular_file
from dateline.sources.gzmembers import Damage, verified_stream

# Our name -> field names tried in order when the user gives none.
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "maintext", "article", "articleBody"),
    "html": ("html", "raw_html", "content_html"),
    "title": ("title", "headline"),
    "url": ("url", "link", "source_url"),
    "date": ("date", "published", "date_publish", "publish_date", "published_at", "datePublished"),
    "publisher": ("publisher", "source", "source_domain", "site_name"),
}
# The meta keys structure() understands.
_META_KEY = {"title": "headline", "url": "url", "date": "published", "publisher": "publisher"}


@dataclass(frozen=True)
class JsonlItem:
    key: str  # "path:line"
    nbytes: int
    raw: RawInput | None
    error: InputError | None


def parse_field_options(options: Iterable[str]) -> dict[str, str]:
    """Parse ``--field text=body`` options into {"text": "body"}; names are checked."""
    mapping: dict[str, str] = {}
    for option in options:
        name, sep, value = option.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not value:
            raise InputError("--field", f"expected NAME=FIELD, got {option!r}")
        if name not in DEFAULT_FIELDS:
            raise InputError(
                "--field", f"unknown name {name!r}; use one of {', '.join(DEFAULT_FIELDS)}"
            )
        mapping[name] = value
    return mapping


def _lookup(record: dict, name: str, fields: dict[str, str]) -> str | None:
    """The value of our field ``name``; dotted user field names reach into nested objects."""
    candidates = (fields[name],) if name in fields else DEFAULT_FIELDS[name]
    for candidate in candidates:
        value: object = record
        for part in candidate.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, list):
            value = "\n\n".join(str(v) for v in value if v)
        if isinstance(value, str | int | float) and str(value).strip():
            return str(value)
    return None


def record_to_raw(source: str, record: object, fields: dict[str, str]) -> RawInput:
    """One decoded JSON Lines record -> RawInput, or InputError naming what is missing."""
    if not isinstance(record, dict):
        raise InputError(source, "line is not a JSON object")
    text = _lookup(record, "text", fields)
    html = _lookup(record, "html", fields) if text is None else None
    if text is None and html is None:
        wanted = fields.get("text") or " / ".join(DEFAULT_FIELDS["text"])
        raise InputError(source, f"no article text (field {wanted}); set it with --field text=NAME")
    meta = {
        key: value
        for name, key in _META_KEY.items()
        if (value := _lookup(record, name, fields)) is not None
    }
    body = text if text is not None else html
    assert body is not None
    hint = "html" if html is not None else "body"
    # A JSON escape can make a lone surrogate ("\\udc00"), which UTF-8 cannot hold: it is
    # dropped, as structuring drops control characters, instead of stopping the whole run.
    data = body.encode("utf-8", "ignore")
    return RawInput(source=source, data=data, meta=meta, content_type=hint)


def _raw_chunks(handle: IO[bytes]) -> Iterator[bytes]:
    while chunk := handle.read(1 << 16):
        yield chunk


def split_lines(pieces: Iterable[bytes | Damage]) -> Iterator[bytes | Damage]:
    """Lines from a stream of byte pieces; a Damage in the stream stays one item.

    The partial line cut by damage, and the partial line after it (up to the next newline), are
    part of the damage: they are never parsed. A line longer than MAX_BYTES is not held in
    memory: it becomes one Damage at its start.
    """
    buffer = bytearray()
    resync = False  # skipping the rest of a line cut by damage or over the size limit
    position = 0  # decompressed offset of buffer[0], for over-long lines
    for piece in pieces:
        if isinstance(piece, Damage):
            buffer.clear()
            resync = True
            yield piece
            continue
        if resync:
            newline = piece.find(b"\n")
            if newline < 0:
                position += len(piece)
                continue
            position += newline + 1
            piece = piece[newline + 1 :]
            resync = False
        buffer += piece
        while (newline := buffer.find(b"\n")) >= 0:
            yield bytes(buffer[: newline + 1])
            del buffer[: newline + 1]
            position += newline + 1
        if len(buffer) > MAX_BYTES:
            yield Damage(position, "line is longer than 10 MB", len(buffer))
            position += len(buffer)
            buffer.clear()
            resync = True
    if buffer and not resync:
        yield bytes(buffer)


def iter_lines(
    source: str,
    lines: Iterable[bytes | Damage],
    fields: dict[str, str],
    first_line: int = 1,
) -> Iterator[JsonlItem]:
    """Items from JSON Lines (bytes, with Damage items where the file could not be read).

    A line is keyed ``path:number``; damage is keyed ``path@offset`` (the offset in the file of
    the damaged compressed block). Line numbers count the lines read.
    """
    number = first_line - 1
    for line in lines:
        if isinstance(line, Damage):
            if line.problem.startswith("line is longer"):
                number += 1
                key = f"{source}:{number}"
            else:
                key = f"{source}@{line.offset}"
            problem = line.problem
            if not problem.startswith("line is longer"):
                problem = f"{problem}; the lines in this stretch of the file are skipped"
            yield JsonlItem(key, line.nbytes, None, InputError(key, problem))
            continue
        number += 1
        key = f"{source}:{number}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield JsonlItem(key, len(line), None, InputError(key, f"invalid JSON ({exc})"))
            continue
        except RecursionError:
            problem = "invalid JSON (nested too deeply)"
            yield JsonlItem(key, len(line), None, InputError(key, problem))
            continue
        try:
            yield JsonlItem(key, len(line), record_to_raw(key, record, fields), None)
        except InputError as exc:
            yield JsonlItem(key, len(line), None, exc)


def iter_jsonl(path: str, fields: dict[str, str] | None = None) -> Iterator[JsonlItem]:
    """Stream the records of a .jsonl / .ndjson file (optionally gzip-compressed).

    A gzip file is read member by member with each member verified first (see ``gzmembers``):
    a damaged member is one failure and the lines of the next intact member are kept.
    """
    handle = open_regular_file(path)
    with handle:
        gzipped = handle.read(2) == b"\x1f\x8b"
        handle.seek(0)
        pieces = verified_stream(handle) if gzipped else _raw_chunks(handle)
        try:
            yield from iter_lines(path, split_lines(pieces), fields or {})
        except OSError as exc:
            raise InputError(path, f"cannot read file ({exc.strerror or exc})") from None
