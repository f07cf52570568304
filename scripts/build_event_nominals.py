"""Derive the events stage's nominal triggers from its verb lexicon: "deny" -> "denial",
"impose" -> "imposition", "coordinate" -> "coordination".

Usage::

    python scripts/build_event_nominals.py [--out-dir src/dateline/events/data]

Writes ``event_nominals.tsv``: for every hand-written core event verb (``event_verbs.tsv``) that
names an event by itself (not "---", no particle), the nouns English derives from it with the
regular nominalising suffixes (-ion/-ation/-ition/-sion, -al, -ment, -ance/-ence, -ure, -ism),
each kept only when it is a noun of WordNet's index as spaCy's English lemmatizer ships it
(``lemma_index``, from spacy-lookups-data; WordNet 3.0 licence). The noun takes the verb's CAMEO
code and symmetry. Nouns already in the hand-written ``event_nouns.tsv`` and the derivations in
:data:`OTHER_SENSE` (common nouns whose everyday sense is no event) are left out. Gerunds are
not derived: "the offering", "the opening" name things more often than acts.

Deterministic: the same lexicon and model give a byte-identical file.
"""

from __future__ import annotations

import argparse
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "dateline" / "events" / "data"

# Derived nouns whose usual sense in news is not the verb's act ("proposition", "station").
OTHER_SENSE = frozenset(
    {
        # Rare or archaic words whose letters happen to fit a suffix rule, and nouns whose
        # everyday sense is not the verb's act (reviewed once over the whole derived list).
        "battlement", "conference", "conferment", "deliverance", "deportment", "dismission",
        "easement", "indiction", "phonation", "pressure", "probation", "providence",
        "recognisance", "recognizance", "seism", "signal", "supplication", "visitation",
        "proposition", "position", "address", "resolution", "execution", "extension",
        "expression", "presentation", "statement", "assurance", "confinement", "settlement",
        "commitment", "establishment", "movement", "engagement", "treatment", "development",
        "government", "management", "appointment", "department", "requirement", "defence",
        "defense", "residence", "provision", "accusal", "allegement", "instruction",
        # "the resistance" is an armed group or a material property more often than a refusal.
        "resistance",
    }
)  # fmt: skip


def read_verbs(path: Path) -> list[tuple[str, str, str]]:
    """(lemma, CAMEO code, symmetric) of the core verbs that name an event by themselves."""
    verbs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, code, symmetric = line.split("\t")
        if " " in lemma or not code.isdigit():
            continue  # particle entries ("speak with") and "---"
        verbs.append((lemma, code, symmetric))
    return verbs


def nominalisations(verb: str) -> list[str]:
    """Regular English nominalisations of ``verb`` (candidates, not yet checked as words)."""
    stem_e = verb[:-1] if verb.endswith("e") else verb
    found = [
        stem_e + "ion",  # protect -> protection, execute -> execution
        stem_e + "ation",  # condemn -> condemnation, accuse -> accusation
        stem_e + "ition",  # impose -> imposition
        stem_e + "al",  # refuse -> refusal, dismiss -> dismissal
        verb + "al",  # withdraw -> withdrawal
        verb + "ment",  # punish -> punishment
        stem_e + "ance",  # assist -> assistance
        stem_e + "ence",
        stem_e + "ure",  # seize -> seizure, close -> closure
    ]
    if verb.endswith("y"):
        found += [verb[:-1] + "ial", verb[:-1] + "ication"]  # deny -> denial, ratify
    if verb.endswith("ize") or verb.endswith("ise"):
        found += [verb[:-3] + "ization", verb[:-3] + "isation", verb[:-3] + "ism"]
    if verb.endswith("ate"):
        found.append(verb[:-1] + "ion")  # coordinate -> coordination
    if verb.endswith("d") or verb.endswith("de"):
        found.append(verb.rstrip("e")[:-1] + "sion")  # suspend -> suspension, invade
    if verb.endswith("t"):
        found.append(verb + "ion")  # convict -> conviction
    if verb.endswith("mit"):
        found.append(verb[:-1] + "ssion")  # admit -> admission
    if verb.endswith("ene"):
        found.append(verb[:-1] + "tion")  # intervene -> intervention
    return sorted(set(found))


def wordnet_nouns() -> frozenset[str]:
    from spacy.pipeline import Lemmatizer

    from dateline.nlp.loader import load_model

    lemmatizer = load_model().get_pipe("lemmatizer")
    assert isinstance(lemmatizer, Lemmatizer)
    index = lemmatizer.lookups.get_table("lemma_index")
    return frozenset(index["noun"])


def hand_written_nouns(path: Path) -> set[str]:
    nouns = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            nouns.add(line.split("\t")[0].split()[-1])
    return nouns


def build(out_dir: Path, lexicon_dir: Path = OUT) -> int:
    """Write ``event_nominals.tsv`` into ``out_dir`` from the hand-written lexicons of
    ``lexicon_dir``; the number of nouns written."""
    verbs = read_verbs(lexicon_dir / "event_verbs.tsv")
    known = hand_written_nouns(lexicon_dir / "event_nouns.tsv")
    nouns = wordnet_nouns()
    rows: dict[str, tuple[str, str, str]] = {}
    for verb, code, symmetric in verbs:
        for noun in nominalisations(verb):
            if noun in nouns and noun not in known and noun not in OTHER_SENSE and noun != verb:
                rows.setdefault(noun, (verb, code, symmetric))
    lines = [
        "# Nouns derived from the core event verbs by scripts/build_event_nominals.py (regular",
        "# English nominalising suffixes, kept when WordNet's noun index has the word).",
        "# noun\tCAMEO code\tsymmetric\tverb it derives from",
    ]
    for noun in sorted(rows):
        verb, code, symmetric = rows[noun]
        lines.append(f"{noun}\t{code}\t{symmetric}\t{verb}")
    (out_dir / "event_nominals.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out-dir", type=Path, default=OUT, help="default: the package's data")
    parser.add_argument(
        "--lexicon-dir", type=Path, default=OUT, help="hand-written lexicons (the package's)"
    )
    args = parser.parse_args()
    print(f"{build(args.out_dir, args.lexicon_dir)} nominal triggers written")


if __name__ == "__main__":
    main()
