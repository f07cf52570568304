"""MinHash signatures and LSH banding to find near-duplicate articles (syndicated copies).

Each article becomes the set of its lower-cased word 3-grams ("shingles"). A MinHash signature
of 128 values estimates the Jaccard similarity of two such sets; splitting it into 32 bands of
4 values makes pairs with Jaccard above ~0.4 very likely to share at least one band bucket
(the candidates), which are then confirmed by the signature estimate.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

NUM_PERM = 128
BANDS = 32
ROWS_PER_BAND = NUM_PERM // BANDS
SHINGLE_WORDS = 3
# Estimated Jaccard at or above which two articles are the same story. Copies with different
# boilerplate or light edits score 0.6-1.0; different reports of one event score below 0.2.
NEAR_DUPLICATE_THRESHOLD = 0.5

_WORD = re.compile(r"\w+")
_MASK32 = np.uint64(0xFFFFFFFF)
# Fixed seed: signatures stored in a database must stay comparable across runs and processes.
_rng = np.random.default_rng(20171121)
_A = _rng.integers(1, 2**63, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)
_B = _rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode()
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def signature(text: str) -> np.ndarray:
    """The MinHash signature of ``text``: NUM_PERM uint32 minima (stored as uint64)."""
    grams = shingles(text)
    if not grams:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint64)
    # blake2b, not hash(): Python's string hash changes between processes.
    base = np.fromiter(
        (int.from_bytes(hashlib.blake2b(g, digest_size=4).digest(), "little") for g in grams),
        dtype=np.uint64,
        count=len(grams),
    )
    # Multiply-shift hashing: (a*x + b) mod 2^64, keep the high 32 bits. Wrapping is intended.
    with np.errstate(over="ignore"):
        hashed = (np.outer(_A, base) + _B[:, None]) >> np.uint64(32)
    return (hashed & _MASK32).min(axis=1)


def band_buckets(sig: np.ndarray) -> list[int]:
    """One 64-bit bucket id per band: articles sharing a bucket are near-duplicate candidates."""
    rows = sig.astype("<u8").reshape(BANDS, ROWS_PER_BAND)
    return [
        int.from_bytes(hashlib.blake2b(row.tobytes(), digest_size=8).digest(), "little")
        for row in rows
    ]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.mean(a == b))


def to_blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u8").astype(np.uint64)


# A big cluster of copies needs only a few comparisons: they all share one story.
MAX_COMPARISONS_PER_STORY = 8


def link_stories(
    new: Sequence[tuple[Any, np.ndarray]],
    buckets: Mapping[str, list[int]],
    stored_candidates: Mapping[tuple[int, int], list[str]],
    signatures: dict[str, np.ndarray],
    story_of: dict[str, str],
) -> dict[str, tuple[str, float]]:
    """article id -> (story id, similarity) for ``new`` articles taken in order.

    Each joins the story of its most similar candidate (an article before it sharing an LSH
    bucket: a stored one in ``stored_candidates``, or an earlier one of ``new``) at or above
    the threshold, comparing at most MAX_COMPARISONS_PER_STORY candidates of one story; else it
    starts its own story. ``signatures`` and ``story_of`` hold the stored candidates' and are
    extended with ``new``'s. ``new`` pairs an Analysis (or anything with ``.article.id``) or
    an article id with its signature.
    """
    result: dict[str, tuple[str, float]] = {}
    batch_buckets: dict[tuple[int, int], list[str]] = {}
    for item, sig in new:
        article_id = item if isinstance(item, str) else item.article.id
        keys = list(enumerate(buckets[article_id]))
        candidates = {c for k in keys for c in stored_candidates.get(k, [])}
        candidates |= {c for k in keys for c in batch_buckets.get(k, [])}
        best, best_score = article_id, 0.0
        tried: dict[str, int] = {}
        for candidate in sorted(candidates):
            story = story_of[candidate]
            if tried.get(story, 0) >= MAX_COMPARISONS_PER_STORY:
                continue
            tried[story] = tried.get(story, 0) + 1
            score = similarity(sig, signatures[candidate])
            if score >= NEAR_DUPLICATE_THRESHOLD and score > best_score:
                best, best_score = story_of[candidate], score
        result[article_id] = (best, best_score)
        signatures[article_id] = sig
        story_of[article_id] = best
        for k in keys:
            batch_buckets.setdefault(k, []).append(article_id)
    return result
