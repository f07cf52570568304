"""Read raw article inputs from paths, folders and stdin, with checks that name the problem."""

from __future__ import annotations

import codecs
import gzip
import io
import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from dateline.errors import InputError
from dateline.textsafety import remove_control_chars

# Larger inputs are refused: no news article is this long, and a mistaken path to a dump
# should fail fast instead of exhausting memory.
MAX_BYTES = 10 * 1024 * 1024
ARTICLE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".json", ".md")


@dataclass(frozen=True)
class RawInput:
    """One undecoded article as it arrived, with whatever metadata the container gave."""

    source: str
    data: bytes
    # Metadata from a container (JSON Lines fields, WARC headers): url, date, title...
    meta: dict[str, str] = field(default_factory=dict)
    # "html", "json" or "text" when the container says so, "body" for the text field of a JSON
    # record (the article body itself, with no page layout around it); otherwise sniffed.
    content_type: str | None = None


def _gunzip(source: str, data: bytes) -> bytes:
    if data[:2] != b"\x1f\x8b":
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            out = handle.read(MAX_BYTES + 1)
    except (OSError, EOFError) as exc:
        raise InputError(source, f"corrupt gzip data ({exc})") from None
    if len(out) > MAX_BYTES:
        raise InputError(
            source, f"input is larger than {MAX_BYTES // (1024 * 1024)} MB after decompression"
        )
    return out


def _special_kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "a special file"


def _cannot_read(path: str, exc: OSError) -> InputError:
    if isinstance(exc, FileNotFoundError):
        if path.lower().startswith(("http://", "https://")):
            # Files are read offline; a web page is the fetching commands' job.
            return InputError(
                path,
                "a URL, not a file: `dateline fetch URL` analyses a web page, "
                "`dateline ingest --urls FILE` stores a list of them",
            )
        return InputError(path, "no such file or directory")
    if isinstance(exc, PermissionError):
        return InputError(path, "cannot read file (permission denied)")
    return InputError(path, f"cannot read file ({exc.strerror or exc})")


def open_regular_file(path: str) -> BinaryIO:
    """Open ``path`` for reading if it is a regular file; devices, pipes and sockets are refused.

    The type is checked before opening (opening a FIFO would wait for a writer) and again on
    the open descriptor, in case the path was replaced in between.
    """
    try:
        info = os.stat(path)
    except OSError as exc:
        raise _cannot_read(path, exc) from None
    kind = _special_kind(info.st_mode)
    if kind == "a directory":
        raise InputError(path, _directory_problem(path))
    if kind is not None:
        raise InputError(path, f"is {kind}, not a regular file; only files and stdin are read")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _cannot_read(path, exc) from None
    kind = _special_kind(os.fstat(fd).st_mode)
    if kind is not None:
        os.close(fd)
        raise InputError(path, f"is {kind}, not a regular file; only files and stdin are read")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _directory_problem(path: str) -> str:
    if not os.access(path, os.R_OK | os.X_OK):
        return "folder cannot be read (permission denied); its files were not read"
    return "is a directory, not a file"


def read_limited(source: str, handle: BinaryIO, limit: int = MAX_BYTES) -> bytes:
    """Read at most ``limit`` bytes, counting while reading: a device or pipe has no size."""
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            source,
            f"input is larger than {limit // (1024 * 1024)} MB; no news article is this long",
        )
    return data


def read_input(path: str) -> RawInput:
    """Read one regular file (``-`` for stdin), refusing what cannot be an article."""
    if path == "-":
        data = read_limited("<stdin>", sys.stdin.buffer)
    else:
        try:
            with open_regular_file(path) as handle:
                data = read_limited(path, handle)
        except OSError as exc:
            raise _cannot_read(path, exc) from None
    data = _gunzip(path, data)
    if not data.strip():
        raise InputError(path, "input is empty")
    return RawInput(source=path, data=data)


def list_folder(folder: str, recursive: bool = True) -> tuple[list[str], list[str]]:
    """The files under ``folder`` (sorted) and the subfolders that could not be listed.

    Unreadable subfolders are returned rather than skipped, so the caller can report them:
    a folder silently missing from a corpus is worse than an error line.
    """
    files: list[str] = []
    unreadable: list[str] = []

    def on_error(exc: OSError) -> None:
        unreadable.append(exc.filename or folder)

    for root, dirs, names in os.walk(folder, onerror=on_error):
        dirs.sort()
        files.extend(os.path.join(root, name) for name in names)
        if not recursive:
            unreadable.extend(os.path.join(root, d) for d in dirs if not _listable(root, d))
            dirs.clear()
    return sorted(f for f in files if os.path.isfile(f)), sorted(unreadable)


def _listable(root: str, name: str) -> bool:
    return os.access(os.path.join(root, name), os.R_OK | os.X_OK)


def iter_inputs(paths: list[str], recursive: bool = True) -> Iterator[str]:
    """Expand paths: folders give their article files (sorted), files and ``-`` pass through.

    An unreadable subfolder is passed through as a path, so reading it reports the problem.
    """
    for path in paths:
        if path != "-" and Path(path).is_dir():
            files, unreadable = list_folder(path, recursive)
            found = [f for f in files if _is_article_file(Path(f).name)]
            if not found and not unreadable:
                raise InputError(path, "folder holds no .txt, .html or .json files")
            yield from found
            yield from unreadable
        else:
            yield path


def _is_article_file(name: str) -> bool:
    name = name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return name.endswith(ARTICLE_SUFFIXES)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_bytes(source: str, data: bytes, charset: str | None = None) -> str:
    """Decode article bytes: BOM, then UTF-16 without BOM, UTF-8, the ``charset`` an HTTP
    header named, the charset the page declares, then Windows-1252/Latin-1.

    Valid UTF-8 wins over a declared charset: servers and pages often mislabel UTF-8, while
    non-ASCII text in another charset is almost never valid UTF-8 by accident.
    Binary data (NUL bytes or many control characters after decoding) is refused.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _check_text(source, data[len(bom) :].decode(encoding, errors="replace"))
    sample = data[:4000]
    if sample and sample.count(b"\x00") > len(sample) // 4:
        # UTF-16 without a BOM: every other byte of ASCII text is NUL.
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        encoding = "utf-16-le" if odd > even else "utf-16-be"
        try:
            return _check_text(source, data.decode(encoding))
        except UnicodeDecodeError:
            raise InputError(source, "binary data, not text") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_as(data, charset) or _decode_declared(data) or _decode_western(data)
    return _check_text(source, text)


# <meta charset="windows-1251"> / content="text/html; charset=iso-8859-2" / encoding="..."
_DECLARED_CHARSET = re.compile(
    rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]{2,30})""", re.I
)


# Labels that browsers read as Windows-1252 (WHATWG Encoding Standard): pages labelled
# Latin-1 use its curly quotes and dashes, which Latin-1 would turn into control characters.
_WINDOWS_1252_LABELS = frozenset(
    {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819"}
)


def _decode_as(data: bytes, charset: str | None) -> str | None:
    if not charset:
        return None
    if charset.strip().lower() in _WINDOWS_1252_LABELS:
        charset = "cp1252"
    try:
        return data.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return None


def _decode_declared(data: bytes) -> str | None:
    """Decode with the charset an HTML or XML page declares in its head, if Python knows it."""
    match = _DECLARED_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return data.decode(match.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None


def _decode_western(data: bytes) -> str:
    # Windows-1252 is what undeclared non-UTF-8 news text almost always is; Latin-1 never fails.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


# C0 control characters other than the five line and tab controls (tab, newline, vertical tab,
# form feed, carriage return): counted by a regular expression, not a Python loop over the sample.
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _check_text(source: str, text: str) -> str:
    sample = text[:8000]
    if not sample.strip():
        raise InputError(source, "input is empty")
    controls = len(_BINARY_CONTROL.findall(sample))
    # A NUL anywhere means binary: no text format carries one, and a file that is text only
    # for its first pages (a tar, a database) must not be analysed as an article.
    if "\x00" in text or controls > len(sample) * 0.02:
        raise InputError(source, "binary data, not text")
    # Other control characters (terminal escapes, stray C1 bytes) are dropped here, at the
    # boundary, so no stage sees them and nothing stored holds them.
    return remove_control_chars(text.replace("\r\n", "\n").replace("\r", "\n"))
