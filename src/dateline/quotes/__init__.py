"""Quotations and their speakers: direct, partial and reported statements (issue 4)."""
