"""Build the entities stage's given-name genders from Faker's person providers.

Usage::

    python scripts/build_given_names.py [--out src/dateline/entities/lexicons/given_names.tsv]

Faker (MIT licence; a build-time source only, in the ``dev`` extra) lists, per locale, the
given names it draws male and female people from (its US lists come from the Social Security
Administration's baby-name tables, others from national statistics offices). This script reads
every locale written in the Latin alphabet and keeps a name (folded: lower case, no diacritics)
only when every locale that lists it lists it for one gender: "Scott" is male and "Tricia"
female, while "Jamie", "Andrea" (female in English, male in Italian) or "Kim" (female in
English, male in Danish) say nothing and are left out. So are the family names of the naming
orders that write the family name first (Chinese, Korean, Vietnamese: "Li Qiang", "Park
Geun-hye", "Nguyen Thi Lan"), where a name's first word is no given name: Faker's romanized
Chinese family names and the common Korean and Vietnamese ones in :data:`FAMILY_FIRST`. The
entities stage reads the file to keep a "Ms." from joining a man's name
(``entities/coref.py``).

Deterministic: the same Faker version gives a byte-identical file.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from pathlib import Path

from dateline.entities.names import fold

OUT = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "dateline"
    / "entities"
    / "lexicons"
    / "given_names.tsv"
)


# The most common Korean and Vietnamese family names in their usual romanizations (Faker has them
# in Hangul and Vietnamese script only); each heads a name written family name first.
FAMILY_FIRST = frozenset(
    {
        "kim", "lee", "yi", "park", "pak", "choi", "jung", "chung", "kang", "cho", "jo", "yoon",
        "yun", "jang", "lim", "im", "han", "oh", "seo", "shin", "kwon", "hwang", "ahn", "an",
        "song", "yoo", "ryu", "hong", "jeon", "ko", "moon", "mun", "yang", "son", "bae", "baek",
        "heo", "nam", "noh", "roh", "ha", "kwak", "sung", "cha", "ju", "woo", "min",
        "nguyen", "tran", "le", "pham", "hoang", "huynh", "vu", "vo", "dang", "bui", "do", "ho",
        "ngo", "duong", "ly", "mai", "trinh", "dinh", "lam", "phan", "truong",
    }
)  # fmt: skip


def family_first_names() -> frozenset[str]:
    """Family names that open a name in their naming order (folded)."""
    import faker.providers.person.ja_JP as japanese
    import faker.providers.person.zh_CN as chinese
    import faker.providers.person.zh_TW as taiwanese

    romanized = [
        *chinese.Provider.last_romanized_names,
        *taiwanese.Provider.last_romanized_names,
        *japanese.Provider.last_romanized_names,
    ]
    return FAMILY_FIRST | {fold(name) for name in romanized}


def latin(name: str) -> bool:
    """A single word of Latin letters (after folding), an inner hyphen or apostrophe allowed."""
    return (
        name.isascii()
        and name.replace("-", "").replace("'", "").isalpha()
        and name[:1].isalpha()
        and len(name) >= 2
    )


def locale_lists() -> list[tuple[str, list[str], list[str]]]:
    """(locale, male names, female names) of every Faker person provider that has both."""
    import faker.providers.person as person

    found = []
    for module in sorted(pkgutil.iter_modules(person.__path__), key=lambda m: m.name):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        own = provider.__dict__
        if "first_names_male" not in own or "first_names_female" not in own:
            continue
        found.append((module.name, list(own["first_names_male"]), list(own["first_names_female"])))
    return found


def build() -> dict[str, str]:
    seen: dict[str, set[str]] = {}
    for _, male, female in locale_lists():
        for names, gender in ((male, "m"), (female, "f")):
            for name in names:
                folded = fold(name.strip())
                if latin(folded):
                    seen.setdefault(folded, set()).add(gender)
    family = family_first_names()
    return {
        name: genders.pop()
        for name, genders in sorted(seen.items())
        if len(genders) == 1 and name not in family
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    import faker

    genders = build()
    lines = [f"# given name -> m/f, from Faker {faker.VERSION} (MIT): scripts/build_given_names.py"]
    lines += [f"{name}\t{gender}" for name, gender in genders.items()]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(genders)} names -> {args.out}")


if __name__ == "__main__":
    main()
