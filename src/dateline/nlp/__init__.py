"""The NLP backbone: one loader for the spaCy pipeline, loaded once per process."""

from dateline.nlp.fields import bind_model, parse_field
from dateline.nlp.loader import DEFAULT_MODEL, load_model

__all__ = ["DEFAULT_MODEL", "bind_model", "load_model", "parse_field"]
