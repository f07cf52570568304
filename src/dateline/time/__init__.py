"""The time stage: temporal expressions normalised to TIMEX3-style values (``analysis.times``)."""
