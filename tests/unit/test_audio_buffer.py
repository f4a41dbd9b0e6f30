"""Tests for `litetts.audio_buffer`: pieces in, one `Audio` out, the same as joining them."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litetts.audio import Audio
from litetts.audio_buffer import _MIN_GROWTH, AudioBuffer
from litetts.errors import InvalidInputError


def _ramp(start: int, length: int) -> Audio:
    return Audio(np.arange(start, start + length, dtype=np.float32))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 3 * _MIN_GROWTH // 2), max_size=6))
def test_buffer_equals_joining_the_pieces(lengths: list[int]) -> None:
    starts = np.cumsum([0, *lengths])
    pieces = [_ramp(int(s), n) for s, n in zip(starts, lengths, strict=False)]
    buffer = AudioBuffer()

    for piece in pieces:
        buffer.append(piece)

    assert len(buffer) == sum(lengths)
    assert buffer.nbytes == 4 * sum(lengths)
    assert Audio.concatenate(pieces) == buffer.to_audio()


def test_growing_past_the_first_allocation_keeps_every_sample() -> None:
    buffer = AudioBuffer()
    for i in range(40):  # 40 pieces of 0.3 M samples: many resizes
        buffer.append(_ramp(i * 300_000, 300_000))

    audio = buffer.to_audio()

    np.testing.assert_array_equal(np.arange(12_000_000, dtype=np.float32), audio.samples)


def test_the_audio_taken_out_is_read_only_and_the_buffer_spent() -> None:
    buffer = AudioBuffer()
    buffer.append(_ramp(0, 10))
    audio = buffer.to_audio()

    assert not audio.samples.flags.writeable
    with pytest.raises(RuntimeError, match="already taken"):
        buffer.append(_ramp(0, 1))
    with pytest.raises(RuntimeError, match="already taken"):
        buffer.to_audio()


def test_an_empty_buffer_gives_empty_audio_at_its_rate() -> None:
    audio = AudioBuffer(sample_rate=16_000).to_audio()

    assert (0, 16_000) == (len(audio), audio.sample_rate)


def test_another_sample_rate_is_refused() -> None:
    buffer = AudioBuffer()

    with pytest.raises(InvalidInputError, match="resample") as err:
        buffer.append(Audio(np.zeros(10, dtype=np.float32), 16_000))
    assert "piece" == err.value.field


def test_adopting_refuses_arrays_that_are_not_mono_float32() -> None:
    with pytest.raises(InvalidInputError, match="float32"):
        Audio._adopt(np.zeros(4, dtype=np.float64))
    with pytest.raises(InvalidInputError, match="1-D"):
        Audio._adopt(np.zeros((2, 2), dtype=np.float32))
