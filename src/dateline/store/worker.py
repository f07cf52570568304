"""The analysis side of ingest: structure and analyse a batch of raw inputs.

Runs in worker processes (or in the ingesting process with ``budget=None`` and one worker). It
never touches the database: results travel back to the parent, which alone writes.
"""

from __future__ import annotations

import contextlib
import ctypes
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from dateline.model import Analysis
from dateline.pipeline import (
    Outcome,
    Pipeline,
    freeze_loaded_model,
    resolve_stages,
    settle_heap,
)
from dateline.sources.files import RawInput
from dateline.sources.stream import InputItem
from dateline.store import minhash
from dateline.store.budget import (
    Budget,
    budgeted,
    budgeted_keys,
    resident_mb,
    start_watchdog,
    watchdog_running,
)


@dataclass(frozen=True)
class WorkResult:
    key: str
    container: str
    analysis: Analysis | None = None
    signature: bytes | None = None
    error: str | None = None
    # The body was analysed before by this worker (``analyse_batch``'s ``skip_repeats``):
    # ``analysis`` holds the structured article alone, which the writer records as a copy.
    repeat: bool = False


def available_stages(requested: Iterable[str] | None = None) -> list[str]:
    """The requested stages (default: all) that are installed, with what they require."""
    return resolve_stages(requested, installed_only=True)


_pipeline: Pipeline | None = None
# Ids of the articles this process analysed most recently (an insertion-ordered set), so an
# exact copy of one (the same page under another name, a syndicated copy) is not analysed again.
_analysed: dict[str, None] = {}
_ANALYSED_KEPT = 10_000

_WARM_UP = (
    "Warm-up\n\nThe mayor of Lisbon met the Spanish foreign minister in Madrid on Monday, "
    'officials said. "We agreed on 3 new rail links," she told reporters.'
)


def init_worker(
    stages: list[str] | None, model: str | None, budget: Budget | None = None,
    report_dir: str | None = None, parent_pid: int | None = None,
) -> None:  # fmt: skip
    """Load the pipeline (and the spaCy model) once per process, with the installed ones of
    ``stages`` (default: all) and what they require (:func:`available_stages`, which gives a
    list it returned unchanged).

    In a worker process (``budget`` given) a watchdog holds each article to the budget and
    ends the process with its parent (see ``budget``).
    """
    global _pipeline
    budgeted_worker = budget is not None and report_dir is not None and parent_pid is not None
    if budgeted_worker:
        # First of all, before the slow loading: a worker must die with its parent even then.
        assert budget is not None and report_dir is not None and parent_pid is not None
        start_watchdog(budget, report_dir, parent_pid)
    _pipeline = Pipeline(stages=available_stages(stages), model=model)
    _pipeline.load()  # now, not inside the first batch
    if budgeted_worker:
        freeze_loaded_model()  # the warm-up's collections then skip the model
        # Every stage loads its data on first use: do it now, so no article's budget pays it
        # (the watchdog holds only articles given to ``budgeted``).
        list(_pipeline.run([RawInput("warm-up", _WARM_UP.encode())]))
        # The model and the stages' data now loaded live as long as the worker: out of the
        # cyclic garbage collector's sight, so its full collections during the ingest walk
        # only what the batches make (measured: ~0.7 of 0.75 s of collections per 89 articles),
        # and those collections rarer (``settle_heap``).
        settle_heap()


def _result(outcome: Outcome) -> WorkResult:
    if outcome.analysis is None:
        return WorkResult(outcome.key, outcome.container, error=outcome.problem)
    sig = minhash.to_blob(minhash.signature(outcome.analysis.article.text))
    return WorkResult(
        outcome.key, outcome.container, analysis=outcome.analysis, signature=sig,
        repeat=outcome.repeat,
    )  # fmt: skip


def analyse_batch(
    items: list[InputItem], alone: bool = False, skip_repeats: bool = False
) -> list[WorkResult]:
    """Structure, analyse and sign each item; a failure stays with its own item.

    Under the article budget (a worker with a watchdog), each article is structured and
    analysed under its own budget and the batch is parsed by one ``nlp.pipe`` call held to one
    article's budget (spaCy parses a batch faster than its articles one by one). ``alone``
    parses each article by itself too, every step under that article's budget: the parent asks
    for it when a batch's shared parse broke the budget, so the article that did is found.

    ``skip_repeats`` (ingest) does not analyse a body this process analysed before, in this
    batch or an earlier one: its result is the structured article alone, marked ``repeat``.
    The results of every earlier batch reach the writer first, so that body is stored by then
    and the writer records the repeat as a copy of it, as it would the full analysis.
    """
    assert _pipeline is not None, "init_worker() must run first"
    try:
        with _transient_strings(_pipeline):
            return _analyse(_pipeline, items, alone, skip_repeats)
    finally:
        _release_free_memory()


def _analyse(
    pipeline: Pipeline, items: list[InputItem], alone: bool, skip_repeats: bool
) -> list[WorkResult]:
    if watchdog_running() and alone:
        pipeline.batch_size = 1
        pipeline.guard = None
        results: list[WorkResult] = []
        for item in items:
            with budgeted(item.key):
                results.extend(_result(outcome) for outcome in pipeline.run([item]))
        return results
    # One batch of the ingest is one batch of the pipeline (one nlp.pipe call).
    pipeline.batch_size = max(1, len(items))
    pipeline.guard = budgeted_keys if watchdog_running() else None
    analysed = _analysed if skip_repeats else None
    results = [_result(outcome) for outcome in pipeline.run(items, analysed=analysed)]
    while len(_analysed) > _ANALYSED_KEPT:
        del _analysed[next(iter(_analysed))]
    return results


# Entries of the spaCy lemmatizer's cache kept between batches (a pure memo of lemmas by word
# and part of speech, which otherwise grows with every new word of the corpus).
_LEMMA_CACHE_KEPT = 10_000
# Lexemes a worker may add to the model's vocabulary for good, before every batch runs inside
# spaCy's memory zone (about 190 bytes each with its string and the tokenizer's cache entry:
# about 4 MB).
# spaCy's tokenizer caches how it split a word only outside a memory zone, so a worker that ran
# every batch in one re-split every word of every text, "the" included (measured on the bench
# corpus: 7-10 ms of tokenizing an article in zones, 2-4 ms with the cache). The first batches
# run outside the zone until the vocabulary grew by this many lexemes: the corpus's frequent
# words are then cached for good, and the vocabulary stops growing past the bound.
PERMANENT_LEXEMES = 20_000
_permanent_lexemes_added = 0


@contextlib.contextmanager
def _transient_strings(pipeline: Pipeline) -> Iterator[None]:
    """spaCy's memory zone over one batch, once the worker kept :data:`PERMANENT_LEXEMES` new
    words: the words and strings the batch adds to the model's vocabulary are dropped after it,
    so a long-lived worker does not grow with the vocabulary of the corpus. Nothing made of the
    parse outlives the batch (results are Analysis documents of plain strings). The model's own
    strings (labels, its vocabulary) are not affected. Before the bound, the batch's words stay
    (and the tokenizer caches their splits): a lexeme is the same whether it is kept or not."""
    global _permanent_lexemes_added
    if "nlp" not in pipeline.stages:
        yield
        return
    from spacy.pipeline import Lemmatizer

    nlp = pipeline.nlp
    if _permanent_lexemes_added < PERMANENT_LEXEMES:
        # ``len(vocab)`` counts every lexeme ever added (a memory zone's too, never taken off
        # again), so it measures the growth only while no zone has run: as here, before any.
        before = len(nlp.vocab)
        try:
            yield
        finally:
            _permanent_lexemes_added += len(nlp.vocab) - before
    else:
        with nlp.memory_zone():
            yield
    for _, component in nlp.pipeline:
        if isinstance(component, Lemmatizer) and len(component.cache) > _LEMMA_CACHE_KEPT:
            component.cache.clear()


_malloc_trim: Callable[[int], int] | None = None
# How much a worker's resident memory may grow past what it was right after the last heap trim
# before it is trimmed again. Trimming hands the pages the parse freed back to the kernel, and
# the next batch's parse faults them in again, which costs system time on every batch (15-40
# ms an article measured where page faults are dear, as in a virtual machine). Within it, the
# next parse reuses the freed pages instead; past it, the trim brings the worker back down, so
# its memory between batches stays below a bound that does not grow with the corpus.
TRIM_AFTER_GROWTH_MB = 256.0
_resident_mb_after_trim = 0.0


def _release_free_memory() -> None:
    """Give the free pages of the C heap back to the system (glibc's ``malloc_trim``) once a
    batch left the worker more than :data:`TRIM_AFTER_GROWTH_MB` larger than its last trim.
    Parsing a batch allocates and frees hundreds of megabytes of arrays; glibc keeps what was
    freed inside its heap, so without any trim a worker's resident memory sits near the largest
    batch it ever parsed, and ten times the inputs meet a larger largest batch. Where resident
    memory cannot be read, every batch is trimmed; where the C library has no ``malloc_trim``,
    nothing is."""
    global _malloc_trim, _resident_mb_after_trim
    if _malloc_trim is None:
        try:
            _malloc_trim = ctypes.CDLL(None).malloc_trim
        except (OSError, AttributeError):
            _malloc_trim = lambda _pad: 0  # noqa: E731 - not glibc: nothing to trim
    resident = resident_mb()
    if resident is not None and resident - _resident_mb_after_trim <= TRIM_AFTER_GROWTH_MB:
        return
    _malloc_trim(0)
    _resident_mb_after_trim = resident_mb() or 0.0
