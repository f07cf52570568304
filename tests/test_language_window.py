"""py3langid's feature counts read from windows of bytes (``article.language._Window``)."""

from __future__ import annotations

import random

import numpy as np

from dateline.article import language


def _packed():  # type: ignore[no-untyped-def]
    packed = language._from_unpacked(language._unpacked_path())
    assert packed is not None, "data/langid_model/ missing or stale: run make data"
    return packed


def test_window_counts_equal_py3langids_walk_byte_by_byte() -> None:
    from py3langid.langid import visit_counts

    packed = _packed()
    rng = random.Random(7)
    texts = [
        "The ferry operator cancelled Tuesday's crossings after the storm damaged the pier.",
        "Die Fähre fährt heute nicht. 東京の天気は晴れ。 Ça va très bien, merci !",
        "a",
        "",
    ]
    texts += ["".join(rng.choice("ab é.\n日Z") for _ in range(n)) for n in range(12)]
    data = [packed._encode(text) for text in texts]
    data += [bytes(rng.randrange(256) for _ in range(n)) for n in (1, 5, 6, 7, 40, 400)]
    for sample in data:
        walked = visit_counts(packed.tk_nextmove, packed._rowbase, packed.tk_output, sample)
        windowed = packed.window.counts(sample)
        assert windowed == walked
        if walked:  # the same order too: the scores are summed in it
            assert list(windowed.items()) == list(walked.items())


def test_synchronizing_length_of_small_automata() -> None:
    # States 0..3, one row of 256 moves each. "The last byte, if it was a or b": 1 byte.
    last = np.zeros((4, 256), dtype=np.uint32)
    last[:, ord("a")], last[:, ord("b")] = 1, 2
    assert language.synchronizing_length(last.ravel(), np.arange(4)) == 1
    # "How many bytes so far, up to 3": every walk of 3 bytes ends in state 3.
    count = np.array([[min(s + 1, 3)] * 256 for s in range(4)], dtype=np.uint32)
    assert language.synchronizing_length(count.ravel(), np.arange(4)) == 3
    # "Whether an even number of x's was read": never forgets.
    parity = np.array([list(range(256)) for _ in range(2)], dtype=np.uint32) * 0
    parity[0], parity[1] = 0, 1
    parity[0, ord("x")], parity[1, ord("x")] = 1, 0
    assert language.synchronizing_length(parity.ravel(), np.arange(2), limit=4) is None


def test_shipped_synchronizing_length_is_the_models() -> None:
    folder = language._unpacked_path()
    found = language.synchronizing_length(
        np.load(folder / "nextmove.npy", mmap_mode="r"), np.load(folder / "nextmove_row.npy")
    )
    assert found == _packed().window.sync


def test_distinct_words_read_until_enough_as_the_whole_set() -> None:
    rng = random.Random(7)
    vocabulary = ["Rain", "rain,", "RAIN!", "fell", "on", "the", "city", "'all'", "day.", "and"]
    vocabulary += ["night", "roads", "flooded", "near", "river", '"Help"', "schools", "shut"]
    for _ in range(500):
        words = [rng.choice(vocabulary) for _ in range(rng.randrange(0, 40))]
        distinct = len({w.lower().strip(".,!?;:\"'") for w in words})
        for enough in (1, 5, 12, 30):
            assert language._distinct_words_reach(words, enough) == (distinct >= enough)
    assert language.detect_language("yes yes yes no no no maybe maybe maybe") is None
