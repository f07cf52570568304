"""Finding the toponyms of an article: from the entities stage, from spaCy's named entities,
from demonyms that locate something ("Syrian territory") and from the dateline ("SOCHI, Russia —").
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import ORTH, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from dateline.geo.gazetteer import Gazetteer, Place
from dateline.geo.names import name_key
from dateline.model import Analysis
from dateline.nlp.doctext import doc_text, ent_at, ent_rows, token_strings
from dateline.resources import data_lines

# spaCy labels that name places. FAC (buildings, airports, bridges) is left out: GeoNames'
# populated-place tables cannot resolve it, and a wrong city is worse than none.
PLACE_LABELS = frozenset({"GPE", "LOC"})
# "SOCHI, Russia (Reuters) -", "MOSCOW, Nov 21 (Reuters) -", "WASHINGTON (AP) —",
# "Kabul (AFP) -": a place opening the body (upper case, or title case before an agency in
# brackets), optionally qualified and dated, then a dash or the agency and a dash.
DATELINE = re.compile(
    r"^(?:(?P<place>[A-Z][A-Z.'\- ]{1,40}?)|(?P<titled>[A-Z][A-Za-z.'\- ]{1,40}?)(?=\s*\())"
    r"(?:,\s*(?P<qualifier>[A-Z][A-Za-z.' ]{1,30}?))?"
    r"(?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?"
    r"\s*(?:\([^)]{1,40}\)\s*)?[\u2014\u2013-]{1,2}\s"
)
# A dateline after a headline the text opens with ("Home hit by fire. BYESVILLE -- Firefighters",
# "... near airport. BEIRUT: A major"): upper-case only, so ordinary sentences never match.
LATER_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3})"
    r"(?:,\s*(?P<qualifier>[A-Z][A-Za-z.']+(?: [A-Z][A-Za-z.']+)?))?"
    r"(?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?"
    r"\s*(?:\([^)]{1,40}\)\s*)?(?:[\u2014\u2013]{1,2}\s|-{1,2}\s|:\s?)"
)
# Pronouns the entities stage links to a place; capitalised at a sentence's start ("It said").
PRONOUNS = frozenset({"it", "its", "they", "them", "their", "there", "here", "this", "that"})
# How far into the text a later dateline may stand (a headline or two).
LATER_DATELINE_WITHIN = 400
SENTENCE_START = re.compile(r"[.!?\n]\s+")
# "Idlib province", "the Kharkiv region": the name is the area's, not its capital city's.
AREA_WORD = re.compile(
    r"^\s+(?:province|region|oblast|governorate|state|county|district|prefecture|department)\b",
    re.IGNORECASE,
)
# "upstate New York", "rural Georgia": words that only go with an area.
AREA_PREFIX = re.compile(r"\b(?:upstate|downstate|rural|statewide)\s+$", re.IGNORECASE)
# ", Texas" / ", Va." / ", Russia" right after a toponym.
QUALIFIER = re.compile(r"^,\s*(?P<area>[A-Z][A-Za-z]*\.?(?:\s[A-Z][A-Za-z]*\.?){0,2})")


@lru_cache(maxsize=1)
def locative_nouns() -> frozenset[str]:
    """Nouns a demonym locates when it modifies them ("Syrian territory")."""
    return _word_list("locative_nouns.txt")


def _word_list(name: str) -> frozenset[str]:
    return frozenset(w.strip() for w in data_lines("dateline.geo", "data", name))


@lru_cache(maxsize=1)
def institution_nouns() -> frozenset[str]:
    """Head words of institution names that a leading place name locates ("Ohio State Senate")."""
    return _word_list("institution_nouns.txt")


@lru_cache(maxsize=1)
def not_places() -> frozenset[str]:
    """Name keys that, alone, are not taken as toponyms ("North", "Man", "Mobile")."""
    return _word_list("not_places.txt")


@lru_cache(maxsize=1)
def locative_prepositions() -> frozenset[str]:
    """Prepositions that place what follows ("in Cottonport")."""
    return _word_list("locative_prepositions.txt")


@dataclass
class Mention:
    """One stretch of the article naming a place (or locating something with a demonym)."""

    start: int
    end: int
    text: str
    field: str = "text"
    entity: str | None = None  # entity id from the entities stage
    is_demonym: bool = False
    is_dateline: bool = False
    qualifier: str | None = None  # name key of a ", Texas"-style qualifier
    area_word: bool = False  # followed by "province", "region", "county"...: the area is meant
    # For a place inside a longer name: where the text says the named thing is ("the Paris
    # Guest House in Accra" -> "Accra"); ``geo.stage`` keeps the place only if it lies there.
    name_located_in: str | None = None
    natural: bool = False  # tagged LOC (a sea, region, range), not GPE: no town is meant

    def overlaps(self, other: Mention) -> bool:
        return self.field == other.field and self.start < other.end and other.start < self.end

    @property
    def key(self) -> str:
        return name_key(self.text)


def _strip_article(text: str, start: int) -> tuple[str, int]:
    """'the Gaza Strip' -> 'Gaza Strip' (offsets follow)."""
    for article in ("the ", "The "):
        if text.startswith(article):
            return text[len(article) :], start + len(article)
    return text, start


def person_words(analysis: Analysis, doc: Doc) -> set[str]:
    """Words of person names: "Jordan" is no place in an article about Michael Jordan.

    Only names of two words or more count: spaCy's small model often tags a lone foreign place
    name ("Kyiv", "Kharkiv") as a PERSON. A "name" holding an institution word ("Alexandria
    Police", "Laurel County Clerk Dean Johnson") is a person's only after that word; and a word
    before the surname that the parse also tags as a place on its own ("Alexandria" in
    "Alexandria Commonwealth" beside "police in Alexandria") stays a place."""
    surnames: set[str] = set()
    given: set[str] = set()
    texts = token_strings(doc, ORTH)
    entities = ent_rows(doc)
    names = [
        texts[e.start : e.end] for e in entities if e.label == "PERSON" and e.end - e.start > 1
    ]
    names += [
        alias.split()
        for entity in analysis.entities
        if entity.type == "PERSON"
        for alias in [entity.name, *entity.aliases]
    ]
    for words in names:
        keys = _person_name_keys(words)
        if keys:
            surnames.add(keys[-1])
            given.update(keys[:-1])
    alone = {
        name_key(texts[e.start])
        for e in entities
        if e.label in PLACE_LABELS and e.end - e.start == 1
    }
    # ... unless the entities stage also holds that given name alone as a person ("Amina
    # Salum" and later "Amina said"): the one place tag is then the model's slip.
    called = {
        name_key(alias)
        for entity in analysis.entities
        if entity.type == "PERSON"
        for alias in [entity.name, *entity.aliases]
        if len(alias.split()) == 1
    }
    return surnames | (given - alone) | (given & called)


def person_names(analysis: Analysis) -> set[str]:
    """Keys of the names the entities stage holds for people (after its corrections), one-word
    ones too: "Sherman" the person is no town, even near one."""
    return {
        name_key(alias)
        for entity in analysis.entities
        if entity.type == "PERSON"
        for alias in [entity.name, *entity.aliases]
    }


def _person_name_keys(words: list[str]) -> list[str]:
    """Keys of the words of a person's name inside a tagged name: the last run of capitalised
    words not broken by an institution word ("police", "county") or by punctuation, up to the
    first lower-case word ("King Abdullah of Jordan": Jordan is his country, not his name);
    one-word names give none."""
    runs: list[list[str]] = [[]]
    for word in words:
        if not word[:1].isupper():
            if any(runs):
                break
            continue
        if not word.replace(".", "").isalpha() or word.lower() in institution_nouns():
            runs.append([])
            continue
        runs[-1].append(name_key(word))
    last = next((run for run in reversed(runs) if run), [])
    return last if len(last) > 1 else []


def from_entities(
    analysis: Analysis, gazetteer: Gazetteer, person_words: AbstractSet[str] = frozenset()
) -> list[Mention]:
    """Mentions of the entities stage's LOCATION entities by name (not the lone surname of a
    person the article names in full: "Jordan" after "Michael Jordan"; not "the country" or
    "its", which the entities stage links to a named country)."""
    mentions: list[Mention] = []
    for entity in analysis.entities:
        if entity.type != "LOCATION":
            continue
        for span in entity.mentions:
            text, start = _strip_article(span.text, span.start)
            if name_key(text) in person_words:
                continue
            if text.islower() or text.lower() in PRONOUNS:
                continue  # "the country", "its", "It said": a description or pronoun
            demonym = not gazetteer.has_name(text) and bool(gazetteer.demonym(text))
            mentions.append(
                Mention(
                    start=start,
                    end=span.end,
                    text=text,
                    field=span.field,
                    entity=entity.id,
                    is_demonym=demonym,
                )
            )
    return mentions


def from_doc(doc: Doc, gazetteer: Gazetteer, person_words: set[str]) -> list[Mention]:
    """Toponyms spaCy's named entities and nationality words give."""
    mentions: list[Mention] = []
    # The rows of ``doc.ents``: a ``Span`` is built only for a place's.
    for row in ent_rows(doc):
        if row.label in PLACE_LABELS:
            ent = Span(doc, row.start, row.end, label=row.label)
            mentions.extend(_ent_mentions(ent, gazetteer, person_words))
    # Only a capitalised word can be one: the others are passed over without a ``Token``.
    for i, text in enumerate(token_strings(doc, ORTH)):
        if not text[:1].isupper():
            continue
        token = doc[i]
        if _is_demonym(token, gazetteer):
            mentions.append(
                Mention(token.idx, token.idx + len(token.text), token.text, is_demonym=True)
            )
    return mentions


# Kinds of place well-known enough to be taken from the gazetteer alone when spaCy's model
# missed or mislabelled them ("Kyiv" as a PERSON, "Crimea" as an ORG).
NOTABLE_KINDS = frozenset(
    {"country", "admin1", "capital", "continent", "region", "water", "building"}
)
NOTABLE_CITY_POPULATION = 100_000


# Generic words that make a name an area's whatever else it may be ("Madison County").
AREA_NAME_ENDINGS = frozenset({"county", "parish", "township", "borough", "province", "oblast"})


def _is_notable(places: list[Place], text: str = "") -> bool:
    """A place well known enough, or a name that says it is an area ("Walker County"), to be
    taken from the gazetteer alone."""
    words = text.lower().split()
    if words and words[-1] in AREA_NAME_ENDINGS and any(p.kind == "admin2" for p in places):
        return True
    return any(
        p.kind in NOTABLE_KINDS or (p.kind == "city" and p.population >= NOTABLE_CITY_POPULATION)
        for p in places
    )


# Kinds of area whose other names are official forms and abbreviations ("Zhejiang" for
# Zhejiang Sheng, "Ky." for Kentucky), not a town's stray transliterations.
AREA_KINDS = frozenset({"country", "admin1", "continent", "region", "water"})


def _named(gazetteer: Gazetteer, text: str) -> list[Place]:
    """The places ``text`` names by their own name (or a curated alias), or areas by any of
    theirs. GeoNames' alternate names of towns include transliterations and old names that are
    other words ("Hamas" for Hamm, "Ta" for Dazhou, "Kair" for Cairo): a proper noun the model
    did not tag as a place is taken from the gazetteer alone only by a town's real name."""
    return [
        p
        for p in gazetteer.lookup(text)
        if p.kind in AREA_KINDS or gazetteer.is_preferred_name(p, text)
    ]


def from_gazetteer(doc: Doc, gazetteer: Gazetteer, person_words: set[str]) -> list[Mention]:
    """Proper-noun runs that name a well-known place, whatever spaCy's entity label says."""
    mentions: list[Mention] = []
    run: list[Token] = []
    # Part-of-speech ids as one column: a ``Token`` is made only for the proper nouns.
    for i, pos in enumerate([*doc.to_array(POS).tolist(), None]):
        if pos == PROPN:
            token = doc[i]
            if token.ent_type_ not in ("DATE", "TIME"):
                run.append(token)
                continue
        if run:
            mentions.extend(_run_mentions(run, gazetteer, person_words))
            run = []
    return mentions


# Labels of longer names a place name may open ("the Toronto Police Services Board", "Malaysia
# Airlines", "the Georgian Parliament") or close ("University of Michigan"): the geoparsing
# gold sets count such places as toponyms. GPE/LOC are whole places already.
NAME_LABELS = frozenset(
    {"ORG", "FAC", "PERSON", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)


@dataclass
class Candidate:
    """A place name inside a longer name or an untagged capitalised word, taken as a toponym
    only when the gazetteer makes it likely: a notable place (``sure``), or else (checked after
    the sure toponyms are resolved, ``geo.stage.supported``) a place of that name near the
    article's other places."""

    mention: Mention
    sure: bool


def from_names(doc: Doc, gazetteer: Gazetteer, person_words: set[str]) -> list[Candidate]:
    """Places the model tagged as something else: a whole name ("the Golden Gate" as a
    facility, "Pewaukee" as an organisation), or the place opening or closing a longer name
    ("Gainesville" in "the Gainesville Police Department", "Madison County" in "the Madison
    County Health Department", "Georgian" in "the Georgian Parliament", "Michigan" in
    "University of Michigan"). A place inside a longer name is sure when notable; a whole name
    only after "in", "near"... (else it may be a company named after a place). A PERSON-tagged
    name gives its opening place only with an institution word in it ("Alexandria Police")."""
    found: list[Candidate] = []
    nouns = institution_nouns()
    for row in ent_rows(doc):
        if row.label not in NAME_LABELS:
            continue
        ent = Span(doc, row.start, row.end, label=row.label)
        tokens = list(ent)
        while tokens and tokens[0].lower_ in ("the", "a", "an"):
            tokens = tokens[1:]
        if not tokens:
            continue
        after_preposition = _after_locative_preposition_word(ent[0])
        whole = _whole_place(tokens, gazetteer, person_words)
        if whole is not None and ent.label_ == "ORG" and _is_acronym(whole.text):
            whole = None  # "UN", "BA", "NATO" tagged ORG: an organisation, not a town "Un"
        if whole is not None and (ent.label_ != "PERSON" or after_preposition):
            area = _is_notable(_named(gazetteer, whole.text), whole.text) and len(tokens) > 1
            found.append(Candidate(whole, sure=after_preposition or area))
            continue
        if len(tokens) < 2:
            continue
        institution = any(t.lower_ in nouns for t in tokens[1:])
        located_in = _stated_location(ent)
        opening = _opening_place(tokens, gazetteer, person_words)
        if opening is not None:
            mention, notable = opening
            if ent.label_ != "PERSON" or institution:
                mention.name_located_in = located_in
                found.append(Candidate(mention, notable))
        closing = _closing_place(tokens, gazetteer, person_words)
        if closing is not None and ent.label_ != "PERSON":
            mention, notable = closing
            mention.name_located_in = located_in
            found.append(Candidate(mention, notable))
    return found


def _stated_location(ent: Span) -> str | None:
    """The capitalised name right after "in" following a longer name ("the Paris Guest House
    in Accra", "Dublin City Council in Ohio"): where the named thing is."""
    doc = ent.doc
    i = ent.end
    if i + 1 >= len(doc) or doc[i].lower_ != "in":
        return None
    i += 1
    if doc[i].lower_ == "the":
        i += 1
    words: list[Token] = []
    while i < len(doc) and doc[i].is_alpha and doc[i].text[:1].isupper():
        words.append(doc[i])
        i += 1
    if not words or any(t.ent_type_ in ("DATE", "TIME") for t in words):
        return None
    return doc_text(doc)[words[0].idx : words[-1].idx + len(words[-1].text)]


def _organisation_acronym(run: list[Token]) -> bool:
    """A lone acronym the model tagged as an organisation ("UN", "BA")."""
    return len(run) == 1 and run[0].ent_type_ == "ORG" and _is_acronym(run[0].text)


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper()


def _after_locative_preposition_word(token: Token) -> bool:
    return token.i > 0 and token.doc[token.i - 1].lower_ in locative_prepositions()


def _whole_place(
    tokens: list[Token], gazetteer: Gazetteer, person_words: set[str]
) -> Mention | None:
    """The whole name, when it is a place's name (and no person's)."""
    if not tokens[0].text[:1].isupper():
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = doc_text(tokens[0].doc)[start:end]
    key = name_key(text)
    if key in person_words or key in not_places() or not gazetteer.lookup(text):
        return None
    return Mention(start, end, text)


def _opening_place(
    tokens: list[Token], gazetteer: Gazetteer, person_words: set[str]
) -> tuple[Mention, bool] | None:
    """(mention, notable) of the longest place name opening a name. Notable only by a town's
    own name (``_named``): a stray alternate name of a state capital ("Google" for Topeka) is
    no sure place in "Google Search"."""
    for size in range(len(tokens) - 1, 0, -1):
        words = tokens[:size]
        if not words[0].text[:1].isupper():
            continue
        if not all(t.text[:1].isupper() or t.is_punct for t in words):
            continue
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        text = doc_text(words[0].doc)[start:end]
        key = name_key(text)
        if key in person_words or key in not_places():
            continue
        places = gazetteer.lookup(text)
        if places:
            return Mention(start, end, text), _is_notable(_named(gazetteer, text), text)
        if size == 1 and _is_demonym(words[0], gazetteer, inside_names=True):
            return Mention(start, end, text, is_demonym=True), True
    return None


def _closing_place(
    tokens: list[Token], gazetteer: Gazetteer, person_words: set[str]
) -> tuple[Mention, bool] | None:
    """(mention, notable) of the place after a name's last "of" ("Bank of America")."""
    ofs = [i for i, t in enumerate(tokens) if t.lower_ == "of"]
    if not ofs or ofs[-1] == 0 or ofs[-1] + 1 >= len(tokens):
        return None
    words = tokens[ofs[-1] + 1 :]
    while words and words[0].lower_ == "the":
        words = words[1:]
    if not words or not all(t.text[:1].isupper() or t.is_punct for t in words):
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    text = doc_text(words[0].doc)[start:end]
    if name_key(text) in person_words or name_key(text) in not_places():
        return None
    if not gazetteer.lookup(text):
        return None
    return Mention(start, end, text), _is_notable(_named(gazetteer, text), text)


def from_capitalised(
    doc: Doc, gazetteer: Gazetteer, person_words: set[str], person_names: set[str]
) -> list[Candidate]:
    """Untagged or mistagged capitalised names the gazetteer knows ("Chiefland", "Grayson and
    Love counties"), not people's: none is sure; ``supported`` keeps those near the article's
    other places."""
    found: list[Candidate] = []
    run: list[Token] = []
    # Only a capitalised word can be one: the others end a run without a ``Token`` made.
    for i, word in enumerate([*token_strings(doc, ORTH), ""]):
        if word[:1].isupper():
            token = doc[i]
            if _capitalised_name_word(token):
                run.append(token)
                continue
        if run:
            while run and run[0].lower_ == "the":
                run = run[1:]
            if run and not _part_of_longer_name(run) and not _organisation_acronym(run):
                start, end = run[0].idx, run[-1].idx + len(run[-1].text)
                text = doc_text(doc)[start:end]
                key = name_key(text)
                blocked = key in person_words or key in person_names or key in not_places()
                if not blocked and gazetteer.lookup(text):
                    found.append(Candidate(Mention(start, end, text), sure=False))
            run = []
    return found


def _part_of_longer_name(run: list[Token]) -> bool:
    """Whether the run is a piece of a longer tagged name ("University" of "the University of
    Toronto"): ``from_names`` looks at those whole."""
    for token in (run[0], run[-1]):
        if token.ent_type_ and token.ent_type_ not in PLACE_LABELS:
            ent = ent_at(token.doc, token.i)
            if ent is None:
                continue
            inner = [t for t in ent if t.lower_ not in ("the", "a", "an")]
            if inner and (inner[0].i < run[0].i or inner[-1].i > run[-1].i):
                return True
    return False


def _capitalised_name_word(token: Token) -> bool:
    if token.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL"):
        return False
    if token.ent_type_ in PLACE_LABELS:
        return False
    return token.is_alpha and token.text[:1].isupper() and not token.is_sent_start


def _inside_longer_name(token: Token) -> bool:
    """Whether a token is part of a longer organisation or person name ("Chicago Bulls")."""
    if token.ent_type_ not in ("ORG", "PERSON", "FAC", "EVENT", "WORK_OF_ART"):
        return False
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return end - start > 1


def _after_locative_preposition(run: list[Token]) -> bool:
    """An untagged proper-noun run right after "in", "near", "outside"...: a place of any size."""
    first = run[0]
    if first.i == 0 or any(t.ent_type_ for t in run):
        return False
    return first.doc[first.i - 1].lower_ in locative_prepositions()


def _run_mentions(run: list[Token], gazetteer: Gazetteer, person_words: set[str]) -> list[Mention]:
    """The whole run if it names a notable place (or any place, after "in", "near"...), else
    its single tokens that name a notable place."""
    if not run:
        return []
    text = " ".join(t.text for t in run)
    if (
        _after_locative_preposition(run)
        and name_key(text) not in person_words
        and gazetteer.lookup(text)
    ):
        return [Mention(run[0].idx, run[-1].idx + len(run[-1].text), text)]
    singles = [[t] for t in run if not _inside_longer_name(t)]
    spans = [run] if len(run) == 1 else [run, *singles]
    for tokens in spans:
        text = " ".join(t.text for t in tokens)
        if name_key(text) in person_words or not any(c.isupper() for c in text):
            continue
        if _is_notable(_named(gazetteer, text), text):
            start = tokens[0].idx
            end = tokens[-1].idx + len(tokens[-1].text)
            found = [Mention(start, end, text)]
            if tokens is run:
                return found
            return found + _run_mentions(run[run.index(tokens[0]) + 1 :], gazetteer, person_words)
    return []


def _is_demonym(token: Token, gazetteer: Gazetteer, inside_names: bool = False) -> bool:
    """A nationality word ("Russian officials", "Syrians"): a mention of its country, as the
    geoparsing gold sets count it. Not inside a longer name ("Russian Orthodox Church") unless
    ``inside_names`` (it opens an institution's name: "the Georgian Parliament")."""
    if not (token.text[:1].isupper() and token.is_alpha):
        return False
    if gazetteer.has_name(token.text) or not gazetteer.demonym(token.text):
        return False
    return inside_names or not _inside_longer_name(token)


def _ent_mentions(ent: Span, gazetteer: Gazetteer, person_words: set[str]) -> list[Mention]:
    mentions = _ent_place_mentions(ent, gazetteer, person_words)
    if ent.label_ == "LOC" and len(mentions) == 1:
        mentions[0].natural = True
    return mentions


def _ent_place_mentions(ent: Span, gazetteer: Gazetteer, person_words: set[str]) -> list[Mention]:
    text, start = _strip_article(ent.text, ent.start_char)
    if not any(c.isupper() for c in text):
        return []
    if name_key(text) in person_words:
        return []
    # spaCy often tags "Paris, Texas" as one entity: split it into the place and its qualifier.
    if ", " in text:
        head, _, tail = text.partition(", ")
        if gazetteer.has_name(head) and gazetteer.has_name(tail):
            tail_start = start + len(head) + 2
            return [
                Mention(start, start + len(head), head, qualifier=name_key(tail)),
                Mention(tail_start, tail_start + len(tail), tail),
            ]
    return [Mention(start, start + len(text), text)]


def from_dateline(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """The dateline place(s) opening the body, or opening a sentence after the headline."""
    match = DATELINE.match(text)
    group = "place"
    offset = 0
    if match is not None:
        group = "place" if match.group("place") else "titled"
        if not gazetteer.has_name(match.group(group).strip()):
            match = None
    if match is None:
        for boundary in SENTENCE_START.finditer(text, 0, LATER_DATELINE_WITHIN):
            candidate = LATER_DATELINE.match(text[boundary.end() : boundary.end() + 120])
            if candidate and _dateline_place(candidate.group("place"), gazetteer):
                match, group, offset = candidate, "place", boundary.end()
                break
    if match is None:
        return []
    place = match.group(group).strip()
    start = offset + match.start(group)
    qualifier = match.group("qualifier")
    mentions = [
        Mention(
            start,
            start + len(place),
            place,
            is_dateline=True,
            qualifier=name_key(qualifier) if qualifier else None,
        )
    ]
    if qualifier and gazetteer.has_name(qualifier.strip()):
        q_start = offset + match.start("qualifier")
        q_text = qualifier.strip()
        mentions.append(Mention(q_start, q_start + len(q_text), q_text))
    return mentions


def _dateline_place(text: str, gazetteer: Gazetteer) -> bool:
    """An upper-case word or two naming a place (not "UPDATE:" or "WATCH:")."""
    text = text.strip()
    return len(text) > 2 and name_key(text) not in not_places() and gazetteer.has_name(text)


# "the Spanish city of Valencia", "the Ukrainian town of Bakhmut": a demonym and a kind of
# place before the name say whose it is.
DEMONYM_KIND = re.compile(
    r"\b(?P<demonym>[A-Z][a-z]+)\s+(?:city|town|village|port|capital|state|province|region|"
    r"island|resort|district|county|municipality)\s+of\s+$"
)


def _demonym_qualifier(before: str, gazetteer: Gazetteer) -> str | None:
    """The key of the country a demonym-and-kind phrase right before a name points at."""
    match = DEMONYM_KIND.search(before)
    if match is None:
        return None
    countries = [p for p in gazetteer.demonym(match.group("demonym")) if p.kind == "country"]
    return name_key(countries[0].name) if len(countries) == 1 else None


# "University of Wisconsin-Madison", "Texas A&M University-Corpus Christi": a state joined
# by a hyphen to the campus town after it.
HYPHENED_AREA = re.compile(r"(?P<area>[A-Z][a-z]+(?: [A-Z][a-z]+)?)[-\u2013]$")


def _hyphened_area(before: str, gazetteer: Gazetteer) -> str | None:
    """The key of the state or country hyphened to a name right before it, if any."""
    match = HYPHENED_AREA.search(before)
    if match is None:
        return None
    area = match.group("area")
    if not any(p.kind in ("country", "admin1") for p in gazetteer.lookup(area)):
        return None
    return name_key(area)


def add_qualifiers(mentions: list[Mention], text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Attach ", Texas"-style qualifiers (adding the qualifying place as a mention too) and
    note names followed by an area word ("Idlib province")."""
    extra: list[Mention] = []
    for mention in mentions:
        if mention.field != "text" or mention.is_demonym:
            continue
        after = text[mention.end : mention.end + 20]
        before = text[max(0, mention.start - 12) : mention.start]
        if AREA_WORD.match(after) or AREA_PREFIX.search(before):
            mention.area_word = True
        if mention.qualifier:
            continue
        campus = _hyphened_area(text[max(0, mention.start - 40) : mention.start], gazetteer)
        if campus is not None:
            mention.qualifier = campus
            continue
        country = _demonym_qualifier(text[max(0, mention.start - 60) : mention.start], gazetteer)
        if country is not None:
            mention.qualifier = country
            continue
        match = QUALIFIER.match(text[mention.end : mention.end + 40])
        if match is None:
            continue
        area = match.group("area")
        # Shorten "Texas Governor" to "Texas": the longest leading words that name an area.
        words = area.split()
        while words and not any(
            p.kind in ("country", "admin1") for p in gazetteer.lookup(" ".join(words))
        ):
            words.pop()
        if not words:
            continue
        area = " ".join(words)
        mention.qualifier = name_key(area)
        start = mention.end + match.start("area")
        qualifier = Mention(start, start + len(area), area)
        if not any(qualifier.overlaps(other) for other in [*mentions, *extra]):
            extra.append(qualifier)
    return mentions + extra


# Words naming a part of the place after them ("West Wichita", "upper Neches", "S. Jersey").
PART_WORDS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "n",
        "s",
        "e",
        "w",
        "central",
        "northern",
        "southern",
        "eastern",
        "western",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "upper",
        "lower",
        "greater",
        "inner",
        "outer",
        "downtown",
    }
)
_WORD = re.compile(r"[^\W\d_][\w.'\u2019]*")


def shrink_unknown(
    mentions: list[Mention], gazetteer: Gazetteer, person_words: AbstractSet[str] = frozenset()
) -> list[Mention]:
    """Mentions whose whole text no gazetteer knows ("Lamar County Commissioners", "the
    Boone County Jail", "Boston Harbor", "West Wichita") narrowed to the longest place name
    opening them, or, after a word naming a part ("West", "upper"), the well-known place
    closing them: what is named after a place, or is a part of it, is near it. Mentions with no known part are kept as they
    are (a null place)."""
    shrunk: list[Mention] = []
    for mention in mentions:
        if mention.is_demonym or gazetteer.has_name(mention.text):
            shrunk.append(mention)
            continue
        words = list(_WORD.finditer(mention.text))
        spans = [(0, size) for size in range(len(words) - 1, 0, -1)]
        if words and words[0].group().rstrip(".").lower() in PART_WORDS:
            spans += [(first, len(words)) for first in range(1, len(words))]
        part = next(
            (
                (words[a].start(), words[b - 1].end())
                for a, b in spans
                if _known_part(mention.text[words[a].start() : words[b - 1].end()], gazetteer)
                and (
                    a == 0
                    or _notable_part(mention.text[words[a].start() : words[b - 1].end()], gazetteer)
                )
                and name_key(mention.text[words[a].start() : words[b - 1].end()])
                not in person_words
            ),
            None,
        )
        if part is None:
            shrunk.append(mention)
            continue
        start, end = part
        mention.text = mention.text[start:end]
        mention.start, mention.end = mention.start + start, mention.start + end
        shrunk.append(mention)
    return shrunk


def _notable_part(text: str, gazetteer: Gazetteer) -> bool:
    """A place a compass word may name a part of: a well-known one by any of its names ("West
    Wichita", "W. Phila."), not a namesake village abroad ("East Yorkshire" is no part of
    Yorkshire, Virginia)."""
    return _is_notable(gazetteer.lookup(text), text)


def _known_part(text: str, gazetteer: Gazetteer) -> bool:
    """A capitalised part of a name that names a place and is no lone common word."""
    if not text[:1].isupper() or len(text.rstrip(".")) < 2:
        return False
    return name_key(text) not in not_places() and gazetteer.has_name(text)


def link_entities(mentions: list[Mention], entity_mentions: list[Mention]) -> None:
    """Give mentions found another way (the dateline, spaCy) the id of the LOCATION entity
    whose mention they overlap."""
    for mention in mentions:
        if mention.entity is None:
            mention.entity = next(
                (e.entity for e in entity_mentions if e.overlaps(mention) and e.entity), None
            )


def merge(*groups: list[Mention]) -> list[Mention]:
    """All mentions, earlier groups winning over later overlapping ones; in text order. Lone
    words that are rarely places ("North", "Man") are dropped."""
    kept: list[Mention] = []
    for group in groups:
        for mention in group:
            if mention.key in not_places():
                continue
            if not any(mention.overlaps(other) for other in kept):
                kept.append(mention)
    return sorted(kept, key=lambda m: (m.field != "text", m.field, m.start))
