"""Definite descriptions of an organisation named earlier: "the bureau", "the agency", "the
federal department", "the company".

News style names an organisation once and then calls it by the kind of body it is: "The
Federal Bureau of Investigation ... The bureau said it was reviewing ...", "Acme Corp ... the
company's shares fell". Such a phrase joins the organisation's cluster when its head noun is the
head word of the organisation's name (or of the knowledge base's name and aliases for it, so "the
bureau" after "FBI"), a broader kind noun for that head ("the agency" for a bureau, a
department, a service or an administration; "the panel" for a committee: ``BROADER_KINDS``),
or the kind a company suffix or a business coding implies ("Corp", "Inc", "Ltd" → "company",
"firm"). Only the word that says what the body is counts: "the service" is not the "Public
Service Commission".

One wrong link would put an organisation into every event the phrase takes part in, so a
phrase is linked only when exactly one organisation of that kind is named in its paragraph or
the few before it (for a broader noun, or else exactly one earlier in its own sentence); with
two ("the Justice Department ... the State Department ... the department") it stays unlinked.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from dateline.entities.coref import Cluster
from dateline.entities.kb import load_kb
from dateline.entities.mentions import Mention
from dateline.nlp.doctext import line_paragraphs, token_strings

# Nouns that name the kind of an organisation; only these are read as descriptions.
KIND_NOUNS = frozenset(
    {
        "agency",
        "association",
        "authority",
        "bank",
        "board",
        "bureau",
        "commission",
        "committee",
        "company",
        "corporation",
        "council",
        "court",
        "department",
        "federation",
        "firm",
        "foundation",
        "group",
        "institute",
        "league",
        "ministry",
        "organisation",
        "organization",
        "panel",
        "party",
        "service",
        "union",
        "university",
    }
)
# Words ending a company's name that say it is a company ("Corp", "Inc", "Company").
COMPANY_SUFFIXES = frozenset(
    {
        "ag",
        "co",
        "corp",
        "corporation",
        "gmbh",
        "inc",
        "incorporated",
        "limited",
        "llc",
        "ltd",
        "nv",
        "plc",
        "sa",
        "holdings",
        "company",
    }
)
COMPANY_NOUNS = frozenset({"company", "firm"})
# Broader kind nouns a story also calls a body by: a bureau, a department, a service or an
# administration is "the agency" ("FBI Director James Comey said the agency ..."), a committee
# "the panel". The head of the name need not be a kind noun itself ("Drug Enforcement
# Administration"). Every body the broader noun fits is a rival: after "the State Department"
# and "the FBI", "the agency" stays unlinked.
BROADER_KINDS: dict[str, frozenset[str]] = {
    "administration": frozenset({"agency"}),
    "authority": frozenset({"agency"}),
    "board": frozenset({"panel"}),
    "bureau": frozenset({"agency"}),
    "commission": frozenset({"agency", "panel"}),
    "committee": frozenset({"panel"}),
    "department": frozenset({"agency"}),
    "service": frozenset({"agency"}),
    "subcommittee": frozenset({"panel"}),
}
BROADER_NOUNS = frozenset().union(*BROADER_KINDS.values())
# Kind nouns a name may end in the plural ("County Emergency Services"): read as the singular.
_SINGULAR_HEADS = KIND_NOUNS | BROADER_KINDS.keys()
# Prepositions that end the head part of a name ("Department of Justice").
NAME_PREPOSITIONS = frozenset({"of", "on", "for", "in", "at", "to", "against"})
# How many paragraph breaks back an organisation may be named and still be the one meant.
PARAGRAPHS_BACK = 3
# Mentions that are no name of the organisation.
UNNAMED = {"DESCRIPTION", "PRONOUN"}
# Modifiers a description may carry between "the" and its noun ("the federal agency").
MODIFIER_DEPS = {"amod", "compound", "advmod"}
# Dependents after the noun that make the phrase describe some other body: "the company that
# bought it", "the department of health", "the agency responsible for ...".
RESTRICTING_DEPS = {"relcl", "acl", "prep", "appos"}


def _name_words(text: str) -> list[str]:
    words = []
    for word in text.replace("-", " ").split():
        word = word.strip(".,'’()\"").lower()
        if word.endswith("'s") or word.endswith("’s"):
            word = word[:-2]
        if word:
            words.append(word)
    return words


def name_heads(text: str) -> set[str]:
    """The words of a name that say what kind of body it is: the last word before any
    preposition ("Bureau" of "Federal Bureau of Investigation", "Commission" of "Commission on
    Presidential Debates"), singular; "company" and "firm" for a company suffix ("Acme Corp").
    A modifier inside the name ("Service" in "Public Service Commission") is not its kind."""
    words = _name_words(text)
    kinds: set[str] = set()
    while words and words[-1] in COMPANY_SUFFIXES:
        kinds |= COMPANY_NOUNS
        if words[-1] in KIND_NOUNS:
            kinds.add(words[-1])
        words.pop()
    cut = next((i for i, w in enumerate(words) if w in NAME_PREPOSITIONS), len(words))
    if cut > 0:
        head = words[cut - 1]
        singular = head[:-1] if head.endswith("s") and head[:-1] in _SINGULAR_HEADS else head
        if singular in KIND_NOUNS:
            kinds.add(singular)
        kinds |= BROADER_KINDS.get(singular, frozenset())
    return kinds


def organisation_kinds(cluster: Cluster) -> set[str]:
    """The kind nouns that may stand for this organisation: the heads of its names (also the
    knowledge base's names for it: "bureau" for "FBI"), and "company"/"firm" for a business."""
    kb = load_kb()
    kinds: set[str] = set()
    for mention in cluster.mentions:
        if mention.label in UNNAMED:
            continue
        kinds |= name_heads(mention.text)
        actor = kb.organisation(mention.text)
        if actor is not None:
            for name in (actor.name, *actor.aliases):
                kinds |= name_heads(name)
    if cluster.coding.sector == "BUS":
        kinds |= COMPANY_NOUNS
    return kinds


def paragraph_numbers(doc: Doc) -> list[int]:
    """Each token's paragraph, counting the line breaks before it (shared per document: not to
    be changed)."""
    return line_paragraphs(doc)


def _free_descriptions(
    doc: Doc, taken: list[Mention], nouns: frozenset[str]
) -> Iterator[tuple[Token, int]]:
    """Each "the [modifiers] <noun>" of ``doc`` whose head no mention in ``taken`` covers, as
    its head and its first token (``_description_start``), in order. Heads are looked for in
    the document's column of lower-cased words rather than by a ``Token`` for every word."""
    covered = {i for m in taken for i in range(m.start, m.end)}
    for i, lower in enumerate(token_strings(doc, LOWER)):
        if lower not in nouns or i in covered:
            continue
        head = doc[i]
        start = _description_start(head, nouns)
        if start is not None:
            yield head, start


def _description_start(head: Token, nouns: frozenset[str]) -> int | None:
    """The first token of "the [modifiers] <head>", or None when the phrase is not that."""
    if head.tag_ != "NN" or head.dep_ == "compound" or head.lower_ not in nouns:
        return None
    if any(child.dep_ in RESTRICTING_DEPS and child.i > head.i for child in head.children):
        return None
    for i in range(head.i - 1, -1, -1):
        token = head.doc[i]
        if token.dep_ == "det" and token.head.i == head.i:
            return i if token.lower_ == "the" else None
        # Lowercase modifiers only: "the Justice Department" is a name, not a description.
        modifies = i < token.head.i <= head.i
        if token.dep_ not in MODIFIER_DEPS or not modifies or not token.is_lower:
            return None
    return None


def _named_before(cluster: Cluster, start: int, here: int, paragraph: list[int]) -> bool:
    """The cluster is named (not only described) before token ``start``, in paragraph ``here``
    or the PARAGRAPHS_BACK before it."""
    return any(
        m.label not in UNNAMED and m.end <= start and here - paragraph[m.start] <= PARAGRAPHS_BACK
        for m in cluster.mentions
    )


def _named_in_sentence(cluster: Cluster, sentence_start: int, start: int) -> bool:
    """The cluster is named between the sentence's first token and token ``start``."""
    return any(
        m.label not in UNNAMED and sentence_start <= m.start and m.end <= start
        for m in cluster.mentions
    )


def link_organisation_descriptions(
    doc: Doc, organisations: list[Cluster], taken: list[Mention], groups: list[Cluster]
) -> None:
    """Add each "the <kind noun>" that clearly means one organisation named before it to that
    organisation's cluster; a group phrase the description rules made of the same words
    ("the company" as a business group) is taken out of its group."""
    # Every named thing counts as a rival ("the Labour Department", mislabelled, still makes
    # "the department" unclear); only an organisation is linked to.
    candidates = organisations
    if not any(m.label == "ORG" for c in candidates for m in c.mentions):
        return
    kinds = {id(c): organisation_kinds(c) for c in candidates}
    if not any(kinds.values()):
        return
    paragraph = paragraph_numbers(doc)
    for head, start in _free_descriptions(doc, taken, KIND_NOUNS):
        noun = head.lower_
        fitting = [
            c
            for c in candidates
            if noun in kinds[id(c)] and _named_before(c, start, paragraph[head.i], paragraph)
        ]
        if len(fitting) > 1 and noun in BROADER_NOUNS:
            # A broader noun fits more bodies; the one named earlier in its own sentence is the
            # one meant ("FBI Director James Comey said the agency ..." after the State
            # Department). Not for a head noun: "the company" is often an unnamed firm.
            fitting = [c for c in fitting if _named_in_sentence(c, head.sent.start, start)]
        if len(fitting) != 1 or not any(m.label == "ORG" for m in fitting[0].mentions):
            continue
        description = Mention.of_span(doc[start : head.i + 1], "DESCRIPTION", "description")
        for group in groups:
            group.mentions = [
                m
                for m in group.mentions
                if not (description.start <= m.start and m.end <= description.end)
            ]
        fitting[0].mentions.append(description)


# Nouns by which a story calls a country it has named: "Zimbabwe ... aid to the country".
COUNTRY_NOUNS = frozenset({"country", "nation"})


def link_country_descriptions(doc: Doc, places: list[Cluster], taken: list[Mention]) -> None:
    """Add each "the country" (or "the nation") to the one country named in its paragraph or
    the few before it; with two countries named there ("talks between Chad and Sudan ... the
    country") it stays unlinked. A country is a place cluster the knowledge base named as one
    (``cluster_named`` gives a country's cluster its name; towns and regions have none)."""
    countries = [c for c in places if c.kind == "LOCATION" and c.name is not None]
    if not countries:
        return
    paragraph = paragraph_numbers(doc)
    for head, start in _free_descriptions(doc, taken, COUNTRY_NOUNS):
        if head.i - start > 1:
            continue  # "the African country" may be another one than the one named
        fitting = [c for c in countries if _named_before(c, start, paragraph[head.i], paragraph)]
        if len(fitting) != 1:
            continue
        span = doc[start : head.i + 1]
        fitting[0].mentions.append(Mention.of_span(span, "DESCRIPTION", "description"))
