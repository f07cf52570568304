"""Language identification of the body text (py3langid's offline model).

py3langid ships its model LZMA-compressed; decompressing it cost ~0.4 s of CPU at every start.
``make data`` (``scripts/build_langid_model.py``) re-packs the same arrays as a zlib-compressed
``data/langid_model.npz`` (~0.1 s to read), recording the SHA-256 of the file it came from. When
that file is missing or py3langid's model differs, py3langid's own loader is used.
"""

from __future__ import annotations

import hashlib
from array import array
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

MODEL_FILE = "langid_model.npz"
# The arrays py3langid's model file holds (see py3langid.modelio.load_model).
ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")
_TYPECODES = {2: "H", 4: "I", 8: "L"}


def source_model() -> Path:
    from py3langid.langid import MODEL_DIR
    from py3langid.langid import MODEL_FILE as SOURCE_FILE

    return Path(MODEL_DIR) / SOURCE_FILE


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_repacked(source: Path, out: Path) -> None:
    """Re-pack py3langid's LZMA model ``source`` as a zlib-compressed npz at ``out``."""
    import lzma

    import numpy as np

    with lzma.open(source) as raw, np.load(raw, allow_pickle=False) as data:
        arrays = {name: data[name] for name in ARRAYS}
    arrays["source_sha256"] = np.array(_digest(source))
    with out.open("wb") as f:
        np.savez_compressed(f, **arrays)


def _packed_path() -> Path:
    return Path(str(resources.files("dateline.article").joinpath("data", MODEL_FILE)))


def _to_array(values: Any) -> array:
    """A numpy unsigned-integer array as the stdlib array py3langid's tokenizer indexes."""
    import numpy as np

    out = array(_TYPECODES[values.dtype.itemsize])
    out.frombytes(memoryview(np.ascontiguousarray(values)).cast("B"))  # type: ignore[arg-type]
    return out


def _from_packed(path: Path):  # type: ignore[no-untyped-def]
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    try:
        data = np.load(path, allow_pickle=False)
    except FileNotFoundError:
        return None
    with data:
        if str(data["source_sha256"]) != _digest(source_model()):
            return None
        return LanguageIdentifier(
            data["ptc"],
            data["pc"],
            data["classes"].tolist(),
            _to_array(data["nextmove"]),
            data["out_feat"].tolist(),
            norm_probs=True,
            tk_row=_to_array(data["nextmove_row"]),
        )


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import LanguageIdentifier

    packed = _from_packed(_packed_path())
    if packed is not None:
        return packed
    return LanguageIdentifier.from_model_file(source_model(), norm_probs=True)


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
