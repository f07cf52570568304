"""The events stage's static knowledge: event verbs and nouns, CAMEO refinement patterns,
the CAMEO→PLOVER table and Goldstein weights. Loaded once from ``events/data`` and cached.

Derived files (``cameo_verbs.tsv``, ``cameo_patterns.tsv``, ``cameo_plover.tsv``) are rebuilt by
``scripts/build_event_lexicon.py``; the others are hand-written.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from dateline.resources import data_lines

# Words that alone do not make a PETRARCH pattern specific ("* WITH", "* (TO)").
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "to",
        "with",
        "at",
        "on",
        "in",
        "for",
        "of",
        "from",
        "by",
        "against",
        "up",
        "down",
        "out",
        "off",
        "over",
        "into",
        "onto",
        "upon",
        "about",
        "after",
        "before",
        "under",
        "between",
        "among",
        "as",
        "this",
        "that",
        "it",
        "its",
        "their",
        "his",
        "her",
    ]
)


@dataclass(frozen=True)
class Coding:
    """PLOVER coding of one CAMEO code."""

    cameo: str
    type: str
    mode: str | None
    context: tuple[str, ...]
    quad_class: int
    goldstein: float | None


@dataclass(frozen=True)
class LexEntry:
    """A trigger word: its CAMEO code, whether "with X" names a co-participant, and the
    particle/preposition it needs ("call for") if any."""

    lemma: str
    cameo: str
    symmetric: bool
    particle: str | None = None
    preposition: str | None = None  # a noun entry that needs this preposition ("call for")
    derived: bool = False  # derived from a verb of the lexicon ("denial"), not hand-written
    governor: str | None = None  # a noun entry that needs this governing verb ("face charges")


@dataclass(frozen=True)
class Pattern:
    """A PETRARCH refinement: words around the verb that select a more specific CAMEO code.
    Each slot is a set of alternatives; all slots must be present."""

    before: tuple[frozenset[str], ...]
    after: tuple[frozenset[str], ...]
    cameo: str
    verb: str = ""  # the verb the pattern was written for; "" applies to the whole block

    @property
    def size(self) -> int:
        return len(self.before) + len(self.after)

    @cached_property
    def has_content_word(self) -> bool:
        # Asked for every pattern of a block at every verb of the block: computed once.
        return any(slot - FUNCTION_WORDS for slot in (*self.before, *self.after))


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in data_lines("dateline.events", "data", name)]


def _entries(name: str) -> dict[str, list[LexEntry]]:
    table: dict[str, list[LexEntry]] = {}
    for lemma, cameo, symmetric in _rows(name):
        words = lemma.split()
        head, particle = words[0], " ".join(words[1:]) or None
        entry = LexEntry(lemma, cameo, symmetric == "y", particle)
        table.setdefault(head, []).append(entry)
    return table


@lru_cache(maxsize=1)
def core_verbs() -> dict[str, list[LexEntry]]:
    """Hand-written core event verbs, keyed by verb lemma."""
    return _entries("event_verbs.tsv")


@lru_cache(maxsize=1)
def event_nouns() -> dict[str, list[LexEntry]]:
    """Nominal triggers keyed by head noun lemma; multi-word entries keep their modifier
    ("air strike" is keyed by "strike" with particle "air"), and "+for" marks a preposition
    the noun must govern ("call +for"), "^face" a verb that must govern the noun ("faces
    charges"). The hand-written nouns (``event_nouns.tsv``) come
    first; the nouns derived from the core verbs (``event_nominals.tsv``, built by
    ``scripts/build_event_nominals.py``: "denial", "imposition") follow, marked ``derived``."""
    table: dict[str, list[LexEntry]] = {}
    for lemma, cameo, symmetric in _rows("event_nouns.tsv"):
        words = [w for w in lemma.split() if w[0] not in "+^"]
        preposition = next((w[1:] for w in lemma.split() if w.startswith("+")), None)
        governor = next((w[1:] for w in lemma.split() if w.startswith("^")), None)
        head, modifier = words[-1], " ".join(words[:-1]) or None
        entry = LexEntry(lemma, cameo, symmetric == "y", modifier, preposition, governor=governor)
        table.setdefault(head, []).append(entry)
    for noun, cameo, symmetric, _verb in _rows("event_nominals.tsv"):
        if noun not in table:
            table[noun] = [LexEntry(noun, cameo, symmetric == "y", derived=True)]
    return table


@lru_cache(maxsize=1)
def context_keywords() -> dict[str, str]:
    """Keyword lemma -> PLOVER context it signals ("tariff" -> economic)."""
    return {keyword: context for keyword, context in _rows("contexts.tsv")}


def _words(name: str) -> frozenset[str]:
    """The words of a one-word-a-line list in ``events/data``."""
    return frozenset(line.strip() for line in data_lines("dateline.events", "data", name))


@lru_cache(maxsize=1)
def light_verbs() -> frozenset[str]:
    return _words("light_verbs.txt")


@lru_cache(maxsize=1)
def hosting_verbs() -> frozenset[str]:
    """Verbs whose object act happens when they do ("facilitated talks", "brokered a truce")."""
    return _words("hosting_verbs.txt")


@lru_cache(maxsize=1)
def cameo_verbs() -> dict[str, tuple[str, str]]:
    """PETRARCH verb lemma -> (verb block, default CAMEO code or "")."""
    return {row[0]: (row[1], row[2] if len(row) > 2 else "") for row in _rows("cameo_verbs.tsv")}


class PatternTable:
    """PETRARCH verb block -> its refinement patterns, most specific first. A block's patterns
    are built the first time it is asked for: an article meets a few of the 4,000-odd rows'
    blocks, and building every pattern cost more at start-up than all of an article's events."""

    def __init__(self, rows: list[list[str]]) -> None:
        self._rows: dict[str, list[list[str]]] = {}
        for row in rows:
            self._rows.setdefault(row[0], []).append(row)
        self._built: dict[str, BlockPatterns] = {}

    def get(self, block: str) -> BlockPatterns | None:
        patterns = self._built.get(block)
        if patterns is None:
            rows = self._rows.get(block)
            if rows is None:
                return None
            built = [
                Pattern(_slots(before), _slots(after), cameo, verb[0] if verb else "")
                for _, before, after, cameo, *verb in rows
            ]
            built.sort(key=lambda p: -p.size)
            patterns = self._built[block] = BlockPatterns(built)
        return patterns


class BlockPatterns:
    """One block's patterns, most specific first, with an index of the words they need: a
    pattern can match only where the words around the verb fill its first slot, so a verb is
    checked against those patterns alone (a block has up to ~190)."""

    def __init__(self, patterns: list[Pattern]) -> None:
        self.patterns = patterns
        self._always: list[int] = []  # patterns without a slot
        self._by_after: dict[str, list[int]] = {}
        self._by_before: dict[str, list[int]] = {}
        for n, pattern in enumerate(patterns):
            if pattern.after:
                index, slot = self._by_after, pattern.after[0]
            elif pattern.before:
                index, slot = self._by_before, pattern.before[0]
            else:
                self._always.append(n)
                continue
            for word in slot:
                index.setdefault(word, []).append(n)

    def candidates(self, before: set[str], after: set[str]) -> list[Pattern]:
        """The patterns, in order, whose first slot ``before``/``after`` fill: the only ones
        that can match those words."""
        chosen = set(self._always)
        for words, index in ((after, self._by_after), (before, self._by_before)):
            for word in words:
                found = index.get(word)
                if found:
                    chosen.update(found)
        return [self.patterns[n] for n in sorted(chosen)]


@lru_cache(maxsize=1)
def cameo_patterns() -> PatternTable:
    """PETRARCH verb block -> its refinement patterns, most specific first."""
    return PatternTable(_rows("cameo_patterns.tsv"))


def _slots(words: str) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(word.split("|")) for word in words.split())


@lru_cache(maxsize=1)
def _plover_table() -> dict[str, tuple[str, str, str]]:
    return {
        row[0]: (row[1], row[2], row[3] if len(row) > 3 else "")
        for row in _rows("cameo_plover.tsv")
    }


@lru_cache(maxsize=1)
def _goldstein_table() -> dict[str, float]:
    return {code: float(value) for code, value in _rows("goldstein.tsv")}


def quad_class(cameo: str) -> int:
    """CAMEO QuadClass: 1 verbal cooperation (01-05), 2 material cooperation (06-08),
    3 verbal conflict (09-13), 4 material conflict (14-20)."""
    root = int(cameo[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def _generalisations(cameo: str) -> list[str]:
    """'0871' -> ['0871', '087', '080', '08']: the code and its ancestors, most specific first."""
    chain = [cameo]
    if len(cameo) == 4:
        chain.append(cameo[:3])
    if len(cameo) >= 3 and not cameo.endswith("0"):
        chain.append(cameo[:2] + "0")
    chain.append(cameo[:2])
    return chain


@lru_cache(maxsize=512)
def coding(cameo: str) -> Coding | None:
    """The PLOVER coding of a CAMEO code, or None when PLOVER has no event for it (CAMEO 01
    public statements)."""
    if not cameo or not cameo.isdigit() or len(cameo) < 2:
        return None
    plover = _plover_table()
    row = next((plover[c] for c in _generalisations(cameo) if c in plover), None)
    if row is None:
        return None
    goldstein_table = _goldstein_table()
    goldstein = next(
        (goldstein_table[c] for c in _generalisations(cameo) if c in goldstein_table), None
    )
    plover_type, mode, context = row
    plover_type = next(
        (TYPE_OVERRIDES[c] for c in _generalisations(cameo) if c in TYPE_OVERRIDES), plover_type
    )
    contexts = tuple(c.strip() for c in context.split(";") if c.strip())
    return Coding(cameo, plover_type, mode or None, contexts, quad_class(cameo), goldstein)


# Where Dateline's PLOVER type departs from CAMEO2PLOVER-2021: releasing persons or property
# (CAMEO 084) is a concession (PLOVER CONCEDE, "YIELD" in the PLV gold, where 37 of the 60
# sentences with "release"/"freed" are YIELD and none RETREAT; docs/annotation/events.md).
# Imposing an embargo, boycott or sanctions (CAMEO 163) is SANCTION, as the PLOVER manual
# defines it and as the document gold is annotated, not COERCE as the 2021 table has it.
# Signing a formal agreement (CAMEO 057) is AGREE, as the guideline's type table lists
# "signed" (the 2021 table files it under SUPPORT with the rest of CAMEO 05). Occupying
# territory (CAMEO 192: invading, annexing) is the use of military force, ASSAULT in the
# guideline, not COERCE. Finding a party guilty (CAMEO 116: a conviction or a verdict) is the
# court's coercion, as the guideline's conventions code it, not an accusation (the 2021 table's
# ACCUSE with the rest of CAMEO 11): the charge before it is the accusation. Imposing
# administrative sanctions (CAMEO 172: a ban, a prohibition, a restriction on imports, farms or
# sales) is SANCTION, as the guideline's conventions code a government's ban; a curfew and
# martial law (1723, 1724) stay the table's COERCE. Easing economic sanctions, a boycott or an
# embargo (CAMEO 085) is a concession, as the guideline codes a lifted ban or an eased
# restriction (CAMEO 081, 083), not the 2021 table's RETREAT.
TYPE_OVERRIDES = {
    "084": "CONCEDE",
    "163": "SANCTION",
    "057": "AGREE",
    "192": "ASSAULT",
    "116": "COERCE",
    "172": "SANCTION",
    "1723": "COERCE",
    "1724": "COERCE",
    "085": "CONCEDE",
}


def plover_types() -> list[str]:
    """Every PLOVER event type the coder can produce, sorted (for checking user input)."""
    return sorted({plover_type for plover_type, _, _ in _plover_table().values() if plover_type})


@lru_cache(maxsize=8192)
def word_senses(word: str) -> frozenset[str]:
    """The CAMEO codes the event lexicon gives a trigger word (lower-cased, singular), as
    a noun ("probe", "inquiry") or as a verb ("investigating"): words sharing one name the
    same kind of act."""
    nouns, verbs = event_nouns(), core_verbs()
    codes = {e.cameo for e in nouns.get(word, ()) if e.particle is None}
    for lemma in _verb_lemmas(word):
        codes.update(e.cameo for e in verbs.get(lemma, ()) if e.particle is None)
    # "---" marks a verb that names no act of its own ("say", "call", "tell"): not a sense.
    return frozenset(code for code in codes if code[:1].isdigit())


def phrasal_senses(word: str) -> frozenset[str]:
    """The CAMEO codes of the phrasal verbs ("step down") whose verb the event lexicon lists
    only with a particle: a trigger is stored by its verb alone ("step"), which can then only
    stand for one of them. A verb also listed alone ("call", naming no act; "call for",
    "call out") has the senses of ``word_senses``: the bare word says less than the particle
    (measured: "called for" read as "appeal" joined a bid for voters' favour, EVALUATION.md)."""
    verbs = core_verbs()
    lemmas = _verb_lemmas(word)
    # "stepped", "stepping": the consonant doubled before the ending.
    lemmas += [stem[:-1] for stem in lemmas if len(stem) > 3 and stem[-1] == stem[-2]]
    entries = [e for lemma in lemmas for e in verbs.get(lemma, ())]
    if any(e.particle is None for e in entries):
        return frozenset()
    return frozenset(e.cameo for e in entries if e.cameo[:1].isdigit())


def _verb_lemmas(word: str) -> list[str]:
    """Candidate lemmas of an inflected verb ("probed" -> probe, "probing" -> probe)."""
    found = [word]
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            found += [stem, stem + "e"]
    return found


@lru_cache(maxsize=1)
def _nominal_verbs() -> dict[str, str]:
    """Derived noun -> the core verb it derives from ("accusation" -> accuse)."""
    return {noun: verb for noun, _cameo, _symmetric, verb in _rows("event_nominals.tsv")}


@lru_cache(maxsize=8192)
def word_family(word: str) -> frozenset[str]:
    """The lexicon's lemmas a trigger word (lower-cased, singular) is a form of: its verb
    ("accused" -> accuse) or the verb its noun derives from ("accusation" -> accuse), and the
    noun itself; words sharing one are one word family."""
    nouns, verbs = event_nouns(), core_verbs()
    family = {lemma for lemma in _verb_lemmas(word) if lemma in verbs}
    if word in nouns:
        family.add(word)
    if word in _nominal_verbs():
        family.add(_nominal_verbs()[word])
    return frozenset(family)
