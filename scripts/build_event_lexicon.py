"""Regenerate the events stage's derived data files from the public OEDA sources.

Usage::

    python scripts/build_event_lexicon.py \
        --cameo-verbs ../shared/data/phoenix/CAMEO.2.0.txt \
        --cameo2plover ../shared/bench/events/CAMEO2PLOVER-2021.txt

Writes into ``src/dateline/events/data/``:

- ``cameo_verbs.tsv``: verb lemma (or multi-word verb phrase), its PETRARCH verb block and its
  default CAMEO code (from the PETRARCH 2 CAMEO verb dictionary, MIT, openeventdata/petrarch2);
- ``cameo_patterns.tsv``: the block's refinement patterns: words before the verb (in the
  subject), words after it (object, particles, prepositional phrases), the CAMEO code they
  select and the verb the pattern was written for (from its comment; it applies to that verb
  only, as "* PART" belongs to TAKE, not to its synonym CAPTURE); synonym sets (``&WEAPON``) are expanded into ``|``-separated alternatives;
- ``cameo_plover.tsv``: CAMEO code -> PLOVER type, mode, context (CAMEO2PLOVER-2021, CC BY-SA
  4.0, openeventdata/PLOVER). CAMEO 01 (public statements) has no PLOVER event and is left out;
  CAMEO 02 (appeals) maps to REQUEST with the mode of the matching CAMEO 10 demand, since
  PLOVER folds appeals and demands into REQUEST.

The hand-written files (``event_verbs.tsv``, ``event_nouns.tsv``, ``goldstein.tsv``) are not
touched by this script.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "dateline" / "events" / "data"

CODE_RE = re.compile(r"\[([^\]]*)\]")
# Placeholders in PETRARCH patterns that stand for actors or "any word", not literal words.
PLACEHOLDERS = {"^", "$", "+", "%", "*", "-"}


def first_code(raw: str) -> str | None:
    """'042:043' -> '042'; '---' or empty -> None (PETRARCH's "no event")."""
    code = raw.split(":")[0].strip()
    return code if code and code.isdigit() else None


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    synsets: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        text = line.split("#")[0].strip()
        if text.startswith("####### VERB PATTERNS"):
            break
        if text.startswith("&"):
            current = text.rstrip("_")
            synsets[current] = []
        elif text.startswith("+") and current:
            synsets[current].append(text[1:].strip().rstrip("_").lower().replace("_", " "))
        elif not text:
            current = None
    return synsets


def pattern_words(text: str, synsets: dict[str, list[str]]) -> list[str]:
    """Literal words of a pattern side; a synset becomes 'a|b|c' (multi-word members dropped)."""
    words: list[str] = []
    for raw in re.sub(r"[(){}]", " ", text).split():
        token = raw.strip()
        if not token or token in PLACEHOLDERS:
            continue
        if token.startswith("&"):
            members = [m for m in synsets.get(token.rstrip("_"), []) if " " not in m]
            if members:
                words.append("|".join(sorted(set(members))))
            continue
        token = token.replace("_", " ").lower().strip("^$+%")
        words.extend(w for w in token.split() if w and w not in PLACEHOLDERS)
    return words


def origin_verb(line: str) -> str:
    """The verb a pattern was written for, from its comment ("# TAKE"), lower-cased, or ""."""
    comment = line.split("#", 1)[1].strip() if "#" in line else ""
    word = comment.split()[0] if comment.split() else ""
    return word.lower() if re.fullmatch(r"[A-Z]+", word) else ""


def build_verbs(
    path: Path,
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str, str, str]]]:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets = read_synsets(lines)
    start = next(i for i, line in enumerate(lines) if line.startswith("####### VERB PATTERNS"))
    verbs: list[tuple[str, str, str]] = []
    patterns: list[tuple[str, str, str, str, str]] = []
    block = ""
    block_code: str | None = None
    for line in lines[start + 1 :]:
        if line.startswith("---"):
            match = re.match(r"---\s+(\S+)\s+\[([^\]]*)\]", line)
            if match:
                block, block_code = match.group(1), first_code(match.group(2))
            continue
        text = line.split("#")[0].rstrip()
        if not text.strip():
            continue
        codes = CODE_RE.findall(text)
        own_code = first_code(codes[0]) if codes else None
        if text.startswith("-"):
            body = CODE_RE.sub("", text[1:])
            if "*" not in body or not codes:
                continue
            code = first_code(codes[0])
            if code is None:
                continue
            before, after = body.split("*", 1)
            pre, post = pattern_words(before, synsets), pattern_words(after, synsets)
            if pre or post:
                patterns.append((block, " ".join(pre), " ".join(post), code, origin_verb(line)))
            continue
        head = re.sub(r"\{[^}]*\}", "", CODE_RE.sub("", text)).strip()
        if not head:
            continue
        if head.startswith("+"):
            # Multi-word verb such as +MEET_WITH: the verb lemma plus a refinement pattern.
            words = head[1:].strip().rstrip("_").lower().split("_")
            words = [w for w in words if w]
            if not words:
                continue
            code = own_code or block_code
            if code and len(words) > 1:
                patterns.append((block, "", " ".join(words[1:]), code, words[0]))
                verbs.append((words[0], block, ""))
            continue
        lemma = head.split()[0].lower().rstrip("_")
        code = own_code or block_code or ""
        verbs.append((lemma, block, code))
    # A lemma listed in several blocks keeps the first block that gives it a default code.
    chosen: dict[str, tuple[str, str, str]] = {}
    for lemma, block_name, code in verbs:
        if lemma not in chosen or (code and not chosen[lemma][2]):
            chosen[lemma] = (lemma, block_name, code)
    return sorted(chosen.values()), patterns


# CAMEO 02x appeals -> PLOVER REQUEST mode, by CAMEO sub-category (mirrors the 10x demands).
APPEAL_MODES = {
    "020": "",
    "021": "assist",
    "022": "assist",
    "023": "assist",
    "024": "change",
    "025": "yield",
    "026": "meet",
    "027": "meet",
    "028": "meet",
}
APPEAL_CODES = [
    "020",
    "021",
    "0211",
    "0212",
    "0213",
    "0214",
    "022",
    "023",
    "0231",
    "0232",
    "0233",
    "0234",
    "024",
    "0241",
    "0242",
    "0243",
    "0244",
    "025",
    "0251",
    "0252",
    "0253",
    "0254",
    "0255",
    "0256",
    "026",
    "027",
    "028",
]


def build_plover(path: Path) -> list[tuple[str, str, str, str]]:
    rows: dict[str, tuple[str, str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("~"):
            break
        text = line.split("#")[0].strip()
        match = re.match(r"^(\d{3,4}):\s*(.*)$", text)
        if not match:
            continue
        code, rest = match.groups()
        parts = [p.strip() for p in rest.split(",")]
        parts += [""] * (3 - len(parts))
        plover, mode, context = parts[0], parts[1].replace(" ", ""), parts[2]
        context = ";".join(c.strip() for c in context.split(";") if c.strip())
        if code not in rows:
            rows[code] = (code, plover, mode, context)
    for appeal_code in APPEAL_CODES:
        mode = APPEAL_MODES[appeal_code[:3]]
        rows[appeal_code] = (appeal_code, "REQUEST", mode, "diplomatic" if mode == "meet" else "")
    return sorted(rows.values())


def write_tsv(path: Path, header: str, rows: Sequence[tuple[str, ...]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(header + "\n")
        for row in rows:
            out.write("\t".join(row) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cameo-verbs", type=Path, required=True)
    parser.add_argument("--cameo2plover", type=Path, required=True)
    parser.add_argument("--out-dir", type=Path, default=OUT, help="default: the package's data")
    args = parser.parse_args()
    verbs, patterns = build_verbs(args.cameo_verbs)
    source = "# from CAMEO.2.0.txt (PETRARCH 2 verb dictionary, MIT, openeventdata/petrarch2)"
    write_tsv(args.out_dir / "cameo_verbs.tsv", source + "\n# lemma\tblock\tcode", verbs)
    write_tsv(
        args.out_dir / "cameo_patterns.tsv",
        source + "\n# block\tbefore\tafter\tcode\tverb the pattern was written for (or empty)",
        patterns,
    )
    plover_source = "# from CAMEO2PLOVER-2021.txt (CC BY-SA 4.0, openeventdata/PLOVER)"
    write_tsv(
        args.out_dir / "cameo_plover.tsv",
        plover_source + "\n# cameo\tplover\tmode\tcontext",
        build_plover(args.cameo2plover),
    )
    print(f"{len(verbs)} verbs, {len(patterns)} patterns written to {args.out_dir}")


if __name__ == "__main__":
    main()
