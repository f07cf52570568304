"""Subject pronouns (he, she, they) and possessive pronouns (his, her, its, their) as mentions
of the actor they clearly refer to.

The quotes stage resolves "he said" through these mentions, so a pronoun is only attached when
one antecedent is clear: the only candidate in the pronoun's sentence before it, else the
only candidate (or the only subject) of the nearest earlier sentence that names a candidate,
up to three sentences back. A pronoun inside a phrase that opens its sentence, with nobody
named before it there, stands for the clause's named subject after the phrase ("During his
visit, President X ...").
He/she need a person whose gender does not clash: from an honorific, else (second pass) from
the pronouns of one gender the first pass linked to that person; they, a group or an
organisation.
Object pronouns (him, her, them) are read the same way, except that one never stands for the
doer of its own clause ("Reyes thanked him" is not Reyes thanking Reyes); a clause without tense
and subject has the governing clause's doer ("Reyes met Cole, praising him": Reyes praises),
and the accusative subject of an infinitive ("helped her find a flat") is read as an object.
"He" and "she" never stand for a name that only modifies a noun ("the Hale campaign"), and a
name in apposition to an earlier sentence's subject is that subject. A pronoun already
linked counts as a telling of its party: the subject of the previous sentence may be "he" or
"it" continuing a name told further back ("Acme sued ... It said ... It added ...").
"""

from __future__ import annotations

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from dateline.entities.coref import Cluster
from dateline.entities.lexicon import lexicon
from dateline.entities.mentions import Mention
from dateline.nlp.doctext import sentence_numbers, token_strings

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# Possessive pronouns before a noun ("its investigation", "his visit"), with the kind of
# antecedent they take: an event told by a noun names its actor this way.
POSSESSIVES = {"his": "male", "her": "female", "their": "plural", "its": "thing"}
# Object pronouns that stand for a party acted on ("the minister thanked them"); "it" is left
# out, as an object it is mostly a thing (a plan, a bill, a claim).
OBJECTS = {"him": "male", "her": "female", "them": "plural"}
OBJECT_DEPS = {"dobj", "dative", "pobj"}
PRONOUN_LOOKBACK = 3  # sentences


def resolve_pronouns(doc: Doc, clusters: list[Cluster]) -> None:
    """Add each subject or possessive pronoun to the cluster of its clear antecedent, if there
    is one.

    Two passes: the first links the pronouns whose antecedent is clear by name and honorific
    alone; a person the article then calls only "he" (or only "she") has that gender, and the
    second pass retries the pronouns left over with it ("Trump ... Harris ... he lashes out at
    her": Harris is "she" everywhere else, so "he" is Trump)."""
    sentence_of = dict(enumerate(sentence_numbers(doc)))
    # Only these words can be one (``_pronoun_kind``): the others need no ``Token``.
    words = lexicon().subject_pronouns.keys() | POSSESSIVES.keys() | OBJECTS.keys() | {"it"}
    pending = [
        token
        for token in (doc[i] for i, lower in enumerate(token_strings(doc, LOWER)) if lower in words)
        if _pronoun_kind(token) is not None
    ]
    left = _resolve(doc, pending, clusters, sentence_of, {})
    learned = _pronoun_genders(doc, clusters)
    if left and learned:
        _resolve(doc, left, clusters, sentence_of, learned)


def _pronoun_kind(token: Token) -> str | None:
    """ "male", "female", "plural" or "thing" for a subject or possessive pronoun, else None."""
    kind = lexicon().subject_pronouns.get(token.lower_)
    if kind is None or token.dep_ not in SUBJECT_DEPS:
        kind = POSSESSIVES.get(token.lower_) if token.tag_ == "PRP$" else None
    if kind is None and _is_object(token):
        kind = OBJECTS[token.lower_]
    if kind is None and _acting_it(token):
        kind = "it"
    return kind


def _is_object(token: Token) -> bool:
    """An object pronoun of a verb or a preposition ("thanked him", "talks with them"), or the
    accusative subject of a clause without tense ("helped her find a flat", "let them go",
    "called for him to resign"): the one acted on by the verb that governs that clause."""
    if not _is_accusative(token):
        return False
    return token.dep_ in OBJECT_DEPS or _accusative_subject(token)


# Prepositions of place: a pronoun after them may be its own clause's subject ("she put the
# case behind her", "he looked around him"), unlike a verb's object.
LOCATIVE_PREPS = {
    "behind", "around", "beside", "near", "beneath", "under", "above", "over", "toward",
    "towards", "along", "across",
}  # fmt: skip
# Tags of a verb without tense: a bare or "to" infinitive, a participle or gerund.
NONFINITE_TAGS = {"VB", "VBG", "VBN"}
# Clauses a verb without tense heads inside the clause that governs it.
NONFINITE_DEPS = {"ccomp", "xcomp", "advcl", "pcomp", "conj"}


def _accusative_subject(token: Token) -> bool:
    """ "him", "them" or "her" as the subject of a clause without tense: "helped her secure"."""
    clause = token.head
    return (
        token.dep_ == "nsubj"
        and clause.tag_ in NONFINITE_TAGS
        and clause.dep_ in NONFINITE_DEPS
        and clause.head.i != clause.i
    )


def _own_subject(token: Token) -> Token | None:
    """Who does the act of the clause an object pronoun belongs to, which the pronoun never
    stands for: "Reyes thanked him" (Reyes), "Reyes spoke with him" (through the
    preposition), "Reyes met Cole and thanked her" (the shared subject). A clause without
    tense and subject has its doer in the clause governing it: "Reyes campaigned with Cole,
    praising him" (Reyes), "Reyes asked Cole to help him" (the one asked, Cole); the subject
    "him" of "Reyes helped him win" is acted on by the governing verb's subject."""
    verb = token.head
    if token.dep_ == "pobj" and verb.lower_ in LOCATIVE_PREPS:
        return None  # "put the case behind her": she may be the one who put it
    if token.dep_ == "pobj" and verb.dep_ in {"prep", "agent", "dative"}:
        verb = verb.head
    if token.dep_ in SUBJECT_DEPS:
        verb = _governing_verb(verb)
    for _ in range(4):
        subject = _clause_subject(verb)
        if subject is not None:
            return subject
        if verb.dep_ in {"xcomp", "advcl"} and any(c.tag_ == "TO" for c in verb.children):
            governing = verb.head
            asked = next((c for c in governing.children if c.dep_ in {"dobj", "dative"}), None)
            relied = [
                o
                for p in governing.children
                if p.dep_ == "prep" and p.lower_ in {"on", "upon"}
                for o in p.children
                if o.dep_ == "pobj"
            ]
            if relied:
                return relied[0]  # "counts on Cole to help him": Cole helps
            if asked is not None:
                # "asked Cole to help him": Cole helps; "needs voters to judge him" may be
                # either, and only a clear doer is left out.
                return asked if verb.dep_ == "xcomp" else None
        if verb.dep_ != "conj" and not (
            verb.dep_ in NONFINITE_DEPS and verb.tag_ in NONFINITE_TAGS
        ):
            return None
        verb = _governing_verb(verb)
    return None


def _governing_verb(clause: Token) -> Token:
    """The verb a clause hangs on, through a preposition ("for spying": the verb of "for")."""
    head = clause.head
    if clause.dep_ == "pcomp" and head.dep_ == "prep":
        head = head.head
    return head


def _clause_subject(verb: Token) -> Token | None:
    """A verb's own subject; an accusative one ("helped him raise money and praising him")
    belongs to a clause of its own and is no doer of a verb joined to it."""
    return next(
        (c for c in verb.children if c.dep_ in SUBJECT_DEPS and not _is_accusative(c)), None
    )


def _is_accusative(token: Token) -> bool:
    """A third-person object pronoun ("him", "her", "them"). Narrower on purpose than
    ``text.ACCUSATIVE_PRONOUNS`` (which the argument reader uses): "me" and "us" are the
    speaker's, never linked to an entity here, so only the pronouns this module resolves count
    (``OBJECTS``), both for the objects it links and the subjects it sets aside."""
    return token.lower_ in OBJECTS and token.tag_ == "PRP"


# Verbs whose subject "it" is mostly an empty one ("it is clear", "it seems", "it means a lot
# that ...", "it takes time").
EMPTY_IT_VERBS = {
    "be", "seem", "appear", "mean", "take", "remain", "look", "become", "happen", "matter",
    "sound", "feel", "make", "get", "go", "come", "turn", "rain", "emerge", "follow", "help",
    "cost", "work", "do", "have", "need", "begin", "start", "continue", "stand",
}  # fmt: skip
CLAUSE_DEPS = {"ccomp", "xcomp", "csubj", "advcl"}


def _acting_it(token: Token) -> bool:
    """ "It" as the subject of an act ("it filed a lawsuit", "It requested clarification"),
    not the empty subject of "it is clear that" or "it means a lot that"."""
    if token.lower_ != "it" or token.dep_ != "nsubj":
        return False
    verb = token.head
    return verb.pos_ == "VERB" and verb.lemma_.lower() not in EMPTY_IT_VERBS


def _pronoun_genders(doc: Doc, clusters: list[Cluster]) -> dict[int, str]:
    """Person clusters (by ``id``) the first pass linked to gendered pronouns of one gender only:
    what the article itself says of them. Both genders (a wrong link somewhere) say nothing."""
    learned: dict[int, str] = {}
    for cluster in clusters:
        if cluster.kind != "PERSON":
            continue
        kinds = {_pronoun_kind(doc[m.start]) for m in cluster.mentions if m.label == "PRONOUN"}
        seen = {kind for kind in kinds if kind in ("male", "female")}
        if len(seen) == 1:
            learned[id(cluster)] = seen.pop()
    return learned


def _resolve(
    doc: Doc,
    tokens: list[Token],
    clusters: list[Cluster],
    sentence_of: dict[int, int],
    learned: dict[int, str],
) -> list[Token]:
    """Link each pronoun of ``tokens`` to its clear antecedent; returns those left unlinked."""
    left: list[Token] = []
    # Each cluster's ``gender`` (read from all its mentions) is asked for once per pronoun:
    # it is kept here, and forgotten for a cluster whenever a mention is added to it.
    genders: dict[int, str | None] = {}

    def gender(cluster: Cluster) -> str | None:
        key = id(cluster)
        if key not in genders:
            genders[key] = cluster.gender
        return genders[key]

    def link(owner: Cluster, token: Token) -> None:
        owner.mentions.append(_pronoun_mention(token))
        genders.pop(id(owner), None)

    for token in tokens:
        kind = _pronoun_kind(token)
        if kind is None:
            continue
        wanted: tuple[str, ...] = ("GROUP", "ORG") if kind == "plural" else ("PERSON",)
        if kind in ("thing", "it"):
            # "its" stands for an organisation, a group or a country ("Jordan closed its
            # borders"), never a person.
            wanted = ("GROUP", "ORG", "LOCATION")
        if kind == "it":
            # "It" stands for many things no entity names (a bill, a plan, a storm): only the
            # subject it continues counts ("Acme said it would appeal", "Acme ... . It
            # appealed").
            owner = _continued_subject(doc, token, [c for c in clusters if c.kind in wanted])
            if owner is None:
                left.append(token)
            else:
                link(owner, token)
            continue
        they = kind == "plural"  # "they", "their"; not "its"
        if kind == "thing":
            kind = "plural"
        here = sentence_of[token.i]
        if kind == "plural" and _unnamed_plural_subject_before(doc, token.i, clusters):
            # "Both men claimed that they were treated well": they are the men, whom no
            # entity names; the nearest named group is not their antecedent.
            continue
        if they and not learned:
            joint = _coordinated_antecedents(doc, token, clusters, sentence_of)
            if joint:
                # "Reyes and Cole met the board. They said ...": both named parties.
                for owner in joint:
                    link(owner, token)
                continue
        candidates = [
            c
            for c in clusters
            if c.kind in wanted
            and (kind == "plural" or (gender(c) or learned.get(id(c))) in (None, kind))
        ]
        if _is_object(token):
            # An object pronoun is never its own clause's subject (that is "himself").
            subject = _own_subject(token)
            if subject is not None:
                candidates = [c for c in candidates if not _covers(c, subject.i)]
        target = _fronted_owner(doc, token, candidates) or _antecedent(
            doc, token.i, here, candidates, sentence_of, plural=they, personal=kind != "plural"
        )
        if target is None:
            left.append(token)
            continue
        link(target, token)
    return left


# Kinds of cluster a coordinated phrase joins for "they": people, bodies and states alike
# ("Reyes, the union and Acme").
PARTY_KINDS = {"PERSON", "GROUP", "ORG", "LOCATION"}


def _coordinated_antecedents(
    doc: Doc, pronoun: Token, clusters: list[Cluster], sentence_of: dict[int, int]
) -> list[Cluster]:
    """The named parties "they", "them" or "their" stands for when a coordinated phrase names
    them together: the subject of its own sentence before it ("Reyes and Cole said they would
    appeal"), else the subject of the nearest earlier sentence (up to three back) that names
    anyone ("Reyes and Cole met the board. They said ..."). A plural pronoun agrees in number
    with the phrase, not with either name alone; nothing is guessed when another party is
    named in its own sentence before it, outside the phrase. An object pronoun never stands
    for its own clause's subject ("Reyes and Cole thanked them"), so that subject is passed
    over ("Reyes and Cole signed. Diaz thanked them": Reyes and Cole)."""
    here = sentence_of[pronoun.i]
    own_subject = _own_subject(pronoun) if _is_object(pronoun) else None
    named = [
        (m, c)
        for c in clusters
        if c.kind in PARTY_KINDS
        for m in c.mentions
        if m.label != "PRONOUN"
    ]
    for back in range(PRONOUN_LOOKBACK + 1):
        index = here - back
        limit = pronoun.i if back == 0 else len(doc)
        told = [
            (m, c)
            for m, c in named
            if sentence_of.get(m.start) == index
            and m.start < limit
            and (own_subject is None or not _covers(c, own_subject.i))
        ]
        if not told:
            continue
        joint = _coordinated_subject(doc, told, limit)
        if joint is None:
            return []
        owners = joint
        if back == 0 and any(all(c is not o for o in owners) for _, c in told):
            return []  # "Reyes and Cole told the board they ...": who is unclear
        return owners
    return []


def _coordinated_subject(
    doc: Doc, told: list[tuple[Mention, Cluster]], limit: int
) -> list[Cluster] | None:
    """The one named subject of the sentence of ``told`` (before ``limit``), when it is made
    of two or more coordinated names of different parties: their clusters.
    None when the sentence has another named subject ("Reyes said Cole and Diaz met": who
    "they" are is unclear) or a conjunct no name covers ("Reyes and two aides")."""
    sentence = doc[told[0][0].start].sent
    subjects = [
        token
        for token in doc[sentence.start : min(limit, sentence.end)]
        if token.dep_ in SUBJECT_DEPS and any(m.start <= token.i < m.end for m, _ in told)
    ]
    if len(subjects) != 1:
        return None
    subject = subjects[0]
    members = [subject, *(c for c in subject.conjuncts if subject.i < c.i < limit)]
    owners: list[Cluster] = []
    for member in members:
        found = {id(c): c for m, c in told if m.start <= member.i < m.end}
        if len(found) != 1:
            return None
        owner = next(iter(found.values()))
        if all(owner is not o for o in owners):
            owners.append(owner)
    return owners if len(owners) >= 2 else None


def _pronoun_mention(token: Token) -> Mention:
    return Mention(
        start=token.i,
        end=token.i + 1,
        label="PRONOUN",
        text=token.text,
        start_char=token.idx,
        end_char=token.idx + len(token.text),
        source="pronoun",
    )


def _named_subject_of(verb: Token, candidates: list[Cluster]) -> Cluster | None:
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None:
        return None
    # A subject pronoun linked before continues its party ("It said ... It added").
    owners = [c for c in candidates if _covers(c, subject.i)]
    return owners[0] if len(owners) == 1 else None


def _continued_subject(doc: Doc, pronoun: Token, candidates: list[Cluster]) -> Cluster | None:
    """The organisation, group or country an acting "it" continues: the named subject of the
    clause governing its own ("Acme said it would appeal"), else, for the subject of a
    sentence's main verb, the named subject of the previous sentence's main verb."""
    clause = pronoun.head
    for _ in range(3):
        if clause.dep_ not in CLAUSE_DEPS | {"conj"} or clause.head.i == clause.i:
            break
        clause = clause.head
        owner = _named_subject_of(clause, candidates)
        if owner is not None:
            return owner
    sentence = pronoun.sent
    if pronoun.head.i != sentence.root.i or sentence.start == 0:
        return None
    if any(t.dep_ in SUBJECT_DEPS for t in doc[sentence.start : pronoun.i]):
        return None
    previous = doc[sentence.start - 1].sent
    if any(c.dep_ == "dobj" and not _is_named(c, candidates) for c in previous.root.children):
        return None  # "The Senate passed the bill. It bans ...": "it" may be the thing done
    return _named_subject_of(previous.root, candidates)


def _covers(cluster: Cluster, position: int) -> bool:
    return any(m.start <= position < m.end for m in cluster.mentions)


def _is_named(token: Token, candidates: list[Cluster]) -> bool:
    return any(_covers(c, token.i) for c in candidates)


# Dependents of a clause that open it with a phrase of their own, before its subject.
FRONTED_DEPS = {"prep", "advcl", "npadvmod"}


def _fronted_owner(doc: Doc, pronoun: Token, candidates: list[Cluster]) -> Cluster | None:
    """The subject named right after a fronted phrase that holds the pronoun: "During his
    visit to Rome, President Anna Moreau met ...", "After she landed, Ms Moreau said ...". The
    phrase opens the sentence and nobody is named before the pronoun, so the pronoun looks
    ahead to the clause's subject, not back to an earlier sentence."""
    sentence = pronoun.sent
    phrase = pronoun
    while phrase.head.i != phrase.i and phrase.head.i != sentence.root.i:
        phrase = phrase.head
    if phrase.head.i != sentence.root.i or phrase.dep_ not in FRONTED_DEPS:
        return None
    subject = next((c for c in sentence.root.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or subject.i < phrase.i:
        return None
    if any(t.dep_ not in {"cc", "punct"} for t in doc[sentence.start : phrase.left_edge.i]):
        return None  # the phrase does not open the sentence
    if any(t.dep_ in SUBJECT_DEPS and t.i < pronoun.i for t in doc[sentence.start : pronoun.i]):
        return None
    owners = {
        id(c): c
        for c in candidates
        for m in c.mentions
        if m.label != "PRONOUN"
        and (m.start < pronoun.i and m.start >= sentence.start or m.start <= subject.i < m.end)
    }
    if len(owners) != 1:
        return None
    owner = next(iter(owners.values()))
    named_subject = any(
        m.start <= subject.i < m.end for m in owner.mentions if m.label != "PRONOUN"
    )
    return owner if named_subject else None


def _unnamed_plural_subject_before(doc: Doc, position: int, clusters: list[Cluster]) -> bool:
    """Whether the pronoun's sentence opens, before it, with a plural common-noun subject that
    no entity mention covers; for an object pronoun, also such an object ("Police stopped
    two men and questioned them")."""
    sentence = doc[position].sent
    deps = SUBJECT_DEPS | (OBJECT_DEPS if _is_object(doc[position]) else set())
    covered = {i for c in clusters for m in c.mentions for i in range(m.start, m.end)}
    return any(
        t.dep_ in deps and t.tag_ == "NNS" and t.i not in covered
        for t in doc[sentence.start : position]
    )


def _modifies_a_thing(doc: Doc, mention: Mention) -> bool:
    """Whether the mention only modifies a singular common noun ("the INS decision", "a
    Kremlin statement"): it says whose the thing is, and "they" later in the sentence ("Since
    the INS decision was announced, they have said they will appeal") is not the thing's
    owner but someone named before. Before a plural ("F.B.I. officials said they") the body
    stands for the people it names, and stays a candidate."""
    return _compound_of(doc, mention, {"NN"})


def _names_a_thing(doc: Doc, mention: Mention) -> bool:
    """Whether a person's name only modifies a common noun ("the Trump campaign", "Obama
    backers"): the phrase is about the thing or the group, and "he" or "she" after it is a
    person told in a phrase of their own."""
    return _compound_of(doc, mention, {"NN", "NNS"})


def _compound_of(doc: Doc, mention: Mention, tags: set[str]) -> bool:
    """Whether the mention is only a compound modifier of a common noun after it, tagged one
    of ``tags``."""
    head = doc[mention.end - 1]
    modified = head.head
    return head.dep_ == "compound" and modified.tag_ in tags and modified.i >= mention.end


def _is_subject(token: Token) -> bool:
    """A subject, or a name in apposition to one ("The mayor of Dover, Tom Reed,
    said ...": the sentence is about Reed)."""
    return token.dep_ in SUBJECT_DEPS or (token.dep_ == "appos" and token.head.dep_ in SUBJECT_DEPS)


def _antecedent(
    doc: Doc,
    position: int,
    sentence: int,
    candidates: list[Cluster],
    sentence_of: dict[int, int],
    plural: bool = False,
    personal: bool = False,
) -> Cluster | None:
    def mentions_in(index: int, limit: int) -> list[tuple[Mention, Cluster]]:
        found = [
            (m, c)
            for c in candidates
            for m in c.mentions
            if sentence_of.get(m.start) == index and m.start < limit
        ]
        if personal:
            found = [(m, c) for m, c in found if not _names_a_thing(doc, m)]
        return found

    same = mentions_in(sentence, position)
    if plural:
        same = [(m, c) for m, c in same if not _modifies_a_thing(doc, m)]
    if same:
        # Two candidates before the pronoun in its own sentence ("Warren told Stumpf, after
        # he admitted ...") is not clear, whichever is the subject.
        distinct = {id(c) for _, c in same}
        return same[0][1] if len(distinct) == 1 else None
    # Else the nearest earlier sentence that names someone or tells them by a pronoun already
    # linked, up to three back (a quote of several sentences often separates "he said" from
    # the name); its subject, named or a pronoun, is the one the story continues.
    for back in range(1, PRONOUN_LOOKBACK + 1):
        previous = mentions_in(sentence - back, position)
        if not previous:
            continue
        if len({id(c) for _, c in previous}) == 1:
            return previous[0][1]
        subjects = [(m, c) for m, c in previous if _is_subject(doc[m.end - 1])]
        if len({id(c) for _, c in subjects}) == 1:
            return subjects[0][1]
        return None
    return None
