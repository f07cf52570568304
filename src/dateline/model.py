"""The Analysis document: what Dateline knows about one article.

Every stage reads this model and adds its own section; nothing else travels between stages.
The models are frozen pydantic models so a stage cannot mutate another stage's output by
accident; a stage returns a new Analysis with ``analysis.model_copy(update={...})``.

Character offsets (``start``/``end``) point into ``article.text`` unless a record's ``field``
says otherwise (``"headline"``, ``"standfirst"`` or ``"captions[N]"``), in which case they
point into that string of the article.

The JSON Schema is generated from these classes (``dateline schema``); ``docs/schema.md``
describes every field. Bump ``SCHEMA`` when a key is renamed or removed (added keys are
optional, with a default).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, field_validator

SCHEMA = "dateline.analysis/1"

# Where a record's offsets point. "text" is the default: the cleaned body.
FieldName = str
_CAPTION_FIELD = re.compile(r"captions\[(\d+)\]")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Frozen):
    """A stretch of an article's text."""

    start: int = Field(description="Offset of the first character.")
    end: int = Field(description="Offset one past the last character.")
    text: str = Field(description="The characters between start and end.")
    field: FieldName = Field(
        default="text",
        description='The article string the offsets point into: "text", "headline", '
        '"standfirst" or "captions[N]".',
    )


def parse_published(value: str) -> datetime:
    """The one reader of publication times: ISO 8601, a date alone or a date and time, with or
    without a UTC offset ("Z" for UTC). Raises ``ValueError`` for anything else."""
    return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))


class Article(_Frozen):
    """The structured article: metadata, captions, boilerplate and the cleaned body."""

    id: str = Field(description="Stable hash of the cleaned body (first 16 hex digits of SHA-256).")
    source: str = Field(description='Where the input came from: a path, a URL or "-" for stdin.')
    url: str | None = Field(default=None, description="Canonical URL of the article, if known.")
    publisher: str | None = Field(default=None, description="Name of the publisher or site.")
    headline: str | None = None
    standfirst: str | None = Field(default=None, description="Sub-headline / summary line.")
    authors: list[str] = Field(default_factory=list)
    published: str | None = Field(
        default=None, description="Publication time, ISO 8601 with UTC offset, or null."
    )
    language: str | None = Field(default=None, description="ISO 639-1 code of the body text.")
    captions: list[str] = Field(default_factory=list, description="Image captions, in order.")
    boilerplate: list[str] = Field(
        default_factory=list, description="Lines dropped as boilerplate, in input order."
    )
    paragraphs: list[str] = Field(default_factory=list, description="Body paragraphs, in order.")
    text: str = Field(default="", description="Paragraphs joined by a blank line.")
    format: Literal["text", "html", "json"] = Field(
        default="text", description="Input format as detected from the content."
    )

    @field_validator("published")
    @classmethod
    def _published_is_iso(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            return None  # a blank time is no time
        if value is not None:
            try:
                parse_published(value)
            except ValueError:
                raise ValueError(f"publication time {value!r} is not ISO 8601") from None
        return value

    def field_text(self, field: FieldName) -> str | None:
        """The article string a record's ``field`` names ("text", "headline", "standfirst" or
        "captions[N]"), or None when the article has no such string."""
        if field in ("text", "headline", "standfirst"):
            value: str | None = getattr(self, field)
            return value
        match = _CAPTION_FIELD.fullmatch(field)
        if match is None or int(match.group(1)) >= len(self.captions):
            return None
        return self.captions[int(match.group(1))]

    @property
    def published_at(self) -> datetime | None:
        """The publication time (naive when the article gave no offset), or None."""
        return parse_published(self.published) if self.published else None

    @property
    def published_date(self) -> date | None:
        """The calendar day of publication, in the offset it was published with, or None."""
        moment = self.published_at
        return moment.date() if moment is not None else None


class Entity(_Frozen):
    """One real-world actor or place, with every way the article refers to it."""

    id: str = Field(description='Document-local id, e.g. "E1".')
    name: str = Field(description="Canonical full name.")
    type: Literal["PERSON", "ORG", "LOCATION", "GROUP", "NORP", "FACILITY", "EVENT", "OTHER"]
    aliases: list[str] = Field(default_factory=list, description="Distinct surface forms used.")
    mentions: list[Span] = Field(default_factory=list)
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3, or null.")
    sector: str | None = Field(
        default=None, description="PLOVER/CAMEO agent sector: GOV, MIL, OPP, REB, IGO, ..."
    )
    code: str | None = Field(default=None, description='CAMEO-style actor code, e.g. "RUSGOV".')
    kb_id: str | None = Field(default=None, description="Knowledge-base id, when linked.")


class Quote(_Frozen):
    """An attributed statement."""

    id: str = Field(description='Document-local id, e.g. "Q1".')
    text: str = Field(description="The quoted or reported words.")
    kind: Literal["direct", "partial", "indirect"]
    speaker: str | None = Field(default=None, description="Entity id of the speaker, or null.")
    speaker_name: str | None = Field(
        default=None, description="The speaker as named, or a description for unnamed sources."
    )
    cue: str | None = Field(default=None, description='The attribution cue, e.g. "said".')
    start: int
    end: int
    field: FieldName = "text"
    speaker_span: Span | None = Field(
        default=None,
        description="The words that name the speaker (a name, title or pronoun) in this quote's "
        "attribution, or in the one it continues when attributed from context; null when "
        "no words name them.",
    )


# Statuses of events that happened or are happening: only for these may the publication day
# stand in for a date the article does not state (``Event.date_is_fallback``).
PUBLICATION_DAY_STATUSES = frozenset({"occurred", "ongoing"})


def fallback_event_day(article: Article, status: str | None) -> date | None:
    """The day an event of ``status`` is dated by when its article states none: the publication
    day for what happened or is happening; None for what was only threatened, planned or denied
    (and for an undated article)."""
    return article.published_date if status in PUBLICATION_DAY_STATUSES else None


class Event(_Frozen):
    """Who did what to whom, coded in PLOVER (with CAMEO-compatible fields)."""

    id: str = Field(description='Document-local id, e.g. "V1".')
    type: str = Field(description="PLOVER event type, e.g. CONSULT.")
    mode: str | None = Field(default=None, description="PLOVER mode, e.g. phone, visit.")
    context: list[str] = Field(default_factory=list, description="PLOVER contexts.")
    actor: list[str] = Field(default_factory=list, description="Entity ids of who acts.")
    recipient: list[str] = Field(default_factory=list, description="Entity ids of whom to.")
    date: str | None = Field(default=None, description="TIMEX3-style date of the event.")
    date_is_fallback: bool = Field(
        default=False, description="True when date is the publication date, not stated."
    )
    date_source: Literal["clause", "sentence", "paragraph", "lead", "publication"] | None = Field(
        default=None,
        description="Where the date comes from: the event's own clause, its sentence, the "
        "narrative time of its paragraph (a date stated in the sentence before), the day the "
        "article's lead names (its news day), or the publication (the publication date stands "
        'in; with date null and date_precision "before", the event happened at an unknown time '
        "before publication). Null when nothing is known.",
    )
    date_precision: (
        Literal[
            "time", "day", "week", "month", "quarter", "season", "year", "decade", "range",
            "before",
        ]
        | None
    ) = Field(
        default=None,
        description='Granularity of date ("day", "month", "year", ...), or "before" when the '
        "date is unknown but the event happened, or began, before the publication date; "
        '"week" or "quarter" with date null when the text places the event only within a '
        'week or quarter ("last week", "the third quarter"; the stretch is in story_date).',
    )  # fmt: skip
    story_date: str | None = Field(
        default=None,
        description='With date null and date_precision "before": the date of the story that '
        "tells the act, where the article states it (the day of the act it is the object of, "
        "or the article's news day), not the act's own date; with date null and "
        'date_precision "week" or "quarter": that week or quarter (TIMEX3 "2024-W10", '
        '"2023-Q3"). Cross-article merging compares an undated act by it. Null otherwise.',
    )
    location: str | None = Field(default=None, description="Location id where it happened.")
    status: Literal["occurred", "ongoing", "future", "hypothetical", "negated"] = "occurred"
    trigger: str = Field(description="The word(s) naming the event.")
    sentence: str = Field(description="The sentence the event was found in.")
    start: int
    end: int
    field: FieldName = "text"
    quote: str | None = Field(
        default=None, description="Quote id when the event is reported inside a quote."
    )
    mentions: list[Span] = Field(
        default_factory=list, description="Every place the article tells this event."
    )
    cameo: str | None = Field(default=None, description="Closest CAMEO event code.")
    quad_class: int | None = Field(default=None, description="CAMEO QuadClass 1-4.")
    goldstein: float | None = Field(default=None, description="Goldstein scale score.")
    confidence: float = Field(
        default=1.0,
        ge=0.0,
        le=1.0,
        description="How sure the record is, 0-1: the learned probability that it is a real "
        "event of this type with the right actor, from the trigger, actor and recipient found, "
        "article domain, figurative or hedged context, the rule score and the event classifier. "
        "Queries and exports hide events below a threshold (--min-confidence).",
    )


class Location(_Frozen):
    """A place the article names, resolved to GeoNames where possible."""

    id: str = Field(description='Document-local id, e.g. "L1".')
    name: str
    geonameid: int | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2, or null.")
    admin1: str | None = Field(
        default=None,
        description="GeoNames first-level division code of a place inside a country (the "
        'postal code for US states: "TX"), or null for countries and regions.',
    )
    lat: float | None = None
    lon: float | None = None
    kind: str | None = Field(
        default=None,
        description="country, admin1, admin2, city, region, water, continent, building",
    )
    entity: str | None = Field(default=None, description="Entity id of the same place.")
    mentions: list[Span] = Field(default_factory=list)


class TimeExpression(_Frozen):
    """A temporal expression normalised against the publication time."""

    text: str
    value: str | None = Field(
        description="TIMEX3-style value: 2017-11-20, 2017-12, 2017-W47, P10Y, 2017-01/2017-09."
    )
    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    start: int
    end: int
    field: FieldName = "text"

    # "date" is computed from value, so a serialised document's "date" is ignored on input.
    model_config = ConfigDict(frozen=True, extra="ignore")

    @computed_field(  # type: ignore[prop-decorator]
        description="The calendar day (YYYY-MM-DD) the expression names or falls within "
        '("Tuesday morning" = 2017-11-21TMO -> 2017-11-21); null for months, weeks, '
        "durations, ranges and unresolved values. Derived from value."
    )
    @property
    def date(self) -> str | None:
        value = self.value
        return value[:10] if value and _DAY.match(value) else None


# A TIMEX3 value naming one day, optionally with a time or part of day: 2017-11-21, 2017-11-21TMO.
_DAY = re.compile(r"^\d{4}-\d\d-\d\d(?:$|T)")


class Amount(_Frozen):
    """A number with what it counts."""

    text: str
    value: float | None
    unit: str | None = Field(default=None, description='"%", "USD", "people", ...')
    object: str | None = Field(default=None, description="What is counted.")
    start: int
    end: int
    field: FieldName = "text"


ToneLabel = Literal["negative", "neutral", "positive"]


class ArticleTone(_Frozen):
    """GDELT V2Tone's seven figures for a stretch of text (docs/schema.md gives the formulas)."""

    tone: float = Field(description="positive minus negative: -100 (all negative) to +100.")
    positive: float = Field(description="Per cent of the words that are positive lexicon words.")
    negative: float = Field(description="Per cent of the words that are negative lexicon words.")
    polarity: float = Field(description="positive plus negative: how emotive the text is.")
    activity_density: float = Field(
        description="Per cent of the words that are action verbs (activity reference density)."
    )
    self_group_density: float = Field(
        description="Per cent of the words that are personal pronouns (self/group reference)."
    )
    word_count: int = Field(description="Words counted (tokens with a letter or a digit).")


class TextTone(_Frozen):
    """The tone of one quote or one event sentence."""

    id: str = Field(description='The quote id ("Q1") or event id ("V1") it belongs to.')
    tone: float = Field(description="GDELT-style tone of its words (positive minus negative %).")


class EntityTone(_Frozen):
    """How the article portrays one entity: target-dependent sentiment of the sentences that
    mention it, aggregated over the article."""

    entity: str = Field(description="Entity id.")
    label: ToneLabel = Field(description="The class with the highest mean probability.")
    score: float = Field(description="Mean of P(positive) - P(negative): -1 to +1.")
    sentences: int = Field(description="Body sentences that mention the entity.")
    negative: int = Field(description="Of those, sentences classed negative towards it.")
    neutral: int = Field(description="Sentences classed neutral towards it.")
    positive: int = Field(description="Sentences classed positive towards it.")


class Tone(_Frozen):
    """How the article speaks (GDELT V2Tone) and how it portrays each actor."""

    article: ArticleTone = Field(description="V2Tone figures of the body.")
    quotes: list[TextTone] = Field(default_factory=list, description="Tone of every quote.")
    events: list[TextTone] = Field(
        default_factory=list, description="Tone of every event's sentence."
    )
    entities: list[EntityTone] = Field(
        default_factory=list, description="Per-entity sentiment, for entities the body mentions."
    )


class Notice(_Frozen):
    """Something the user should know about how the article was analysed."""

    stage: str
    message: str


class Analysis(_Frozen):
    """The whole Analysis document for one article."""

    schema_: str = Field(default=SCHEMA, alias="schema", serialization_alias="schema")
    article: Article
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)
    amounts: list[Amount] = Field(default_factory=list)
    tone: Tone | None = Field(default=None, description="Filled by the tone stage.")
    stages: list[str] = Field(default_factory=list, description="Stages that ran, in order.")
    notices: list[Notice] = Field(default_factory=list)

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    def to_dict(self) -> dict:
        return self.model_dump(by_alias=True, mode="json")

    def to_json(self, indent: int | None = None) -> str:
        return self.model_dump_json(by_alias=True, indent=indent)

    @classmethod
    def from_dict(cls, data: dict) -> Analysis:
        return cls.model_validate(data)

    def entity(self, entity_id: str | None) -> Entity | None:
        """The (first) entity with this id. The stages ask for entities by id many times per
        article, so the id index of the last ``entities`` list asked about is kept (a document
        with other entities has another list, and gets its own index)."""
        global _entity_ids
        cached = _entity_ids
        if cached is None or cached[0] is not self.entities:
            by_id: dict[str, Entity] = {}
            for entity in self.entities:
                by_id.setdefault(entity.id, entity)
            cached = _entity_ids = (self.entities, by_id)
        return cached[1].get(entity_id) if entity_id is not None else None


# The last entities list ``Analysis.entity`` indexed, with its index (the list is kept alive
# with it, so its identity cannot pass to another list).
_entity_ids: tuple[list[Entity], dict[str, Entity]] | None = None


def json_schema() -> dict:
    """The JSON Schema of the Analysis document, generated from the models."""
    schema = Analysis.model_json_schema(by_alias=True, mode="serialization")
    schema["$id"] = "https://dateline.dev/schema/analysis-1.json"
    schema["title"] = SCHEMA
    return schema
