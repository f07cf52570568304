"""``dateline eval events --docs DIR``: event precision and recall on whole real articles.

Gold: the document-level event records of ``tests/gold/events/`` (guideline and format:
``docs/annotation/events.md``). Each record points at an article under ``../shared/bench``
(``path``; for a JSON file a JSON pointer ``field`` to the article's string, for an XML file
(``.xml``, or TimeML ``.tml``) an ElementTree path ``field``, relative to the root, to the one
element holding it, e.g. ``article[@docid='1040001']/text`` in an XML corpus or ``TEXT`` in a
TimeML document); its offsets index that text, whose SHA-1 the record carries. An element's
text is all the character data inside it, its children's included (a TimeML ``<TEXT>`` wraps
its words in ``<EVENT>``, ``<TIMEX3>`` and ``<SIGNAL>`` tags, which the record ignores).
A JSON pointer may also name a page object of the Fundus extraction gold
(``extraction/fundus/test_data/<country>/<Publisher>.json``, field ``/V1``: an object with
``title`` and a ``body`` of ``summary`` and ``sections``); its text is ``fundus_page_text``: the
title, the summary paragraphs, then each section's headlines and paragraphs, in that order, every
piece stripped and the pieces joined by one blank line.

Each article is fed to Dateline as a user would feed it: the file through ``read_input`` and
``structure``, or the JSON string as a plain-text input. Dateline's offsets (into the cleaned
body and the headline) are mapped back onto the source text by aligning the non-space
characters of every paragraph with the source.

Matching, one-to-one and greedy, done separately at each strictness level: a predicted event
and a gold event are candidates when one of the predicted event's mentions (trigger spans) and
one of the gold event's spans (``trigger`` and ``mentions``) overlap, or lie within
``NEAR_CHARS`` characters of each other with no sentence end between them. A candidate counts
at a level when:

- type: the PLOVER types are equal;
- type+actor: also every predicted actor is one of the gold actors (at least one predicted);
- type+actor+recipient: also the recipients agree: none on both sides, or every predicted
  recipient is a gold recipient (at least one predicted). For the symmetric types CONSULT and
  COOPERATE, actors and recipients are pooled as participants on both sides.

Candidates are taken nearest first (overlap before distance); each event is used once.
Precision is matched predictions over predictions, recall matched gold events over gold events.

A predicted entity is a gold actor when its name or an alias equals the gold ``name`` after
case and diacritics folding, when its last name equals the gold name's last word and no other
gold actor or recipient of the article has that last word (a surname alone is unambiguous),
or when one of its mentions overlaps the gold span.

Date and status accuracy are read on the type-level matches: status equal; date equal (both
null counts as equal) on the matches whose gold status is occurred or ongoing ("real events").

The fixed split: a record is ``dev`` when the first hex digit of the SHA-1 of its id (``path``,
or ``path#field``) is 0-4 (5/16 of records), else ``test``. Tune on dev only.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from dateline.errors import InputError
from dateline.evaluation import id_digest, one_to_one, pct, ratio, require_dir, table_row
from dateline.model import PUBLICATION_DAY_STATUSES
from dateline.stage import Parsed
from dateline.text import strip_diacritics

if TYPE_CHECKING:
    from dateline.events.dates import EventDate
    from dateline.events.status import Status
    from dateline.model import Analysis, Event
    from dateline.pipeline import Pipeline

DEV_DIGITS = set("01234")
# Sources whose record ``field`` is an ElementTree path (TimeML documents are XML).
XML_SUFFIXES = (".xml", ".tml")
# How far apart (in characters) a predicted and a gold trigger may be and still be compared.
NEAR_CHARS = 40
SENTENCE_END = re.compile(r"[.!?]['\"”’)]*\s|\n\s*\n")
SYMMETRIC_TYPES = {"CONSULT", "COOPERATE"}
# Gold topics whose articles should yield (almost) no events.
OFF_TOPICS = ("sport", "tech", "business")
LEVELS = ("type", "type+actor", "type+actor+recipient")
STATUSES = ("occurred", "ongoing", "future", "hypothetical", "negated")


# -- gold records ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldArgument:
    span: tuple[int, int] | None
    name: str


@dataclass(frozen=True)
class GoldEvent:
    spans: tuple[tuple[int, int], ...]  # the trigger first, then the other tellings
    type: str
    actor: tuple[GoldArgument, ...]
    recipient: tuple[GoldArgument, ...]
    date: str | None
    status: str


@dataclass(frozen=True)
class GoldDocument:
    id: str  # path, or path#field
    path: str
    field: str | None
    topic: str
    published: str | None
    events: tuple[GoldEvent, ...]
    file: Path  # the record's own file


def record_id(path: str, field_pointer: str | None) -> str:
    return f"{path}#{field_pointer}" if field_pointer else path


def split_of(doc_id: str) -> str:
    """``dev`` or ``test``: fixed by the SHA-1 of the record id."""
    return "dev" if id_digest(doc_id)[0] in DEV_DIGITS else "test"


def _span(value: object, where: str) -> tuple[int, int]:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) for v in value)
        or value[0] > value[1]
    ):
        raise ValueError(f"{where}: expected [start, end], got {value!r}")
    return value[0], value[1]


def _arguments(value: object, where: str) -> tuple[GoldArgument, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ValueError(f"{where}: expected a list of {{span, name}}")
    found = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise ValueError(f"{where}: every entry needs a name")
        span = item.get("span")
        found.append(GoldArgument(_span(span, where) if span is not None else None, item["name"]))
    return tuple(found)


def _gold_event(raw: object, n: int) -> GoldEvent:
    where = f"event {n}"
    if not isinstance(raw, dict) or not isinstance(raw.get("type"), str):
        raise ValueError(f"{where}: not an event object with a type")
    spans = [_span(raw.get("trigger"), f"{where} trigger")]
    for mention in raw.get("mentions") or []:
        spans.append(_span(mention, f"{where} mentions"))
    status = raw.get("status") or "occurred"
    if status not in STATUSES:
        raise ValueError(f"{where}: unknown status {status!r}")
    return GoldEvent(
        tuple(spans),
        raw["type"],
        _arguments(raw.get("actor"), f"{where} actor"),
        _arguments(raw.get("recipient"), f"{where} recipient"),
        raw.get("date"),
        status,
    )


def read_record_json(file: Path) -> dict:
    """The JSON object of a stand-off gold record, with its source ``path`` checked (one clear
    error naming the file otherwise). Shared by the event and entity gold readers."""
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(file), f"not a readable JSON gold record ({exc})") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("path"), str):
        raise InputError(str(file), "not a gold record: no 'path'")
    return raw


def load_record(file: Path) -> GoldDocument:
    raw = read_record_json(file)
    try:
        events = tuple(_gold_event(e, n) for n, e in enumerate(raw.get("events") or [], 1))
    except ValueError as exc:
        raise InputError(str(file), str(exc)) from None
    pointer = raw.get("field") or None
    return GoldDocument(
        record_id(raw["path"], pointer),
        raw["path"],
        pointer,
        str(raw.get("topic") or "unknown"),
        raw.get("published"),
        events,
        file,
    )


def load_records(folder: Path) -> list[GoldDocument]:
    require_dir(folder, "no folder of document gold records (tests/gold/events)")
    files = sorted(folder.glob("*.json"))
    if not files:
        raise InputError(str(folder), "holds no *.json gold records")
    return [load_record(f) for f in files]


def _json_pointer(data: object, pointer: str, where: str) -> object:
    """RFC 6901: "/a/0/b" -> data["a"][0]["b"]."""
    if not pointer.startswith("/"):
        raise InputError(where, f"field {pointer!r} is not a JSON pointer (it starts with '/')")
    for part in pointer[1:].split("/"):
        key = part.replace("~1", "/").replace("~0", "~")
        if isinstance(data, list) and key.isdigit() and int(key) < len(data):
            data = data[int(key)]
        elif isinstance(data, dict) and key in data:
            data = data[key]
        else:
            raise InputError(where, f"field {pointer!r} does not exist")
    return data


@functools.lru_cache(maxsize=4)
def _parsed_source(file: Path, size: int, mtime_ns: int) -> object:
    """A gold source file that many records index (a corpus XML such as GeoVirus or LGL, the
    scrapinghub ground truth) parsed once: its XML root element, or its JSON value. Parsing it
    again for each of hundreds of records re-read megabytes each time. Keyed by size and
    modification time, so a file changed on disk is read again; callers only read the result.
    Raises what the parser raises (a failed parse is not cached)."""
    text = file.read_bytes().decode("utf-8")
    if file.suffix.lower() in XML_SUFFIXES:
        import xml.etree.ElementTree as ET

        return ET.fromstring(text)
    return json.loads(text)


def _parsed(file: Path) -> object:
    """``_parsed_source`` of ``file`` as it is on disk now."""
    stat = file.stat()
    return _parsed_source(file, stat.st_size, stat.st_mtime_ns)


def _xml_element_text(file: Path, path: str, where: str) -> str:
    """The whole text of the one element an ElementTree path (relative to the root) names:
    its own character data and its descendants', in document order, without the tags."""
    import xml.etree.ElementTree as ET

    try:
        found = cast("ET.Element", _parsed(file)).findall(path)
    except (ET.ParseError, SyntaxError) as exc:
        raise InputError(where, f"field {path!r}: {exc}") from None
    if len(found) != 1:
        raise InputError(where, f"field {path!r} names {len(found)} elements, not one")
    return "".join(found[0].itertext())


def fundus_page_text(page: dict, where: str) -> str:
    """A Fundus gold page as one plain text: title, summary paragraphs, then each section's
    headlines and paragraphs, each piece stripped, empty ones left out, joined by blank lines
    (the page as a reader sees it, top to bottom; images and their captions are left out)."""
    body = page.get("body")
    if not isinstance(body, dict) or not isinstance(body.get("sections"), list):
        raise InputError(where, "not a Fundus page: no body with sections")
    pieces: list[object] = [page.get("title"), *(body.get("summary") or [])]
    for section in body["sections"]:
        if not isinstance(section, dict):
            raise InputError(where, "not a Fundus page: a section is not an object")
        pieces += [*(section.get("headline") or []), *(section.get("paragraphs") or [])]
    if not all(piece is None or isinstance(piece, str) for piece in pieces):
        raise InputError(where, "not a Fundus page: a text piece is not a string")
    return "\n\n".join(p.strip() for p in pieces if isinstance(p, str) and p.strip())


def source_text(record: GoldDocument, bench: Path) -> str:
    """The text the record's offsets index, checked against its SHA-1."""
    path = bench / record.path
    if not path.is_file():
        raise InputError(str(path), f"the source of gold record {record.file.name} is missing")
    if record.field and path.suffix.lower() in XML_SUFFIXES:
        text = _xml_element_text(path, record.field, str(path))
    elif record.field:
        value = _json_pointer(_parsed(path), record.field, str(path))
        if isinstance(value, dict):
            value = fundus_page_text(value, f"{path}#{record.field}")
        if not isinstance(value, str):
            raise InputError(str(path), f"field {record.field!r} is not a string")
        text = value
    else:
        text = path.read_bytes().decode("utf-8")
    expected = json.loads(record.file.read_text(encoding="utf-8")).get("sha1")
    if expected and hashlib.sha1(text.encode("utf-8")).hexdigest() != expected:
        raise InputError(str(record.file), "the source text changed since it was annotated (sha1)")
    return text


# -- aligning Dateline's offsets with the source ---------------------------------------------


class Alignment:
    """Maps offsets of the article's body and headline back onto the source text."""

    def __init__(self, source: str, analysis: Analysis) -> None:
        self.source = source
        self._src_pos = [i for i, c in enumerate(source) if not c.isspace()]
        self._src_chars = "".join(source[i] for i in self._src_pos)
        self.maps: dict[str, dict[int, int]] = {}
        article = analysis.article
        self.maps["text"] = self._map_pieces(article.text, _paragraph_starts(article.text))
        if article.headline:
            self.maps["headline"] = self._map_pieces(article.headline, [0])

    def _map_pieces(self, text: str, starts: list[int]) -> dict[int, int]:
        mapping: dict[int, int] = {}
        cursor = 0
        bounds = [*starts, len(text)]
        for start, end in zip(bounds, bounds[1:], strict=False):
            positions = [i for i in range(start, end) if not text[i].isspace()]
            chars = "".join(text[i] for i in positions)
            if not chars:
                continue
            found = self._src_chars.find(chars, cursor)
            if found < 0:
                found = self._src_chars.find(chars)
            if found >= 0:
                for k, i in enumerate(positions):
                    mapping[i] = self._src_pos[found + k]
                cursor = found + len(chars)
                continue
            # Cleaned text that differs from the source (joined lines, dropped characters):
            # map the blocks the two share.
            window = self._src_chars[cursor : cursor + 2 * len(chars) + 500]
            matcher = difflib.SequenceMatcher(None, chars, window, autojunk=False)
            for block in matcher.get_matching_blocks():
                if block.size < 4:
                    continue
                for k in range(block.size):
                    mapping[positions[block.a + k]] = self._src_pos[cursor + block.b + k]
        return mapping

    def to_analysis(self, field_name: str, start: int, end: int) -> int | None:
        """The first offset of ``field_name`` whose character maps into the source span
        ``start``-``end`` (the reverse of ``to_source``)."""
        mapping = self.maps.get(field_name, {})
        found = [i for i, at in mapping.items() if start <= at < end]
        return min(found) if found else None

    def to_source(self, field_name: str, start: int, end: int) -> tuple[int, int] | None:
        mapping = self.maps.get(field_name)
        if mapping is None:
            return None
        first = next((mapping[i] for i in range(start, end) if i in mapping), None)
        last = next((mapping[i] for i in range(end - 1, start - 1, -1) if i in mapping), None)
        if first is None or last is None:
            return None
        return first, last + 1


def _paragraph_starts(text: str) -> list[int]:
    starts = [0]
    for match in re.finditer(r"\n\s*\n", text):
        starts.append(match.end())
    return starts


# -- matching ---------------------------------------------------------------------------------


def fold(name: str) -> str:
    """Case- and diacritics-folded words of a name: "Erdoğan's" -> "erdogan s"."""
    plain = strip_diacritics(name).lower()
    words = re.findall(r"[a-z0-9]+", plain)
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class PredictedEntity:
    names: frozenset[str]  # folded name and aliases
    spans: tuple[tuple[int, int], ...]  # mentions, in source offsets


def _shown_name(entity: PredictedEntity) -> str:
    """The name an error listing shows for an entity: its longest (then first in order), the
    same in every run; a name taken from the set as it iterates changed with the hash seed."""
    return min(entity.names, key=lambda name: (-len(name), name), default="")


@dataclass(frozen=True)
class PredictedEvent:
    spans: tuple[tuple[int, int], ...]
    type: str
    actor: tuple[PredictedEntity, ...]
    recipient: tuple[PredictedEntity, ...]
    date: str | None
    status: str
    confidence: float
    trigger: str
    event: Event


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _last_word(name: str) -> str:
    words = fold(name).split()
    return words[-1] if words else ""


def is_gold_argument(
    entity: PredictedEntity, gold: GoldArgument, ambiguous_last_words: set[str]
) -> bool:
    target = fold(gold.name)
    if target and target in entity.names:
        return True
    last = _last_word(gold.name)
    surname_only = last and last not in ambiguous_last_words and len(target.split()) > 1
    if surname_only and any(name.split()[-1:] == [last] for name in entity.names):
        return True
    if gold.span is not None:
        return any(_overlaps(span, gold.span) for span in entity.spans)
    return False


def _all_found(
    predicted: Sequence[PredictedEntity], gold: Sequence[GoldArgument], ambiguous: set[str]
) -> bool:
    return bool(predicted) and all(
        any(is_gold_argument(p, g, ambiguous) for g in gold) for p in predicted
    )


def agrees(predicted: PredictedEvent, gold: GoldEvent, level: str, ambiguous: set[str]) -> bool:
    if predicted.type != gold.type:
        return False
    if level == "type":
        return True
    if gold.type in SYMMETRIC_TYPES:
        participants = (*predicted.actor, *predicted.recipient)
        gold_participants = (*gold.actor, *gold.recipient)
        if not predicted.actor or not _all_found(participants, gold_participants, ambiguous):
            return False
        if level == "type+actor":
            return True
        # Every gold participant is found as well: nobody left out of the meeting.
        return all(
            any(is_gold_argument(p, g, ambiguous) for p in participants) for g in gold_participants
        )
    if not _all_found(predicted.actor, gold.actor, ambiguous):
        return False
    if level == "type+actor":
        return True
    if not gold.recipient:
        return not predicted.recipient
    return _all_found(predicted.recipient, gold.recipient, ambiguous)


def _distance(
    a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]], source: str
) -> int | None:
    """Characters between the nearest spans of ``a`` and ``b`` (0 when they overlap), or None
    when they are further than NEAR_CHARS apart or a sentence ends between them."""
    best: int | None = None
    for x in a:
        for y in b:
            if _overlaps(x, y):
                return 0
            left, right = (x, y) if x[1] <= y[0] else (y, x)
            gap = right[0] - left[1]
            if gap > NEAR_CHARS or SENTENCE_END.search(source[left[1] : right[0] + 1]):
                continue
            best = gap + 1 if best is None else min(best, gap + 1)
    return best


def match(
    predicted: Sequence[PredictedEvent],
    gold: Sequence[GoldEvent],
    source: str,
    level: str,
    ambiguous: set[str],
) -> list[tuple[int, int]]:
    """One-to-one greedy matching (nearest first): pairs of (predicted index, gold index)."""
    candidates = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            distance = _distance(p.spans, g.spans, source)
            if distance is not None and agrees(p, g, level, ambiguous):
                candidates.append((distance, i, j))
    return one_to_one(candidates)


def matches_some_gold(
    predicted: PredictedEvent, record: GoldDocument, source: str, level: str, ambiguous: set[str]
) -> bool:
    """Whether some gold event of the article is a candidate for ``predicted`` (as in
    :func:`match`) and agrees with it at ``level``; unlike :func:`match`, not one-to-one."""
    return bool(predicted.spans) and any(
        _distance(predicted.spans, g.spans, source) is not None
        and agrees(predicted, g, level, ambiguous)
        for g in record.events
    )


def ambiguous_last_words(record: GoldDocument) -> set[str]:
    """Last words that more than one gold actor or recipient name of the article ends in."""
    owners: dict[str, set[str]] = {}
    for event in record.events:
        for argument in (*event.actor, *event.recipient):
            owners.setdefault(_last_word(argument.name), set()).add(fold(argument.name))
    return {word for word, names in owners.items() if len(names) > 1}


# -- running Dateline -------------------------------------------------------------------------


def predicted_events(
    analysis: Analysis, alignment: Alignment, events: Iterable[Event]
) -> list[PredictedEvent]:
    entities: dict[str, PredictedEntity] = {}
    for entity in analysis.entities:
        spans = []
        for mention in entity.mentions:
            mapped = alignment.to_source(mention.field, mention.start, mention.end)
            if mapped is not None:
                spans.append(mapped)
        names = frozenset(n for n in (fold(entity.name), *map(fold, entity.aliases)) if n)
        entities[entity.id] = PredictedEntity(names, tuple(spans))
    found = []
    for event in events:
        spans = []
        for mention in event.mentions or []:
            mapped = alignment.to_source(mention.field, mention.start, mention.end)
            if mapped is not None:
                spans.append(mapped)
        if not spans:
            mapped = alignment.to_source(event.field, event.start, event.end)
            spans = [mapped] if mapped is not None else []
        found.append(
            PredictedEvent(
                tuple(spans),
                event.type,
                tuple(entities[a] for a in event.actor if a in entities),
                tuple(entities[r] for r in event.recipient if r in entities),
                event.date,
                event.status,
                event.confidence,
                event.trigger,
                event,
            )
        )
    return found


@dataclass(frozen=True)
class System:
    """One configuration scored in the run: how the events stage runs, and the threshold."""

    name: str
    run: Callable[[Analysis, Parsed], list[Event]]
    min_confidence: float


@dataclass
class Tally:
    predicted: int = 0
    gold: int = 0
    matched: Counter[str] = field(default_factory=Counter)
    status_hits: int = 0
    status_total: int = 0
    date_hits: int = 0
    date_total: int = 0
    off_topic_events: int = 0
    off_topic_articles: int = 0
    unaligned: int = 0

    def precision(self, level: str) -> float:
        return ratio(self.matched[level], self.predicted)

    def recall(self, level: str) -> float:
        return ratio(self.matched[level], self.gold)


@dataclass
class ArticleResult:
    record: GoldDocument
    source: str
    predicted: list[PredictedEvent]  # every event the configuration produced


@dataclass(frozen=True)
class GoldTriggerDate:
    """The date the events stage gives at a real gold event's trigger (told with the gold
    status), with and without narrative dating: date resolution apart from extraction."""

    record: GoldDocument
    source: str
    event: GoldEvent
    narrative: EventDate | None  # None: the trigger is not in the body
    clause_only: EventDate | None


# A TIMEX3 value of a time of day ("2018-03-28TMO", "2019-11-19T14:00").
TIME_OF_DAY = re.compile(r"^(\d{4}-\d\d-\d\d)T")


def same_date(predicted: str | None, gold: str | None) -> bool:
    """Whether a predicted date is the gold one. The guideline asks for the calendar date, at
    most a day ("2018-03-28"), so a time of that day ("2018-03-28TMO": Wednesday morning) is
    the same date; both unknown count as equal."""
    if predicted:
        day = TIME_OF_DAY.match(predicted)
        predicted = day.group(1) if day else predicted
    return (predicted or None) == (gold or None)


def score_article(result: ArticleResult, min_confidence: float, tally: Tally) -> None:
    record = result.record
    kept = [p for p in result.predicted if p.confidence >= min_confidence]
    tally.predicted += len(kept)
    tally.gold += len(record.events)
    tally.unaligned += sum(1 for p in kept if not p.spans)
    if record.topic in OFF_TOPICS:
        tally.off_topic_articles += 1
        tally.off_topic_events += len(kept)
    ambiguous = ambiguous_last_words(record)
    for level in LEVELS:
        pairs = match(kept, record.events, result.source, level, ambiguous)
        tally.matched[level] += len(pairs)
        if level != "type":
            continue
        for i, j in pairs:
            p, g = kept[i], record.events[j]
            tally.status_total += 1
            tally.status_hits += p.status == g.status
            if g.status in PUBLICATION_DAY_STATUSES:
                tally.date_total += 1
                tally.date_hits += same_date(p.date, g.date)


def gold_trigger_dates(
    record: GoldDocument, source: str, analysis: Analysis, parsed: Parsed, alignment: Alignment
) -> list[GoldTriggerDate]:
    from dateline.events.stage import date_at

    found = []
    for event in record.events:
        if event.status not in PUBLICATION_DAY_STATUSES:
            continue
        start, end = event.spans[0]
        at = alignment.to_analysis("text", start, end)
        if at is None:
            found.append(GoldTriggerDate(record, source, event, None, None))
            continue
        status = cast("Status", event.status)  # occurred or ongoing
        narrative = date_at(analysis, parsed, at, status)
        clause_only = date_at(analysis, parsed, at, status, narrative_dates=False)
        found.append(GoldTriggerDate(record, source, event, narrative, clause_only))
    return found


def analyse_record(
    record: GoldDocument, bench: Path, pipeline: Pipeline
) -> tuple[str, Analysis, Parsed, Alignment]:
    """The record's source text and its article analysed by ``pipeline`` (every stage before
    events), as a user would feed it, with the alignment of Dateline's offsets to the source."""
    from dateline.article.structure import structure
    from dateline.sources import RawInput, read_input

    text = source_text(record, bench)
    if record.field:
        raw = RawInput(source=record.id, data=text.encode("utf-8"), content_type="text")
    else:
        raw = read_input(str(bench / record.path))
    article = structure(raw)
    if article.published is None and record.published:
        # A page read from a JSON field has lost its metadata; a real ingest of the page
        # knows when it was published (the record keeps that date).
        article = article.model_copy(update={"published": record.published})
    parsed = Parsed(pipeline.nlp(article.text), pipeline.nlp)
    analysis = pipeline.annotate(article, parsed)
    return text, analysis, parsed, Alignment(text, analysis)


def run_articles(
    records: list[GoldDocument],
    bench: Path,
    systems: list[System],
    model: str | None = None,
    trigger_dates: list[GoldTriggerDate] | None = None,
) -> dict[str, list[ArticleResult]]:
    """Analyse every record's article once; run each system's events stage on it (and, into
    ``trigger_dates``, read the dates at the gold triggers)."""
    from dateline.pipeline import Pipeline

    # Every stage the events stage reads (entities, geo, time, quotes), not events itself:
    # each system runs its own events stage on the same analysis.
    pipeline = Pipeline.create(["entities", "geo", "time", "quotes"], model=model)
    results: dict[str, list[ArticleResult]] = {s.name: [] for s in systems}
    for record in records:
        text, analysis, parsed, alignment = analyse_record(record, bench, pipeline)
        if trigger_dates is not None:
            trigger_dates += gold_trigger_dates(record, text, analysis, parsed, alignment)
        for system in systems:
            events = system.run(analysis, parsed)
            results[system.name].append(
                ArticleResult(record, text, predicted_events(analysis, alignment, events))
            )
    return results


def tally(results: list[ArticleResult], min_confidence: float) -> Tally:
    total = Tally()
    for result in results:
        score_article(result, min_confidence, total)
    return total


# -- the report -------------------------------------------------------------------------------


def _cells(t: Tally) -> list[str]:
    cells = [str(t.predicted), str(t.gold)]
    for level in LEVELS:
        cells.append(f"{pct(t.precision(level))} / {pct(t.recall(level))}")
    cells.append(pct(ratio(t.date_hits, t.date_total)) + f" ({t.date_hits}/{t.date_total})")
    cells.append(pct(ratio(t.status_hits, t.status_total)) + f" ({t.status_hits}/{t.status_total})")
    per_article = ratio(t.off_topic_events, t.off_topic_articles)
    cells.append(f"{per_article:.2f} ({t.off_topic_articles})")
    return cells


HEADER = [
    "| system | events | gold | P / R type | P / R type+actor | P / R type+actor+recipient | "
    "date acc. (real) | status acc. | events/article off-topic (n) |",
    "|---|---|---|---|---|---|---|---|---|",
]
SWEEP = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def report(
    results: dict[str, list[ArticleResult]], systems: list[System], split: str, sweep: bool
) -> str:
    first = next(iter(results.values()), [])
    n_gold = sum(len(r.record.events) for r in first)
    lines = [
        f"Document event gold, split `{split}`: {len(first)} articles, {n_gold} gold events",
        "",
        *HEADER,
    ]
    for system in systems:
        label = f"{system.name} (confidence ≥ {system.min_confidence:g})"
        lines.append(
            table_row([label, *_cells(tally(results[system.name], system.min_confidence))])
        )
    if sweep:
        for system in systems:
            if system.min_confidence <= 0 and len(systems) > 1 and system is systems[0]:
                continue
            lines += ["", f"Threshold sweep, {system.name}:", "", *HEADER]
            for threshold in SWEEP:
                cells = _cells(tally(results[system.name], threshold))
                lines.append(table_row([f"≥ {threshold:g}", *cells]))
    topics = Counter(r.record.topic for r in first)
    lines += ["", "Articles by topic: " + ", ".join(f"{t} {n}" for t, n in sorted(topics.items()))]
    unaligned = sum(1 for r in first for p in r.predicted if not p.spans)
    if unaligned:
        lines.append(f"Predicted events not placed in the source text: {unaligned}")
    return "\n".join(lines)


def trigger_date_report(found: list[GoldTriggerDate]) -> str:
    placed = [f for f in found if f.narrative is not None and f.clause_only is not None]

    def hits(which: str) -> str:
        n = sum(1 for f in placed if same_date(getattr(f, which).value, f.event.date))
        return pct(ratio(n, len(placed))) + f" ({n}/{len(placed)})"

    return (
        "Dates at the gold triggers (every real gold event, told with its gold status; date "
        f"resolution apart from extraction): narrative dating {hits('narrative')}, "
        f"clause date else publication date (before) {hits('clause_only')}"
        + (
            f"; {len(found) - len(placed)} triggers not in the body"
            if len(placed) < len(found)
            else ""
        )
    )


def trigger_date_errors(found: list[GoldTriggerDate]) -> str:
    """The real gold events whose date at the gold trigger is wrong (for dev work)."""
    out = ["## Wrong dates at gold triggers"]
    for f in found:
        if f.narrative is None or same_date(f.narrative.value, f.event.date):
            continue
        got = f.narrative
        out.append(
            f"  {f.record.id[-50:]:50} gold {f.event.date} got {got.value} "
            f"({got.source}, {got.precision}) {f.event.status} "
            f"«{_context(f.source, f.event.spans[0])}»"
        )
    return "\n".join(out)


def errors_listing(results: list[ArticleResult], min_confidence: float) -> str:
    """Every kept prediction and gold event of each article, marked matched or not (for
    reading the errors on dev)."""
    out = []
    for result in results:
        kept = [p for p in result.predicted if p.confidence >= min_confidence]
        record = result.record
        ambiguous = ambiguous_last_words(record)
        best: dict[int, str] = {}
        gold_best: dict[int, str] = {}
        gold_of: dict[int, GoldEvent] = {}
        for level in LEVELS:
            for i, j in match(kept, record.events, result.source, level, ambiguous):
                best[i] = level
                gold_best[j] = level
                gold_of.setdefault(i, record.events[j])
        out.append(f"## {record.id} ({record.topic})")
        for i, p in enumerate(kept):
            where = p.spans[0] if p.spans else None
            context = _context(result.source, where)
            actor = ",".join(sorted(_shown_name(e) for e in p.actor))
            recipient = ",".join(sorted(_shown_name(e) for e in p.recipient))
            gold = gold_of.get(i)
            wrong_date = (
                gold is not None
                and gold.status in PUBLICATION_DAY_STATUSES
                and not same_date(p.date, gold.date)
            )
            date_note = f" (gold date {gold.date})" if gold is not None and wrong_date else ""
            out.append(
                f"  P {best.get(i, 'WRONG'):22} {p.type:9} {p.confidence:.2f} "
                f"[{actor}] -> [{recipient}] {p.status} {p.date}{date_note} «{context}»"
            )
        for j, g in enumerate(record.events):
            if j in gold_best and gold_best[j] == LEVELS[-1]:
                continue
            actor = ",".join(a.name for a in g.actor)
            recipient = ",".join(a.name for a in g.recipient)
            context = _context(result.source, g.spans[0])
            out.append(
                f"  G {gold_best.get(j, 'MISSED'):22} {g.type:9} [{actor}] -> [{recipient}] "
                f"{g.status} {g.date} «{context}»"
            )
    return "\n".join(out)


def _context(source: str, span: tuple[int, int] | None) -> str:
    if span is None:
        return "?"
    start, end = span
    left = source[max(0, start - 50) : start].replace("\n", " ")
    right = source[end : end + 30].replace("\n", " ")
    return f"{left}[{source[start:end]}]{right}"


def systems(min_confidence: float) -> list[System]:
    """The configurations compared in one run: the rules as they were before confidences
    (every event, none dropped for want of an actor); the hand-set rule confidence at its
    threshold; the events dated as before narrative dating; the learned role ranker adding
    recipients the rules missed (``find_events(..., learned_roles=True)``, not the default);
    and the default (the learned confidence at the threshold)."""
    from dateline.events import stage
    from dateline.events.confidence import RULES_MIN_CONFIDENCE

    def baseline(analysis: Analysis, parsed: Parsed) -> list[Event]:
        return stage.find_events(analysis, parsed, keep_unattributed=True)

    def rule_confidence(analysis: Analysis, parsed: Parsed) -> list[Event]:
        return stage.find_events(analysis, parsed, confidence="rules")

    def clause_dates(analysis: Analysis, parsed: Parsed) -> list[Event]:
        return stage.find_events(analysis, parsed, narrative_dates=False)

    def learned_roles(analysis: Analysis, parsed: Parsed) -> list[Event]:
        return stage.find_events(analysis, parsed, learned_roles=True)

    return [
        System("rules, every event (before confidences)", baseline, 0.0),
        System("rules + hand-set rule confidence", rule_confidence, RULES_MIN_CONFIDENCE),
        System("learned confidence, dates before narrative dating", clause_dates, min_confidence),
        System(
            "learned confidence, learned roles add missing recipients (option)",
            learned_roles,
            min_confidence,
        ),
        System("rules + learned confidence (default)", stage.find_events, min_confidence),
    ]


def evaluate_documents(
    folder: Path,
    bench: Path,
    split: str,
    min_confidence: float | None,
    sweep: bool = False,
    errors: bool = False,
    model: str | None = None,
) -> str:
    from dateline.events.confidence import DEFAULT_MIN_CONFIDENCE

    records = load_records(folder)
    if split != "all":
        records = [r for r in records if split_of(r.id) == split]
    if not records:
        raise InputError(str(folder), f"has no gold records in split {split!r}")
    threshold = DEFAULT_MIN_CONFIDENCE if min_confidence is None else min_confidence
    configured = systems(threshold)
    trigger_dates: list[GoldTriggerDate] = []
    results = run_articles(records, bench, configured, model, trigger_dates)
    text = report(results, configured, split, sweep)
    text += "\n\n" + trigger_date_report(trigger_dates)
    if errors:
        last = configured[-1]
        text += "\n\n" + errors_listing(results[last.name], last.min_confidence)
        text += "\n\n" + trigger_date_errors(trigger_dates)
    return text
