"""JSON Lines dumps: one article per line, with configurable field names.

Read line by line (never whole), so a dump of any size streams in bounded memory. Each line
becomes a RawInput whose ``meta`` carries url/headline/published/publisher for ``structure``.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from dateline.errors import InputError
from dateline.sources.files import MAX_BYTES, RawInput

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
    return RawInput(source=source, data=body.encode("utf-8"), meta=meta, content_type=hint)


def _open(path: str) -> IO[bytes]:
    handle: IO[bytes] = open(path, "rb")  # noqa: SIM115 - closed by the caller
    if handle.read(2) == b"\x1f\x8b":
        handle.close()
        compressed = cast(IO[bytes], gzip.open(path, "rb"))  # noqa: SIM115
        return compressed
    handle.seek(0)
    return handle


def iter_lines(
    source: str, handle: IO[bytes], fields: dict[str, str], first_line: int = 1
) -> Iterator[JsonlItem]:
    """Items from an open binary stream of JSON Lines."""
    for number, line in enumerate(handle, start=first_line):
        key = f"{source}:{number}"
        if not line.strip():
            continue
        if len(line) > MAX_BYTES:
            yield JsonlItem(key, len(line), None, InputError(key, "line is longer than 10 MB"))
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
    """Stream the records of a .jsonl / .ndjson file (optionally gzip-compressed)."""
    if not Path(path).is_file():
        raise InputError(path, "no such file")
    try:
        handle = _open(path)
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc.strerror})") from None
    with handle:
        try:
            yield from iter_lines(path, handle, fields or {})
        except (OSError, EOFError) as exc:
            raise InputError(path, f"corrupt compressed data ({exc})") from None
