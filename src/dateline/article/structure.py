"""Turn one raw input into an :class:`~dateline.model.Article`.

The format is sniffed from the content (a JSON object, HTML markup, or plain text); the
file name is only a tie-breaker. Each format has its own module: ``plaintext`` for text as
scrapers leave it, ``html`` for pages (trafilatura), ``jsonin`` for JSON objects.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from dateline.errors import InputError
from dateline.model import Article
from dateline.sources.files import RawInput, decode_bytes
from dateline.textsafety import remove_control_chars

# The most characters of article text analysed: spaCy's models refuse longer texts (their
# default ``max_length``; the parser needs about 1 GB of memory per 100,000 characters), and no
# news article comes near it.
MAX_TEXT_CHARS = 1_000_000

_HTML_SNIFF = re.compile(r"<(?:!doctype\s+html|html|head|body|article|div|p)[\s>]", re.I)


# The opening of a JSON object: a brace, then a quoted key and a colon.
_JSON_KEY = re.compile(r'\{\s*"(?:[^"\\\n]|\\.){0,200}"\s*:')


def detect_format(text: str, source: str = "", hint: str | None = None) -> str:
    """Return "json", "html" or "text" for decoded input, judged from its content."""
    if hint in ("json", "html", "text"):
        return hint
    if hint == "body":
        return "json"
    head = text.lstrip()[:2000]
    if source.lower().removesuffix(".gz").endswith(".json"):
        # A .json file is JSON: if it does not decode (truncated, or a bare string), that is
        # the error to report, not "no article text" after reading it as plain text.
        return "json"
    if head.startswith("{") and _JSON_KEY.match(head):
        return "json"  # an object with a "key": whether it decodes is structure_json's to say
    if head.startswith("{"):
        try:
            value = json.loads(text)
        except ValueError:
            pass
        except RecursionError:
            return "json"  # an object nested too deeply to decode: reported as malformed JSON
        else:
            if isinstance(value, dict):
                return "json"
    if _HTML_SNIFF.search(head) or (
        source.lower().removesuffix(".gz").endswith((".html", ".htm")) and "<" in head
    ):
        return "html"
    return "text"


def article_id(text: str) -> str:
    """Stable id of an article: a hash of its cleaned body."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def _without_control_chars(fields: dict[str, Any]) -> dict[str, Any]:
    """Every text field without control characters, before the body is joined (offsets stay
    consistent): JSON strings (``\\u001b``) and container metadata never went through decoding."""
    cleaned: dict[str, Any] = {}
    for key, value in fields.items():
        if isinstance(value, str):
            cleaned[key] = remove_control_chars(value)
        elif isinstance(value, list):
            cleaned[key] = [remove_control_chars(v) if isinstance(v, str) else v for v in value]
        else:
            cleaned[key] = value
    return cleaned


def _without_repeated_header(paragraphs: list[str], header: list[str | None]) -> list[str]:
    """The body without its first paragraphs when they repeat the headline or standfirst given
    as fields of their own: many scrapers' text field starts with the title. Kept, the title
    would be read twice (as the headline and as the body's first sentence, glued to the next
    paragraph by the parser) and its events counted twice."""
    from dateline.article.plaintext import same_words

    lines = [line for line in header if line]
    body = list(paragraphs)
    while len(body) > 1 and any(same_words(body[0], line) for line in lines):
        body.pop(0)
    return body


def structure(raw: RawInput) -> Article:
    """Structure one raw input; raises :class:`InputError` when there is no article in it."""
    text = decode_bytes(raw.source, raw.data, raw.meta.get("charset"))
    kind = detect_format(text, raw.source, raw.content_type)
    if raw.content_type == "body":
        from dateline.article.jsonin import body_fields

        # A JSON Lines record's text field: the body itself, as a JSON file's text field is.
        kind = "json"
        fields = body_fields(text, raw.meta.get("headline"))
    elif kind == "json":
        from dateline.article.jsonin import structure_json

        fields = structure_json(raw.source, text)
    elif kind == "html":
        from dateline.article.html import structure_html

        fields = structure_html(raw.source, text, raw.meta)
    else:
        from dateline.article.plaintext import structure_text

        fields = structure_text(text)
    # Metadata a container gave (JSON Lines fields, WARC headers) fills what the content lacks.
    for key in ("url", "headline"):
        if raw.meta.get(key) and not fields.get(key):
            fields[key] = raw.meta[key]
    # The container's publisher field names who published this copy; a wire credit in the text
    # ("(Reuters) -") names who wrote it.
    if raw.meta.get("publisher"):
        fields["publisher"] = raw.meta["publisher"]
    if raw.meta.get("published") and not fields.get("published"):
        from dateline.article.jsonin import published_value

        fields["published"] = published_value(raw.meta["published"])
    fields = _without_control_chars(fields)
    paragraphs = [p for p in fields.get("paragraphs", []) if p.strip()]
    if kind == "json":
        paragraphs = _without_repeated_header(
            paragraphs, [fields.get("headline"), fields.get("standfirst")]
        )
    if not paragraphs:
        raise InputError(raw.source, f"no article text found in this {kind} input")
    body = "\n\n".join(paragraphs)
    if len(body) > MAX_TEXT_CHARS:
        raise InputError(
            raw.source,
            f"article text is {len(body):,} characters long, more than the {MAX_TEXT_CHARS:,} "
            "Dateline analyses",
        )
    from dateline.article.language import detect_language

    return Article(
        id=article_id(body),
        source=raw.source,
        url=fields.get("url"),
        publisher=fields.get("publisher"),
        headline=fields.get("headline"),
        standfirst=fields.get("standfirst"),
        authors=list(fields.get("authors", [])),
        published=fields.get("published"),
        language=detect_language(body),
        captions=list(fields.get("captions", [])),
        boilerplate=list(fields.get("boilerplate", [])),
        paragraphs=paragraphs,
        text=body,
        format=kind,  # type: ignore[arg-type]
    )
