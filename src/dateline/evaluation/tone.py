"""``dateline eval tone``: target-dependent sentiment against NewsMTSC.

NewsMTSC (Hamborg & Donnay, EACL 2021) labels how each sentence of US political news portrays
each named person in it: negative, neutral or positive. The paper's measure is F1 macro over
the three classes (F1m: the mean of the three per-class F1 scores) and accuracy.

Systems, on the same spaCy parse of each sentence:

- Dateline's tone stage classifier (``dateline.tone.model``) on each target;
- the sentence-level baseline: VADER's compound score of the whole sentence (target-blind),
  positive at >= 0.05, negative at <= -0.05, neutral between (VADER's own thresholds).

``--data`` takes the NewsMTSC folder (scored on ``devtest_mt.jsonl``, the multi-target test set)
or one JSON Lines file in NewsMTSC's format.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import click

from dateline.errors import InputError
from dateline.evaluation import f1, pct, ratio, table_row
from dateline.model import ToneLabel
from dateline.tone.model import CLASSES, classify, label_of
from dateline.tone.newsmtsc import parse, read_records, target_spans

REPORTED_SPLIT = "devtest_mt.jsonl"
PUBLISHED = (
    "| GRU-TSC + RoBERTa (Hamborg & Donnay 2021, fine-tuned, GPU), real-world test set "
    "| 83.1 | — | — | — | — |"
)


@dataclass
class Score:
    """A confusion matrix over the three classes."""

    counts: dict[tuple[ToneLabel, ToneLabel], int] = field(default_factory=dict)

    def add(self, gold: ToneLabel, predicted: ToneLabel) -> None:
        self.counts[gold, predicted] = self.counts.get((gold, predicted), 0) + 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def class_f1(self, label: ToneLabel) -> float:
        correct = self.counts.get((label, label), 0)
        predicted = sum(n for (_, p), n in self.counts.items() if p == label)
        gold = sum(n for (g, _), n in self.counts.items() if g == label)
        return f1(ratio(correct, predicted), ratio(correct, gold))

    @property
    def macro_f1(self) -> float:
        return sum(self.class_f1(label) for label in CLASSES) / len(CLASSES)

    @property
    def accuracy(self) -> float:
        return ratio(sum(self.counts.get((c, c), 0) for c in CLASSES), self.total)

    def row(self, name: str) -> str:
        cells = [name, pct(self.macro_f1), pct(self.accuracy)]
        cells += [pct(self.class_f1(label)) for label in CLASSES]
        return table_row(cells)


def vader_label(compound: float) -> ToneLabel:
    return "positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral"


def resolve_data(data: Path) -> Path:
    if data.is_dir():
        path = data / REPORTED_SPLIT
        if not path.is_file():
            raise InputError(str(data), f"no {REPORTED_SPLIT} in the folder (expected NewsMTSC)")
        return path
    if not data.is_file():
        raise InputError(str(data), "no such file or folder")
    return data


@click.command()
@click.option(
    "--data",
    required=True,
    type=click.Path(path_type=Path),
    help="NewsMTSC folder (scores devtest_mt.jsonl) or one NewsMTSC JSONL file, "
    "e.g. ../shared/bench/tone/newsmtsc.",
)
@click.option("--limit", type=int, default=None, help="Score only the first N sentences.")
@click.option("--model", default=None, help="spaCy model name or path.")
@click.option("--show-errors", is_flag=True, help="List misclassified targets on stderr.")
def command(data: Path, limit: int | None, model: str | None, show_errors: bool) -> None:
    """Score per-target sentiment (F1 macro, accuracy) on NewsMTSC beside sentence-level VADER.

    \b
    Examples:
      dateline eval tone --data ../shared/bench/tone/newsmtsc
      dateline eval tone --data ../shared/bench/tone/newsmtsc/train.jsonl --limit 500
    """
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from dateline.nlp import load_model

    path = resolve_data(data)
    records = read_records(path)[:limit]
    nlp = load_model(model)
    docs = parse(nlp, records)
    vader = SentimentIntensityAnalyzer()
    ours, baseline = Score(), Score()
    ours_seconds = 0.0
    targets = 0
    for record, doc in zip(records, docs, strict=True):
        sentence_label = vader_label(vader.polarity_scores(record.sentence)["compound"])
        for target, spans in target_spans(doc, record):
            targets += 1
            began = time.perf_counter()
            predicted = label_of(classify(*spans))
            ours_seconds += time.perf_counter() - began
            ours.add(target.label, predicted)
            baseline.add(target.label, sentence_label)
            if show_errors and predicted != target.label:
                click.echo(
                    f"{record.id}: {target.mention!r} gold {target.label} got {predicted}: "
                    f"{record.sentence}",
                    err=True,
                )
    click.echo(
        f"NewsMTSC target-dependent sentiment on {path} ({len(records)} sentences, {targets} "
        "targets; F1m = macro F1 over negative/neutral/positive, in per cent).\n"
    )
    click.echo("| system | F1m | accuracy | F1 negative | F1 neutral | F1 positive |")
    click.echo("|---|---|---|---|---|---|")
    click.echo(ours.row("Dateline tone stage (parse-scoped features + logistic regression, CPU)"))
    click.echo(baseline.row("VADER compound of the whole sentence (baseline, target-blind)"))
    click.echo(PUBLISHED)
    per_target = 1000 * ours_seconds / targets if targets else 0.0
    click.echo(f"\nClassifier time after parsing: {per_target:.2f} ms per target.")
