"""Reading and decoding raw inputs: encodings, gzip, and clear refusals of what is no article."""

from __future__ import annotations

import codecs
import gzip
from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.sources import decode_bytes, iter_inputs, read_input
from dateline.sources.files import MAX_BYTES

TEXT = "Café owners in Zürich say the “new rules” will cost them €2,000 a month.\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("utf-16-le"),  # without BOM
        TEXT.encode("utf-16-be"),
        TEXT.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "cp1252"],
)
def test_encodings_decode_to_the_same_text(data: bytes) -> None:
    assert decode_bytes("in.txt", data) == TEXT


def test_latin1_decodes() -> None:
    text = "Señor Muñoz said the año was good.\n"
    assert decode_bytes("in.txt", text.encode("latin-1")) == text


def test_crlf_and_cr_become_newlines() -> None:
    assert (
        decode_bytes("in.txt", b"One line.\r\nTwo lines.\rThree.")
        == "One line.\nTwo lines.\nThree."
    )


@pytest.mark.parametrize(
    "data", [bytes(range(256)) * 8, b"\x89PNG\r\n\x1a\n" + bytes(range(32)) * 50]
)
def test_binary_data_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match=r"^photo\.jpg: binary data, not text$"):
        decode_bytes("photo.jpg", data)


def test_whitespace_only_input_is_empty() -> None:
    with pytest.raises(InputError, match="input is empty"):
        decode_bytes("blank.txt", b"  \n\t\n")


def test_read_input_refusals(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or directory"):
        read_input(str(tmp_path / "missing.txt"))
    with pytest.raises(InputError, match="is a directory"):
        read_input(str(tmp_path))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match=r"empty\.txt: input is empty"):
        read_input(str(empty))
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # sparse 20 MB file: cheap to make
        handle.truncate(20 * 1024 * 1024)
    with pytest.raises(InputError, match=r"huge\.txt: input is larger than 10 MB"):
        read_input(str(huge))


def test_gzip_is_decompressed_and_bombs_refused(tmp_path: Path) -> None:
    page = tmp_path / "article.txt.gz"
    page.write_bytes(gzip.compress(TEXT.encode("utf-8")))
    assert read_input(str(page)).data == TEXT.encode("utf-8")
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a" * (MAX_BYTES + 10)))
    with pytest.raises(InputError, match="larger than .* after decompression"):
        read_input(str(bomb))
    corrupt = tmp_path / "corrupt.txt.gz"
    corrupt.write_bytes(gzip.compress(TEXT.encode())[:20])
    with pytest.raises(InputError, match="corrupt gzip"):
        read_input(str(corrupt))


def test_folders_expand_to_sorted_article_files(tmp_path: Path) -> None:
    (tmp_path / "b.html").write_text("<p>x</p>")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt.gz").write_bytes(gzip.compress(b"x"))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    found = list(iter_inputs([str(tmp_path)]))
    assert found == [str(tmp_path / "b.html"), str(tmp_path / "sub" / "a.txt.gz")]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="folder holds no"):
        list(iter_inputs([str(empty)]))


def test_html_declared_charset_is_used_when_not_utf8() -> None:
    page = (
        '<html><head><meta charset="windows-1251"><title>Новости</title></head>'
        "<body><p>Правительство объявило о новых мерах.</p></body></html>"
    )
    assert decode_bytes("page.html", page.encode("cp1251")) == page
    declared_unknown = b'<meta charset="no-such-codec"><p>Caf\xe9 society</p>'
    assert "Café society" in decode_bytes("page.html", declared_unknown)
