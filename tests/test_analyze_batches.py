"""How analyze encodes and what it leaves behind: batches cut by length, the models frozen for the collector."""

from __future__ import annotations

import gc

import pytest

from skillmatch.analyze import _ModelFreeze
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


def test_the_models_are_frozen_once_when_loaded_and_no_analysis_is_in_flight() -> None:
    freeze = _ModelFreeze()
    try:
        with freeze(False):  # the models not loaded yet: nothing to freeze
            assert not freeze.done
        with freeze(True):
            with freeze(True):  # a second analysis in flight (another thread)
                pass
        assert freeze.done and gc.get_freeze_count() > 0
        assert gc.isenabled()  # the collector stays on for what analyses make
    finally:
        gc.unfreeze()


def test_no_freeze_while_an_analysis_is_in_flight() -> None:
    freeze = _ModelFreeze()
    with freeze(False):
        with freeze(True):  # the first one still reads its resume: its objects are not frozen
            assert not freeze.done
    assert not freeze.done


def test_before_the_freeze_the_collector_is_held_off_and_back_on_after() -> None:
    freeze = _ModelFreeze()
    assert gc.isenabled()
    with freeze(False):  # a cold process: the models load inside this analysis
        assert not gc.isenabled()
        with freeze(False):
            assert not gc.isenabled()
        assert not gc.isenabled()  # the first one is still in flight
    assert gc.isenabled()
