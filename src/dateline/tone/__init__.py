"""The tone stage: GDELT V2Tone per article, tone per quote and event sentence, and
target-dependent sentiment per entity."""
