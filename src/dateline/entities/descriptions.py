"""Offices, descriptions and generic groups, read from the dependency parse.

Three things, all from the noun phrase around a title word or an agent noun:

* the role an article states for a named person: "Turkish President Recep Tayyip Erdogan",
  "security expert and former Kremlin advisor Vladimir Frolov", "Sergei Lavrov, Russia's
  foreign minister", "King Hassan of Morocco";
* definite descriptions of one person, resolved later by coreference: "the Russian
  President", "the Syrian leader", "Russia's prime minister";
* generic groups coded by country and sector: "Russian military leaders", "the Sudanese
  government", "Fijian rebels", "a Russian official", "the opposition".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from dateline.entities.coding import code_organisation
from dateline.entities.kb import load_kb
from dateline.entities.lexicon import Title, lexicon
from dateline.entities.mentions import Mention
from dateline.entities.org_descriptions import paragraph_numbers
from dateline.entities.places import country_of_place, named_country
from dateline.nlp.doctext import token_pos

NOUN_PHRASE_DEPS = {"det", "amod", "compound", "poss", "nmod", "nummod", "case", "cc", "conj"}
# Head nouns too vague to name a sector by themselves when a modifier names one:
# "military leaders" is MIL, "opposition forces" OPP, but "government troops" stays MIL.
# Sectors a phrase may name without a country ("the opposition", "rebels", "troops"); others
# ("settlement" CVL, "website" MED) are too often things rather than actors.
COUNTRYLESS_GROUP_SECTORS = {"OPP", "REB", "MIL", "COP", "REF", "UAF", "INS", "SPY"}
PLURAL_TAGS = {"NNS", "NNPS"}
# Nouns for a body of people that an "of" phrase names the members of ("a group of students",
# "a crowd of protesters"): then the members are the party.
COLLECTIVE_HEADS = {"group", "crowd", "gang", "panel", "band"}
# Nouns that count the people of their "of" phrase ("dozens of residents").
QUANTITY_HEADS = {
    "dozen", "hundred", "thousand", "million", "score", "number", "majority", "handful",
    "member", "some", "many", "most", "all", "half", "few", "several",
}  # fmt: skip
# Where a noun phrase is a party of its clause (``is_party_position``).
PARTY_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "poss", "agent"}
# "on", "at", "from" and "in" as often say where ("on the website", "at the hospital").
PARTY_PREPOSITIONS = {"by", "to", "with", "against", "between", "among"}
# For a noun that names people or a body (not a place, building, vehicle or outlet, below),
# these point at a party too: "called on the administration", "fired at police", "criticism
# from lawmakers", "a search for two suspects". "in" and "of" still mostly say where or what
# about ("in opposition to", "in government", "the future of the workers").
PEOPLE_PREPOSITIONS = PARTY_PREPOSITIONS | {
    "on", "at", "from", "for", "about", "over", "into", "toward", "towards", "upon",
    "including",
}  # fmt: skip
# Agent nouns (the KB's Phoenix list codes them with a sector) that more often name a place,
# a building, a vehicle or a news outlet than the people in it: only PARTY_PREPOSITIONS.
THING_AGENT_NOUNS = {
    "website", "site", "blog", "television", "tv", "radio", "station", "newspaper", "paper",
    "magazine", "gazette", "tabloid", "publication", "media", "press", "embassy", "consulate",
    "hospital", "infirmary", "sanatorium", "school", "college", "university", "kindergarten",
    "preschool", "village", "settlement", "neighborhood", "neighbourhood", "town", "city",
    "tanker", "airliner", "jetliner", "jet", "freighter", "ship", "vessel", "carrier",
    "industry", "market", "economy", "bank", "department", "agency", "council", "outlet",
}  # fmt: skip
# Nouns for a kind of organisation that, written "the <noun>" after an organisation's name,
# most likely mean that one: ``org_descriptions`` links them when it can tell which; when
# it cannot, they are no group of their own either.
ORGANISATION_KIND_NOUNS = {
    "agency", "department", "board", "council", "committee", "group", "union", "bank", "firm",
    "panel", "lender", "insurer", "retailer", "coalition", "alliance", "association",
    "federation", "charity", "bloc",
}  # fmt: skip
# How many paragraph breaks back a named organisation makes such a noun unclear.
KIND_NOUN_PARAGRAPHS = 3
# Words before a title that make its holder the one leaving the office ("incumbent Mayor X"),
# whom "the new mayor" does not mean.
OUTGOING_WORDS = {"incumbent", "outgoing", "sitting", "defeated", "departing"}
# Honorifics that are abbreviated titles, with the title they stand for.
TITLE_ABBREVIATIONS = {
    "sen": "senator",
    "rep": "congressman",
    "gov": "governor",
    "gen": "general",
    "adm": "admiral",
    "col": "colonel",
}


@dataclass
class Role:
    """What a noun phrase says about an office: title, country, sector, whether former."""

    title: Title | None = None
    country: str | None = None
    sector: str | None = None
    former: bool = False


@lru_cache(maxsize=2)
def _titles_by(position: int) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The title word sequences grouped by their first (0) or last (-1) word, longest first as
    in the lexicon: only one group can match at a token (a scan of every title was a hot spot)."""
    groups: dict[str, list[tuple[str, ...]]] = {}
    for words in lexicon().title_word_sequences:
        groups.setdefault(words[position], []).append(words)
    return {word: tuple(sequences) for word, sequences in groups.items()}


def _title_at(doc: Doc, i: int, limit: int) -> Title | None:
    if i >= limit:
        return None
    lex = lexicon()
    for words in _titles_by(0).get(_singular(doc[i]), ()):
        n = len(words)
        if i + n <= limit and all(_singular(doc[i + k]) == words[k] for k in range(n)):
            return lex.titles[" ".join(words)]
    return None


def _title_ending_at(doc: Doc, head: Token) -> tuple[int, Title] | None:
    """The longest title whose last word is ``head`` ("prime minister" ending at "minister")."""
    lex = lexicon()
    for words in _titles_by(-1).get(_singular(head), ()):
        n = len(words)
        start = head.i - n + 1
        if start < 0:
            continue
        if all(_singular(doc[start + k]) == words[k] for k in range(n)):
            return start, lex.titles[" ".join(words)]
    return None


def _singular(token: Token) -> str:
    return token.lemma_.lower() if token.tag_ in PLURAL_TAGS else token.lower_


def _country_of_tokens(
    tokens: Iterable[Token], named: dict[int, Mention], date: str | None, towns: bool = False
) -> str | None:
    """The country a run of modifier tokens names: a demonym or country ("Turkish", "US",
    "Lebanon's") or an organisation with a country ("Kremlin advisor"); with ``towns``, also a
    state or city before a title ("the California congressman"), while "police in Jericho"
    (read by ``_of_country``) says where, not whose."""
    kb = load_kb()
    for token in tokens:
        mention = named.get(token.i)
        # A word inside a name counts only as the name: "Georgetown University" is no capital.
        country = _country_or_capital(mention.text if mention is not None else token.text)
        if country is not None:
            return country
        if towns and mention is not None and mention.label == "LOCATION":
            # "the California congressman", "Florida Rep.": a state or city's country.
            place = country_of_place(mention.text)
            if place is not None:
                return place.iso3
        if mention is not None and mention.label == "ORG":
            actor = kb.organisation(mention.text)
            role = actor.role_on(date) if actor is not None else None
            if role is not None and role.country:
                return role.country
            if actor is None:
                # An organisation the KB does not know, by its words ("Manhattan Supreme
                # Court Justice").
                found = code_organisation(mention.text, date).country
                if found is not None:
                    return found
    return None


def _country_or_capital(text: str) -> str | None:
    """ "Syrian", "Russia's" or a capital used for its government ("the Khartoum government")."""
    country = named_country(text) or load_kb().country_by_capital(text)
    return country.iso3 if country is not None else None


def _countries_of_tokens(tokens: Iterable[Token], named: dict[int, Mention]) -> list[str]:
    """Every country named by a nationality or country word: "Hungarian and Romanian"."""
    found: list[str] = []
    for token in tokens:
        mention = named.get(token.i)
        country = _country_or_capital(mention.text if mention is not None else token.text)
        if country is not None and country not in found:
            found.append(country)
    return found


def _is_place_word(token: Token, named: dict[int, Mention]) -> bool:
    mention = named.get(token.i)
    if mention is not None:
        return mention.label == "LOCATION"
    return token.pos_ == "PROPN"


def _organisation_sector(
    tokens: Iterable[Token], named: dict[int, Mention], date: str | None
) -> str | None:
    """The sector of the KB organisation named among the tokens, if any."""
    kb = load_kb()
    seen: set[int] = set()
    for token in tokens:
        mention = named.get(token.i)
        if mention is None or mention.label != "ORG" or id(mention) in seen:
            continue
        seen.add(id(mention))
        actor = kb.organisation(mention.text)
        role = actor.role_on(date) if actor is not None else None
        if role is not None and role.sector:
            return role.sector
    return None


def _sector_of_tokens(tokens: Iterable[Token], named: dict[int, Mention]) -> str | None:
    kb = load_kb()
    for token in tokens:
        if token.i in named or token.pos_ not in ("NOUN", "ADJ", "PROPN"):
            continue
        sector = kb.agent(token.lower_)
        if sector:
            return sector
    return None


def _read_role(tokens: list[Token], doc: Doc, named: dict[int, Mention], date: str | None) -> Role:
    """Read title (the one nearest the end), country and 'former' from modifier tokens."""
    role = Role()
    lex = lexicon()
    limit = tokens[-1].i + 1 if tokens else 0
    skip_until = -1
    for token in tokens:
        if token.i < skip_until or (token.i in named and named[token.i].label == "PERSON"):
            continue
        title = _title_at(doc, token.i, limit)
        if title is not None:
            role.title = title
            role.former = any(t.lower_ in lex.former for t in tokens if t.i < token.i)
            # A title's own last words are no title of their own: "Attorney General" is not
            # a general, "State Councilor" not a bare councilor.
            skip_until = token.i + len(title.words.split())
    role.country = _country_of_tokens(tokens, named, date, towns=True)
    if role.title is not None and role.title.sector is None and role.country is not None:
        # A "China expert" studies China; a "Chinese expert" is from there, and an "FBI
        # director" works there. Only place names are dropped.
        not_places = [t for t in tokens if not _is_place_word(t, named)]
        role.country = _country_of_tokens(not_places, named, date)
    if role.title is not None:
        title_words = set(role.title.words.split())
        modifiers = [t for t in tokens if _singular(t) not in title_words]
        # "opposition leader", "rebel commander", "army spokesman": the modifier's sector.
        modifier_sector = _sector_of_tokens(modifiers, named)
        sector = role.title.sector
        if modifier_sector and modifier_sector != "GOV" and sector in (None, "GOV"):
            sector = modifier_sector
        # "FBI Director James Comey", "Pentagon spokesman": an organisation's sector for a
        # title that names no sector of its own (or only the generic GOV).
        org_sector = _organisation_sector(tokens, named, date)
        if org_sector and (sector is None or (sector == "GOV" and not modifier_sector)):
            sector = org_sector
        role.sector = "ELI" if role.former and sector else sector
    return role


def _of_country(
    head: Token, named: dict[int, Mention], date: str | None, located: bool = False
) -> tuple[str | None, int]:
    """ "president of Armenia", "King Hassan of Morocco": the country and the phrase's end.
    With ``located``, also "rebels in the Ivory Coast", "refugees from Syria" - where the
    object itself is a country, and not "its forces in Lebanon"."""
    owned = any(child.dep_ == "poss" for child in head.children)
    for child in head.rights:
        if child.dep_ != "prep":
            continue
        objects = [t for t in child.children if t.dep_ == "pobj"]
        if not objects:
            continue
        obj = objects[0]
        span_tokens = list(obj.subtree)
        if child.lower_ == "of":
            # The object's own words: "President Trump of tariffs on Chinese imports" is not
            # China's president ("president of the Republic of Armenia" keeps its "of").
            country = _country_of_tokens(_own_words(obj), named, date)
        elif located and not owned and child.lower_ in ("in", "from"):
            country = _country_of_tokens([obj], named, date)
        else:
            continue
        if country:
            return country, span_tokens[-1].i + 1
    return None, head.i + 1


def _left_modifiers(head: Token, stop: int) -> list[Token]:
    """Contiguous tokens left of ``stop`` inside ``head``'s noun phrase (determiners excluded)."""
    # Membership in head's subtree, tested token by token: building the whole subtree for every
    # head was quadratic on a long flat sentence (10 KB of "word, word, ..." took minutes).
    left, right = head.left_edge.i, head.right_edge.i
    tokens: list[Token] = []
    i = stop - 1
    doc = head.doc

    def in_subtree(index: int) -> bool:
        token = doc[index]
        return left <= index <= right and (token.i == head.i or head.is_ancestor(token))

    # A hyphen inside a modifier ("a 57-year-old man") is no phrase boundary.
    while (
        i >= 0
        and in_subtree(i)
        and (doc[i].dep_ not in ("punct", "relcl", "acl") or doc[i].tag_ == "HYPH")
    ):
        tokens.append(doc[i])
        i -= 1
    tokens.reverse()
    while tokens and tokens[0].dep_ == "det":
        tokens = tokens[1:]
    return tokens


def _own_words(head: Token) -> list[Token]:
    """The words of ``head``'s phrase that describe the person, leaving out prepositional
    phrases other than "of": "the US envoy *for Ukraine*", "the ambassador *to France*" name
    where the office points, not the holder's country ("president *of Armenia*" does)."""
    words = []
    for token in head.subtree:
        node, inside_other_prep = token, False
        while node.i != head.i:  # spaCy makes a new Token object per access: compare indices
            if node.dep_ == "prep" and node.lower_ != "of":
                inside_other_prep = True
                break
            node = node.head
        if not inside_other_prep:
            words.append(token)
    return words


def _without_unnamed_possessor(
    tokens: list[Token], head: Token, named: dict[int, Mention]
) -> list[Token]:
    """An apposition's words without a possessor that names nobody: in "Lady Vale, the Prime
    Minister's wife" the office is his, not hers ("Russia's foreign minister" keeps its named
    country)."""
    dropped: set[int] = set()
    for child in head.children:
        if child.dep_ == "poss" and not any(t.i in named for t in child.subtree):
            dropped.update(t.i for t in child.subtree)
    return [t for t in tokens if t.i not in dropped]


def attach_stated_roles(doc: Doc, mentions: list[Mention], date: str | None) -> set[int]:
    """Fill ``title``/``country``/``sector`` of PERSON mentions from the words around them.
    Returns the tokens used, so they are not read again as descriptions of someone else."""
    named = _named_tokens(mentions)
    used: set[int] = set()
    for mention in mentions:
        if mention.label != "PERSON":
            continue
        head = doc[mention.end - 1]
        before = _left_modifiers(head, mention.start)
        role = _read_role(before, doc, named, date) if before else Role()
        used.update(t.i for t in before)
        # Apposition: "Sergei Lavrov, Russia's foreign minister, said".
        for child in head.rights:
            if child.dep_ == "appos" and child.i not in named:
                tokens = _without_unnamed_possessor(_own_words(child), child, named)
                found = _read_role(tokens, doc, named, date)
                if found.title is not None and role.title is None:
                    role.title, role.sector, role.former = found.title, found.sector, found.former
                    used.update(t.i for t in tokens)
                role.country = role.country or found.country
        country, _ = _of_country(head, named, date)
        role.country = role.country or country
        if role.title is None:
            # "Sen. Bernie Sanders", "Rep. Adam Schiff": an abbreviated title written as an
            # honorific inside the name ("Retired Lt. Gen. Michael Flynn": a former one).
            abbreviated = TITLE_ABBREVIATIONS.get(doc[mention.start].lower_.rstrip("."))
            if abbreviated is not None and mention.length > 1:
                role.title = lexicon().titles.get(abbreviated)
                # "the late Sen. John McCain" keeps the office he died in (the guideline).
                role.former = any(
                    t.lower_ in lexicon().former and t.lower_ != "late" for t in before
                )
                sector = role.title.sector if role.title is not None else None
                role.sector = "ELI" if role.former and sector else sector
        if role.title is None and role.sector is None:
            # "CNN's Jake Tapper": a person named as an organisation's own works there.
            org_country, org_sector = _owning_organisation(doc, mention, named, date)
            role.sector = org_sector
            role.country = role.country or org_country
        if role.title is not None:
            mention.title = role.title.words
            mention.sector = role.sector
            mention.former = role.former
            mention.outgoing = any(t.lower_ in OUTGOING_WORDS for t in before)
        elif role.sector is not None:
            mention.sector = role.sector
        if _runs_a_campaign(head):
            # "Trump's campaign", "the Clinton campaign": a candidate (PTY, per the guideline)
            # unless the knowledge base has them in office on the date.
            mention.campaign = True
        mention.country = role.country
    return used


def _owning_organisation(
    doc: Doc, mention: Mention, named: dict[int, Mention], date: str | None
) -> tuple[str | None, str | None]:
    """Country and sector of a KB organisation written as the owner of the name, right before
    it: "CNN's Jake Tapper", "Reuters' Ahmed Ali"."""
    i = mention.start - 1
    if i < 1 or doc[i].tag_ != "POS":
        return None, None
    owner = named.get(i - 1)
    if owner is None or owner.label != "ORG" or owner.end != i:
        return None, None
    actor = load_kb().organisation(owner.text)
    role = actor.role_on(date) if actor is not None else None
    if role is None:
        return None, None
    return role.country, role.sector


def _runs_a_campaign(head: Token) -> bool:
    """Is the name the owner or modifier of "campaign" ("Trump's campaign", "Clinton
    campaign aides")?"""
    return head.dep_ in ("poss", "compound") and head.head.lemma_.lower() == "campaign"


def _named_tokens(mentions: list[Mention]) -> dict[int, Mention]:
    return {i: m for m in mentions for i in range(m.start, m.end)}


def _phrase_start(head: Token, start: int) -> int:
    """Start of the noun phrase ending at ``head``, with its determiner."""
    tokens = _left_modifiers(head, start)
    first = tokens[0].i if tokens else start
    if first > 0 and head.doc[first - 1].dep_ == "det" and head.doc[first - 1].head.i == head.i:
        first -= 1
    return first


def _is_definite(head: Token, start: int) -> bool:
    """Has "the" or a possessive: "the Russian President", "Russia's president"."""
    for token in head.doc[start : head.i]:
        if token.dep_ == "det" and token.lower_ == "the":
            return True
        if token.dep_ == "poss" or token.tag_ == "POS":
            return True
    return False


def find_descriptions(
    doc: Doc, mentions: list[Mention], used: set[int], date: str | None
) -> list[Mention]:
    """DESCRIPTION mentions (one unnamed person: "the Russian President") and GROUP phrases
    ("Russian military leaders", "the Syrian opposition", "a Russian official")."""
    kb = load_kb()
    named = _named_tokens(mentions)
    paragraphs = _Paragraphs(doc)
    found: list[Mention] = []
    # The nouns from the column of parts of speech: no Token object for the other words.
    for i, pos in enumerate(token_pos(doc)):
        if pos not in ("NOUN", "PROPN") or i in named or i in used:
            continue
        head = doc[i]
        # Only the head of its phrase: "leader" in "Syrian leader Bashar al-Assad" is not; a
        # phrase joined to a name ("Russia and the Syrian government") is a phrase of its own.
        if head.dep_ in ("compound", "amod") or (
            head.head.i in named and head.dep_ not in ("appos", "conj")
        ):
            continue
        titled = _title_ending_at(doc, head)
        following = named.get(head.i + 1)
        if titled is not None and following is not None and following.label == "PERSON":
            # "he and Turkish President Recep Tayyip Erdogan", parsed as two conjuncts: a title
            # right before a name is that person's, not a second party.
            continue
        agent_noun, agent = _agent_noun(head) if titled is None else (False, None)
        title_start = titled[0] if titled else head.i
        people_noun = _singular(head) in lexicon().people_nouns
        if titled is None and not agent_noun and not people_noun:
            continue
        # Read only for the nouns that may make a phrase (most nouns do not).
        modifiers = _left_modifiers(head, title_start)
        modifier_sector = _sector_of_tokens(modifiers, named)
        # "army officers", "Turkish and Greek sides": a person noun takes its sector (or just
        # its country) from the modifiers.
        if people_noun and not agent_noun:
            # "board members", "six medical personnel": people of a body, or counted.
            agent_noun = _counted(head) or any(
                _agent_noun(t)[0] for t in modifiers if t.pos_ in ("NOUN", "PROPN", "ADJ")
            )
        if agent_noun and _singular(head) in COLLECTIVE_HEADS and _has_of_phrase(head):
            continue  # "a group of students": the students are the party
        if kb.agent(head.lower_) is None and _unclear_organisation(head, named, paragraphs):
            continue
        role = _read_role([*modifiers, *doc[title_start : head.i + 1]], doc, named, date)
        if titled is None and agent is None and _singular(head) in lexicon().agent_nouns:
            # "critics of China", "supporters of the Kremlin": the "of" phrase is whom they
            # are for or against, not where they are from.
            country_after, end = None, head.i + 1
        else:
            country_after, end = _of_country(head, named, date, located=titled is None)
        country = role.country or country_after
        sector = _combined_sector(role, agent, modifier_sector)
        start = _phrase_start(head, title_start)
        definite = _is_definite(head, start)
        if head.lower_ in ("president", "leader") and not definite and not country:
            continue  # "a leader", "leaders" with no country: nobody in particular
        plural = head.tag_ in PLURAL_TAGS
        span = doc[start:end] if country_after else doc[start : head.i + 1]
        if titled is not None and not plural and definite:
            found.append(_phrase(span, "DESCRIPTION", titled[1], country, sector, role.former))
            continue
        # A group needs a country named by a place word ("Kremlin's website" is no group)
        # or a sector that names a group by itself ("the opposition", "rebels").
        countries: list[str | None] = list(_countries_of_tokens(modifiers, named))
        if country_after and not countries:
            countries.append(country_after)
        # Without a country: "the opposition", "rebels", but not "in opposition to"; any other
        # sector's people only where they act or are acted on ("the administration said",
        # "met several top government officials", "police arrested a man").
        if not countries and not _countryless_group(head, sector, plural, definite, agent_noun):
            continue
        title = titled[1] if titled else None
        for group_country in countries or [None]:
            group = _phrase(span, "GROUP", title, group_country, sector, role.former)
            group.head = _singular(head)
            found.append(group)
    return _drop_nested(found)


def _countryless_group(
    head: Token, sector: str | None, plural: bool, definite: bool, agent_noun: bool = False
) -> bool:
    """Whether a phrase naming no country still names a group: a sector that stands alone
    ("the opposition", "rebels"), or a sector's people (or the people of an agent noun of no
    sector: "critics", "the group") as a party of a clause."""
    if sector in COUNTRYLESS_GROUP_SECTORS and (plural or definite):
        return True
    # A bare singular ("Judge rejects request" in a headline) is a title, not a group.
    determined = plural or definite or any(c.dep_ in ("det", "nummod") for c in head.children)
    return (sector is not None or agent_noun) and determined and is_party_position(head)


def _agent_noun(head: Token) -> tuple[bool, str | None]:
    """Whether ``head`` is a noun for people or a body that acts, and its sector: the KB's
    agent nouns (Phoenix), else the entities stage's own list (``agent_nouns.tsv``)."""
    sector = load_kb().agent(head.lower_)
    if sector is not None:
        return True, sector
    nouns = lexicon().agent_nouns
    for word in (_singular(head), head.lower_, _acronym_singular(head)):
        if word in nouns:
            return True, nouns[word]
    return False, None


def _acronym_singular(head: Token) -> str:
    """An acronym's plural, its capitals and a lower-case "s" ("MLAs", "MEPs"), without the
    "s": the tagger's lemma keeps it whole."""
    text = head.text
    if len(text) >= 3 and text.endswith("s") and text[:-1].isupper():
        return text[:-1].lower()
    return ""


class _Paragraphs:
    """Each token's paragraph (line breaks before it), counted once per document on need."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._numbers: list[int] | None = None

    def of(self, i: int) -> int:
        if self._numbers is None:
            self._numbers = paragraph_numbers(self.doc)
        return self._numbers[i]


def _unclear_organisation(head: Token, named: dict[int, Mention], paragraphs: _Paragraphs) -> bool:
    """ "the board", "the agency" (singular, definite) after an organisation named in its
    paragraph or the few before: most likely that organisation, which ``org_descriptions``
    links when it can tell; an own group would take its place in the article's events."""
    if _singular(head) not in ORGANISATION_KIND_NOUNS or head.tag_ in PLURAL_TAGS:
        return False
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return False
    if any(c.i > head.i and c.dep_ in ("relcl", "acl", "prep", "appos") for c in head.children):
        return False  # "the board of education", "the group that organised it": another body
    here = paragraphs.of(head.i)
    return any(
        mention.label == "ORG"
        and mention.end <= head.i
        and here - paragraphs.of(mention.start) <= KIND_NOUN_PARAGRAPHS
        for mention in {id(m): m for m in named.values()}.values()
    )


def _counted(head: Token) -> bool:
    return any(c.dep_ == "nummod" for c in head.children)


def _has_of_phrase(head: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in head.rights)


def is_party_position(head: Token) -> bool:
    """Is the noun phrase headed by ``head`` a party of its clause: a subject or object of a
    verb, the object of a preposition that points at a party ("by", "to", "with", "against",
    ...), a possessor, or joined to one of these? Not a modifier or a topic ("in opposition
    to", "a court ruling", "on the government's website")."""
    node = head
    while node.dep_ in ("conj", "appos") and node.head.i != node.i:
        node = node.head
    if node.dep_ in PARTY_DEPS:
        return node.dep_ != "poss" or node.head.pos_ in ("NOUN", "PROPN")
    if node.dep_ == "pobj":
        prep = node.head
        if prep.lower_ == "of" and prep.head.i != prep.i and _counts_members(prep.head):
            # "a group of students", "thousands of protesters": the members are the party.
            return is_party_position(prep.head)
        if _singular(head) in THING_AGENT_NOUNS:
            return prep.lower_ in PARTY_PREPOSITIONS
        return prep.lower_ in PEOPLE_PREPOSITIONS
    return False


def _counts_members(head: Token) -> bool:
    """A noun that counts or gathers the people its "of" phrase names."""
    return head.pos_ in ("NOUN", "NUM", "PRON", "ADJ", "DET") and (
        head.like_num or _singular(head) in COLLECTIVE_HEADS | QUANTITY_HEADS
    )


def _phrase(
    span: Span,
    label: str,
    title: Title | None,
    country: str | None,
    sector: str | None,
    former: bool,
) -> Mention:
    mention = Mention.of_span(span, label, "description")
    mention.title = title.words if title is not None else None
    mention.country = country
    mention.sector = sector
    mention.former = former
    return mention


def _combined_sector(role: Role, head_agent: str | None, modifier_agent: str | None) -> str | None:
    """A modifier's sector specialises the head's ("military leaders", "opposition forces",
    "rebel commanders"), except that "government troops" stay military."""
    head_sector = role.sector if role.title is not None else head_agent
    if role.former and role.title is not None:
        return "ELI"
    if modifier_agent and modifier_agent != "GOV":
        return modifier_agent
    return head_sector or modifier_agent


def _drop_nested(found: list[Mention]) -> list[Mention]:
    """Keep the outermost of overlapping phrases ("the Russian military" in a longer one)."""
    kept: list[Mention] = []
    for mention in sorted(found, key=lambda m: (-m.length, m.start)):
        # The same phrase may stand for two groups: "Hungarian and Romanian officials".
        if not any(
            mention.overlaps(other) and (mention.start, mention.end) != (other.start, other.end)
            for other in kept
        ):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def join_appositions(doc: Doc, named: list[Mention], phrases: list[Mention]) -> None:
    """ "Russia's foreign minister, Sergei Lavrov," / "Sergei Lavrov, the foreign minister,":
    a titled phrase next to a name, across a comma, describes that person. The person takes
    the phrase's title and country, and the phrase becomes a description of them."""
    people_by_start = {m.start: m for m in named if m.label == "PERSON"}
    people_by_end = {m.end: m for m in named if m.label == "PERSON"}
    for phrase in phrases:
        if phrase.label == "GROUP" and phrase.title is None:
            _drop_apposed_to_name(doc, phrase, named)
        if doc[phrase.end - 1].tag_ in PLURAL_TAGS:
            continue
        person = None
        if phrase.end < len(doc) and doc[phrase.end].text == ",":
            person = people_by_start.get(phrase.end + 1)
        if person is None and phrase.start > 0 and doc[phrase.start - 1].text == ",":
            person = people_by_end.get(phrase.start - 1)
        if person is None or _owns_the_apposition(doc, phrase):
            continue
        if phrase.title is None:
            # "Mara Quint, the active-duty U.S. Navy sailor, ...": a one-person group phrase
            # the parser sets in apposition to the name is that person, not a group of its
            # own ("the sailor who set fire to a flag" is Quint).
            if phrase.label == "GROUP" and _apposed(doc, phrase, person):
                phrase.label = "APPOSITION"
                phrase.describes = person
            continue
        person.title = person.title or phrase.title
        person.country = person.country or phrase.country
        person.sector = person.sector or phrase.sector
        person.former = person.former or phrase.former
        phrase.label = "DESCRIPTION"


def _drop_apposed_to_name(doc: Doc, phrase: Mention, named: list[Mention]) -> None:
    """ "China, Pyongyang's only ally, warned", "the rights group Amnesty International": a
    group phrase the parse sets in apposition to a named organisation, place or nation, next to
    it across a comma, is that party told again, not a second one beside it: no group of its
    own (label ``APPOSED``, which no later step reads)."""
    for mention in named:
        if mention.label == "PERSON":
            continue
        comma_after = mention.end == phrase.start - 1 and doc[mention.end].text == ","
        comma_before = phrase.end == mention.start - 1 and doc[phrase.end].text == ","
        if (comma_after or comma_before) and _apposed(doc, phrase, mention):
            phrase.label = "APPOSED"
            return


def _owns_the_apposition(doc: Doc, phrase: Mention) -> bool:
    """Whether the phrase is the possessor inside the words set beside a name ("Lady Vale, *the
    Prime Minister*'s wife,"): it names somebody else, whose the apposition's noun is."""
    root = doc[phrase.start : phrase.end].root
    after = doc[phrase.end] if phrase.end < len(doc) else None
    return root.dep_ == "poss" or (after is not None and after.tag_ == "POS")


def _apposed(doc: Doc, phrase: Mention, person: Mention) -> bool:
    """Whether the parse sets the phrase and the name side by side as one party: either's
    head an ``appos`` of a word of the other."""
    head = doc[phrase.start : phrase.end].root
    name = doc[person.start : person.end].root
    inside_name = person.start <= head.head.i < person.end
    inside_phrase = phrase.start <= name.head.i < phrase.end
    return (head.dep_ == "appos" and inside_name) or (name.dep_ == "appos" and inside_phrase)


def own_body(doc: Doc, description: Mention) -> str | None:
    """The body or portfolio a description names for its office itself: "the minister of
    investment, trade and industry", "the president of the Enugu chamber" (a proper name, or a
    bare noun with no article), lower-case. Not a country's (that is its ``country``) and not
    one referring back ("the president of the company")."""
    if description.country is not None:
        return None
    head = doc[description.end - 1]
    for child in head.children:
        if child.dep_ != "prep" or child.lower_ != "of":
            continue
        obj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if obj is None:
            return None
        article = any(c.dep_ in ("det", "poss") for c in obj.children)
        if obj.pos_ != "PROPN" and article:
            return None
        words = [t for t in doc[obj.left_edge.i : obj.right_edge.i + 1] if t.dep_ != "det"]
        return " ".join(t.lower_ for t in words) or None
    return None
