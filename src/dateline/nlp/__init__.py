"""The NLP backbone: one loader for the spaCy pipeline, loaded once per process."""

from dateline.nlp.loader import DEFAULT_MODEL, load_model

__all__ = ["DEFAULT_MODEL", "load_model"]
