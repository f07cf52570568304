"""``dateline eval time``: temporal expressions against TimeML gold (TempEval-3 measures).

For every ``.tml`` file under ``--data`` the text of ``<TEXT>`` is analysed with the
document creation time as publication time, and the found expressions are scored against
the gold TIMEX3s:

- extent strict: exact character span; extent relaxed: overlapping spans (one-to-one);
- value: the normalised value equals the gold value, among relaxed matches. Value F1 is the
  TempEval-3 attribute F1 (correct values over system and over gold expressions); value
  accuracy is correct values over relaxed matches.

The baseline is ``dateparser`` alone: ``search_dates`` with the DCT as ``RELATIVE_BASE``,
every hit a DATE valued at day (or minute) precision.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import click

from dateline.cli.options import model_option
from dateline.evaluation import pct, prf, ratio, table_row
from dateline.evaluation.timeml import GoldTimex, TimeMLDocument, read_timeml, timeml_files
from dateline.model import Article, TimeExpression
from dateline.pipeline import Pipeline

# Figures published for TE3-platinum in the TempEval-3 task paper (UzZaman et al. 2013),
# F1 in per cent: (relaxed extent, strict extent, value).
PUBLISHED = {
    "HeidelTime (published)": (90.30, 81.34, 77.61),
    "SUTime (published)": (90.32, 79.57, 67.38),
}
WEEKDAY = re.compile(
    r"^(?:(?:last|next|this|early|late)\s)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", re.I
)


@dataclass
class Score:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value_correct: int = 0
    weekday_gold: int = 0
    weekday_correct: int = 0

    def add(self, gold: list[GoldTimex], found: list[TimeExpression]) -> list[str]:
        """Score one document; return its value errors for ``--show-errors``."""
        errors = []
        self.gold += len(gold)
        self.system += len(found)
        used: set[int] = set()
        for g in gold:
            match = None
            for i, f in enumerate(found):
                if i not in used and f.start < g.end and g.start < f.end:
                    if f.start == g.start and f.end == g.end:
                        match = i
                        break
                    match = i if match is None else match
            weekday = bool(WEEKDAY.match(g.text))
            self.weekday_gold += weekday
            if match is None:
                errors.append(f"missed   {g.text!r} {g.value}")
                continue
            used.add(match)
            f = found[match]
            self.relaxed += 1
            exact = f.start == g.start and f.end == g.end
            self.strict += exact
            if not exact:
                errors.append(f"extent   gold {g.text!r} got {f.text!r}")
            if f.value == g.value:
                self.value_correct += 1
                self.weekday_correct += weekday
            else:
                errors.append(f"value    {g.text!r} gold {g.value} got {f.value} ({f.text!r})")
        errors += [f"spurious {f.text!r} {f.value}" for i, f in enumerate(found) if i not in used]
        return errors

    def row(self, name: str) -> str:
        sp, sr, sf = prf(self.strict, self.system, self.strict, self.gold)
        rp, rr, rf = prf(self.relaxed, self.system, self.relaxed, self.gold)
        vp, vr, vf = prf(self.value_correct, self.system, self.value_correct, self.gold)
        accuracy = ratio(self.value_correct, self.relaxed)
        weekday = ratio(self.weekday_correct, self.weekday_gold)
        cells = [
            name,
            f"{self.gold}",
            f"{self.system}",
            *(pct(x, 2) for x in (sp, sr, sf, rp, rr, rf, vf, accuracy)),
            f"{pct(weekday)} ({self.weekday_correct}/{self.weekday_gold})",
        ]
        return table_row(cells)


HEADER = (
    "| system | gold | found | strict P | strict R | strict F1 | relaxed P | relaxed R "
    "| relaxed F1 | value F1 | value acc. | weekday value acc. |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def dateline_times(document: TimeMLDocument, pipeline: Pipeline) -> list[TimeExpression]:
    article = Article(
        id=document.path.stem,
        source=str(document.path),
        published=document.dct,
        language="en",
        text=document.text,
    )
    return pipeline.annotate(article).times


def dateparser_times(document: TimeMLDocument) -> list[TimeExpression]:
    from dateparser.search import search_dates

    anchor = Article(id="dct", source=str(document.path), published=document.dct).published_date
    settings: dict[str, object] = {}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day, 12)
    hits = search_dates(document.text, languages=["en"], settings=settings) or []
    found, cursor = [], 0
    for surface, moment in hits:
        start = document.text.find(surface, cursor)
        if start < 0:
            continue
        cursor = start + len(surface)
        has_clock = bool(re.search(r"\d:\d\d|\b(?:a\.?m|p\.?m)\b", surface, re.I))
        value = moment.strftime("%Y-%m-%dT%H:%M") if has_clock else moment.date().isoformat()
        found.append(
            TimeExpression(
                text=surface,
                value=value,
                type="TIME" if has_clock else "DATE",
                start=start,
                end=cursor,
            )
        )
    return found


def evaluate(
    documents: Iterable[TimeMLDocument],
    pipeline: Pipeline,
    baseline: bool,
    show_errors: bool,  # type: ignore[type-arg]
) -> tuple[Score, Score | None, int]:
    ours, theirs = Score(), (Score() if baseline else None)
    count = 0
    for document in documents:
        count += 1
        errors = ours.add(document.timexes, dateline_times(document, pipeline))
        if show_errors:
            for error in errors:
                click.echo(f"{document.path.name}: {error}", err=True)
        if theirs is not None:
            theirs.add(document.timexes, dateparser_times(document))
    return ours, theirs, count


@click.command()
@click.option(
    "--data",
    required=True,
    type=click.Path(path_type=Path),
    help="Directory of TimeML .tml files (searched recursively), e.g. ../shared/bench/time/te3-platinum.",
)
@click.option("--limit", type=int, default=None, help="Score only the first N documents.")
@model_option
@click.option("--baseline/--no-baseline", default=True, help="Also score dateparser alone.")
@click.option("--show-errors", is_flag=True, help="List misses and wrong values on stderr.")
def command(
    data: Path, limit: int | None, model: str | None, baseline: bool, show_errors: bool
) -> None:
    """Score temporal expressions (extent and value) against TimeML gold, beside dateparser."""
    paths = list(timeml_files(data))[:limit]
    pipeline = Pipeline.create(["time"], model=model)
    ours, theirs, count = evaluate((read_timeml(p) for p in paths), pipeline, baseline, show_errors)
    click.echo(f"TempEval-3 measures on {count} documents under {data} (F1 etc. in per cent).\n")
    click.echo(HEADER)
    click.echo(ours.row("Dateline (time stage)"))
    if theirs is not None:
        click.echo(theirs.row("dateparser alone (baseline)"))
    if "platinum" in str(data).lower():
        for name, (relaxed, strict, value) in PUBLISHED.items():
            click.echo(
                f"| {name} | 138 | — | — | — | {strict:.2f} | — | — | {relaxed:.2f} | {value:.2f} | — | — |"
            )
    sys.stdout.flush()
