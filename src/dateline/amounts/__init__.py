"""The amounts stage: numbers with what they count (``analysis.amounts``)."""
