"""The command-line options several commands share, declared once so they read the same
everywhere: ``--model``, ``--stages``, ``--batch-size``, ``--workers``, ``--split`` and
``--field``."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

model_option = click.option(
    "--model",
    default=None,
    metavar="NAME_OR_PATH",
    help="spaCy model package or path (default: the pinned en_core_web_sm).",
)

stages_option = click.option(
    "--stages",
    default=None,
    help="Comma-separated stages to run, with the stages they require (default: every "
    "installed stage).",
)

batch_size_option = click.option(
    "--batch-size",
    type=click.IntRange(1, 1024),
    default=16,
    show_default=True,
    help="Articles per batch (one nlp.pipe call; for ingest also one transaction).",
)


def usable_cores() -> int:
    """The CPU cores this process may run on (its affinity mask, which a container or
    ``taskset`` narrows), at least 1."""
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counted is not None:
        return max(1, counted() or 1)
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


workers_option = click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=usable_cores,
    show_default="the number of CPU cores",
    help="Worker processes running the analysis; the parent writes the database.",
)

field_option = click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="NAME=FIELD",
    help="JSON Lines field names, e.g. --field text=body --field date=pubdate "
    "(names: text, html, title, url, date, publisher; dotted paths reach into objects).",
)


def split_option(choices: tuple[str, ...] = ("test", "dev", "all")) -> Callable[[F], F]:
    """``--split``: which fixed split of the gold data to score (the test split by default)."""
    return click.option(
        "--split",
        type=click.Choice(list(choices)),
        default="test",
        show_default=True,
        help="Gold split to score: report test; tune only on dev.",
    )


def min_confidence_option(
    help: str = "Print only events at least this sure, as queries and exports count them "
    "(0: every event the rules found). Stored documents keep every event.",
) -> Callable[[F], F]:
    """``--min-confidence``, the default threshold of the learned event confidence, for every
    command that shows events (``analyze``, ``fetch``, ``query events``, ``export``)."""
    from dateline.events import DEFAULT_MIN_CONFIDENCE

    return click.option(
        "--min-confidence",
        type=click.FloatRange(0.0, 1.0),
        default=DEFAULT_MIN_CONFIDENCE,
        show_default=True,
        help=help,
    )
