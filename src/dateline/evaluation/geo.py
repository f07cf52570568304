"""``dateline eval geo``: toponym resolution against LGL, GeoVirus and GeoWebNews.

Resolution only: the gold toponym spans are given, the stage's disambiguation picks a place for
each (with the article's other gold toponyms and ", Texas"-style qualifiers in the text as
context). Measures (Gritta et al. 2018/2019): accuracy (exact GeoNames id, where the gold has
one), accuracy within 161 km (100 miles), mean and median error in km. A toponym left
unresolved counts as an error of 20,038 km (half the Earth's circumference), so the error
figures cannot improve by abstaining.

The baseline runs in the same pass: the most populous gazetteer place of the same name.

Every fifth article (index % 5 == 0) forms the development split used to set the weights in
``geo/resolve.py``; the default ``--split test`` reports the other four fifths.
"""

from __future__ import annotations

import statistics
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dateline.cli.options import model_option, split_option
from dateline.errors import InputError
from dateline.evaluation import pct, prf, require_dir, table_row
from dateline.geo import toponyms as tp
from dateline.geo.gazetteer import Gazetteer, Place, load_gazetteer
from dateline.geo.resolve import distance_km, most_populous, resolve
from dateline.geo.stage import candidates_for, group_toponyms, toponym_key
from dateline.textsafety import for_terminal

if TYPE_CHECKING:
    from dateline.pipeline import Pipeline

HALF_EARTH_KM = 20038.0
ACCURACY_KM = 161.0


@dataclass
class GoldToponym:
    start: int
    end: int
    phrase: str
    lat: float
    lon: float
    geonameid: int | None = None


@dataclass
class GoldArticle:
    text: str
    toponyms: list[GoldToponym]


@dataclass
class Score:
    """Running tallies for one system on one corpus."""

    errors: list[float] = field(default_factory=list)
    resolved: int = 0
    with_id: int = 0
    exact: int = 0

    def add(self, gold: GoldToponym, place: Place | None) -> None:
        if place is None or place.lat is None or place.lon is None:
            self.errors.append(HALF_EARTH_KM)
        else:
            self.resolved += 1
            target = Place(None, "gold", gold.phrase, None, None, gold.lat, gold.lon, 0)
            self.errors.append(distance_km(place, target))
        if gold.geonameid is not None:
            self.with_id += 1
            if place is not None and place.geonameid == gold.geonameid:
                self.exact += 1

    def exact_cell(self) -> str:
        """Per cent of the toponyms with a gold GeoNames id resolved to exactly that id."""
        return f"{100 * self.exact / self.with_id:.1f}" if self.with_id else "n/a"

    def within_cell(self) -> str:
        """Per cent of the toponyms resolved within ``ACCURACY_KM`` of the gold point."""
        n = len(self.errors)
        within = sum(1 for e in self.errors if e <= ACCURACY_KM)
        return f"{100 * within / n:.1f}" if n else "n/a"

    def row(self, corpus: str, system: str) -> str:
        n = len(self.errors)
        cells = [
            corpus,
            system,
            str(n),
            f"{100 * self.resolved / n:.1f}" if n else "n/a",
            self.exact_cell(),
            self.within_cell(),
            f"{statistics.fmean(self.errors):.0f}" if n else "n/a",
            f"{statistics.median(self.errors):.0f}" if n else "n/a",
        ]
        return table_row(cells)


def _float(element: ET.Element | None, tag: str) -> float | None:
    child = None if element is None else element.find(tag)
    if child is None or not (child.text or "").strip():
        return None
    return float(child.text or "")


def read_lgl(path: Path) -> Iterator[GoldArticle]:
    """LGL (Lieberman et al. 2010): toponyms with GeoNames gaztags."""
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for toponym in article.iter("toponym"):
            gaztag = toponym.find("gaztag")
            lat, lon = _float(gaztag, "lat"), _float(gaztag, "lon")
            if gaztag is None or lat is None or lon is None:
                continue  # no gold place to score against
            geonameid = gaztag.get("geonameid")
            toponyms.append(
                GoldToponym(
                    start=int(toponym.findtext("start") or 0),
                    end=int(toponym.findtext("end") or 0),
                    phrase=toponym.findtext("phrase") or "",
                    lat=lat,
                    lon=lon,
                    geonameid=int(geonameid) if geonameid else None,
                )
            )
        yield GoldArticle(text, toponyms)


def read_geovirus(path: Path) -> Iterator[GoldArticle]:
    """GeoVirus (Gritta et al. 2018): coordinates per location, no GeoNames ids."""
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for location in article.iter("location"):
            lat, lon = _float(location, "lat"), _float(location, "lon")
            if lat is None or lon is None:
                continue
            toponyms.append(
                GoldToponym(
                    start=int(location.findtext("start") or 0),
                    end=int(location.findtext("end") or 0),
                    phrase=location.findtext("name") or "",
                    lat=lat,
                    lon=lon,
                )
            )
        yield GoldArticle(text, toponyms)


def _brat_geonameids(annotated: Path) -> dict[str, dict[tuple[int, int], int]]:
    """GeoWebNews' BRAT files: article body -> {(start, end) in the body: GeoNames id}.

    Each ``N.txt`` starts with a TITLE/LINK line the resolution files leave out, so offsets are
    moved back by that line's length. Notes holding coordinates instead of an id are skipped."""
    found: dict[str, dict[tuple[int, int], int]] = {}
    if not annotated.is_dir():
        return found
    for text_path in annotated.glob("*.txt"):
        head, _, body = text_path.read_text(encoding="utf-8").partition("\n")
        shift = len(head) + 1
        spans: dict[str, tuple[int, int]] = {}
        ids: dict[tuple[int, int], int] = {}
        ann_path = text_path.with_suffix(".ann")
        if not ann_path.exists():
            continue
        for line in ann_path.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if line.startswith("T") and len(fields) >= 2:
                offsets = fields[1].split(" ")
                if len(offsets) == 3 and offsets[1].isdigit() and offsets[2].isdigit():
                    spans[fields[0]] = (int(offsets[1]) - shift, int(offsets[2]) - shift)
            elif line.startswith("#") and len(fields) == 3 and fields[2].strip().isdigit():
                target = fields[1].split(" ")[-1]
                if target in spans:
                    ids[spans[target]] = int(fields[2])
        found[body] = ids
    return found


def read_geowebnews(directory: Path) -> Iterator[GoldArticle]:
    """GeoWebNews resolution gold: ``gwn_full.txt`` line N describes ``files/N``; GeoNames ids
    come from the BRAT annotation notes in the sibling ``GeoWebNews`` folder, where present."""
    lines = (directory / "gwn_full.txt").read_text(encoding="utf-8").splitlines()
    geonameids = _brat_geonameids(directory.parent / "GeoWebNews")
    for number, line in enumerate(lines):
        text = (directory / "files" / str(number)).read_text(encoding="utf-8")
        ids = geonameids.get(text, {})
        toponyms = []
        for record in line.split("||"):
            fields = record.split(",,")
            if len(fields) != 6:
                continue
            _name, phrase, lat, lon, start, end = fields
            span = (int(start), int(end))
            toponyms.append(
                GoldToponym(*span, phrase, float(lat), float(lon), geonameid=ids.get(span))
            )
        yield GoldArticle(text, toponyms)


CORPORA: dict[str, tuple[str, Callable[[Path], Iterator[GoldArticle]]]] = {
    "LGL": ("Corpora/lgl.xml", read_lgl),
    "GeoVirus": ("Corpora/GeoVirus.xml", read_geovirus),
    "GeoWebNews": ("Geocoding", read_geowebnews),
    "TR-News": ("Corpora/TR-News.xml", read_lgl),  # same XML layout as LGL
}
# The corpora end-to-end figures are pooled over (as in Mordecai 3.5's report).
END_TO_END_CORPORA = ("LGL", "GeoWebNews", "TR-News")


# How far a corpus's offsets may be off: GeoVirus counts from one; a few TR-News articles drift
# by up to ten characters (their text was cleaned after annotation).
ALIGN_SLACK = 12


def _align(article: GoldArticle, gold: GoldToponym) -> tuple[int, int]:
    """Gold offsets, corrected to the nearest occurrence of the gold phrase when a corpus's
    offsets are shifted by a few characters."""
    if not gold.phrase or article.text[gold.start : gold.end] == gold.phrase:
        return gold.start, gold.end
    window_start = max(0, gold.start - ALIGN_SLACK)
    window = article.text[window_start : gold.end + ALIGN_SLACK]
    found = [window_start + i for i in range(len(window)) if window.startswith(gold.phrase, i)]
    if not found:
        return gold.start, gold.end
    nearest = min(found, key=lambda i: abs(i - gold.start))
    return nearest, nearest + len(gold.phrase)


def gold_mentions(article: GoldArticle, gazetteer: Gazetteer) -> list[tp.Mention]:
    mentions = []
    for gold in article.toponyms:
        start, end = _align(article, gold)
        text = gold.phrase or article.text[start:end]
        demonym = not gazetteer.has_name(text) and bool(gazetteer.demonym(text))
        mentions.append(tp.Mention(start, end, text, is_demonym=demonym))
    return mentions


def score_article(
    article: GoldArticle,
    gazetteer: Gazetteer,
    ours: Score,
    baseline: Score,
    listing: list[str] | None = None,
) -> None:
    mentions = gold_mentions(article, gazetteer)
    # Qualifiers may add the qualifying area as context; only gold spans are scored.
    with_qualifiers = tp.add_qualifiers(list(mentions), article.text, gazetteer)
    choices = resolve(gazetteer, group_toponyms(gazetteer, with_qualifiers))
    for gold, mention in zip(article.toponyms, mentions, strict=True):
        place = choices.get(toponym_key(mention))
        ours.add(gold, place)
        baseline.add(gold, most_populous(candidates_for(gazetteer, mention)))
        if listing is not None and ours.errors[-1] > ACCURACY_KM:
            listing.append(
                f"wrong place\t{gold.phrase}\t{_describe(place)} ({ours.errors[-1]:.0f} km off)"
                f"\t{_context(article.text, mention.start, mention.end)}"
            )


@dataclass
class Tagging:
    """End-to-end counts: toponym spans found (overlap match) and their resolution, scored over
    *every* gold toponym (one missed or not matched counts as unresolved: 20,038 km off)."""

    found: int = 0
    gold: int = 0
    matched: int = 0
    ours: Score = field(default_factory=Score)
    baseline: Score = field(default_factory=Score)
    listing: list[str] = field(default_factory=list)  # one line per error (``--errors``)

    def merge(self, other: Tagging) -> None:
        self.listing += other.listing
        self.found += other.found
        self.gold += other.gold
        self.matched += other.matched
        for mine, theirs in ((self.ours, other.ours), (self.baseline, other.baseline)):
            mine.errors += theirs.errors
            mine.resolved += theirs.resolved
            mine.with_id += theirs.with_id
            mine.exact += theirs.exact

    def rows(self, corpus: str) -> list[str]:
        precision, recall, f1 = prf(self.matched, self.found, self.matched, self.gold)
        spans = f"{pct(precision)} / {pct(recall)} / {pct(f1)}"
        rows = []
        for system, score in (
            ("most populous (baseline)", self.baseline),
            ("dateline entities + geo", self.ours),
        ):
            n = len(score.errors)
            cells = [
                corpus,
                system,
                str(self.gold),
                spans,
                score.exact_cell(),
                score.within_cell(),
                f"{statistics.fmean(score.errors):.0f}" if n else "n/a",
            ]
            rows.append(table_row(cells))
        return rows


def tag_article(
    article: GoldArticle, pipeline: Pipeline, gazetteer: Gazetteer, tally: Tagging
) -> None:
    """Run the entities and geo stages as ``dateline analyze`` does, then score every gold
    toponym: matched to a found mention by overlap, or counted as unresolved. Errors are
    listed in ``tally.listing``: missed and wrongly placed gold toponyms, spurious mentions."""
    from dateline.model import Article

    document = Article(id="eval", source="eval", text=article.text, paragraphs=[article.text])
    analysis = pipeline.annotate(document)
    found = [
        (span.start, span.end, location)
        for location in analysis.locations
        for span in location.mentions
        if span.field == "text"
    ]
    tally.found += len(found)
    tally.gold += len(article.toponyms)
    unused = list(found)
    for gold in article.toponyms:
        start, end = _align(article, gold)
        match = next((f for f in unused if f[0] < end and start < f[1]), None)
        if match is None:
            tally.ours.add(gold, None)
            tally.baseline.add(gold, None)
            tally.listing.append(f"missed\t{gold.phrase}\t\t{_context(article.text, start, end)}")
            continue
        unused.remove(match)
        tally.matched += 1
        location = match[2]
        ours = (
            Place(
                location.geonameid,
                location.kind or "",
                location.name,
                location.country,
                location.admin1,
                location.lat,
                location.lon,
                0,
            )
            if location.lat is not None
            else None
        )
        tally.ours.add(gold, ours)
        if tally.ours.errors[-1] > ACCURACY_KM:
            tally.listing.append(
                f"wrong place\t{gold.phrase}\t{_describe(ours)} "
                f"({tally.ours.errors[-1]:.0f} km off)\t{_context(article.text, start, end)}"
            )
        mention = tp.Mention(match[0], match[1], article.text[match[0] : match[1]])
        tally.baseline.add(gold, most_populous(candidates_for(gazetteer, mention)))
    for start, end, location in unused:
        tally.listing.append(
            f"not in gold\t{article.text[start:end]}\t{location.name} ({location.kind}, "
            f"{location.country})\t{_context(article.text, start, end)}"
        )


def _describe(place: Place | None) -> str:
    if place is None:
        return "unresolved"
    where = ", ".join(part for part in (place.admin1, place.country) if part)
    return f"{place.name} ({place.kind}{', ' + where if where else ''})"


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    """The mention in its surroundings, on one line, marked with [ ]."""
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    return " ".join(f"{before}[{text[start:end]}]{after}".split())


def _end_to_end(
    data: Path,
    split: str,
    corpora: tuple[str, ...],
    limit: int | None,
    model: str | None,
    errors: bool = False,
) -> None:
    from dateline.pipeline import Pipeline

    pipeline = Pipeline.create(["geo"], model=model)
    gazetteer = load_gazetteer()
    click.echo(
        "| corpus | system | gold toponyms | spans P / R / F1 % "
        "| accuracy % (GeoNames id) | acc@161km % | mean error km |"
    )
    click.echo("|---|---|---:|---|---:|---:|---:|")
    pooled = Tagging()
    for name, articles in _selected(data, split, corpora or END_TO_END_CORPORA, limit):
        tally = Tagging()
        for article in articles:
            tag_article(article, pipeline, gazetteer, tally)
        for line in tally.rows(f"{name} ({split}, {len(articles)} articles)"):
            click.echo(line)
        pooled.merge(tally)
    for line in pooled.rows("pooled"):
        click.echo(line)
    if errors:
        _print_listing(pooled.listing)


def _print_listing(listing: list[str]) -> None:
    click.echo("\nerror\tgold phrase\tchosen place\tcontext")
    for line in listing:
        click.echo(for_terminal(line))


def _selected(
    data: Path, split: str, corpora: tuple[str, ...], limit: int | None
) -> Iterator[tuple[str, list[GoldArticle]]]:
    """(corpus name, its articles in the split), checking the folder and corpus names."""
    require_dir(data, "not a folder (expected the geo gold folder)")
    for name in corpora:
        if name not in CORPORA:
            raise InputError(name, f"unknown corpus; choose from {', '.join(CORPORA)}")
    for name, (relative, reader) in CORPORA.items():
        if corpora and name not in corpora:
            continue
        path = data / relative
        if not path.exists():
            raise InputError(str(path), f"{name} gold data missing")
        articles: list[GoldArticle] = []
        for index, article in enumerate(reader(path)):
            in_dev = index % 5 == 0
            if (split == "dev" and not in_dev) or (split == "test" and in_dev):
                continue
            if limit is not None and len(articles) >= limit:
                break
            articles.append(article)
        yield name, articles


@click.command()
@click.option(
    "--data",
    "data",
    required=True,
    type=click.Path(path_type=Path),
    help="The geo gold folder (../shared/bench/geo).",
)
@split_option()
@click.option(
    "--corpus", "corpora", multiple=True, help="LGL, GeoVirus, GeoWebNews or TR-News (default all)."
)
@click.option("--limit", type=int, default=None, help="At most this many articles per corpus.")
@click.option(
    "--end-to-end",
    is_flag=True,
    help="Find the toponyms too, as `dateline analyze` does (spaCy, entities and geo stages), "
    "and score every gold toponym (LGL, GeoWebNews, TR-News and pooled by default).",
)
@click.option(
    "--errors",
    is_flag=True,
    help="After the table, list every error (tab-separated: missed, wrong place, not in gold) "
    "with its context. Development split only: the reported split is never looked into.",
)
@model_option
def command(
    data: Path,
    split: str,
    corpora: tuple[str, ...],
    limit: int | None,
    end_to_end: bool,
    errors: bool,
    model: str | None,
) -> None:
    """Toponym resolution given the gold spans: accuracy, accuracy@161 km, error km."""
    if errors and split != "dev":
        raise click.UsageError("--errors lists the development split only: add --split dev")
    if end_to_end:
        _end_to_end(data, split, corpora, limit, model, errors)
        return
    gazetteer = load_gazetteer()
    click.echo(
        "| corpus | system | toponyms | resolved % | accuracy % (GeoNames id) "
        "| acc@161km % | mean error km | median error km |"
    )
    click.echo("|---|---|---:|---:|---:|---:|---:|---:|")
    listing: list[str] = []
    for name, articles in _selected(data, split, corpora, limit):
        ours, baseline = Score(), Score()
        for article in articles:
            score_article(article, gazetteer, ours, baseline, listing if errors else None)
        label = f"{name} ({split}, {len(articles)} articles)"
        click.echo(baseline.row(label, "most populous (baseline)"))
        click.echo(ours.row(label, "dateline geo"))
    if errors:
        _print_listing(listing)
