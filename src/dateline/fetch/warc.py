"""Keeping what was fetched: every response as a WARC record, so the corpus can be rebuilt.

Two files per round (or per ``fetch`` / ``ingest --urls`` run): ``…-pages.warc.gz`` holds the
article pages (and the redirects and errors met on the way), ``…-other.warc.gz`` the feeds,
sitemaps, robots.txt files and home pages read to find articles, and pages that turned out to
be one already fetched under another URL (same ``<link rel="canonical">``). ``dateline ingest`` of the
pages files analyses exactly the records the fetching command analysed, under the same keys
(``path@offset``), so it gives the same database.

Bodies are stored decoded (the ``Content-Encoding`` header is dropped and ``Content-Length``
set to the stored size), which every WARC reader can read back without a brotli decoder.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline import __version__
from dateline.fetch.client import Response

_DROPPED_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})


class WarcFile:
    """One gzip-compressed WARC file, opened on the first record and flushed after each."""

    def __init__(self, path: Path, user_agent: str) -> None:
        self.path = path.resolve()
        self.user_agent = user_agent
        self._handle: IO[bytes] | None = None
        self._writer: WARCWriter | None = None
        self.records = 0

    def _open(self) -> WARCWriter:
        if self._writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = open(self.path, "ab")  # noqa: SIM115 - closed in close()
            self._writer = WARCWriter(self._handle, gzip=True)
            if self._handle.tell() == 0:
                info = self._writer.create_warcinfo_record(
                    self.path.name,
                    {"software": f"Dateline {__version__}", "http-header-user-agent":
                     self.user_agent, "format": "WARC File Format 1.0"},
                )  # fmt: skip
                self._writer.write_record(info)
        return self._writer

    def write(self, response: Response) -> str:
        """Append one response record; returns its key ``path@offset`` (as ``ingest`` names it)."""
        writer = self._open()
        assert self._handle is not None
        headers = [(k, v) for k, v in response.headers if k.lower() not in _DROPPED_HEADERS]
        headers.append(("Content-Length", str(len(response.body))))
        protocol = (
            "HTTP/2" if response.http_version.upper() in ("HTTP/2", "HTTP/2.0") else "HTTP/1.1"
        )
        http_headers = StatusAndHeaders(
            f"{response.status} {response.reason}".strip(), headers, protocol=protocol
        )
        record = writer.create_warc_record(
            response.url,
            "response",
            payload=io.BytesIO(response.body),
            length=len(response.body),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Date": _warc_date(response.fetched_at)},
        )
        offset = self._handle.tell()
        writer.write_record(record)
        self._handle.flush()
        self.records += 1
        return f"{self.path}@{offset}"

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
            self._writer = None


def _warc_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class WarcPair:
    """The pages and other files of one run, named by its start time and an id."""

    def __init__(self, folder: Path, run_name: str, user_agent: str) -> None:
        self.pages = WarcFile(folder / f"{run_name}-pages.warc.gz", user_agent)
        self.other = WarcFile(folder / f"{run_name}-other.warc.gz", user_agent)

    def close(self) -> None:
        self.pages.close()
        self.other.close()


def run_name(prefix: str, moment: datetime | None = None) -> str:
    stamp = (moment or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%S")
    return f"{prefix}-{stamp}"
