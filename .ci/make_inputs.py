"""Write one JSON, one JSON Lines and one WARC input into a folder, from a shared text and page.

Run by ``.ci/run`` with the freshly installed wheel's Python (``warcio`` is a dependency), so the
inputs are made at CI time from ``../shared`` and nothing of the shared articles lands in the repo.

Usage: python .ci/make_inputs.py TEXT_FILE HTML_FILE OUT_FOLDER
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def main() -> None:
    text_file, html_file, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    out.mkdir(parents=True, exist_ok=True)
    lines = [line for line in read(text_file).decode("utf-8").splitlines() if line.strip()]
    body = "\n\n".join(line for line in lines if len(line.split()) >= 12)
    record = {"title": lines[0], "text": body, "date": "2017-11-21T08:52:00Z"}
    (out / "article.json").write_text(json.dumps(record), encoding="utf-8")
    short = {"body": lines[0], "published": "2017-11-21"}
    with (out / "feed.jsonl").open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"body": body, "title": lines[0]}) + "\n")
        handle.write(json.dumps(short) + "\n")
    page = read(html_file)
    with (out / "crawl.warc.gz").open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        response = writer.create_warc_record(
            "https://news.example.org/story",
            "response",
            payload=io.BytesIO(page),
            http_headers=headers,
        )
        writer.write_record(response)


if __name__ == "__main__":
    main()
