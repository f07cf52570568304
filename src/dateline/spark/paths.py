"""Paths on any Hadoop-compatible file system (``s3a://``, ``hdfs://``, ``file://``, local).

The driver lists inputs and moves output folders through Hadoop's ``FileSystem`` API (in the
Spark JVM), so the same code serves a local folder and an object store. A path without a scheme
is a local path, read with ``dateline.sources`` exactly as ``dateline ingest`` reads it.
"""

from __future__ import annotations

import re
from typing import Any

from dateline.errors import DatelineError
from dateline.sources.stream import kind_of

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


def has_scheme(path: str) -> bool:
    """Whether ``path`` names a file system (``s3a://bucket/x``), not a local path."""
    return bool(_SCHEME.match(path))


class HadoopFS:
    """The Hadoop file systems of a Spark context (whatever its configuration reaches)."""

    def __init__(self, context: Any) -> None:
        self._jvm = context._jvm
        self._conf = context._jsc.hadoopConfiguration()

    def _resolve(self, path: str) -> tuple[Any, Any]:
        jpath = self._jvm.org.apache.hadoop.fs.Path(path)
        try:
            return jpath, jpath.getFileSystem(self._conf)
        except Exception as exc:  # no file system for the scheme, bad credentials
            raise DatelineError(
                f"{path}: cannot reach the file system ({_first_line(exc)})"
            ) from None

    def exists(self, path: str) -> bool:
        jpath, fs = self._resolve(path)
        return bool(fs.exists(jpath))

    def is_dir(self, path: str) -> bool:
        jpath, fs = self._resolve(path)
        return bool(fs.exists(jpath) and fs.getFileStatus(jpath).isDirectory())

    def mkdirs(self, path: str) -> None:
        jpath, fs = self._resolve(path)
        fs.mkdirs(jpath)

    def delete(self, path: str) -> None:
        jpath, fs = self._resolve(path)
        if fs.exists(jpath):
            fs.delete(jpath, True)

    def rename(self, source: str, target: str) -> None:
        jsource, fs = self._resolve(source)
        jtarget, _ = self._resolve(target)
        if not fs.rename(jsource, jtarget):
            raise DatelineError(f"{source}: could not be renamed to {target}")

    def child_dirs(self, path: str) -> list[str]:
        """Names of the folders directly inside ``path`` (none when it does not exist)."""
        jpath, fs = self._resolve(path)
        if not fs.exists(jpath):
            return []
        return sorted(
            str(status.getPath().getName())
            for status in fs.listStatus(jpath)
            if status.isDirectory()
        )

    def input_files(self, pattern: str) -> list[str]:
        """The files a path or glob names, folders listed recursively keeping the kinds
        ``dateline ingest`` reads, as full URIs in sorted order (as ``sources.expand``)."""
        jpath, fs = self._resolve(pattern)
        try:
            statuses = fs.globStatus(jpath)
        except Exception as exc:
            raise DatelineError(f"{pattern}: cannot list ({_first_line(exc)})") from None
        if not statuses:
            raise DatelineError(f"{pattern}: no such file or folder")
        files: list[str] = []
        for status in sorted(statuses, key=lambda s: str(s.getPath().toString())):
            if not status.isDirectory():
                files.append(str(status.getPath().toString()))
                continue
            found = []
            listing = fs.listFiles(status.getPath(), True)
            while listing.hasNext():
                entry = listing.next()
                name = str(entry.getPath().getName())
                if not name.startswith((".", "_")) and kind_of(name) != "other":
                    found.append(str(entry.getPath().toString()))
            if not found:
                raise DatelineError(
                    f"{pattern}: folder holds no .txt, .html, .json, .jsonl or .warc files"
                )
            files.extend(sorted(found))
        return files


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__
