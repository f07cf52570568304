"""``dateline eval entities --docs DIR``: entity mentions, types and actor codes on whole real
articles, beside the bare spaCy model, and the places of events.

Gold: the stand-off records of ``tests/gold/entities/`` (guideline: ``docs/annotation/entities.md``).
Each names the same source as the event gold record of the same file name (``path`` and optional
JSON pointer ``field`` under ``../shared/bench``) and lists every named mention: span into the
decoded source text, type, country (ISO alpha-3), CAMEO-style code and the fullest name.

Each article goes through the same path as ``dateline analyze`` and the events document
evaluation (source loading, structuring, offset alignment: ``event_documents``). Two systems
are scored in the same run on the same parse:

- Dateline: every named mention of every entity of the analysis (pronouns and lowercase
  descriptions such as "the minister", or built on a name such as "US troops", are not named
  mentions and are left out), with the entity's type, country and code;
- bare spaCy: ``doc.ents`` of the same model on the body and the headline, labels mapped onto
  Dateline's types; country and code only where the mention itself names a country or its
  people (the knowledge base's country names, aliases and demonyms), else none; the same
  named-mention test applies.

Mentions match one-to-one by span overlap, largest overlap first, then the closest extent. Reported: mention precision
and recall; type accuracy on matched mentions; country and code accuracy on matched gold actor
mentions (PERSON, ORG, GROUP), a null on both sides counting as equal. Places: of the gold events
(``tests/gold/events/<same file>``) with a gold ``place``, the share whose Dateline event
(kept at the default confidence threshold, matched by position as the events documents
evaluation pairs tellings, whatever its type) has a location with a mention overlapping the
place span or the same folded name; unmatched events count as wrong, and the share among
matched events is given beside it.

The split is the events gold's: ``dev`` when the first hex digit of SHA-1(``path`` or
``path#field``) is 0-4, else ``test``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dateline.cli.options import model_option, split_option
from dateline.errors import InputError
from dateline.evaluation import one_to_one, pct, ratio, require_dir, table_row
from dateline.evaluation.event_documents import (
    Alignment,
    GoldDocument,
    GoldEvent,
    PredictedEvent,
    fold,
    load_record,
    predicted_events,
    read_record_json,
    record_id,
    source_text,
    split_of,
)
from dateline.evaluation.event_documents import _distance as event_distance
from dateline.stage import Parsed

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dateline.entities.kb import KnowledgeBase
    from dateline.model import Analysis

TYPES = ("PERSON", "ORG", "LOCATION", "GROUP", "NORP", "FACILITY", "EVENT", "OTHER")
ACTOR_TYPES = frozenset({"PERSON", "ORG", "GROUP"})
# spaCy's OntoNotes labels onto Dateline's entity types (everything else: OTHER).
SPACY_TYPES = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "FACILITY",
    "NORP": "NORP",
    "EVENT": "EVENT",
}
# Numeric and temporal labels are not named entities in the gold guideline.
SPACY_SKIPPED = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
PRONOUNS = frozenset(
    [
        "i",
        "me",
        "my",
        "mine",
        "we",
        "us",
        "our",
        "ours",
        "you",
        "your",
        "yours",
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "it",
        "its",
        "they",
        "them",
        "their",
        "theirs",
        "this",
        "that",
        "these",
        "those",
        "who",
        "whom",
        "whose",
        "which",
        "himself",
        "herself",
        "itself",
        "themselves",
        "ourselves",
    ]
)
DATELINE = "Dateline"
SPACY = "bare spaCy en_core_web_sm"


# -- gold records ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """One entity mention in source offsets, gold or predicted."""

    span: tuple[int, int]
    type: str
    country: str | None
    code: str | None
    name: str


@dataclass(frozen=True)
class GoldEntities:
    id: str
    path: str
    field: str | None
    topic: str
    mentions: tuple[Mention, ...]
    file: Path
    # The article's date when its source carries none (the corpus gives it, e.g. in the file
    # name): codes are defined for the office held on that date.
    published: str | None = None


def _optional_str(value: object, where: str) -> str | None:
    if value is None or isinstance(value, str):
        return value or None
    raise ValueError(f"{where}: expected a string or null, got {value!r}")


def _gold_mention(raw: object, n: int) -> Mention:
    where = f"mention {n}"
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: not an object")
    span = raw.get("span")
    if (
        not isinstance(span, list)
        or len(span) != 2
        or not all(isinstance(v, int) for v in span)
        or not 0 <= span[0] < span[1]
    ):
        raise ValueError(f"{where}: expected span [start, end], got {span!r}")
    kind = raw.get("type")
    if kind not in TYPES:
        raise ValueError(f"{where}: unknown type {kind!r}")
    name = raw.get("name")
    if not isinstance(name, str) or not name:
        raise ValueError(f"{where}: needs a name")
    return Mention(
        (span[0], span[1]),
        kind,
        _optional_str(raw.get("country"), where),
        _optional_str(raw.get("code"), where),
        name,
    )


def load_entity_record(file: Path) -> GoldEntities:
    raw = read_record_json(file)
    try:
        mentions = tuple(_gold_mention(m, n) for n, m in enumerate(raw.get("mentions") or [], 1))
    except ValueError as exc:
        raise InputError(str(file), str(exc)) from None
    pointer = raw.get("field") or None
    return GoldEntities(
        record_id(raw["path"], pointer),
        raw["path"],
        pointer,
        str(raw.get("topic") or "unknown"),
        mentions,
        file,
        _optional_str(raw.get("published"), str(file)),
    )


def _as_document(record: GoldEntities) -> GoldDocument:
    """The record as the events gold's document (for its source loader and sha1 check)."""
    return GoldDocument(record.id, record.path, record.field, record.topic, None, (), record.file)


def check_spans(record: GoldEntities, text: str) -> None:
    """Every gold span lies inside the text and starts and ends on a non-space."""
    for mention in record.mentions:
        start, end = mention.span
        piece = text[start:end]
        if end > len(text) or not piece.strip() or piece != piece.strip():
            raise InputError(
                str(record.file), f"span {list(mention.span)} of {mention.name!r} is not a mention"
            )


# -- predictions ------------------------------------------------------------------------------


def is_named(surface: str) -> bool:
    """A named mention: capitalised somewhere, not a pronoun ("He", "the minister" are not),
    and ending in a name word: a description built on a name ("US troops", "the Afghan
    government") is not a name, while the name inside it is a mention of its own."""
    words = surface.split()
    if not words or surface.strip().lower() in PRONOUNS:
        return False
    last = words[-1]
    return any(c.isupper() for c in surface) and any(c.isupper() or c.isdigit() for c in last)


def dateline_mentions(analysis: Analysis, alignment: Alignment) -> list[Mention]:
    found: dict[tuple[int, int], Mention] = {}
    for entity in analysis.entities:
        for mention in entity.mentions:
            if not is_named(mention.text):
                continue
            span = alignment.to_source(mention.field, mention.start, mention.end)
            if span is not None and span not in found:
                found[span] = Mention(span, entity.type, entity.country, entity.code, entity.name)
    return sorted(found.values(), key=lambda m: m.span)


def spacy_mentions(
    docs: Iterable[tuple[str, Doc]], alignment: Alignment, kb: KnowledgeBase
) -> list[Mention]:
    found: dict[tuple[int, int], Mention] = {}
    for field_name, doc in docs:
        for ent in doc.ents:
            if ent.label_ in SPACY_SKIPPED:
                continue
            span = alignment.to_source(field_name, ent.start_char, ent.end_char)
            if span is None or span in found or not is_named(ent.text):
                continue
            kind = SPACY_TYPES.get(ent.label_, "OTHER")
            country = None
            if ent.label_ in {"GPE", "NORP"}:
                named = kb.country(ent.text)
                country = named.iso3 if named else None
            found[span] = Mention(span, kind, country, country, ent.text)
    return sorted(found.values(), key=lambda m: m.span)


def match_mentions(predicted: Sequence[Mention], gold: Sequence[Mention]) -> list[tuple[int, int]]:
    """One-to-one pairs (predicted index, gold index) of overlapping spans, largest overlap
    first, then the closest extent ("Afghan" before "Afghan President" for a gold "Afghan")."""
    candidates = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            overlap = min(p.span[1], g.span[1]) - max(p.span[0], g.span[0])
            if overlap > 0:
                excess = max(p.span[1], g.span[1]) - min(p.span[0], g.span[0]) - overlap
                candidates.append(((-overlap, excess), i, j))
    return one_to_one(candidates)


@dataclass
class MentionTally:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    type_hits: int = 0
    actor_matched: int = 0
    country_hits: int = 0
    code_hits: int = 0

    def add(self, predicted: Sequence[Mention], gold: Sequence[Mention]) -> None:
        self.predicted += len(predicted)
        self.gold += len(gold)
        for i, j in match_mentions(predicted, gold):
            p, g = predicted[i], gold[j]
            self.matched += 1
            self.type_hits += p.type == g.type
            if g.type in ACTOR_TYPES:
                self.actor_matched += 1
                self.country_hits += p.country == g.country
                self.code_hits += p.code == g.code


@dataclass
class PlaceTally:
    with_place: int = 0
    matched: int = 0
    placed_right: int = 0


def place_is_right(
    analysis: Analysis, alignment: Alignment, location_id: str | None, place: dict[str, object]
) -> bool:
    location = next((loc for loc in analysis.locations if loc.id == location_id), None)
    if location is None:
        return False
    name = place.get("name")
    if isinstance(name, str) and fold(name) and fold(name) == fold(location.name):
        return True
    span = place.get("span")
    if not isinstance(span, list) or len(span) != 2:
        return False
    for mention in location.mentions:
        mapped = alignment.to_source(mention.field, mention.start, mention.end)
        if mapped is not None and mapped[0] < span[1] and span[0] < mapped[1]:
            return True
    return False


def match_by_position(
    predicted: Sequence[PredictedEvent], gold: Sequence[GoldEvent], source: str
) -> dict[int, int]:
    """Gold index -> predicted index: the events documents' candidates (a telling of each
    overlapping or near, no sentence end between) of any type, nearest first, one-to-one.
    Where an event happened does not depend on getting its type right."""
    candidates = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            gap = event_distance(p.spans, g.spans, source)
            if gap is not None:
                candidates.append((gap, i, j))
    return {j: i for i, j in one_to_one(candidates)}


def score_places(
    analysis: Analysis, alignment: Alignment, events_file: Path, text: str, tally: PlaceTally
) -> None:
    """Gold events with a place: is the matched Dateline event placed there?"""
    from dateline.events.confidence import DEFAULT_MIN_CONFIDENCE

    if not events_file.is_file():
        return
    gold_doc = load_record(events_file)
    places = json.loads(events_file.read_text(encoding="utf-8")).get("events") or []
    kept = [
        p
        for p in predicted_events(analysis, alignment, analysis.events)
        if p.confidence >= DEFAULT_MIN_CONFIDENCE
    ]
    pairs = match_by_position(kept, gold_doc.events, text)
    for j, raw in enumerate(places):
        place = raw.get("place") if isinstance(raw, dict) else None
        if not isinstance(place, dict):
            continue
        tally.with_place += 1
        if j not in pairs:
            continue
        tally.matched += 1
        event = kept[pairs[j]].event
        tally.placed_right += place_is_right(analysis, alignment, event.location, place)


# -- the run ----------------------------------------------------------------------------------


@dataclass
class Results:
    articles: int = 0
    topics: dict[str, int] = field(default_factory=dict)
    systems: dict[str, MentionTally] = field(
        default_factory=lambda: {DATELINE: MentionTally(), SPACY: MentionTally()}
    )
    places: PlaceTally = field(default_factory=PlaceTally)
    errors: list[str] = field(default_factory=list)  # Dateline's errors, when asked for


def _published(events_file: Path) -> str | None:
    if not events_file.is_file():
        return None
    return load_record(events_file).published


def load_entity_records(folder: Path) -> list[GoldEntities]:
    require_dir(folder, "no folder of entity gold records (tests/gold/entities)")
    files = sorted(folder.glob("*.json"))
    if not files:
        raise InputError(str(folder), "holds no *.json gold records")
    return [load_entity_record(f) for f in files]


def error_lines(record: GoldEntities, text: str, predicted: Sequence[Mention]) -> list[str]:
    """Dateline's missed, spurious and mis-typed or mis-coded mentions of one article."""
    lines = [f"## {record.id} ({record.topic})"]
    pairs = match_mentions(predicted, record.mentions)
    matched_p = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}
    for j, g in enumerate(record.mentions):
        if j not in matched_g:
            lines.append(f"  MISSED   {g.type:8} {text[g.span[0] : g.span[1]]!r} ({g.code})")
    for i, p in enumerate(predicted):
        if i not in matched_p:
            lines.append(f"  SPURIOUS {p.type:8} {text[p.span[0] : p.span[1]]!r} ({p.code})")
    for i, j in pairs:
        p, g = predicted[i], record.mentions[j]
        coded = g.type not in ACTOR_TYPES or (p.country, p.code) == (g.country, g.code)
        if p.type != g.type or not coded:
            lines.append(
                f"  WRONG    {text[p.span[0] : p.span[1]]!r}: {p.type} {p.country} {p.code}, "
                f"gold {text[g.span[0] : g.span[1]]!r} {g.type} {g.country} {g.code}"
            )
    return lines


def run(
    records: list[GoldEntities],
    bench: Path,
    events_dir: Path,
    model: str | None = None,
    errors: bool = False,
) -> Results:
    from dateline.article.structure import structure
    from dateline.entities.kb import load_builtin_kb
    from dateline.pipeline import Pipeline
    from dateline.sources import RawInput, read_input

    pipeline = Pipeline.create(["entities", "geo", "time", "quotes", "events"], model=model)
    kb = load_builtin_kb()
    results = Results()
    for record in records:
        text = source_text(_as_document(record), bench)
        check_spans(record, text)
        if record.field:
            raw = RawInput(source=record.id, data=text.encode("utf-8"), content_type="text")
        else:
            raw = read_input(str(bench / record.path))
        article = structure(raw)
        published = _published(events_dir / record.file.name) or record.published
        if article.published is None and published:
            # As the events document evaluation: a JSON field's page lost its metadata.
            article = article.model_copy(update={"published": published})
        parsed = Parsed(pipeline.nlp(article.text), pipeline.nlp)
        analysis = pipeline.annotate(article, parsed)
        alignment = Alignment(text, analysis)
        docs: list[tuple[str, Doc]] = [("text", parsed.doc)]
        if article.headline:
            docs.append(("headline", parsed.field("headline", article.headline)))
        results.articles += 1
        results.topics[record.topic] = results.topics.get(record.topic, 0) + 1
        predicted = dateline_mentions(analysis, alignment)
        results.systems[DATELINE].add(predicted, record.mentions)
        if errors:
            results.errors += error_lines(record, text, predicted)
        results.systems[SPACY].add(spacy_mentions(docs, alignment, kb), record.mentions)
        score_places(analysis, alignment, events_dir / record.file.name, text, results.places)
    return results


def report(results: Results, split: str) -> str:
    first = next(iter(results.systems.values()))
    lines = [
        f"Entity gold, split `{split}`: {results.articles} articles, {first.gold} gold mentions",
        "",
        "| system | predicted | P / R mentions | type acc. (matched) | country acc. (actors) "
        "| code acc. (actors) |",
        "|---|---|---|---|---|---|",
    ]
    for name, t in results.systems.items():
        lines.append(
            table_row(
                [
                    name,
                    str(t.predicted),
                    f"{pct(ratio(t.matched, t.predicted))} / {pct(ratio(t.matched, t.gold))}",
                    f"{pct(ratio(t.type_hits, t.matched))} ({t.type_hits}/{t.matched})",
                    f"{pct(ratio(t.country_hits, t.actor_matched))} "
                    f"({t.country_hits}/{t.actor_matched})",
                    f"{pct(ratio(t.code_hits, t.actor_matched))} ({t.code_hits}/{t.actor_matched})",
                ]
            )
        )
    p = results.places
    lines += [
        "",
        f"Gold events with a stated place: {p.with_place}; placed right by Dateline: "
        f"{pct(ratio(p.placed_right, p.with_place))} ({p.placed_right}/{p.with_place}); "
        f"among the {p.matched} matched by position: {pct(ratio(p.placed_right, p.matched))}",
        "",
        "Articles by topic: " + ", ".join(f"{t} {n}" for t, n in sorted(results.topics.items())),
    ]
    return "\n".join(lines)


def evaluate_entities(
    folder: Path,
    bench: Path,
    events_dir: Path,
    split: str,
    model: str | None = None,
    errors: bool = False,
) -> str:
    records = load_entity_records(folder)
    if split != "all":
        records = [r for r in records if split_of(r.id) == split]
    if not records:
        raise InputError(str(folder), f"has no gold records in split {split!r}")
    results = run(records, bench, events_dir, model, errors)
    text = report(results, split)
    return text + ("\n\n" + "\n".join(results.errors) if errors else "")


@click.command(name="entities")
@click.option(
    "--docs",
    "docs",
    type=click.Path(path_type=Path),
    default=Path("tests/gold/entities"),
    show_default=True,
    help="The folder of whole-article entity records.",
)
@click.option(
    "--events",
    "events_dir",
    type=click.Path(path_type=Path),
    default=Path("tests/gold/events"),
    show_default=True,
    help="The event gold of the same articles (same file names), for the places of events.",
)
@click.option(
    "--bench",
    type=click.Path(path_type=Path),
    default=Path("../shared/bench"),
    show_default=True,
    help="The folder the records' article paths are under.",
)
@split_option()
@click.option(
    "--errors",
    is_flag=True,
    help="List Dateline's missed, spurious, mis-typed and mis-coded mentions (for dev work).",
)
@model_option
def command(
    docs: Path, events_dir: Path, bench: Path, split: str, errors: bool, model: str | None
) -> None:
    """Entity mentions, types and actor codes on whole articles beside bare spaCy NER, and
    the share of events placed where the text says.

    \b
    Examples:
      dateline eval entities --docs tests/gold/entities --split dev
      dateline eval entities --docs tests/gold/entities --split test
      dateline eval entities --split dev --errors
    """
    click.echo(evaluate_entities(docs, bench, events_dir, split, model, errors))
