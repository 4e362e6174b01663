"""How analyze encodes and what it leaves behind: batches cut by length, the collector as it was."""

from __future__ import annotations

import gc

import pytest

from skillmatch.analyze import _gc_paused
from skillmatch.embed import length_batches


def _cover(batches: list[tuple[int, int]], n: int, most: int) -> None:
    if not batches:
        assert n == 0
        return
    assert [b[0] for b in batches] == [0, *(b[1] for b in batches[:-1])]
    assert batches[-1][1] == n
    assert all(0 < stop - start <= most for start, stop in batches)


@pytest.mark.parametrize("lengths", [[], [5], [10] * 40, [10] * 31 + [300] * 4, list(range(1, 200))])
def test_batches_cover_every_text_in_order(lengths: list[int]) -> None:
    batches = length_batches(lengths, 32)
    _cover(batches, len(lengths), 32)


def test_a_few_long_texts_get_a_batch_of_their_own() -> None:
    # 31 short lines and 4 long ones: padding the short ones to the long ones costs more than a call
    assert length_batches([10] * 31 + [300] * 4, 32) == [(0, 31), (31, 35)]


def test_gc_pause_restores_the_collector() -> None:
    assert gc.isenabled()
    with _gc_paused():
        assert not gc.isenabled()
        with _gc_paused():  # a second analysis in flight (another thread)
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with _gc_paused():
            pass
        assert not gc.isenabled()  # the caller's choice stays
    finally:
        gc.enable()
