"""``dateline eval quotes``: quotations and their sources against PolNeAR.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates attribution relations in US political
news: BRAT standoff files with ``Source``, ``Cue`` and ``Content`` spans joined by ``E`` lines.
Several annotators covered some articles; this evaluation uses, for every article, the
annotation file whose name sorts first (one annotator, never a union, so gold relations are
not doubled).

Both systems see the same spaCy Doc of each article: Dateline's full pipeline (entities, then
quotes) and textacy's ``extract.triples.direct_quotations`` as the baseline.

Measures, per system:

- content spans, exact: the predicted and gold spans are equal once quotation marks, edge
  punctuation, whitespace and a leading "that" are trimmed from both;
- content spans, overlap: they share at least one character (one-to-one, greedy by overlap);
- attribution: a prediction overlapping a gold content whose predicted speaker matches the gold
  ``Source`` — the quote's ``speaker_span`` or a mention of the predicted entity overlaps the
  source span, or one name contains the other ("Trump" / "Donald Trump", "the source" / "the source"). Precision counts every
  prediction that names a speaker; recall every gold relation with a source.

Two scopes: **quotations** — gold contents in quotation marks or with a speech-verb cue (a
prediction matched only to gold outside that subset is left out of both counts) — and **all**
attributions, which include paraphrase, beliefs and intentions no quote extractor targets.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import click

from dateline.cli.options import model_option, split_option
from dateline.errors import InputError
from dateline.evaluation import pct, prf

QUOTE_MARKS = "\"'“”‘’«»„‚‹›"
# Longest stretch between two parts of one statement ("“A,” said X, a senior official. “B”").
MAX_JOIN_GAP = 300
TRIM = QUOTE_MARKS + " \t\n,.;:!?—–-…()[]"
# Speech verbs that put a gold relation into the quotation subset (lemmas; independent of the
# stage's own cue lexicon so the subset does not bend toward what the stage finds).
SPEECH_VERBS = frozenset({
    "say", "tell", "add", "claim", "state", "argue", "insist", "warn", "deny", "explain",
    "announce", "declare", "write", "ask", "reply", "respond", "note", "report", "confirm",
    "reveal", "admit", "suggest", "tweet", "allege", "acknowledge", "assert", "stress",
    "recall", "testify", "comment", "remark", "predict", "promise", "vow",
})  # fmt: skip


@dataclass
class Gold:
    start: int
    end: int
    source: tuple[int, int] | None
    source_text: str
    cue: tuple[int, int] | None
    quotation: bool = False


@dataclass
class Prediction:
    start: int
    end: int
    speaker_spans: list[tuple[int, int]] = field(default_factory=list)
    speaker_names: list[str] = field(default_factory=list)
    # Who the system says spoke (entity id or words), to join a quote split by its attribution.
    speaker_key: str | None = None
    # The cue that introduces it (None when attributed from context): parts of one statement
    # share a cue.
    cue_key: str | None = None

    @property
    def has_speaker(self) -> bool:
        return bool(self.speaker_spans or self.speaker_names)


@dataclass
class Tally:
    predicted: int = 0
    gold: int = 0
    exact: int = 0
    overlap_p: int = 0  # predictions matched by overlap
    overlap_r: int = 0  # gold matched by overlap
    attributed: int = 0  # predictions naming a speaker
    gold_sources: int = 0
    attribution: int = 0

    def add(self, other: Tally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


# --------------------------------------------------------------------------- gold


def read_brat(path: Path, text: str) -> list[Gold]:
    """The attribution relations of one BRAT ``.ann`` file."""
    spans: dict[str, tuple[str, int, int]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            try:
                tid, info, _ = line.split("\t", 2)
                kind, offsets = info.split(" ", 1)
                numbers = [int(n) for n in re.findall(r"\d+", offsets)]
            except ValueError as exc:
                raise InputError(str(path), f"unreadable span line {line!r}") from exc
            spans[tid] = (kind, min(numbers), max(numbers))
        elif line.startswith("E"):
            roles = line.split("\t")[1].split()
            relations.append(dict(role.split(":", 1) for role in roles if ":" in role))
    golds: list[Gold] = []
    for relation in relations:
        content = spans.get(relation.get("Content", ""))
        if content is None:
            continue
        source = spans.get(relation.get("Source", ""))
        cue = spans.get(relation.get("Cue", ""))
        golds.append(
            Gold(
                start=content[1],
                end=content[2],
                source=(source[1], source[2]) if source else None,
                source_text=text[source[1] : source[2]] if source else "",
                cue=(cue[1], cue[2]) if cue else None,
            )
        )
    return golds


def mark_quotations(golds: list[Gold], doc) -> None:  # type: ignore[no-untyped-def]
    """Flag the relations whose content is quoted or whose cue is a speech verb."""
    for gold in golds:
        content = doc.text[gold.start : gold.end]
        quoted = any(mark in content for mark in '“”"«»')
        speech = False
        if gold.cue is not None:
            span = doc.char_span(*gold.cue, alignment_mode="expand")
            speech = span is not None and any(t.lemma_.lower() in SPEECH_VERBS for t in span)
        gold.quotation = quoted or speech


def load_split(data: Path, split: str) -> Iterator[tuple[Path, str, list[Gold]]]:
    """(text path, text, gold relations) for every article of a split."""
    texts = data / split / "text"
    annotations = data / split / "attributions"
    if not texts.is_dir() or not annotations.is_dir():
        raise InputError(
            str(data), f"not a PolNeAR folder: missing {split}/text or {split}/attributions"
        )
    for path in sorted(texts.glob("*.txt")):
        files = sorted(annotations.glob(f"{path.stem}_*.ann"))
        if not files:
            continue
        text = path.read_text(encoding="utf-8")
        yield path, text, read_brat(files[0], text)


# --------------------------------------------------------------------------- predictions


def dateline_predictions(analysis) -> list[Prediction]:  # type: ignore[no-untyped-def]
    predictions = []
    for quote in analysis.quotes:
        if quote.field != "text":
            continue
        entity = analysis.entity(quote.speaker)
        spans = [(m.start, m.end) for m in entity.mentions if m.field == "text"] if entity else []
        if quote.speaker_span is not None:
            spans.append((quote.speaker_span.start, quote.speaker_span.end))
        names = [quote.speaker_name] if quote.speaker_name else []
        if entity is not None:
            names += [entity.name, *entity.aliases]
        key = quote.speaker or quote.speaker_name
        predictions.append(Prediction(quote.start, quote.end, spans, names, key, quote.cue))
    return predictions


def textacy_predictions(doc) -> list[Prediction]:  # type: ignore[no-untyped-def]
    """textacy's direct quotations; where it refuses a document (it bails out on an odd number
    of quotation marks, e.g. a quote continued over paragraphs), it is given each paragraph
    on its own instead, so the baseline is not penalised for a whole article."""
    from textacy.extract.triples import direct_quotations

    try:
        return _textacy_triples(direct_quotations(doc), 0)
    except ValueError:
        pass
    predictions: list[Prediction] = []
    start = 0
    for token in [*doc, None]:
        if token is None or "\n" in token.text:
            end = token.i if token is not None else len(doc)
            if end > start:
                paragraph = doc[start:end]
                try:
                    triples = direct_quotations(paragraph.as_doc())
                    predictions += _textacy_triples(triples, paragraph.start_char)
                except ValueError:
                    pass
            start = end + 1
    return predictions


def _textacy_triples(triples, offset: int) -> list[Prediction]:  # type: ignore[no-untyped-def]
    predictions = []
    for triple in triples:
        content = triple.content
        speaker = triple.speaker
        spans = [(offset + t.idx, offset + t.idx + len(t)) for t in speaker]
        names = [" ".join(t.text for t in speaker)] if speaker else []
        start, end = offset + content.start_char, offset + content.end_char
        cue = ",".join(str(offset + t.idx) for t in triple.cue)
        speaker_key = names[0] if names else None
        predictions.append(Prediction(start, end, spans, names, speaker_key, cue))
    return predictions


# --------------------------------------------------------------------------- scoring


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    if text[start : start + 5].lower() == "that ":
        start += 5
    return start, end


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _norm(name: str) -> str:
    return " ".join(re.sub(r"[’'`]s\b", "", name.lower()).split()).strip(TRIM)


def _speaker_matches(prediction: Prediction, gold: Gold) -> bool:
    if gold.source is None:
        return False
    if any(_overlap(span, gold.source) for span in prediction.speaker_spans):
        return True
    gold_name = _norm(gold.source_text)
    for name in prediction.speaker_names:
        name = _norm(name)
        if len(name) >= 3 and len(gold_name) >= 3 and (name in gold_name or gold_name in name):
            return True
    return False


def align_granularity(text: str, predictions: list[Prediction]) -> list[Prediction]:
    """Bring a system's quotes to PolNeAR's unit, one relation per statement.

    PolNeAR annotates a quote split by its attribution ("“A,” she said. “B.”") or continued
    over paragraphs as one (discontinuous) content, and a partial quote as part of the
    reported clause around it. So, for every system alike: a prediction inside another is
    dropped, and consecutive quoted stretches with the same speaker and cue (or the second
    with none of its own) separated only by a short stretch (the attribution, or a paragraph
    break) are joined.
    """
    ordered = sorted(predictions, key=lambda p: (p.start, -p.end))
    kept: list[Prediction] = []
    for prediction in ordered:
        if kept and prediction.end <= kept[-1].end:
            continue  # nested in the previous one
        previous = kept[-1] if kept else None
        if (
            previous is not None
            and previous.speaker_key is not None
            and previous.speaker_key == prediction.speaker_key
            and prediction.cue_key in (None, previous.cue_key)
            and 0 <= prediction.start - previous.end <= MAX_JOIN_GAP
            and text.count("\n", previous.end, prediction.start) <= 2
            and _quoted_edge(text, previous.end, after=True)
            and _quoted_edge(text, prediction.start, after=False)
        ):
            kept[-1] = Prediction(
                previous.start,
                prediction.end,
                previous.speaker_spans + prediction.speaker_spans,
                previous.speaker_names + prediction.speaker_names,
                previous.speaker_key,
                previous.cue_key,
            )
            continue
        kept.append(prediction)
    return kept


def _quoted_edge(text: str, offset: int, after: bool) -> bool:
    """Whether a quotation mark closes right after (or opens right before) ``offset``."""
    window = (
        text[max(0, offset - 2) : offset + 3] if after else text[max(0, offset - 3) : offset + 2]
    )
    return any(mark in window for mark in QUOTE_MARKS)


def score(text: str, golds: list[Gold], predictions: list[Prediction]) -> dict[str, Tally]:
    """Tallies for the "quotations" and "all" scopes of one article."""
    predictions = align_granularity(text, predictions)
    gold_spans = [_trimmed(text, g.start, g.end) for g in golds]
    pred_spans = [_trimmed(text, p.start, p.end) for p in predictions]
    # One-to-one matching by overlap, largest overlaps first.
    pairs = sorted(
        (
            (_overlap(ps, gs), pi, gi)
            for pi, ps in enumerate(pred_spans)
            for gi, gs in enumerate(gold_spans)
            if _overlap(ps, gs) > 0
        ),
        reverse=True,
    )
    pred_match: dict[int, int] = {}
    gold_match: dict[int, int] = {}
    for _, pi, gi in pairs:
        if pi not in pred_match and gi not in gold_match:
            pred_match[pi] = gi
            gold_match[gi] = pi
    # Exact matching is its own one-to-one matching.
    exact_gold = {gs: gi for gi, gs in enumerate(gold_spans)}
    exact_pairs = {pi: exact_gold[ps] for pi, ps in enumerate(pred_spans) if ps in exact_gold}

    tallies = {"quotations": Tally(), "all": Tally()}
    for scope, tally in tallies.items():
        in_scope = {gi for gi, g in enumerate(golds) if scope == "all" or g.quotation}
        tally.gold = len(in_scope)
        tally.gold_sources = sum(1 for gi in in_scope if golds[gi].source is not None)
        for pi, prediction in enumerate(predictions):
            matched = pred_match.get(pi)
            exact = exact_pairs.get(pi)
            if matched is not None and matched not in in_scope:
                continue  # matched to a relation outside this scope: neither right nor wrong
            tally.predicted += 1
            tally.exact += exact is not None and exact in in_scope
            tally.overlap_p += matched is not None
            if prediction.has_speaker:
                tally.attributed += 1
                if matched is not None and _speaker_matches(prediction, golds[matched]):
                    tally.attribution += 1
        tally.overlap_r += sum(1 for gi in in_scope if gi in gold_match)
    return tallies


def _prf(correct_p: int, predicted: int, correct_r: int, gold: int) -> str:
    return " | ".join(pct(value) for value in prf(correct_p, predicted, correct_r, gold))


# --------------------------------------------------------------------------- command


@click.command(name="quotes")
@click.option(
    "--data",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The PolNeAR folder (with dev/ and test/).",
)
@split_option(("dev", "test"))
@click.option("--limit", type=int, default=None, help="Only the first N articles (quick checks).")
@model_option
def command(data: Path, split: str, limit: int | None, model: str | None) -> None:
    """Score quotes and their speakers against PolNeAR, beside textacy's direct_quotations."""
    from dateline.article.structure import article_id
    from dateline.model import Article
    from dateline.pipeline import Pipeline

    started = time.monotonic()
    articles = list(load_split(data, split))[:limit]
    if not articles:
        raise InputError(str(data), f"no annotated articles in {split}/")
    pipeline = Pipeline.create(["quotes"], model=model)
    totals = {
        (system, scope): Tally()
        for system in ("Dateline", "textacy")
        for scope in ("quotations", "all")
    }
    docs = pipeline.nlp.pipe(text for _, text, _ in articles)
    for (path, text, golds), doc in zip(articles, docs, strict=True):
        paragraphs = [p for p in text.split("\n") if p.strip()]
        article = Article(
            id=article_id(text), source=str(path), language="en", paragraphs=paragraphs, text=text
        )
        mark_quotations(golds, doc)
        analysis = pipeline.annotate(article, doc)
        systems = {
            "Dateline": dateline_predictions(analysis),
            "textacy": textacy_predictions(doc),
        }
        for system, predictions in systems.items():
            for scope, tally in score(text, golds, predictions).items():
                totals[(system, scope)].add(tally)
    elapsed = time.monotonic() - started

    n_gold = totals[("Dateline", "all")].gold
    n_quot = totals[("Dateline", "quotations")].gold
    click.echo(
        f"PolNeAR {split}: {len(articles)} articles, {n_gold} gold attributions "
        f"({n_quot} quotations), first annotator per article; {elapsed:.0f} s\n"
    )
    click.echo(
        "| system | scope | predicted | exact P | exact R | exact F1 | overlap P | overlap R "
        "| overlap F1 | attribution P | attribution R | attribution F1 |"
    )
    click.echo("|---|---|---:" + "|---:" * 9 + "|")
    for scope in ("quotations", "all"):
        for system in ("Dateline", "textacy"):
            t = totals[(system, scope)]
            click.echo(
                f"| {system} | {scope} | {t.predicted} "
                f"| {_prf(t.exact, t.predicted, t.exact, t.gold)} "
                f"| {_prf(t.overlap_p, t.predicted, t.overlap_r, t.gold)} "
                f"| {_prf(t.attribution, t.attributed, t.attribution, t.gold_sources)} |"
            )
