"""What the ``dateline eval`` commands share: the hash their fixed splits are cut by,
precision/recall/F1 from counts, per-cent cells, Markdown table rows and the checks of ``--data``.

Each command keeps its own split rule (which digest values make the dev split) and its own
messages; only the arithmetic and the rendering live here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dateline.errors import InputError


def id_digest(record_id: str) -> str:
    """The SHA-1 hex digest of a record id (UTF-8): a fixed split never moves between runs."""
    return hashlib.sha1(record_id.encode("utf-8")).hexdigest()


def one_to_one(candidates: Iterable[tuple[Any, int, int]]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching: ``candidates`` are (cost, left index, right index) with any
    sortable cost; the cheapest pairs are taken first (ties by index), each index at most once.
    The matching every gold comparison here uses (events, mentions, two annotations)."""
    used_left: set[int] = set()
    used_right: set[int] = set()
    pairs = []
    for _, i, j in sorted(candidates):
        if i not in used_left and j not in used_right:
            used_left.add(i)
            used_right.add(j)
            pairs.append((i, j))
    return pairs


def ratio(part: float, whole: float) -> float:
    """``part / whole``, or 0.0 when there is nothing to divide by."""
    return part / whole if whole else 0.0


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall, 0.0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf(
    correct_predicted: int, predicted: int, correct_gold: int, gold: int
) -> tuple[float, float, float]:
    """(precision, recall, F1): precision over the predictions, recall over the gold items.

    The two "correct" counts differ where matching is not one-to-one (overlap scoring).
    """
    precision = ratio(correct_predicted, predicted)
    recall = ratio(correct_gold, gold)
    return precision, recall, f1(precision, recall)


def pct(value: float, digits: int = 1) -> str:
    """A fraction as a per-cent cell: 0.4567 -> "45.7"."""
    return f"{100 * value:.{digits}f}"


def table_row(cells: Iterable[str]) -> str:
    """One row of a Markdown table."""
    return "| " + " | ".join(cells) + " |"


def require_dir(path: Path, problem: str) -> None:
    """Raise the one-line input error ``problem`` unless ``path`` is a folder."""
    if not path.is_dir():
        raise InputError(str(path), problem)


def require_file(path: Path, problem: str) -> None:
    """Raise the one-line input error ``problem`` unless ``path`` is a file."""
    if not path.is_file():
        raise InputError(str(path), problem)
