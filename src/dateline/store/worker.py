"""The analysis side of ingest: structure and analyse a batch of raw inputs.

Runs in worker processes (or in the ingesting process with ``--workers 1``). It never touches
the database: results travel back to the parent, which alone writes.
"""

from __future__ import annotations

import importlib.util
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from dateline.errors import InputError
from dateline.model import Analysis, Article
from dateline.pipeline import STAGES, Pipeline, resolve_stages
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
    """The requested stages (default: all) that are installed, with what they need.

    A stage whose module is missing is left out (with the stages that depend on it), so
    ingest works with whichever analysis stages this checkout has.
    """
    wanted = resolve_stages(requested)
    present = {
        name for name, (module, _) in STAGES.items() if importlib.util.find_spec(module) is not None
    }
    keep: list[str] = []
    for name in wanted:
        if name in STAGES and (
            name not in present or any(dep not in keep for dep in STAGES[name][1])
        ):
            continue
        keep.append(name)
    return keep


def _where(exc: BaseException) -> str:
    """Where the exception was raised (file:line of the innermost frame), for the ingest log."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return "unknown place"
    last = frames[-1]
    return f"at {Path(last.filename).name}:{last.lineno} in {last.name}"


_pipeline: Pipeline | None = None


def init_worker(stages: list[str], model: str | None) -> None:
    """Load the pipeline (and the spaCy model) once per process."""
    global _pipeline
    _pipeline = Pipeline(stages=stages, model=model)
    if "nlp" in stages:
        _pipeline.nlp  # noqa: B018 - load now, not inside the first batch


def analyse_batch(items: list[InputItem]) -> list[WorkResult]:
    """Structure, analyse and sign each item; a failure stays with its own item."""
    from dateline.article import structure

    assert _pipeline is not None, "init_worker() must run first"
    pipeline = _pipeline
    articles: dict[str, Article] = {}
    errors: dict[str, str] = {}
    for item in items:
        if item.error is not None or item.raw is None:
            errors[item.key] = item.error or "nothing to read"
            continue
        try:
            article = structure(item.raw)
        except InputError as exc:
            errors[item.key] = exc.problem
            continue
        except Exception as exc:  # a crash on one input must not stop the batch
            errors[item.key] = (
                f"structuring crashed: {exc.__class__.__name__}: {exc} ({_where(exc)})"
            )
            continue
        articles[item.key] = article

    docs = {}
    if "nlp" in pipeline.stages:
        english = [key for key, a in articles.items() if a.language in (None, "en")]
        try:
            docs = dict(
                zip(english, pipeline.nlp.pipe(articles[k].text for k in english), strict=True)
            )
        except Exception:
            docs = {}  # fall back to one document at a time below, to find the culprit

    results: list[WorkResult] = []
    for item in items:
        if item.key in errors:
            results.append(WorkResult(item.key, item.container, error=errors[item.key]))
            continue
        article = articles[item.key]
        try:
            analysis = pipeline.annotate(article, docs.get(item.key))
        except Exception as exc:
            reason = f"analysis crashed: {exc.__class__.__name__}: {exc} ({_where(exc)})"
            results.append(WorkResult(item.key, item.container, error=reason))
            continue
        sig = minhash.to_blob(minhash.signature(article.text))
        results.append(WorkResult(item.key, item.container, analysis=analysis, signature=sig))
    return results
