"""Article structuring: one raw input → headline, metadata, captions, boilerplate and body."""

from dateline.article.structure import structure

__all__ = ["structure"]
