"""Articles given as JSON objects with title/text/date/url-like fields."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
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


# A Unix time in seconds (9-10 digits: 1973-2286) or milliseconds (12-13 digits).
_EPOCH = re.compile(r"\d{9,10}|\d{12,13}")


def _first(obj: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        if obj.get(name):
            return obj[name]
    return None


def _text(value: Any) -> str | None:
    """A JSON value as one line of text (feeds put numbers and lists where text belongs)."""
    if value is None or isinstance(value, dict):
        return None
    if isinstance(value, list):
        value = " ".join(str(v) for v in value if isinstance(v, str | int | float))
    text = " ".join(str(value).split())
    return text or None


def _authors(value: Any) -> list[str]:
    """Authors given as "A and B", ["A", "B"] or [{"name": "A"}, ...]."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str):
            names += [n.strip() for n in re.split(r",|;|&|\band\b", name) if n.strip()]
    return list(dict.fromkeys(names))


def published_value(value: Any) -> str | None:
    """ISO 8601 from a date string, or from a Unix timestamp (seconds or milliseconds), given
    as a number or as a string of digits (JSON Lines fields reach the structurer as text)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str) and _EPOCH.fullmatch(value.strip()):
        value = int(value.strip())
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 10**11 else value
        try:
            return datetime.fromtimestamp(seconds, tz=UTC).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    return parse_timestamp(str(value))


def body_fields(body: str, title: str | None = None) -> dict[str, Any]:
    """The fields of a JSON text field (an object's or a JSON Lines record's): the article body.

    The body is structured as plain text without a header (a scraper's captions and boilerplate
    lines inside it are still set apart; a header of its own is read only with a byline, a
    timestamp or the record's ``title`` repeated above its first paragraph), and it is the body
    however short: a one-line item without a final full stop reads as a caption to the layout
    rules, but here it is the article.
    """
    from dateline.article.plaintext import structure_text

    fields = structure_text(body, has_header=False, title=title)
    if not fields.get("paragraphs"):
        fields["paragraphs"] = [
            " ".join(line.split()) for line in body.splitlines() if line.strip()
        ]
        fields["captions"], fields["boilerplate"] = [], []
    return fields


def _json_kind(value: Any) -> str:
    if isinstance(value, str):
        return "only a string"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    return (
        "a number"
        if isinstance(value, int | float) and not isinstance(value, bool)
        else "true/false"
    )


def structure_json(
    source: str, text: str, field_names: dict[str, tuple[str, ...]] | None = None
) -> dict[str, Any]:
    try:
        obj = json.loads(text)
    except ValueError as exc:
        raise InputError(source, f"invalid JSON ({exc})") from None
    except RecursionError:
        raise InputError(source, "invalid JSON (nested too deeply)") from None
    if not isinstance(obj, dict):
        raise InputError(
            source, f"JSON holds {_json_kind(obj)}, not an article object with a text field"
        )
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
    fields = body_fields(body, _text(_first(obj, names["headline"])))
    published = _first(obj, names["published"])
    publisher = _first(obj, names["publisher"])
    if isinstance(publisher, dict):  # {"@type": "Organization", "name": ...}
        publisher = publisher.get("name")
    fields.update(
        {
            "headline": _text(_first(obj, names["headline"])) or fields.get("headline"),
            "url": _text(_first(obj, names["url"])),
            "authors": _authors(_first(obj, names["authors"])) or fields.get("authors", []),
            "published": published_value(published) or fields.get("published"),
            "publisher": _text(publisher) or fields.get("publisher"),
            "standfirst": _text(_first(obj, names["standfirst"])) or fields.get("standfirst"),
        }
    )
    return fields
