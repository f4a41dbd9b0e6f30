"""Issue 17, defect 3, in the library: a lone surrogate is the caller's bad input."""

from __future__ import annotations

import pytest
from tests.fakes import LetterPhonemizer, ToneModel, fake_voices

from litetts import InvalidInputError, Synthesizer


@pytest.mark.parametrize("text", ["hello \ud800 world", "\udfff", "ok \ud83d"])
def test_a_lone_surrogate_is_an_invalid_input_error_before_any_work(text: str) -> None:
    model = ToneModel()
    tts = Synthesizer(model, fake_voices(), LetterPhonemizer())

    with pytest.raises(InvalidInputError, match="lone surrogate") as info:
        tts.stream(text)

    assert "input" == info.value.field
    assert [] == model.calls


def test_a_paired_surrogate_is_valid_text() -> None:
    tts = Synthesizer(ToneModel(), fake_voices(), LetterPhonemizer())

    assert tts.synthesize("smile \U0001f600 please").duration > 0
