"""``dateline eval actors`` and ``dateline eval toponyms``.

Actors — PLOVER gold records (openeventdata/PLOVER, CC BY-SA 4.0): one English sentence each,
with ``source``/``target`` actors coded ``code`` (country or IGO) and ``sector``. Each sentence
is analysed as a one-sentence article dated by its record. The predicted actors of a sentence
are its PERSON, ORG, GROUP and LOCATION entities that carry a country (or are IGOs), except
entities all of whose mentions lie inside another entity's mention (the "Russian" of "Russian officials" is a modifier, not an
actor). They are compared as sets with the gold source+target actors:

* country: the set of country codes (IGO counts as one code);
* code: the set of (country, sector) pairs — sector null where the gold has none (a state
  named as such: "Israel agreed ...").

Baseline, in the same run: the bare spaCy model's PERSON/ORG/GPE/LOC/NORP entities, coded by
looking their text (or a word of it) up as a country name in pycountry; no sector.

Toponyms — GeoWebNews (Gritta et al. 2019), BRAT standoff. Gold: the named toponym types
that stand on their own (Literal, Mixed, Coercion, Literal_Modifier, Metonymic,
Non_Literal_Modifier, Demonym); not the common-noun expressions, the toponyms embedded in
other names ("Washington" in "Washington Post"), homonyms, languages or non-toponyms. Each
file's first "TITLE: ... LINK: ..." line, which the annotators left out, is not scored.

Both commands use a fixed development split (a third of the items by SHA-1 of their id) for
rule development and report the held-out rest ("test") and everything ("all").
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from dateline.cli.options import model_option
from dateline.errors import InputError
from dateline.evaluation import f1 as f1_score
from dateline.evaluation import id_digest, pct, ratio, table_row

# Typos and old codes in the PLOVER gold file -> ISO alpha-3 / PLOVER sectors.
GOLD_CODE_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
GOLD_SECTOR_FIXES = {"CIV": "CVL"}
BASELINE_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP"}
GOLD_TOPONYM_TYPES = {
    "Literal",
    "Mixed",
    "Coercion",
    "Literal_Modifier",
    "Metonymic",
    "Non_Literal_Modifier",
    "Demonym",
}


def is_dev(item_id: str) -> bool:
    """The fixed development third: rules were tuned on these items only."""
    return int(id_digest(item_id), 16) % 3 == 0


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: set[Any], gold: set[Any]) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)

    def cells(self) -> list[str]:
        return [pct(self.precision), pct(self.recall), pct(self.f1)]


# -- actors --------------------------------------------------------------------------------

ActorKey = tuple[str, str | None]


@dataclass
class ActorRecord:
    id: str
    text: str
    date: str | None
    gold: set[ActorKey]


def _gold_actor(actor: Any) -> ActorKey | None:
    if not isinstance(actor, dict) or not actor.get("code"):
        return None
    code = str(actor["code"]).strip().upper()
    code = "IGO" if code.startswith("IGO") else GOLD_CODE_FIXES.get(code, code)
    sector_raw = str(actor.get("sector") or "")[:3].upper()
    sector = GOLD_SECTOR_FIXES.get(sector_raw, sector_raw) if sector_raw.isalpha() else None
    return code, sector


def load_actor_records(path: Path) -> list[ActorRecord]:
    """The coded sentences of a PLOVER gold file (a JSON array; DOCUMENT headers skipped)."""
    if path.is_dir():
        path = path / "plover_gsr_cameo.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(str(path), "no such file (expected the PLOVER gold JSON)") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"not a JSON file of PLOVER records ({exc})") from exc
    if not isinstance(data, list):
        raise InputError(str(path), "expected a JSON array of PLOVER records")
    records = []
    for item in data:
        if not isinstance(item, dict) or item.get("event") == "DOCUMENT" or not item.get("text"):
            continue
        gold: set[ActorKey] = set()
        for role in ("source", "target"):
            actors = item.get(role)
            for actor in actors if isinstance(actors, list) else []:
                key = _gold_actor(actor)
                if key is not None:
                    gold.add(key)
        if gold:
            records.append(
                ActorRecord(str(item.get("id")), str(item["text"]), item.get("date"), gold)
            )
    if not records:
        raise InputError(str(path), "no PLOVER records with coded actors found")
    return records


def _entity_key(country: str | None, sector: str | None, code: str | None) -> ActorKey | None:
    if country:
        return country, sector if sector != "IGO" else None
    if (code or "").startswith("IGO") or sector == "IGO":
        return "IGO", None
    return None


def dateline_actors(records: list[ActorRecord], model: str | None) -> Iterator[set[ActorKey]]:
    from dateline.article.structure import article_id
    from dateline.model import Article
    from dateline.pipeline import Pipeline

    articles = (
        Article(
            id=article_id(record.text),
            source=record.id,
            published=record.date,
            language="en",
            paragraphs=[record.text],
            text=record.text,
        )
        for record in records
    )
    for outcome in Pipeline.create(["entities"], model=model).run_articles(articles):
        analysis = outcome.analysis
        assert analysis is not None
        spans = [(m.start, m.end, e.id) for e in analysis.entities for m in e.mentions]
        predicted: set[ActorKey] = set()
        for entity in analysis.entities:
            nested = all(
                any(s <= m.start and m.end <= e and other != entity.id and (s, e) != (m.start, m.end)
                    for s, e, other in spans)
                for m in entity.mentions
            )  # fmt: skip
            key = _entity_key(entity.country, entity.sector, entity.code)
            # Nationality adjectives ("Palestinian homes") are not actors; the actor phrases
            # they head ("Palestinian leaders") are GROUP entities.
            if key is not None and not nested and entity.type != "NORP":
                predicted.add(key)
        yield predicted


def _pycountry_code(text: str) -> str | None:
    import pycountry

    text = text.removeprefix("the ").removeprefix("The ").removesuffix("'s").removesuffix("’s")
    words = text.split()
    # The whole text, then every word and pair of words ("US Congress" -> "US").
    tries = [text, *(" ".join(words[i : i + 2]) for i in range(len(words) - 1)), *words]
    for candidate in tries:
        try:
            country = pycountry.countries.lookup(candidate)
        except LookupError:
            continue
        return str(country.alpha_3)
    return None


def baseline_actors(records: list[ActorRecord], model: str | None) -> Iterator[set[ActorKey]]:
    from dateline.nlp import load_model

    nlp = load_model(model)
    for doc in nlp.pipe(r.text for r in records):
        predicted: set[ActorKey] = set()
        for ent in doc.ents:
            if ent.label_ in BASELINE_LABELS:
                code = _pycountry_code(ent.text)
                if code:
                    predicted.add((code, None))
        yield predicted


def score_actors(
    records: list[ActorRecord], predictions: Iterable[set[ActorKey]]
) -> dict[str, tuple[Score, Score, int]]:
    """Per split: (country score, code score, sentences)."""
    out: dict[str, tuple[Score, Score, int]] = {}
    for record, predicted in zip(records, predictions, strict=True):
        splits = ["all", "dev" if is_dev(record.id) else "test"]
        for split in splits:
            country, code, n = out.setdefault(split, (Score(), Score(), 0))
            country.add({c for c, _ in predicted}, {c for c, _ in record.gold})
            code.add(predicted, record.gold)
            out[split] = (country, code, n + 1)
    return out


@click.command(name="actors")
@click.option(
    "--data",
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="PLOVER gold JSON (../shared/bench/events/plover_gsr_cameo.json) or its folder.",
)
@model_option
@click.option("--dev", "show_dev", is_flag=True, help="Also show the development split.")
def command(data: Path, model: str | None, show_dev: bool) -> None:
    """Actor country and sector coding against the PLOVER gold records, beside bare spaCy
    NER + country-name matching."""
    records = load_actor_records(data)
    systems = {
        "spaCy NER + country names (baseline)": score_actors(
            records, baseline_actors(records, model)
        ),
        "Dateline entities": score_actors(records, dateline_actors(records, model)),
    }
    splits = ["test", "all", *(["dev"] if show_dev else [])]
    click.echo(
        "| system | split | sentences | country P | country R | country F1 "
        "| code P | code R | code F1 |"
    )
    click.echo("|---|---|---|---|---|---|---|---|---|")
    for split in splits:
        for name, scores in systems.items():
            if split not in scores:
                continue
            country, code, n = scores[split]
            cells = [name, split, str(n), *country.cells(), *code.cells()]
            click.echo(table_row(cells))


# -- toponyms ------------------------------------------------------------------------------

SpanKey = tuple[int, int]


@dataclass
class ToponymDoc:
    id: str
    text: str
    gold: set[SpanKey]
    # GeoWebNews files open with a "TITLE: ... LINK: ..." line its annotators left out
    # (5 of 6,612 spans): spans before ``body_start`` are scored for no system.
    body_start: int = 0

    def in_body(self, spans: set[SpanKey]) -> set[SpanKey]:
        return {span for span in spans if span[0] >= self.body_start}


def load_geowebnews(folder: Path) -> list[ToponymDoc]:
    """GeoWebNews ``N.txt`` + ``N.ann`` pairs; gold = spans of the named toponym types."""
    if folder.is_file():
        raise InputError(str(folder), "expected the GeoWebNews folder of .txt/.ann files")
    docs = []
    for ann in sorted(folder.glob("*.ann")):
        txt = ann.with_suffix(".txt")
        if not txt.exists():
            raise InputError(str(ann), f"no text file {txt.name} beside the annotations")
        text = txt.read_text(encoding="utf-8")
        gold: set[SpanKey] = set()
        for line in ann.read_text(encoding="utf-8").splitlines():
            if not line.startswith("T"):
                continue
            try:
                _, spec, _surface = line.split("\t", 2)
                kind, start, end = spec.split(" ")[:3]
            except ValueError as exc:
                raise InputError(str(ann), f"malformed BRAT line {line!r}") from exc
            if kind in GOLD_TOPONYM_TYPES:
                gold.add((int(start), int(end.split(";")[0])))
        body_start = text.find("\n") + 1 if text.startswith("TITLE:") else 0
        docs.append(ToponymDoc(ann.stem, text, gold, body_start))
    if not docs:
        raise InputError(str(folder), "no GeoWebNews .ann files found")
    return docs


def _overlap_score(score: Score, predicted: set[SpanKey], gold: set[SpanKey]) -> None:
    """Lenient matching: a prediction counts if it overlaps a not yet matched gold span."""
    unmatched = set(gold)
    for start, end in sorted(predicted):
        hit = next((g for g in sorted(unmatched) if g[0] < end and start < g[1]), None)
        if hit is None:
            score.fp += 1
        else:
            score.tp += 1
            unmatched.discard(hit)
    score.fn += len(unmatched)


def toponym_predictions(
    docs: list[ToponymDoc], model: str | None
) -> Iterator[dict[str, set[SpanKey]]]:
    """Per document, the spans each system calls places."""
    from dateline.article.structure import article_id
    from dateline.entities.kb import load_kb
    from dateline.model import Article
    from dateline.pipeline import Pipeline

    kb = load_kb()
    pipeline = Pipeline.create(["entities"], model=model)
    # The baselines read spaCy's own entities: the same parse is given to the pipeline.
    for item, doc in zip(docs, pipeline.nlp.pipe(d.text for d in docs), strict=True):
        article = Article(
            id=article_id(item.text),
            source=item.id,
            language="en",
            paragraphs=[item.text],
            text=item.text,
        )
        analysis = pipeline.annotate(article, doc)
        places: set[SpanKey] = set()
        nationals: set[SpanKey] = set()
        for entity in analysis.entities:
            for m in entity.mentions:
                if entity.type in ("LOCATION", "FACILITY"):
                    places.add((m.start, m.end))
                elif entity.type in ("NORP", "GROUP") and kb.country(m.text) is not None:
                    nationals.add((m.start, m.end))
        yield {
            "spaCy GPE/LOC/FAC (baseline)": {
                (e.start_char, e.end_char) for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")
            },
            "spaCy GPE/LOC/FAC/NORP (baseline)": {
                (e.start_char, e.end_char)
                for e in doc.ents
                if e.label_ in ("GPE", "LOC", "FAC", "NORP")
            },
            "Dateline LOCATION/FACILITY mentions": places,
            "Dateline + nationality mentions": places | nationals,
        }


@click.command(name="toponyms")
@click.option(
    "--data",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="GeoWebNews folder (../shared/bench/geo/GeoWebNews).",
)
@model_option
@click.option("--dev", "show_dev", is_flag=True, help="Also show the development split.")
def toponyms_command(data: Path, model: str | None, show_dev: bool) -> None:
    """Toponym spans against GeoWebNews, beside the bare spaCy model's place entities."""
    docs = load_geowebnews(data)
    exact: dict[tuple[str, str], Score] = {}
    lenient: dict[tuple[str, str], Score] = {}
    counts: dict[str, int] = {}
    for item, predictions in zip(docs, toponym_predictions(docs, model), strict=True):
        for split in ("all", "dev" if is_dev(item.id) else "test"):
            counts[split] = counts.get(split, 0) + 1
            gold = item.in_body(item.gold)
            for system, spans in predictions.items():
                spans = item.in_body(spans)
                exact.setdefault((split, system), Score()).add(spans, gold)
                _overlap_score(lenient.setdefault((split, system), Score()), spans, gold)
    click.echo(
        "| system | split | articles | exact P | exact R | exact F1 | overlap P | overlap R | overlap F1 |"
    )
    click.echo("|---|---|---|---|---|---|---|---|---|")
    for split in ["test", "all", *(["dev"] if show_dev else [])]:
        for (row_split, system), score in exact.items():
            if row_split == split:
                cells = [
                    system,
                    split,
                    str(counts[split]),
                    *score.cells(),
                    *lenient[(split, system)].cells(),
                ]
                click.echo(table_row(cells))
