"""JSON Lines record-level integrity: damaged gzip blocks are failures, never parsed; the intact
blocks after them are kept; over-long lines are refused without being held in memory."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

from dateline.article import structure
from dateline.errors import InputError
from dateline.sources.files import RawInput
from dateline.sources.gzmembers import Damage
from dateline.sources.jsonl import iter_jsonl, split_lines

TOWNS = ["Ghent", "Bergen", "Cork", "Tartu", "Porto", "Split", "Graz", "Lund"]


def record(n: int) -> str:
    town = TOWNS[n % len(TOWNS)]
    text = (
        f"The council of {town} voted {n} to 3 on Tuesday to approve a budget of {n + 2} million "
        f"euros for road repairs, the town clerk said. Work on the ring road starts in {2025 + n % 3}."
    )
    return json.dumps({"title": f"{town} approves road budget {n}", "text": text})


def block_gzip(lines: list[str], blocks: int) -> tuple[bytearray, list[int]]:
    """Gzip members of about equal size, cut mid-line as block-gzip tools do."""
    raw = ("\n".join(lines) + "\n").encode()
    step = len(raw) // blocks + 1
    members = [gzip.compress(raw[i : i + step]) for i in range(0, len(raw), step)]
    offsets = [0]
    for member in members:
        offsets.append(offsets[-1] + len(member))
    return bytearray(b"".join(members)), offsets


@pytest.mark.parametrize("seed", range(6))
def test_damaged_member_is_one_failure_and_the_other_members_are_read(
    tmp_path: Path, seed: int
) -> None:
    lines = [record(n) for n in range(120)]
    data, offsets = block_gzip(lines, blocks=4)
    rng = random.Random(seed)
    for _ in range(rng.randint(1, 12)):
        data[rng.randrange(offsets[1] + 12, offsets[2] - 10)] = rng.randrange(256)
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(bytes(data))
    items = list(iter_jsonl(str(path)))
    failed = [i for i in items if i.error is not None]
    assert [i.key for i in failed] == [f"{path}@{offsets[1]}"]
    texts = {i.raw.data.decode() for i in items if i.raw is not None}
    expected = {json.loads(line)["text"] for line in lines}
    # Nothing garbled is ever returned, and most records (all but ~1/4) survive.
    assert texts <= expected
    assert len(texts) >= 120 * 0.7


def test_single_member_with_a_bad_checksum_returns_nothing_from_it(tmp_path: Path) -> None:
    lines = [record(n) for n in range(60)]
    data = bytearray(gzip.compress(("\n".join(lines) + "\n").encode()))
    data[-6] ^= 0xFF  # the CRC-32 in the trailer: only the end of the member shows it
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(bytes(data))
    items = list(iter_jsonl(str(path)))
    assert len(items) == 1 and items[0].raw is None
    assert "damaged compressed data" in items[0].error.problem  # type: ignore[union-attr]


def test_truncated_gzip_keeps_the_complete_members(tmp_path: Path) -> None:
    lines = [record(n) for n in range(80)]
    data, offsets = block_gzip(lines, blocks=4)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(bytes(data[: offsets[3] + 40]))
    items = list(iter_jsonl(str(path)))
    assert [i.key for i in items if i.error] == [f"{path}@{offsets[3]}"]
    assert "file ends inside" in next(i for i in items if i.error).error.problem  # type: ignore[union-attr]
    assert sum(1 for i in items if i.raw) >= 55


def test_split_lines_drops_the_lines_cut_by_damage() -> None:
    pieces: list[bytes | Damage] = [b'{"a": 1}\n{"b": ', Damage(100, "bad"), b'2}\n{"c": 3}\n']
    assert list(split_lines(pieces)) == [b'{"a": 1}\n', Damage(100, "bad"), b'{"c": 3}\n']


def test_overlong_line_is_refused_and_the_next_line_kept(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("wb") as handle:
        handle.write(record(1).encode() + b"\n")
        handle.write(b'{"text": "' + b"x" * (11 * 1024 * 1024) + b'"}\n')
        handle.write(record(2).encode() + b"\n")
    items = list(iter_jsonl(str(path)))
    assert [i.key.rsplit(":", 1)[1] for i in items] == ["1", "2", "3"]
    assert items[1].error is not None and "longer than 10 MB" in items[1].error.problem
    assert items[0].raw is not None and items[2].raw is not None


def test_json_file_holding_a_string_or_truncated_is_a_clear_error() -> None:
    with pytest.raises(InputError, match=r"note\.json: JSON holds only a string"):
        structure(RawInput("note.json", b'"The mayor resigned on Monday."'))
    truncated = record(4)[:70].encode()
    with pytest.raises(InputError, match=r"cut\.json: invalid JSON"):
        structure(RawInput("cut.json", truncated))
    with pytest.raises(InputError, match=r"cut\.txt: invalid JSON"):
        structure(RawInput("cut.txt", truncated))
