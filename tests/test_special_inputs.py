"""Only regular files and stdin are read: devices, pipes and sockets get one clear error, and the
byte limit holds while reading, whatever size a file claims."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.sources import decode_bytes, read_input
from dateline.sources.files import MAX_BYTES, list_folder

DATELINE = str(Path(sys.executable).parent / "dateline")
STORY = (
    "The port authority of Valparaiso said on Monday that container traffic rose 12 percent "
    "in the first half of the year, led by fruit exports to Asia.\n\n"
)


def run(*args: str, stdin: bytes | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [DATELINE, *args], input=stdin, capture_output=True, timeout=timeout, check=False
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_character_device_is_refused_without_reading_it() -> None:
    with pytest.raises(InputError, match="/dev/zero: is a character device, not a regular file"):
        read_input("/dev/zero")
    result = run("analyze", "/dev/zero", "--stages", "article", timeout=30)
    assert result.returncode == 1
    assert b"character device" in result.stderr and b"Traceback" not in result.stderr


def test_named_pipe_is_refused_instead_of_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=r"feed\.txt: is a named pipe \(FIFO\)"):
        read_input(str(fifo))
    # The command returns at once, for analyze and ingest alike.
    assert b"named pipe" in run("analyze", str(fifo), "--stages", "article", timeout=30).stderr
    result = run("ingest", str(fifo), "--db", str(tmp_path / "c.duckdb"), "--stages", "article",
                 "--no-progress", timeout=60)  # fmt: skip
    assert result.returncode == 1 and b"named pipe" in result.stderr


def test_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
        with pytest.raises(InputError, match="is a socket, not a regular file"):
            read_input(str(path))
    finally:
        server.close()


def test_byte_limit_holds_while_reading_stdin() -> None:
    big = STORY.encode() * (MAX_BYTES // len(STORY) + 10)
    result = run("analyze", "-", "--stages", "article", stdin=big)
    assert result.returncode == 1 and b"larger than 10 MB" in result.stderr


def test_nul_byte_anywhere_means_binary() -> None:
    data = (STORY * 200).encode() + b"\x00" + STORY.encode()
    assert len(data) > 20_000
    with pytest.raises(InputError, match="binary data"):
        decode_bytes("late-nul.txt", data)


def test_unreadable_subfolder_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    (folder / "locked").mkdir(parents=True)
    (folder / "ok.txt").write_text(STORY)
    (folder / "locked" / "hidden.txt").write_text(STORY)
    os.chmod(folder / "locked", 0)
    try:
        if os.access(folder / "locked", os.R_OK):
            pytest.skip("running with privileges that read any folder")
        files, unreadable = list_folder(str(folder))
        assert files == [str(folder / "ok.txt")] and unreadable == [str(folder / "locked")]
        result = run("analyze", str(folder), "--stages", "article", "--format", "jsonl")
        assert result.returncode == 1
        assert b"locked: folder cannot be read (permission denied)" in result.stderr
    finally:
        os.chmod(folder / "locked", 0o755)


def test_subfolder_that_cannot_be_listed_is_returned_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same check where permissions cannot be taken away (root): listing fails by design."""
    folder = tmp_path / "news"
    (folder / "locked").mkdir(parents=True)
    (folder / "ok.txt").write_text(STORY)
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    files, unreadable = list_folder(str(folder))
    assert files == [str(folder / "ok.txt")] and unreadable == [str(folder / "locked")]


def test_a_url_given_as_a_file_points_to_the_fetching_commands() -> None:
    with pytest.raises(InputError) as caught:
        read_input("https://news.example.org/2025/ferry-strike.html")
    assert "a URL, not a file: `dateline fetch URL`" in caught.value.problem
    with pytest.raises(InputError) as missing:
        read_input("ferry-strike.html")
    assert missing.value.problem == "no such file or directory"
