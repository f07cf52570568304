"""Language identification of the body text (py3langid's offline model).

py3langid ships its model LZMA-compressed; decompressing it cost ~0.4 s of CPU at every start,
and reading the same arrays from a zlib-compressed file still ~0.25 s. ``make data``
(``scripts/build_langid_model.py``) writes them uncompressed, one ``.npy`` file each, to
``data/langid_model/`` with the SHA-256 of the file they came from; they are memory-mapped, so
a process reads only the pages of the model its texts walk through. When that folder is
missing or py3langid's model differs, py3langid's own loader is used.
"""

from __future__ import annotations

import hashlib
from array import array
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

MODEL_DIR = "langid_model"
SOURCE_DIGEST = "source-sha256.txt"
# The arrays py3langid's model file holds (see py3langid.modelio.load_model).
ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")
_TYPECODES = {2: "H", 4: "I", 8: "L"}


def source_model() -> Path:
    from py3langid.langid import MODEL_DIR as SOURCE_DIR
    from py3langid.langid import MODEL_FILE as SOURCE_FILE

    return Path(SOURCE_DIR) / SOURCE_FILE


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_unpacked(source: Path, out: Path) -> None:
    """Write the arrays of py3langid's LZMA model ``source`` as ``.npy`` files in folder
    ``out``, with ``source``'s SHA-256. The same model gives the same bytes."""
    import lzma

    import numpy as np

    out.mkdir(parents=True, exist_ok=True)
    with lzma.open(source) as raw, np.load(raw, allow_pickle=False) as data:
        for name in ARRAYS:
            np.save(out / f"{name}.npy", data[name], allow_pickle=False)
    (out / SOURCE_DIGEST).write_text(_digest(source) + "\n", encoding="ascii")


def _unpacked_path() -> Path:
    return Path(str(resources.files("dateline.article").joinpath("data", MODEL_DIR)))


def _to_array(values: Any) -> array:
    """A numpy unsigned-integer array as the stdlib array py3langid's tokenizer indexes."""
    import numpy as np

    out = array(_TYPECODES[values.dtype.itemsize])
    out.frombytes(memoryview(np.ascontiguousarray(values)).cast("B"))  # type: ignore[arg-type]
    return out


def _from_unpacked(folder: Path):  # type: ignore[no-untyped-def]
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    try:
        recorded = (folder / SOURCE_DIGEST).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    if recorded != _digest(source_model()):
        return None

    def mapped(name: str) -> Any:
        return np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False)

    nextmove = mapped("nextmove")
    # The transition table (39 MB), walked byte by byte: a memoryview over the mapped file
    # answers an index with a Python int as fast as a stdlib array.
    transitions = (
        memoryview(nextmove).cast("B").cast("I")
        if nextmove.dtype == np.uint32
        else _to_array(nextmove)
    )
    return LanguageIdentifier(
        # A plain array over the mapped pages: indexing a ``memmap`` makes a ``memmap`` of every
        # slice, a measurable part of each text's language check.
        np.asarray(mapped("ptc")),
        np.array(mapped("pc")),
        mapped("classes").tolist(),
        transitions,
        mapped("out_feat").tolist(),
        norm_probs=True,
        tk_row=_to_array(mapped("nextmove_row")),
    )


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import LanguageIdentifier

    unpacked = _from_unpacked(_unpacked_path())
    if unpacked is not None:
        return unpacked
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
