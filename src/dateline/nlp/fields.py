"""Parse an article's display strings (headline, standfirst, captions) once per article.

Offsets in those fields point into the field's own string, so each string gets its own spaCy
``Doc``. Several stages read the same headline; the parses are cached on the body ``Doc``
(``doc._.dateline_fields``) so each string is parsed once, with the same model as the body
(``doc._.dateline_nlp``, set by the pipeline and by the spaCy components).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

if TYPE_CHECKING:
    from spacy.language import Language

for _name in ("dateline_fields", "dateline_nlp"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def bind_model(doc: Doc, nlp: Language) -> None:
    """Record which pipeline parsed ``doc`` so its fields are parsed by the same one."""
    doc._.dateline_nlp = nlp


def parse_field(doc: Doc, field: str, text: str) -> Doc:
    """The parse of ``text`` (the article string named ``field``), cached on ``doc``.

    Raises :class:`~dateline.errors.ModelNotFoundError` when no model is bound to ``doc`` and
    the default model is not installed.
    """
    cache: dict[str, Doc] | None = doc._.dateline_fields
    if cache is None:
        cache = {}
        doc._.dateline_fields = cache
    parsed = cache.get(field)
    if parsed is None or parsed.text != text:
        nlp = doc._.dateline_nlp
        if nlp is None:
            from dateline.nlp.loader import load_model

            nlp = load_model()
        parsed = nlp(text)
        cache[field] = parsed
    return parsed
