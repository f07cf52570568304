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

from spacy.tokens import Doc, Span, Token

from dateline.entities.kb import load_kb
from dateline.entities.lexicon import Title, lexicon
from dateline.entities.mentions import Mention

NOUN_PHRASE_DEPS = {"det", "amod", "compound", "poss", "nmod", "nummod", "case", "cc", "conj"}
# Head nouns too vague to name a sector by themselves when a modifier names one:
# "military leaders" is MIL, "opposition forces" OPP, but "government troops" stays MIL.
# Sectors a phrase may name without a country ("the opposition", "rebels", "troops"); others
# ("settlement" CVL, "website" MED) are too often things rather than actors.
COUNTRYLESS_GROUP_SECTORS = {"OPP", "REB", "MIL", "COP", "REF", "UAF", "INS", "SPY"}
PLURAL_TAGS = {"NNS", "NNPS"}


@dataclass
class Role:
    """What a noun phrase says about an office: title, country, sector, whether former."""

    title: Title | None = None
    country: str | None = None
    sector: str | None = None
    former: bool = False


def _title_at(doc: Doc, i: int, limit: int) -> Title | None:
    lex = lexicon()
    for words in lex.title_word_sequences:
        n = len(words)
        if i + n <= limit and all(doc[i + k].lower_ == words[k] for k in range(n)):
            return lex.titles[" ".join(words)]
    return None


def _title_ending_at(doc: Doc, head: Token) -> tuple[int, Title] | None:
    """The longest title whose last word is ``head`` ("prime minister" ending at "minister")."""
    lex = lexicon()
    for words in lex.title_word_sequences:
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
    tokens: Iterable[Token], named: dict[int, Mention], date: str | None
) -> str | None:
    """The country a run of modifier tokens names: a demonym or country ("Turkish", "US",
    "Lebanon's") or an organisation with a country ("Kremlin advisor")."""
    kb = load_kb()
    for token in tokens:
        mention = named.get(token.i)
        text = mention.text if mention is not None else token.text
        country = kb.country(text)
        if country is not None:
            return country.iso3
        if mention is not None and mention.label == "ORG":
            actor = kb.organisation(text)
            role = actor.role_on(date) if actor is not None else None
            if role is not None and role.country:
                return role.country
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
    for token in tokens:
        if token.i in named:
            continue
        title = _title_at(doc, token.i, limit)
        if title is not None:
            role.title = title
            role.former = any(t.lower_ in lex.former for t in tokens if t.i < token.i)
    role.country = _country_of_tokens(tokens, named, date)
    if role.title is not None:
        role.sector = "ELI" if role.former and role.title.sector else role.title.sector
    return role


def _of_country(head: Token, named: dict[int, Mention], date: str | None) -> tuple[str | None, int]:
    """ "president of Armenia", "King Hassan of Morocco": the country and the phrase's end."""
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [t for t in child.children if t.dep_ == "pobj"]
            if objects:
                obj = objects[0]
                span_tokens = list(obj.subtree)
                country = _country_of_tokens([obj, *span_tokens], named, date)
                if country:
                    return country, span_tokens[-1].i + 1
    return None, head.i + 1


def _left_modifiers(head: Token, stop: int) -> list[Token]:
    """Contiguous tokens left of ``stop`` inside ``head``'s noun phrase (determiners excluded)."""
    subtree = {t.i for t in head.subtree}
    tokens: list[Token] = []
    i = stop - 1
    doc = head.doc
    while i >= 0 and i in subtree and doc[i].dep_ not in ("punct", "relcl", "acl"):
        tokens.append(doc[i])
        i -= 1
    tokens.reverse()
    while tokens and tokens[0].dep_ == "det":
        tokens = tokens[1:]
    return tokens


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
                tokens = list(child.subtree)
                found = _read_role(tokens, doc, named, date)
                if found.title is not None and role.title is None:
                    role.title, role.sector, role.former = found.title, found.sector, found.former
                    used.update(t.i for t in tokens)
                role.country = role.country or found.country
        country, _ = _of_country(head, named, date)
        role.country = role.country or country
        if role.title is not None:
            mention.title = role.title.words
            mention.sector = role.sector
            mention.former = role.former
        mention.country = role.country
    return used


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
    found: list[Mention] = []
    for head in doc:
        if head.i in named or head.i in used or head.pos_ not in ("NOUN", "PROPN"):
            continue
        # Only the head of its phrase: "leader" in "Syrian leader Bashar al-Assad" is not.
        if head.dep_ in ("compound", "amod") or head.head.i in named and head.dep_ != "appos":
            continue
        titled = _title_ending_at(doc, head)
        agent = kb.agent(head.lower_) if titled is None else None
        if titled is None and agent is None:
            continue
        title_start = titled[0] if titled else head.i
        modifiers = _left_modifiers(head, title_start)
        role = _read_role([*modifiers, *doc[title_start : head.i + 1]], doc, named, date)
        country_after, end = _of_country(head, named, date)
        country = role.country or country_after
        sector = _combined_sector(role, agent, _sector_of_tokens(modifiers, named))
        start = _phrase_start(head, title_start)
        if head.lower_ in ("president", "leader") and not _is_definite(head, start) and not country:
            continue  # "a leader", "leaders" with no country: nobody in particular
        plural = head.tag_ in PLURAL_TAGS
        definite = _is_definite(head, start)
        if titled is not None and not plural and definite:
            label = "DESCRIPTION"
        elif (
            country_after or _country_from_place_words(modifiers, named)
        ) or sector in COUNTRYLESS_GROUP_SECTORS:
            label = "GROUP"
        else:
            continue
        span = doc[start:end] if country_after else doc[start : head.i + 1]
        mention = _span_mention(span, label)
        mention.title = titled[1].words if titled else None
        mention.country = country
        mention.sector = sector
        mention.former = role.former
        found.append(mention)
    return _drop_nested(found)


def _country_from_place_words(tokens: list[Token], named: dict[int, Mention]) -> bool:
    """Is the group's country named by a country or nationality word (not "Kremlin's")?"""
    kb = load_kb()
    for token in tokens:
        mention = named.get(token.i)
        if kb.country(mention.text if mention is not None else token.text) is not None:
            return True
    return False


def _combined_sector(role: Role, head_agent: str | None, modifier_agent: str | None) -> str | None:
    """A modifier's sector specialises the head's ("military leaders", "opposition forces",
    "rebel commanders"), except that "government troops" stay military."""
    head_sector = role.sector if role.title is not None else head_agent
    if role.former and role.title is not None:
        return "ELI"
    if modifier_agent and modifier_agent != "GOV":
        return modifier_agent
    return head_sector or modifier_agent


def _span_mention(span: Span, label: str) -> Mention:
    return Mention(
        start=span.start,
        end=span.end,
        label=label,
        text=span.text,
        start_char=span.start_char,
        end_char=span.end_char,
        source="description",
    )


def _drop_nested(found: list[Mention]) -> list[Mention]:
    """Keep the outermost of overlapping phrases ("the Russian military" in a longer one)."""
    kept: list[Mention] = []
    for mention in sorted(found, key=lambda m: (-m.length, m.start)):
        if not any(mention.overlaps(other) for other in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)
