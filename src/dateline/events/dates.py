"""When an event happened, read from the narrative around it.

An article rarely dates every action. A reader takes the date from the event's own clause, else
from its sentence ("While celebrating ... Tuesday night, Trump mocked ..."). When neither dates
it, tense decides:
- an act told in the present ("says", "opposes", "calls for"), it happens at publication: the
  publication date stands in; not a present passive ("is charged", "is accused"), which tells
  the state an earlier act left: unknown, "before";
- an act named by a noun ("the bombing", "a life sentence", "the charges") is a thing the
  sentence mentions: only a date of the noun itself, or of its clause and sentence when a light
  verb tells the act ("held talks on Monday"), dates it; the date of another act it is the
  object of ("Iran on Saturday condemned the bombing") does not, nor the tense of the verb
  that mentions it ("is serving a life sentence"): else unknown, "before";
- a state or process under way (status ongoing: "is investigating", "amid worsening
  protests") began at a time not given: the date stays unknown (``date_precision`` "before");
- in the simple past, it belongs to the story being told: the narrative time of its paragraph
  (a date stated in the sentence before it, in the same paragraph: "In 2014, the firm ... It
  refused ..."; further on, a news story has usually moved to other times than the one it
  stated; a sentence pointing back with "at the time" or "that year" takes the last date stated before
  it, in whichever paragraph), else the article's news day (the day the opening paragraphs name,
  "released Tuesday", "the fatalities on Tuesday") while the story stays on it: after the
  opening, once a sentence has stated another time ("The port was sold in 2019"), the news day
  no longer holds and the act is undated, until a sentence states that day again. Without such
  a day the date stays unknown ("If the text gives no date for a past event, write null",
  docs/annotation/events.md: the publication date would be a guess). A past act told as what
  a past report said ("Interfax reported on Thursday that she had phoned") is dated like the
  report, as the document gold does;
- in the present perfect of the lead paragraph ("Three people have died during protests"), it
  is the news itself: the news day;
- elsewhere in the perfect ("had launched", "has accused", "have long refused"), it is
  background that happened, or began, at some unknown time before the story: the date stays
  unknown (``date_precision`` "before", ``date_source`` "publication"), where guessing the
  publication day would date "had refused ... for years" to the wrong day.
What is planned, possible or denied keeps only a date stated in its own clause or sentence.
A date is a day, month or year, the forms the annotation guideline gives: a season gives its
year; a week or quarter places the act without dating it (``stated``).

Dates are TIMEX3-style values from the time stage; only values placed on the calendar count.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from spacy.attrs import LOWER
from spacy.tokens import Token

from dateline.events.lexicon import light_verbs
from dateline.model import PUBLICATION_DAY_STATUSES, TimeExpression
from dateline.nlp.doctext import token_strings
from dateline.nlp.labels import plain_lower
from dateline.time.lexicon import lexicon as time_lexicon

DateSource = Literal["clause", "sentence", "paragraph", "lead", "publication"]
DatePrecision = Literal[
    "time", "day", "week", "month", "quarter", "season", "year", "decade", "range", "before"
]

# How long before publication the day an article's lead names may lie to be its news day.
NEWS_WEEK = timedelta(days=7)
# Dependency labels of a date that modifies another noun ("Tuesday's debate", "the 2016
# election"): it dates that thing, not the sentence's events.
NOUN_MODIFIER = {"compound", "amod", "nummod", "poss", "nmod", "appos"}
# Auxiliaries of the present: "is fighting", "does not accept", "are held".
PRESENT_AUX = {"is", "are", "am", "'s", "'re", "'m", "does", "do"}
# Penn tags of finite present-tense verbs.
PRESENT_TAGS = {"VBZ", "VBP"}
# Words after which a phrase points back at a time already told ("at the time", "that year",
# "the same day", "by then"): the sentence's events happened at the last date stated before it.
BACK_POINTERS = (
    ("at", "the", "time"),
    ("at", "that", "time"),
    ("by", "then"),
    ("that", "day"),
    ("that", "week"),
    ("that", "month"),
    ("that", "year"),
    ("the", "same", "day"),
    ("the", "same", "week"),
    ("the", "same", "month"),
    ("the", "same", "year"),
)
# How the shape of a TIMEX3 value tells its granularity.
_PRECISION: tuple[tuple[re.Pattern[str], DatePrecision], ...] = (
    (re.compile(r"^\d{4}-\d\d-\d\dT"), "time"),
    (re.compile(r"^\d{4}-\d\d-\d\d$"), "day"),
    (re.compile(r"^\d{4}-W\d\d"), "week"),
    (re.compile(r"^\d{4}-\d\d$"), "month"),
    (re.compile(r"^\d{4}-Q\d"), "quarter"),
    (re.compile(r"^\d{4}-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^\d{3}$"), "decade"),
    (re.compile(r"/"), "range"),
)


# Stretches of the calendar that place an act without dating it (``stated``).
STRETCHES = {"week", "quarter"}

# The value of a time expression the time stage could not place on the calendar ("in the
# spring" of an undated article, "earlier this year" without a publication date).
UNPLACED = ""


@dataclass(frozen=True)
class DatedMention:
    """A time expression of the parsed text: the root token of its span and its value."""

    root: Token
    value: str


@dataclass(frozen=True)
class EventDate:
    """What is known about when an event happened."""

    value: str | None
    source: DateSource | None = None
    precision: DatePrecision | None = None
    # For an act whose own date is unknown (``value`` None): the date of the story that tells
    # it, as the narrative stands where it is told (``story_date``); what cross-article merging
    # compares it by, never reported as its date.
    story: str | None = None

    @property
    def is_fallback(self) -> bool:
        """True when the value is the publication date standing in for an unstated date."""
        return self.source == "publication" and self.value is not None


def precision_of(value: str) -> DatePrecision | None:
    for pattern, precision in _PRECISION:
        if pattern.search(value):
            return precision
    return None


def stated(value: str, source: DateSource) -> EventDate:
    """A date the text states, in the forms an event's date takes (a day, month or year, as
    docs/annotation/events.md writes them): a season gives its year ("last fall", "in the
    spring of 2015"); a week, weekend or quarter ("last week", "earlier this week", "the third
    quarter": in business news the company's fiscal quarter, whose months the text does not
    give) places the act within that stretch without giving its day, month or year apart: the
    date stays null, the stretch is kept (``precision`` "week" or "quarter", the value as the
    story's date for merging)."""
    precision = precision_of(value)
    if precision in STRETCHES:
        return EventDate(None, source, precision, story=value)
    if precision == "season":
        return EventDate(value[:4], source, "year")
    return EventDate(value, source, precision)


def is_present(verb: Token) -> bool:
    """Whether the clause of ``verb`` tells the present: "says", "is fighting", "are held"."""
    aux = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if aux:
        first = aux[0]
        return plain_lower(first) in PRESENT_AUX or (
            first.tag_ in PRESENT_TAGS and first.lemma_ != "have"
        )
    return verb.tag_ in PRESENT_TAGS


def event_verb(trigger: Token, carrier: Token | None) -> Token | None:
    """The verb whose tense is the event's: the trigger itself, or the verb carrying a noun
    ("held talks", "after a call with ...")."""
    if trigger.pos_ in {"VERB", "AUX"}:
        return trigger
    if carrier is not None:
        return carrier
    return _governing_verb(trigger, steps=4)


def told_by_verb(trigger: Token, carrier: Token | None) -> bool:
    """Whether the act is told by a verb: the trigger is not a noun (a verb, or a word the
    parser took for an adjective, "were disappointed"), or a light verb carries the noun ("held
    talks", "launched an offer") and tells the act itself."""
    if trigger.pos_ not in {"NOUN", "PROPN"}:
        return True
    return carrier is not None and carrier.lemma_.lower() in light_verbs()


def dates_event(mention: DatedMention, trigger: Token) -> bool:
    """Whether a date attached to the trigger's clause dates the trigger's event, not what kind
    of thing another noun of the clause is ("criticized the tribunal's ruling of 2007")."""
    return not _describes_noun(mention, trigger)


def _adverbial(mention: DatedMention, trigger: Token) -> bool:
    """A date that says when something in its sentence happened: not what kind of thing a
    noun is ("the 2016 election", "Tuesday's debate" of another event, "the order of 2007"),
    nor where a lasting state starts or is measured ("since 2003", "as of 2016")."""
    return not _describes_noun(mention, trigger) and not _state_reference(mention)


def _state_reference(mention: DatedMention) -> bool:
    root = mention.root
    if root.dep_ != "pobj":
        return False
    prep = root.head
    return prep.lower_ == "since" or (prep.lower_ == "of" and prep.head.lower_ == "as")


def _describes_noun(mention: DatedMention, trigger: Token) -> bool:
    root = mention.root
    if root.head.i == trigger.i:
        return False
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        noun = root.head.head
        # "in the early hours of Thursday", "at the end of March": a part of the time is
        # still a time, not a thing the date describes.
        return noun.pos_ in {"NOUN", "PROPN"} and noun.i != trigger.i and not is_time_part(noun)
    if root.dep_ not in NOUN_MODIFIER:
        return False
    # "disappeared in a 2015 police sweep": the noun places the trigger in time.
    noun = root.head
    return not (
        noun.dep_ == "pobj"
        and noun.head.lower_ in TIME_PLACING_PREPS
        and noun.head.head.i == trigger.i
    )


# Nouns naming a stretch or a bound of time beside the calendar units and parts of the day
# of the time stage's lexicon ("the end of March", "the eve of the vote").
TIME_BOUNDS = {"end", "beginning", "start", "middle", "eve", "course", "hours", "weekend"}


def is_time_part(noun: Token) -> bool:
    """Whether ``noun`` names a part of a time ("the hours of Thursday", "the night of May 3",
    "the first week of June", "the end of 2015"): a date hanging from it by "of" is the time
    of whatever happened then."""
    word = noun.lower_
    vocabulary = time_lexicon()
    return (
        word in TIME_BOUNDS
        or vocabulary.unit(word) is not None
        or word in vocabulary.parts_of_day
        or word in vocabulary.seasons
    )


def _told_in_future(verb: Token) -> bool:
    return any(c.dep_ == "aux" and plain_lower(c) in FUTURE_AUX for c in verb.children)


def _future_act_of_sentence(trigger: Token, mention: DatedMention) -> bool:
    """Whether the date belongs to another act of the sentence told in the future ("He is
    facing charges and will be seen by a judge on April 1"), while the trigger is not.
    (A past report's date does date the act it reports: "reported on Thursday that she had
    phoned" is dated Thursday in the document gold, on several sources.)"""
    verb = _governing_verb(mention.root)
    if verb is None or verb.i == trigger.i:
        return False
    own = trigger if trigger.pos_ in {"VERB", "AUX"} else _governing_verb(trigger)
    if own is None or own.i == verb.i:
        return False
    return _told_in_future(verb) and not _told_in_future(own)


# Prepositions whose noun places an event in time ("in a 2015 sweep", "during the 2016 race").
TIME_PLACING_PREPS = {"in", "during"}
# Auxiliaries of the future.
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
# Prepositions that make an act the reason or content of another act ("criticized her for
# shooting him", "accused of killing", "angry over the firing", "talked about the strike").
CONTENT_PREPS = {"for", "of", "over", "about"}


def _governing_verb(token: Token, steps: int = 8) -> Token | None:
    """The nearest verb above ``token`` in the parse, at most ``steps`` heads up."""
    current = token
    for _ in range(steps):
        if current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            return current
    return None


def _content_of_dated_act(trigger: Token, mention: DatedMention) -> bool:
    """Whether the trigger is told as the reason or content of the act the date belongs to
    ("On Tuesday, Clinton criticized the officer for shooting Crutcher": Tuesday dates the
    criticism, not the shooting, which came before it)."""
    verb = _governing_verb(mention.root)
    if verb is None or verb.i == trigger.i:
        return False
    current = trigger
    through_content = False
    for _ in range(8):
        if current.i == verb.i:
            return through_content
        if current.dep_ == "prep" and current.lower_ in CONTENT_PREPS:
            through_content = True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


# Clauses that tell what a noun is or what was said, thought or seen: a date inside one dates
# that content ("noted that Trump supported the invasion in 2003", "talks it abandoned in
# 2009"), and an act told inside one is a description, not the sentence's news ("an attack that
# the government has blamed on Russia").
# (A participle hanging from a noun, "acl", is not among the first: the parser often hangs a
# sentence's closing date from one, "gunmen wearing uniforms ... in August 2016".)
CONTENT_CLAUSES = {"ccomp", "relcl", "csubj"}
DESCRIBING_CLAUSES = {"relcl", "acl"}
SUBJECTS = {"nsubj", "nsubjpass"}


def _own_clause(token: Token) -> bool:
    """A verb joined by "and"/"but" with a subject of its own: a clause with its own time
    ("relations were strained by X in 2015, but Turkey's apology helped")."""
    return (
        token.dep_ == "conj"
        and token.pos_ in {"VERB", "AUX"}
        and any(c.dep_ in SUBJECTS for c in token.children)
    )


def _path_up(token: Token, stop: set[int]) -> list[Token]:
    """The tokens from ``token`` up to, not including, the first one in ``stop``."""
    path = []
    current = token
    for _ in range(40):
        if current.i in stop:
            break
        path.append(current)
        if current.head.i == current.i:
            break
        current = current.head
    return path


def _in_another_clause(trigger: Token, mention: DatedMention) -> bool:
    """Whether the date and the trigger sit in clauses that do not share their time: the date
    inside a content or relative clause the trigger is outside of, or the trigger inside a
    relative clause describing a noun of the date's clause."""
    trigger_line = {t.i for t in _path_up(trigger, set())}
    date_path = _path_up(mention.root, trigger_line)
    if not date_path or date_path[-1].head.i == date_path[-1].i:
        return False  # no common ancestor: two sentences by the parse
    meeting = date_path[-1].head.i
    if any(t.dep_ in CONTENT_CLAUSES or _own_clause(t) for t in date_path):
        return True
    own_path = _path_up(trigger, {meeting})
    return any(t.dep_ in DESCRIBING_CLAUSES for t in own_path)


def _sentence_values(trigger: Token, times: list[DatedMention]) -> set[str]:
    sentence = trigger.sent
    return {
        t.value
        for t in times
        if sentence.start <= t.root.i < sentence.end
        and _adverbial(t, trigger)
        and not _content_of_dated_act(trigger, t)
        and not _future_act_of_sentence(trigger, t)
        and not _in_another_clause(trigger, t)
    }


def sentence_date(trigger: Token, times: list[DatedMention]) -> str | None:
    """The one date the trigger's sentence states adverbially, if it states exactly one (not
    counting the date of an act whose reason or content the trigger is, nor one told in
    another clause of the sentence that does not share the trigger's time); a time the stage
    could not place on the calendar ("in the spring" of an undated article) counts as a date
    not known."""
    values = _sentence_values(trigger, times)
    value = values.pop() if len(values) == 1 else None
    return value or None


def sentence_states_time(trigger: Token, times: list[DatedMention]) -> bool:
    """Whether the trigger's sentence states a time of its own for it, placed or not: then the
    narrative time of the sentence before is not in force ("went public with an inquiry in
    the spring", "apologised earlier this year")."""
    return bool(_sentence_values(trigger, times))


def paragraph_date(trigger: Token, times: list[DatedMention], paragraph_start: int) -> str | None:
    """The narrative time of the trigger's paragraph: the last date stated adverbially in the
    sentence before the trigger's, in the same paragraph (``paragraph_start``: its first
    character). A date stated further back is no longer in force: news prose moves between
    times (background, reactions, what comes next) without restating them."""
    sentence = trigger.sent
    if sentence.start == 0:
        return None
    previous = sentence.doc[sentence.start - 1].sent
    start = max(paragraph_start, previous.start_char)
    earlier = [
        t for t in times if start <= t.root.idx < sentence.start_char and _adverbial(t, t.root)
    ]
    return max(earlier, key=lambda t: t.root.idx).value if earlier else None


# ``BACK_POINTERS`` by their first word: a sentence's words are looked up once each.
_BACK_POINTERS_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _phrase in BACK_POINTERS:
    _BACK_POINTERS_BY_FIRST.setdefault(_phrase[0], []).append(_phrase)


def points_back(trigger: Token) -> bool:
    """Whether the trigger's sentence dates itself by pointing back at a time told before it
    ("Both men claimed at the time that ...", "That year, the group ...")."""
    sentence = trigger.sent
    # The lower-case words from the document's column, not a ``Token`` per word.
    words = token_strings(trigger.doc, LOWER)[sentence.start : sentence.end]
    for i, word in enumerate(words):
        for phrase in _BACK_POINTERS_BY_FIRST.get(word, ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                return True
    return False


def told_before(trigger: Token, times: list[DatedMention]) -> str | None:
    """The last date stated adverbially before the trigger's sentence, in any paragraph."""
    sentence_start = trigger.sent.start_char
    earlier = [t for t in times if t.root.idx < sentence_start and _adverbial(t, t.root)]
    return max(earlier, key=lambda t: t.root.idx).value if earlier else None


def reported_in_past(verb: Token) -> bool:
    """Whether the verb's clause is the content of a verb in the simple past ("said they
    appreciate", "told reporters that talks are going well"; also a later verb of that content,
    "said they welcome and appreciate the efforts")."""
    first = verb
    for _ in range(4):
        if first.dep_ != "conj" or first.head.i == first.i:
            break
        first = first.head
    return first.dep_ == "ccomp" and first.head.tag_ == "VBD"


def is_present_passive(verb: Token) -> bool:
    """ "is charged", "are urged": a passive participle whose auxiliary is in the present."""
    return verb.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and (c.tag_ in PRESENT_TAGS or plain_lower(c) in PRESENT_AUX)
        for c in verb.children
    )


def is_present_perfect(verb: Token) -> bool:
    """ "has accused", "have died": a perfect whose auxiliary is in the present."""
    return any(
        c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in PRESENT_TAGS for c in verb.children
    )


def is_perfect(verb: Token) -> bool:
    """ "had launched", "has accused", "had been holding": a perfect tells background before
    the story's own time, not the news itself."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def news_day(
    times: list[TimeExpression],
    opening_end: int,
    published: date | None,
    text: str = "",
    headline: str = "",
) -> EventDate:
    """The day the article's news happened: the first day its opening paragraphs (the body
    ``text`` up to ``opening_end``) state, when that lies in the week before publication
    ("released Tuesday"; "the three fatalities on Tuesday" in the paragraph after the lead),
    passing over a dateline stamp ("- 06 April, 2018: ... was held yesterday": yesterday is the
    news day) unless no other day is stated; else the publication date; unknown without one."""
    if published is None:
        return EventDate(None)
    days = []
    for time in sorted(times, key=lambda t: (t.field != "headline", t.start)):
        if time.date is None:
            continue
        if time.field == "text" and time.start < opening_end:
            stamp = is_dateline_stamp(text, time.start, time.end)
        elif time.field == "headline" and is_dateline_stamp(headline, time.start, time.end):
            # A wire story's dateline line read as its headline ("WARSAW, February 26
            # (Xinhua) --"): the day of the report, as a stamp opening the body would be.
            stamp = True
        else:
            continue
        stated_day = date.fromisoformat(time.date)
        if timedelta(0) <= published - stated_day <= NEWS_WEEK:
            days.append((stamp, time.date))
    chosen = next((d for stamp, d in days if not stamp), None) or next((d for _, d in days), None)
    if chosen is not None:
        return EventDate(chosen, "lead", "day")
    return EventDate(published.isoformat(), "publication", "day")


# Before a dateline stamp: the start of its paragraph, then at most a place in capitals and
# punctuation ("WASHINGTON, ", "- ").
_STAMP_BEFORE = re.compile(r"(?:^|\n)[^a-z\n]{0,40}$")
# After it: an optional agency in brackets, then the colon or dash that opens the story.
_STAMP_AFTER = re.compile(r"^\s*(?:\([^)\n]{1,40}\))?\s*[:\-\u2013\u2014]")


def is_dateline_stamp(text: str, start: int, end: int) -> bool:
    """Whether the time expression at ``start``-``end`` of the body is the dateline that opens
    a story ("WASHINGTON, April 6 (Reuters) -", "- 06 April, 2018:"): the day of the report,
    not of its news."""
    if not text:
        return False
    return bool(_STAMP_BEFORE.search(text[:start]) and _STAMP_AFTER.match(text[end : end + 50]))


def event_date(
    trigger: Token,
    carrier: Token | None,
    clause_value: str | None,
    times: list[DatedMention],
    status: str,
    published: str | None,
    news: EventDate,
    paragraph_start: int,
    lead_end: int = 0,
    opening_end: int | None = None,
    own_date_only: bool = False,
    as_told: bool = False,
) -> EventDate:
    """The date of the event named by ``trigger``: its own clause's date (``clause_value``),
    else its sentence's. A real event without one is dated by tense: an act told in the present
    happens at publication; a state under way (ongoing) began at an unknown time; in the simple
    past, it happened at the narrative time of its paragraph, else on the article's news day
    (``news``, see ``news_day``) when the article names one and the story has not moved to
    another time since the opening (the body up to ``opening_end``, ``narrative_moved``); in
    the present perfect of the lead (the body up to ``lead_end``: "have died"), on the news
    day; otherwise in the perfect ("had launched", "has accused"), at an unknown time before
    publication. An act named by a noun is dated only by a date stated with it
    (``own_date_only``: the noun is what another act is about, "condemned the bombing") or, when
    no light verb tells it, by its clause and sentence.

    ``as_told``: the date of the telling rather than of the act: the time the narrative is at
    where the act is told, the tests that set an act apart from the story telling it (a noun
    another act is about, a noun under a present verb, a present passive, the story moved on,
    a present perfect of a lead that names no day) left out (``story_date``)."""
    if as_told:
        own_date_only, opening_end = False, None
    if clause_value:
        return stated(clause_value, "clause")
    if status == "ongoing":
        # A state or process under way ("is investigating", "the occupation of Crimea",
        # "testified in the impeachment inquiry on Nov. 15") began at some time the text does
        # not give: neither the day it is told nor a date of another act of its sentence
        # dates it, only a date stated with it.
        return EventDate(None, "publication", "before") if published else EventDate(None)
    if own_date_only:
        return EventDate(None, "publication", "before") if published else EventDate(None)
    in_sentence = sentence_date(trigger, times)
    if in_sentence is not None:
        return stated(in_sentence, "sentence")
    # Only what happened or is happening takes a narrative date or the publication date; what
    # is planned, possible or denied keeps only a date stated with it.
    if status not in PUBLICATION_DAY_STATUSES:
        return EventDate(None)
    if not as_told and not told_by_verb(trigger, carrier):
        # "condemned the bombing", "is serving a life sentence", "pleaded innocent to charges":
        # a noun names an act as a thing; the verb that mentions it tells when it is mentioned,
        # not when the act happened.
        return EventDate(None, "publication", "before") if published else EventDate(None)
    verb = event_verb(trigger, carrier)
    perfect = verb is not None and is_perfect(verb)
    # "Wang said they appreciate the efforts": a present reported by a past verb is the
    # present of the saying, dated like the saying.
    reported = verb is not None and reported_in_past(verb)
    if not perfect and not reported and verb is not None and is_present(verb):
        if not as_told and is_present_passive(verb):
            # "He is charged in three attacks", "Bin Laden is accused of ...": the state an
            # earlier act left, not an act of the day it is told.
            return EventDate(None, "publication", "before") if published else EventDate(None)
        return EventDate(published, "publication", "day") if published else EventDate(None)
    if perfect and verb is not None:
        if (
            status == "occurred"
            and trigger.idx < lead_end
            and is_present_perfect(verb)
            and (as_told or news.source != "publication")
        ):
            # The news itself, on the day the opening names; with no day named, an undated
            # past act like any other (the publication day would be a guess).
            return news
        return EventDate(None, "publication", "before") if published else EventDate(None)
    unknown = EventDate(None, "publication", "before") if published else EventDate(None)
    if sentence_states_time(trigger, times):
        # Its sentence states times, but none, or several, that date it: the narrative time
        # of the sentence before is not in force.
        return unknown
    placed = [t for t in times if t.value != UNPLACED]
    if points_back(trigger):
        before = told_before(trigger, placed)
        if before is not None:
            return stated(before, "paragraph")
    narrative = paragraph_date(trigger, placed, paragraph_start)
    if narrative is not None:
        return stated(narrative, "paragraph")
    # A past act the article dates nowhere is not the news of the day when no day of news is
    # stated either: the publication date would be a guess.
    if news.source == "publication" or narrative_moved(trigger, placed, news, opening_end):
        return unknown
    return news


def narrative_moved(
    trigger: Token, times: list[DatedMention], news: EventDate, opening_end: int | None
) -> bool:
    """Whether the story has moved away from its news day before the trigger's sentence: the
    last time stated between the end of the opening (``opening_end``) and the trigger's
    sentence is another than that day ("The port was sold in 2019. ... Lopez criticized
    Ortiz": the criticism may belong to 2019 or to any time since; the news day no longer
    holds), until a sentence states the news day again ("Protesters gathered on Wednesday
    night ... Guerrillas called for ...": back in the day's story). The news day dates the
    opening's undated past acts and those of the same story told after it."""
    if opening_end is None or trigger.idx < opening_end:
        return False
    start = trigger.sent.start_char
    told = [t for t in times if opening_end <= t.root.idx < start]
    if not told:
        return False
    # The story is where the last time it stated put it: a sentence restating the news day
    # ("gathered Wednesday night to denounce ...") brings it back after other times.
    return max(told, key=lambda t: t.root.idx).value[:10] != news.value


def story_date(told: EventDate, act: EventDate) -> EventDate:
    """``act`` (the act's own date) with, when that date is unknown but the act happened
    (precision "before"), the date of the story telling it (``told``: ``event_date`` with
    ``as_told``) when the article states that date or its news day ("Iran on Saturday condemned
    the bombing": Saturday's story; an undated past act told after the story moved to another
    time: the article's news day). Merging reads it: two outlets telling one undated act in
    the news of one day agree on that day, while undated background no story of the article
    dates (told in the perfect, or in an article naming no day of news) keeps no date at all.
    Never the publication date standing in: it says nothing of which story."""
    if act.value is not None or act.precision != "before":
        return act
    if told.value is None or told.source in {None, "publication"}:
        return act
    return dataclasses.replace(act, story=told.value)
