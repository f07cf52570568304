"""Whether two reports in different articles tell one event, as a reader would judge it.

A reader merges two tellings only when nothing about them differs and they are about the same
story. So two mentions are one corpus event when
- they have the same PLOVER type and both happened (or both are planned, possible, denied;
  one passage retold, the act told by the same word, may be read as planned in one article
  and as done in the other: ``statuses_agree``);
- their actors share a corpus entity, and so do their recipients unless one side names none
  (roles count: a meeting told from the other side stays another event, as within a story).
  A recipient named only by an indefinite description ("a Tanzanian man") is as good as
  none: the person another outlet names may be him (``_unidentified``).
  A state is one party however an outlet names it: "Russia", "Moscow", "the Kremlin", "the
  Russian government" (``state_actor``: the country, its capital, or a body the entities stage
  codes as its government; "the government" coded without a country, when its article
  implies one: ``implied_country``); two persons are never one party by their office, nor is a
  government one with its country's legislature, opposition or rebels.
  Two exceptions where the roles a parse gives are known to be unreliable: a lasting activity
  pinned in time and told one-sided ("the FBI probe", "the Clinton probe": the name modifying
  the noun may be its doer or its target) needs every participant of each telling named
  around the other (``participants_either_way``); an act of force told with only a doer who
  is the other telling's target ("was shot by an officer", the victim taken for the doer) is
  compared with that target (``victim_as_doer``). A person the article names with a title
  in a body ("police officer Jane Roe", ``affiliation.bodies_acted_for``) is one party with
  that body as actor ("was shot by police"; ``acts_for_body``); two persons of one body are
  not;
- their dates agree. Two dates the articles state must agree (an act whose own date is
  unknown is compared by the date of the story that tells it, ``Event.story_date``: its
  article's news day, the day of the act it is the object of; ``own_date``) (the same day or a day apart, or
  one inside the other's month); a week or month that only touches the other's period (June
  and July) agrees weakly, as an undated telling does (``_adjacent_periods``). An undated telling is known only to lie shortly before its
  article's publication (``FALLBACK_DAYS``; the publication date standing in) or, told in the
  perfect ("had opened an inquiry"), at some time before it. Such a weak date agrees when the
  two spans of time meet (``DAY_TOLERANCE``), but then the story evidence must be stronger
  (``WEAK_DATE_OVERLAP``): outlets date an ongoing story differently ("on Friday", "last week",
  no date at all), and the publication days of two unrelated stories meet as easily. Two
  tellings of a lasting activity (an investigation, a protest, anything told as ongoing) are
  compared as spans too, from ``LASTING_DAYS`` before the day told (``time_reach``; not for
  undated background, whose span already reaches a month back): an investigation is dated by
  the day each outlet mentions it;
- their places agree when both are known;
- and the two tellings are about the same story: the same near-duplicate cluster, or enough
  shared content words and entities in the sentences around them (``STORY_OVERLAP``; words
  the event lexicon gives one sense, "probe" and "inquiry", count as shared). Less is asked
  when both outlets name the act alike (the same word or one lexicon sense, with stated dates
  or weak ones: ``ALIKE_STATED_OVERLAP``, ``_overlap_asked``; for weak dates not when both
  tell it as undated background, which names an activity by its common word whoever did it
  when; nor when one names a target the other does not name nearby, ``_target_named_around``),
  least for a lasting activity so named (``LASTING_OVERLAP``). An act of force done to
  one named person asks no shared words (``same_victim``; unless both tellings are undated
  background): the victim says which act it is; nor does a state's accession to a body told as
  done (``same_accession``), nor one state's invasion of another (``same_occupation``).
One actor, one type and a publication day in common (a hostage statement and "the dollar was
supported by economic data") are not enough.
One passage retold (a wire story's update, an edited reprint) may name one party by two corpus
entities, as coreference chose its name in each article: two tellings by the same word that
share at least half of their context (``PASSAGE_OVERLAP``) agree on parties when their actors
(and recipients) share a name the articles give them (``same_passage``). A public body one
outlet describes by what it deals with ("immigration authorities") and another names ("the
Immigration and Naturalization Service") is one party for an act told by the same word on one
stated day (``described_body``). Groups named by kinship with one person ("the boy's
relatives", "the Miami family") are one party for an act told by the same word when a word
anchoring them (whose, where) is shared (``same_kin_group``).

Tellings join into corpus events as the connected parts of this relation (``cluster``): a
telling that agrees with tellings of two events joins them into one, so the corpus events do
not depend on the order the articles arrive in.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, Protocol, TypeVar

from dateline.model import Analysis, Entity, Event
from dateline.states import (  # noqa: F401  (re-exported: the store's callers and tests)
    STATE_SECTORS,
    implied_country,
    state_actor,
    state_ids,
)
from dateline.store.affiliation import bodies_acted_for
from dateline.text import singular as _singular

# Shared share of the smaller telling's context terms (content words and entities) above which
# two tellings are about the same story. Fixed before measuring (docs/EVALUATION.md), not fitted.
STORY_OVERLAP = 0.2
# Sentences either side of the event's sentence read as its context.
CONTEXT_SENTENCES = 1
# Story overlap required when either date is only known from the publication date.
WEAK_DATE_OVERLAP = 0.35
# How far apart two stated days may be for one event (time zones, "late Friday" vs Saturday).
DAY_TOLERANCE = 1
# How many days before its article's publication an undated telling may have happened: the
# news of the last few days ("the FBI said Friday" in a Monday paper).
FALLBACK_DAYS = 4
# The same for background told in the perfect ("had opened an inquiry"): the recent past only;
# older background is not recognised across articles without a stated date.
BEFORE_DAYS = 31
# How long before its stated date a lasting event (an investigation, a protest, anything told
# as ongoing) may have been going on: outlets date it by the day they mention it.
LASTING_DAYS = 14
# Story overlap enough for two tellings of a lasting activity named alike, with the same
# participants and spans that meet: less than the usual. Half the usual (0.1) merged "had to
# deal with probing questions" (read as an investigation) with the FBI's renewed probe nine
# days later at 0.11; 0.15 keeps every merge of the dev pairs (docs/EVALUATION.md).
LASTING_OVERLAP = 0.15
# Story overlap enough for two tellings whose stated dates agree and which name the act alike
# (the same word or one lexicon sense: "resigned in July", "was forced to step down ... in
# July"): less than the usual, as weak dates named alike ask less than weak dates alone. The
# value of ``LASTING_OVERLAP``, not fitted: on dev it merges no further gold pair, over
# every pair of tellings of the merge articles and of 84 PolNeAR articles one (the
# resignation above, at 0.16); the next pairs below, at 0.06 and 0.00, are other acts
# (docs/EVALUATION.md, merge6).
ALIKE_STATED_OVERLAP = 0.15
# Share of the smaller telling's context terms above which two tellings sit in one passage
# retold (a wire story and its update, a reprint with edits): half of the words and names
# around the act are the same. Round, and above the usual story evidence; not fitted (on dev
# any value from 0.3 to 0.8 merges the same pairs, docs/EVALUATION.md).
PASSAGE_OVERLAP = 0.5
# CAMEO roots of activities that last: investigate (09), protest (14).
LASTING_CAMEO_ROOTS = ("09", "14")
# Types whose parties act together, told from either side ("met", "worked with").
SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE"})
# PLOVER types of acts of force done to someone, the acts most often told in the passive.
FORCE_TYPES = frozenset({"ASSAULT", "COERCE"})
STATUS_GROUPS = {
    "occurred": "real",
    "ongoing": "real",
    # Planned and possible are told alike ("wanted to speak", "could speak"): not yet real.
    "future": "unreal",
    "hypothetical": "unreal",
    "negated": "negated",
}
# A corpus event's own status is its most real telling's, in this order (the writer and Spark
# both read it): a telling that says the act was done outweighs one that read it as planned.
STATUS_REALNESS = ("occurred", "ongoing", "future", "hypothetical", "negated")
# Function words and reporting words: shared by every story, they say nothing about which.
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "said",
        "says",
        "say",
        "told",
        "tell",
        "according",
        "mr",
        "mrs",
        "ms",
        "new",
        "one",
        "two",
        "three",
        "year",
        "years",
        "week",
        "day",
        "days",
        "time",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "people",
        "last",
        "first",
        "us",
        "percent",
    ]
)
# Head nouns of a description naming a public body by what it deals with ("immigration
# authorities", "election officials"), singular as ``_words`` gives them: such a party is the
# body another outlet names ("the Immigration and Naturalization Service"), one level apart.
INSTITUTION_HEADS = frozenset(
    {
        "authority",
        "official",
        "agency",
        "department",
        "ministry",
        "office",
        "service",
        "regulator",
        "prosecutor",
        "investigator",
    }
)
# Head nouns of a group named by kinship with someone ("the boy's relatives", "the Miami
# family", "Elian's relatives"), singular as ``_words`` gives them (``_noun_singular``): one
# outlet's "relatives" are another's "family" (``same_kin_group``).
KIN_GROUP_HEADS = frozenset({"family", "relative", "kin", "kinsman", "clan", "household"})
# Modifiers of such a description that say where or how high the body sits, not which one it
# is ("state officials", "senior officials"): alone they name no body.
LEVEL_WORDS = frozenset(
    {
        "state",
        "federal",
        "local",
        "city",
        "national",
        "regional",
        "government",
        "senior",
        "top",
        "former",
        "foreign",
        "other",
        "public",
    }
)
# Lower-case words inside a person's full name ("Ana de la Cruz", "Ludwig van Beethoven").
NAME_PARTICLES = frozenset({"de", "la", "del", "della", "da", "di", "dos", "du", "van", "von",
                            "der", "den", "ter", "bin", "ibn", "al", "el", "le"})  # fmt: skip
# Entity types whose mention in the surrounding sentences ties a telling to a story.
NAMED_TYPES = {"PERSON", "ORG", "GROUP", "LOCATION", "FACILITY", "EVENT"}
_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")
_POSSESSIVE = re.compile(r"'s$")
# The end of a sentence (punctuation, an optional closing quote) and the space after it.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s+|\n\n")


@dataclass(frozen=True)
class Telling:
    """What one article says about one event, reduced to what identity is judged on."""

    article_id: str
    local_id: str
    story_id: str
    type: str
    status: str
    actors: frozenset[str]
    recipients: frozenset[str]
    date: str | None  # the event's own stated date, never a publication-date stand-in
    place: str | None
    terms: frozenset[str]
    published: str | None = None  # the article's publication day (ISO), if known
    date_precision: str | None = None  # the event record's: "before" for undated background
    trigger: str = ""  # the word naming the event, lower-cased and singular
    cameo: str | None = None  # the CAMEO code the events stage gave the telling, if any
    # The states (``state_actor``: "state:RUS") its actors and recipients act for, if any.
    actor_states: frozenset[str] = frozenset()
    recipient_states: frozenset[str] = frozenset()
    # The names its article gives its actors and recipients (each entity's name and the
    # other forms it is named by, lower-cased; ``party_names``), for ``same_passage``.
    actor_names: frozenset[str] = frozenset()
    recipient_names: frozenset[str] = frozenset()
    # The bodies its actors act for by their title in the article ("police officer Jane
    # Doe": the police; ``affiliation.bodies_acted_for``), and its recipients that are persons
    # named in full (``_fully_named_person``), for ``same_victim``.
    actor_bodies: frozenset[str] = frozenset()
    recipient_people: frozenset[str] = frozenset()


def own_date(event: Event) -> str | None:
    """The date the article states for the event, or the news day its lead states (not the
    publication date standing in); for an act whose own date is unknown, the date of the
    story that tells it (``Event.story_date``: the article's news day, the day of the act it
    is the object of), so that two outlets telling it in one day's news agree."""
    if event.date is None and event.story_date is not None:
        return event.story_date if re.match(r"^\d{4}", event.story_date) else None
    if event.date is None or event.date_is_fallback or event.date_source == "publication":
        return None
    return event.date if re.match(r"^\d{4}", event.date) else None


def identity_precision(event: Event) -> str | None:
    """The event's ``date_precision`` as merging reads it: an undated act dated by its story
    (``own_date``) is pinned in time like a dated one, not "before" (undated background)."""
    if event.date is None and own_date(event) is not None:
        return None
    return event.date_precision


def context_terms(analysis: Analysis, event: Event, ids: dict[str, str]) -> frozenset[str]:
    """Content words (lower-cased, no function words) of the event's sentence and its
    neighbours, and the corpus ids of the entities mentioned there; leaving out the event's
    own participants and trigger, which every telling of any such event shares."""
    text, (low, high) = _context_text(analysis, event)
    participants = {*event.actor, *event.recipient}
    own_words = set(_short_words(event.trigger))
    for entity in analysis.entities:
        if entity.id in participants:
            for name in (entity.name, *entity.aliases, *(m.text for m in entity.mentions)):
                own_words.update(_short_words(name))
    terms = {w for w in _words(text[low:high]) if w not in own_words}
    terms |= _sense_terms(terms)
    for entity in analysis.entities:
        if entity.id in participants or entity.type not in NAMED_TYPES:
            continue
        if any(m.field == event.field and low <= m.start < high for m in entity.mentions):
            terms.add("entity:" + ids.get(entity.id, entity.id))
    return frozenset(terms)


def _context_text(analysis: Analysis, event: Event) -> tuple[str, tuple[int, int]]:
    """The text the event is told in and the span of its context: its sentence and
    ``CONTEXT_SENTENCES`` either side in the body; a headline or other line whole."""
    text = analysis.article.text if event.field == "text" else event.sentence
    if event.field == "text" and text:
        bounds = _sentence_bounds(text)
        # The last sentence start at or before the event (the final bound closes the text).
        index = bisect.bisect_right(bounds, event.start, 0, len(bounds) - 1) - 1
        low = bounds[max(0, index - CONTEXT_SENTENCES)]
        high = bounds[min(len(bounds) - 1, index + 1 + CONTEXT_SENTENCES)]
        return text, (low, high)
    return text, (0, len(text))


@functools.lru_cache(maxsize=4)
def _sentence_bounds(text: str) -> tuple[int, ...]:
    """Where the sentences of ``text`` start, then its length (ascending). Kept for the last
    few texts: the writer asks once for every event of an article, in a row."""
    return (0, *(m.end() for m in _SENTENCE_END.finditer(text)), len(text))


def party_names(analysis: Analysis, ids: Iterable[str]) -> frozenset[str]:
    """The names the article gives the entities ``ids`` (local ids): each one's canonical name
    and its other forms (``Entity.aliases``: names and descriptions, not pronouns),
    lower-cased. Coreference may pick another canonical name for one party in each article
    ("Elian's relatives", "the boy's relatives"); the forms they share still say who it is."""
    wanted = set(ids)
    return frozenset(
        form.strip().lower()
        for entity in analysis.entities
        if entity.id in wanted
        for form in (entity.name, *entity.aliases)
        if form.strip()
    )


def _words(text: str) -> list[str]:
    """Content words, lower-cased, acronyms without dots ("F.B.I." = "FBI"), possessive and
    plural -s off ("Clinton's" = "Clinton", "emails" = "email")."""
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)
    words = (_POSSESSIVE.sub("", w.lower()).strip("'-") for w in _WORD.findall(text))
    return [_singular(w) for w in words if len(w) > 2 and w not in STOPWORDS]


# Names, mentions and trigger words up to this length have their words remembered: an
# article's participants are named again for each of its events, and across articles.
_SHORT_TEXT = 120


def _short_words(text: str) -> tuple[str, ...]:
    """``_words`` of a short string (a name, a mention), memoised; longer ones computed."""
    return _memo_words(text) if len(text) <= _SHORT_TEXT else tuple(_words(text))


@functools.lru_cache(maxsize=8192)
def _memo_words(text: str) -> tuple[str, ...]:
    return tuple(_words(text))


def _sense_terms(words: Iterable[str]) -> set[str]:
    """The lexicon sense of each event word among ``words`` ("sense:090" for "probe",
    "inquiry", "investigation"), so that outlets naming the act in other words share it."""
    return {"sense:" + code for word in words for code in trigger_senses(word)}


def telling(
    analysis: Analysis,
    event: Event,
    ids: dict[str, str],
    story_id: str,
    place: str | None,
    states: dict[str, str] | None = None,
) -> Telling:
    """What the article says about ``event`` (``ids``: local -> corpus entity ids; ``states``:
    ``state_ids`` of the analysis, computed here when not given)."""
    states = state_ids(analysis) if states is None else states
    return Telling(
        article_id=analysis.article.id,
        local_id=event.id,
        story_id=story_id,
        type=event.type,
        status=event.status,
        actors=frozenset(ids.get(a, a) for a in event.actor),
        recipients=frozenset(ids.get(r, r) for r in event.recipient),
        date=own_date(event),
        place=place or None,
        terms=context_terms(analysis, event, ids),
        published=published.isoformat() if (published := analysis.article.published_date) else None,
        date_precision=identity_precision(event),
        trigger=trigger_word(event.trigger),
        cameo=event.cameo,
        actor_states=frozenset(states[a] for a in event.actor if a in states),
        recipient_states=frozenset(states[r] for r in event.recipient if r in states),
        actor_names=party_names(analysis, event.actor),
        recipient_names=party_names(analysis, event.recipient),
        actor_bodies=frozenset(ids.get(b, b) for b in bodies_acted_for(analysis, event.actor)),
        recipient_people=frozenset(
            ids.get(e.id, e.id)
            for e in analysis.entities
            if e.id in event.recipient and _fully_named_person(e)
        ),
    )


def _fully_named_person(entity: Entity) -> bool:
    """A person named by given name and surname ("Terence Crutcher", "Ana de la Cruz"): one
    person across articles. A corpus entity is keyed by its name, so a description ("a man",
    "the driver") or a lone surname would be anyone's in another article."""
    if entity.type != "PERSON":
        return False
    words = entity.name.split()
    capitalised = [w for w in words if w[:1].isupper()]
    return len(capitalised) >= 2 and all(
        w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words
    )


def trigger_word(trigger: str) -> str:
    """The trigger as compared across articles: lower-cased, a plural -s off."""
    return _singular(trigger.strip().lower())


def dates_agree(a: str | None, b: str | None) -> bool:
    """Whether two stated dates can be one event's: days at most ``DAY_TOLERANCE`` apart, or
    a day, week or month that overlaps the other's week or month."""
    if a is None or b is None:
        return False
    period_a, period_b = _period(a), _period(b)
    if period_a is None or period_b is None:
        return False
    single_days = period_a[0] == period_a[1] and period_b[0] == period_b[1]
    tolerance = timedelta(days=DAY_TOLERANCE if single_days else 0)
    return not (period_a[1] + tolerance < period_b[0] or period_b[1] + tolerance < period_a[0])


_WEEK = re.compile(r"^(\d{4})-W(\d\d)$")


def _period(value: str) -> tuple[date, date] | None:
    """The first and last day of a stated day, ISO week or month ("2016-10-28", "2016-W37",
    "2016-10"); None for a year or anything vaguer."""
    try:
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            day = date.fromisoformat(value[:10])
            return day, day
        week = _WEEK.match(value)
        if week:
            monday = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
            return monday, monday + timedelta(days=6)
        if len(value) == 7:
            first = date.fromisoformat(value + "-01")
            following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
            return first, following - timedelta(days=1)
    except ValueError:
        return None
    return None


def _span(told: Telling) -> tuple[date, date] | None:
    """When the telling's event may have happened: its stated day or month; undated, the
    days shortly before its article's publication (told in the perfect: the month before it);
    None when neither is known."""
    if told.date is not None:
        return _period(told.date)
    if told.published is None:
        return None
    try:
        published = date.fromisoformat(told.published[:10])
    except ValueError:
        return None
    days = BEFORE_DAYS if told.date_precision == "before" else FALLBACK_DAYS
    return published - timedelta(days=days), published


DateAgreement = Literal["stated", "weak", "no"]


def date_agreement(a: Telling, b: Telling) -> DateAgreement:
    """``stated`` when both dates are stated and agree, ``weak`` when either is only known
    from its article's publication and the two spans of time meet, else ``no``."""
    if a.date is not None and b.date is not None:
        if dates_agree(a.date, b.date):
            return "stated"
        return "weak" if _adjacent_periods(a.date, b.date) else "no"
    span_a, span_b = _span(a), _span(b)
    if span_a is None or span_b is None:
        return "no"
    tolerance = timedelta(days=DAY_TOLERANCE)
    (low_a, high_a), (low_b, high_b) = span_a, span_b
    if high_b + tolerance < low_a or high_a + tolerance < low_b:
        return "no"
    return "weak"


def _adjacent_periods(a: str, b: str) -> bool:
    """Two stated dates, one a week or a month, that do not overlap but touch (June and July,
    a week and the Monday after it): a week or month is often resolved from a vague phrase
    ("earlier this summer", "last week"), and an outlet may name the month before or after
    the one another gives. As weak as a date known from publication."""
    period_a, period_b = _period(a), _period(b)
    if period_a is None or period_b is None:
        return False
    if period_a[0] == period_a[1] and period_b[0] == period_b[1]:
        return False  # two days: DAY_TOLERANCE already decided
    tolerance = timedelta(days=DAY_TOLERANCE)
    return not (period_a[1] + tolerance < period_b[0] or period_b[1] + tolerance < period_a[0])


def candidate_times(tellings: Iterable[Telling]) -> tuple[set[str], set[date]]:
    """What a stored telling's time must match for it to possibly agree with one of
    ``tellings`` (``date_agreement``): the months and ISO weeks ("2016-10", "2016-W43") its
    own date may fall in, and the publication days an undated one's article may have."""
    months: set[str] = set()
    days: set[date] = set()
    tolerance = timedelta(days=DAY_TOLERANCE)
    for told in tellings:
        span = time_reach(told)
        if span is None:
            continue
        # A stored lasting telling dated up to LASTING_DAYS later reaches back to this one.
        later = timedelta(days=LASTING_DAYS if _lasting(told) else 0)
        low, high = span[0] - tolerance, span[1] + tolerance + later
        day = low
        while day <= high + timedelta(days=BEFORE_DAYS):
            if day <= high:
                year, week, _ = day.isocalendar()
                months.update((day.isoformat()[:7], f"{year}-W{week:02d}"))
            days.add(day)
            day += timedelta(days=1)
    return months, days


def story_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def same_story(a: Telling, b: Telling, overlap: float = STORY_OVERLAP) -> bool:
    return a.story_id == b.story_id or story_overlap(a.terms, b.terms) >= overlap


def participants_agree(a: Telling, b: Telling, by_name: bool = False) -> bool:
    """Actors are one party (a shared corpus entity, or one state: ``state_actor``; with
    ``by_name``, also a name both articles give it: ``same_passage``), and so are recipients
    unless one side names none."""
    if not (
        a.actors & b.actors
        or a.actor_states & b.actor_states
        or (by_name and a.actor_names & b.actor_names)
    ):
        return False
    return recipients_agree(a, b, by_name)


def recipients_agree(a: Telling, b: Telling, by_name: bool = False) -> bool:
    """Recipients are one party (as actors are in ``participants_agree``), unless one side
    names none or names only someone it does not identify (``_unidentified``)."""
    if not a.recipients or not b.recipients or _unidentified(a) or _unidentified(b):
        return True
    return bool(
        a.recipients & b.recipients
        or a.recipient_states & b.recipient_states
        or (by_name and a.recipient_names & b.recipient_names)
    )


def _unidentified(told: Telling) -> bool:
    """Whether the telling's recipients are named only by indefinite descriptions ("a
    Tanzanian man", "an aid worker"): someone its article does not identify, who may be the
    person another outlet names; as good as naming none. "Another man" says he is not."""
    return bool(told.recipient_names) and all(
        name.startswith(("a ", "an ")) for name in told.recipient_names
    )


def named_around(told: Telling) -> frozenset[str]:
    """The corpus entities a telling names: its participants and the entities of the
    sentences around it (its ``entity:`` context terms); and the states its actors act for
    (what blocking looks a telling up by: ``participant_keys``)."""
    around = {term[7:] for term in told.terms if term.startswith("entity:")}
    return told.actors | told.recipients | frozenset(around) | told.actor_states


def participants_either_way(a: Telling, b: Telling) -> bool:
    """For two tellings of a lasting activity (an investigation, a protest) of which one
    names only one side: every participant of each is named around the other, whatever role
    each outlet gave it. A name modifying such a noun may be its doer or its target ("the
    FBI probe", "the Clinton probe"): the roles say less than who is named."""
    if not (_either_way(a) and _either_way(b)):
        return False
    if a.actors and a.recipients and b.actors and b.recipients:
        return False  # both name both sides: their roles are told, compare them as told
    participants_a, participants_b = a.actors | a.recipients, b.actors | b.recipients
    if not participants_a or not participants_b:
        return False
    return participants_a <= named_around(b) and participants_b <= named_around(a)


def _pinned(told: Telling) -> bool:
    """Whether the telling is pinned in time: its own date, or the news of the days before
    its article; not undated background told in the perfect (``date_precision`` "before")."""
    return told.date_precision != "before"


def _either_way(told: Telling) -> bool:
    """Whether ``participants_either_way`` may compare the telling: a lasting activity pinned
    in time (its own date, or the news of the days before its article). Undated background
    ("had opened an inquiry") may as well be an earlier investigation of the same people."""
    return _pinned(told) and _lasting_activity(told)


def victim_as_doer(a: Telling, b: Telling) -> bool:
    """For an act of force (``FORCE_TYPES``): one telling names only a doer, and that doer is
    the other telling's target. Such acts are told in the passive more than any others ("was
    shot and killed by an officer", "was arrested"), and a parse that misses the passive
    takes the victim for the doer; the other outlet, telling who did it, settles the roles."""
    if a.type not in FORCE_TYPES or b.type not in FORCE_TYPES:
        return False
    return any(
        one.actors and not one.recipients and other.actors and one.actors <= other.recipients
        for one, other in ((a, b), (b, a))
    )


def same_passage(a: Telling, b: Telling) -> bool:
    """Two tellings of one passage retold, their parties named alike: the same word for the
    act, at least ``PASSAGE_OVERLAP`` of the smaller context shared (an entity named in
    both), roles not swapped, and actors (and recipients, when both name them) one party by
    ``participants_agree`` or by a name both articles give them (``Telling.actor_names``).
    An update of a wire story or an edited reprint repeats the paragraph around the act, and
    coreference may name its doer differently in each ("Elian's relatives" and "the boy's
    relatives", both named "Elian's relatives"); the shared passage makes the shared name
    safe to read as one party, where two stories' "the relatives" would be anyone's."""
    return _one_passage(a, b) and participants_agree(a, b, by_name=True)


def _one_passage(a: Telling, b: Telling) -> bool:
    """The two tellings sit in one passage retold: the same word for the act, at least
    ``PASSAGE_OVERLAP`` of the smaller context shared with an entity named in both, and roles
    not swapped."""
    if not a.trigger or a.trigger != b.trigger or _roles_swapped(a, b):
        return False
    if not named_around(a) & named_around(b):
        return False
    return story_overlap(a.terms, b.terms) >= PASSAGE_OVERLAP


def statuses_agree(a: Telling, b: Telling, retold: bool = True) -> bool:
    """The two tellings' statuses are in one ``STATUS_GROUPS`` group; with ``retold``, also
    an act told as planned in one and as done in the other when both tell it in one passage
    retold (``_one_passage``, by the same word): the words of the act are the same, so the
    status differs by how each article's frame was read (the day of "Cuba predicted
    Wednesday" taken as the act's, turning "will proceed to impede" into a past act), not by
    what was told. A plan and its carrying out are told in other words ("will meet", "met")
    and stay apart; a denial ("did not", ``negated``) never meets an act told as real."""
    group_a, group_b = STATUS_GROUPS.get(a.status), STATUS_GROUPS.get(b.status)
    if group_a == group_b:
        return True
    if not retold or "negated" in (group_a, group_b):
        return False
    return _one_passage(a, b)


def described_body(a: Telling, b: Telling) -> bool:
    """Two tellings of one act by the same word on one stated day, where one outlet describes
    the doer as a public body by what it deals with ("immigration authorities ruled") and the
    other names a body whose name holds that word ("the Immigration and Naturalization
    Service ruled"): one party named at two levels, as two corpus entities. Recipients must
    agree (``recipients_agree``); roles not swapped. The description says less than a
    name, so the act must be told alike and dated alike (``date_agreement`` "stated")."""
    if not a.trigger or a.trigger != b.trigger or _roles_swapped(a, b):
        return False
    if not (_describes(a.actor_names, b.actor_names) or _describes(b.actor_names, a.actor_names)):
        return False
    if not recipients_agree(a, b):
        return False
    return date_agreement(a, b) == "stated"


def _describes(descriptions: Iterable[str], names: Iterable[str]) -> bool:
    """Whether one of ``descriptions`` is a public body's description (an ``INSTITUTION_HEADS``
    noun after words saying what it deals with) whose words, but the head and
    ``LEVEL_WORDS``, all occur in one of ``names`` (another form than the description)."""
    named = [(name, set(_short_words(name))) for name in names]
    for description in descriptions:
        words = _words(description)
        if len(words) < 2 or _noun_singular(words[-1]) not in INSTITUTION_HEADS:
            continue
        domain = set(words[:-1]) - LEVEL_WORDS
        if domain and any(name != description and domain <= held for name, held in named):
            return True
    return False


def same_kin_group(a: Telling, b: Telling) -> bool:
    """Two tellings of one act by the same word whose doers are groups named by kinship with
    someone ("the boy's relatives refused", "the Miami family refused"), anchored alike: a word
    of the one group's name besides its kinship noun (whose relatives: "Elian", "boy"; where:
    "Miami") is a word of the other's (``_kin_anchors``). Outlets call one family "relatives"
    or "family" and anchor it on the person the story is about; coreference makes them two
    corpus entities. A bare "the family" or "the relatives" anchors nothing (two stories'
    families are anyone's). Recipients must agree (``recipients_agree``); roles not swapped;
    dates and story are tested as for any pair."""
    if not a.trigger or a.trigger != b.trigger or _roles_swapped(a, b):
        return False
    if not _kin_anchors(a.actor_names) & _kin_anchors(b.actor_names):
        return False
    return recipients_agree(a, b)


def _kin_anchors(names: Iterable[str]) -> frozenset[str]:
    """The words of the kinship-group names among ``names`` (a ``KIN_GROUP_HEADS`` noun last)
    other than their kinship nouns: what each group is anchored on."""
    anchors: set[str] = set()
    for name in names:
        words = [_noun_singular(w) for w in _short_words(name)]
        if len(words) >= 2 and words[-1] in KIN_GROUP_HEADS:
            anchors.update(w for w in words[:-1] if w not in KIN_GROUP_HEADS)
    return frozenset(anchors)


def _kin_keys(told: Telling) -> frozenset[str]:
    """Blocking keys for ``same_kin_group``: the trigger word with each anchor of its actors'
    kinship-group names ("kin:refused|miami"); two tellings it may join share one."""
    if not told.trigger:
        return frozenset()
    return frozenset(f"kin:{told.trigger}|{word}" for word in _kin_anchors(told.actor_names))


def _noun_singular(word: str) -> str:
    """A word of ``_words`` in the singular: it takes only the -s off a plural, leaving the
    "-ie" of "-ies" ("authorities": "authoritie", here "authority")."""
    return word[:-2] + "y" if word.endswith("ie") and len(word) > 4 else word


def _level_keys(told: Telling) -> frozenset[str]:
    """Blocking keys for ``described_body``: the trigger word with each word of its actors'
    names ("level:ruled|immigration"); two tellings it may join share one."""
    if not told.trigger:
        return frozenset()
    return frozenset(
        f"level:{told.trigger}|{word}" for name in told.actor_names for word in _short_words(name)
    )


def _roles_swapped(a: Telling, b: Telling) -> bool:
    """Whether one telling's actor is the other's recipient (as an entity or as a state),
    unless the type is one whose parties act together (a meeting told from either side)."""
    if a.type in SYMMETRIC_TYPES:
        return False
    return bool(
        a.actors & b.recipients
        or b.actors & a.recipients
        or a.actor_states & b.recipient_states
        or b.actor_states & a.recipient_states
    )


def _passage_keys(told: Telling) -> frozenset[str]:
    """Blocking keys for ``same_passage``: the trigger word with each entity named around the
    telling ("passage:fought|<entity id>"); two tellings it may join share one."""
    if not told.trigger:
        return frozenset()
    return frozenset(f"passage:{told.trigger}|{entity}" for entity in named_around(told))


def participant_keys(told: Telling) -> tuple[frozenset[str], frozenset[str]]:
    """(the entities another telling must name, the entities it names) for the two to be
    possibly compatible (``participants_compatible``): its actors and its actors; for a
    telling ``participants_either_way`` compares, its participants and ``named_around``; for
    an act of force, its actors and its participants (``victim_as_doer``); each with the
    states its actors act for (``participants_agree``), and in both sets the trigger word
    paired with each entity named around it (``same_passage``) and with each word of its
    actors' names (``described_body``) and with each anchor of its actors' kinship-group
    names (``same_kin_group``), and the bodies its actors act for
    (``acts_for_body``). Two tellings can only agree when the first set of one meets the
    second of the other (blocking)."""
    states = told.actor_states
    passage = _passage_keys(told) | _level_keys(told) | _kin_keys(told)
    # The bodies its actors act for are keys both ways (``acts_for_body``): such a telling
    # may agree with one whose actor is that body.
    keys = states | passage | told.actor_bodies
    if _either_way(told):
        return told.actors | told.recipients | keys, named_around(told) | keys
    if told.type in FORCE_TYPES:
        return told.actors | keys, told.actors | told.recipients | keys
    return told.actors | keys, told.actors | keys


def participants_compatible(a: Telling, b: Telling) -> bool:
    """The participants test of ``same_event``: ``participants_agree``, or for a lasting
    activity ``participants_either_way``, or for an act of force ``victim_as_doer``, or for
    one passage retold ``same_passage``, or for a body one outlet describes and the other
    names ``described_body``, or for groups named by kinship with one person
    ``same_kin_group``."""
    return (
        participants_agree(a, b)
        or participants_either_way(a, b)
        or victim_as_doer(a, b)
        or same_passage(a, b)
        or described_body(a, b)
        or same_kin_group(a, b)
        or acts_for_body(a, b)
    )


def acts_for_body(a: Telling, b: Telling) -> bool:
    """One telling's actor is a person its article names by a title in the body that is the
    other telling's actor ("police officer Jane Doe shot" / "was shot by police"), and the
    recipients agree (``recipients_agree``). Two persons of one body stay two parties."""
    if not (a.actor_bodies & b.actors or b.actor_bodies & a.actors):
        return False
    return recipients_agree(a, b) and not _roles_swapped(a, b)


# The tests of ``same_event`` in the order it applies them.
Disagreement = Literal["type", "status", "parties", "place", "dates", "story"]


def _compatible(
    a: Telling, b: Telling, participants: Callable[[Telling, Telling], bool] = participants_agree
) -> bool:
    """Type, status group, participants and (when both are known) place agree: what both
    versions of the reader's test require before they look at dates and story."""
    return _first_mismatch(a, b, participants) is None


def _first_mismatch(
    a: Telling,
    b: Telling,
    participants: Callable[[Telling, Telling], bool],
    retold: bool = False,
) -> Disagreement | None:
    """The first of type, status group (``statuses_agree``; with ``retold``, a passage retold
    may differ between planned and done), participants and place (when both are known) on
    which the two tellings differ, or None."""
    if a.type != b.type:
        return "type"
    if not statuses_agree(a, b, retold):
        return "status"
    if not participants(a, b):
        return "parties"
    if a.place and b.place and a.place != b.place:
        return "place"
    return None


def same_event(a: Telling, b: Telling) -> bool:
    """Whether two tellings from different articles are one event (see the module doc)."""
    return disagreement(a, b) is None


def disagreement(a: Telling, b: Telling) -> Disagreement | None:
    """The first test of ``same_event`` the two tellings fail, or None when they are one
    event: what ``dateline eval merge --errors`` counts a missed pair under."""
    mismatch = _first_mismatch(a, b, participants_compatible, retold=True)
    if mismatch is not None:
        return mismatch
    agreement = _time_agreement(a, b)
    if agreement == "no":
        return "dates"
    return None if _story_told(a, b, agreement) else "story"


def disagreements(a: Telling, b: Telling) -> list[Disagreement]:
    """Every test of ``same_event`` the two tellings fail, in the order ``disagreement``
    applies them (its answer is the first): a missed pair may fail several, and relaxing the
    first alone would not join it. Dates that disagree are read as weak for the story test."""
    failed: list[Disagreement] = []
    if a.type != b.type:
        failed.append("type")
    if not statuses_agree(a, b, retold=True):
        failed.append("status")
    if not participants_compatible(a, b):
        failed.append("parties")
    if a.place and b.place and a.place != b.place:
        failed.append("place")
    agreement = _time_agreement(a, b)
    if agreement == "no":
        failed.append("dates")
    if not _story_told(a, b, "weak" if agreement == "no" else agreement):
        failed.append("story")
    return failed


def _time_agreement(a: Telling, b: Telling) -> DateAgreement:
    """``date_agreement``, or for two tellings of a lasting activity whose dates disagree,
    ``lasting_agreement`` (their spans run back ``LASTING_DAYS``)."""
    agreement = date_agreement(a, b)
    if agreement == "no" and _lasting(a) and _lasting(b):
        return lasting_agreement(a, b)
    return agreement


def _story_told(a: Telling, b: Telling, agreement: DateAgreement) -> bool:
    """The story test of ``same_event`` for tellings whose dates agree as ``agreement``
    says: a named victim or an accession needs no shared words, else the context must share
    ``same_story``'s share, more for weak dates (``_overlap_asked``)."""
    if same_victim(a, b) or same_accession(a, b) or same_occupation(a, b):
        return True
    return same_story(a, b, _overlap_asked(a, b, agreement))


def _overlap_asked(a: Telling, b: Telling, agreement: DateAgreement) -> float:
    """The story overlap ``same_event`` asks of two tellings whose dates agree as
    ``agreement`` says."""
    alike = triggers_alike(a, b)
    if agreement == "stated":
        return ALIKE_STATED_OVERLAP if alike else STORY_OVERLAP
    # Weak dates ask for more evidence of the same story, unless both outlets name the act
    # alike ("the probe" and "the inquiry"); for a lasting activity so named (an
    # investigation of the same target) less still: outlets tell it from different angles.
    # Not for two undated tellings of background ("the Clinton inquiry"), whose spans reach
    # a month back and meet an earlier investigation of the same people as easily.
    # And not for any two undated background tellings ("while the agency investigated"): they
    # name an activity by its common word whoever did it when, so the word alike is no
    # evidence of one story, and a background probe naming no target would join probes of two
    # targets a month apart.
    # A target one side names and the other does not even name around it: the word alike
    # says only what kind of act it is ("the bureau is reviewing more emails" and "an F.B.I.
    # investigation into his business dealings"), not whose, so it earns no discount.
    if alike and (_pinned(a) or _pinned(b)) and _target_named_around(a, b):
        return LASTING_OVERLAP if _lasting(a) and _lasting(b) else STORY_OVERLAP
    return WEAK_DATE_OVERLAP


def _target_named_around(a: Telling, b: Telling) -> bool:
    """Unless both or neither name a recipient, the one side's recipient is named in the
    other's sentences (``named_around``): an outlet telling "the probe" without its target
    names the target nearby when it means the same probe."""
    if bool(a.recipients) == bool(b.recipients):
        return True
    named, other = (a, b) if a.recipients else (b, a)
    return bool(named.recipients & named_around(other))


def same_victim(a: Telling, b: Telling) -> bool:
    """An act of force (``FORCE_TYPES``) done to one person named in full, told by both
    (``Telling.recipient_people``): the person is the story. Once the parties and dates
    agree, who was shot or arrested says more about which act it is than the words around
    it, which each outlet picks from its own angle (the shooting, the video, the charge, the
    protests)."""
    # Not for two undated tellings of background ("has hit Trump hard", "an ad hitting
    # Trump"), each reaching a month back: a public figure is the target of many such acts
    # (most of them figures of speech) in a month, so the name says nothing about which.
    if not (_pinned(a) or _pinned(b)):
        return False
    return a.type in FORCE_TYPES and bool(a.recipient_people & b.recipient_people)


def same_accession(a: Telling, b: Telling) -> bool:
    """Both tell a state joining a body ("joined NATO", "became members of NATO", "Hungary's
    accession to NATO"; ``events.triggers.accession_trigger``) as done. Once the parties and
    dates agree this is the story: a state joins an alliance once, and outlets tell the day
    from the ceremony, the signatures or the celebrations, sharing few words. A planned
    accession is talked about for years, so it still needs the words."""
    return _accession(a) and _accession(b) and a.status == b.status == "occurred"


def same_occupation(a: Telling, b: Telling) -> bool:
    """Both tell one state seizing another's territory (CAMEO 192: "Iraq's invasion of
    Kuwait", "invaded", "the occupation of"; ``events.triggers.OCCUPATION``) as done, the
    seized state named in both (``Telling.recipient_states``), at least one telling pinned in
    time. Once the parties and dates agree this is the story, as a named victim is for an act
    of force on a person: a state invades another once in a month, and outlets retell it in
    a background clause among words of their own day (the embargo, the talks, the troops)."""
    if not (_pinned(a) or _pinned(b)):
        return False
    from dateline.events.triggers import OCCUPATION

    return (
        a.cameo == b.cameo == OCCUPATION
        and a.status == b.status == "occurred"
        and bool(a.recipient_states & b.recipient_states)
    )


def _accession(told: Telling) -> bool:
    from dateline.events.triggers import ACCESSION, ACCESSION_WORDS

    return told.cameo == ACCESSION and told.trigger in ACCESSION_WORDS


def trigger_senses(word: str) -> frozenset[str]:
    """The CAMEO codes the event lexicon gives a trigger word (``events.lexicon.word_senses``):
    words sharing one name the same kind of act."""
    from dateline.events.lexicon import word_senses

    return word_senses(word)


def triggers_alike(a: Telling, b: Telling) -> bool:
    """Whether the two outlets name the act with the same word or with words of one sense in
    the event lexicon."""
    if not a.trigger or not b.trigger:
        return False
    return a.trigger == b.trigger or bool(telling_senses(a) & telling_senses(b))


def telling_senses(told: Telling) -> frozenset[str]:
    """The lexicon senses of the telling's trigger that agree with the CAMEO code the events
    stage gave it (the same root): "questioned the health of the candidate", coded as
    criticism, is no investigation though "question" may name one. Without a code, every
    sense of the word. A phrasal verb is stored by its verb alone ("step" of "step down"):
    the code the events stage gave it is its sense when the lexicon lists the verb with a
    particle under that code (``phrasal_senses``), so "stepped down" and "resigned" agree."""
    senses = trigger_senses(told.trigger)
    if not told.cameo:
        return senses
    own = frozenset(code for code in senses if code[:2] == told.cameo[:2])
    return own | (frozenset({told.cameo}) & phrasal_senses(told.trigger))


def phrasal_senses(word: str) -> frozenset[str]:
    """The CAMEO codes the event lexicon gives a verb only with a particle
    (``events.lexicon.phrasal_senses``)."""
    from dateline.events.lexicon import phrasal_senses as senses

    return senses(word)


def _lasting(told: Telling) -> bool:
    """An ongoing event, or one whose trigger names an activity that lasts (an investigation,
    a protest): outlets date it by the day they mention it."""
    return told.status == "ongoing" or _lasting_activity(told)


def _lasting_activity(told: Telling) -> bool:
    """Whether the trigger names an activity that lasts (CAMEO ``LASTING_CAMEO_ROOTS``)."""
    return any(code.startswith(LASTING_CAMEO_ROOTS) for code in telling_senses(told))


def time_reach(told: Telling) -> tuple[date, date] | None:
    """When the telling's event may have happened as merging compares it: ``_span``, for a
    lasting activity run back ``LASTING_DAYS`` (blocking must cover this)."""
    span = _span(told)
    # Undated background already reaches a month back (``BEFORE_DAYS``): not further.
    if span is None or not _lasting(told) or not _pinned(told):
        return span
    return span[0] - timedelta(days=LASTING_DAYS), span[1]


def lasting_agreement(a: Telling, b: Telling) -> DateAgreement:
    """``weak`` when the two tellings' time spans meet once each lasting telling's span runs
    from ``LASTING_DAYS`` before its date (``time_reach``); else ``no``."""
    span_a, span_b = time_reach(a), time_reach(b)
    if span_a is None or span_b is None:
        return "no"
    (low_a, high_a), (low_b, high_b) = span_a, span_b
    tolerance = timedelta(days=DAY_TOLERANCE)
    return "no" if high_b + tolerance < low_a or high_a + tolerance < low_b else "weak"


def same_event_first(a: Telling, b: Telling) -> bool:
    """The reader's test as first shipped (2026-12-02, until the evening): dates by day, no
    lasting spans, no lexicon senses (kept as a comparison row of ``dateline eval merge``)."""
    if not _compatible(a, b):
        return False
    agreement = date_agreement(a, b)
    if agreement == "no":
        return False
    named_alike = bool(a.trigger) and a.trigger == b.trigger
    weak_overlap = STORY_OVERLAP if named_alike else WEAK_DATE_OVERLAP
    return same_story(a, b, STORY_OVERLAP if agreement == "stated" else weak_overlap)


def same_event_stated_dates(a: Telling, b: Telling) -> bool:
    """The rule before undated tellings could merge: both dates stated and agreeing (kept as
    the comparison row of ``dateline eval merge``)."""
    if a.type != b.type or STATUS_GROUPS.get(a.status) != STATUS_GROUPS.get(b.status):
        return False
    if not (a.actors & b.actors):
        return False
    if a.recipients and b.recipients and not a.recipients & b.recipients:
        return False
    if not dates_agree(a.date, b.date):
        return False
    if a.place and b.place and a.place != b.place:
        return False
    return same_story(a, b)


def cluster(
    tellings: Sequence[Telling], same: Callable[[Telling, Telling], bool] | None = None
) -> list[int]:
    """Cluster numbers for ``tellings``, the way ingest builds corpus events: the connected
    parts of ``same`` (default ``same_event``) over pairs from different articles, numbered by
    their first telling. Any order of the tellings gives the same parts."""
    decide = same or same_event
    parent = list(range(len(tellings)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for j, later in enumerate(tellings):
        for i in range(j):
            earlier = tellings[i]
            apart = earlier.article_id != later.article_id and root(i) != root(j)
            if apart and decide(earlier, later):
                low, high = sorted((root(i), root(j)))
                parent[high] = low
    numbers: dict[int, int] = {}
    return [numbers.setdefault(root(i), len(numbers)) for i in range(len(tellings))]


class EventHandle(Protocol):
    """A corpus event as the merge loop knows it: by its id (lower ids are older)."""

    @property
    def event_id(self) -> int: ...


Ref = TypeVar("Ref", bound=EventHandle)


def attach_telling(
    known: dict[int, tuple[Ref, list[Telling]]],
    told: Telling,
    tells: Callable[[Ref, Sequence[Telling]], bool],
    start: Callable[[], Ref],
) -> tuple[Ref, list[int]]:
    """Attach a new telling to the corpus events it tells, the one merge step of ingest
    (``StoreWriter`` and ``dateline spark ingest`` both run it, mention by mention in ingest
    order).

    ``known`` maps event ids to the event and its tellings so far; ``tells(event, tellings)``
    says whether ``told`` tells that event. A telling that tells none starts an event
    (``start``); one that tells several bridges them: they become one, the oldest (lowest id)
    kept. ``known`` is updated in place (absorbed events removed, their tellings and ``told``
    added to the kept one). Returns the kept event and the ids of the events it absorbed, in
    id order, for the caller to move their mentions."""
    refs = [ref for ref, tellings in known.values() if tells(ref, tellings)]
    if not refs:
        ref = start()
        known[ref.event_id] = (ref, [told])
        return ref, []
    ref = min(refs, key=lambda r: r.event_id)
    absorbed = sorted(other.event_id for other in refs if other is not ref)
    for event_id in absorbed:
        known[ref.event_id][1].extend(known.pop(event_id)[1])
    known[ref.event_id][1].append(told)
    return ref, absorbed


def pairs(labels: Iterable[int]) -> set[tuple[int, int]]:
    """Index pairs (i < j) put in one cluster."""
    listed = list(labels)
    return {
        (i, j)
        for i in range(len(listed))
        for j in range(i + 1, len(listed))
        if listed[i] == listed[j]
    }
