"""Who did it and to whom: dependency patterns from a trigger to its actor and recipient,
mapped onto the entities section (an argument is an entity whose mention overlaps it).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token

from dateline.entities.lexicon import lexicon as entity_lexicon
from dateline.events import lexicon
from dateline.events.statements import REPORTING_VERBS
from dateline.events.status import negated
from dateline.events.triggers import (
    ACCESSION,
    Trigger,
    is_document,
    is_subject_relative,
    object_of,
)
from dateline.model import Analysis
from dateline.states import state_ids
from dateline.text import ACCUSATIVE_PRONOUNS

ACTOR_TYPES = {"PERSON", "ORG", "LOCATION", "GROUP", "NORP", "FACILITY"}
SUBJECTS = {"nsubj", "csubj"}
# Pronouns by which a quoted speaker names himself or herself as the one acted on.
FIRST_PERSON = {"me", "myself"}
# Prepositions whose object is the recipient of a verbal event ("fired on", "appealed to").
RECIPIENT_PREPS = {"to", "against", "on", "upon", "toward", "towards", "at", "into"}
# Prepositions that point an act at someone, preferred over "on" ("shot back at X on Twitter").
POINTED_PREPS = {"to", "against", "at", "toward", "towards", "upon", "into"}
# Adverbs the parser attaches as ``advmod`` that act as a verb's particle ("shot back at").
PARTICLE_ADVERBS = {"back", "out"}
# Verbs whose direct object is the thing given or sent, not who gets it.
GIVING_VERBS = {
    "send", "provide", "supply", "deliver", "grant", "give", "donate", "offer", "ship",
    "sell", "lend", "transfer", "dispatch", "deploy", "pledge", "promise",
}  # fmt: skip
# Prepositions whose object is the recipient of a nominal event ("an attack on", "a visit to").
NOMINAL_RECIPIENT_PREPS = RECIPIENT_PREPS | {"of", "for"}
# Phrase-internal dependents that may carry the entity of a noun phrase ("Syrian leader").
PHRASE_DEPS = {"compound", "appos", "amod", "flat", "nmod", "poss"}
RELATIVE_TAGS = {"WDT", "WP", "WP$"}
PERSONAL_RELATIVES = {"who", "whom"}
# CAMEO roots of giving and offering, whose "to" object is the recipient: intent (03),
# material cooperation (06), aid (07), yielding (08).
TRANSFER_ROOTS = {"03", "06", "07", "08"}
# Verbs of taking something from someone, whose "from" object is the one acted on.
TAKING_VERBS = {"seize", "capture", "take", "wrest", "annex", "grab", "recapture", "retake"}
# Verbs whose subject undergoes the act their object names ("faces charges", "drew a rebuke
# from the mayor", "received a warning from Moscow"); their "from" phrase names its doer.
UNDERGOING_VERBS = {
    "face", "draw", "attract", "receive", "earn", "incur", "endure", "suffer", "weather",
    "withstand",
}  # fmt: skip
# Intransitive verbs whose subject is the one the act befalls, never its doer: the dictionary
# codes "died in clashes" as force, but "three protesters died" names its victims.
BEFALLING_VERBS = {"die", "perish"}
# CAMEO roots of giving (aid, 07), whose nouns name the giver with "from" ("aid from Japan").
GIVING_ROOTS = {"07"}
# CAMEO roots of offering (03) and giving aid (07), whose "for" phrase, beside what is offered,
# names whom it is for ("offered $15 a share for Acme", "provided shelter for the villagers").
OFFERING_ROOTS = {"03", "07"}
# CAMEO roots of asking and demanding: the one asked to act is the recipient.
DIRECTIVE_ROOTS = {"02", "10"}
# Heads of "X of Y" phrases that stand for the Y ("thousands of students").
GROUP_HEADS = {
    "thousand", "hundred", "dozen", "million", "score", "ten", "group", "member", "leader",
    "number", "majority", "some", "many", "most", "all", "half", "representative",
    "delegation", "official", "supporter", "part", "unit", "contingent", "band",
}  # fmt: skip
# Nouns of a holding in a company ("shares of Acme", "a stake in Acme") and of traded goods
# ("imports from Chile", "Chile's exports"): a bid for them or a duty on them is aimed at the
# company that is owned or the country the goods come from, told by these prepositions.
HOLDING_NOUNS = {
    "share": {"of", "in"}, "stake": {"of", "in"}, "stock": {"of", "in"},
    "holding": {"of", "in"}, "asset": {"of"}, "subsidiary": {"of"}, "division": {"of"},
    "import": {"from", "of"}, "export": {"from", "of"}, "good": {"from"},
    "product": {"from"}, "shipment": {"from"},
}  # fmt: skip
# Heads of a "for" phrase naming whom an offer is for when no entity is told: a holding, or
# a group ("for a majority of the shares", "for thousands of families").
_PARTY_OR_HOLDING_HEADS = HOLDING_NOUNS.keys() | GROUP_HEADS
# Offices whose holder, told only by the office ("the head of the health service", "the
# spokesman of the ministry"), acts for the body the "of" phrase names.
OFFICE_HEADS = {
    "head", "chief", "spokesman", "spokeswoman", "spokesperson", "director", "chairman",
    "chairwoman", "chair", "president", "secretary", "minister", "ambassador", "envoy",
    "commander", "boss",
}  # fmt: skip
# Nouns of acts done to someone, whose possessor is the one it is done to ("his arrest",
# "their release", "Navalny's detention"), not the one who does it ("Russia's attack").
PATIENT_NOUNS = {
    "arrest", "detention", "release", "deportation", "extradition", "expulsion", "execution",
    "assassination", "murder", "killing", "abduction", "kidnapping", "capture", "imprisonment",
    "jailing", "sentencing", "conviction", "indictment", "prosecution", "impeachment",
    "ouster", "dismissal", "firing", "removal", "torture", "rescue", "pardon", "acquittal",
}  # fmt: skip
# CAMEO roots of rejecting and denying (12), and of disapproving (11, criticism, accusation).
REJECTING_ROOTS = {"12"}
# Prepositions naming whom a complaint or accusation is about ("complained to the board about
# the mayor", "a complaint against the officer"), before the body it is made to.
COMPLAINED_OF = {"about", "against", "over"}
DISAPPROVING_ROOTS = {"11"}
# CAMEO root of investigating (09): an inquiry into how or whether someone acted.
INVESTIGATING_ROOTS = {"09"}
# Verbs of making a claim: the parser reads "denies US claims that" as a clause of one.
CLAIMING_VERBS = {"claim", "allege", "charge", "accuse", "assert", "suggest", "say"}
# Words opening an indirect question ("how", "why", "whether").
QUESTION_WORDS = {"how", "why", "whether", "if"}
# Nouns of their holder's own intent, undertaking or licence: an infinitive on one tells what
# the holder would do ("Acme's plan to buy Bolt", "an effort to unseat the mayor", "a warrant
# to search the house"). Not nouns of directing others ("a call to boycott", "an order to
# arrest", "an invitation to visit", "pressure to resign"): there the addressee acts.
INTENT_NOUNS = {
    "plan", "effort", "attempt", "bid", "decision", "move", "promise", "pledge", "vow",
    "offer", "agreement", "deal", "intention", "intent", "campaign", "drive", "push",
    "proposal", "willingness", "readiness", "determination", "commitment", "threat",
    "right", "opportunity", "chance", "warrant", "mandate", "permission", "authority",
    "authorization", "authorisation", "power", "initiative", "strategy", "scheme",
}  # fmt: skip
# Verbs whose subject holds the intent noun they take as object (has, makes, announces or
# pursues it: "announced plans to", "made an attempt to", "obtained a warrant to"), unlike
# verbs judging another's plan ("opposed the plan to", "welcomed a move to").
INTENT_CARRIERS = {
    "have", "make", "announce", "unveil", "launch", "lead", "join", "obtain", "get", "seek",
    "win", "receive", "reach", "sign", "propose", "outline", "draw", "take", "step",
    "intensify", "redouble", "begin", "start", "continue", "pursue", "spearhead", "mount",
    "adopt", "confirm", "finalize", "finalise", "lay", "secure", "give", "renew", "repeat",
    "reiterate", "press", "float", "submit", "table", "put",
}  # fmt: skip
# Prepositions whose gerund tells a deed of the governing verb's object: "blamed X for
# attacking", "accused X of lying", "stopped X from leaving", "pressured X into signing",
# "warned X against striking", "charged X with selling". Others ("after", "before", "while",
# "by", "since", "despite", "without") tell the subject's own act.
OBJECT_GERUND_PREPS = {"for", "of", "from", "into", "against", "over", "about", "with"}
# Prepositions naming what an inquiry looks into ("a probe into", "an inquiry concerning").
INQUIRY_TOPIC_PREPS = {"into", "concerning", "regarding"}
# Verbs whose object is the subject of their infinitive ("urged Iran to halt").
OBJECT_CONTROL = {
    "urge", "call", "ask", "appeal", "press", "tell", "order", "force", "invite", "persuade",
    "encourage", "allow", "help", "pressure", "request", "instruct", "warn", "demand",
}  # fmt: skip
# How far back (in sentences) an implicit co-participant of a meeting may be found.
TOPIC_WINDOW = 3
# A wire dateline opening the body: "HANOI, Vietnam (AP) —", "MOSCOW (Reuters) -",
# "WASHINGTON —", "Kabul, Nov 19 (Reuters) -". Its places say where the story was filed,
# never who acts.
DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z.'\- ]{1,40}?|[A-Z][A-Za-z.'\- ]{1,40}?(?=\s*\())"
    r"(?:,\s*[A-Z][A-Za-z.' ]{1,30}?)?"
    r"(?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?"
    r"\s*(?:\([^)]{1,40}\)\s*)?[\u2014\u2013-]{1,2}\s"
)


def dateline_end(text: str) -> int:
    """Where a wire dateline opening ``text`` ends (0 when there is none)."""
    match = DATELINE.match(text)
    return match.end() if match else 0


@dataclass
class EntityIndex:
    """Entity mentions of one article field, looked up by character offset."""

    spans: list[tuple[int, int, str]] = field(default_factory=list)
    places: set[str] = field(default_factory=set)
    surnames: dict[str, str] = field(default_factory=dict)
    dateline_end: int = 0  # entity mentions before this offset (a wire dateline) are no party
    # Direct quotations with a known speaker: (start, end, speaker entity id).
    quotes: list[tuple[int, int, str]] = field(default_factory=list)
    # Locations that are not countries, resolved to a town or not at all ("12 Harbor Road"):
    # after "at" they say where something happened.
    sites: set[str] = field(default_factory=set)
    # PERSON entities the article refers to by a gendered pronoun the entities stage linked to
    # them: "he" for one, "she" for the other (both: none); who "him" or "her" may stand for.
    genders: dict[str, str] = field(default_factory=dict)
    persons: set[str] = field(default_factory=set)
    # NORP entities ("German", "Iranian") -> the entity of their country, when the article
    # names that country itself: the party a nationality adjective stands for.
    nations: dict[str, str] = field(default_factory=dict)
    # A plural pronoun the entities stage linked to several parties named together ("Reyes
    # and Cole ... They accused"): its span -> those entities, in the order of ``spans``.
    joint: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    # Countries (and continents) the article names: where a protest happens "in" or
    # "outside" one, not whom it is against.
    countries: set[str] = field(default_factory=set)
    # Entity id -> the state it acts for (``dateline.states.state_ids``): "Moscow" and
    # "Russia" are one party where a denial answers an accusation.
    states: dict[str, str] = field(default_factory=dict)
    # ``_first_overlapping``'s lookup: the spans' starts and the running maximum of their ends,
    # for the list (and length) of ``spans`` they were built from.
    # Entity id -> its type ("PERSON", "ORG", ...): what an unlinked pronoun may stand for.
    kinds: dict[str, str] = field(default_factory=dict)
    # Every direct quotation of the field (start, end), speaker known or not.
    quoted: list[tuple[int, int]] = field(default_factory=list)
    # Pronoun spans this index linked itself (``resolve_pronoun``), not the entities stage:
    # the learned confidence reads an actor found so apart (``Evidence.actor_link``).
    resolved: set[tuple[int, int]] = field(default_factory=set)
    # A numbered group the next sentence names person by person ("the arrests of two New
    # Yorkers ... Lu Wen and Chen Bo were charged"): the group's mention -> those persons
    # (``numbered_groups``, set by the events stage, which has the parse).
    identified: dict[tuple[int, int], tuple[str, list[str]]] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list, init=False, repr=False, compare=False)
    _furthest_ends: list[int] = field(default_factory=list, init=False, repr=False, compare=False)
    _lookup_of: list[tuple[int, int, str]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    _lookup_size: int = field(default=-1, init=False, repr=False, compare=False)
    _unsorted: bool = field(default=False, init=False, repr=False, compare=False)

    @classmethod
    def build(cls, analysis: Analysis, field_name: str = "text") -> EntityIndex:
        skip = dateline_end(analysis.article.text) if field_name == "text" else 0
        spans = [
            (mention.start, mention.end, entity.id)
            for entity in analysis.entities
            if entity.type in ACTOR_TYPES
            for mention in entity.mentions
            if mention.field == field_name and mention.start >= skip
        ]
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        # Places that are towns or regions are where an event happens, not who acts.
        places = {
            loc.entity
            for loc in analysis.locations
            if loc.entity and loc.kind not in (None, "country", "continent")
        }
        quotes = [
            (quote.start, quote.end, quote.speaker)
            for quote in analysis.quotes
            if quote.field == field_name and quote.kind != "indirect" and quote.speaker
        ]
        countries = {
            loc.entity for loc in analysis.locations if loc.kind in ("country", "continent")
        }
        # An address or a building after "at" says where, like a town ("the fire at 12 Harbor
        # Road", "the shooting at the Elm Street mall").
        sites = {
            e.id
            for e in analysis.entities
            if (e.type == "LOCATION" and e.id not in countries) or e.type == "FACILITY"
        }
        persons = {e.id for e in analysis.entities if e.type == "PERSON"}
        return cls(
            spans,
            places,
            _unique_surnames(analysis),
            skip,
            quotes,
            sites,
            _genders(analysis),
            persons,
            _nations(analysis),
            _joint_spans(spans),
            {c for c in countries if c},
            state_ids(analysis),
            {e.id: e.type for e in analysis.entities},
            [
                (quote.start, quote.end)
                for quote in analysis.quotes
                if quote.field == field_name and quote.kind != "indirect"
            ],
        )

    def at(self, token: Token) -> str | None:
        start, end = token.idx, token.idx + len(token.text)
        if start < self.dateline_end:
            return None
        if token.lower_ in FIRST_PERSON:
            # "'He blamed me for it,' Ms Reyes said": the one quoted speaks of herself. (Only
            # as the one acted on: what a speaker says "I" did is mostly told hypothetically
            # or as background, "I know it's classified but send it anyway".)
            speaker = self.speaker_at(start)
            if speaker is not None:
                return speaker
        entity_id = self._first_overlapping(start, end)
        if entity_id is not None:
            return entity_id
        if token.pos_ == "PROPN":
            # A later bare surname the entities stage left unlinked ("Ruto" for William Ruto).
            return self.surnames.get(token.text)
        return None

    def _first_overlapping(self, start: int, end: int) -> str | None:
        """The entity of the first span of ``spans`` (in list order) overlapping [start, end).

        ``spans`` is sorted by start, so the spans starting before ``end`` are a prefix of it;
        the first of them ending after ``start`` is where the running maximum of their ends
        first exceeds ``start``. Two binary searches instead of a walk over every mention of
        the article for every word an event asks about."""
        spans = self.spans
        if self._lookup_size != len(spans) or self._lookup_of is not spans:
            # Built on first use (``display_index`` still adds spans after ``build``).
            ends: list[int] = []
            furthest = -1
            for _, span_end, _ in spans:
                furthest = max(furthest, span_end)
                ends.append(furthest)
            self._starts = [span[0] for span in spans]
            self._unsorted = any(a > b for a, b in itertools.pairwise(self._starts))
            self._furthest_ends = ends
            self._lookup_of, self._lookup_size = spans, len(spans)
        if self._unsorted:
            # Spans given out of order (an index built by hand): walk them all.
            return next((e for s, t, e in spans if s < end and start < t), None)
        first = bisect_right(self._furthest_ends, start)
        if first < bisect_left(self._starts, end):
            return spans[first][2]
        return None

    def joint_at(self, token: Token) -> list[str]:
        """Every party a plural pronoun stands for, when it stands for several ("they" for
        "Reyes and Cole"); else nothing."""
        return self.joint.get((token.idx, token.idx + len(token.text)), [])

    def quote_at(self, offset: int) -> tuple[int, int] | None:
        """The direct quotation holding character ``offset``, if any."""
        return next((q for q in self.quoted if q[0] <= offset < q[1]), None)

    def link(self, token: Token, entity_id: str) -> None:
        """Tell ``token`` (a pronoun) as a mention of ``entity_id`` from now on, kept apart
        from the entities stage's links in ``resolved``."""
        start, end = token.idx, token.idx + len(token.text)
        insort(self.spans, (start, end, entity_id), key=lambda s: (s[0], -(s[1] - s[0])))
        self.resolved.add((start, end))

    def speaker_at(self, offset: int) -> str | None:
        """The speaker of the direct quotation holding character ``offset``, if known."""
        for quote_start, quote_end, speaker in self.quotes:
            if quote_start <= offset < quote_end:
                return speaker
        return None


# Pronouns by the gender they refer with.
GENDERED = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


def _genders(analysis: Analysis) -> dict[str, str]:
    """PERSON entity id -> "m" or "f", from the gendered pronouns among its mentions; a person
    mentioned by pronouns of both genders (a wrong link somewhere) gets none."""
    found: dict[str, str] = {}
    texts = {"text": analysis.article.text}
    for entity in analysis.entities:
        if entity.type != "PERSON":
            continue
        seen = {
            GENDERED[word]
            for mention in entity.mentions
            if mention.field in texts
            and (word := texts[mention.field][mention.start : mention.end].lower()) in GENDERED
        }
        if len(seen) == 1:
            found[entity.id] = seen.pop()
    return found


def _nations(analysis: Analysis) -> dict[str, str]:
    """NORP entity id -> the entity id of its country, for nationalities whose country the
    article names as a country (one entity for it): "criticised German defence spending" is
    aimed at Germany, the party the guideline names for a country acting or acted on."""
    country_places = {loc.entity for loc in analysis.locations if loc.kind == "country"}
    by_code: dict[str, set[str]] = {}
    for entity in analysis.entities:
        if entity.id in country_places and entity.country:
            by_code.setdefault(entity.country, set()).add(entity.id)
    return {
        entity.id: next(iter(by_code[entity.country]))
        for entity in analysis.entities
        if entity.type == "NORP" and entity.country and len(by_code.get(entity.country, ())) == 1
    }


def _joint_spans(spans: list[tuple[int, int, str]]) -> dict[tuple[int, int], list[str]]:
    """Spans that several entities share (a pronoun for parties named together) -> those
    entities, in list order."""
    owners: dict[tuple[int, int], list[str]] = {}
    for start, end, entity_id in spans:
        owners.setdefault((start, end), []).append(entity_id)
    return {span: ids for span, ids in owners.items() if len(ids) > 1}


def _unique_surnames(analysis: Analysis) -> dict[str, str]:
    """Last name -> PERSON entity id, for last names only one person in the article has."""
    owners: dict[str, set[str]] = {}
    for entity in analysis.entities:
        words = entity.name.split()
        if entity.type == "PERSON" and len(words) > 1:
            owners.setdefault(words[-1], set()).add(entity.id)
    return {name: next(iter(ids)) for name, ids in owners.items() if len(ids) == 1}


def _is_light(verb: Token) -> bool:
    return verb.lemma_.lower() in lexicon.light_verbs()


def _antecedent(token: Token) -> Token:
    """A relative pronoun ("whom he thanked") stands for the noun its clause modifies."""
    if token.tag_ in RELATIVE_TAGS:
        clause = token.head
        while clause.dep_ not in {"relcl", "ROOT"} and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ == "relcl":
            return clause.head
    return token


def _with_conjuncts(token: Token) -> list[Token]:
    heads = [token]
    for conj in token.conjuncts:
        if conj.i > token.i and not _subject_of_next_clause(conj):
            heads.append(conj)
    # A possessor the parser made a conjunct ("France’s Macron and Germany’s Merz", "Germany"
    # a conjunct of "Macron") is whose the next name is: that name is the conjunct.
    heads = list(dict.fromkeys(_possessed(head) for head in heads))
    # "he and Turkish President Recep Tayyip Erdogan" parsed as three conjuncts: a conjunct
    # that runs straight into the next one is part of it (here its title).
    return [
        head
        for n, head in enumerate(heads)
        if not any(later.left_edge.i == head.i + 1 for later in heads[n + 1 :])
    ]


def _subject_of_next_clause(conj: Token) -> bool:
    """A noun the parser joined to an object that is the subject of the next clause: "denied
    the allegation and the Georgian television stations reported that ...", where the verb
    right after the noun is joined to the object's own verb and has no subject of its own
    (not "met the envoy and the minister on Monday")."""
    after = conj.right_edge.i + 1
    if after >= len(conj.doc) or conj.pos_ not in {"NOUN", "PROPN"}:
        return False
    verb = conj.doc[after]
    if verb.dep_ in {"aux", "auxpass", "neg", "advmod"} and verb.head.i > verb.i:
        verb = verb.head  # "and the stations have reported", "and the stations later said"
    if verb.pos_ != "VERB" or verb.dep_ != "conj" or verb.tag_ == "VBG":
        return False
    governing = conj.head
    while governing.dep_ == "conj" and governing.head.i != governing.i:
        governing = governing.head
    return verb.head.i == governing.head.i and _child(verb, SUBJECTS | {"nsubjpass"}) is None


def _possessed(head: Token) -> Token:
    """For a conjunct that ends in a possessive ("Germany’s" before "Friedrich Merz"): the
    name or noun it owns, the widest phrase opening right after the ending; else the conjunct."""
    ending = next((c for c in head.children if c.dep_ == "case" and c.tag_ == "POS"), None)
    doc = head.doc
    if ending is None or ending.i != head.i + 1 or ending.i + 1 >= len(doc):
        return head
    owned = doc[ending.i + 1]
    if owned.pos_ not in {"PROPN", "NOUN", "ADJ"}:
        return head
    while owned.head.i != owned.i and owned.head.left_edge.i == ending.i + 1:
        owned = owned.head
    return owned if owned.pos_ in {"PROPN", "NOUN"} else head


def _personal_antecedent(pronoun: Token, index: EntityIndex) -> str | None:
    """The entity right before "who"/"whom" (across a comma): "the Taliban, who have long
    refused", also when the parser hung the clause on an earlier noun ("talks between the
    government and the Taliban, who ...")."""
    if pronoun.lower_ not in PERSONAL_RELATIVES or pronoun.i == 0:
        return None
    before = pronoun.doc[pronoun.i - 1]
    if before.text == "," and before.i > 0:
        before = before.doc[before.i - 1]
    return index.at(before)


def phrase_entity(head: Token, index: EntityIndex, allow_places: bool = True) -> str | None:
    """The entity a noun phrase refers to: its head first, then phrase-internal modifiers."""
    found = _personal_antecedent(head, index)
    if found is not None:
        return None if not allow_places and found in index.places else found
    head = _antecedent(head)
    # "the North's leader, Kim Jong Un": a name in apposition says who a description is,
    # whatever person the description was linked to.
    found = (
        (
            _apposed_name(head, index)
            or _name_apposed_to(head, index)
            or _office_holder_after_comma(head, index)
            or _identified_name(head, index)
        )
        if head.pos_ == "NOUN"
        else None
    )
    found = found or index.at(head) or _bound_person(head, index) or resolve_pronoun(head, index)
    if found is None:
        # A name in the phrase ("her cousin Viktoria Skripal", "Syrian leader") before its
        # owner ("her"); a name in apposition before a modifier ("an RT America host, Abby
        # Martin"); a pronoun owner never stands for a subject ("his defense team said").
        modifiers = sorted(
            (c for c in head.children if c.dep_ in PHRASE_DEPS),
            key=lambda c: (c.dep_ == "poss", not _is_name_apposition(c)),
        )
        for child in modifiers:
            if child.tag_ == "PRP$" and head.dep_ in SUBJECTS | {"nsubjpass"}:
                continue
            if child.dep_ == "appos" and not _is_name_apposition(child):
                # "Trump's campaign, the latest chapter in a feud between the two men": a
                # description in apposition is a phrase of its own, not a name for this one.
                continue
            found = index.at(child) or _bound_person(child, index)
            nested = found is None
            if nested:
                found = next((index.at(t) for t in _own_words(child) if index.at(t)), None)
            if found in index.places and (nested or child.dep_ in {"compound", "amod", "nmod"}):
                # "the Paris agreement", "the Ohio governor's budget": a town or region naming
                # a thing or its owner says where it is from, never who the phrase stands for.
                found = None
            if found:
                break
    if found is None and (head.like_num or head.lemma_.lower() in GROUP_HEADS | OFFICE_HEADS):
        # "Thousands of students", "leaders of the opposition": the "of" phrase names them;
        # "the head of the health service" acts for the service.
        for pobj in _prep_objects(head, {"of"}):
            found = index.at(pobj) or phrase_entity(pobj, index, allow_places)
            if found:
                break
    owned_through = HOLDING_NOUNS.get(head.lemma_.lower())
    if found is None and owned_through and head.pos_ == "NOUN":
        # "a bid for shares of Acme", "a ban on imports from Chile": the company or country.
        # Not an owner told by a pronoun ("sold shares of its stock"): that is the seller; and
        # never a town or region ("shares of La Jolla" names a company the town is named for).
        for pobj in _prep_objects(head, owned_through):
            if pobj.pos_ == "PRON" or any(c.tag_ == "PRP$" for c in pobj.children):
                continue
            found = phrase_entity(pobj, index, allow_places=False)
            if found:
                break
    if found and not allow_places and found in index.places:
        return None
    return found


# Dependents that open a phrase or clause of its own inside a modifier: their entities are
# what the modifier is about, not who the modified phrase is.
INNER_PHRASES = {"prep", "agent", "acl", "relcl", "advcl", "ccomp", "xcomp", "pcomp", "dative"}


def _own_words(modifier: Token) -> list[Token]:
    """The words of a modifier, in text order, without the prepositional phrases and clauses
    inside it: "a group responsible for attacks targeting Egyptian forces" is no name of the
    forces, while "her cousin Viktoria Skripal" and "the [Syrian-backed] militia" are."""
    words = [modifier]
    stack = [modifier]
    while stack:
        for child in stack.pop().children:
            if child.dep_ not in INNER_PHRASES:
                words.append(child)
                stack.append(child)
    return sorted(words, key=lambda t: t.i)


# Object and possessive pronouns that stand for one person.
PERSONAL_OBJECTS = {"him", "her", "his"}
# Clauses inside a sentence whose pronouns may stand for the governing clause's subject.
SUBORDINATE = {"ccomp", "advcl"}


def _bound_person(pronoun: Token, index: EntityIndex) -> str | None:
    """The person an unresolved "him", "her" or "his" in an object stands for when the
    sentence says: the subject of the clause governing the pronoun's own clause ("Hickson said
    a man attacked him", "Cole was arrested after guards detained him", "Lee left after the
    chief denied his request"). A pronoun cannot be its own clause's subject (that would be
    "himself"), and the governing subject is the one the sentence is about; any other reading
    needs the coreference the entities stage did not give, so nothing else is guessed."""
    if pronoun.lower_ not in PERSONAL_OBJECTS or pronoun.pos_ != "PRON":
        return None
    if pronoun.dep_ in SUBJECTS | {"nsubjpass"}:
        return None
    clause = pronoun.head
    for _ in range(6):
        if clause.dep_ in SUBORDINATE or clause.head.i == clause.i:
            break
        clause = clause.head
    if clause.dep_ not in SUBORDINATE:
        return None
    governing = clause.head
    subject = _child(governing, SUBJECTS | {"nsubjpass"})
    # Named: a pronoun subject's own link is already a guess.
    if subject is None or subject.i > clause.i or subject.pos_ != "PROPN":
        return None
    found = index.at(subject)
    if found is None or found not in index.persons:
        return None
    # "her" for a man the article calls "he" is someone else; an owner ("his request") is
    # bound only to a person the article calls by the same pronoun (possessives more often
    # reach back to a person told before).
    known = index.genders.get(found)
    if known != GENDERED[pronoun.lower_] and (known is not None or pronoun.tag_ == "PRP$"):
        return None
    own = _child(clause, SUBJECTS)
    if own is not None and index.at(own) == found:
        return None
    return found


# Subject and possessive pronouns the entities stage may leave unlinked, by what they may
# stand for: a person of that gender, or a body (one: "it", several or a collective: "they").
PERSON_PRONOUNS = {"he": "m", "his": "m", "she": "f", "her": "f"}
BODY_PRONOUNS = {"it": "one", "its": "one", "they": "many", "their": "many"}
# The entity types "it" and "they" stand for as the doer: an organisation or a state ("it"),
# an organisation, a group or a people ("they": "the union ... they", "rebels ... they").
ONE_BODY = {"ORG"}
MANY_BODIES = {"ORG", "GROUP", "NORP"}
PARTY_SUBJECTS = SUBJECTS | {"nsubjpass"}
NOUN_ROLES = {"dobj", "dative", "pobj", "poss"}


def resolve_pronoun(pronoun: Token, index: EntityIndex, depth: int = 0) -> str | None:
    """The party an unlinked subject or possessive pronoun stands for as a doer ("He
    condemned ...", "They called for ...", "its invasion of ..."): the nearest party told as
    a subject ("it"/"they": in any role) before it in its sentence, else the main subject
    first in the sentence before, of a kind the pronoun can stand for ("he"/"she": a person
    whose known gender agrees; "it": an organisation or a country; "they": an organisation,
    group or people), told on the same side of a quotation's marks. A subject the pronoun
    could stand for that names no party ("A guard ... He", "The bill ... It", "Three drivers
    ... They") ends the search with nothing. The link is kept (``EntityIndex.link``) and
    marked as this index's own."""
    word = pronoun.lower_
    if pronoun.pos_ != "PRON" or (word not in PERSON_PRONOUNS and word not in BODY_PRONOUNS):
        return None
    if pronoun.dep_ not in (
        PARTY_SUBJECTS if word not in {"his", "her", "its", "their"} else {"poss"}
    ):
        return None
    if pronoun.idx < index.dateline_end:
        return None
    if pronoun.dep_ in PARTY_SUBJECTS and _expletive(pronoun):
        return None  # "it may take days to": no party
    reporter = _reporter(pronoun.head) if pronoun.dep_ in PARTY_SUBJECTS else None
    if reporter is not None:
        # "Acme said it would sue": the reporter, as ``_reporter_as_subject`` reads it (or
        # nobody, where it may not be the reporter); "She said she would": as the first.
        if reporter.pos_ == "PRON" and _same_class(reporter.lower_, word):
            found = index.at(reporter) or resolve_pronoun(reporter, index, depth)
            if found is not None:
                index.link(pronoun, found)
            return found
        return None
    quote = index.quote_at(pronoun.idx)
    sentence = pronoun.sent
    # "it" and "they" also reach a party told in another role before them in their own
    # sentence ("sanctions imposed on Iraq after its invasion of Kuwait").
    roles = PARTY_SUBJECTS if word in PERSON_PRONOUNS else PARTY_SUBJECTS | NOUN_ROLES
    candidates = [t for t in reversed(sentence[: pronoun.i - sentence.start]) if t.dep_ in roles]
    if sentence.start > 0:
        before = pronoun.doc[sentence.start - 1].sent
        earlier = [t for t in before if t.dep_ in PARTY_SUBJECTS]
        candidates += sorted(earlier, key=lambda t: (tree_depth(t), t.i))
    # "Bolt, which it bought", "people they work with": the subject of a relative clause
    # never stands for the noun the clause describes (that noun is what it acts on).
    clause = pronoun.head
    described = clause.head.i if pronoun.dep_ in PARTY_SUBJECTS and clause.dep_ == "relcl" else -1
    for subject in candidates:
        if index.quote_at(subject.idx) != quote or subject.tag_ in RELATIVE_TAGS:
            continue
        if subject.i == described:
            continue
        entity_id = index.at(subject)
        if entity_id is None and subject.pos_ == "PRON":
            if not _same_class(subject.lower_, word):
                continue
            # An earlier pronoun of the same kind left unlinked: the same party ("He left
            # early. He said ..."), found as it is, up to three sentences back.
            found = resolve_pronoun(subject, index, depth + 1) if depth < 2 else None
            if found is not None:
                index.link(pronoun, found)
            return found
        fits = _pronoun_fits(word, entity_id, subject, index)
        if fits is None:
            return None
        if fits and entity_id is not None:
            index.link(pronoun, entity_id)
            return entity_id
    return None


def _reporter(verb: Token) -> Token | None:
    """The subject of the verb a clause is reported by ("Acme said it ..."), the case
    ``_reporter_as_subject`` reads."""
    current = verb
    for _ in range(4):
        if current.dep_ not in {"xcomp", "ccomp", "conj", "acomp"} or current.head.i == current.i:
            return None
        current = current.head
        if current.dep_ != "xcomp" and any(c.dep_ in SUBJECTS for c in current.children):
            return _child(current, SUBJECTS)
    return None


# Verbs whose "it" subject is mostly a placeholder ("it is likely", "it took weeks to").
PLACEHOLDER_VERBS = {"be", "take", "seem", "appear", "remain", "become", "mean"}


def _expletive(pronoun: Token) -> bool:
    return pronoun.lower_ == "it" and pronoun.head.lemma_.lower() in PLACEHOLDER_VERBS


# What each pronoun stands for: a man, a woman, one body or several.
PRONOUN_KINDS = {**PERSON_PRONOUNS, **BODY_PRONOUNS, "him": "m", "them": "many"}


def _same_class(other: str, word: str) -> bool:
    """Whether two pronouns refer alike (both to a man, a woman, one body or several)."""
    return other in PRONOUN_KINDS and PRONOUN_KINDS[other] == PRONOUN_KINDS.get(word)


def tree_depth(token: Token) -> int:
    """How many heads above its sentence's root ``token`` is (the root: 0; capped at 50)."""
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def _pronoun_fits(
    word: str, entity_id: str | None, subject: Token, index: EntityIndex
) -> bool | None:
    """Whether a subject told as ``entity_id`` (None: no party) is what ``word`` stands for
    (True), is passed over (False), or ends the search (None: the pronoun likelier stands for
    it, and it names no party)."""
    kind = index.kinds.get(entity_id) if entity_id is not None else None
    if word in PERSON_PRONOUNS:
        if kind == "PERSON":
            known = index.genders.get(entity_id or "")
            return known is None or known == PERSON_PRONOUNS[word]
        # A singular noun subject that names no person ("A guard said ... He"), or a
        # description the entities stage made a group ("the officer").
        return None if subject.tag_ == "NN" or kind == "GROUP" else False
    if BODY_PRONOUNS[word] == "one":
        if kind in ONE_BODY or (entity_id is not None and entity_id in index.countries):
            return True
        return None if entity_id is None and subject.tag_ in {"NN", "NNP"} else False
    if kind in MANY_BODIES:
        return True
    return None if entity_id is None and subject.tag_ in {"NNS", "NNPS"} else False


def _is_name_apposition(token: Token) -> bool:
    return token.dep_ == "appos" and token.pos_ == "PROPN"


def _apposed_name(head: Token, index: EntityIndex) -> str | None:
    """The entity of a proper name in apposition to ``head``, if any."""
    for child in head.children:
        if _is_name_apposition(child):
            found = index.at(child)
            if found is not None:
                return found
    return _person_apposed_to_thing(head, index)


def _person_apposed_to_thing(head: Token, index: EntityIndex) -> str | None:
    """A person's name the parser set in apposition to the object of the head's "of" phrase
    when that object is a thing: "the driver of the van, Lee K. Dunn, 30," ("Dunn" hung on
    "van"). No person is a van or a store, so the name is the whole phrase's apposition. An
    object that may be a person ("the wife of the senator, John Hale") keeps the name."""
    people = entity_lexicon()
    for pobj in _prep_objects(head, {"of"}):
        lemma = pobj.lemma_.lower()
        if pobj.pos_ != "NOUN" or index.at(pobj) is not None:
            continue
        if lemma in people.titles or lemma in people.people_nouns or lemma in people.agent_nouns:
            continue
        for child in pobj.children:
            found = index.at(child) if _is_name_apposition(child) else None
            if found is not None and found in index.persons:
                return found
    return None


def _office_holder_after_comma(head: Token, index: EntityIndex) -> str | None:
    """The person named right after an office told by its title and a comma, when the parser
    hung the name elsewhere ("the resignation of the party chairwoman, Rep. Ann Reyes, on the
    eve of the vote", the name read as an adverbial of the main verb): the apposition the
    comma marks. Only a title (``OFFICE_HEADS``) with no apposition of its own, and only a
    name that is no clause's subject ("the chairwoman, Reyes said": Reyes speaks of someone)
    and that closes at a comma, a bracket or the sentence end, as an apposition does."""
    if head.lemma_.lower() not in OFFICE_HEADS or head.i + 2 >= len(head.doc):
        return None
    if any(child.dep_ == "appos" for child in head.children):
        return None
    comma, first = head.nbor(1), head.nbor(2)
    if comma.text != "," or first.pos_ != "PROPN":
        return None
    name = [first]
    while name[-1].i + 1 < len(head.doc) and name[-1].nbor(1).pos_ == "PROPN":
        name.append(name[-1].nbor(1))
    after = name[-1].i + 1
    closes = after >= len(head.doc) or head.doc[after].text in {",", "(", ".", ";"}
    if not closes or any(token.dep_ in SUBJECTS | {"nsubjpass"} for token in name):
        return None
    found = next((index.at(token) for token in name if index.at(token)), None)
    return found if found in index.persons else None


NAMING_PARTICIPLES = {"name", "identify", "call"}


def _identified_name(head: Token, index: EntityIndex) -> str | None:
    """The party a description's participle names: "a man named Carlos Ruiz", "a 34-year-old
    woman, identified as Maria Lopez" (also when the parser hung "identified as" on the verb
    right after its object: "arrested drug dealer, identified as ..."); never a place."""
    clauses = [c for c in head.children if c.dep_ == "acl"]
    if head.dep_ in {"dobj", "nsubjpass"}:
        clauses += [
            c
            for c in head.head.children
            if c.dep_ == "advcl"
            and c.i > head.i
            and all(t.is_punct for t in head.doc[head.right_edge.i + 1 : c.left_edge.i])
        ]
    for clause in clauses:
        if clause.lemma_.lower() not in NAMING_PARTICIPLES or clause.tag_ != "VBN":
            continue
        names = [c for c in clause.children if c.dep_ in {"oprd", "dobj", "attr"}]
        names += [o for o in _prep_objects(clause, {"as"})]
        for name in names:
            found = index.at(name)
            if found is not None and found not in index.places:
                return found
    return None


def _name_apposed_to(head: Token, index: EntityIndex) -> str | None:
    """The person a description is set in apposition to: "Ann Reyes, the senator who led the
    talks" (the parser hangs the description on the name)."""
    if head.dep_ != "appos" or head.head.pos_ != "PROPN":
        return None
    found = index.at(head.head)
    return found if found in index.persons else None


def phrase_entities(head: Token, index: EntityIndex, allow_places: bool = False) -> list[str]:
    """Entities of a noun phrase and its co-ordinated phrases ("Erdogan and Rouhani", "the
    leaders of Egypt, Jordan and Iraq")."""
    ids: list[str] = []
    for token in _with_conjuncts(head):
        group = _group_members(token, index)
        found = group if group else [phrase_entity(token, index, allow_places)]
        ids += [e for e in found if e and e not in ids]
    return ids


# Prepositions that name examples of a described group ("organizations, including the WHO").
EXAMPLE_PREPS = {"including"}


def _group_members(head: Token, index: EntityIndex) -> list[str]:
    """For "leaders of A, B and C" (a group head without an entity of its own): A, B and C;
    for "international organizations, including A and B", a description the entities stage made
    no entity of: A and B, the members the text names."""
    if index.at(head) is not None:
        return []
    examples: list[str] = []
    for pobj in _prep_objects(head, EXAMPLE_PREPS):
        for token in _with_conjuncts(pobj):
            entity_id = phrase_entity(token, index, allow_places=False)
            if entity_id and entity_id not in examples:
                examples.append(entity_id)
    if examples:
        return examples
    if head.lemma_.lower() not in GROUP_HEADS:
        return []
    members: list[str] = []
    for pobj in _prep_objects(head, {"of"}):
        for token in _with_conjuncts(pobj):
            entity_id = phrase_entity(token, index, allow_places=False)
            if entity_id and entity_id not in members:
                members.append(entity_id)
    return members if len(members) > 1 else []


def _child(token: Token, deps: set[str]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _prep_objects(token: Token, preps: set[str]) -> list[Token]:
    objects: list[Token] = []
    for prep in token.children:
        # A particle with an object is a preposition the parser attached as such ("called on
        # fellow Republicans to": "on" a particle, "Republicans" its object).
        if prep.dep_ in {"prep", "dative", "prt"} and prep.lower_ in preps:
            objects.extend(c for c in prep.children if c.dep_ == "pobj")
            objects.extend(_infinitive_subjects(prep))
    return objects


def _infinitive_subjects(prep: Token) -> list[Token]:
    """ "would speak with Jackson and Young to reach an arrangement": the parser often makes
    the name the subject of the infinitive hung on the preposition (``pcomp``); the name is the
    preposition's object."""
    found = []
    for clause in prep.children:
        if clause.dep_ != "pcomp" or not any(c.tag_ == "TO" for c in clause.children):
            continue
        subject = _child(clause, {"nsubj"})
        # Only right after the preposition: "with Jackson to ...", not "with time for Jackson
        # to ...".
        if subject is not None and subject.left_edge.i == prep.i + 1:
            found.append(subject)
    return found


def _in_gerund(verb: Token, gerund: Token) -> bool:
    """Whether ``verb`` is the gerund after a preposition (``gerund``) or another gerund
    conjoined to it: "criticized the officer for shooting and killing him" (both acts are the
    officer's), not "accused X of selling out and called for ..." (a finite verb: the main
    clause's subject goes on)."""
    if verb.i == gerund.i:
        return True
    return verb.dep_ == "conj" and verb.head.i == gerund.i and verb.tag_ == gerund.tag_ == "VBG"


def clause_subject(verb: Token) -> Token | None:
    """The subject of ``verb``, inherited from the governing verb when the clause has none
    ("agreed to meet", "met and discussed")."""
    current = verb
    for _ in range(4):
        # Up the tree, a passive subject counts: "Ruto is expected to meet Odinga".
        subject = _child(current, SUBJECTS if current.i == verb.i else SUBJECTS | {"nsubjpass"})
        if (
            subject is not None
            and subject.dep_ == "nsubjpass"
            and verb.dep_ == "conj"
            and current.i == verb.head.i
            and current.dep_ == "ccomp"
            and not _child(verb, {"auxpass"})
        ):
            # "X's office said the deaths were caused by gunshots and called on the government":
            # an active verb parsed as joined to the reported passive clause is the reporter's.
            current = current.head
            continue
        if (
            subject is not None
            and current.i != verb.i
            and _reporters_conjunct(_child_towards(current, verb), current)
        ):
            # "X told reporters that Y had blocked him, and accused Y of ...": a verb the
            # parser joined to the reported clause's verb, told as the reporter's act.
            current = current.head
            continue
        if subject is not None and current.i != verb.i and _accusative(subject):
            # "helped him raise money and praising him": the subject "him" of a bare
            # infinitive is acted on, never the doer of a verb joined to it, who is the
            # doer of the verb governing the infinitive.
            if current.dep_ == "ccomp" and current.head.i != current.i:
                current = current.head
                continue
            subject = None
        elif subject is not None:
            return _name_set_off_after(subject) or subject
        if current.dep_ == "xcomp" and current.head.lemma_.lower() in OBJECT_CONTROL:
            # "urged Iran to halt", "called on the UN to act": the object is the one to act.
            controller = _child(current.head, {"dobj"}) or next(
                iter(_prep_objects(current.head, {"on", "upon"})), None
            )
            if controller is not None:
                return controller
        if current.dep_ in {"xcomp", "conj", "advcl", "acomp"} and current.head.i != current.i:
            current = current.head
            continue
        if current.dep_ == "pcomp" and current.head.dep_ == "prep":
            governor = current.head.head
            gerund = _in_gerund(verb, current)
            if governor.pos_ in {"NOUN", "PROPN"} and gerund:
                return governor  # "accused the rebels of attacking", parsed onto the noun
            # "thanked the generals for defending": the object does it; but a verb conjoined
            # to the gerund ("accused X of selling out and called for") is the main clause's.
            # Only a preposition that ties the deed to the object does so: "impressed her by
            # killing", "met the envoy after criticising", "joined the march before
            # condemning" tell what the subject did.
            gerund = gerund and current.head.lower_ in OBJECT_GERUND_PREPS
            obj = _child(governor, {"dobj"}) if gerund else None
            if obj is None and _fronted_relative_object(governor):
                obj = governor.head  # "the generals, whom he thanked for defending"
            if obj is not None and gerund:
                return obj
            current = governor
            continue
        if current.dep_ == "relcl":
            return current.head
        return None
    return None


def _child_towards(ancestor: Token, token: Token) -> Token:
    """The child of ``ancestor`` whose subtree holds ``token`` (``token`` itself if it is one)."""
    while token.head.i != ancestor.i and token.head.i != token.i:
        token = token.head
    return token


# Auxiliaries of a present or a modal clause: a simple past verb joined to such a clause never
# shares them ("said they are attacking villages and demanded", not "are demanded").
PRESENT_AUXILIARIES = {
    "is", "are", "am", "'s", "'re", "'m", "will", "can", "may", "must", "should", "shall",
    "'ll", "wo", "ca",
}  # fmt: skip
# CAMEO roots of the verbal acts a reporter goes on to do in the same sentence: statements,
# appeals, demands, criticism and accusations (111, 112; not the legal 1121 "charge").
SPEAKER_ACT_ROOTS = ("01", "02", "10")
SPEAKER_ACT_CODES = {"111", "112"}


@lru_cache(maxsize=1)
def _speaker_act_verbs() -> frozenset[str]:
    """Verbs of saying, asking, demanding, criticising and accusing: the reporting verbs and
    the core lexicon's verbs coded as such acts (without a particle)."""
    coded = {
        lemma
        for lemma, entries in lexicon.core_verbs().items()
        for entry in entries
        if entry.particle is None
        and (entry.cameo.startswith(SPEAKER_ACT_ROOTS) or entry.cameo in SPEAKER_ACT_CODES)
    }
    return frozenset(coded | REPORTING_VERBS)


def _tense(verb: Token) -> str | None:
    """ "past" or "present" for a finite verb's own form, else None (a participle, a base form)."""
    return "past" if verb.tag_ == "VBD" else "present" if verb.tag_ in {"VBZ", "VBP"} else None


def _reporters_conjunct(verb: Token, clause: Token) -> bool:
    """Whether ``verb``, without a subject of its own and parsed as joined to ``clause``, the
    verb of a clause reported by a verb before it ("told reporters that Y had blocked ..."), is
    rather joined to that reporting verb. Either it is a verb of saying, asking, demanding or
    accusing and the clause's verb is no simple verb of its own tense (it has an auxiliary, is
    "be", or is of another tense: "said he was opposed and warned", "did not need help but
    asked"); or it is a simple past, as the reporting verb, that cannot share the clause's
    present, modal or progressive ("said the company is polluting the river and threatened").
    A verb that can share the clause's tense or its "had" keeps the clause's subject: "the army
    had seized the town and killed two men", "Y walked in and asked"."""
    if verb.dep_ != "conj" or clause.dep_ != "ccomp" or verb.pos_ != "VERB":
        return False
    reporter = clause.head
    if reporter.i == clause.i or reporter.i > clause.i or reporter.pos_ not in {"VERB", "AUX"}:
        return False  # "..., police said": the whole report, its conjuncts too, is reported
    if not any(c.dep_ in SUBJECTS for c in reporter.children):
        return False
    tense = _tense(verb)
    if tense is None or _child(verb, {"aux", "auxpass"}) is not None:
        return False
    auxiliaries = [c.lower_ for c in clause.children if c.dep_ in {"aux", "auxpass"}]
    if verb.lemma_.lower() in _speaker_act_verbs():
        simple = not auxiliaries and clause.lemma_.lower() != "be"
        return not simple or _tense(clause) != tense
    if tense != "past" or _tense(reporter) != "past":
        return False
    if clause.tag_ in {"VBZ", "VBP"} and clause.lemma_.lower() != "be":
        return not auxiliaries or any(a in PRESENT_AUXILIARIES for a in auxiliaries)
    return any(a in PRESENT_AUXILIARIES for a in auxiliaries)


def _name_set_off_after(subject: Token) -> Token | None:
    """The proper name the parser made a second subject of the verb where the text sets it in
    apposition to a common-noun subject: "The driver of the van, Lee K. Dunn, 30, refused to
    stop" (both "driver" and "Dunn" hung on "refused" as subjects). A verb has one subject,
    so a name set off by commas right after a description's phrase is that description's
    apposition, and the name, not the description, is who acts."""
    if subject.pos_ != "NOUN" or subject.dep_ != "nsubj":
        return None
    doc = subject.doc
    for other in subject.head.children:
        if other.dep_ != "nsubj" or other.pos_ != "PROPN" or other.i <= subject.i:
            continue
        between = doc[subject.right_edge.i + 1 : other.left_edge.i]
        commas = [t for t in doc[subject.right_edge.i : other.left_edge.i] if t.text == ","]
        if any(t.text != "," for t in between) or not commas:
            return None
        # The apposition closes at a comma or a bracket before the verb's own words.
        after = other.right_edge
        if after.text not in {",", ")"} and (
            after.i + 1 >= len(doc) or doc[after.i + 1].text != ","
        ):
            return None
        return other
    return None


def _accusative(token: Token) -> bool:
    return token.tag_ == "PRP" and token.lower_ in ACCUSATIVE_PRONOUNS


@dataclass
class Arguments:
    actor: list[str]
    recipient: list[str]


def _ids(tokens: list[Token], index: EntityIndex, places: bool = False) -> list[str]:
    """Entities of noun phrases; towns and regions count only with ``places`` (a recipient:
    "an attack on Aleppo"), never as actors ("the Sochi meeting")."""
    ids: list[str] = []
    for token in tokens:
        found = phrase_entities(token, index, places)
        if not found and token.tag_ == "CD":
            # "duties on $3 billion of U.S. goods", "a tax on $50 billion in American
            # products": an amount stands for what it measures.
            found = [
                e for o in _prep_objects(token, MEASURED_PREPS) for e in _ids([o], index, places)
            ]
        for entity_id in found:
            if entity_id not in ids:
                ids.append(entity_id)
    return ids


# What an amount ("$3 billion", "200 tonnes") measures is told after "of" or "in".
MEASURED_PREPS = {"of", "in", "worth"}


def _reporter_as_subject(verb: Token, index: EntityIndex) -> list[str]:
    """An unresolved pronoun subject in a reported clause ("Syria says it will withdraw")
    most often stands for the one reporting: the subject of the governing verb."""
    current = verb
    for _ in range(4):
        if current.dep_ not in {"xcomp", "ccomp", "conj", "acomp"} or current.head.i == current.i:
            return []
        current = current.head
        if current.dep_ != "xcomp" and any(c.dep_ in SUBJECTS for c in current.children):
            subject = _child(current, SUBJECTS)
            if subject is not None and subject.pos_ != "PRON":
                return [e for e in _ids([subject], index) if _may_be(verb, e, index)]
    return []


def _may_be(verb: Token, entity_id: str, index: EntityIndex) -> bool:
    """Whether the verb's pronoun subject can stand for the entity: "it" never stands for a
    person ("the minister said it would retaliate" is the state's threat, not hers)."""
    pronoun = _child(verb, SUBJECTS)
    return pronoun is None or pronoun.lower_ != "it" or entity_id not in index.persons


def _fronted_relative_object(verb: Token) -> bool:
    """A relative clause opening with "whom"/"which" that is not its subject."""
    if verb.dep_ != "relcl":
        return False
    return any(
        t.tag_ in RELATIVE_TAGS and t.dep_ not in {"nsubj", "nsubjpass"} and t.i < verb.i
        for t in verb.subtree
    )


def _bare_passive(verb: Token) -> bool:
    """A past participle told without "be" that is passive: "Ms Cole, now in custody, charged
    with fraud", a headline's "Man arrested for threats", and a
    participle joined to a passive ("were shot and wounded"). One with its own auxiliary
    ("has arrested") or an object ("police, having arrested two men") is active."""
    if _past_read_for_participle(verb):
        return True
    if verb.tag_ != "VBN" or _child(verb, {"aux", "auxpass", "dobj", "dative", "nsubjpass"}):
        return False
    if verb.dep_ == "conj":
        head = verb.head
        return bool(_child(head, {"auxpass", "nsubjpass"})) or _bare_passive(head)
    if verb.dep_ in {"ccomp", "xcomp", "oprd"} and _child(verb, SUBJECTS) is not None:
        # "The riots saw officers assaulted", "wanted him arrested": a participle with a
        # subject of its own but no "have" is a small clause told of that subject, done to it.
        return True
    # A participle modifying a noun ("a network funded by the state", "the order signed by
    # the mayor") describes the noun, not an event of the story: it is left alone, unless it
    # has a subject of its own (a headline the parser hung on a label: "TITLE: Man arrested").
    return verb.dep_ in {"advcl", "ROOT"} or (verb.dep_ == "acl" and bool(_child(verb, SUBJECTS)))


# Verbs that tell what is done to their object, and the preposition their passive takes for
# the charge or the reason ("accused of", "charged with"): told with a subject, no object and
# that preposition, the verb is a headline's passive, whatever its tag.
PASSIVE_PREPOSITIONS = {
    "accuse": {"of"}, "charge": {"with"}, "convict": {"of"}, "suspect": {"of"},
    "sentence": {"to"}, "indict": {"on", "for"}, "jail": {"for"}, "fine": {"for"},
}  # fmt: skip


def _past_read_for_participle(verb: Token) -> bool:
    """ "Woman accused of attacking people": the tagger read the headline's participle as a
    past tense (the subject then looked like the accuser). A verb of
    ``PASSIVE_PREPOSITIONS`` with a subject, no object or auxiliary, and its passive's
    preposition is passive."""
    if verb.tag_ != "VBD" or verb.dep_ != "ROOT" or _child(verb, SUBJECTS) is None:
        return False
    wanted = PASSIVE_PREPOSITIONS.get(verb.lemma_.lower())
    if wanted is None or _child(verb, {"aux", "auxpass", "dobj", "dative", "ccomp", "xcomp"}):
        return False
    return any(c.dep_ == "prep" and c.lower_ in wanted for c in verb.children)


def _bare_passive_subject(verb: Token) -> Token | None:
    """The one a passive without a passive subject of its own is done to: its own subject (a
    headline's "Man arrested"), else the subject of the clause it is joined to."""
    own = _child(verb, SUBJECTS)
    if own is not None:
        return own
    current = verb
    while current.dep_ == "conj" and current.head.i != current.i:
        current = current.head
    found = _child(current, {"nsubjpass"})
    return found if found is not None else clause_subject(current)


def _small_clause_object(verb: Token) -> list[Token]:
    """ "Cruz called Trump a liar", "branded the minister a traitor": the parser often labels
    both words after the verb as predicates (``oprd``); the first, a name or a pronoun, is who
    is called so."""
    predicates = [c for c in verb.children if c.dep_ == "oprd"]
    if len(predicates) < 2 or predicates[0].pos_ not in {"PROPN", "PRON"}:
        return []
    return predicates[:1]


def _bare_infinitive_subject(verb: Token) -> list[Token]:
    """ "helped her find a flat", "let the prisoners go", "made him resign": the subject of a
    bare infinitive right after the verb (no "to", no modal, no "that") is the one the verb
    acts on, whom the parser hangs on the infinitive."""
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.tag_ != "VB" or clause.i < verb.i:
            continue
        if any(c.dep_ in {"aux", "auxpass", "mark"} for c in clause.children):
            continue
        subject = _child(clause, {"nsubj"})
        if subject is not None and subject.i > verb.i:
            return [subject]
    return []


def _shared_objects(verb: Token) -> list[Token]:
    """The object of the verb joined right after ``verb`` ("arrested and charged two men",
    "condemned and rejected the decision"), which the parser hangs on the second verb only."""
    for conj in verb.children:
        if conj.dep_ != "conj" or conj.pos_ != "VERB":
            continue
        between = [t for t in verb.doc[verb.i + 1 : conj.i] if t.dep_ not in {"cc", "advmod"}]
        if not between:
            return [c for c in conj.children if c.dep_ == "dobj"]
    return []


# Verbs that name or characterise a thing: "what it called aggression", "what they describe
# as an offer".
NAMING_VERBS = {
    "call", "describe", "term", "label", "dub", "characterize", "characterise", "brand",
    "deem", "see", "view", "regard", "consider",
}  # fmt: skip


def _named_by_free_relative(verb: Token, objects: list[Token]) -> list[Token]:
    """ "condemned what it called Israel's aggression", "criticized what they describe as an
    offer delivered by Ottawa": a free relative "what X calls Y" stands for Y, the thing it
    names, whose owner or doer the act is aimed at. Other objects stay as they are."""
    clauses = [
        c
        for c in verb.children
        if c.dep_ in {"ccomp", "dobj"}
        and c.pos_ == "VERB"
        and c.lemma_.lower() in NAMING_VERBS
        and c.i > verb.i
    ]
    if not clauses:
        return objects
    whats = [o for o in objects if o.lower_ == "what"]
    whats += [c for clause in clauses for c in clause.children if c.lower_ == "what"]
    if not any(w.i < clause.i for w in whats for clause in clauses):
        return objects
    named = [
        *(c for clause in clauses for c in clause.children if c.dep_ in {"oprd", "attr"}),
        *(o for clause in clauses for o in _prep_objects(clause, {"as"})),
    ]
    if not named:
        return objects
    return [o for o in objects if o.lower_ != "what" and o not in clauses] + named


def verbal_arguments(trigger: Trigger, index: EntityIndex) -> Arguments:
    verb = trigger.token
    passive_subject = _child(verb, {"nsubjpass"})
    if passive_subject is None and (_child(verb, {"auxpass"}) or _bare_passive(verb)):
        # "Cole was charged with fraud, was arrested on Friday": a passive without a subject
        # of its own is done to the subject it shares, who never becomes its actor.
        passive_subject = _bare_passive_subject(verb)
    if passive_subject is not None:
        agents = _agents(verb) or _shared_agents(verb) or _at_hands_of([verb])
        if agents:
            return Arguments(_ids(agents, index), _ids([passive_subject], index, True))
        # "was presented to the generals": no agent; the subject meets the prepositional object.
        # "is opposed to": the same. A "with" phrase names a party only for a meeting: "was
        # charged with subversion" names the charge.
        # Only a party counts: "was sentenced to death", "was stabbed to death" name no one the
        # subject acts on, and the subject stays the one acted on.
        others = _ids(
            _prep_objects(verb, {"to", "with"} if trigger.symmetric else {"to"}), index, True
        )
        if others:
            return Arguments(_ids([passive_subject], index), others)
        return Arguments([], _ids([passive_subject], index, True))
    subject = clause_subject(verb)
    if subject is not None and verb.lemma_.lower() in BEFALLING_VERBS:
        # "Two soldiers died in the blast": who died is whom it befell; the doer is unsaid.
        return Arguments([], subject_entities(subject, index))
    if subject is not None and subject.idx < index.dateline_end:
        subject = _past_dateline(subject, verb, index)
    actor = subject_entities(subject, index) if subject is not None else []
    if not actor and subject is not None:
        actor = _document_doer(verb, subject, index)
    if not actor and subject is not None and subject.pos_ == "PRON":
        actor = _reporter_as_subject(verb, index)
    if subject is None:
        actor = _participle_doer(verb, index)
    objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
    if not objects:
        objects = _small_clause_object(verb)
    if not objects:
        objects = _bare_infinitive_subject(verb)
    if not objects and _fronted_relative_object(verb):
        objects = [verb.head]  # "leaders, whom he thanked": the leaders were thanked
    if not objects:
        objects = _shared_objects(verb)
    if not objects and trigger.cameo == ACCESSION:
        # "became full members of NATO": the body joined is the member noun's "of" phrase.
        objects = [c for c in verb.children if c.dep_ == "attr"]
    objects = _named_by_free_relative(verb, objects)
    if actor and subject is not None and subject.pos_ == "PRON":
        named = _ids([o for o in objects if o.pos_ != "PRON"], index, True)
        if set(actor) & set(named):
            # "He had warned Mr Putin": a pronoun never stands for the one named as the object
            # of its own verb (that would be "himself"); the pronoun was linked to the wrong
            # person, and the reporter is the likelier actor.
            actor = [a for a in _reporter_as_subject(verb, index) if a not in named]
    recipient = _verbal_recipient(verb, objects, trigger, index, actor=tuple(actor))
    return Arguments(actor, [r for r in recipient if r not in actor])


def _participle_doer(verb: Token, index: EntityIndex) -> list[str]:
    """Who does what an active participle describing a noun tells: the noun itself when it is
    a party ("protesters demanding his resignation"), else the maker of the statement, letter
    or vote it describes, the subject of the verb whose object that is ("five parties issued
    statements supporting", "legislators signed a petition demanding"). An infinitive on a
    noun of its holder's own intent or licence tells what the holder would do ("Acme's plan
    to buy Bolt", "the FBI obtained a warrant to search his home"): ``_intent_holder``."""
    if verb.dep_ != "acl":
        return []
    if verb.tag_ == "VBG":
        return _maker(verb.head, index)
    if _infinitive(verb) and verb.head.lemma_.lower() in INTENT_NOUNS:
        return _intent_holder(verb.head, index)
    return []


def _infinitive(verb: Token) -> bool:
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _intent_holder(noun: Token, index: EntityIndex) -> list[str]:
    """Whose plan, effort, decision or licence ``noun`` is: its owner ("Norway's decision"),
    else the subject of a verb that has, makes or announces it ("Acme announced plans", "the
    police obtained a warrant"); not of one that judges another's plan ("critics opposed the
    plan to close the mine") nor of a negated one."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        found = phrase_entity(owner, index, allow_places=False)
        return [found] if found else []
    carrier = object_of(noun)
    if carrier is None or carrier.lemma_.lower() not in INTENT_CARRIERS or negated(carrier):
        return []
    subject = clause_subject(carrier)
    if subject is None or subject.dep_ == "nsubjpass":
        return []
    return subject_entities(subject, index) or (
        _reporter_as_subject(carrier, index) if subject.pos_ == "PRON" else []
    )


def _document_doer(verb: Token, subject: Token, index: EntityIndex) -> list[str]:
    """Who does what a relative clause on a document tells ("issued a statement that
    criticised Britain"): the document's maker, as for a participle; a clause on any other
    thing ("the raid that killed ten") leaves its doer unknown."""
    if not is_subject_relative(verb, subject):
        return []
    return _maker(verb.head, index) if is_document(verb.head) else []


def _maker(described: Token, index: EntityIndex) -> list[str]:
    """The party a noun names, else the maker of the text or vote it names: its owner ("the
    ministry's statement") or the subject of the verb it is the object of."""
    own = phrase_entity(described, index, allow_places=False)
    if own is not None:
        return [own]
    if described.pos_ != "NOUN":
        return []
    carrier = object_of(described)
    if carrier is None:
        return []
    subject = clause_subject(carrier)
    if subject is None:
        return []
    return subject_entities(subject, index) or (
        _reporter_as_subject(carrier, index) if subject.pos_ == "PRON" else []
    )


def subject_entities(subject: Token, index: EntityIndex) -> list[str]:
    """Entities of a subject and its conjuncts, where a city that is itself one of the
    subjects stands for its government ("Washington and the Taliban held talks")."""
    ids: list[str] = []
    for token in _with_conjuncts(subject):
        found = _group_members(token, index) or [
            e for e in [phrase_entity(token, index, allow_places=False)] if e
        ]
        ids += [e for e in found or _metonym(token, index) if e not in ids]
    return ids


def _metonym(subject: Token, index: EntityIndex) -> list[str]:
    """A city that is itself the subject of an act stands for its government or authorities
    ("Moscow denies any involvement", "Kabul freed the prisoners"); as a modifier ("the Sochi
    meeting") or in a dateline it is never the actor."""
    entity_id = index.at(_antecedent(subject))
    return [entity_id] if entity_id is not None and entity_id in index.places else []


def _past_dateline(subject: Token, verb: Token, index: EntityIndex) -> Token | None:
    """A subject the parser took from the dateline ("HANOI, Vietnam (AP) - U.S. Defense
    Secretary Mark Esper accused"): a second subject of the verb after the dateline ("WASHINGTON
    (AP) - The administration accused", parsed with two subjects), else the last entity word
    of its phrase after the dateline."""
    later = [c for c in verb.children if c.dep_ in SUBJECTS and c.idx >= index.dateline_end]
    if later:
        return later[0]
    words = [t for t in subject.subtree if index.dateline_end <= t.idx < verb.idx and index.at(t)]
    return words[-1] if words else None


def _is_complement_or_purpose(clause: Token) -> bool:
    if clause.dep_ == "xcomp":
        return True
    infinitive = any(c.tag_ == "TO" for c in clause.children)
    return infinitive and clause.dep_ in {"advcl", "acl", "relcl"}


# Verbs denying a claim: their gerund ("denied taking bribes from Acme") is the deed they are
# accused of, whose parties are not the ones the denial answers.
DENYING_VERBS = {"deny", "refute"}


def _denied_deed(verb: Token, clause: Token) -> bool:
    """ "denied having sex with X", "denies taking bribes from Acme": the gerund a verb of
    denying governs tells the accusation, not an act the denier aims at anyone (unlike "refused
    to meet the king")."""
    return verb.lemma_.lower() in DENYING_VERBS and clause.tag_ == "VBG"


# Nouns for what someone said, asked or offered, which a rejection answers ("denied the
# allegation", "vetoed that suggestion").
TOLD_NOUNS = {
    "allegation", "accusation", "claim", "charge", "statement", "suggestion", "notion",
    "request", "proposal", "offer", "demand", "report", "assertion", "idea", "call", "appeal",
    "criticism", "complaint", "information", "remark", "comment", "rumor", "rumour",
    "argument", "motion", "plea", "petition", "bid", "recommendation", "finding",
    "conclusion", "characterization", "characterisation", "theory", "version", "account",
    "speculation", "assessment",
}  # fmt: skip
# Determiners pointing back to something told before ("these accusations", "that request").
ANAPHORIC_DETERMINERS = {"the", "this", "that", "these", "those", "such"}
# Verbs of saying, asking and offering: their subject is who made what is rejected.
MAKING_VERBS = {
    "say", "claim", "allege", "accuse", "blame", "charge", "suggest", "propose", "offer",
    "ask", "request", "demand", "report", "tell", "state", "argue", "insist", "urge",
}  # fmt: skip


# Told nouns for what is asked or offered (the rest are claims: allegations, reports,
# arguments), and the making verbs that ask: asking makes a request, never a claim.
ASKED_NOUNS = {
    "request", "proposal", "offer", "demand", "call", "appeal", "plea", "petition", "bid",
    "motion", "recommendation", "suggestion", "idea",
}  # fmt: skip
ASKING_VERBS = {"ask", "request", "demand", "urge"}


def _maker_told_before(
    verb: Token, objects: list[Token], index: EntityIndex, actor: tuple[str, ...]
) -> list[str]:
    """Who made the claim or request a rejection points back to ("The Pentagon rejected these
    accusations", "the police overruled that request"): the subject of the nearest verb of
    saying, asking or offering before it, in its sentence or the one before. Nothing when that
    subject is no entity (a description: "rivals suggested ..."): no guess further back."""
    told = [
        o
        for o in objects
        if o.lemma_.lower() in TOLD_NOUNS
        and any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETERMINERS for c in o.children)
    ]
    if not told:
        return []
    sentence = verb.sent
    doc = verb.doc
    previous = doc[sentence.start - 1].sent if sentence.start > 0 else None
    before = (
        list(doc[sentence.start : verb.i])
        if previous is None
        else list(doc[previous.start : verb.i])
    )
    claims = all(o.lemma_.lower() not in ASKED_NOUNS for o in told)
    for token in reversed(before):
        if token.pos_ != "VERB" or token.lemma_.lower() not in MAKING_VERBS:
            continue
        if claims and token.lemma_.lower() in ASKING_VERBS:
            # "The ministry asked Moscow for a response to the accusation, and Putin dismissed
            # the allegations": who asks about a claim did not make it.
            continue
        # "X filed a motion, arguing that ...": a participle of saying says what its clause's
        # subject argues (the subject it inherits), as a finite verb says its own subject's.
        subject = _child(token, SUBJECTS) or (
            clause_subject(token) if token.tag_ == "VBG" and token.dep_ == "advcl" else None
        )
        if subject is None:
            continue
        return [e for e in subject_entities(subject, index) if e not in actor]
    return []


# Verbs of accusing and the dependency their accused hangs by ("accused Russia of",
# "blamed the attack on Russia", "blamed Russia for").
ACCUSING_VERBS = {"accuse", "blame", "charge", "suspect", "implicate", "allege"}


def _accused(verb: Token) -> list[Token]:
    """Who an accusing verb accuses: its object, what "blame ... on" blames, or the subject of
    an alleged clause ("alleged that the rebels attacked")."""
    found = [c for c in verb.children if c.dep_ == "dobj"]
    if verb.lemma_.lower() == "blame":
        found += _prep_objects(verb, {"on"})
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        subject = _child(clause, SUBJECTS)
        found += [subject] if subject is not None else []
    return found


def _accuser_of_denier(verb: Token, index: EntityIndex, actor: tuple[str, ...]) -> list[str]:
    """ "an attack that Britain has blamed on Russia, although Moscow denies any involvement",
    "Kyiv accused Russia of shelling the plant, which Moscow denied": a denial answers whoever
    accuses the denier earlier in its sentence (the denier named again, or by another name of
    the state it acts for). Nothing when the accused is someone else."""
    denier = {*actor, *(index.states[a] for a in actor if a in index.states)}
    if not denier:
        return []
    for token in reversed(verb.doc[verb.sent.start : verb.i]):
        if token.pos_ != "VERB" or token.lemma_.lower() not in ACCUSING_VERBS:
            continue
        accused = {
            key for e in _ids(_accused(token), index, True) for key in (e, index.states.get(e, e))
        }
        if not accused & denier:
            continue
        subject = clause_subject(token)
        if subject is None:
            continue
        return [e for e in subject_entities(subject, index) if e not in actor]
    return []


def _asks_wh(clause: Token) -> bool:
    """Whether a clause is an indirect question: "how the ministry handled", "whether X
    could" (its question word opens it, before its verb)."""
    return any(
        c.lower_ in QUESTION_WORDS and c.i < clause.i and c.dep_ in {"advmod", "mark"}
        for c in clause.children
    )


def _directed_preps(verb: Token) -> list[Token]:
    """The verb's prepositions, and those of a particle the parser made an adverb ("shot back
    at the senator")."""
    found = [c for c in verb.children if c.dep_ in {"prep", "dative", "prt"}]
    for child in verb.children:
        if child.dep_ in {"advmod", "prt"} and child.lower_ in PARTICLE_ADVERBS:
            found += [c for c in child.children if c.dep_ == "prep"]
    return found


def _prep_recipient(verb: Token, preps: set[str], index: EntityIndex) -> list[str]:
    """Entities of the verb's recipient phrases, the pointed ones first: "shot back at Pelosi
    on Twitter" is aimed at Pelosi, and "on" counts only when nothing else names a target
    ("fired on the convoy")."""
    # A phrase opening the clause before its subject sets the scene ("At the summit, Modi
    # pledged ..."): it is where or when, not whom the act is aimed at.
    subject = _child(verb, SUBJECTS)
    phrases = [
        p
        for p in _directed_preps(verb)
        if p.lower_ in preps and (subject is None or p.i > subject.i)
    ]
    for group in (POINTED_PREPS, preps):
        objects = [
            o
            for p in phrases
            if p.lower_ in group
            for o in [*(c for c in p.children if c.dep_ == "pobj"), *_infinitive_subjects(p)]
        ]
        # "investigated the fire at 12 Harbor Road": a place after "at" is where, not whom
        # ("fired rockets at Israel" aims at a country).
        found = [
            e
            for o in objects
            for e in _ids([o], index, True)
            if not (o.head.lower_ == "at" and e in index.sites)
        ]
        if found:
            return list(dict.fromkeys(found))
    return []


def _meant_for(verb: Token, index: EntityIndex) -> list[Token]:
    """The verb's "for" objects that name a party or a holding: "shelter for the villagers",
    "$40 a share for a majority of Acme's shares"; not a thing of an owner ("an estimate for
    his plans") nor a phrase opening the clause before its subject ("For Hale, the visit
    offered a chance")."""
    subject = _child(verb, SUBJECTS)
    return [
        o
        for o in _prep_objects(verb, {"for"})
        if (subject is None or o.i > subject.i)
        and (index.at(o) is not None or o.like_num or o.lemma_.lower() in _PARTY_OR_HOLDING_HEADS)
    ]


def _theme_objects(verb: Token, objects: list[Token]) -> list[Token]:
    """The objects that may be a recipient: for a verb of sending or giving, the direct object
    is the thing given ("sent troops", "provided weapons") unless a "with" phrase names the
    thing ("provided the coast guard with boats") or a second object follows ("gave Kyiv aid")."""
    if verb.lemma_.lower() not in GIVING_VERBS:
        return objects
    if any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
        return objects
    return [o for o in objects if o.dep_ == "dative"]


def _addressed(verb: Token, trigger: Trigger) -> bool:
    """Whether an asking or demanding verb names whom it asks ("urged the ministry to",
    "called on the government to")."""
    if trigger.cameo[:2] not in DIRECTIVE_ROOTS or verb.i != trigger.token.i:
        return False
    # Only before an infinitive is the object the one asked; "demanded the withdrawal of
    # Serbian forces" names what is asked for, and its owner may be the recipient.
    if not any(c.dep_ == "xcomp" for c in verb.children):
        return False
    if any(c.dep_ in {"dobj", "dative"} for c in verb.children):
        return True
    # "called on the government": the one called upon ("demanded on Tuesday" is a date).
    called_upon = [o for o in _prep_objects(verb, {"on", "upon"}) if o.ent_type_ != "DATE"]
    return verb.lemma_.lower() == "call" and bool(called_upon)


def _verbal_recipient(
    verb: Token,
    objects: list[Token],
    trigger: Trigger,
    index: EntityIndex,
    depth: int = 0,
    actor: tuple[str, ...] = (),
) -> list[str]:
    """Entities the act is aimed at; never one of ``actor`` ("reiterated its demand that
    Israel ...": "its" is the actor, Israel the recipient)."""
    # A complement's "with" names whom it is done with: "refused to negotiate with Kabul".
    symmetric = trigger.symmetric or depth > 0
    recipient_preps = RECIPIENT_PREPS | ({"with"} if symmetric else set())
    if trigger.cameo[:2] in DIRECTIVE_ROOTS:
        # "requested help from the United Nations", "demanded an apology from Tokyo": the one
        # asked.
        recipient_preps = recipient_preps | {"from"}
    receivers = _ids(_prep_objects(verb, {"to"}), index, True)
    if receivers and trigger.cameo[:2] in TRANSFER_ROOTS:
        return receivers  # "provided intelligence to Macedonia": the receiver, not the thing
    if verb.lemma_.lower() in TAKING_VERBS:
        # "Russia seized Crimea from Ukraine", "the Golan Heights, which Israel captured from
        # Syria": the one it is taken from is acted on, the place or thing taken is not a party.
        # The parser hangs "from" on the verb or on the thing taken.
        held = [o for t in [verb, *objects] for o in _prep_objects(t, {"from"})]
        losers = [e for e in _ids(held, index) if e not in actor]
        if losers:
            return losers
    if trigger.cameo[:2] in REJECTING_ROOTS | DISAPPROVING_ROOTS:
        # "condemned the bombing of the embassies", "denied the killing of protesters": a
        # criticism or a denial of a violent or coercive act is aimed at whoever did it, never
        # at whom it was done to; with no doer named, the act names no recipient.
        deeds = [o for o in objects if _violent_deed(o, verb)]
        if deeds:
            objects = [o for o in objects if o not in deeds]
            doers = [e for e in _deed_doers(deeds, index) if e not in actor]
            if doers or not objects:
                return doers
    if trigger.cameo[:2] in DIRECTIVE_ROOTS or verb.lemma_.lower() in ASKING_VERBS:
        # "demanded the release of Ana Reyes", "rallied to demand his return": whom the asked-for
        # act frees or brings back is not the one asked.
        objects = [o for o in objects if o.lemma_.lower() not in GRANTED_NOUNS]
    themes = _theme_objects(verb, objects)
    recipient = [e for e in _ids(themes, index, True) if e not in actor]
    for obj in (o for theme in themes for o in _with_conjuncts(theme)):
        if phrase_entity(obj, index) is None:
            # "demanded the removal of the president and his party": the president is the
            # removed object's owner even though "his party" is an entity of its own.
            owned_by = [o for o in _prep_objects(obj, {"of"}) if not _broken_rule(obj, o)]
            owned = _ids(owned_by, index, True) if not trigger.symmetric else []
            recipient += [e for e in owned if e not in recipient and e not in actor]
    if not recipient and trigger.cameo[:2] in DISAPPROVING_ROOTS:
        # "complained to the board about the mayor": the one complained about, not the body
        # the complaint is made to.
        recipient = [e for e in _prep_recipient(verb, COMPLAINED_OF, index) if e not in actor]
    if not recipient:
        recipient = [e for e in _prep_recipient(verb, recipient_preps, index) if e not in actor]
    offered_here = verb.i == trigger.token.i and trigger.cameo[:2] in OFFERING_ROOTS
    if not recipient and offered_here and objects:
        # "offered $15 a share for Acme", "provided shelter for the villagers": what is offered
        # or given is for the company bid on or the ones it is meant for.
        recipient = [e for e in _ids(_meant_for(verb, index), index, True) if e not in actor]
    if not recipient and not trigger.symmetric:
        # "protested against the decision by Chile", "rallied against the parades of the
        # order": an act aimed at someone's deed is aimed at its doer or owner.
        recipient = [e for e in _deed_owners(verb, index) if e not in actor]
    if not recipient and trigger.cameo[:2] in PROTESTING_ROOTS and verb.i == trigger.token.i:
        # "rallied outside the headquarters of Acme": a protest held at someone's premises.
        recipient = [e for e in _protested_premises([verb], index) if e not in actor]
    if not recipient and _addressed(verb, trigger):
        # "urged the administration to work with its allies", "called on the interim
        # government to withdraw units": the one asked is named but is no entity; the
        # requested act's parties are not the ones asked.
        return []
    for obj in objects:
        if recipient:
            break
        # "imposed sanctions on Iran": the object noun carries the recipient; "rejected calls
        # by Annan": the one who made the rejected appeal; "mocked the qualifications of the
        # front-runner", "hacked the computers of the party": the object's owner ("discussed
        # the end of the campaign", a meeting's topic, has no recipient in it). "At" after an
        # object says where it is ("investigated the fire at the depot").
        owners = (RECIPIENT_PREPS - {"at"}) | {"by", "from", "with"}
        if not trigger.symmetric:
            owners = owners | {"of"}
        if trigger.cameo[:2] in DIRECTIVE_ROOTS:
            # "demands answers from the FBI on Chinese police stations": what is asked for is
            # asked of its "from" phrase; its "on" phrase is the topic, no one asked.
            asked = _ids(_prep_objects(obj, {"from"}), index, True)
            if asked:
                recipient += [e for e in asked if e not in actor]
                continue
        phrases = [o for o in _prep_objects(obj, owners) if not _broken_rule(obj, o)]
        recipient += _ids(phrases, index, True)
        if trigger.cameo[:2] in REJECTING_ROOTS and obj.lemma_.lower() in TOLD_NOUNS:
            # "denied allegations in the SEC suit": a claim told in a filing or a report is
            # made by whoever the filing names as its author (never a town: "claims in Kyiv").
            recipient += [e for e in _ids(_prep_objects(obj, {"in"}), index) if e not in actor]
        if trigger.cameo[:2] in REJECTING_ROOTS | DISAPPROVING_ROOTS:
            # "denied accusations made by the senator", "condemned the raid carried out by
            # the militia": a rejection or a criticism answers whoever made or did the object
            # ("broke the record set by X", "directed the restructuring, assisted by X" name
            # no one acted on).
            recipient += [e for e in _ids(_participle_agents(obj), index) if e not in actor]
    if not recipient and trigger.cameo[:2] in DIRECTIVE_ROOTS:
        # "demanded that the US cancel", "urged Iran to", "called for her to resign": who
        # is to act.
        for clause in (c for c in verb.children if _directed_clause(c)):
            subject = _child(clause, SUBJECTS)
            if subject is not None:
                # "insisted that Pyongyang stop": a city told as the one to act stands for
                # its government, as a subject does.
                recipient += subject_entities(subject, index)
    if not recipient and trigger.cameo[:2] in DIRECTIVE_ROOTS and verb.i == trigger.token.i:
        recipient += [e for e in _called_for(verb, index) if e not in actor]
        if not recipient:
            recipient += [e for e in _addressee_of_governing(verb, index) if e not in actor]
    if not recipient and trigger.cameo[:2] in REJECTING_ROOTS:
        # "denies US claims that Russia hacked", parsed as a clause "US claims that ...":
        # whoever makes the denied claim is the one answered.
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            subject = _child(clause, SUBJECTS)
            if clause.lemma_.lower() in CLAIMING_VERBS and subject is not None:
                recipient += subject_entities(subject, index)
    if not recipient and depth == 0 and trigger.cameo[:2] in REJECTING_ROOTS:
        recipient += _maker_told_before(verb, objects, index, actor)
    if not recipient and depth == 0 and trigger.cameo[:2] in REJECTING_ROOTS:
        recipient += _accuser_of_denier(verb, index, actor)
    if not recipient and trigger.cameo[:2] in DISAPPROVING_ROOTS and verb.i == trigger.token.i:
        # "criticized how the ministry handled the crisis", "questioned whether Cruz could":
        # the one whose conduct the question is about; "alleged that airport workers had
        # planted the drugs": the one accused.
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            subject = _child(clause, SUBJECTS)
            if subject is not None:
                recipient += [e for e in subject_entities(subject, index) if e not in actor]
            else:
                # "allege the attacks were plotted by Baxter": the passive's agent is the one
                # accused (its subject, what was done, is no party; without an agent nobody is
                # named: "claimed civilians were killed" accuses no civilian).
                recipient += [e for e in _ids(_agents(clause), index) if e not in actor]
    if not recipient and trigger.cameo[:2] in INVESTIGATING_ROOTS and verb.i == trigger.token.i:
        # "questioned how Hale could turn back on a pledge", "investigated whether the
        # ministry broke the rules": the one whose conduct the question is about.
        for clause in (c for c in verb.children if c.dep_ == "ccomp" and _asks_wh(c)):
            subject = _child(clause, SUBJECTS)
            if subject is not None:
                recipient += [e for e in subject_entities(subject, index) if e not in actor]
    if not recipient and depth < 2:
        # "agreed to provide aid for Romania", "refused to meet the king", "began a hunger
        # strike to protest against Sweden": the complement's or the purpose's.
        for clause in (c for c in verb.children if _is_complement_or_purpose(c)):
            if _denied_deed(verb, clause):
                continue
            inner = [c for c in clause.children if c.dep_ in {"dobj", "dative"}]
            recipient += _verbal_recipient(clause, inner, trigger, index, depth + 1)
            recipient += _ids(_prep_objects(clause, {"for"}), index, True)
    if not recipient and depth < 2 and trigger.cameo[:2] in TRANSFER_ROOTS:
        # "provided $9 million in funds to assist Zimbabwe", "agreed to pay $4 million and
        # shares to acquire Kofcoh": what is given or paid is for whom its purpose names.
        for clause in _purposes_of_things(verb, objects):
            inner = [c for c in clause.children if c.dep_ in {"dobj", "dative"}]
            recipient += [e for e in _ids(inner, index) if e not in actor]
    return recipient


def _purposes_of_things(verb: Token, objects: list[Token]) -> list[Token]:
    """Infinitive clauses modifying what a verb gives ("funds to assist X"): on its objects,
    their conjuncts, or the objects of its "in" and "of" phrases ("$9 million in funds")."""
    things = [t for o in objects for t in _with_conjuncts(o)]
    things += [t for o in _prep_objects(verb, {"in", "of"}) for t in _with_conjuncts(o)]
    return [
        c
        for thing in things
        if thing.lemma_.lower() not in LEAVE_NOUNS
        for c in thing.children
        if c.dep_ in {"acl", "relcl"} and any(t.tag_ == "TO" for t in c.children)
    ]


# Nouns whose infinitive says what is allowed or possible, not whom it is for: "granted
# permission to appeal the court's ruling", "gave them the right to vote".
LEAVE_NOUNS = {
    "permission", "right", "approval", "authority", "power", "license", "licence", "chance",
    "opportunity", "ability", "mandate", "go-ahead", "leave", "consent", "time", "option",
    "freedom", "access",
}  # fmt: skip


# Nouns of breaking a rule, and the rules and agreements broken: "a breach of U.N.
# resolutions" names the body whose rule was broken, never the one who broke it.
VIOLATION_NOUNS = {"breach", "violation", "defiance", "contravention", "infringement"}
RULE_NOUNS = {
    "resolution", "law", "treaty", "agreement", "accord", "convention", "ceasefire", "truce",
    "deal", "rule", "regulation", "sanction", "charter", "protocol", "pact", "code", "norm",
}  # fmt: skip


def _broken_rule(noun: Token, phrase: Token) -> bool:
    """Whether ``phrase`` (an "of" object of ``noun``) is the rule a breach breaks ("condemned
    the breach of U.N. resolutions"); the owner of what is violated still counts when it is a
    party's own ("a violation of Velmoran airspace")."""
    return (
        noun.lemma_.lower() in VIOLATION_NOUNS
        and phrase.head.lower_ == "of"
        and phrase.lemma_.lower() in RULE_NOUNS
    )


# CAMEO roots of coercion and violence (arrests, bans, attacks, killings): acts with a doer
# and someone they are done to.
VIOLENT_ROOTS = {"17", "18", "19", "20"}
# Verbs whose "on" phrase names the one held responsible ("blamed the attack on X"), wherever
# the parser hangs it.
BLAMING_VERBS = {"blame", "pin"}


def _violent_deed(noun: Token, verb: Token) -> bool:
    """Whether an object noun is a violent or coercive act ("the bombing", "his arrest")
    whose own phrases name its victims ("of the embassies", "on the convoy")."""
    if noun.pos_ != "NOUN" or verb.lemma_.lower() in BLAMING_VERBS:
        return False
    lemma = noun.lemma_.lower()
    entries = lexicon.event_nouns().get(lemma, [])
    return lemma in PATIENT_NOUNS or any(e.cameo[:2] in VIOLENT_ROOTS for e in entries)


def _deed_doers(deeds: list[Token], index: EntityIndex) -> list[str]:
    """Who did the acts: an owner or modifier naming the doer ("Russia's attack", "the
    Israeli raid"; not the owner of an act done to him, "his arrest"), a "by" phrase, or a
    participle's agent ("the raid carried out by the militia")."""
    found: list[str] = []
    for deed in (d for noun in deeds for d in _with_conjuncts(noun)):
        patient_noun = deed.lemma_.lower() in PATIENT_NOUNS
        for child in deed.children:
            if child.dep_ not in {"poss", "compound", "amod", "nmod"}:
                continue
            if child.dep_ == "poss" and patient_noun:
                continue
            entity_id = phrase_entity(child, index, allow_places=False)
            if entity_id and entity_id not in found:
                found.append(entity_id)
        agents = _prep_objects(deed, {"by"}) + _participle_agents(deed)
        found += [e for e in _ids(agents, index) if e not in found]
    return found


def _agents(verb: Token) -> list[Token]:
    """The objects of a passive verb's "by" phrase."""
    agent = _child(verb, {"agent"})
    return [c for c in agent.children if c.dep_ == "pobj"] if agent is not None else []


def _shared_agents(verb: Token) -> list[Token]:
    """ "were detained by factory guards and released a day later": a passive joined to a
    passive with a "by" phrase, told without its own, shares that agent (the parser hangs the
    phrase on the first verb only)."""
    if verb.dep_ != "conj" or verb.tag_ != "VBN":
        return []
    head = verb.head
    if head.tag_ != "VBN" or not _child(head, {"auxpass", "nsubjpass"}):
        return []
    return _agents(head)


def _at_hands_of(holders: list[Token]) -> list[Token]:
    """ "were killed at the hands of rebel fighters", "suffered beatings at the hands of the
    police": the idiom names the doer as a "by" phrase does (not "in the hands of", which
    names who holds a thing)."""
    found = []
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ != "at":
                continue
            for hands in prep.children:
                if hands.dep_ == "pobj" and hands.lower_ == "hands":
                    found += _prep_objects(hands, {"of"})
    return found


def _deed_holders(noun: Token) -> list[Token]:
    """A nominal trigger and the words the parser may hang its "at the hands of" phrase on:
    the noun counting it ("a series of bombings") and the verb governing either."""
    holders = [noun]
    node = noun
    while node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
        node = node.head.head
        holders.append(node)
    if node.dep_ in {"dobj", "nsubj", "nsubjpass", "pobj"}:
        verb = node.head.head if node.dep_ == "pobj" else node.head
        if verb.pos_ in {"VERB", "AUX"}:
            holders.append(verb)
    return holders


def _participle_agents(noun: Token) -> list[Token]:
    """The agents of a passive participle modifying ``noun``: "accusations made by X"."""
    return [
        pobj
        for participle in noun.children
        if participle.dep_ == "acl" and participle.tag_ == "VBN"
        for pobj in _agents(participle)
    ]


# Prepositions that aim an act against someone (not "to", "at" or "with": "spoke to the lawyer
# of X", "met the family of X" are not aimed at X).
ADVERSE_PREPS = {"against", "on", "upon", "into", "toward", "towards"}


def _deed_owners(verb: Token, index: EntityIndex) -> list[str]:
    """Whose deed a verb's adversative phrase names when the deed itself is no entity: "protested
    against the decision by Chile", "rallied against the policies of the government", "a
    protest against the ban imposed by the council"."""
    found: list[str] = []
    for pobj in _prep_objects(verb, ADVERSE_PREPS):
        for deed in _with_conjuncts(pobj):
            if phrase_entity(deed, index) is not None or deed.pos_ != "NOUN":
                continue
            owners = _prep_objects(deed, {"by", "of"}) + _participle_agents(deed)
            found += [e for e in _ids(owners, index) if e not in found]
    return found


# Acts done for the good of their owner or "of" phrase ("the release of Reyes", "his return"):
# in a demand for one, that owner is whom it is asked for, not whom it is asked of.
GRANTED_NOUNS = {
    "release", "return", "freedom", "rescue", "pardon", "acquittal", "repatriation",
    "reinstatement",
}  # fmt: skip


# CAMEO's root of protest (demonstrations, rallies, strikes, boycotts).
PROTESTING_ROOTS = {"14"}
# Where a protest is held: at, in, outside, before or in front of a place.
PROTEST_SITE_PREPS = {"at", "in", "outside", "before", "near", "inside"}
# Prepositions after which a bare organisation is the place a protest is held at ("rallied
# outside Acme Corp"); "in" names a place inside which it happens ("marched in Velmora").
AT_BODY_PREPS = {"at", "outside", "before", "near"}
# Buildings and grounds someone owns: a protest held there is aimed at their owner.
PREMISES_NOUNS = {
    "headquarters", "office", "offices", "building", "plant", "factory", "store", "shop",
    "hub", "warehouse", "campus", "embassy", "consulate", "gate", "gates", "lot", "premises",
    "branch", "residence", "home", "depot", "mine", "facility", "entrance", "compound",
}  # fmt: skip


def _premises_owner(place: Token, index: EntityIndex, depth: int = 0) -> list[str]:
    """Who owns the premises ``place`` names: "the Acme headquarters", "Acme's plant", "the
    parking lot of the Acme depot" (an owner's own premises, one level down), "the Velmoran
    embassy". Never a town or region ("the Dayton plant" says where the plant is)."""
    if place.pos_ != "NOUN" or place.lemma_.lower() not in PREMISES_NOUNS:
        return []
    found: list[str] = []
    for child in place.children:
        if child.dep_ not in {"poss", "compound", "amod", "nmod"}:
            continue
        entity_id = index.at(child) or next(
            (index.at(t) for t in _own_words(child) if index.at(t)), None
        )
        entity_id = index.nations.get(entity_id, entity_id) if entity_id else None
        if entity_id and entity_id not in index.places and entity_id not in index.sites:
            found.append(entity_id)
    for pobj in _prep_objects(place, {"of"}):
        if depth == 0 and pobj.lemma_.lower() in PREMISES_NOUNS:
            found += _premises_owner(pobj, index, depth + 1)
            continue
        entity_id = phrase_entity(pobj, index, allow_places=False)
        if entity_id and entity_id not in index.sites:
            found.append(entity_id)
    return list(dict.fromkeys(found))


def _protested_premises(holders: list[Token], index: EntityIndex) -> list[str]:
    """ "rallied in the parking lot of the Acme depot", "picketed outside Acme Corp",
    "demonstrated in front of the Velmoran embassy", "held a vigil outside the mayor's
    residence": a protest held at a body's premises, or right at the body, is aimed at it. A
    town, a region, a country or a building that is no one's stays where it happened, and a
    phrase opening the clause before its subject sets the scene."""
    found: list[str] = []
    for holder in holders:
        subject = _child(holder, SUBJECTS)
        for prep in _directed_preps(holder):
            if prep.lower_ not in PROTEST_SITE_PREPS or (
                subject is not None and prep.i < subject.i
            ):
                continue
            for place in (c for c in prep.children if c.dep_ == "pobj"):
                at_body = prep.lower_ in AT_BODY_PREPS
                if place.lower_ == "front" and prep.lower_ == "in":
                    # "in front of the embassy"
                    fronted = _prep_objects(place, {"of"})
                    if not fronted:
                        continue
                    place, at_body = fronted[0], True
                owners = _premises_owner(place, index)
                if not owners and at_body:
                    body = index.at(place)
                    if body and not {body} & (index.places | index.sites | index.countries):
                        owners = [body]
                found += [e for e in owners if e not in found]
    return found


def _directed_clause(clause: Token) -> bool:
    """A clause telling what someone is to do: a complement, or an infinitive opened by "for"
    ("called for her to resign"), which the parser may hang on the verb as an adverbial."""
    if clause.dep_ in {"ccomp", "xcomp"}:
        return True
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "for" for c in clause.children
    )


def _called_for(verb: Token, index: EntityIndex) -> list[str]:
    """ "called for Fianna Fail to be excluded", "pressed for the ministry to act": a named party
    followed by the infinitive it is to carry out is the one the demand is made of."""
    infinitives = [c for c in verb.children if c.dep_ in {"xcomp", "advcl"}
                   and any(t.tag_ == "TO" for t in c.children)]  # fmt: skip
    found: list[str] = []
    for pobj in _prep_objects(verb, {"for"}):
        if index.at(pobj) is None or not any(c.i > pobj.i for c in infinitives):
            continue
        found += [e for e in _ids([pobj], index) if e not in found]
    return found


# Verbs of addressing someone in writing or speech ("wrote to", "appealed to"), whose addressee
# is whom a demand told beside them is made of.
ADDRESSING_VERBS = {
    "write", "speak", "talk", "say", "appeal", "complain", "reply", "respond", "petition",
    "turn", "send",
}  # fmt: skip


def _addressee_of_governing(verb: Token, index: EntityIndex) -> list[str]:
    """ "wrote to Governor Hale on Monday, demanding that the clinic be reopened": a demand told
    as a participle beside a verb of addressing is made of that verb's addressee."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG":
        return []
    governing = verb.head
    if governing.lemma_.lower() not in ADDRESSING_VERBS:
        return []
    return _ids(_prep_objects(governing, {"to"}), index)


def nominal_arguments(trigger: Trigger, index: EntityIndex) -> Arguments:
    noun = trigger.token
    actor: list[str] = []
    possessor = False
    undergone: list[str] = []
    for child in noun.children:
        if child.dep_ == "poss" and noun.lemma_.lower() in PATIENT_NOUNS:
            # "his arrest", "their release": the owner is the one it is done to.
            undergone += [e for e in [phrase_entity(child, index, allow_places=False)] if e]
            continue
        if child.dep_ in {"poss", "compound", "amod", "nmod"}:
            entity_id = phrase_entity(child, index, allow_places=False)
            if entity_id and entity_id not in actor:
                actor.append(entity_id)
                possessor = possessor or child.dep_ == "poss"
            if trigger.symmetric:
                actor += [e for e in _hyphened_parties(child, index) if e not in actor]
    # "praise from Putin", "endorsements from 88 generals", "aid from Japan": who says or
    # gives it; an owner beside them is whom it is for ("his endorsements from generals").
    if trigger.speech_act or trigger.cameo[:2] in GIVING_ROOTS:
        # The parser hangs "from" on the noun or on a verb of undergoing that takes it.
        holders = [noun, *_undergoing_carrier(noun, trigger.carrier)]
        givers = _ids([o for h in holders for o in _prep_objects(h, {"from"})], index)
        if givers:
            undergone += [e for e in actor if e not in givers and e not in undergone]
            actor = givers
            possessor = False
    # "the request of Turkey" names who asks; "the release of prisoners" whom it concerns,
    # and "the condemnation of Iran's test" whom it is aimed at: only an appeal or a demand
    # is made "of" its maker.
    of_actor = trigger.cameo[:2] in DIRECTIVE_ROOTS and not possessor
    agent_preps = {"by", "between", "among"} | ({"of"} if of_actor else set())
    actor += [e for e in _ids(_prep_objects(noun, agent_preps), index) if e not in actor]
    carrier = trigger.carrier
    # "held talks": the light verb's subject holds them; "condemned the airstrikes" does not
    # make the condemner the attacker.
    if not actor and carrier is not None and object_of(noun) == carrier and _is_light(carrier):
        subject = clause_subject(carrier)
        if subject is not None:
            actor = subject_entities(subject, index)
        if not actor and subject is not None and subject.pos_ == "PRON":
            # "Acme said it filed a lawsuit": as for a verb, the reporter.
            actor = _reporter_as_subject(carrier, index)
    if not actor:
        actor = _ids(_at_hands_of(_deed_holders(noun)), index)
    if not actor:
        actor = nominal_owner(noun, index)
    preps = NOMINAL_RECIPIENT_PREPS | ({"with"} if trigger.symmetric else set())
    if trigger.cameo[:2] in DIRECTIVE_ROOTS:
        # "filed a request with the commission", "lodged an appeal with the court": the body
        # it is filed with is the one asked.
        preps = preps | {"with"}
    if of_actor:
        # "the request of Turkey" names who asks; "Trump's request of Congress", with the
        # asker in the possessive, and "the criticism of Pelosi" name whom it is aimed at.
        preps = preps - {"of"}
    recipient = []
    if trigger.cameo[:2] in DISAPPROVING_ROOTS:
        # "a complaint to the board about the mayor", "filed a complaint with the board
        # against the mayor": the one complained about, not the body it is lodged with.
        holders = [noun] + ([carrier] if carrier is not None and _is_light(carrier) else [])
        recipient = _ids([o for h in holders for o in _prep_objects(h, COMPLAINED_OF)], index, True)
    recipient = recipient or _ids(_prep_objects(noun, preps), index, True)
    if not recipient:
        # "announced duties on $3 billion of U.S. goods", "launched strikes against the
        # rebels": the parser hangs the phrase right after the object noun on its verb.
        recipient = _ids(_phrases_after_object(noun), index, True)
    if not recipient and trigger.cameo[:2] in INVESTIGATING_ROOTS:
        # "opened an inquiry concerning her emails", "launched a probe into Acme": what is
        # looked into, told on the noun or on the light verb that opens it.
        recipient = _ids(_inquiry_topics(noun, carrier), index, True)
    recipient = recipient or undergone
    if trigger.cameo[:2] in DIRECTIVE_ROOTS and _prep_objects(noun, {"for"}):
        # "the US demand for Laden's extradition was refused by the Taliban": a demand "for"
        # something names what is asked; whoever answers it is the one asked.
        answerer = [e for e in _answerer(noun, index) if e not in actor]
        recipient = answerer or recipient
    if not recipient and carrier is not None and carrier.lemma_.lower() in UNDERGOING_VERBS:
        # "she faces charges": the one who faces them is the one charged.
        subject = clause_subject(carrier)
        recipient = subject_entities(subject, index) if subject is not None else []
    if not recipient and trigger.cameo[:2] in DISAPPROVING_ROOTS:
        # "was arrested on charges of robbery", "detained Cole on suspicion of fraud": the
        # charged one is the one the governing act is done to.
        recipient = _charged(noun, index)
    if not recipient and trigger.cameo[:2] in DIRECTIVE_ROOTS:
        # "the premier denied his request", "the board granted the union's demand": the one
        # who answers a request is the one it was made to.
        recipient = [e for e in _answerer(noun, index) if e not in actor]
    if not recipient and trigger.cameo[:2] in DIRECTIVE_ROOTS:
        # "Police freed the hostages at the request of the Vatican": the one who acts on it.
        recipient = [e for e in _acting_on_request(noun, index) if e not in actor]
    if not recipient and trigger.cameo[:2] in PROTESTING_ROOTS:
        # "a rally outside the Acme plant", "held a vigil outside the mayor's residence".
        holders = [noun] + ([carrier] if carrier is not None and _is_light(carrier) else [])
        recipient = [e for e in _protested_premises(holders, index) if e not in actor]
    if not recipient and carrier is not None and _is_light(carrier):
        # "began a hunger strike to protest against Sweden": the purpose names the target.
        clauses = [*carrier.children, *noun.children]
        for clause in (c for c in clauses if _is_complement_or_purpose(c)):
            inner = [c for c in clause.children if c.dep_ in {"dobj", "dative"}]
            recipient += _verbal_recipient(clause, inner, trigger, index, depth=1)
    return Arguments(actor, [r for r in recipient if r not in actor])


# Prepositions aiming an act at someone that the parser may hang on the verb whose object the
# act's noun is.
AIMED_PREPS = {"on", "upon", "against"}


def _phrases_after_object(noun: Token) -> list[Token]:
    """The objects of an "on"/"against" phrase that directly follows ``noun``, the direct
    object of a verb, but hangs on that verb ("imposed tariffs on Chinese steel")."""
    if noun.dep_ != "dobj":
        return []
    return [
        o
        for prep in noun.head.children
        if prep.dep_ == "prep" and prep.lower_ in AIMED_PREPS and prep.i == noun.right_edge.i + 1
        for o in prep.children
        if o.dep_ == "pobj"
    ]


def _inquiry_topics(noun: Token, carrier: Token | None) -> list[Token]:
    """What an inquiry looks into: the object of "into", "concerning" or "regarding" after the
    noun or after the light verb whose object it is ("opened an inquiry concerning X")."""
    holders = [noun]
    if carrier is not None and _is_light(carrier) and object_of(noun) == carrier:
        holders.append(carrier)
    topics = [o for h in holders for o in _prep_objects(h, INQUIRY_TOPIC_PREPS)]
    for clause in noun.children:
        # "an inquiry concerning her emails", the parser's participle
        if clause.dep_ == "acl" and clause.lower_ in INQUIRY_TOPIC_PREPS:
            topics += [c for c in clause.children if c.dep_ in {"dobj", "pobj"}]
    return topics


def _undergoing_carrier(noun: Token, carrier: Token | None) -> list[Token]:
    """The verb of undergoing whose object the noun is ("drew criticism"), if any."""
    if carrier is None or carrier.lemma_.lower() not in UNDERGOING_VERBS:
        return []
    return [carrier] if object_of(noun) == carrier else []


# Event nouns whose "of" phrase names who does it, not whom it is done to: "the visit of the
# commerce secretary", "the resignation of the chairwoman", "the withdrawal of the United
# States", "with the full cooperation of the authorities" ("the arrest of X" names the arrested).
DOER_OF_NOUNS = {
    "visit", "trip", "tour", "resignation", "withdrawal", "pullout", "retreat", "surrender",
    "cooperation", "collaboration", "meeting", "summit", "walkout", "march", "rally",
    "demonstration", "riot", "sit-in", "strike", "apology", "departure", "arrival",
}  # fmt: skip
# Verbs whose object is an act their subject carries out, beside the light verbs ("completed
# the acquisition of", "planned a demonstration", "executed a search warrant", "the jury
# returned an indictment").
PERFORMING_VERBS = {
    "complete", "finalize", "finalise", "plan", "execute", "prepare", "return", "pursue",
    "orchestrate", "perpetrate", "commit", "conclude", "sign", "negotiate", "broker",
}  # fmt: skip
# Participles saying who carried out the act a noun names ("an accord signed by", "a petition
# filed by", "the Hutu-organized genocide", "a US-led invasion"); not "attended by", "backed
# by", which name who joined or supported it.
MAKING_PARTICIPLES = {
    "sign", "file", "make", "launch", "carry", "conduct", "stage", "organize", "organise",
    "lead", "issue", "lodge", "mount", "broker", "negotiate", "orchestrate", "announce",
    "impose", "perpetrate", "commit", "submit", "plan", "order",
}  # fmt: skip
# Nouns through which one owns an act ("Russia's role in the bombardment", "claimed
# responsibility for the bombings", "took credit for the attack").
OWNING_NOUNS = {"role", "responsibility", "credit", "part", "hand", "involvement"}
# Verbs by which the subject takes an act upon itself ("claimed responsibility for"), not
# "denied", "disclaimed" or "blamed".
OWNING_VERBS = {"claim", "accept", "take", "admit", "bear", "assume", "acknowledge", "play", "have"}


def nominal_owner(noun: Token, index: EntityIndex) -> list[str]:
    """Who carries out the act a noun names when no possessive or modifier says so: the "of"
    phrase of an act one does oneself, the agent of a participle describing the noun, a
    hyphened "X-led" modifier, the subject of a verb of carrying it out, or the one who owns
    it ("claimed responsibility for the bombings", "Russia's role in the bombardment")."""
    if noun.lemma_.lower() in DOER_OF_NOUNS:
        doers = _ids(_prep_objects(noun, {"of"}), index)
        if doers:
            return doers
    makers = [
        pobj
        for participle in noun.children
        if participle.dep_ == "acl" and participle.tag_ == "VBN"
        and participle.lemma_.lower() in MAKING_PARTICIPLES
        for pobj in _agents(participle)
    ]  # fmt: skip
    if makers:
        return _ids(makers, index)
    for modifier in noun.children:
        if modifier.dep_ == "amod" and modifier.lemma_.lower() in MAKING_PARTICIPLES:
            # "the Hutu-organized genocide": the name hyphened to the participle.
            leaders = [t for t in modifier.subtree if t.i < modifier.i and index.at(t)]
            if leaders and any(t.tag_ == "HYPH" for t in modifier.subtree):
                return _ids(leaders[-1:], index)
    verb = object_of(noun)
    if verb is not None and verb.lemma_.lower() in PERFORMING_VERBS:
        subject = clause_subject(verb)
        if subject is not None:
            return subject_entities(subject, index) or (
                _reporter_as_subject(verb, index) if subject.pos_ == "PRON" else []
            )
    return _owner_of_part(noun, index)


def _owner_of_part(noun: Token, index: EntityIndex) -> list[str]:
    """ "Russia's role in the bombardment", "claimed responsibility for the bombings": the
    owner of the role, or the subject of the verb taking the responsibility."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in {"in", "for"}:
        return []
    owned = prep.head
    if owned.lemma_.lower() not in OWNING_NOUNS:
        return []
    owners = [c for c in owned.children if c.dep_ == "poss"]
    if owners:
        return _ids(owners, index)
    verb = object_of(owned)
    if verb is None or verb.lemma_.lower() not in OWNING_VERBS:
        return []
    subject = clause_subject(verb)
    return subject_entities(subject, index) if subject is not None else []


# Verbs of answering a request: their subject is the one the request was made to.
ANSWERING_VERBS = {
    "reject", "deny", "refuse", "decline", "grant", "accept", "approve", "overrule", "veto",
    "ignore", "heed", "rebuff", "dismiss",
}  # fmt: skip


def _answerer(noun: Token, index: EntityIndex) -> list[str]:
    """The subject of the verb answering a request noun that is its object ("the premier
    denied his request"; a passive's agent: "the request was rejected by the court")."""
    verb = noun.head
    if noun.dep_ not in {"dobj", "nsubjpass"} or verb.lemma_.lower() not in ANSWERING_VERBS:
        return []
    if noun.dep_ == "nsubjpass":
        return _ids(_agents(verb), index)
    subject = clause_subject(verb)
    return subject_entities(subject, index) if subject is not None else []


# Prepositions of acting on a request ("at the request of", "on the orders of").
ON_REQUEST_PREPS = {"at", "on", "upon"}
SAYING_VERBS = {"say", "tell", "announce", "state", "report", "confirm", "add"}


def _acting_on_request(noun: Token, index: EntityIndex) -> list[str]:
    """Who does what a request told as its occasion asks: "Police freed the hostages at the
    request of the Vatican" (the act's subject), "at the request of Peru, he said the Red Cross
    will send doctors" (the reported clause's subject when the phrase hangs on a verb of
    saying), "a meeting of the Council, held at the request of France" (the noun the
    participle describes). A passive without an agent names no one ("talks were postponed at
    the request of Chile")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ON_REQUEST_PREPS or prep.dep_ != "prep":
        return []
    act = prep.head
    if act.pos_ in {"NOUN", "PROPN"}:
        return [e for e in [phrase_entity(act, index, allow_places=False)] if e]
    if act.pos_ not in {"VERB", "AUX"}:
        return []
    reduced = not any(c.dep_ in SUBJECTS | {"nsubjpass", "aux", "auxpass"} for c in act.children)
    if act.tag_ == "VBN" and reduced:
        # A participle without subject or auxiliary is a passive whose doer is its agent, or
        # the noun it describes; one hung on the main clause ("held at the request of France,
        # the envoy denied") does not say the main clause's subject did it.
        agents = _agents(act)
        if agents or act.dep_ != "acl":
            return _ids(agents, index)
        return [e for e in [phrase_entity(act.head, index, allow_places=False)] if e]
    if _child(act, {"nsubjpass", "auxpass"}) is not None:
        return _ids(_agents(act), index)
    if act.lemma_.lower() in SAYING_VERBS:
        for clause in (c for c in act.children if c.dep_ == "ccomp"):
            subject = _child(clause, SUBJECTS)
            if subject is not None:
                return subject_entities(subject, index)
        return []
    subject = clause_subject(act)
    return subject_entities(subject, index) if subject is not None else []


# Prepositions that give the grounds of an act ("arrested on charges of", "jailed for").
GROUNDS_PREPS = {"on", "for", "over"}


def _charged(noun: Token, index: EntityIndex) -> list[str]:
    """Whom an accusation noun told as the grounds of an act is aimed at: the act's passive
    subject ("Cole was arrested on charges of"), else its object ("police arrested Cole on
    charges of")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in GROUNDS_PREPS or prep.head.pos_ != "VERB":
        return []
    act = prep.head
    patient = _child(act, {"nsubjpass"}) or _child(act, {"dobj"})
    return _ids([patient], index) if patient is not None else []


def _hyphened_parties(modifier: Token, index: EntityIndex) -> list[str]:
    """Both sides of a hyphened pair before a meeting noun: "US-China trade talks", "the
    DPRK-South Korea summit" (the parser hangs one name on the other)."""
    words = list(modifier.subtree)
    if not any(t.tag_ == "HYPH" for t in words):
        return []
    found: list[str] = []
    for token in words:
        entity_id = index.at(token)
        if entity_id and entity_id not in found:
            found.append(entity_id)
    return found


def topic_actor(trigger: Token, index: EntityIndex, exclude: list[str]) -> str | None:
    """The implicit other party of a meeting told without one ("a meeting with X"): the nearest
    actor mentioned before the trigger in its sentence, else the latest subject that is an
    entity in the few sentences before."""
    sentence = trigger.sent
    for token in reversed(list(sentence[: trigger.i - sentence.start])):
        entity_id = index.at(token)
        if entity_id and entity_id not in exclude and entity_id not in index.places:
            return entity_id
    doc = trigger.doc
    previous = [s for s in doc.sents if s.end <= sentence.start][-TOPIC_WINDOW:]
    for earlier in reversed(previous):
        for token in reversed(list(earlier)):
            if token.dep_ in SUBJECTS:
                entity_id = phrase_entity(token, index, allow_places=False)
                if entity_id and entity_id not in exclude:
                    return entity_id
    return None


def _governing_subject(trigger: Trigger, index: EntityIndex, exclude: list[str]) -> str | None:
    """ "Adams kept his party out pending meetings with Blair", "the city, in talks with the
    county, wants": a meeting noun told without its holder, inside the clause of a verb, is
    held by that verb's subject (not by another name nearer before it)."""
    if not trigger.nominal:
        return None
    current = trigger.token
    for _ in range(3):
        if current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            break
    else:
        return None
    if current.pos_ not in {"VERB", "AUX"}:
        return None
    subject = clause_subject(current)
    if subject is None:
        return None
    found = [e for e in subject_entities(subject, index) if e not in exclude]
    return found[0] if len(found) == 1 else None


def arguments(trigger: Trigger, index: EntityIndex) -> Arguments:
    if trigger.nominal:
        found = nominal_arguments(trigger, index)
    else:
        found = verbal_arguments(trigger, index)
    _expand_joint(found, trigger, index)
    if index.identified:
        _identified_groups(found, trigger, index)
    unstated = trigger.nominal or clause_subject(trigger.token) is None
    if not found.actor and trigger.symmetric and found.recipient and unstated:
        implicit = _governing_subject(trigger, index, found.recipient) or topic_actor(
            trigger.token, index, found.recipient
        )
        if implicit:
            found.actor = [implicit]
    return found


# Numbers a group of people is counted by, for ``numbered_groups``.
GROUP_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def numbered_groups(doc: Doc, index: EntityIndex) -> dict[tuple[int, int], tuple[str, list[str]]]:
    """Groups of people counted in one sentence and named one by one in the next: "the FBI
    announced the arrests of two New Yorkers ... Lu Wen and Chen Bo were charged". A mention
    of a group whose noun is counted (two to six) is those persons when the sentence right
    after it names exactly that many persons, joined in one coordination, none of them named
    before (a cataphoric identification, as ``entities.introductions`` makes for one person)."""
    first_told: dict[str, int] = {}
    for start, _, entity_id in index.spans:
        first_told.setdefault(entity_id, start)
    found: dict[tuple[int, int], tuple[str, list[str]]] = {}
    for start, end, entity_id in index.spans:
        if index.kinds.get(entity_id) != "GROUP":
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        head = span.root
        counts = [GROUP_COUNTS.get(c.lower_) for c in head.children if c.dep_ == "nummod"]
        count = next((n for n in counts if n), None)
        if count is None or head.sent.end >= len(doc):
            continue
        following = doc[head.sent.end].sent
        for token in following:
            if token.dep_ == "conj" or not token.conjuncts:
                continue
            named = [index.at(t) for t in _with_conjuncts(token)]
            persons = [e for e in dict.fromkeys(named) if e is not None and e in index.persons]
            if (
                len(named) == count
                and len(persons) == count
                and all(first_told.get(e, -1) >= following.start_char for e in persons)
            ):
                found[(start, end)] = (entity_id, persons)
                break
    return found


def _identified_groups(found: Arguments, trigger: Trigger, index: EntityIndex) -> None:
    """A numbered group told in the trigger's sentence that the next sentence names person
    by person (``numbered_groups``) is those persons, where it stands in the actor or the
    recipient."""
    sentence = trigger.token.sent
    for (start, _), (group, persons) in index.identified.items():
        if not sentence.start_char <= start < sentence.end_char:
            continue
        for side in (found.actor, found.recipient):
            if group in side and not set(persons) & {*found.actor, *found.recipient}:
                at = side.index(group)
                side[at : at + 1] = persons


def _expand_joint(found: Arguments, trigger: Trigger, index: EntityIndex) -> None:
    """A party told by a plural pronoun of several parties ("Reyes and Cole met. They
    accused the board") is all of them: a word's lookup gives one entity, the first, and its
    partners join it where it stands in the actor or the recipient (not when the sentence
    names that first party alone, which may be what the argument read)."""
    if not index.joint:
        return
    sentence = trigger.token.sent
    for pronoun in sentence:
        together = index.joint_at(pronoun)
        named = [_named_in(e, sentence.start_char, sentence.end_char, index) for e in together]
        if not together or (named[0] and not all(named)):
            continue
        for side in (found.actor, found.recipient):
            if together[0] in side:
                at = side.index(together[0]) + 1
                side[at:at] = [e for e in together[1:] if e not in found.actor + found.recipient]


def _named_in(entity_id: str, start: int, end: int, index: EntityIndex) -> bool:
    """Whether a mention of the entity other than a shared pronoun lies in [start, end)."""
    return any(
        e == entity_id and start <= s < end and (s, t) not in index.joint for s, t, e in index.spans
    )


def as_countries(recipient: list[str], actor: list[str], index: EntityIndex) -> list[str]:
    """A nationality adjective named as the recipient stands for its country when the article
    names that country ("Connolly's criticism of German defence plans": Germany); never for
    one of ``actor`` (the same country on both sides is no event between them)."""
    found: list[str] = []
    for entity_id in recipient:
        entity_id = index.nations.get(entity_id, entity_id)
        if entity_id not in found and entity_id not in actor:
            found.append(entity_id)
    return found
