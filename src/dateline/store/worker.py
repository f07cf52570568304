"""The analysis side of ingest: structure and analyse a batch of raw inputs.

Runs in worker processes (or in the ingesting process with ``--workers 1``). It never touches
the database: results travel back to the parent, which alone writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dateline.model import Analysis
from dateline.pipeline import Pipeline, resolve_stages
from dateline.sources.stream import InputItem
from dateline.store import minhash


@dataclass(frozen=True)
class WorkResult:
    key: str
    container: str
    analysis: Analysis | None = None
    signature: bytes | None = None
    error: str | None = None


def available_stages(requested: Iterable[str] | None = None) -> list[str]:
    """The requested stages (default: all) that are installed, with what they require."""
    return resolve_stages(requested, installed_only=True)


_pipeline: Pipeline | None = None


def init_worker(stages: list[str], model: str | None) -> None:
    """Load the pipeline (and the spaCy model) once per process."""
    global _pipeline
    _pipeline = Pipeline(stages=stages, model=model)
    _pipeline.load()  # now, not inside the first batch


def analyse_batch(items: list[InputItem]) -> list[WorkResult]:
    """Structure, analyse and sign each item; a failure stays with its own item."""
    assert _pipeline is not None, "init_worker() must run first"
    results: list[WorkResult] = []
    # One batch of the ingest is one batch of the pipeline (one nlp.pipe call).
    _pipeline.batch_size = max(1, len(items))
    for outcome in _pipeline.run(items):
        if outcome.analysis is None:
            results.append(WorkResult(outcome.key, outcome.container, error=outcome.problem))
            continue
        sig = minhash.to_blob(minhash.signature(outcome.analysis.article.text))
        results.append(
            WorkResult(outcome.key, outcome.container, analysis=outcome.analysis, signature=sig)
        )
    return results
