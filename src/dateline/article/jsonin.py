"""Articles given as JSON objects with title/text/date/url-like fields."""

from __future__ import annotations

import json
from typing import Any

from dateline.article.timestamps import parse_timestamp
from dateline.errors import InputError

# Common field names for each article field, first match wins.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "headline": ("title", "headline", "name"),
    "text": ("text", "body", "content", "articleBody", "article", "maintext"),
    "published": (
        "date",
        "published",
        "datePublished",
        "publication_date",
        "pubdate",
        "date_publish",
        "time",
    ),
    "url": ("url", "link", "uri"),
    "authors": ("authors", "author", "byline"),
    "publisher": ("publisher", "source", "site", "sitename", "source_domain"),
    "standfirst": ("description", "summary", "standfirst", "subtitle"),
}


def _first(obj: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        if obj.get(name):
            return obj[name]
    return None


def structure_json(
    source: str, text: str, field_names: dict[str, tuple[str, ...]] | None = None
) -> dict[str, Any]:
    try:
        obj = json.loads(text)
    except ValueError as exc:
        raise InputError(source, f"malformed JSON ({exc})") from None
    if not isinstance(obj, dict):
        raise InputError(source, "JSON input is not an object")
    return fields_from_object(source, obj, field_names)


def fields_from_object(
    source: str, obj: dict[str, Any], field_names: dict[str, tuple[str, ...]] | None = None
) -> dict[str, Any]:
    names = {**FIELD_NAMES, **(field_names or {})}
    body = _first(obj, names["text"])
    if not isinstance(body, str) or not body.strip():
        raise InputError(
            source, f"JSON object has no text field (looked for {', '.join(names['text'])})"
        )
    # A JSON body may still carry a scraper's plain-text layout: structure it as text, then let
    # the object's own fields win.
    from dateline.article.plaintext import structure_text

    fields = structure_text(body, has_header=False)
    authors = _first(obj, names["authors"])
    if isinstance(authors, str):
        authors = [a.strip() for a in authors.replace(" and ", ",").split(",") if a.strip()]
    published = _first(obj, names["published"])
    publisher = _first(obj, names["publisher"])
    fields.update(
        {
            "headline": _first(obj, names["headline"]) or fields.get("headline"),
            "url": _first(obj, names["url"]),
            "authors": authors or fields.get("authors", []),
            "published": parse_timestamp(str(published)) if published else fields.get("published"),
            "publisher": publisher if isinstance(publisher, str) else None,
            "standfirst": _first(obj, names["standfirst"]) or fields.get("standfirst"),
        }
    )
    return fields
