"""The ingest worker's batch: memory kept flat over batches, results unchanged."""

from __future__ import annotations

import json

from dateline.sources.files import RawInput
from dateline.sources.stream import InputItem
from dateline.store import worker


def _items(n: int) -> list[InputItem]:
    # Invented names and places: words no vocabulary has.
    stories = [
        ("Vexmoor council votes on Quarnby bridge",
         "The Vexmoor council voted on Tuesday to rebuild the Quarnby bridge, its chair "
         "Odalys Trennick said. Work will start in March and cost 4 million euros."),
        ("Strikes at Pelgrave docks",
         "Dock workers in Pelgrave walked out on Friday over pay, the Zundel union said. "
         "Talks with the port authority resume next week."),
    ]  # fmt: skip
    headline, body = stories[n % len(stories)]
    record = json.dumps({"headline": headline, "text": body}).encode()
    return [InputItem(f"story-{n}.json", f"story-{n}.json", RawInput(f"story-{n}.json", record))]


def test_a_batch_leaves_no_new_words_in_the_model_and_results_do_not_change(
    nlp, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    # Past the bound of words a worker keeps: every batch runs in spaCy's memory zone.
    monkeypatch.setattr(worker, "PERMANENT_LEXEMES", 0)
    worker.init_worker(["article", "nlp", "entities", "time"], None)
    pipeline = worker._pipeline
    assert pipeline is not None
    strings = pipeline.nlp.vocab.strings
    before = len(strings)
    first = worker.analyse_batch(_items(0) + _items(1))
    assert all(r.analysis is not None for r in first)
    # The batch's new words were transient (spaCy's memory zone): the vocabulary is as it was.
    assert "Quarnby" not in strings and "Pelgrave" not in strings
    assert len(strings) == before
    # The same inputs again give the same documents, word for word.
    again = worker.analyse_batch(_items(0) + _items(1))
    assert [r.analysis.to_json() for r in again] == [r.analysis.to_json() for r in first]  # type: ignore[union-attr]
    assert any(e.name == "Odalys Trennick" for e in first[0].analysis.entities)  # type: ignore[union-attr]


def _story(name: str, headline: str, body: str) -> list[InputItem]:
    record = json.dumps({"headline": headline, "text": body}).encode()
    return [InputItem(name, name, RawInput(name, record))]


def test_a_worker_keeps_new_words_up_to_a_bound_then_drops_them(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Below the bound a batch's new words stay in the vocabulary (so spaCy's tokenizer caches
    their splits); once the worker kept that many, batches run in the memory zone. The
    documents are the same either way."""
    first = _story(
        "ferry.json",
        "Brellick ferry service resumes",
        "The ferry between Brellick and Osmundra sailed again on Monday after storms, the "
        "operator Talvane Marine said. Crossings will run twice a day until June.",
    )
    second = _story(
        "mine.json",
        "Strike closes Kestwyn mine",
        "Miners at Kestwyn stopped work on Wednesday, the Hobarrow union said, over a new shift "
        "rota. Management said talks would continue.",
    )
    worker.init_worker(["article", "nlp", "entities", "time"], None)
    pipeline = worker._pipeline
    assert pipeline is not None
    strings = pipeline.nlp.vocab.strings
    monkeypatch.setattr(worker, "_permanent_lexemes_added", 0)
    monkeypatch.setattr(worker, "PERMANENT_LEXEMES", 10_000)
    kept = worker.analyse_batch(first)
    assert "Brellick" in strings and "Osmundra" in strings
    assert 0 < worker._permanent_lexemes_added < 10_000
    # The bound reached: the next batch's new words are dropped after it.
    monkeypatch.setattr(worker, "PERMANENT_LEXEMES", worker._permanent_lexemes_added)
    dropped = worker.analyse_batch(second)
    assert "Kestwyn" not in strings and "Hobarrow" not in strings
    # Kept words or transient ones, the same documents.
    assert [r.analysis.to_json() for r in worker.analyse_batch(first + second)] == [  # type: ignore[union-attr]
        r.analysis.to_json()  # type: ignore[union-attr]
        for r in kept + dropped
    ]


def test_the_heap_is_trimmed_only_once_the_worker_grew_past_the_margin(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A batch that leaves the worker within the margin of its size after the last trim keeps
    its freed pages for the next parse; one that leaves it larger is trimmed, and the size
    after that trim is the new reference."""
    mib = 1.0  # resident memory is read in MB
    resident = [300 * mib]
    trims: list[int] = []

    def trim(pad: int) -> int:
        trims.append(pad)
        resident[0] = 310 * mib  # what the trim gave back
        return 1

    monkeypatch.setattr(worker, "_malloc_trim", trim)
    monkeypatch.setattr(worker, "resident_mb", lambda: resident[0])
    monkeypatch.setattr(worker, "_resident_mb_after_trim", 300 * mib)
    margin = worker.TRIM_AFTER_GROWTH_MB

    resident[0] = 300 * mib + margin  # grew by exactly the margin: kept
    worker._release_free_memory()
    assert trims == []
    resident[0] = 300 * mib + margin + mib  # past it: trimmed
    worker._release_free_memory()
    assert trims == [0] and worker._resident_mb_after_trim == 310 * mib
    resident[0] = 310 * mib + margin  # measured from the size after that trim
    worker._release_free_memory()
    assert trims == [0]
    # Where resident memory cannot be read, every batch is trimmed.
    monkeypatch.setattr(worker, "resident_mb", lambda: None)
    worker._release_free_memory()
    worker._release_free_memory()
    assert trims == [0, 0, 0]


def test_the_word_memos_are_small_enough_to_fill_in_a_few_batches() -> None:
    """The per-word memos a worker keeps fill within its first few batches (a batch of news
    meets a few thousand distinct words), so a worker is as large after a hundred batches as
    after five; a word evicted from a memo gives the same answer when asked again."""
    from dateline.entities import kb
    from dateline.geo import names, resolve
    from dateline.nlp import doctext
    from dateline.tone import figures

    memos = (kb.normalize, names.name_key, resolve._haversine_km, figures._is_word_text)
    for memo in memos:
        maxsize = memo.cache_info().maxsize
        assert maxsize is not None and maxsize <= 4096
    assert doctext._MAX_STRINGS <= 20_000
    assert figures._MAX_KNOWN_PARTS <= 10_000
    assert worker._LEMMA_CACHE_KEPT <= 10_000

    first = kb.normalize("São Tomé-Príncipe  Ministry")
    for n in range(5000):  # more new names than the memo holds: the first one is evicted
        kb.normalize(f"Agency number {n}")
    assert kb.normalize("São Tomé-Príncipe  Ministry") == first == "sao tome principe ministry"


def test_a_worker_resolves_the_requested_stages_itself(nlp) -> None:  # type: ignore[no-untyped-def]
    from dateline.pipeline import resolve_stages

    # Ingest hands its workers the stages as asked for (they start before the parent has
    # resolved them); a resolved list comes back unchanged.
    worker.init_worker(["quotes"], None)
    assert worker._pipeline is not None
    resolved = resolve_stages(["quotes"], installed_only=True)
    assert worker._pipeline.stages == resolved
    worker.init_worker(resolved, None)
    assert worker._pipeline.stages == resolved
