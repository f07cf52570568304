"""Target-dependent features: what the parse says about the words around one target.

A sentence can praise one actor and condemn another ("Critics slammed Smith while praising
Jones"), so the classifier looks at sentiment words by where they sit relative to the target
in the dependency tree rather than at the sentence as a whole:

- the target's governors (the verbs and nouns above it: "slammed" above "Smith");
- its own modifiers (adjectives, appositions and relative clauses below it);
- the rest of its clause, leaving out other clauses (adverbial, conjoined, complement and
  relative clauses that do not contain it), so "while praising Jones" says nothing of Smith;
- the whole sentence, weighted by tree distance, and unweighted as a target-free prior.

Valences come from the VADER lexicon, reversed and damped after a negator ("did not praise").
Besides the scores, the target's role (subject, object, speaker of a speech verb, inside a
quotation) and the words near it in the tree are features, so a trained model (``model.py``)
learns, e.g., that the object of "accused" is portrayed negatively and its subject is not.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from dateline.tone.lexicon import (
    NEGATION_SCALAR,
    NEGATION_WINDOW,
    contrast_markers,
    negators,
    speech_verbs,
    valence,
)

# Dependents that open another clause: their words describe something else than the target.
OTHER_CLAUSE = frozenset({"advcl", "conj", "ccomp", "relcl", "parataxis", "csubj", "acl", "cc"})
CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "PROPN"})
QUOTE_MARKS = frozenset('"“”«»')
Features = dict[str, float]
# Roles that put the target inside a larger noun phrase.
NOUN_PHRASE_ROLES = frozenset({"poss", "compound", "nmod", "appos", "pobj"})
GOVERNOR_WORDS = 3
# Bags of words: the whole sentence's (off: target-blind, it cannot tell two targets apart) and
# the words of the target's own clause apart from the other clauses' (on).
SENTENCE_WORDS = False
CLAUSE_WORDS = True


def _signed_valence(token: Token, sentence: Span) -> float:
    """VADER valence / 4, reversed and damped when a negator precedes it or negates its head."""
    value = valence(token.text, token.lemma_) / 4.0
    if not value:
        return 0.0
    start = max(sentence.start, token.i - NEGATION_WINDOW)
    doc = token.doc
    negated = any(doc[i].lower_ in negators() for i in range(start, token.i))
    negated = negated or any(child.dep_ == "neg" for child in token.children)
    if token.dep_ in ("amod", "advmod", "acomp", "dobj", "attr"):
        negated = negated or any(child.dep_ == "neg" for child in token.head.children)
    return value * NEGATION_SCALAR if negated else value


# Every target of a sentence asks for the same signed valences and many of the same tree
# distances: they are kept for the doc in hand (the last one only, so no parse outlives its
# article's tone by more than one call).
_memo_doc: Doc | None = None
_memo_valences: dict[tuple[int, int], dict[int, float]] = {}
_memo_distances: dict[tuple[int, int], int] = {}


def _memo_for(doc: Doc) -> None:
    global _memo_doc
    if doc is not _memo_doc:
        _memo_doc = doc
        _memo_valences.clear()
        _memo_distances.clear()


def _sentence_valences(sentence: Span) -> dict[int, float]:
    """Token index -> signed valence, for every token of ``sentence`` (in token order)."""
    _memo_for(sentence.doc)
    key = (sentence.start, sentence.end)
    values = _memo_valences.get(key)
    if values is None:
        values = {t.i: _signed_valence(t, sentence) for t in sentence}
        _memo_valences[key] = values
    return values


def _distance(a: Token, b: Token) -> int:
    """``_path_distance``, remembered for the doc in hand."""
    _memo_for(a.doc)
    key = (a.i, b.i)
    distance = _memo_distances.get(key)
    if distance is None:
        distance = _memo_distances[key] = _path_distance(a, b)
    return distance


def _path_distance(a: Token, b: Token) -> int:
    """Number of edges between two tokens of one sentence's tree."""
    up_a = {a.i: 0}
    for depth, ancestor in enumerate(a.ancestors, start=1):
        up_a[ancestor.i] = depth
    if b.i in up_a:
        return up_a[b.i]
    for depth, ancestor in enumerate(b.ancestors, start=1):
        if ancestor.i in up_a:
            return depth + up_a[ancestor.i]
    return len(up_a) + 1 + sum(1 for _ in b.ancestors)


def _clause_head(token: Token) -> Token:
    """The nearest verb (or the root) at or above ``token``."""
    for candidate in (token, *token.ancestors):
        if candidate.pos_ in ("VERB", "AUX") or candidate.dep_ == "ROOT":
            return candidate
    return token


def _clause_tokens(head: Token, target: set[int]) -> list[Token]:
    """The clause under ``head``, without the other clauses that do not contain the target."""
    out: list[Token] = []
    todo = [head]
    # A child's subtree holds a target token exactly when the child is that token or one of its
    # ancestors: computed once, instead of walking every child's subtree (quadratic on a long
    # chain of coordinated words).
    doc = head.doc
    holders = set(target) | {a.i for t in target if t < len(doc) for a in doc[t].ancestors}
    while todo:
        token = todo.pop()
        out.append(token)
        for child in token.children:
            holds_target = child.i in holders
            if child.dep_ in OTHER_CLAUSE and not holds_target:
                continue
            todo.append(child)
    return out


def _add_scores(features: Features, prefix: str, values: list[float]) -> None:
    pos = sum(v for v in values if v > 0)
    neg = -sum(v for v in values if v < 0)
    if pos:
        features[f"{prefix}_pos"] = features.get(f"{prefix}_pos", 0.0) + pos
    if neg:
        features[f"{prefix}_neg"] = features.get(f"{prefix}_neg", 0.0) + neg


def _sign(value: float) -> str:
    return "pos" if value > 0 else "neg" if value < 0 else "zero"


def mention_features(mentions: list[Span]) -> Features:
    """The features of one target named several times in one sentence ("Smith ... his"):
    the mean of each mention's features, so a pronoun's clause counts as well as the name's."""
    if len(mentions) == 1:
        return target_features(mentions[0])
    total: Features = {}
    for mention in mentions:
        for name, value in target_features(mention).items():
            total[name] = total.get(name, 0.0) + value
    return {name: value / len(mentions) for name, value in total.items()}


def target_features(target: Span) -> Features:
    """The features of ``target`` (a span of one sentence) for the tone classifier."""
    sentence = target.sent
    inside = set(range(target.start, target.end))
    root = target.root
    values = {i: v for i, v in _sentence_valences(sentence).items() if i not in inside}
    features: Features = {"bias": 1.0}

    # Sentence prior and tree-distance-weighted sentiment.
    _add_scores(features, "sent", list(values.values()))
    weighted = [v / _distance(sentence.doc[i], root) for i, v in values.items() if v]
    _add_scores(features, "near", weighted)

    # Governors: the chain above the target, nearest first.
    governors = [t for t in root.ancestors if t.i not in inside]
    _add_scores(
        features, "gov", [values.get(t.i, 0.0) / rank for rank, t in enumerate(governors, 1)]
    )
    if governors:
        first = governors[0]
        _add_scores(features, "gov1", [values.get(first.i, 0.0)])
    # Modifiers: the target's own subtree outside its words.
    modifiers = [t for t in root.subtree if t.i not in inside]
    _add_scores(features, "mod", [values.get(t.i, 0.0) for t in modifiers])
    # The target's own clause, other clauses left out.
    clause = _clause_head(governors[0]) if governors else root
    own = [t for t in _clause_tokens(clause, inside) if t.i not in inside]
    own_ids = {t.i for t in own}
    _add_scores(features, "clause", [values.get(t.i, 0.0) for t in own])
    _add_scores(features, "other", [v for i, v in values.items() if i not in own_ids])

    # Role of the target and of the verb that governs it.
    role = root.dep_
    features[f"role={role}"] = 1.0
    verb = clause if clause.i not in inside else None
    if verb is not None:
        lemma = verb.lemma_.lower()
        features[f"verb={lemma}"] = 1.0
        features[f"verb={lemma}|role={role}"] = 1.0
        features[f"role={role}|verb_sign={_sign(values.get(verb.i, 0.0))}"] = 1.0
        if lemma in speech_verbs() and role in ("nsubj", "nsubjpass"):
            features["speaker"] = 1.0
        if role == "pobj" and root.head.lower_ == "by":
            features[f"agent_of={lemma}"] = 1.0
    if root.pos_ == "PRON":
        features["target_pronoun"] = 1.0
    before = sentence.doc[sentence.start : target.start].text
    if sum(before.count(mark) for mark in QUOTE_MARKS) % 2 == 1:
        features["in_quote"] = 1.0
    if any(t.lower_ in contrast_markers() for t in sentence):
        features["contrast"] = 1.0

    # The noun phrase the target sits in ("Ortega's honest leadership"): its head's other words.
    if role in NOUN_PHRASE_ROLES and governors:
        phrase = [t for t in governors[0].subtree if t.i not in inside]
        _add_scores(features, "phrase", [values.get(t.i, 0.0) for t in phrase])
    for rank, governor in enumerate(governors[:GOVERNOR_WORDS], start=1):
        features[f"gov={governor.lemma_.lower()}"] = 1.0 / rank

    # Words near the target in the tree, in its clause, and the sentence's content words.
    for t in sentence:
        if t.i in inside or t.pos_ not in CONTENT_POS:
            continue
        lemma = t.lemma_.lower()
        if SENTENCE_WORDS:
            features[f"w={lemma}"] = 1.0
        if CLAUSE_WORDS:
            features[f"{'c' if t.i in own_ids else 'o'}={lemma}"] = 1.0
        if t.i in own_ids or _distance(t, root) <= 2:
            features[f"near={lemma}"] = 1.0
    return features
