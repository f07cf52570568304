"""A GDELT GKG 2.1-like export: one tab-separated row of 27 columns per article.

Filled from the stored Analysis documents: persons, organisations, all names, locations,
dates, quotations and amounts with their character offsets, in GKG 2.1's column order and
field syntax. V2Tone comes from the tone stage. Themes, counts, GCAM and images are left empty: Dateline does not produce
them. Location country codes are FIPS 10-4, as in GDELT.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import duckdb

from dateline.export.gdelt import fips_code
from dateline.model import parse_published

GKG_COLUMNS: tuple[str, ...] = (
    "GKGRECORDID", "DATE", "SourceCollectionIdentifier", "SourceCommonName", "DocumentIdentifier",
    "Counts", "V2Counts", "Themes", "V2Themes", "Locations", "V2Locations", "Persons", "V2Persons",
    "Organizations", "V2Organizations", "V2Tone", "V2.1Dates", "GCAM", "SharingImage",
    "RelatedImages", "SocialImageEmbeds", "SocialVideoEmbeds", "Quotations", "AllNames",
    "Amounts", "TranslationInfo", "Extras",
)  # fmt: skip
assert len(GKG_COLUMNS) == 27

# GKG location types: 1 COUNTRY, 2 USSTATE, 3 USCITY, 4 WORLDCITY, 5 WORLDSTATE.
_LOCATION_TYPE = {"country": 1, "admin1": 5, "state": 5, "region": 5, "city": 4}
_ORG_TYPES = {"ORG"}
_NAME_TYPES = {"PERSON", "ORG", "GROUP", "NORP", "FACILITY", "EVENT", "OTHER"}


def _field(text: Any) -> str:
    """GKG fields are delimited by ; # , | and tabs: keep those out of values."""
    return " ".join(str(text).replace(";", " ").replace("#", " ").replace("\t", " ").split())


def _stamp(published: str | None, fallback: datetime) -> str:
    moment = None
    if published:
        try:
            moment = parse_published(published)
        except ValueError:
            moment = None
    if moment is None:
        moment = fallback
    elif moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y%m%d%H%M%S")


def _locations(doc: dict) -> tuple[str, str]:
    v1, v2 = [], []
    for loc in doc.get("locations", []):
        kind = _LOCATION_TYPE.get(str(loc.get("kind") or "").lower(), 4)
        country = loc.get("country")
        if country and country.upper() == "US" and kind in (4, 5):
            kind = 3 if kind == 4 else 2
        fips = fips_code(country)
        lat = "" if loc.get("lat") is None else f"{loc['lat']:g}"
        lon = "" if loc.get("lon") is None else f"{loc['lon']:g}"
        feature = fips if kind == 1 else str(loc.get("geonameid") or "")
        name = _field(loc["name"])
        v1.append(f"{kind}#{name}#{fips}#{fips}#{lat}#{lon}#{feature}")
        for mention in loc.get("mentions", []) or [{"start": ""}]:
            if mention.get("field", "text") == "text":
                v2.append(f"{kind}#{name}#{fips}#{fips}##{lat}#{lon}#{feature}#{mention['start']}")
    return ";".join(dict.fromkeys(v1)), ";".join(dict.fromkeys(v2))


def _names(doc: dict, types: set[str]) -> tuple[str, str]:
    plain, offsets = [], []
    for entity in doc.get("entities", []):
        if entity["type"] not in types:
            continue
        name = _field(entity["name"]).replace(",", " ")
        plain.append(name)
        offsets += [
            f"{name},{m['start']}"
            for m in entity.get("mentions", [])
            if m.get("field", "text") == "text"
        ]
    return ";".join(plain), ";".join(offsets)


def _dates(doc: dict) -> str:
    out = []
    for time in doc.get("times", []):
        value = time.get("value") or ""
        if time.get("type") != "DATE" or time.get("field", "text") != "text":
            continue
        parts = value.split("-")
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            out.append(f"3#{int(parts[1])}#{int(parts[2])}#{parts[0]}#{time['start']}")
        elif len(parts) == 2 and all(p.isdigit() for p in parts):
            out.append(f"2#{int(parts[1])}#0#{parts[0]}#{time['start']}")
        elif len(parts) == 1 and value.isdigit() and len(value) == 4:
            out.append(f"1#0#0#{value}#{time['start']}")
    return ";".join(out)


def _quotations(doc: dict) -> str:
    out = []
    for quote in doc.get("quotes", []):
        if quote.get("field", "text") != "text":
            continue
        text = " ".join(quote["text"].replace("|", " ").replace("#", " ").split())
        cue = " ".join((quote.get("cue") or "").replace("|", " ").split())
        out.append(f"{quote['start']}|{quote['end'] - quote['start']}|{cue}|{text}")
    return "#".join(out)


def _amounts(doc: dict) -> str:
    out = []
    for amount in doc.get("amounts", []):
        if amount.get("value") is None or amount.get("field", "text") != "text":
            continue
        what = _field(amount.get("object") or amount.get("unit") or "").replace(",", " ")
        out.append(f"{amount['value']:g},{what},{amount['start']}")
    return ";".join(out)


def _extras(doc: dict) -> str:
    article = doc["article"]
    parts = []
    if article.get("headline"):
        parts.append(f"<PAGE_TITLE>{_field(article['headline'])}</PAGE_TITLE>")
    if article.get("authors"):
        parts.append(f"<PAGE_AUTHORS>{_field(', '.join(article['authors']))}</PAGE_AUTHORS>")
    if article.get("published"):
        parts.append(
            f"<PAGE_PRECISEPUBTIMESTAMP>{_stamp(article['published'], datetime.now())}</PAGE_PRECISEPUBTIMESTAMP>"
        )
    return "".join(parts)


def _v2tone(doc: dict) -> str:
    """GKG V2Tone: tone, positive, negative, polarity, activity and self/group reference
    densities, word count, comma-separated; empty when the tone stage did not run."""
    article = (doc.get("tone") or {}).get("article")
    if not article:
        return ""
    keys = ("tone", "positive", "negative", "polarity", "activity_density", "self_group_density")
    return ",".join([*(f"{float(article[k]):g}" for k in keys), str(article["word_count"])])


def gkg_rows(con: duckdb.DuckDBPyConnection, chunk: int = 200) -> Iterator[list[str]]:
    """One 27-field GKG-like row per stored article, in ingest order."""
    cursor = con.execute(
        "SELECT analysis, source_name, ingested_at FROM articles ORDER BY ingested_at, article_id"
    )
    number = 0
    while rows := cursor.fetchmany(chunk):
        for analysis, source_name, ingested_at in rows:
            number += 1
            doc = json.loads(analysis)
            article = doc["article"]
            v1_locations, v2_locations = _locations(doc)
            persons, v2_persons = _names(doc, {"PERSON"})
            orgs, v2_orgs = _names(doc, _ORG_TYPES)
            _, all_names = _names(doc, _NAME_TYPES)
            yield [
                f"{ingested_at.strftime('%Y%m%d%H%M%S')}-{number}",
                _stamp(article.get("published"), ingested_at), "1", _field(source_name or ""),
                _field(article.get("url") or article["source"]), "", "", "", "",
                v1_locations, v2_locations, persons, v2_persons, orgs, v2_orgs, _v2tone(doc),
                _dates(doc),
                "", "", "", "", "", _quotations(doc), all_names, _amounts(doc), "", _extras(doc),
            ]  # fmt: skip
