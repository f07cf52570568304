"""Reading NewsMTSC (Hamborg & Donnay, EACL 2021) JSON Lines, shared by ``dateline eval tone``
and ``scripts/train_tone.py``.

One object a line: ``sentence_normalized`` and ``targets``, each with ``from``/``to`` character
offsets into the sentence and ``polarity`` 2.0 (negative), 4.0 (neutral) or 6.0 (positive).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from dateline.errors import InputError
from dateline.model import ToneLabel

POLARITY: dict[float, ToneLabel] = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


@dataclass(frozen=True)
class Target:
    start: int
    end: int
    mention: str
    label: ToneLabel
    # Other mentions of the same target in the sentence (NewsMTSC's automatic coreferences).
    further: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Record:
    id: str
    sentence: str
    targets: tuple[Target, ...]


def read_records(path: Path) -> list[Record]:
    """Every sentence of a NewsMTSC file; a malformed line is one clear input error."""
    records: list[Record] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                data = json.loads(line)
                sentence = data["sentence_normalized"]
                targets = tuple(
                    Target(
                        int(t["from"]), int(t["to"]), t["mention"], POLARITY[float(t["polarity"])]
                    )
                    for t in data["targets"]
                )
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(
                    where, f"not a NewsMTSC record ({exc.__class__.__name__}: {exc})"
                ) from None
            if not isinstance(sentence, str) or not targets:
                raise InputError(
                    where, "a NewsMTSC record needs a sentence and at least one target"
                )
            for target in targets:
                if not 0 <= target.start < target.end <= len(sentence):
                    raise InputError(
                        where,
                        f"target offsets {target.start}-{target.end} lie outside the sentence",
                    )
            records.append(Record(str(data.get("primary_gid", where)), sentence, targets))
    if not records:
        raise InputError(str(path), "no NewsMTSC records in the file")
    return records


def target_spans(doc: Doc, record: Record) -> Iterator[tuple[Target, list[Span]]]:
    """Each target with the token spans of its mentions in the parsed sentence (the labelled
    one first, then its further mentions)."""
    for target in record.targets:
        span = doc.char_span(target.start, target.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        spans = [span]
        for start, end in target.further:
            if 0 <= start < end <= len(record.sentence):
                other = doc.char_span(start, end, alignment_mode="expand")
                if other is not None and len(other) and other.sent == span.sent:
                    spans.append(other)
        yield target, spans


def parse(nlp: Language, records: list[Record], batch_size: int = 64) -> list[Doc]:
    return list(nlp.pipe((r.sentence for r in records), batch_size=batch_size))
