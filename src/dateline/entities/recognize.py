"""Named-entity recognition: spaCy's NER, corrected and extended by a gazetteer from the KB.

The small English model makes a few errors often enough to fix by rule: a city tagged as a
nationality ("Sochi" NORP), the possessive inside a name ("Vladimir Putin’s"), a title
swallowed into a person's name ("President Putin"), a determiner inside an organisation
("the Levada Center") and time zones as organisations ("GMT"); brands, companies, clubs and
products it calls people are relabelled (``entity_types``). People introduced by an
honorific or a capitalised title ("Mr Frolov", "President Macron") are found even when the
model misses them. The Doc's own ``ents`` are left untouched: other stages may read them.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token

from dateline.entities.entity_types import (
    corrected_label,
    organisation_words,
    product_label,
    words_mid_sentence,
)
from dateline.entities.kb import acronym_key, load_kb, normalize
from dateline.entities.lexicon import lexicon
from dateline.entities.mentions import Mention
from dateline.entities.names import (
    PersonName,
    abbreviation_of_no_one,
    compatible,
    is_honorific,
    parse_name,
)
from dateline.entities.places import is_city, named_country
from dateline.entities.tables import SPACY_LABELS, phrase_matcher
from dateline.nlp.doctext import doc_text, ent_rows, token_strings

POSSESSIVES = {"'s", "’s", "'", "’"}
# Lower-case words that may sit inside a name ("Bashar al-Assad", "Ludwig van Beethoven").
NAME_INNER_WORDS = {
    "al",
    "al-",
    "el",
    "bin",
    "ibn",
    "van",
    "von",
    "de",
    "da",
    "di",
    "du",
    "der",
    "la",
}
# Words that make a name into an adjective after a hyphen ("Obama-era", "Saudi-led"): the name
# ends before the hyphen ("Jae-in" of "Moon Jae-in" goes on).
COMPOUND_SUFFIXES = frozenset(
    {
        "era",
        "style",
        "led",
        "backed",
        "based",
        "linked",
        "like",
        "type",
        "born",
        "owned",
        "run",
        "funded",
        "allied",
        "aligned",
        "appointed",
        "controlled",
        "held",
    }
)
# Spans a rule found get precedence over spaCy's on equal length.
SOURCE_RANK = {"honorific": 0, "title": 0, "gazetteer": 1, "ner": 2, "surname": 3}


def _mention(doc: Doc, start: int, end: int, label: str, source: str) -> Mention:
    return Mention.of_span(doc[start:end], label, source)


@lru_cache(maxsize=1)
def _titles_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The title word sequences grouped by their first word, longest first as in the lexicon
    (called for every capitalised token: a scan of every title was a hot spot)."""
    groups: dict[str, list[tuple[str, ...]]] = {}
    for words in lexicon().title_word_sequences:
        groups.setdefault(words[0], []).append(words)
    return {first: tuple(sequences) for first, sequences in groups.items()}


def _title_length_at(doc: Doc, i: int, end: int) -> int:
    """Length in tokens of the longest title ("Prime Minister") starting at token ``i``."""
    if i >= end:
        return 0
    for words in _titles_by_first_word().get(doc[i].lower_, ()):
        n = len(words)
        if i + n <= end and all(doc[i + k].lower_ == words[k] for k in range(n)):
            return n
    return 0


def _is_name_token(token: Token) -> bool:
    if token.lower_ in NAME_INNER_WORDS:
        return True
    # A capitalised verb ends the name: "MR PUTIN LEFT".
    return token.text[:1].isupper() and token.is_alpha and token.pos_ not in ("VERB", "AUX")


def _trim(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """Drop leading determiners, trailing possessives and punctuation; for people, also
    leading titles and nationality words ("Turkish President")."""
    # A leading possessive is the end of the word before: "the group’s Haqqani network".
    while start < end and (
        doc[start].lower_ in ("the", "a", "an") or doc[start].text in POSSESSIVES
    ):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVES or doc[end - 1].is_punct):
        end -= 1
    if label == "PERSON":
        while start < end - 1:
            token = doc[start]
            if is_honorific(token.text):
                break
            n = _title_length_at(doc, start, end - 1)
            if n:
                start += n
            elif named_country(token.text) is not None or token.lower_ in lexicon().former:
                start += 1
            else:
                break
    return start, end


def _from_spacy(doc: Doc) -> list[Mention]:
    kb = load_kb()
    time_zones = lexicon().time_zones
    found = []
    for ent in ent_rows(doc):
        label = SPACY_LABELS.get(ent.label)
        if label is None:
            continue
        start, end = _trim(doc, ent.start, ent.end, label)
        if start >= end:
            continue
        if label == "PERSON":
            end = _rest_of_hyphenated_name(doc, end)
        text = doc[start:end].text
        # A name has a capital letter: "n’t" tagged as a place is a tokenizer artefact.
        if text in time_zones or not any(c.isupper() for c in text):
            continue
        if label == "PERSON" and not any(t.text[:1].isupper() for t in doc[start:end]):
            continue
        if label == "PERSON" and _title_length_at(doc, start, end) == end - start:
            continue  # a title alone names nobody: "State Councilor and Foreign Minister X"
        if label == "PERSON" and end - start == 1 and kb.country(text) is not None:
            label = "NORP"  # "Syrian" misread as a name
        found.append(_mention(doc, start, end, label, "ner"))
    return found


def _rest_of_hyphenated_name(doc: Doc, end: int) -> int:
    """ "Moon Jae-in", "Kim Jong-un": the model stops at the hyphen; the name goes on."""
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
        and doc[end + 1].lower_ not in COMPOUND_SUFFIXES
    ):
        end += 2
    return end


def _from_gazetteer(doc: Doc) -> list[Mention]:
    found = []
    for label, start, end in phrase_matcher(load_kb())(doc):
        if not (doc[start].text[:1].isupper() or doc[start].lower_ in ("the", "al")):
            continue  # a name's words in lower case are ordinary words
        if not doc[end - 1].text[:1].isupper():
            continue
        if label != "PERSON" and _ends_in_title(doc, end):
            continue  # dictionary noise: "German Chancellor" listed as an organisation
        start, end = _trim(doc, start, end, label)
        if start < end:
            found.append(_mention(doc, start, end, label, "gazetteer"))
    return found


def _name_after(doc: Doc, i: int) -> int:
    """End of the run of name tokens starting at ``i`` (``i`` when there is none)."""
    j = i
    while j < len(doc) and j - i < 6:
        token = doc[j]
        if _is_name_token(token) and token.pos_ != "PUNCT":
            j += 1
        elif _joins_hyphenated_name(doc, j) and j > i:
            j += 2  # "Okonkwo-Ade", "Zia-Ul-Haq"
        else:
            break
    # A name does not end in a particle.
    while j > i and doc[j - 1].lower_ in NAME_INNER_WORDS:
        j -= 1
    return j


def _joins_hyphenated_name(doc: Doc, j: int) -> bool:
    """Is token ``j`` a hyphen written inside a name, between two capitalised parts?"""
    return (
        doc[j].text == "-"
        and j + 1 < len(doc)
        and not doc[j - 1].whitespace_
        and not doc[j].whitespace_
        and doc[j + 1].text[:1].isupper()
    )


def _from_honorifics_and_titles(doc: Doc) -> list[Mention]:
    """ "Mr Frolov" and "Dr. Jane Ong" (span includes the honorific); "President Macron" and
    "Foreign Minister Sergei Lavrov" (span is the name only)."""
    kb = load_kb()
    found = []
    # Only a capitalised word opens one: the others are passed over without a ``Token``.
    for i, word in enumerate(token_strings(doc, ORTH)):
        if not word[:1].isupper():
            continue
        token = doc[i]
        if is_honorific(token.text):
            end = _name_after(doc, token.i + 1)
            if end > token.i + 1 and kb.country(doc[token.i + 1 : end].text) is None:
                found.append(_mention(doc, token.i, end, "PERSON", "honorific"))
            continue
        n = _title_length_at(doc, token.i, len(doc))
        if not n:
            continue
        first = token.i + n
        end = _name_after(doc, first)
        if end > first and all(t.pos_ == "PROPN" for t in doc[first:end]):
            name = doc[first:end].text
            if kb.country(name) is None and kb.organisation(name) is None:
                found.append(_mention(doc, first, end, "PERSON", "title"))
    return found


def _select(candidates: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping candidates (rules before gazetteer before spaCy)."""
    ordered = sorted(candidates, key=lambda m: (-m.length, SOURCE_RANK.get(m.source, 9), m.start))
    taken: list[Mention] = []
    occupied: set[int] = set()
    for mention in ordered:
        tokens = set(range(mention.start, mention.end))
        if tokens & occupied:
            continue
        taken.append(mention)
        occupied |= tokens
    return sorted(taken, key=lambda m: m.start)


def _relabel(doc: Doc, mentions: list[Mention]) -> None:
    """Fix labels from context: cities tagged NORP, plural nationals, surnames tagged as
    organisations or places once the full name is known."""
    kb = load_kb()
    surnames = {
        normalize(doc[m.end - 1].text) for m in mentions if m.label == "PERSON" and m.length > 1
    }
    # Given names of the article's people: "Ivana" after "Ivana Trump" is the person, unless
    # the word is also a place ("Georgia", "Florence").
    given = {
        normalize(doc[m.start].text)
        for m in mentions
        if m.label == "PERSON" and m.length > 1 and not is_honorific(doc[m.start].text)
    }
    people = [parse_name(m.text) for m in mentions if m.label == "PERSON"]
    for mention in mentions:
        text = mention.text
        country = kb.country(text)
        if mention.label == "ORG" and country is None and _names_a_person(text, people):
            mention.label = "PERSON"  # "Osama bin Laden" listed as a group, "bin Laden" a person
            continue
        is_single_word = mention.label in ("ORG", "LOCATION", "NORP") and mention.length == 1
        if is_single_word and country is None and _surname_or_family(text, surnames):
            mention.label = "PERSON"  # "Skripal", "the Skripals" after "Yulia Skripal"
            continue
        if (
            mention.label in ("ORG", "PERSON")
            and mention.length == 1
            and text.isupper()
            and len(text) > 3
            and _is_known_place(text)
            and _before_dateline_mark(doc, mention)
        ):
            mention.label = "LOCATION"  # a dateline: "WASHINGTON (AP) -"
            continue
        if (
            is_single_word
            and normalize(text) in given
            and country is None
            and not is_city(text)
            and kb.country_by_capital(text) is None
        ):
            mention.label = "PERSON"
            continue
        if (
            (
                mention.label == "PERSON"
                and mention.length == 1
                and _after_place_preposition(doc, mention)
            )
            and normalize(text) not in surnames
            and (country or is_city(text))
        ):
            mention.label = "LOCATION"  # "gathered in Lyon"
            continue
        if mention.label == "LOCATION" and country is None and _organisation_acronym(text):
            mention.label = "ORG"  # "the F.B.I." read as a place
            continue
        if (
            mention.label == "NORP"
            and country is None
            and (kb.country_by_capital(text) or is_city(text))
        ):
            mention.label = "LOCATION"
        elif mention.label == "LOCATION" and _is_demonym(text):
            # "South Korean" may be listed as both; an adjective is a nationality, while
            # "US" in "US President" (a proper noun) stays the place.
            adjective = doc[mention.end - 1].pos_ == "ADJ"
            if adjective or not _is_country_name(text):
                mention.label = "NORP"
        if mention.label == "NORP" and _is_plural(doc[mention.start : mention.end]):
            mention.label = "GROUP"
    _one_label_per_name(mentions)


def _one_label_per_name(mentions: list[Mention]) -> None:
    """One name, one thing in an article: the model calls "Dropbox" a place in one sentence and
    an organisation in the next. A name labelled both ORG and LOCATION that the gazetteer does
    not know as a place is the organisation everywhere."""
    labels: dict[str, set[str]] = {}
    for mention in mentions:
        labels.setdefault(normalize(mention.text), set()).add(mention.label)
    mixed = {
        key
        for key, found in labels.items()
        if {"ORG", "LOCATION"} <= found and "PERSON" not in found
    }
    for mention in mentions:
        key = normalize(mention.text)
        if key in mixed and mention.label == "LOCATION" and not _is_known_place(mention.text):
            mention.label = "ORG"


def _surname_or_family(text: str, surnames: set[str]) -> bool:
    key = normalize(text)
    return key in surnames or (key.endswith("s") and key[:-1] in surnames)


def _before_dateline_mark(doc: Doc, mention: Mention) -> bool:
    after = doc[mention.end] if mention.end < len(doc) else None
    return after is not None and after.text in ("(", "—", "–", "-", ",", ":")


def _organisation_acronym(text: str) -> bool:
    """An acronym ("F.B.I.", "NATO") the knowledge base knows as an organisation and the
    gazetteer not as a place: the model labels dotted acronyms as places now and then."""
    if acronym_key(text) is None or _is_known_place(text):
        return False
    return any(actor.type == "ORG" for actor in load_kb().actors_named(text))


def _is_known_place(text: str) -> bool:
    kb = load_kb()
    return kb.country(text) is not None or kb.country_by_capital(text) is not None or is_city(text)


def _repeated_surnames(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Every other occurrence of the surname of a person named in full ("Volker" after "Kurt
    Volker"), which the model often leaves untagged or tags as something else. Found by a
    regular-expression search of the text per surname, not a loop over the tokens."""
    kb = load_kb()
    surnames = {
        doc[m.end - 1].text
        for m in mentions
        if m.label == "PERSON" and m.length > 1 and doc[m.end - 1].is_alpha
    }
    if not surnames:
        return []
    taken = {i for m in mentions for i in range(m.start, m.end)}
    text = doc_text(doc)
    found = []
    for surname in sorted(surnames):
        if len(surname) < 2 or not surname[0].isupper() or kb.country(surname) is not None:
            continue
        for start in _whole_word_at(text, surname):
            span = doc.char_span(start, start + len(surname))
            if span is None or len(span) != 1 or span.start in taken:
                continue
            if _inside_other_name(doc, span.start):
                continue
            taken.add(span.start)
            found.append(_mention(doc, span.start, span.end, "PERSON", "surname"))
    return found


def _is_word_char(char: str) -> bool:
    """What the regular expression ``\\w`` matches, and the hyphen."""
    return char.isalnum() or char in "_-"


def _whole_word_at(text: str, word: str) -> Iterator[int]:
    """Where ``word`` (letters only) occurs in ``text`` with no word character or hyphen
    either side: the matches of ``(?<![\\w-])word(?![\\w-])``, found by ``str.find`` because
    a pattern per surname was compiled anew for every article's people."""
    start = text.find(word)
    while start != -1:
        end = start + len(word)
        if (start == 0 or not _is_word_char(text[start - 1])) and (
            end == len(text) or not _is_word_char(text[end])
        ):
            yield start
        start = text.find(word, start + 1)


def _inside_other_name(doc: Doc, i: int) -> bool:
    """Is token ``i`` part of a longer capitalised name ("King Street", "Martin Luther King")?"""
    after = doc[i + 1] if i + 1 < len(doc) else None
    if after is not None and after.text[:1].isupper() and after.pos_ == "PROPN":
        return True
    before = doc[i - 1] if i > 0 else None
    return (
        before is not None
        and not doc[i].is_sent_start
        and before.text[:1].isupper()
        and before.pos_ == "PROPN"
        and not is_honorific(before.text)
    )


def _names_a_person(text: str, people: list[PersonName]) -> bool:
    name = parse_name(text)
    return any(p.text != name.text and compatible(name, p) for p in people)


def _after_place_preposition(doc: Doc, mention: Mention) -> bool:
    return mention.start > 0 and doc[mention.start - 1].lower_ in ("in", "near", "outside")


def _is_demonym(text: str) -> bool:
    country = load_kb().country(text)
    return country is not None and normalize(text) in {normalize(d) for d in country.demonyms}


def _is_country_name(text: str) -> bool:
    country = load_kb().country(text)
    names = (country.name, *country.aliases, country.iso3) if country is not None else ()
    return normalize(text) in {normalize(n) for n in names}


def _is_plural(span: Span) -> bool:
    last = span[-1]
    if last.tag_ in ("NNS", "NNPS"):
        return True
    text = span.text
    kb = load_kb()
    return text.endswith("s") and kb.country(text[:-1]) is not None and _is_demonym(text[:-1])


def recognize(doc: Doc) -> list[Mention]:
    """Named mentions in ``doc``, non-overlapping, in text order."""
    candidates = [*_from_spacy(doc), *_from_gazetteer(doc), *_from_honorifics_and_titles(doc)]
    # "500 BC", "a BA in history": capitals that name nobody, whatever label they were given.
    mentions = [
        m
        for m in _select(candidates)
        if not (m.length == 1 and abbreviation_of_no_one(doc[m.start]))
    ]
    # "Mr" before a person the model found without it belongs to the mention: "Mr Assad".
    taken = {i for m in mentions for i in range(m.start, m.end)}
    for index, mention in enumerate(mentions):
        if mention.label == "PERSON" and mention.start > 0:
            before = doc[mention.start - 1]
            if is_honorific(before.text) and before.text[:1].isupper() and before.i not in taken:
                mentions[index] = _mention(doc, before.i, mention.end, "PERSON", mention.source)
    mentions = [m for m in mentions if not _cut_title(doc, m)]
    mentions = sorted([*mentions, *_repeated_surnames(doc, mentions)], key=lambda m: m.start)
    _relabel(doc, mentions)
    mid_sentence: frozenset[str] | None = None
    for mention in mentions:
        if mention.label == "PERSON" and mention.length == 1 and mid_sentence is None:
            mid_sentence = words_mid_sentence(doc)  # once per document, and only if needed
        mention.label = (
            corrected_label(doc, mention, mentions, mid_sentence)
            or product_label(mention, mentions)
            or mention.label
        )
    return _whole_organisation_names(doc, mentions)


def _capital_run(doc: Doc, start: int, taken: set[int]) -> int:
    """End of the capitalised words from ``start`` ("Commerce and Industry"), joined by "and"
    or "&", none inside another mention; ``start`` if there are none. (No commas: ", President
    Obi said" after a name goes on to another one.)"""
    end = start
    i = start
    while i < len(doc) and i not in taken:
        token = doc[i]
        if token.text[:1].isupper() and token.is_alpha:
            end = i = i + 1
        elif token.lower_ in ("and", "&") and end == i:
            i += 1
        else:
            break
    return end


def _whole_organisation_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A body's name the small model cut short: "Ibadan Chamber" before "of Commerce", or
    "Kano Chamber of Commerce, Industry" before ", Mines and Agriculture" (its name's list of
    sectors read as a second organisation)."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    result: list[Mention] = []
    for mention in mentions:
        previous = result[-1] if result else None
        if (
            previous is not None
            and previous.label == "ORG"
            and mention.label == "ORG"
            and previous.end + 1 == mention.start
            and doc[previous.end].text == ","
            and any(t.lower_ == "of" for t in doc[previous.start : previous.end])
            and _capital_run(doc, mention.start, set()) >= mention.end
        ):
            result[-1] = _mention(doc, previous.start, mention.end, "ORG", previous.source)
            continue
        if (
            mention.label == "ORG"
            and doc[mention.end - 1].lower_ in organisation_words()
            and mention.end + 1 < len(doc)
            and doc[mention.end].lower_ == "of"
        ):
            end = _capital_run(doc, mention.end + 1, taken)
            if end > mention.end + 1:
                mention = _mention(doc, mention.start, end, "ORG", mention.source)
        if mention.label == "ORG" and mention.start > 0 and doc[mention.start - 1].text == ",":
            start = _organisation_start(doc, mention.start - 1, taken)
            if start < mention.start:
                mention = _mention(doc, start, mention.end, "ORG", mention.source)
        result.append(mention)
    return result


def _organisation_start(doc: Doc, comma: int, taken: set[int]) -> int:
    """Where the name ends by "Mines and Agriculture" after ``comma`` begins, when the words
    before it are a body's name the model missed ("Enugu Chamber of Commerce, Industry"): a
    capitalised run with an organisation word before "of". Past the comma if there is none."""
    i = comma
    while i > 0:
        before = doc[i - 1]
        capital = before.text[:1].isupper() and before.is_alpha
        if i - 1 in taken or not (capital or before.lower_ in ("of", "and", "&", ",")):
            break
        i -= 1
    while i < comma and (not doc[i].text[:1].isupper() or doc[i].lower_ == "the"):
        i += 1
    opens = any(
        doc[j].lower_ in organisation_words() and doc[j + 1].lower_ == "of" for j in range(i, comma)
    )
    return i if opens else comma + 1


def _ends_in_title(doc: Doc, end: int) -> bool:
    return any(_title_length_at(doc, i, end) == end - i for i in range(max(0, end - 3), end))


def _cut_title(doc: Doc, mention: Mention) -> bool:
    """An organisation that ends inside a title is a misread: "British Defence" of "British
    Defence Secretary Tom King"."""
    if mention.label not in ("ORG", "NORP", "LOCATION"):
        return False
    for i in range(mention.start, mention.end):
        n = _title_length_at(doc, i, len(doc))
        if n and i + n > mention.end:
            return True
    return False
