"""Tests for `litetts.kokoro.blends`: parsing and spelling voice specs."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from tests.strategies import blend_specs

from litetts.errors import InvalidInputError
from litetts.kokoro import OPENAI_VOICES, BlendPart, catalogue, format_blend, parse_voice


@settings(max_examples=150)
@given(spec=blend_specs)
def test_weights_are_positive_and_sum_to_one(spec: str) -> None:
    weights = [p.weight for p in parse_voice(spec)]

    assert [] == [w for w in weights if not 0 < w <= 1]
    assert math.isclose(1.0, math.fsum(weights))


@settings(max_examples=150)
@given(spec=blend_specs)
def test_format_then_parse_gives_the_same_parts(spec: str) -> None:
    parts = parse_voice(spec)

    again = parse_voice(format_blend(parts))

    assert [p.voice for p in parts] == [p.voice for p in again]
    for expected, actual in zip(parts, again, strict=True):
        assert math.isclose(expected.weight, actual.weight, rel_tol=1e-5)


@settings(max_examples=150)
@given(spec=blend_specs)
def test_each_voice_appears_once(spec: str) -> None:
    voices = [p.voice for p in parse_voice(spec)]

    assert sorted(set(voices)) == sorted(voices)


def test_a_plain_voice_id_has_weight_one() -> None:
    assert (BlendPart("af_bella", 1.0),) == parse_voice("af_bella")


def test_weights_are_normalised() -> None:
    expected = (BlendPart("af_bella", 0.75), BlendPart("af_sky", 0.25))

    assert expected == parse_voice("af_bella(3)+af_sky(1)")


def test_a_part_without_a_weight_counts_one() -> None:
    expected = (BlendPart("af_bella", 0.5), BlendPart("af_sky", 0.5))

    assert expected == parse_voice("af_bella+af_sky(1.0)")


def test_the_same_voice_twice_is_merged() -> None:
    expected = (BlendPart("af_bella", 0.75), BlendPart("af_sky", 0.25))

    assert expected == parse_voice("af_bella(1)+af_sky(1)+af_bella(2)")


def test_an_openai_name_and_its_voice_are_merged() -> None:
    assert (BlendPart("af_alloy", 1.0),) == parse_voice("alloy+af_alloy")


def test_whitespace_around_parts_is_ignored() -> None:
    expected = (BlendPart("af_bella", 0.75), BlendPart("af_sky", 0.25))

    assert expected == parse_voice("  af_bella ( 3 ) +\taf_sky ")


def test_voice_ids_are_lower_cased() -> None:
    assert (BlendPart("af_bella", 1.0),) == parse_voice("AF_Bella")


@pytest.mark.parametrize(
    ("name", "voice"),
    [("alloy", "af_alloy"), ("nova", "af_nova"), ("onyx", "am_onyx"), ("Shimmer", "af_bella")],
)
def test_openai_names_map_to_kokoro_voices(name: str, voice: str) -> None:
    assert (BlendPart(voice, 1.0),) == parse_voice(name)


def test_every_openai_name_maps_to_a_catalogued_voice() -> None:
    known = {v.id for v in catalogue()}

    assert {} == {name: voice for name, voice in OPENAI_VOICES.items() if voice not in known}


@pytest.mark.parametrize(
    "name", ["alloy", "ash", "coral", "echo", "fable", "onyx", "nova", "sage", "shimmer"]
)
def test_the_openai_voices_of_the_design_are_mapped(name: str) -> None:
    assert name in OPENAI_VOICES


def test_format_of_one_voice_is_its_id() -> None:
    assert "af_bella" == format_blend((BlendPart("af_bella", 1.0),))


def test_format_of_a_blend_spells_each_weight() -> None:
    parts = (BlendPart("af_bella", 2 / 3), BlendPart("af_sky", 1 / 3))

    assert "af_bella(0.666667)+af_sky(0.333333)" == format_blend(parts)


@pytest.mark.parametrize(
    "spec",
    [
        "",
        "   ",
        "+",
        "af_bella+",
        "+af_bella",
        "af_bella(",
        "af_bella)",
        "af_bella()",
        "af_bella(-1)",
        "af_bella(0)",
        "af_bella(nan)",
        "af_bella(inf)",
        "af_bella(two)",
        "af_bella((2))",
        "a b c",
        "af bella",
        "af_bella(1 0)",
        "1af_bella",
        "af-bella",
        "+".join(["af_bella"] * 17),
    ],
)
def test_malformed_specs_are_rejected(spec: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        parse_voice(spec)

    assert "voice" == info.value.field


def test_a_spec_that_is_not_a_string_is_rejected() -> None:
    with pytest.raises(InvalidInputError) as info:
        parse_voice(None)  # type: ignore[arg-type]

    assert "voice" == info.value.field


def test_huge_weights_still_normalise() -> None:
    expected = (BlendPart("af_bella", 0.5), BlendPart("af_sky", 0.5))

    assert expected == parse_voice("af_bella(1e308)+af_sky(1e308)")


def test_a_weight_too_small_to_count_is_rejected() -> None:
    with pytest.raises(InvalidInputError) as info:
        parse_voice("af_bella(5e-324)+af_sky(2)")

    assert "voice" == info.value.field
