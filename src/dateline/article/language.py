"""Language identification of the body text (py3langid's offline model).

py3langid ships its model LZMA-compressed; decompressing it cost ~0.4 s of CPU at every start,
and reading the same arrays from a zlib-compressed file still ~0.25 s. ``make data``
(``scripts/build_langid_model.py``) writes them uncompressed, one ``.npy`` file each, to
``data/langid_model/`` with the SHA-256 of the file they came from; they are memory-mapped, so
a process reads only the pages of the model its texts walk through. When that folder is
missing or py3langid's model differs, py3langid's own loader is used. ``sync-bytes.txt`` there
says after how many bytes the model's tokenizer automaton forgets where it started
(``synchronizing_length``): the features of a text are then counted from windows of that many
bytes, all positions at once (``_Window``), not by py3langid's walk byte after byte.
"""

from __future__ import annotations

import hashlib
from array import array
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

MODEL_DIR = "langid_model"
SOURCE_DIGEST = "source-sha256.txt"
# How many bytes py3langid's tokenizer automaton needs to forget where it started (see
# ``synchronizing_length``), written beside the arrays by ``write_unpacked``.
SYNC_BYTES = "sync-bytes.txt"
# Longest synchronizing length looked for; past it the byte-by-byte walk is kept.
_SYNC_LIMIT = 8
# Pairs of states followed at once when looking for it (bounds the memory: 256 moves each).
_PAIRS_AT_ONCE = 1 << 14
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
        sync = synchronizing_length(data["nextmove"], data["nextmove_row"])
    if sync is not None:
        (out / SYNC_BYTES).write_text(f"{sync}\n", encoding="ascii")
    else:
        (out / SYNC_BYTES).unlink(missing_ok=True)
    (out / SOURCE_DIGEST).write_text(_digest(source) + "\n", encoding="ascii")


def synchronizing_length(nextmove: Any, rows: Any, limit: int = _SYNC_LIMIT) -> int | None:
    """The least number of bytes after which the tokenizer's automaton (``nextmove``, its rows
    starting at ``rows`` << 8) is in the same state whatever state it was in before them; None
    when more than ``limit`` bytes do not do it.

    Pairs of states (where a walk from any state is, where one from the start state is) are
    followed over every byte until the two agree in every pair: the state after byte ``i`` of a
    text is then the start state's walk over the last that many bytes, whatever came before
    (py3langid's automaton finds byte n-grams: it remembers only a few bytes)."""
    import numpy as np

    moves = np.asarray(nextmove)
    rowbase = np.asarray(rows, dtype=np.int64) << 8
    states = len(rowbase)
    every_byte = np.arange(256, dtype=np.int64)
    anywhere = np.arange(states, dtype=np.int64)
    started = np.zeros(states, dtype=np.int64)
    for length in range(1, limit + 1):
        found = []
        for at in range(0, len(anywhere), _PAIRS_AT_ONCE):
            chunk = slice(at, at + _PAIRS_AT_ONCE)
            a = moves[(rowbase[anywhere[chunk], None] + every_byte).ravel()].astype(np.int64)
            b = moves[(rowbase[started[chunk], None] + every_byte).ravel()].astype(np.int64)
            apart = a != b
            found.append(np.unique(a[apart] * states + b[apart]))
        pairs = np.unique(np.concatenate(found))
        if not len(pairs):
            return length
        anywhere, started = pairs // states, pairs % states
    return None


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
    try:
        sync: int | None = int((folder / SYNC_BYTES).read_text(encoding="ascii"))
    except (FileNotFoundError, ValueError):
        sync = None
    kind = LanguageIdentifier if sync is None else _windowed(LanguageIdentifier)
    identifier = kind(
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
    if sync is not None:
        identifier.window = _Window(
            np.frombuffer(transitions, dtype=np.uint32),
            np.asarray(identifier._rowbase, dtype=np.int64),
            np.asarray(identifier.tk_output, dtype=np.int64),
            sync,
        )
    return identifier


@dataclass(frozen=True)
class _Window:
    """py3langid's tokenizer automaton as arrays, and its synchronizing length."""

    moves: Any
    rowbase: Any
    output: Any
    sync: int

    def counts(self, data: bytes) -> Counter[int] | None:
        """py3langid's ``visit_counts`` of ``data`` (each feature's count, in the order of
        first occurrence; None when there is none), without its walk byte after byte: the
        automaton's state after byte ``i`` is the start state's walk over the ``sync`` bytes
        ending at ``i`` (``synchronizing_length``), so all the states are found by ``sync``
        steps over every position at once. The first ``sync - 1`` are walked as py3langid
        does."""
        import numpy as np

        head: list[int] = []
        state = 0
        for letter in data[: self.sync - 1]:
            state = int(self.moves[self.rowbase[state] + letter])
            head.append(state)
        found = self.output[head] if head else self.output[:0]
        positions = len(data) - self.sync + 1
        if positions > 0:
            text = np.frombuffer(data, dtype=np.uint8).astype(np.int64)
            states = np.zeros(positions, dtype=np.int64)
            for step in range(self.sync):
                states = self.moves[self.rowbase[states] + text[step : step + positions]]
            found = np.concatenate([found, self.output[states]])
        features = found[found >= 0].tolist()
        return Counter(features) if features else None


def _windowed(base: type) -> type:
    """``base`` (py3langid's ``LanguageIdentifier``) counting features with ``_Window``."""

    class Windowed(base):  # type: ignore[misc, valid-type]
        window: _Window

        def _raw_score(self, text: bytes) -> Any:
            visits = self.window.counts(text)
            if visits:
                return self._sparse_score(visits, self.nb_ptc)
            return super()._raw_score(text)  # no feature at all: py3langid's own answer

    return Windowed


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import LanguageIdentifier

    unpacked = _from_unpacked(_unpacked_path())
    if unpacked is not None:
        return unpacked
    return LanguageIdentifier.from_model_file(source_model(), norm_probs=True)


_MIN_DISTINCT_WORDS = 12


def _distinct_words_reach(words: list[str], enough: int) -> bool:
    """Whether ``words`` hold at least ``enough`` distinct words (folded to lowercase, outer
    punctuation stripped): read until the count is reached instead of folding every word of
    the sample (up to 5,000 characters) into a set."""
    seen: set[str] = set()
    for word in words:
        seen.add(word.lower().strip(".,!?;:\"'"))
        if len(seen) >= enough:
            return True
    return False


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``, or None when there is too little text to tell."""
    sample = text[:5000]
    words = sample.split()
    if len(words) < 3:
        return None
    # Text that repeats a few words ("yes yes yes", a slogan) gives the identifier too little to
    # go on: it named such English text Kabyle or Esperanto, and it lost its analysis.
    if not _distinct_words_reach(words, _MIN_DISTINCT_WORDS):
        return None
    lang, prob = _identifier().classify(sample)
    if prob < 0.5 and len(words) < 20:
        return None
    return str(lang)
