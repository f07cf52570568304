"""The analysis side of ingest: structure and analyse a batch of raw inputs.

Runs in worker processes (or in the ingesting process with ``budget=None`` and one worker). It
never touches the database: results travel back to the parent, which alone writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dateline.model import Analysis
from dateline.pipeline import Outcome, Pipeline, resolve_stages
from dateline.sources.files import RawInput
from dateline.sources.stream import InputItem
from dateline.store import minhash
from dateline.store.budget import Budget, budgeted, budgeted_keys, start_watchdog, watchdog_running


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

_WARM_UP = (
    "Warm-up\n\nThe mayor of Lisbon met the Spanish foreign minister in Madrid on Monday, "
    'officials said. "We agreed on 3 new rail links," she told reporters.'
)


def init_worker(
    stages: list[str], model: str | None, budget: Budget | None = None,
    report_dir: str | None = None, parent_pid: int | None = None,
) -> None:  # fmt: skip
    """Load the pipeline (and the spaCy model) once per process.

    In a worker process (``budget`` given) a watchdog holds each article to the budget and
    ends the process with its parent (see ``budget``).
    """
    global _pipeline
    budgeted_worker = budget is not None and report_dir is not None and parent_pid is not None
    if budgeted_worker:
        # First of all, before the slow loading: a worker must die with its parent even then.
        assert budget is not None and report_dir is not None and parent_pid is not None
        start_watchdog(budget, report_dir, parent_pid)
    _pipeline = Pipeline(stages=stages, model=model)
    _pipeline.load()  # now, not inside the first batch
    if budgeted_worker:
        # Every stage loads its data on first use: do it now, so no article's budget pays it
        # (the watchdog holds only articles given to ``budgeted``).
        list(_pipeline.run([RawInput("warm-up", _WARM_UP.encode())]))


def _result(outcome: Outcome) -> WorkResult:
    if outcome.analysis is None:
        return WorkResult(outcome.key, outcome.container, error=outcome.problem)
    sig = minhash.to_blob(minhash.signature(outcome.analysis.article.text))
    return WorkResult(outcome.key, outcome.container, analysis=outcome.analysis, signature=sig)


def analyse_batch(items: list[InputItem], alone: bool = False) -> list[WorkResult]:
    """Structure, analyse and sign each item; a failure stays with its own item.

    Under the article budget (a worker with a watchdog), each article is structured and
    analysed under its own budget and the batch is parsed by one ``nlp.pipe`` call held to one
    article's budget (spaCy parses a batch faster than its articles one by one). ``alone``
    parses each article by itself too, every step under that article's budget: the parent asks
    for it when a batch's shared parse broke the budget, so the article that did is found.
    """
    assert _pipeline is not None, "init_worker() must run first"
    if watchdog_running() and alone:
        _pipeline.batch_size = 1
        _pipeline.guard = None
        results: list[WorkResult] = []
        for item in items:
            with budgeted(item.key):
                results.extend(_result(outcome) for outcome in _pipeline.run([item]))
        return results
    # One batch of the ingest is one batch of the pipeline (one nlp.pipe call).
    _pipeline.batch_size = max(1, len(items))
    _pipeline.guard = budgeted_keys if watchdog_running() else None
    return [_result(outcome) for outcome in _pipeline.run(items)]
