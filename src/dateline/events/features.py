"""What the event classifier sees of one candidate event: a trigger token in its parsed sentence,
with the spans of its actor and recipient when known.

Two kinds of features, both read off the spaCy parse the pipeline has already computed:

- sparse, named indicator features: the trigger's lemma, part of speech and dependency; its head
  and its dependents (objects, particles, prepositions with their objects, auxiliaries, negation);
  the verb governing it ("threatened to impose") and the infinitive it governs ("agreed to
  withdraw"); how actor and recipient attach; the words on the dependency path between them; and
  the rule lexicon's CAMEO code and PLOVER type for the trigger and the path words (the features
  whose names start with ``rule`` -- a model can be trained with or without them);
- dense: the ``doc.tensor`` context vectors of the tok2vec layer (96 wide in en_core_web_sm) at
  the trigger, averaged over the sentence, the actor span and the recipient span;
- the n-gram view (``ngram_features``, a separate model stacked on this one): word 1-3-grams of
  the words around and between trigger and parties, the parties replaced by placeholders.

Everything is computed per candidate in a few dozen dictionary look-ups; no second parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from hashlib import blake2b

import numpy as np
from spacy.tokens import Doc, Span, Token

from dateline.events import lexicon

# Width of the en_core_web_sm tok2vec output; other models' tensors are used when they match.
TENSOR_WIDTH = 96
# Trigger, sentence, actor, recipient.
DENSE_BLOCKS = 4
DENSE_SIZE = TENSOR_WIDTH * DENSE_BLOCKS
RULE_PREFIX = "rule"
# Optional groups of sparse features, by name prefix: a model is trained with the groups its
# training chose (``dateline.events.training.choose_configuration``) and reads only those.
CHAIN_PREFIX = "chain_"
OPTIONAL_GROUPS: dict[str, tuple[str, ...]] = {"chain": (CHAIN_PREFIX,)}
# Features that describe the arguments, not the trigger: the codeable head does not use them.
ARGUMENT_PREFIXES = ("actor", "recipient", "path", f"{RULE_PREFIX}_path")
ARGUMENT_DENSE = slice(2 * TENSOR_WIDTH, 4 * TENSOR_WIDTH)
MODALS = {"will", "would", "could", "might", "may", "must", "should", "can", "ca", "shall", "wo"}
# Dependents worth naming with their lemma (function-word dependents are named by relation only).
CONTENT_DEPS = {"dobj", "nsubj", "nsubjpass", "attr", "oprd", "acomp", "xcomp", "ccomp", "agent"}
CLAUSE_DEPS = {"xcomp", "ccomp", "advcl", "conj"}
MAX_PATH = 8
# The n-gram view (``ngram_features``): words kept beyond the outermost of trigger and
# arguments, and the longest n-gram.
NGRAM_WINDOW = 3
NGRAM_MAX = 3
NGRAM_PREFIX = "ng:"
# Parts of speech of the sentence's words named in its bag of lemmas.
BAG_POS = {"NOUN", "VERB", "ADJ"}


@dataclass(frozen=True)
class Candidate:
    """One candidate event: the trigger token of a parsed sentence and its argument spans."""

    doc: Doc
    sentence: Span
    trigger: Token
    actor: Span | None = None
    recipient: Span | None = None
    cameo: str | None = None  # the rule's CAMEO code for the trigger, when already known


def _rule_code(token: Token) -> str | None:
    """The rules' CAMEO code for a token (verb or event noun), without running the stage."""
    from dateline.events.triggers import noun_trigger, verb_trigger

    if token.pos_ == "VERB":
        trigger = verb_trigger(token)
    elif token.pos_ in {"NOUN", "PROPN"}:
        trigger = noun_trigger(token)
    else:
        return None
    return trigger.cameo if trigger is not None else None


def _lexicon_type(token: Token) -> str | None:
    """The PLOVER type of a word's default lexicon entry (a cheap look-up: no patterns)."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        entries = lexicon.core_verbs().get(lemma, [])
        code = next((e.cameo for e in entries if not e.particle), "")
        code = code if code and code != "---" else lexicon.cameo_verbs().get(lemma, ("", ""))[1]
    elif token.pos_ == "NOUN":
        entries = lexicon.event_nouns().get(lemma, [])
        code = next((e.cameo for e in entries if not e.particle and not e.preposition), "")
    else:
        return None
    coding = lexicon.coding(code) if code else None
    return coding.type if coding is not None else None


def _verb_block(token: Token) -> str | None:
    """The PETRARCH verb block (a class of near-synonyms, e.g. ACCUSE) a verb belongs to."""
    if token.pos_ != "VERB":
        return None
    return lexicon.cameo_verbs().get(token.lemma_.lower(), ("", ""))[0] or None


def _ancestors_to(token: Token, limit: int = MAX_PATH) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) <= limit:
        chain.append(chain[-1].head)
    return chain


def _path_words(a: Token, b: Token) -> list[Token]:
    """Tokens strictly between ``a`` and ``b`` on their dependency path (empty if too long)."""
    up_a, up_b = _ancestors_to(a), _ancestors_to(b)
    index_b = {t.i: n for n, t in enumerate(up_b)}
    for n, token in enumerate(up_a):
        if token.i in index_b:
            return (
                up_a[1:n]
                + ([token] if token.i not in {a.i, b.i} else [])
                + list(reversed(up_b[1 : index_b[token.i]]))
            )
    return []


def _attachment(span: Span, trigger: Token) -> str:
    """How an argument's head hangs from the trigger: "dobj", "prep:against", "poss", "path"."""
    head = span.root
    if head.head.i == trigger.i:
        return head.dep_
    if head.head.head.i == trigger.i and head.dep_ == "pobj":
        return f"prep:{head.head.lower_}"
    if head.i == trigger.i or trigger.i in {t.i for t in span}:
        return "inside"
    if trigger.head.i == head.i:
        return f"governs:{trigger.dep_}"
    return "path"


def sparse_features(candidate: Candidate) -> list[str]:
    """The named indicator features of a candidate (see the module docstring)."""
    trigger = candidate.trigger
    lemma = trigger.lemma_.lower()
    found = [
        "bias",
        f"lemma={lemma}",
        f"pos={trigger.pos_}",
        f"tag={trigger.tag_}",
        f"dep={trigger.dep_}",
        f"lemma_dep={lemma}|{trigger.dep_}",
        f"head={trigger.head.lemma_.lower()}|{trigger.dep_}",
    ]
    for child in trigger.children:
        dep = child.dep_
        if dep == "neg":
            found.append("negated")
        elif dep in {"aux", "auxpass"} and child.lower_ in MODALS:
            found.append(f"modal={child.lower_}")
        elif dep == "prt":
            found.append(f"prt={lemma}|{child.lower_}")
        elif dep in {"prep", "agent"}:
            found.append(f"prep={child.lower_}")
            found.append(f"lemma_prep={lemma}|{child.lower_}")
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found.append(f"prep_obj={child.lower_}|{obj.lemma_.lower()}")
        elif dep in CONTENT_DEPS:
            found.append(f"child={dep}|{child.lemma_.lower()}")
            if dep in {"dobj", "nsubjpass", "attr"}:
                found.append(f"lemma_obj={lemma}|{child.lemma_.lower()}")
            if dep in CLAUSE_DEPS:
                found.append(f"clause={lemma}|{child.lemma_.lower()}")
                clause_type = _lexicon_type(child)
                if clause_type:
                    found.append(f"{RULE_PREFIX}_clause={clause_type}")
                clause_block = _verb_block(child)
                if clause_block:
                    found.append(f"{RULE_PREFIX}_block_clause={clause_block}")
        else:
            found.append(f"child_dep={dep}")
    if trigger.dep_ in CLAUSE_DEPS | {"relcl", "acl", "pcomp", "pobj", "dobj"}:
        governor = trigger.head
        found.append(f"governor={governor.lemma_.lower()}|{trigger.dep_}")
        governor_type = _lexicon_type(governor)
        if governor_type:
            found.append(f"{RULE_PREFIX}_governor={governor_type}")
        if any(c.dep_ == "neg" for c in governor.children):
            found.append("governor_negated")
    for word, role in ((trigger, "trigger"), (trigger.head, "head")):
        block = _verb_block(word)
        if block:
            found.append(f"{RULE_PREFIX}_block_{role}={block}")
    code = candidate.cameo if candidate.cameo is not None else _rule_code(trigger)
    coding = lexicon.coding(code) if code else None
    if coding is None:
        found.append(f"{RULE_PREFIX}_none")
    else:
        found += [
            f"{RULE_PREFIX}_type={coding.type}",
            f"{RULE_PREFIX}_root={coding.cameo[:2]}",
            f"{RULE_PREFIX}_code={coding.cameo}",
        ]
    for token in candidate.sentence:
        if token.pos_ in BAG_POS and not token.is_stop and token.i != trigger.i:
            found.append(f"bag={token.lemma_.lower()}")
            bag_type = _lexicon_type(token)
            if bag_type:
                found.append(f"{RULE_PREFIX}_bag={bag_type}")
    found += _chain_features(trigger)
    for role, span in (("actor", candidate.actor), ("recipient", candidate.recipient)):
        if span is None:
            found.append(f"{role}=none")
            continue
        found.append(f"{role}_attach={_attachment(span, trigger)}")
        found.append(f"{role}_ent={span.root.ent_type_ or span.root.pos_}")
        for token in _path_words(span.root, trigger):
            found.append(f"path={token.lemma_.lower()}")
            path_type = _lexicon_type(token)
            if path_type:
                found.append(f"{RULE_PREFIX}_path={path_type}")
            path_block = _verb_block(token)
            if path_block:
                found.append(f"{RULE_PREFIX}_path_block={path_block}")
    return found


def _chain_features(trigger: Token) -> list[str]:
    """The verb chain around the trigger: what its clausal complement does to what ("threatened
    to impose sanctions": impose|sanction), the words it hangs from, and negation above it
    ("did not threaten to ...")."""
    out = []
    for child in trigger.children:
        if child.dep_ in {"xcomp", "ccomp"}:
            for grand in child.children:
                if grand.dep_ in {"dobj", "prep", "prt"}:
                    out.append(f"{CHAIN_PREFIX}deep={child.lemma_.lower()}|{grand.lemma_.lower()}")
    for ancestor in list(trigger.ancestors)[:3]:
        if any(c.dep_ == "neg" for c in ancestor.children):
            out.append(f"{CHAIN_PREFIX}ancestor_negated")
        out.append(f"{CHAIN_PREFIX}ancestor={ancestor.lemma_.lower()}")
    return out


def ngram_features(candidate: Candidate) -> list[str]:
    """The n-gram view's feature names: each phrase of :func:`ngram_phrases` as a 64-bit hash,
    so that the weights file stores no words of the sentences it was trained on."""
    return [ngram_name(phrase) for phrase in ngram_phrases(candidate)]


def ngram_name(phrase: str) -> str:
    """``ng:`` and 16 hex digits (``NGRAM_PREFIX``), so the weights file can keep the names
    as 64-bit integers."""
    return f"{NGRAM_PREFIX}{blake2b(phrase.encode(), digest_size=8).hexdigest()}"


def ngram_phrases(candidate: Candidate) -> list[str]:
    """The second view of a candidate: word 1-3-grams of its sentence from ``NGRAM_WINDOW`` words
    before the first of trigger, actor and recipient to as many after the last, each argument
    replaced by one placeholder ("<src> accused <tgt> of"), so that the phrasing around and
    between the parties is seen apart from who they are."""
    sentence = candidate.sentence
    placeholder: dict[int, str] = {}
    anchors = [candidate.trigger.i]
    for span, name in ((candidate.actor, "<src>"), (candidate.recipient, "<tgt>")):
        if span is None:
            continue
        for i in range(span.start, span.end):
            placeholder.setdefault(i, name)
        anchors += [span.start, span.end - 1]
    low = max(min(anchors) - NGRAM_WINDOW, sentence.start)
    high = min(max(anchors) + NGRAM_WINDOW + 1, sentence.end)
    words: list[str] = []
    for i in range(low, high):
        word = placeholder.get(i) or candidate.doc[i].lower_
        if i in placeholder and words and words[-1] == word:
            continue
        words.append(word)
    found = ["bias"]
    for n in range(1, NGRAM_MAX + 1):
        found += [f"ng={' '.join(words[i : i + n])}" for i in range(len(words) - n + 1)]
    return found


def kept_features(
    names: list[str], use_rules: bool = True, groups: tuple[str, ...] = tuple(OPTIONAL_GROUPS)
) -> list[str]:
    """``names`` without the rule-lexicon features (unless ``use_rules``) and without the
    optional groups not in ``groups``."""
    dropped = tuple(p for g, ps in OPTIONAL_GROUPS.items() if g not in groups for p in ps)
    if not use_rules:
        dropped += (RULE_PREFIX,)
    return [n for n in names if not n.startswith(dropped)] if dropped else names


def _mean(rows: np.ndarray) -> np.ndarray:
    if not len(rows):
        return np.zeros(TENSOR_WIDTH, dtype=np.float32)
    mean: np.ndarray = rows.mean(axis=0)
    return mean


def dense_features(candidate: Candidate) -> np.ndarray:
    """Context vectors at the trigger, over the sentence, the actor and the recipient, or zeros
    when the parse carries no tensor of the expected width."""
    tensor = candidate.doc.tensor
    out = np.zeros(DENSE_SIZE, dtype=np.float32)
    if tensor is None or tensor.ndim != 2 or tensor.shape != (len(candidate.doc), TENSOR_WIDTH):
        return out
    sentence = candidate.sentence
    out[:TENSOR_WIDTH] = tensor[candidate.trigger.i]
    out[TENSOR_WIDTH : 2 * TENSOR_WIDTH] = _mean(tensor[sentence.start : sentence.end])
    for block, span in ((2, candidate.actor), (3, candidate.recipient)):
        if span is not None:
            out[block * TENSOR_WIDTH : (block + 1) * TENSOR_WIDTH] = _mean(
                tensor[span.start : span.end]
            )
    return out
