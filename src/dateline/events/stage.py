"""The events stage: who did what to whom, coded in PLOVER, with date, place and status.

For every sentence (and the headline), triggers from the lexicons are coded to a CAMEO code
and its PLOVER type/mode/context; dependency patterns give actor and recipient as entity ids;
the trigger's clause gives status, date (times section) and place (locations section). The
same event told several times (headline, lead, later paragraph) is merged into one record
with several mentions.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Span, Token

from dateline.events import confidence as confidence_of
from dateline.events import dates, lexicon, nonacts
from dateline.events.arguments import (
    Arguments,
    EntityIndex,
    arguments,
    as_countries,
    clause_subject,
    numbered_groups,
    phrase_entities,
)
from dateline.events.confidence_model import Scorer
from dateline.events.evaluations import evaluation_events
from dateline.events.features import Candidate
from dateline.events.merge import Complements, Described, Groups, merge_events
from dateline.events.modes import consult_mode
from dateline.events.roles import RoleAttacher, shipped_model
from dateline.events.statements import demand_triggers, quoted_demands
from dateline.events.status import Status, negated, status_of
from dateline.events.triggers import (
    CRITICISM,
    FORCE_WORDS_OF_CRITICISM,
    INVESTIGATION,
    Trigger,
    contexts,
    find_triggers,
    verb_trigger,
)
from dateline.model import Analysis, Entity, Event, Quote, fallback_event_day
from dateline.model import Span as TextSpan
from dateline.nlp.doctext import doc_text
from dateline.stage import Parsed, Stage
from dateline.states import STATE_SECTORS, state_ids
from dateline.store.affiliation import bodies_acted_for
from dateline.text import opens_indefinite

# A date the time stage could place on the calendar: "2017-11-20", "2017-11", "2017-W47".
RESOLVED_DATE = re.compile(r"^\d{4}(-|$)")
# A time value of a day or finer: "2017-11-20", "2017-11-20TNI".
DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d")
# Prepositions that locate an event ("in Sochi", "a visit to Russia").
LOCATIVE_PREPS = {
    "in", "at", "near", "to", "inside", "outside", "across", "into", "around", "throughout",
    "within", "off",
}  # fmt: skip
# How many dependency steps a date or place phrase may climb to reach the trigger's clause.
MAX_ATTACH_STEPS = 6
# How many opening paragraphs of the body may name the article's news day ("released Tuesday").
OPENING_PARAGRAPHS = 2
# ... and at most how many opening sentences: a news lead is a sentence or three, and a text
# whose paragraphs were lost (plain text without blank lines) is one long "paragraph".
OPENING_SENTENCES = 3
# Determiners of a noun phrase that refers back ("the meeting").
DEFINITE = {"the", "this", "that", "these", "those"}
# Display lines told outside the body, each analysed on its own.
DISPLAY_FIELDS = ("headline", "standfirst")
# Entity aliases never matched by name in display lines.
# CAMEO codes of what police do to suspects (arrest, detain, deport: 173-174; charge: 1121)
# or a court to a defendant (a verdict of guilty: 116), and the entity sector of police forces.
POLICE_ACTS = ("173", "174", "1121", "116")
VERDICTS = "116"
POLICE_SECTOR = "COP"
# Acts of those codes that are a court's (CAMEO 173 also covers sentencing and jailing).
COURT_ACTS = {"sentence", "jail", "imprison", "imprisonment", "sentencing"}
COURT_SECTOR = "JUD"
# Verbs that carry a police act's noun with its doer as their subject ("police made arrests").
POLICE_ACTING = {"make", "carry", "conduct", "announce"}
# How many sentences before an agentless arrest or charge the force left unsaid may be named.
DOER_RECALL_SENTENCES = 5
# Subject pronouns by which a quoted speaker names themself or their side.
FIRST_PERSON = {"i", "we"}
# Pronouns by which a quoted speaker names someone else, never themself.
THIRD_PERSON = {"he", "she", "him", "his", "her", "they", "them", "their"}
PRONOUNS = {"they", "them", "their", "she", "her", "his", "him", "its", "our", "you", "who", "whom"}


@dataclass(frozen=True)
class Anchored:
    """A stretch of the parsed text (a time or place mention) with what it stands for."""

    root: Token
    value: str
    entity: str | None = None  # for a place, the entity id of the same place


def _anchors(trigger: Trigger) -> set[int]:
    """Tokens whose dependents describe the event: the trigger and, for a nominal trigger,
    the verb that carries it or governs its prepositional phrase."""
    token = trigger.token
    anchors = {token.i}
    if trigger.carrier is not None:
        anchors.add(trigger.carrier.i)
    elif trigger.nominal and token.head.dep_ == "prep" and token.head.head.pos_ == "VERB":
        anchors.add(token.head.head.i)
    return anchors


def _attached(root: Token, anchors: set[int]) -> int | None:
    """Steps from ``root`` up to an anchor, or None when a verb of another clause intervenes."""
    current = root
    for steps in range(MAX_ATTACH_STEPS):
        if current.i in anchors:
            return steps
        if steps > 0 and current.pos_ in {"VERB", "AUX"}:
            return None
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _modifies_other_noun(root: Token, trigger: Token) -> bool:
    """ "US President Donald Trump", "Russian leaders": a place naming who, not where."""
    return root.dep_ in {"compound", "amod", "poss", "nmod"} and root.head.i != trigger.i


def _where(item: Anchored, trigger: Token) -> bool:
    """Whether a place mention says where the event happened: in a locative phrase ("in
    Sochi", "a visit to Russia") or as the trigger's own modifier ("the Sochi meeting"); not as
    a subject or object ("Turkey asked", "pressure Israel") or a party ("against Russia")."""
    root = item.root
    if _modifies_other_noun(root, trigger):
        return False
    if root.dep_ in {"compound", "amod", "nmod", "npadvmod"}:
        return True
    # "sanctions against Russia" names a party, "talks in Geneva" a place.
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS


def _nearest_attached(
    items: list[Anchored], trigger: Trigger, places: bool = False
) -> Anchored | None:
    """The time or place mention (``places``) attached to the trigger's clause, nearest first;
    of times, a day before a coarser one ("On Monday, about three months later, a jury
    indicted ...": the day is the act's date, the span places it in the story)."""
    anchors = _anchors(trigger)
    sentence = trigger.token.sent
    best: tuple[int, int, int, Anchored] | None = None
    for item in items:
        if not sentence.start <= item.root.i < sentence.end:
            continue
        if places and not _where(item, trigger.token):
            continue
        steps = _attached(item.root, anchors)
        if steps is None:
            continue
        coarse = 0 if places or DAY_VALUE.match(item.value) else 1
        key = (coarse, steps, abs(item.root.i - trigger.token.i), item)
        if best is None or key[:3] < best[:3]:
            best = key
    return best[3] if best else None


def _named_by_another_act(trigger: Trigger) -> bool:
    """Whether a nominal trigger is what another act is about: the verb governing it is an
    event verb of its own, not a light verb that tells the noun's act ("condemned the
    bombing", "denied the accusations"; not "held talks") nor one whose act happens with the
    noun's ("facilitated talks", "brokered a truce")."""
    carrier = trigger.carrier
    return (
        trigger.nominal
        and carrier is not None
        and trigger.token.dep_ not in {"nsubj", "nsubjpass"}  # "bombings killed 224 people"
        and carrier.lemma_.lower() not in lexicon.light_verbs()
        and carrier.lemma_.lower() not in lexicon.hosting_verbs()
        and verb_trigger(carrier) is not None
    )


def _time_items(analysis: Analysis, doc: Doc, field_name: str) -> list[Anchored]:
    """The dates and times of one parsed text with their values; those the time stage could
    not place on the calendar ("in the spring", "XXXX-02-14" of an undated article,
    "recently") with the value ``dates.UNPLACED``: they say when, without a date."""
    items = []
    for time in analysis.times:
        if time.field != field_name or time.type not in {"DATE", "TIME"}:
            continue
        value = time.value or ""
        if not RESOLVED_DATE.match(value):
            if not _unplaced(value, time.text):
                continue
            value = dates.UNPLACED
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is not None and len(span):
            items.append(Anchored(span.root, value))
    return items


# A calendar unit in "earlier this year", "this month": a time of its own, unlike "now".
CALENDAR_UNIT = re.compile(r"\b(?:year|month|week|spring|summer|autumn|fall|winter)s?\b", re.I)


def _unplaced(value: str, text: str) -> bool:
    """Whether an unresolved time value still says when something happened: a date of unknown
    year or day ("XXXX-02-14", "XXXX-SP"), the past or future ("recently"), a period of this
    year without a publication date; not the present ("now", "today"), which tense dates."""
    if value == "PRESENT_REF":
        return bool(CALENDAR_UNIT.search(text))
    return value.startswith("XXXX") or value in {"", "PAST_REF", "FUTURE_REF"}


# Parts of speech of nationality words, which the geo stage counts as mentions of a country.
NATIONALITY_POS = frozenset({"ADJ"})


def _place_items(analysis: Analysis, doc: Doc, field_name: str) -> list[Anchored]:
    items = []
    for location in analysis.locations:
        for mention in location.mentions:
            if mention.field != field_name:
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            # A nationality word ("Russian troops") names who, not where: never the place.
            if span is not None and len(span) and span.root.pos_ not in NATIONALITY_POS:
                items.append(Anchored(span.root, location.id, location.entity))
    return items


def _quote_id(analysis: Analysis, start: int, end: int, field_name: str) -> str | None:
    for quote in analysis.quotes:
        if quote.field == field_name and quote.start <= start and end <= quote.end:
            return quote.id
    return None


def _quote_speaker(analysis: Analysis, sentence: Span, field_name: str) -> str | None:
    """The speaker entity of the direct quotation that holds ``sentence``, if any."""
    start, end = sentence.start_char, sentence.end_char
    for quote in analysis.quotes:
        if quote.field != field_name or quote.kind == "indirect" or not quote.speaker:
            continue
        if quote.start <= start + 1 and end - 1 <= quote.end:
            return quote.speaker
    return None


def _direct_quote_at(analysis: Analysis, char: int, field_name: str) -> Quote | None:
    """The direct or partial quotation with a speaker whose words hold offset ``char``."""
    for quote in analysis.quotes:
        if quote.field != field_name or quote.kind == "indirect" or not quote.speaker:
            continue
        if quote.start <= char < quote.end:
            return quote
    return None


def _direct_speaker_at(analysis: Analysis, char: int, field_name: str) -> str | None:
    """The speaker entity of the direct or partial quotation whose words hold offset ``char``."""
    quote = _direct_quote_at(analysis, char, field_name)
    return quote.speaker if quote is not None else None


# Auxiliaries of a present tense or a present perfect ("has been disrespecting", "is refusing",
# "does refuse"); a modal ("will refuse") is no present.
PRESENT_AUXILIARIES = {"has", "have", "is", "are", "am", "do", "does", "'s", "'re", "'ve"}
PRESENT_TAGS = {"VBZ", "VBP"}


def _present(verb: Token) -> bool:
    """Whether ``verb`` is in a present tense or the present perfect: its own tag, or its
    first auxiliary's form."""
    if verb.tag_ in PRESENT_TAGS:
        return True
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    return bool(auxiliaries) and auxiliaries[0].lower_ in PRESENT_AUXILIARIES


# PLOVER types of a hostile act: told in the present by someone else of a party, the telling
# characterises that party ("He refuses to take responsibility", "they are destroying jobs").
HOSTILE_TYPES = frozenset({"ACCUSE", "REJECT", "THREATEN", "ASSAULT", "COERCE", "SANCTION"})


def _characterised_by_speaker(
    trigger: Trigger, args: Arguments, context: _Context
) -> tuple[Trigger, Arguments, bool]:
    """ "'Trump has been disrespecting our veterans,' she said": a hostile act told in the
    present tense (a characterisation, not a report of one occasion) in a quotation of a
    speaker who is not among its actors is the speaker's accusation of those actors: the
    trigger recoded as criticism (PLOVER ACCUSE), the speaker its actor, the characterised
    party its recipient. Not for an investigation (a procedure told as under way: "the FBI is
    investigating"), an act told in the past ("'He hit him,' the officer said":
    reported as it happened), denied ("is not preventing"), hedged by a modal, of a party the
    speaker acts for (a minister on what her state does: the same country), nor in reported
    speech, where news tells acts in the speaker's name."""
    unchanged = (trigger, args, False)
    if trigger.nominal or not args.actor or trigger.cameo.startswith(INVESTIGATION):
        return unchanged
    coding = lexicon.coding(trigger.cameo)
    if coding is None or coding.type not in HOSTILE_TYPES:
        return unchanged
    verb = trigger.token
    if negated(verb) or not _present(verb):
        return unchanged
    # The speaker's own words only (a direct or partial quotation): in reported speech the
    # reporter tells others' acts in the speaker's name ("police said officers arrested ...").
    speaker = _direct_speaker_at(context.analysis, verb.idx, context.field_name)
    if speaker is None or speaker in args.actor:
        return unchanged
    if _same_side(context.analysis, speaker, args.actor):
        return unchanged
    accusation = dataclasses.replace(trigger, cameo=CRITICISM, symmetric=False)
    return accusation, Arguments([speaker], list(args.actor)), True


def _same_side(analysis: Analysis, speaker: str, actors: list[str]) -> bool:
    """Whether the speaker speaks for one of ``actors``: both of one country (a minister and
    her state, a spokesman and his army)."""
    said_by = analysis.entity(speaker)
    country = said_by.country if said_by is not None else None
    if country is None:
        return False
    return any((a := analysis.entity(e)) is not None and a.country == country for e in actors)


# Sectors of civilian political life: a person of one of them who "attacks" or "slams" a
# person or a body does so in words (campaigns, parliaments, courts of opinion); armed,
# police and state sectors act by force too.
CIVIL_POLITICAL_SECTORS = frozenset({"ELI", "PTY", "LEG", "OPP", "NGO", "MED", "JUD"})
# Sectors of those who can be attacked in earnest: a verb of force against them is force.
ARMED_SECTORS = frozenset({"MIL", "REB", "INS", "COP", "SPY", "UAF"})
# Prepositions of an instrument ("attacked him with a knife", "using a bat"): physical force.
INSTRUMENT_PREPOSITIONS = frozenset({"with", "using"})
# Entity types that can be criticised: a person, a body or a people, not a place.
CRITICISABLE_TYPES = frozenset({"PERSON", "ORG", "NORP", "GROUP"})


def _verbal_attack(trigger: Trigger, args: Arguments, context: _Context) -> Trigger:
    """ "Trump had attacked his wife and his father", "Democrats blast McCollum's ads": a verb
    of force that also names criticism (``triggers.FORCE_WORDS_OF_CRITICISM``), told of a
    person acting in civilian political life (a politician, a party, a campaigner, a
    journalist, a judge: ``CIVIL_POLITICAL_SECTORS``) against persons or bodies that bear no
    arms, without an instrument, is criticism (CAMEO 111, ACCUSE) rather than an assault; so is
    a person in government (GOV) attacking a person. A government attacking a body or a people
    is left out (a head of state may order force), and so are places ("attacked Kyiv") and armed
    or police parties."""
    if trigger.nominal or trigger.token.lemma_.lower() not in FORCE_WORDS_OF_CRITICISM:
        return trigger
    coding = lexicon.coding(trigger.cameo)
    if coding is None or coding.type != "ASSAULT" or not args.actor or not args.recipient:
        return trigger
    analysis = context.analysis
    actors = [analysis.entity(e) for e in args.actor]
    recipients = [analysis.entity(e) for e in args.recipient]
    if any(r is None or r.type not in CRITICISABLE_TYPES for r in recipients):
        return trigger
    if any(r is not None and r.sector in ARMED_SECTORS for r in recipients):
        return trigger
    # A person in government attacking a person ("the president attacked the senator").
    person_to_person = all(r is not None and r.type == "PERSON" for r in recipients)
    for actor in actors:
        civil = actor is not None and actor.sector in CIVIL_POLITICAL_SECTORS
        official = actor is not None and actor.sector == "GOV" and actor.type == "PERSON"
        if not (civil or (official and person_to_person)):
            return trigger
    instrument = any(
        c.dep_ == "prep" and c.lower_ in INSTRUMENT_PREPOSITIONS for c in trigger.token.children
    )
    return trigger if instrument else dataclasses.replace(trigger, cameo=CRITICISM)


def _speaker_for_first_person(trigger: Trigger, args: Arguments, context: _Context) -> Arguments:
    """ "'We will keep working with the ministry,' the mayor said": inside a quotation, "I" or
    "we" as the subject of the act is its speaker (who speaks for their side), whom the quotes
    stage attributed the words to; also the subject of "be" before an adjective ("we are
    disappointed with"), and also where another party was read as the actor from outside the
    clause ("The union failed, and we call for a vote": the clause's own subject is "we")."""
    verb = trigger.carrier if trigger.nominal else trigger.token
    if verb is None:
        return args
    subject = clause_subject(verb) or _copula_subject(verb)
    if subject is None or subject.lower_ not in FIRST_PERSON:
        return args
    speaker = _direct_speaker_at(context.analysis, subject.idx, context.field_name)
    if speaker is None:
        return args
    return Arguments([speaker], [r for r in args.recipient if r != speaker])


def _not_the_speaker(trigger: Trigger, args: Arguments, context: _Context) -> Arguments:
    """ "'I took responsibility,' Clinton said. 'He refuses to take it'": inside a direct
    quotation a third-person pronoun ("he", "she", "they"; "his refusal") is never the one
    quoted, who names themself "I" or "we". Where the pronoun was read as the quotation's
    speaker (the nearest earlier sentence names them, as "Clinton said" does), the act is
    nobody's named doer: the speaker is dropped from its actors. Not where the attribution
    names the speaker only by a pronoun ("..., he said"), itself a guess."""
    if not args.actor:
        return args
    doer = _doer_word(trigger)
    if doer is None or doer.lower_ not in THIRD_PERSON:
        return args
    quote = _direct_quote_at(context.analysis, doer.idx, context.field_name)
    if quote is None or quote.speaker not in args.actor:
        return args
    named_by = quote.speaker_span.text.lower() if quote.speaker_span is not None else None
    if named_by is None or named_by in PRONOUNS or named_by in THIRD_PERSON:
        return args  # "..., he said": who speaks is itself only read from a pronoun
    return Arguments([a for a in args.actor if a != quote.speaker], args.recipient)


def _doer_word(trigger: Trigger) -> Token | None:
    """The word naming an act's doer: a noun's possessor ("his refusal"), else the subject of
    its clause (of a noun's carrying verb)."""
    if trigger.nominal:
        owner = next((c for c in trigger.token.children if c.dep_ == "poss"), None)
        if owner is not None or trigger.carrier is None:
            return owner
    verb = trigger.carrier if trigger.nominal else trigger.token
    if verb is None:
        return None
    return clause_subject(verb) or _copula_subject(verb)


def _copula_subject(predicate: Token) -> Token | None:
    """The subject of an adjective or participle told of it through "be" ("we are
    disappointed with", "I am grateful to"): the copula holds the subject."""
    if predicate.dep_ != "acomp" or predicate.head.lemma_.lower() != "be":
        return None
    return next((c for c in predicate.head.children if c.dep_ in SUBJECT_DEPS), None)


def _unstated_agent(trigger: Trigger) -> bool:
    """Whether the act is told without its doer: a passive with no "by" phrase ("was
    arrested", "those detained"), or a noun with nobody before it ("the arrest of two men")."""
    token = trigger.token
    if trigger.nominal:
        return trigger.carrier is None or trigger.carrier.lemma_.lower() not in POLICE_ACTING
    if any(c.dep_ == "agent" for c in token.children):
        return False
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in token.children)
    return passive or (token.tag_ == "VBN" and token.dep_ in {"acl", "amod"})


def _law_enforcer_of_passive(trigger: Trigger, args: Arguments, context: _Context) -> Arguments:
    """ "Two men were arrested on Tuesday", "she was charged with theft": an arrest or a charge
    told without its doer is the police's; the article names them (an entity of the police
    sector) before the act, nearest first, else in the act's own sentence."""
    if args.actor or not trigger.cameo.startswith(POLICE_ACTS) or not _unstated_agent(trigger):
        return args
    # A sentence, a jailing or a verdict is the court's; a person of the sector (a spokesman, a judge) is
    # not the force or court that acts.
    lemma = trigger.token.lemma_.lower()
    court = lemma in COURT_ACTS or trigger.cameo.startswith(VERDICTS)
    sector = COURT_SECTOR if court else POLICE_SECTOR
    police = {
        e.id
        for e in context.analysis.entities
        if e.sector == sector and e.type != "PERSON" and not _one_person(e)
    }
    if not police:
        return args
    token = trigger.token
    sentence = token.sent
    # The doer left unsaid is one the reader has in mind: a force named in the act's own
    # sentence or the few before it, not one last named many paragraphs earlier (a
    # background story of another country's police, told long before "he was arrested").
    since = _sentence_start_before(sentence, DOER_RECALL_SENTENCES)
    before = [(start, entity) for start, _, entity in context.index.spans
              if entity in police and since <= start < token.idx]  # fmt: skip
    after = [(start, entity) for start, _, entity in context.index.spans
             if entity in police and token.idx < start < sentence.end_char]  # fmt: skip
    if before:
        chosen = max(before)[1]
    elif after:
        chosen = min(after)[1]
    else:
        return args
    return Arguments([chosen], [r for r in args.recipient if r != chosen])


def _sentence_start_before(sentence: Span, count: int) -> int:
    """Where the sentence ``count`` sentences before ``sentence`` starts (the text's first
    sentence when there are fewer)."""
    for _ in range(count):
        if sentence.start == 0:
            break
        sentence = sentence.doc[sentence.start - 1].sent
    return sentence.start_char


def _one_person(entity: Entity) -> bool:
    """A group told only by indefinite singular phrases ("an off-duty police officer", "a
    judge") is one person of the sector, not the force or court an arrest or a sentence is
    left to: most often a party of another act in the story (a witness, a victim)."""
    forms = [entity.name, *entity.aliases]
    return all(opens_indefinite(form) for form in forms)


def _publication_date(analysis: Analysis) -> str | None:
    published = analysis.article.published_date
    return published.isoformat() if published else None


def _sentences_end(doc: Doc, count: int) -> int:
    """Where the first ``count`` sentences of the parsed text end."""
    end = 0
    for sentence in itertools.islice(doc.sents, count):
        end = sentence.end_char
    return end


def _paragraphs_end(text: str, count: int) -> int:
    """Where the first ``count`` paragraphs of the body end."""
    end = 0
    for _ in range(count):
        found = text.find("\n\n", end)
        if found < 0:
            return len(text)
        end = found + 2
    return end - 2


def _event_date(trigger: Trigger, context: _Context, status: Status) -> dates.EventDate:
    """The date of the clause, sentence or paragraph (``dateline.events.dates``); with
    ``narrative_dates`` off, as before: the clause's date, else the publication date."""
    found = _nearest_attached(context.times, trigger)
    clause_value = found.value if found is not None else None
    published = _publication_date(context.analysis)
    if context.narrative_dates:
        # The date of the clause telling the act, for its story (``dates.story_date``).
        told_value = clause_value
        if found is not None and not dates.dates_event(
            dates.DatedMention(found.root, found.value), trigger.token
        ):
            told_value = None
        named_by_act = _named_by_another_act(trigger)
        if named_by_act:
            # "Iran on Saturday condemned the bombing": the verb's date is the condemnation's;
            # only a date of the noun itself ("the Aug. 7 bombing") dates the act it names.
            found = _nearest_attached(context.times, dataclasses.replace(trigger, carrier=None))
            clause_value = found.value if found is not None else None
        if found is not None and not dates.dates_event(
            dates.DatedMention(found.root, found.value), trigger.token
        ):
            clause_value = None  # "criticized the tribunal's ruling of 2007": the ruling's year
        text = context.analysis.article.text if context.field_name == "text" else ""
        paragraph = text.rfind("\n\n", 0, trigger.token.idx) + 1 if text else 0
        dated = [dates.DatedMention(t.root, t.value) for t in context.times]
        article = context.analysis.article
        first_sentences = _sentences_end(trigger.token.doc, OPENING_SENTENCES)
        lead = min(_paragraphs_end(text, 1), first_sentences)
        opening = min(_paragraphs_end(text, OPENING_PARAGRAPHS), first_sentences)
        news = dates.news_day(
            context.analysis.times, opening, article.published_date, text, article.headline or ""
        )
        lead_end = lead if context.field_name == "text" else 0
        act = dates.event_date(
            trigger.token,
            trigger.carrier,
            clause_value,
            dated,
            status,
            published,
            news,
            paragraph,
            lead_end,
            opening if context.field_name == "text" else None,
            own_date_only=named_by_act,
        )
        if act.value is not None or act.precision != "before":
            return act
        # Unknown, yet the act happened: the date of the story telling it, for merging.
        told = dates.event_date(
            trigger.token,
            trigger.carrier,
            told_value,
            dated,
            status,
            published,
            news,
            paragraph,
            lead_end,
            as_told=True,
        )
        return dates.story_date(told, act)
    if clause_value:
        return dates.stated(clause_value, "clause")
    day = fallback_event_day(context.analysis.article, status)
    return dates.EventDate(day.isoformat(), "publication", "day") if day else dates.EventDate(None)


def _adjust_status(
    status: Status, date: str | None, is_fallback: bool, analysis: Analysis
) -> Status:
    """A stated date settles tense ambiguity: "talks scheduled for last week" happened, and
    "the meeting on Wednesday" told in the present is still to come."""
    published = _publication_date(analysis)
    if not date or is_fallback or not published or len(date) < 10:
        return status
    if status == "future" and date[:10] < published:
        return "occurred"
    if status in {"occurred", "ongoing"} and date[:10] > published:
        return "future"
    return status


def _past_act_dated_later(
    trigger: Trigger, status: Status, when: dates.EventDate, analysis: Analysis
) -> bool:
    """A verb told in the simple past ("subpoenaed", "asked") that its sentence dates after
    publication: the date is another clause's (what the act asks for, when it is to be done),
    never the past act's own, which stays done and undated."""
    published = _publication_date(analysis)
    value = when.value
    if status != "occurred" or trigger.nominal or trigger.token.tag_ != "VBD":
        return False
    if not value or when.is_fallback or not published or len(value) < 10:
        return False
    return value[:10] > published


def _worth_reporting(
    trigger: Trigger, actor: list[str], recipient: list[str], placed: bool
) -> bool:
    """Whether a trigger makes an event record. Like PETRARCH, a verb known only to the broad
    CAMEO dictionary ("come", "add") codes an event only when it has an actor; a core event
    verb needs a participant or at least a subject that is not an entity ("an explosion
    killed two youths"); a noun needs a participant or (for "an airstrike") a place."""
    if not trigger.curated:
        return bool(actor)
    if actor or recipient:
        return True
    if trigger.nominal:
        return placed
    return _has_noun_argument(trigger.token)


def _definite(noun: Token) -> bool:
    """ "the meeting", "this week's talks": a noun phrase pointing back at something told."""
    return any(c.dep_ in {"det", "poss"} and c.lower_ in DEFINITE for c in noun.children)


def _has_noun_argument(verb: Token) -> bool:
    return any(
        child.dep_ in {"nsubj", "nsubjpass"} and child.pos_ in {"NOUN", "PROPN"}
        for child in verb.children
    )


@dataclass
class _Context:
    """What every trigger of one parsed text is read against."""

    analysis: Analysis
    index: EntityIndex
    times: list[Anchored]
    places: list[Anchored]
    field_name: str
    place_entities: dict[str, str | None] = field(default_factory=dict)
    tentative: set[int] = field(default_factory=set)  # starts of records kept only if anaphoric
    domain: str = confidence_of.POLITICS
    narrative_dates: bool = True  # off: the clause's date, else the publication date
    scorer: Scorer | None = None  # None: the rules' confidence alone
    tellings: list[tuple[Event, confidence_of.Evidence]] | None = None  # collected, unmerged
    roles: RoleAttacher | None = None  # the learned roles over the rules' arguments, if any

    def places_of(self, actors: list[str]) -> list[Anchored]:
        """Candidate places, leaving out places that are the event's actor ("Turkey asked")."""
        return [p for p in self.places if self.place_entities.get(p.value) not in actors]


def _trigger_kind(trigger: Trigger, demand: bool) -> confidence_of.TriggerKind:
    if demand:
        return "demand"
    if trigger.source == "evaluation":
        return "evaluation"
    if trigger.source == "derived":
        return "derived_noun"
    if trigger.nominal:
        carried = trigger.carrier is not None and trigger.carrier.lemma_.lower() in (
            lexicon.light_verbs()
        )
        return "carried_noun" if carried else "noun"
    return "verb" if trigger.curated else "dictionary_verb"


def _political(entity: Entity) -> bool:
    """An actor of public life: coded, placed in a country or sector, a nationality or group,
    or a country standing for its government."""
    if entity.code or entity.sector or entity.country:
        return True
    return entity.type in confidence_of.POLITICAL_TYPES


def _told_by_definite_description(analysis: Analysis) -> Described:
    """Ids of the parties the article tells only by a definite description (a name in lower
    case, some mention of it beginning with "the": "the administration", "the prime
    minister"), and of those it names (a name with a capital)."""
    definite = frozenset(
        e.id
        for e in analysis.entities
        if not any(c.isupper() for c in e.name)
        and any(m.text.lower().startswith("the ") for m in e.mentions)
    )
    names = frozenset(e.id for e in analysis.entities if any(c.isupper() for c in e.name))
    return definite, names


def _actor_kind(actor: list[str], analysis: Analysis) -> confidence_of.ActorKind | None:
    entities = [e for e in (analysis.entity(a) for a in actor) if e is not None]
    if not entities:
        return None
    # A description ("police", "protesters") has a lower-case name; a name is capitalised.
    if any(any(c.isupper() for c in e.name) for e in entities):
        return "named"
    return "described"


def _evidence(
    trigger: Trigger,
    args: Arguments,
    context: _Context,
    sentence: Span,
    status: Status,
    demand: bool,
    event_type: str = "",
    in_quote: bool = False,
    spans: tuple[Span | None, Span | None] = (None, None),
    characterised: bool = False,
) -> confidence_of.Evidence:
    """What is known about one telling; ``spans`` are the mentions of its actor and recipient
    nearest the trigger in the sentence (None: not named there)."""
    analysis = context.analysis
    parties = [analysis.entity(e) for e in [*args.actor, *args.recipient]]
    token = trigger.token
    actors = [a for a in (analysis.entity(e) for e in args.actor) if a is not None]
    recipients = [r for r in (analysis.entity(e) for e in args.recipient) if r is not None]
    field_text = doc_text(sentence.doc)
    return confidence_of.Evidence(
        trigger_kind=_trigger_kind(trigger, demand),
        # A demand or an evaluation is told by a reporting or naming verb whose lexicon class
        # ("speech") would only repeat what its kind says.
        word_class=None
        if demand or trigger.source == "evaluation"
        else confidence_of.word_class(trigger.token, trigger.cameo),
        actor=_actor_kind(args.actor, analysis),
        recipient=bool(args.recipient),
        political_party=any(p is not None and _political(p) for p in parties),
        domain=context.domain,
        question=confidence_of.in_question(token),
        opinion_governed=confidence_of.opinion_governed(token),
        credit=confidence_of.credit_line(field_text[sentence.start_char : sentence.end_char]),
        no_comment=confidence_of.no_comment(token),
        embedded=not demand and confidence_of.embedded(token),
        status=status,
        event_type=event_type,
        lemma=token.lemma_.lower(),
        actor_type=actors[0].type if actors else None,
        actor_count=len(actors),
        recipient_type=recipients[0].type if recipients else None,
        actor_coded=bool(actors and (actors[0].code or actors[0].country)),
        actor_sector=bool(actors and actors[0].sector),
        recipient_coded=bool(recipients and (recipients[0].code or recipients[0].country)),
        subject_pronoun=any(
            c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ == "PRON"
            for c in (trigger.carrier or token).children
        ),
        object_kind=None if trigger.nominal else _object_kind(token, context.index),
        relative_clause=_in_relative_clause(trigger),
        characterisation=characterised,
        field=context.field_name,
        in_quote=in_quote,
        position=token.idx / max(len(field_text), 1),
        modal=any(
            c.dep_ == "aux" and c.lower_ in confidence_of.HEDGING_MODALS
            for c in (trigger.carrier or token).children
        ),
        # A characterisation's actor is the quotation's speaker, tied to the trigger by the
        # attribution rather than the parse.
        actor_link="speaker"
        if characterised
        else _actor_link(spans[0], trigger, context.index)
        if actors
        else None,
        recipient_link=_link(spans[1], trigger) if recipients else None,
        actor_distance=abs(spans[0].root.i - token.i) if actors and spans[0] is not None else -1,
        actor_by_reference=bool(actors) and _by_reference(spans[0], actors[0]),
        recipient_by_reference=bool(recipients) and _by_reference(spans[1], recipients[0]),
    )


# Dependents of a noun that make its phrase definite, possessed or counted ("the bills",
# "its will", "two officers"): a phrase without them is bare ("motorists", "white supremacy").
DETERMINING_DEPS = {"det", "poss", "nummod", "predet"}
# Complements through which a verb acts on a clause rather than on a party.
CLAUSAL_DEPS = {"xcomp", "ccomp", "pcomp", "csubj"}


def _object_kind(verb: Token, index: EntityIndex) -> str:
    """What a verb trigger acts on (``Evidence.object_kind``): its direct object (or
    indirect object) is a party the entities stage found ("party"), a bare common noun that
    names none ("urged motorists", "rejected emancipation bills": said of a kind, not of an
    actor, "bare"), another noun phrase ("noun"); without an object, a clausal complement
    ("refused to take sides": "clause") or nothing ("none")."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
    if not objects:
        clausal = any(c.dep_ in CLAUSAL_DEPS for c in verb.children)
        return "clause" if clausal else "none"
    head = objects[0]
    if any(index.at(t) is not None for t in head.subtree):
        return "party"
    if head.pos_ == "NOUN" and not any(c.dep_ in DETERMINING_DEPS for c in head.children):
        return "bare"
    return "noun"


def _in_relative_clause(trigger: Trigger) -> bool:
    """Whether the trigger (a noun trigger: its carrying verb) heads a relative clause ("a
    lawyer who defended dissidents"): what describes a party is background to the story."""
    return (trigger.carrier or trigger.token).dep_ == "relcl"


def _by_reference(span: Span | None, entity: Entity) -> bool:
    """Whether a named party's mention nearest the trigger is a pronoun or a description
    ("he", "them", "the company" for Acme Corp): the entities stage's coreference gave it, the
    sentence does not name it. A party described by its own noun ("police") is named so."""
    if span is None:
        return False
    if span.root.pos_ == "PRON":
        return True
    named = any(c.isupper() for c in entity.name)
    return named and not any(t.pos_ == "PROPN" for t in span)


# Dependency labels of a verb's subjects and of its objects.
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
OBJECT_DEPS = {"dobj", "dative", "oprd", "attr"}
# How many heads up from the trigger a governing verb's subject is looked for ("X agreed to
# meet": X is the subject of "agreed", one step up).
GOVERNING_STEPS = 4


def _actor_link(span: Span | None, trigger: Trigger, index: EntityIndex) -> str:
    """``_link`` for the actor, but "pronoun" where its mention is a pronoun the events stage
    linked itself (``arguments.resolve_pronoun``), not the entities stage."""
    if span is not None and (span.start_char, span.end_char) in index.resolved:
        return "pronoun"
    return _link(span, trigger)


def _link(span: Span | None, trigger: Trigger) -> str:
    """How the parse ties an argument's mention (``span``, in the trigger's sentence) to the
    trigger or the verb carrying it (``Evidence.actor_link``): the learned confidence reads a
    party found as the trigger's own subject as surer than one found further away."""
    if span is None:
        return "outside"
    heads = {trigger.token.i}
    if trigger.carrier is not None:
        heads.add(trigger.carrier.i)
    root = span.root
    head = root.head
    if head.i in heads and root.dep_ in SUBJECT_DEPS:
        return "subject"
    if head.i in heads and root.dep_ == "poss":
        return "possessor"
    if head.i in heads and root.dep_ in OBJECT_DEPS:
        return "object"
    if root.dep_ == "pobj" and head.head.i in heads:
        # "attacked by rebels" (a passive's agent), "an attack by rebels" (a noun's).
        return "agent" if head.dep_ == "agent" or head.lower_ == "by" else "prep"
    if root.dep_ in SUBJECT_DEPS:
        current = trigger.carrier or trigger.token
        for _ in range(GOVERNING_STEPS):
            if current.head.i == current.i:
                break
            current = current.head
            if current.i == head.i:
                return "governor_subject"
    start, end = trigger.token.left_edge.i, trigger.token.right_edge.i
    if trigger.carrier is not None:
        start = min(start, trigger.carrier.left_edge.i)
        end = max(end, trigger.carrier.right_edge.i)
    return "clause" if start <= root.i <= end else "sentence"


@dataclass(frozen=True)
class _Telling:
    """One telling as found, before it is scored: the record (with the rules' confidence), its
    evidence, and the classifier's view of its trigger."""

    event: Event
    evidence: confidence_of.Evidence
    candidate: Candidate


def _argument_span(
    index: EntityIndex, ids: list[str], sentence: Span, trigger: Token
) -> Span | None:
    """The mention of one of ``ids`` in ``sentence`` nearest the trigger, as a span."""
    best: tuple[int, int, int] | None = None
    low, high = sentence.start_char, sentence.end_char
    for start, end, entity_id in index.spans:
        if entity_id in ids and low <= start and end <= high:
            distance = abs(start - trigger.idx)
            if best is None or distance < best[0]:
                best = (distance, start, end)
    if best is None:
        return None
    span = sentence.doc.char_span(best[1], best[2], alignment_mode="expand")
    return span if span is not None and len(span) else None


def _event(
    trigger: Trigger,
    args: Arguments,
    context: _Context,
    sentence: Span,
    demand: bool = False,
    recipient: list[str] | None = None,
    characterised: bool = False,
) -> _Telling | None:
    """The telling of ``trigger`` with the rules' arguments ``args``, which its evidence, the
    classifier's view and whether it is worth reporting are read from; the record names
    ``recipient`` instead of theirs when given (the learned ranker's)."""
    coding = lexicon.coding(trigger.cameo)
    if coding is None:
        return None
    if (
        nonacts.opinion_report(trigger.token, coding.type)
        or (coding.type == "CONSULT" and nonacts.meets_own_staff(trigger.token))
        or nonacts.public_advisory(trigger.token, coding.type)
        or nonacts.disputes_evidence(trigger.token, coding.type)
        or nonacts.science_inquiry(trigger.token, coding.type)
        or nonacts.doubts_a_thing(trigger.token, coding.type, args.recipient or recipient)
    ):
        # a poll's finding, a population's opinion, a meeting of one's own staff, an advisory
        # to the general public, a dispute of facts, an inquiry of science
        return None
    place = _nearest_attached(context.places_of(args.actor), trigger, places=True)
    if not _worth_reporting(trigger, args.actor, args.recipient, place is not None):
        if not (trigger.nominal and _definite(trigger.token) and context.field_name == "text"):
            return None
        # "The meeting was the first since 2019": kept only if it refers back to an event.
        context.tentative.add(trigger.token.idx)
    analysis, field_name = context.analysis, context.field_name
    status = status_of(trigger.token, trigger.carrier)
    when = _event_date(trigger, context, status)
    if _past_act_dated_later(trigger, status, when, analysis):
        # "said he subpoenaed the boy to testify on Feb. 10": the date is the testimony's.
        when = dates.EventDate(None, "publication", "before")
    date, is_fallback = when.value, when.is_fallback
    status = _adjust_status(status, date, is_fallback, analysis)
    token = trigger.token
    start, end = token.idx, token.idx + len(token.text)
    quote = _quote_id(analysis, start, end, field_name)
    actor_span = _argument_span(context.index, args.actor, sentence, token)
    recipient_span = _argument_span(context.index, args.recipient, sentence, token)
    evidence = _evidence(
        trigger,
        args,
        context,
        sentence,
        status,
        demand,
        coding.type,
        quote is not None,
        (actor_span, recipient_span),
        characterised,
    )
    event = Event(
        id="",
        type=coding.type,
        mode=coding.mode,
        context=contexts(trigger, coding.context),
        actor=args.actor,
        # The record names a nationality's country ("German plans": Germany); the evidence
        # above reads the party as the parse found it (the confidence was fitted on that).
        recipient=as_countries(
            args.recipient if recipient is None else recipient, args.actor, context.index
        ),
        date=date,
        date_is_fallback=is_fallback,
        date_source=when.source,
        date_precision=when.precision,
        story_date=when.story,
        location=place.value if place else None,
        status=status,
        trigger=token.text,
        sentence=sentence.text.strip(),
        start=start,
        end=end,
        field=field_name,
        quote=quote,
        mentions=[TextSpan(start=start, end=end, text=token.text, field=field_name)],
        cameo=coding.cameo,
        quad_class=coding.quad_class,
        goldstein=coding.goldstein,
        confidence=confidence_of.confidence(evidence),
    )
    candidate = Candidate(
        sentence.doc,
        sentence,
        token,
        actor_span,
        recipient_span,
        coding.cameo,
    )
    return _Telling(event, evidence, candidate)


def _scored(tellings: list[_Telling], context: _Context) -> list[Event]:
    """The tellings' records with their confidences: the learned model's (``context.scorer``)
    or the rules' alone."""
    if context.scorer is None:
        scored = [(t.evidence, t.event.confidence) for t in tellings]
    else:
        scored = context.scorer.score(
            [(t.evidence, t.candidate, t.event.confidence) for t in tellings]
        )
    events = []
    for telling, (evidence, value) in zip(tellings, scored, strict=True):
        event = telling.event
        if value != event.confidence:
            event = event.model_copy(update={"confidence": value})
        if context.tellings is not None:
            context.tellings.append((event, evidence))
        events.append(event)
    return events


def events_in(
    analysis: Analysis,
    doc: Doc,
    index: EntityIndex,
    field_name: str = "text",
    tentative: set[int] | None = None,
    domain: str = confidence_of.POLITICS,
    narrative_dates: bool = True,
    scorer: Scorer | None = None,
    tellings: list[tuple[Event, confidence_of.Evidence]] | None = None,
    learned_roles: bool = False,
) -> list[Event]:
    """Every event trigger in ``doc`` (the body, or the headline), unmerged. Starts of
    records that only count if they refer back to an earlier telling go into ``tentative``.
    ``scorer`` gives the confidences (None: the rules' alone); each telling with its evidence
    is added to ``tellings`` when given. ``learned_roles`` lets the learned role ranker
    (``dateline.events.roles.stage_roles``) name a recipient the rules left empty beside their
    actor in the record, the confidence still reading the rules' arguments (off by default: a
    tie at the default threshold on the document gold's dev split, docs/EVALUATION.md)."""
    role_model = shipped_model() if learned_roles else None
    roles = (
        RoleAttacher(role_model, index, {e.id: e.type for e in analysis.entities})
        if role_model is not None
        else None
    )
    context = _Context(
        analysis,
        index,
        _time_items(analysis, doc, field_name),
        _place_items(analysis, doc, field_name),
        field_name,
        {location.id: location.entity for location in analysis.locations},
        tentative if tentative is not None else set(),
        domain,
        narrative_dates,
        scorer,
        tellings,
        roles,
    )
    found: list[_Telling] = []
    for sentence in doc.sents:
        tokens = list(sentence)
        triggers = find_triggers(tokens)
        for trigger in triggers:
            args = arguments(trigger, index)
            # The learned ranker's recipient is what the record names; the rules' arguments
            # stay what the confidence and the classifier read (they were fitted on them).
            learned = context.roles.recipient(trigger, args) if context.roles is not None else None
            args = _speaker_for_first_person(trigger, args, context)
            args = _not_the_speaker(trigger, args, context)
            args = _law_enforcer_of_passive(trigger, args, context)
            trigger, args, characterised = _characterised_by_speaker(trigger, args, context)
            trigger = _verbal_attack(trigger, args, context)
            if characterised:
                learned = None  # the ranker read the act, not the speaker's accusation
            event = _event(
                trigger, args, context, sentence, recipient=learned, characterised=characterised
            )
            if event is not None:
                found.append(event)
        for demand, clause, demanded in demand_triggers(tokens, triggers):
            # The speaker demands; the one who must act is the demanded clause's subject.
            speaker = arguments(demand, index)
            subject = clause_subject(clause)
            addressee = phrase_entities(subject, index) if subject is not None else []
            if demanded is not None and not addressee:
                addressee = arguments(demanded, index).actor
            addressee = addressee or speaker.recipient
            args = Arguments(speaker.actor, [a for a in addressee if a not in speaker.actor])
            event = _event(demand, args, context, sentence, demand=True)
            if event is not None:
                found.append(event)
        quoted_by = _quote_speaker(analysis, sentence, field_name)
        if quoted_by is not None:
            for demand, subject in quoted_demands(tokens, triggers):
                # "'Beijing must drop its tariffs,' the minister said": the quotation's speaker
                # demands of the clause's subject.
                addressee = [e for e in phrase_entities(subject, index) if e != quoted_by]
                if addressee:
                    args = Arguments([quoted_by], addressee)
                    event = _event(demand, args, context, sentence, demand=True)
                    if event is not None:
                        found.append(event)
        for evaluation in evaluation_events(tokens, triggers, index):
            args = Arguments(evaluation.actor, evaluation.recipient)
            args = _speaker_for_first_person(evaluation.trigger, args, context)
            event = _event(evaluation.trigger, args, context, sentence)
            if event is not None:
                found.append(event)
    return sorted(_scored(found, context), key=lambda e: e.start)


def display_index(analysis: Analysis, field_name: str, text: str) -> EntityIndex:
    """Entity mentions in the headline or standfirst: those the entities stage found there,
    else every whole-word occurrence of an entity's name or alias (these lines are outside
    article.text, so the body's offsets do not apply)."""
    index = EntityIndex.build(analysis, field_name)
    if index.spans:
        return index
    # Most names are not in the line: for ASCII strings re's case-insensitive matching is
    # str.lower's, so those are passed over without compiling a pattern for each.
    ascii_lower = text.lower() if text.isascii() else None
    for entity in analysis.entities:
        names = {entity.name, *entity.aliases}
        if entity.type == "PERSON" and len(entity.name.split()) > 1:
            names.add(entity.name.split()[-1])
        for name in names:
            if len(name) < 3 or name.lower() in PRONOUNS:
                continue
            if ascii_lower is not None and name.isascii() and name.lower() not in ascii_lower:
                continue
            for match in _whole_word(name).finditer(text):
                index.spans.append((match.start(), match.end(), entity.id))
    index.spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    return index


@functools.lru_cache(maxsize=2048)
def _whole_word(name: str) -> re.Pattern[str]:
    """``name`` as a whole word, any case. Compiled once per name: the headline and the
    standfirst ask for every entity's names, too many for ``re``'s own cache of patterns."""
    return re.compile(rf"\b{re.escape(name)}\b", flags=re.IGNORECASE)


def _display_events(
    analysis: Analysis,
    parsed: Parsed,
    domain: str,
    scorer: Scorer | None,
    tellings: list[tuple[Event, confidence_of.Evidence]] | None,
    learned_roles: bool = False,
) -> list[Event]:
    events: list[Event] = []
    for field_name, text, doc in _display_lines(analysis, parsed):
        index = display_index(analysis, field_name, text)
        # A headline states no date of its own; do not guess one from the publication date.
        told = events_in(
            analysis,
            doc,
            index,
            field_name,
            domain=domain,
            scorer=scorer,
            tellings=tellings,
            learned_roles=learned_roles,
        )
        events += [_without_fallback_date(e) for e in told]
    return events


def _without_fallback_date(event: Event) -> Event:
    if event.date_is_fallback:
        return event.model_copy(
            update={"date": None, "date_is_fallback": False, "date_source": None,
                    "date_precision": None}
        )  # fmt: skip
    return event


def find_events(
    analysis: Analysis,
    parsed: Parsed,
    *,
    keep_unattributed: bool = False,
    narrative_dates: bool = True,
    confidence: Literal["learned", "rules"] = "learned",
    scorer: Scorer | None = None,
    tellings: list[tuple[Event, confidence_of.Evidence]] | None = None,
    learned_roles: bool = False,
) -> list[Event]:
    """The ``events`` section of ``analysis``, from the parse of the article (``parsed``).

    Events whose actor is neither named nor described are dropped after the tellings are
    merged (a telling that names nobody may still join an event told with its actor);
    ``keep_unattributed`` keeps them, as the rules did before confidences existed (the
    baseline of ``dateline eval events --docs``). ``narrative_dates`` off dates events as
    before ``dateline.events.dates``: the clause's date, else the publication date.
    ``confidence`` says how each record's confidence is computed: by the learned model
    (``dateline.events.confidence_model``, the default; ``scorer`` replaces the shipped
    weights) or by the hand-set rules alone (``dateline.events.confidence``). Every telling
    (before merging) is added with its evidence to ``tellings`` when given. ``learned_roles``
    lets the learned role ranker add a recipient the rules left empty (off by default).
    """
    if confidence == "learned" and scorer is None:
        scorer = Scorer.shipped()
    elif confidence == "rules":
        scorer = None
    tentative: set[int] = set()
    doc = parsed.doc
    domain = confidence_of.article_domain(doc)
    index = EntityIndex.build(analysis, "text")
    index.identified = numbered_groups(doc, index)
    body = events_in(
        analysis,
        doc,
        index,
        tentative=tentative,
        domain=domain,
        narrative_dates=narrative_dates,
        scorer=scorer,
        tellings=tellings,
        learned_roles=learned_roles,
    )
    display = _display_events(analysis, parsed, domain, scorer, tellings, learned_roles)
    told = [*display, *body]
    states = state_ids(analysis)
    events = merge_events(
        told,
        tentative,
        states,
        _told_by_definite_description(analysis),
        _complements(told, _field_docs(analysis, parsed)),
        _acting_for_bodies(analysis, states),
        _government_figures(analysis, states),
        _unnamed_groups(analysis),
    )
    if not keep_unattributed:
        events = [e for e in events if e.actor]
    return [
        e.model_copy(update={"id": f"V{n}", "mode": consult_mode(e, analysis)})
        for n, e in enumerate(events, start=1)
    ]


def _acting_for_bodies(analysis: Analysis, states: dict[str, str]) -> dict[str, str]:
    """Person id -> the side of the one body the article names in the person's title ("FBI
    Director Jane Roe", "Jane Roe, a police spokeswoman": ``affiliation.bodies_acted_for``):
    the body, or the state it acts for (``states``)."""
    sides = {}
    for entity in analysis.entities:
        if entity.type != "PERSON" or entity.id in states:
            continue
        bodies = bodies_acted_for(analysis, [entity.id])
        if len(bodies) == 1:
            (body,) = bodies
            sides[entity.id] = states.get(body, body)
    return sides


def _government_figures(analysis: Analysis, states: dict[str, str]) -> dict[str, str]:
    """Person id -> the state a person acts for when the entities stage codes him with that
    state's country and a government sector ("President Ortiz", "Putin") and the article
    tells the state as a party too ("Moscow", "the Kremlin"): a leader and his state may tell
    one act (``merge.LEADER_REACH``)."""
    told_states = set(states.values())
    figures = {}
    for entity in analysis.entities:
        if entity.type != "PERSON" or not entity.country or entity.sector not in STATE_SECTORS:
            continue
        state = "state:" + entity.country
        if state in told_states:
            figures[entity.id] = state
    return figures


def _unnamed_groups(analysis: Analysis) -> Groups:
    """Entity id -> (country, sector) of each party the entities stage reads as a group told
    by a description, not a name ("two senior lawmakers", "local police"; not a named armed
    group such as the Taliban, which it types GROUP too: no knowledge-base link, and the
    name's last word a common noun): the parties ``merge._retold_by_unnamed_groups`` may
    read as one side."""
    return {
        e.id: (e.country, e.sector)
        for e in analysis.entities
        if e.type == "GROUP" and e.kb_id is None and _ends_in_common_noun(e.name)
    }


def _ends_in_common_noun(name: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'-]*", name)
    return bool(words) and words[-1][0].islower()


def _display_lines(analysis: Analysis, parsed: Parsed) -> Iterator[tuple[str, str, Doc]]:
    """Each display line the article has (``DISPLAY_FIELDS``): its field name, its text and
    its parse."""
    for field_name in DISPLAY_FIELDS:
        text = getattr(analysis.article, field_name)
        if text and text.strip():
            yield field_name, text, parsed.field(field_name, text)


def _field_docs(analysis: Analysis, parsed: Parsed) -> dict[str, Doc]:
    """The parse of the body and of each display line the article has, by field name."""
    lines = {field_name: doc for field_name, _, doc in _display_lines(analysis, parsed)}
    return {"text": parsed.doc, **lines}


def _complements(events: list[Event], docs: dict[str, Doc]) -> Complements:
    """Tellings whose trigger is the complement of another telling's trigger ("agreed to
    sell", "an agreement to sell"), by (field, start) -> the governing trigger's start."""
    told = {(e.field, e.start) for e in events}
    found: Complements = {}
    for event in events:
        doc = docs.get(event.field)
        token = _token_starting(doc, event.start) if doc is not None else None
        if token is None or not _is_complement(token):
            continue
        if (event.field, token.head.idx) in told:
            found[(event.field, event.start)] = token.head.idx
    return found


def _token_starting(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) and span[0].idx == char else None


def _is_complement(token: Token) -> bool:
    """A verb telling what the act of the word governing it is: its open complement ("agreed
    to sell") or an infinitive attached to a noun ("an agreement to sell")."""
    if token.head.i == token.i:
        return False
    if token.dep_ == "xcomp":
        return True
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    return token.dep_ == "acl" and token.head.pos_ == "NOUN" and infinitive


def date_at(
    analysis: Analysis, parsed: Parsed, char: int, status: Status, narrative_dates: bool = True
) -> dates.EventDate:
    """The date the events stage gives an event whose trigger word holds character ``char`` of
    the body, told with ``status`` (``dateline eval events --docs`` reads it at gold triggers,
    so date resolution is measured apart from event extraction)."""
    doc = parsed.doc
    token = next((t for t in doc if t.idx <= char < t.idx + max(len(t.text), 1)), None)
    if token is None:
        return dates.EventDate(None)
    found = [t for t in find_triggers(list(token.sent)) if t.token.i == token.i]
    trigger = (
        found[0]
        if found
        else Trigger(token, cameo="", symmetric=False, nominal=token.pos_ not in {"VERB", "AUX"})
    )
    context = _Context(
        analysis,
        EntityIndex.build(analysis, "text"),
        _time_items(analysis, doc, "text"),
        [],
        "text",
        narrative_dates=narrative_dates,
    )
    return _event_date(trigger, context, status)


STAGE = Stage(
    name="events",
    requires=("entities", "locations", "times", "quotes"),
    assigns="events",
    function=find_events,
    description="who did what to whom, coded in PLOVER, with date, place and status",
    parses=DISPLAY_FIELDS,
)
