"""`CacheKey`: every audio-affecting field is part of the digest."""

from __future__ import annotations

from pathlib import Path

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import cache_keys

from litetts.cache import CacheKey, array_identity, file_identity, request_text
from litetts.text.markup import Override, Passage, Pause

KEY = CacheKey("hello", "af_heart", 1.0, "en-us", "model", "voice", "lead=150")
CHANGES = {
    "text": "hello!",
    "voice": "af_bella",
    "speed": 1.1,
    "lang": "en-gb",
    "model": "other-model",
    "voice_data": "other-voice",
    "settings": "lead=20",
    "format": "mp3",
}


@pytest.mark.parametrize("name", list(CHANGES))
def test_changing_any_field_changes_the_digest(name: str) -> None:
    changed = attrs.evolve(KEY, **{name: CHANGES[name]})

    assert KEY.digest() != changed.digest()


def test_equal_keys_share_a_digest() -> None:
    assert KEY.digest() == attrs.evolve(KEY).digest()


@given(cache_keys(), cache_keys())
def test_digests_collide_only_for_equal_keys(a: CacheKey, b: CacheKey) -> None:
    assert (a == b) == (a.digest() == b.digest())


def test_encoded_key_names_its_format_in_lower_case() -> None:
    assert "mp3" == KEY.encoded("MP3").format


def test_voices_lists_the_parts_of_a_blend() -> None:
    key = attrs.evolve(KEY, voice="af_bella(0.5)+af_sarah(0.5)")

    assert ("af_bella", "af_sarah") == key.voices()


def test_request_text_tells_pauses_and_pinned_words_apart() -> None:
    plain = request_text([Passage("say \x00 now")])
    pinned = request_text([Passage("say \x00 now", (Override("it", "ɪt"),))])
    paused = request_text([Passage("say \x00 now"), Pause(0.5)])
    longer = request_text([Passage("say \x00 now"), Pause(0.6)])

    assert 4 == len({plain, pinned, paused, longer})


def test_array_identity_follows_the_values() -> None:
    a = np.zeros((3, 4), dtype=np.float32)
    b = a.copy()
    b[1, 2] = 1e-7

    assert array_identity(a) == array_identity(a.copy())
    assert array_identity(a) != array_identity(b)


def test_file_identity_changes_when_the_file_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "model.onnx"
    path.write_bytes(b"one")
    before = file_identity(path)
    path.write_bytes(b"longer")

    assert before != file_identity(path)


@given(st.floats(0.25, 4.0))
def test_speed_is_part_of_the_key_to_the_last_bit(speed: float) -> None:
    nudged = np.nextafter(speed, 5.0)

    assert attrs.evolve(KEY, speed=speed).digest() != attrs.evolve(KEY, speed=nudged).digest()
