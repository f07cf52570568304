"""The Dateline pipeline: source → article → nlp → entities → geo/time/amounts → quotes → events → tone.

The one way to run Dateline. ``analyze``, ``ingest`` (and its worker processes), ``bench``, the
spaCy components and the ``dateline eval`` commands all go through :class:`Pipeline`; no other
module loops over stages, batches ``nlp.pipe``, checks the language or structures articles.

Each analysis stage is a declared :class:`~dateline.stage.Stage` record exported as ``STAGE`` by
its ``stage`` module (listed in :data:`STAGE_MODULES`, in pipeline order). Adding a stage is adding
its record and one line here. Stage modules are imported lazily so that ``--stages article`` never
pays for loading spaCy or the gazetteers.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import importlib.util
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter

from dateline.errors import InputError
from dateline.model import Analysis, Article, Notice
from dateline.stage import Parsed, Stage

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from dateline.sources.files import RawInput
    from dateline.sources.stream import InputItem

# Stage name -> module exporting its ``STAGE`` record, in pipeline order.
STAGE_MODULES: dict[str, str] = {
    "entities": "dateline.entities.stage",
    "geo": "dateline.geo.stage",
    "time": "dateline.time.stage",
    "amounts": "dateline.amounts.stage",
    "quotes": "dateline.quotes.stage",
    "events": "dateline.events.stage",
    "tone": "dateline.tone.stage",
}
# "article" structures the input, "nlp" parses it; the analysis stages follow.
ALL_STAGES: tuple[str, ...] = ("article", "nlp", *STAGE_MODULES)

# Called with (stage name, seconds): "article" per input structured, "nlp" per batch parsed,
# each analysis stage per article.
TimingHook = Callable[[str, float], None]
# Holds work on the inputs named to a budget while the block runs (ingest's workers, see
# store.budget): one key while an input is structured or analysed, every key of a batch while
# the batch is parsed by one nlp.pipe call.
GuardHook = Callable[[tuple[str, ...]], AbstractContextManager[None]]


class PipelineError(ValueError):
    """The stages asked for cannot make a pipeline (unknown name, unmet requirement)."""


@cache
def stage_record(name: str) -> Stage:
    """The declared :class:`Stage` of analysis stage ``name`` (its module imported on first use)."""
    module = importlib.import_module(STAGE_MODULES[name])
    record: Stage = module.STAGE
    if record.name != name:
        raise PipelineError(f"{STAGE_MODULES[name]}.STAGE is named {record.name!r}, not {name!r}")
    return record


def stage_installed(name: str) -> bool:
    """Whether analysis stage ``name``'s module exists in this installation."""
    return importlib.util.find_spec(STAGE_MODULES[name]) is not None


def _provider(section: str, before: Iterable[str]) -> str | None:
    """The stage among ``before`` that assigns ``section``."""
    return next((name for name in before if stage_record(name).assigns == section), None)


def check_stage_names(requested: Iterable[str] | None) -> None:
    """Raise :class:`PipelineError` for a requested name that is no stage, as
    :func:`resolve_stages` does (naming the last unknown one, which it meets first), without
    importing any stage module."""
    for name in reversed([s.strip() for s in requested or () if s.strip()]):
        if name not in ALL_STAGES:
            raise PipelineError(f"unknown stage {name!r}; choose from {', '.join(ALL_STAGES)}")


def resolve_stages(requested: Iterable[str] | None, installed_only: bool = False) -> list[str]:
    """Expand the requested stages with what they require, in pipeline order.

    ``installed_only`` leaves out a stage whose module is missing, with the stages that require
    it, so ingest works with whichever analysis stages this checkout has.
    """
    if requested is None:
        wanted = set(ALL_STAGES)
    else:
        wanted = {"article"}
        todo = [s.strip() for s in requested if s.strip()]
        while todo:
            name = todo.pop()
            if name not in ALL_STAGES:
                raise PipelineError(f"unknown stage {name!r}; choose from {', '.join(ALL_STAGES)}")
            if name in wanted:
                continue
            wanted.add(name)
            if name in STAGE_MODULES:
                wanted.add("nlp")
                earlier = list(STAGE_MODULES)[: list(STAGE_MODULES).index(name)]
                for section in stage_record(name).requires:
                    provider = _provider(section, earlier)
                    if provider is not None:
                        todo.append(provider)
    order = [s for s in ALL_STAGES if s in wanted]
    if installed_only:
        present = [s for s in order if s not in STAGE_MODULES or stage_installed(s)]
        order = []
        for name in present:
            if name in STAGE_MODULES and _unmet(stage_record(name), order):
                continue
            order.append(name)
    return order


def _unmet(record: Stage, before: list[str]) -> list[str]:
    assigned = {stage_record(s).assigns for s in before if s in STAGE_MODULES}
    return [section for section in record.requires if section not in assigned]


def check_stages(stages: list[str]) -> list[Stage]:
    """The records of the analysis stages in ``stages``, checked as spaCy's ``analyze_pipes``
    does: each requirement is assigned by an earlier stage; analysis stages need ``nlp``."""
    records: list[Stage] = []
    for name in stages:
        if name not in ALL_STAGES:
            raise PipelineError(f"unknown stage {name!r}; choose from {', '.join(ALL_STAGES)}")
        if name not in STAGE_MODULES:
            continue
        if "nlp" not in stages:
            raise PipelineError(f"stage {name!r} needs the nlp stage")
        record = stage_record(name)
        assigned = {r.assigns for r in records}
        missing = [section for section in record.requires if section not in assigned]
        if missing:
            raise PipelineError(
                f"stage {name!r} requires {', '.join(missing)}, which no earlier stage assigns"
            )
        records.append(record)
    return records


@dataclass(frozen=True)
class Outcome:
    """What became of one input: its Analysis, or the problem that stopped it."""

    key: str
    container: str
    analysis: Analysis | None = None
    problem: str | None = None
    # The article was analysed before (see ``Pipeline.run``'s ``analysed``): ``analysis`` holds
    # the structured article alone.
    repeat: bool = False


@cache
def _section_adapter(section: str) -> TypeAdapter[Any]:
    annotation = Analysis.model_fields[section].annotation
    assert annotation is not None
    return TypeAdapter(annotation)


def where(exc: BaseException) -> str:
    """Where the exception was raised (file:line of the innermost frame), for error reports."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return "unknown place"
    last = frames[-1]
    return f"at {Path(last.filename).name}:{last.lineno} in {last.name}"


@dataclass
class _Entry:
    key: str
    container: str
    article: Article | None = None
    problem: str | None = None


@dataclass
class Pipeline:
    """Runs the chosen stages over inputs; the spaCy model is loaded once, on first need."""

    stages: list[str]
    model: str | None = None
    batch_size: int = 16
    on_timing: TimingHook | None = None
    guard: GuardHook | None = None
    records: list[Stage] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.records = check_stages(self.stages)

    @classmethod
    def create(
        cls,
        stages: Iterable[str] | None = None,
        model: str | None = None,
        batch_size: int = 16,
        installed_only: bool = False,
    ) -> Pipeline:
        """The requested stages (default: all) with what they require."""
        return cls(
            stages=resolve_stages(stages, installed_only), model=model, batch_size=batch_size
        )

    @property
    def nlp(self) -> Language:
        from dateline.nlp import load_model

        return load_model(self.model)

    def load(self) -> None:
        """Load the model now (when a stage needs it), so a missing one fails before any work."""
        if "nlp" in self.stages:
            self.nlp  # noqa: B018

    # -- running -----------------------------------------------------------------------------

    def run(
        self,
        inputs: Iterable[InputItem | RawInput],
        raise_errors: bool = False,
        analysed: dict[str, None] | None = None,
    ) -> Iterator[Outcome]:
        """Structure and analyse raw inputs, in order: one :class:`Outcome` per input.

        A problem with one input (unreadable, no article in it, a crash in a stage) is that
        input's outcome and the run goes on; with ``raise_errors`` it is raised instead.

        ``analysed`` (article ids, an insertion-ordered set the caller keeps between calls)
        spares analysing one body twice: an input whose structured article has the id of one
        analysed before, in an earlier call or earlier in this one, is neither parsed nor
        analysed again; its outcome is the structured article alone, marked ``repeat``. The id
        of every article analysed here is added.
        """
        return self._analyse(
            (self._structure(given, raise_errors) for given in inputs), raise_errors, analysed
        )

    def run_articles(
        self, articles: Iterable[Article], raise_errors: bool = True
    ) -> Iterator[Outcome]:
        """Analyse articles structured elsewhere (gold data of the evaluations), in order."""
        return self._analyse(
            (_Entry(a.source, a.source, article=a) for a in articles), raise_errors
        )

    def annotate(self, article: Article, parsed: Parsed | Doc | None = None) -> Analysis:
        """Every stage after ``article`` on one structured article.

        ``parsed`` is the parse of ``article.text`` when the caller has it (a ``Doc`` is taken
        as parsed by this pipeline's model); otherwise the article is parsed here.
        """
        if parsed is not None and not isinstance(parsed, Parsed):
            parsed = Parsed(parsed, self.nlp)
        analysis = Analysis(article=article, stages=["article"])
        if "nlp" not in self.stages:
            return analysis
        if not is_english(article):
            notice = Notice(
                stage="nlp",
                message=f"article language is {article.language!r}, not English: "
                "English-only stages skipped",
            )
            analysis = analysis.model_copy(update={"notices": [notice]})
            parsed = None
        elif parsed is None:
            parsed = Parsed(self.nlp(article.text), self.nlp)
        if parsed is not None:
            analysis = analysis.model_copy(update={"stages": [*analysis.stages, "nlp"]})
        return self.apply(analysis, parsed)

    def apply(self, analysis: Analysis, parsed: Parsed | None) -> Analysis:
        """Run the pipeline's analysis stages that have not run yet on ``analysis``.

        The one loop over stages: each stage's function computes its section, which is
        validated against the model and written here, with the stage's name in ``stages``.
        """
        for record in self.records:
            if record.name in analysis.stages:
                continue
            if parsed is None:
                if record.english_only:
                    continue
                raise PipelineError(f"stage {record.name!r} needs the parse of the article")
            started = time.perf_counter()
            result = record.function(analysis, parsed)
            analysis = with_section(analysis, record, result)
            if self.on_timing is not None:
                self.on_timing(record.name, time.perf_counter() - started)
        return analysis

    # -- internals ---------------------------------------------------------------------------

    def _structure(self, given: InputItem | RawInput, raise_errors: bool) -> _Entry:
        from dateline.article import structure
        from dateline.sources.files import RawInput

        raw: RawInput | None
        if isinstance(given, RawInput):
            key, container, raw, problem = given.source, given.source, given, None
        else:
            key, container, raw, problem = given.key, given.container, given.raw, given.error
        if raw is None:
            if raise_errors:
                raise InputError(key, problem or "nothing to read")
            return _Entry(key, container, problem=problem or "nothing to read")
        started = time.perf_counter()
        try:
            with self._guarded((key,)):
                article = structure(raw)
        except InputError as exc:
            if raise_errors:
                raise
            return _Entry(key, container, problem=exc.problem)
        except Exception as exc:  # a crash on one input must not stop the others
            if raise_errors:
                raise
            reason = f"structuring crashed: {exc.__class__.__name__}: {exc} ({where(exc)})"
            return _Entry(key, container, problem=reason)
        if self.on_timing is not None:
            self.on_timing("article", time.perf_counter() - started)
        return _Entry(key, container, article=article)

    def _analyse(
        self, entries: Iterable[_Entry], raise_errors: bool, analysed: dict[str, None] | None = None
    ) -> Iterator[Outcome]:
        batch: list[_Entry] = []
        batches = 0
        for entry in entries:
            batch.append(entry)
            if len(batch) >= self.batch_size:
                if batches:
                    freeze_loaded_heap()
                yield from self._analyse_batch(batch, raise_errors, analysed)
                batches += 1
                batch = []
        if batch:
            if batches:
                freeze_loaded_heap()
            yield from self._analyse_batch(batch, raise_errors, analysed)

    def _analyse_batch(
        self, batch: list[_Entry], raise_errors: bool, analysed: dict[str, None] | None = None
    ) -> Iterator[Outcome]:
        if analysed is None:
            to_parse = batch
        else:
            # A body analysed before, or earlier in this batch, is not parsed again (should the
            # earlier one fail, this one is parsed on its own below).
            first: dict[str, _Entry] = {}
            for entry in batch:
                if entry.article is not None and entry.article.id not in analysed:
                    first.setdefault(entry.article.id, entry)
            to_parse = list(first.values())
        docs = self._parse(to_parse)
        for entry in batch:
            if entry.article is None:
                yield Outcome(entry.key, entry.container, problem=entry.problem)
                continue
            if analysed is not None and entry.article.id in analysed:
                structured = Analysis(article=entry.article, stages=["article"])
                yield Outcome(entry.key, entry.container, analysis=structured, repeat=True)
                continue
            parses = docs.get(id(entry.article))
            try:
                with self._guarded((entry.key,)):
                    parsed = None
                    if parses is not None:
                        parsed = Parsed(parses[None], self.nlp)
                        for name, line in parses.items():
                            if name is not None:
                                parsed.add_field(name, line)
                    analysis = self.annotate(entry.article, parsed)
            except Exception as exc:  # reported as this input's problem; the run goes on
                if raise_errors:
                    raise
                reason = f"analysis crashed: {exc.__class__.__name__}: {exc} ({where(exc)})"
                yield Outcome(entry.key, entry.container, problem=reason)
                continue
            if analysed is not None:
                analysed[entry.article.id] = None
            yield Outcome(entry.key, entry.container, analysis=analysis)

    def _guarded(self, keys: tuple[str, ...]) -> AbstractContextManager[None]:
        return self.guard(keys) if self.guard is not None else contextlib.nullcontext()

    def _parse(self, entries: list[_Entry]) -> dict[int, dict[str | None, Doc]]:
        """The parses of a batch's English articles, with one ``nlp.pipe`` call per
        :data:`PARSE_CHARS` characters of text: per article, its body's (key None) and those of
        the strings the stages parse (``Stage.parses``: headline, standfirst; ``Stage.parses_also``:
        the captions holding a quotation), which are short and cost far more parsed one call each.

        When the batched call fails, nothing is parsed here: each article is then parsed on its
        own in :meth:`annotate`, so the failure stays with the article that caused it.
        """
        if "nlp" not in self.stages:
            return {}
        english = [e for e in entries if e.article is not None and is_english(e.article)]
        if not english:
            return {}
        fields = sorted({name for record in self.records for name in record.parses})
        also = [record.parses_also for record in self.records if record.parses_also is not None]
        texts: list[tuple[int, str | None, str]] = []
        for entry in english:
            article = entry.article
            assert article is not None
            texts.append((id(article), None, article.text))
            named: set[str] = set()
            for field_name in fields:
                line = getattr(article, field_name)
                if isinstance(line, str) and line.strip():
                    texts.append((id(article), field_name, line))
                    named.add(field_name)
            for strings_of in also:
                for field_name, line in strings_of(article):
                    if field_name not in named:
                        texts.append((id(article), field_name, line))
                        named.add(field_name)
        started = time.perf_counter()
        try:
            with self._guarded(tuple(e.key for e in english)):
                strings = [text for _, _, text in texts]
                nlp = self.nlp
                docs = [doc for part in _parts(strings) for doc in nlp.pipe(tokenised(nlp, part))]
        except Exception:
            return {}
        if self.on_timing is not None:
            self.on_timing("nlp", time.perf_counter() - started)
        parses: dict[int, dict[str | None, Doc]] = {}
        for (article_id, name, _), doc in zip(texts, docs, strict=True):
            parses.setdefault(article_id, {})[name] = doc
        return parses


def tokenised(nlp: Language, texts: list[str]) -> list[Doc]:
    """``texts`` made into ``Doc``s by ``nlp.make_doc``, as ``nlp.pipe`` would make them, each
    holding the string it was made from (``doctext.remember_text``) before any component runs:
    the blank-line marker before the parser (``nlp.paragraphs``) and every stage after it read
    the text through ``doc_text`` without joining the tokens' texts (``Doc.text``) again."""
    from dateline.nlp.doctext import remember_text

    docs = []
    for text in texts:
        doc = nlp.make_doc(text)
        remember_text(doc, text)
        docs.append(doc)
    return docs


# Characters of text parsed together by one ``nlp.pipe`` call. spaCy holds the activations of
# every token of the texts it parses together (about 15 KB a token, measured on 70,000 tokens of
# long pages: 1.3 GB at once, 0.6 GB in four parts), so memory follows the longest batch of a
# corpus unless a batch of long texts is parsed in parts. A text's parse does not depend on the
# texts parsed beside it (checked: the same annotations and tok2vec tensors either way).
PARSE_CHARS = 50_000


def _parts(texts: list[str]) -> Iterator[list[str]]:
    """``texts`` in order, in runs of at most PARSE_CHARS characters (a longer text alone)."""
    part: list[str] = []
    size = 0
    for text in texts:
        if part and size + len(text) > PARSE_CHARS:
            yield part
            part, size = [], 0
        part.append(text)
        size += len(text)
    if part:
        yield part


_heap_frozen = False
# The cyclic garbage collector's thresholds once the loaded heap is frozen. What it still tracks
# then is what a batch makes (parses, spans, Analysis documents) and the caches that grow over
# the run, and a batch leaves almost no cyclic garbage (measured on the ingest bench corpus: 22
# to 92 unreachable objects per batch of 16 articles, no resident memory given back by
# collecting them); at Python's default (700, 10, 10) the collector still ran ~930 young and 7
# full collections per 89 articles, ~6 ms of CPU an article, each full one walking every live
# object of the batch in hand. A young generation of 20,000 objects leaves ~1 ms.
COLLECTOR_THRESHOLDS = (20_000, 10, 10)


def freeze_loaded_heap() -> None:
    """Once per process, when a run reaches its second batch: :func:`settle_heap`.

    A run of one batch, such as ``analyze`` of one article, never pays for the collection.
    (Ingest's workers settle the heap after their warm-up, ``store.worker``.)
    """
    global _heap_frozen
    if not _heap_frozen:
        _heap_frozen = True
        settle_heap()


def freeze_loaded_model() -> None:
    """Freeze the heap right after the model is loaded, without collecting first, and collect
    young objects less often (:data:`COLLECTOR_THRESHOLDS`), for a command that runs in its
    own process (``analyze``, an ingest worker).

    The modules and the spaCy model live as long as the process, and loading them leaves no
    cyclic garbage (measured: ``gc.collect()`` right after ``Pipeline.load`` finds 0
    unreachable objects among ~99,000 tracked, and costs ~60 ms). Frozen, they are out of the
    collector's sight while the first article loads every stage's data and is analysed: a
    cold ``dateline analyze`` of one article then spent ~0.4 s less CPU (median of 7 starts
    each, alternated). :func:`settle_heap` still collects and freezes at a run's second batch.
    """
    gc.freeze()
    gc.set_threshold(*COLLECTOR_THRESHOLDS)


def settle_heap() -> None:
    """Collect, then freeze the heap, and collect young objects less often from now on.

    The model and every stage's data (lexicons, gazetteer, knowledge base, weights) are loaded
    by now and live as long as the process; frozen, they are out of the cyclic garbage
    collector's sight, whose full collections would otherwise walk them again and again while
    the run goes on. Then :data:`COLLECTOR_THRESHOLDS`.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(*COLLECTOR_THRESHOLDS)


@contextlib.contextmanager
def heap_settled() -> Iterator[None]:
    """:func:`settle_heap` for the block, for a long loop inside a process that goes on after
    it (ingest's writing parent): the collector's thresholds are restored after the block, and
    the heap unfrozen unless something had frozen it before."""
    thresholds = gc.get_threshold()
    frozen_before = gc.get_freeze_count()
    settle_heap()
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if not frozen_before:
            gc.unfreeze()


def is_english(article: Article) -> bool:
    """Whether the English-only stages run on ``article`` (an unknown language counts as English)."""
    return article.language in (None, "en")


def with_section(analysis: Analysis, record: Stage, result: object) -> Analysis:
    """``analysis`` with ``record``'s section set to ``result`` (what its function returned),
    validated against the model, and the stage's name added to ``stages``."""
    try:
        value = _section_adapter(record.assigns).validate_python(result)
    except ValueError as exc:
        raise PipelineError(
            f"stage {record.name!r} gave an invalid {record.assigns!r} section: {exc}"
        ) from exc
    return analysis.model_copy(
        update={record.assigns: value, "stages": [*analysis.stages, record.name]}
    )
