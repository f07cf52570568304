"""Control characters never reach the analysis, the database or the terminal."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from dateline.article import structure
from dateline.sources.files import RawInput
from dateline.textsafety import for_terminal, remove_control_chars, remove_control_references

DATELINE = str(Path(sys.executable).parent / "dateline")
CLEAR_SCREEN = "\x1b[2J"
SET_TITLE = "\x1b]0;owned\x07"
CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4K\x07"  # OSC 52: write to the clipboard
LEDE = (
    "The harbour authority of Gdansk said on Wednesday that grain shipments rose by a third "
    "this year, and that two new berths would open in the spring."
)
SECOND = "Dock workers' unions welcomed the plan but asked for more night-shift staff."


def html_page(inject: str) -> bytes:
    return (
        f"<html><head><title>Gdansk port{inject} expands</title></head><body><article>"
        f"<h1>Gdansk port{inject} expands grain berths</h1><p>{LEDE}{inject}</p>"
        f"<p>{SECOND}</p></article></body></html>"
    ).encode()


def test_escape_sequences_are_removed_whole() -> None:
    assert remove_control_chars(f"a{CLEAR_SCREEN}b{SET_TITLE}c{CLIPBOARD}d\x9b31me") == "abcde"
    assert remove_control_chars("tab\tand\nnewline stay\x00\x07\x7f") == "tab\tand\nnewline stay"
    assert remove_control_chars("page\fbreak") == "page\nbreak"


@pytest.mark.parametrize("reference", ["&#27;", "&#1;", "&#x1b;", "&#0;", "&#x9B;", "&#xD800;"])
def test_html_references_to_control_characters_keep_the_article(reference: str) -> None:
    article = structure(RawInput("page.html", html_page(reference)))
    assert article.headline == "Gdansk port expands grain berths"
    assert article.text == f"{LEDE}\n\n{SECOND}"
    assert remove_control_references("caf&#233; &#8364;5") == "caf&#233; &#8364;5"


@pytest.mark.parametrize("inject", [CLEAR_SCREEN, SET_TITLE, CLIPBOARD, "\x07", "\x01\x1b"])
def test_raw_escapes_in_html_and_json_fields_are_removed(inject: str) -> None:
    for article in (
        structure(RawInput("page.html", html_page(inject))),
        structure(
            RawInput(
                "item.json",
                json.dumps(
                    {"title": f"Gdansk port{inject} expands", "text": f"{LEDE}{inject}\n\n{SECOND}",
                     "publisher": f"Baltic{inject} Times", "url": f"https://b.example/{inject}1"}
                ).encode(),
            )
        ),
    ):  # fmt: skip
        fields = [
            article.headline,
            article.text,
            article.publisher,
            article.url,
            *article.paragraphs,
        ]
        assert not any(remove_control_chars(f or "") != (f or "") for f in fields)
        # Offsets stay consistent: every paragraph is where the body says it is.
        start = 0
        for paragraph in article.paragraphs:
            assert article.text[start : start + len(paragraph)] == paragraph
            start += len(paragraph) + 2


def test_container_metadata_is_cleaned() -> None:
    raw = RawInput(
        "dump.jsonl:3",
        f"{LEDE}\n\n{SECOND}".encode(),
        meta={"headline": f"Port{SET_TITLE} news", "publisher": f"Wire{CLEAR_SCREEN}"},
        content_type="body",
    )
    article = structure(raw)
    assert article.headline == "Port news" and article.publisher == "Wire"


def test_for_terminal_escapes_controls_and_one_line_also_newlines() -> None:
    assert for_terminal(f"a{CLEAR_SCREEN}b") == "a\\x1b[2Jb"
    assert for_terminal("two\nlines\tok") == "two\nlines\tok"
    assert for_terminal("two\nlines", one_line=True) == "two\\nlines"
    assert for_terminal("\x9b") == "\\x9b"


def test_terminal_output_escapes_control_characters_from_the_database(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(f"Gdansk port expands\n\n{LEDE}\n\n{SECOND}\n")
    db = tmp_path / "c.duckdb"
    run = subprocess.run(
        [DATELINE, "ingest", str(story), "--db", str(db), "--stages", "article", "--no-progress"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    # A database written before sanitising (or edited by hand) may hold escapes: they are shown,
    # never executed.
    con = duckdb.connect(str(db))
    con.execute("UPDATE articles SET headline = ?", [f"Evil{CLEAR_SCREEN}{CLIPBOARD} headline"])
    con.close()
    for args in (
        ["query", "sql", "SELECT headline FROM articles"],
        ["query", "sql", "SELECT headline FROM articles", "--format", "jsonl"],
    ):
        out = subprocess.run(
            [DATELINE, *args, "--db", str(db)], capture_output=True, text=True, timeout=120
        )
        assert out.returncode == 0, out.stderr
        assert "\x1b" not in out.stdout and ("\\x1b" in out.stdout or "\\u001b" in out.stdout)


def test_error_line_for_a_file_name_with_a_newline_stays_one_line(tmp_path: Path) -> None:
    name = tmp_path / "fake\ndateline: error: forged.txt"
    out = subprocess.run(
        [DATELINE, "analyze", str(name), "--stages", "article"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "fake\\ndateline" in lines[0]


def test_lone_surrogates_from_json_escapes_are_dropped(tmp_path: Path) -> None:
    """JSON can spell a lone surrogate ("\\udc00"), which no UTF-8 encoder writes: in a title it
    failed serialising the document, in a JSON Lines body the whole ingest (as a --stages
    error). It is dropped like a control character; a proper pair still reads as one emoji."""
    item = tmp_path / "item.json"
    item.write_text(
        '{"title": "Ferry \\ud800 strike ends \\ud83d\\ude00", '
        '"text": "Ferry crews ended their \\udc00strike on Sunday, the union said."}'
    )
    out = subprocess.run(
        [DATELINE, "analyze", str(item), "--format", "json", "--stages", "article"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    article = json.loads(out.stdout)["article"]
    assert " ".join(article["headline"].split()) == "Ferry strike ends \U0001f600"
    assert article["paragraphs"] == ["Ferry crews ended their strike on Sunday, the union said."]
    dump = tmp_path / "dump.jsonl"
    dump.write_text('{"text": "Ferry crews ended their \\udc00strike on Sunday."}\n')
    db = tmp_path / "c.duckdb"
    out = subprocess.run(
        [DATELINE, "ingest", str(dump), "--db", str(db), "--stages", "article", "--no-progress"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "1 articles stored" in out.stderr
