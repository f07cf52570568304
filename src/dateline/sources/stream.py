"""Every input kind every command reads: files, folders (recursively), JSON Lines, WARC, stdin.

Everything is a lazy stream of input items, so a 10 GB crawl is never held in memory. ``analyze``,
``ingest`` and ``bench`` read through here, so they accept exactly the same inputs. Inputs an
earlier ingest finished (per ``ingest_log``, given as a :class:`Resume`) are skipped here, before
any analysis.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dateline.errors import InputError
from dateline.sources.files import (
    ARTICLE_SUFFIXES,
    MAX_BYTES,
    RawInput,
    list_folder,
    read_input,
)
from dateline.sources.jsonl import iter_jsonl, iter_lines, split_lines
from dateline.sources.warc import iter_warc

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
STDIN = "-"


@dataclass(frozen=True)
class InputItem:
    """One input to analyse; ``error`` is set when reading it already failed.

    ``key`` names the input in messages and in the ingest log (a path, ``path:line`` of a JSON
    Lines record, ``path@offset`` of a WARC record); ``container`` is the file it came from.
    """

    key: str
    container: str
    raw: RawInput | None = None
    error: str | None = None


@dataclass(frozen=True)
class Step:
    """One step of the input stream: an item to analyse, or a container read to the end."""

    item: InputItem | None = None
    nbytes: int = 0
    finished: str | None = None
    skipped: bool = False  # done by an earlier run
    failed_before: bool = False  # skipped, and the earlier run logged a failure in it


def kind_of(path: str) -> str:
    name = path.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    bare = name[:-3] if name.endswith(".gz") else name
    if bare.endswith(ARTICLE_SUFFIXES):
        return "file"
    return "other"


def expand(paths: list[str], absolute: bool = True) -> Iterator[str]:
    """Files in the order given; folders recursively, sorted, keeping what Dateline can read.

    ``absolute`` resolves the paths (ingest logs them, and a resumed run may start elsewhere);
    without it a path is named as given, with a folder's files below the folder as given.
    """
    for path in paths:
        if path == STDIN:
            yield path
            continue
        p = Path(path)
        if p.is_dir():
            files, unreadable = list_folder(path)
            kept = sorted(f for f in files if kind_of(Path(f).name) != "other")
            found = sorted(str(Path(f).resolve()) for f in kept) if absolute else kept
            if not found and not unreadable:
                raise InputError(path, "folder holds no .txt, .html, .json, .jsonl or .warc files")
            yield from found
            # Reading an unreadable subfolder logs why, instead of skipping it in silence.
            yield from (str(Path(d).resolve()) if absolute else d for d in unreadable)
        else:
            yield str(p.resolve()) if absolute and p.exists() else path


def total_bytes(paths: list[str]) -> int | None:
    """Bytes to read, for the progress bar; None when unknown (stdin)."""
    total = 0
    for path in paths:
        if path == STDIN:
            return None
        with contextlib.suppress(OSError):
            total += os.path.getsize(path)
    return total


class Resume:
    """Which inputs earlier runs finished, from ``ingest_log``."""

    def __init__(
        self,
        done: set[str],
        partial: Callable[[str], set[str]],
        failed: set[str] | None = None,
    ) -> None:
        self.done = done
        self._partial = partial
        # Inputs (containers) whose latest outcome holds a failure: a re-run skipping them
        # says so, as it would otherwise report them with the ones that went well.
        self.failed = failed or set()

    def logged(self, container: str) -> set[str]:
        return self._partial(container)


def stream(
    paths: list[str], fields: dict[str, str] | None = None, resume: Resume | None = None
) -> Iterator[Step]:
    """The inputs of ``paths`` (expanded already), one step at a time, skipping what earlier
    ingest runs finished (``resume``)."""
    fields = fields or {}
    resume = resume or Resume(set(), lambda container: set())
    for path in paths:
        if path == STDIN:
            yield from _stdin(fields)
            continue
        size = _size(path)
        if path in resume.done:
            yield Step(nbytes=size, skipped=True, failed_before=path in resume.failed)
            continue
        kind = kind_of(path)
        if kind in ("jsonl", "warc"):
            yield from _container(path, kind, fields, resume.logged(path))
        else:
            yield Step(item=_read_file(path), nbytes=size)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def items(paths: list[str], fields: dict[str, str] | None = None) -> Iterator[InputItem]:
    """Every input item of ``paths`` (files, folders, containers, ``-``), in order."""
    for step in stream(list(expand(paths, absolute=False)), fields):
        if step.item is not None:
            yield step.item


def _read_file(path: str) -> InputItem:
    try:
        return InputItem(key=path, container=path, raw=read_input(path))
    except InputError as exc:
        return InputItem(key=path, container=path, error=exc.problem)


def _container(path: str, kind: str, fields: dict[str, str], logged: set[str]) -> Iterator[Step]:
    records = iter_jsonl(path, fields) if kind == "jsonl" else iter_warc(path)
    try:
        for record in records:
            if record.key in logged:
                yield Step(nbytes=record.nbytes, skipped=True)
                continue
            error = record.error.problem if record.error else None
            item = InputItem(key=record.key, container=path, raw=record.raw, error=error)
            yield Step(item=item, nbytes=record.nbytes)
    except InputError as exc:
        # The container itself is unreadable from here on: log it and move on.
        key = f"{path}#error"
        if key not in logged:
            yield Step(item=InputItem(key=key, container=path, error=exc.problem))
    yield Step(finished=path)


def _stdin(fields: dict[str, str]) -> Iterator[Step]:
    """stdin holds one article, or JSON Lines when its first line is a JSON object and more follow."""
    handle = sys.stdin.buffer
    first = handle.readline(MAX_BYTES + 1)
    second = handle.readline(MAX_BYTES + 1) if _is_json_object(first) else b""
    if second.strip():
        yield from (
            Step(
                item=InputItem(r.key, STDIN, r.raw, r.error.problem if r.error else None),
                nbytes=r.nbytes,
            )
            for r in iter_lines(STDIN, iter([first, second]), fields)  # type: ignore[arg-type]
        )
        # Bounded pieces, not lines: a line without end must not fill memory.
        pieces = iter(lambda: handle.read1(1 << 16), b"")  # type: ignore[union-attr]
        for r in iter_lines(STDIN, split_lines(pieces), fields, first_line=3):
            error = r.error.problem if r.error else None
            yield Step(item=InputItem(r.key, STDIN, r.raw, error), nbytes=r.nbytes)
        return
    data = first + second + handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        yield Step(item=InputItem(STDIN, STDIN, error="input is larger than 10 MB"))
    elif not data.strip():
        yield Step(item=InputItem(STDIN, STDIN, error="input is empty"))
    else:
        yield Step(
            item=InputItem(STDIN, STDIN, raw=RawInput(source=STDIN, data=data)), nbytes=len(data)
        )


def _is_json_object(line: bytes) -> bool:
    if not line.lstrip().startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False
