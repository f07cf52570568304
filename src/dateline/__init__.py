"""Dateline: turn news articles into structured, queryable event data."""

from dateline.model import SCHEMA, Analysis

__version__ = "0.1.0"
__all__ = ["SCHEMA", "Analysis", "__version__"]
