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

import numpy
from spacy.attrs import DEP, HEAD, IDX, LEMMA, LOWER, ORTH, SENT_START
from spacy.tokens import Doc, Span

from dateline.nlp.doctext import doc_text, token_pos, token_strings
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


class _Tree:
    """One parsed document as plain lists, read once: the features walk the same sentence's
    tokens and tree for every target in it, and spaCy builds a new ``Token`` object (and, for
    ``.sent``, scans for the sentence's edges) on every access.

    The walks keep spaCy's orders (children and ``ancestors`` nearest first, ``subtree`` as
    ``Token.subtree`` yields it), so every sum adds the same numbers in the same order.
    """

    def __init__(self, doc: Doc) -> None:
        size = len(doc)
        self.size = size
        # Whole columns at once (``Doc.to_array``), the index arithmetic done by numpy.
        columns = doc.to_array([HEAD, SENT_START, IDX]).astype("int64").reshape(size, 3)
        heads = (numpy.arange(size, dtype="int64") + columns[:, 0]).tolist()
        deps, lemmas, lowers, texts = (
            token_strings(doc, attr) for attr in (DEP, LEMMA, LOWER, ORTH)
        )
        self.heads: list[int] = heads
        self.starts: list[int] = columns[:, 2].tolist()  # character offset of each token
        self.deps, self.lemmas, self.lowers, self.texts = deps, lemmas, lowers, texts
        self.pos = token_pos(doc)  # shared: read only
        self.lemma_lowers = list(map(str.lower, lemmas))
        self.children: list[list[int]] = [[] for _ in range(size)]
        children = self.children
        for i, head in enumerate(heads):
            if head != i:
                children[head].append(i)  # in token order, as Token.children
        # The sentence of each token: [start, end) token indices, as Span.sent finds them
        # (a sentence starts at the first token and at each token whose SENT_START is 1).
        if size and not doc.has_annotation("SENT_START"):
            next(iter(doc.sents))  # raises spaCy's own error, as Span.sent would
        opens = columns[:, 1] == 1
        if size:
            opens[0] = True
        firsts = numpy.flatnonzero(opens)
        sentence = numpy.cumsum(opens) - 1  # each token's sentence number
        self.sentence_start: list[int] = firsts[sentence].tolist()
        self.sentence_end: list[int] = numpy.append(firsts[1:], size)[sentence].tolist()

    def ancestors(self, i: int) -> list[int]:
        """``Token.ancestors``: the head, its head, ..., up to the root."""
        found: list[int] = []
        heads = self.heads
        while heads[i] != i and len(found) < self.size:
            i = heads[i]
            found.append(i)
        return found

    def subtree(self, i: int) -> list[int]:
        """``Token.subtree``: the left children's subtrees, the token, the right children's."""
        out: list[int] = []
        self._subtree_into(i, out)
        return out

    def _subtree_into(self, i: int, out: list[int]) -> None:
        children = self.children[i]
        for child in children:
            if child < i:
                self._subtree_into(child, out)
        out.append(i)
        for child in children:
            if child > i:
                self._subtree_into(child, out)

    def sentence(self, start: int) -> tuple[int, int]:
        """``Span.sent`` of a span beginning at token ``start``: the sentence of its first token
        (spaCy's choice for a span across sentences)."""
        return self.sentence_start[start], self.sentence_end[start]


def _signed_valence(tree: _Tree, i: int, sentence_start: int) -> float:
    """VADER valence / 4, reversed and damped when a negator precedes it or negates its head."""
    value = valence(tree.texts[i], tree.lemmas[i]) / 4.0
    if not value:
        return 0.0
    start = max(sentence_start, i - NEGATION_WINDOW)
    lowers, deps = tree.lowers, tree.deps
    negated = any(lowers[j] in negators() for j in range(start, i))
    negated = negated or any(deps[child] == "neg" for child in tree.children[i])
    if deps[i] in ("amod", "advmod", "acomp", "dobj", "attr"):
        negated = negated or any(deps[child] == "neg" for child in tree.children[tree.heads[i]])
    return value * NEGATION_SCALAR if negated else value


# Every target of a sentence asks for the same signed valences and many of the same tree
# distances: they are kept for the doc in hand (the last one only, so no parse outlives its
# article's tone by more than one call).
_memo_doc: Doc | None = None
_memo_tree: _Tree | None = None
_memo_valences: dict[tuple[int, int], dict[int, float]] = {}
_memo_content: dict[tuple[int, int], list[tuple[int, str]]] = {}
_memo_distances: dict[int, dict[int, int]] = {}
_memo_contrast: dict[tuple[int, int], bool] = {}


def tree_of(doc: Doc) -> _Tree:
    """The lists of ``doc`` (kept for the last document asked for)."""
    global _memo_doc, _memo_tree
    if doc is not _memo_doc or _memo_tree is None:
        _memo_doc = doc
        _memo_tree = _Tree(doc)
        _memo_valences.clear()
        _memo_content.clear()
        _memo_distances.clear()
        _memo_contrast.clear()
    return _memo_tree


def _sentence_valences(tree: _Tree, start: int, end: int) -> dict[int, float]:
    """Token index -> signed valence, for the tokens of the sentence that carry one (in token
    order). A word without valence adds nothing to any score, so it is left out: each target
    of the sentence then walks its few sentiment words instead of every word."""
    key = (start, end)
    values = _memo_valences.get(key)
    if values is None:
        values = {}
        for i in range(start, end):
            value = _signed_valence(tree, i, start)
            if value:
                values[i] = value
        _memo_valences[key] = values
    return values


def _content_words(tree: _Tree, start: int, end: int) -> list[tuple[int, str]]:
    """(token index, lowercase lemma) of the sentence's content words, in token order."""
    key = (start, end)
    words = _memo_content.get(key)
    if words is None:
        pos, lemma_lowers = tree.pos, tree.lemma_lowers
        words = [(t, lemma_lowers[t]) for t in range(start, end) if pos[t] in CONTENT_POS]
        _memo_content[key] = words
    return words


def _distance(tree: _Tree, a: int, b: int) -> int:
    """``_path_distance`` from ``a`` to ``b``, read from one walk of the tree out of ``b``
    (remembered for the doc in hand): every target asks for the distance of most words of its
    sentence to its root, and one walk answers them all."""
    reach = _memo_distances.get(b)
    if reach is None:
        reach = _memo_distances[b] = _tree_distances(tree, b)
    distance = reach.get(a)
    # Outside the walk: another tree than ``b``'s (a doc whose sentence was not one tree).
    return distance if distance is not None else _path_distance(tree, a, b)


def _tree_distances(tree: _Tree, start: int) -> dict[int, int]:
    """Number of edges from ``start`` to every token of its tree (breadth first along heads and
    children): in a tree the only path between two tokens runs through their lowest common
    ancestor, so this is ``_path_distance`` for each of them."""
    found = {start: 0}
    frontier = [start]
    heads, children = tree.heads, tree.children
    depth = 0
    while frontier:
        depth += 1
        following: list[int] = []
        for token in frontier:
            head = heads[token]
            if head not in found:
                found[head] = depth
                following.append(head)
            for child in children[token]:
                if child not in found:
                    found[child] = depth
                    following.append(child)
        frontier = following
    return found


def _path_distance(tree: _Tree, a: int, b: int) -> int:
    """Number of edges between two tokens of one sentence's tree."""
    up_a = {a: 0}
    for depth, ancestor in enumerate(tree.ancestors(a), start=1):
        up_a[ancestor] = depth
    if b in up_a:
        return up_a[b]
    ancestors_b = tree.ancestors(b)
    for depth, ancestor in enumerate(ancestors_b, start=1):
        if ancestor in up_a:
            return depth + up_a[ancestor]
    return len(up_a) + 1 + len(ancestors_b)


def _clause_head(tree: _Tree, i: int) -> int:
    """The nearest verb (or the root) at or above token ``i``."""
    for candidate in (i, *tree.ancestors(i)):
        if tree.pos[candidate] in ("VERB", "AUX") or tree.deps[candidate] == "ROOT":
            return candidate
    return i


def _clause_tokens(tree: _Tree, head: int, target: set[int]) -> list[int]:
    """The clause under ``head``, without the other clauses that do not contain the target."""
    out: list[int] = []
    todo = [head]
    # A child's subtree holds a target token exactly when the child is that token or one of its
    # ancestors: computed once, instead of walking every child's subtree (quadratic on a long
    # chain of coordinated words).
    holders = set(target) | {a for t in target if t < tree.size for a in tree.ancestors(t)}
    deps, children = tree.deps, tree.children
    while todo:
        token = todo.pop()
        out.append(token)
        for child in children[token]:
            if deps[child] in OTHER_CLAUSE and child not in holders:
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
    doc = target.doc
    tree = tree_of(doc)
    sentence_start, sentence_end = tree.sentence(target.start)
    inside = set(range(target.start, target.end))
    root = target.root.i
    values = {
        i: v
        for i, v in _sentence_valences(tree, sentence_start, sentence_end).items()
        if i not in inside
    }
    features: Features = {"bias": 1.0}
    deps, lemma_lowers = tree.deps, tree.lemma_lowers

    # Sentence prior and tree-distance-weighted sentiment.
    _add_scores(features, "sent", list(values.values()))
    weighted = [v / _distance(tree, i, root) for i, v in values.items() if v]
    _add_scores(features, "near", weighted)

    # Governors: the chain above the target, nearest first.
    governors = [t for t in tree.ancestors(root) if t not in inside]
    _add_scores(features, "gov", [values.get(t, 0.0) / rank for rank, t in enumerate(governors, 1)])
    if governors:
        first = governors[0]
        _add_scores(features, "gov1", [values.get(first, 0.0)])
    # Modifiers: the target's own subtree outside its words.
    modifiers = [t for t in tree.subtree(root) if t not in inside]
    _add_scores(features, "mod", [values.get(t, 0.0) for t in modifiers])
    # The target's own clause, other clauses left out.
    clause = _clause_head(tree, governors[0]) if governors else root
    own = [t for t in _clause_tokens(tree, clause, inside) if t not in inside]
    own_ids = set(own)
    _add_scores(features, "clause", [values.get(t, 0.0) for t in own])
    _add_scores(features, "other", [v for i, v in values.items() if i not in own_ids])

    # Role of the target and of the verb that governs it.
    role = deps[root]
    features[f"role={role}"] = 1.0
    verb = clause if clause not in inside else None
    if verb is not None:
        lemma = lemma_lowers[verb]
        features[f"verb={lemma}"] = 1.0
        features[f"verb={lemma}|role={role}"] = 1.0
        features[f"role={role}|verb_sign={_sign(values.get(verb, 0.0))}"] = 1.0
        if lemma in speech_verbs() and role in ("nsubj", "nsubjpass"):
            features["speaker"] = 1.0
        if role == "pobj" and tree.lowers[tree.heads[root]] == "by":
            features[f"agent_of={lemma}"] = 1.0
    if tree.pos[root] == "PRON":
        features["target_pronoun"] = 1.0
    # The sentence's words before the target (their text, whitespace included: no quote mark).
    before = doc_text(doc)[tree.starts[sentence_start] : tree.starts[target.start]]
    if sum(before.count(mark) for mark in QUOTE_MARKS) % 2 == 1:
        features["in_quote"] = 1.0
    if _has_contrast(tree, sentence_start, sentence_end):
        features["contrast"] = 1.0

    # The noun phrase the target sits in ("Ortega's honest leadership"): its head's other words.
    if role in NOUN_PHRASE_ROLES and governors:
        phrase = [t for t in tree.subtree(governors[0]) if t not in inside]
        _add_scores(features, "phrase", [values.get(t, 0.0) for t in phrase])
    for rank, governor in enumerate(governors[:GOVERNOR_WORDS], start=1):
        features[f"gov={lemma_lowers[governor]}"] = 1.0 / rank

    # Words near the target in the tree, in its clause, and the sentence's content words.
    for t, lemma in _content_words(tree, sentence_start, sentence_end):
        if t in inside:
            continue
        if SENTENCE_WORDS:
            features[f"w={lemma}"] = 1.0
        if CLAUSE_WORDS:
            features[f"{'c' if t in own_ids else 'o'}={lemma}"] = 1.0
        if t in own_ids or _distance(tree, t, root) <= 2:
            features[f"near={lemma}"] = 1.0
    return features


def _has_contrast(tree: _Tree, start: int, end: int) -> bool:
    key = (start, end)
    found = _memo_contrast.get(key)
    if found is None:
        markers = contrast_markers()
        found = _memo_contrast[key] = any(tree.lowers[i] in markers for i in range(start, end))
    return found
