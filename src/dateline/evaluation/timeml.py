"""Read TimeML documents (TempEval-3): the plain text of <TEXT>, its TIMEX3 spans and the DCT."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dateline.errors import InputError
from dateline.evaluation import require_dir


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TimeMLDocument:
    path: Path
    dct: str | None
    text: str
    timexes: list[GoldTimex] = field(default_factory=list)


def read_timeml(path: Path) -> TimeMLDocument:
    """Parse one ``.tml`` file; offsets of the gold TIMEX3s point into the returned text."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise InputError(str(path), f"not a readable TimeML document ({exc})") from exc
    body = root.find("TEXT")
    if body is None:
        raise InputError(str(path), "TimeML document has no <TEXT> element")
    dct_timex = root.find("DCT/TIMEX3")
    dct = dct_timex.get("value") if dct_timex is not None else None
    pieces: list[str] = []
    timexes: list[GoldTimex] = []

    def walk(element: ET.Element) -> None:
        start = sum(len(p) for p in pieces)
        pieces.append(element.text or "")
        for child in element:
            walk(child)
            pieces.append(child.tail or "")
        if element.tag == "TIMEX3":
            end = sum(len(p) for p in pieces)
            text = "".join(pieces)[start:end]
            if text.strip():
                timexes.append(
                    GoldTimex(
                        start, end, text, element.get("type", "DATE"), element.get("value", "")
                    )
                )

    walk(body)
    return TimeMLDocument(path=path, dct=dct, text="".join(pieces), timexes=timexes)


def timeml_files(directory: Path) -> Iterator[Path]:
    """Every ``.tml`` file under ``directory``, in a stable order."""
    require_dir(directory, "not a directory of TimeML (.tml) files")
    files = sorted(directory.rglob("*.tml"))
    if not files:
        raise InputError(str(directory), "no TimeML (.tml) files found")
    yield from files
