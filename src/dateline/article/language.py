"""Language identification of the body text (py3langid, offline model shipped in the package)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_DIR / MODEL_FILE, norm_probs=True)


_MIN_DISTINCT_WORDS = 12


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``, or None when there is too little text to tell."""
    sample = text[:5000]
    words = sample.split()
    if len(words) < 3:
        return None
    # Text that repeats a few words ("yes yes yes", a slogan) gives the identifier too little to
    # go on: it named such English text Kabyle or Esperanto, and it lost its analysis.
    if len({w.lower().strip(".,!?;:\"'") for w in words}) < _MIN_DISTINCT_WORDS:
        return None
    lang, prob = _identifier().classify(sample)
    if prob < 0.5 and len(sample.split()) < 20:
        return None
    return str(lang)
