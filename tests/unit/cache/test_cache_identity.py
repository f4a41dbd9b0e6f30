"""`CacheIdentity`: keys change when the model or the voice data does."""

from __future__ import annotations

import numpy as np
from tests.fakes import ToneModel, voice_table

from litetts.cache import CacheIdentity
from litetts.text.markup import Passage


def key(identity: CacheIdentity, model: object, table: np.ndarray) -> str:
    return identity.key(
        [Passage("hello")],
        voice="af_heart",
        speed=1.0,
        lang="en-us",
        model=model,
        table=table,
        settings="lead=20",
    ).digest()


def test_the_named_model_keeps_its_name_across_processes() -> None:
    model = ToneModel()

    assert "file:int8" == CacheIdentity(model, "file:int8").model_name(model)


def test_a_swapped_model_gets_a_name_of_its_own() -> None:
    model, other = ToneModel(), ToneModel()
    identity = CacheIdentity(model, "file:int8")

    assert key(identity, model, voice_table(1)) != key(identity, other, voice_table(1))


def test_other_voice_data_under_the_same_name_is_another_key() -> None:
    model = ToneModel()
    identity = CacheIdentity(model, "file:int8")

    assert key(identity, model, voice_table(1)) != key(identity, model, voice_table(2))


def test_only_recent_voices_are_remembered() -> None:
    identity = CacheIdentity(ToneModel())
    table = voice_table(1)

    for number in range(100):
        identity.voice_data(f"blend{number}", table)

    assert 64 == len(identity._voices)
