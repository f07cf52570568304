"""``dateline eval``: score a stage against public gold data.

Each stage owns its evaluation in ``dateline/<stage>/evaluate.py`` (a click command named
``command``); this group only routes to them.
"""

from __future__ import annotations

import click

from dateline.cli import LazyGroup

EVALUATIONS: dict[str, str] = {
    "extraction": "dateline.evaluation.extraction:command",
    "actors": "dateline.evaluation.actors:command",
    "toponyms": "dateline.evaluation.actors:toponyms_command",
    "quotes": "dateline.evaluation.quotes:command",
    "events": "dateline.evaluation.events:command",
    "geo": "dateline.evaluation.geo:command",
    "time": "dateline.evaluation.time:command",
    "tone": "dateline.evaluation.tone:command",
    "merge": "dateline.evaluation.merge:command",
    "entities": "dateline.evaluation.entity_documents:command",
}
SUMMARIES = {
    "extraction": "Article body and metadata extraction (scrapinghub, fundus).",
    "actors": "Actor country and sector coding (PLOVER gold records).",
    "toponyms": "Toponym spans (GeoWebNews).",
    "quotes": "Quotes and attributions (PolNeAR).",
    "events": "PLOVER event types and actors (PLOVER gold records).",
    "geo": "Toponym resolution (LGL, GeoVirus, GeoWebNews).",
    "time": "Temporal expressions (TempEval-3).",
    "tone": "Target-dependent sentiment towards people (NewsMTSC).",
    "merge": "Cross-article event merging on real multi-outlet stories (tests/gold/merge).",
    "entities": "Entity mentions, types, actor codes and event places on whole articles.",
}


@click.group(cls=LazyGroup, lazy=EVALUATIONS, summaries=SUMMARIES, name="eval")
def eval_group() -> None:
    """Score a stage against public gold data in ../shared/bench; print a Markdown table.

    \b
    Example:
      dateline eval extraction --data ../shared/bench/extraction/scrapinghub
    """
