"""Tests for `litetts.kokoro.voices`: the catalogue, voice tables on disk, and blends."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from litetts.errors import AssetError, InvalidInputError, VoiceNotFoundError
from litetts.kokoro import VoiceBank, VoiceInfo, VoiceTable, catalogue

ROWS, DIM = 510, 256


def constant(value: float) -> VoiceTable:
    return np.full((ROWS, DIM), value, dtype=np.float32)


def by_row(offset: float) -> VoiceTable:
    """A table whose row r holds ``offset + r`` everywhere, so a row reveals its index."""
    rows = np.arange(ROWS, dtype=np.float32)[:, None] + np.float32(offset)
    return np.repeat(rows, DIM, axis=1)


def write_bins(folder: Path, tables: dict[str, VoiceTable]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        table.astype("<f4").tofile(folder / f"{name}.bin")
    return folder


def write_npz(path: Path, tables: dict[str, VoiceTable]) -> Path:
    with path.open("wb") as out:  # a file object, so numpy adds no ".npz" suffix
        np.savez(out, **{name: t.reshape(ROWS, 1, DIM) for name, t in tables.items()})
    return path


@pytest.fixture
def bank() -> VoiceBank:
    return VoiceBank(
        {"af_bella": constant(1.0), "af_sarah": constant(3.0), "am_adam": constant(-2.0)}
    )


# --- the catalogue ---------------------------------------------------------------------


def test_catalogue_has_55_voices() -> None:
    assert 55 == len(catalogue())


def test_catalogue_is_sorted_by_id() -> None:
    ids = [v.id for v in catalogue()]

    assert sorted(ids) == ids


def test_catalogue_for_british_english_is_the_8_b_voices() -> None:
    expected = [
        "bf_alice",
        "bf_emma",
        "bf_isabella",
        "bf_lily",
        "bm_daniel",
        "bm_fable",
        "bm_george",
        "bm_lewis",
    ]

    assert expected == [v.id for v in catalogue("en-gb")]


@pytest.mark.parametrize("lang", ["b", "en_GB", "british"])
def test_catalogue_accepts_any_spelling_of_a_language(lang: str) -> None:
    assert catalogue("en-gb") == catalogue(lang)


@pytest.mark.parametrize(
    ("voice", "language", "gender"),
    [
        ("af_heart", "en-us", "female"),
        ("am_adam", "en-us", "male"),
        ("bf_emma", "en-gb", "female"),
        ("bm_george", "en-gb", "male"),
        ("ef_dora", "es", "female"),
        ("ff_siwis", "fr-fr", "female"),
        ("hm_omega", "hi", "male"),
        ("im_nicola", "it", "male"),
        ("jf_alpha", "ja", "female"),
        ("pm_alex", "pt-br", "male"),
        ("zf_xiaobei", "cmn", "female"),
        ("zm_yunjian", "cmn", "male"),
    ],
)
def test_catalogue_knows_language_and_gender(voice: str, language: str, gender: str) -> None:
    info = {v.id: v for v in catalogue()}[voice]

    assert (language, gender) == (info.language, info.gender)


def test_catalogue_counts_voices_per_gender() -> None:
    genders = [v.gender for v in catalogue()]

    assert (30, 25) == (genders.count("female"), genders.count("male"))


def test_catalogue_lists_the_legacy_af_as_a_blend() -> None:
    expected = VoiceInfo("af", "en-us", "American English", "female", "af_bella+af_sarah")

    assert expected == {v.id: v for v in catalogue()}["af"]


def test_catalogue_names_the_openai_aliases_of_a_voice() -> None:
    info = {v.id: v for v in catalogue()}["af_alloy"]

    assert ("alloy",) == info.openai_names


def test_catalogue_rejects_an_unknown_language() -> None:
    with pytest.raises(InvalidInputError) as info:
        catalogue("xx")

    assert "lang" == info.value.field


# --- where tables come from ------------------------------------------------------------


def test_style_is_row_n_minus_one() -> None:
    bank = VoiceBank({"af_bella": by_row(0.0)})

    assert [4.0] * DIM == bank.style("af_bella", 5).tolist()


@pytest.mark.parametrize(("tokens", "row"), [(1, 0), (510, 509), (2000, 509)])
def test_style_rows_are_clamped_to_the_table(tokens: int, row: int) -> None:
    bank = VoiceBank({"af_bella": by_row(0.0)})

    assert float(row) == bank.style("af_bella", tokens)[0]


def test_style_needs_at_least_one_token() -> None:
    with pytest.raises(InvalidInputError):
        VoiceBank({"af_bella": by_row(0.0)}).style("af_bella", 0)


def test_style_is_a_256_vector_of_float32() -> None:
    style = VoiceBank({"af_bella": by_row(0.0)}).style("af_bella", 5)

    assert ((DIM,), np.float32) == (style.shape, style.dtype)


def test_tables_load_from_a_folder_of_bin_files(tmp_path: Path) -> None:
    folder = write_bins(tmp_path / "voices", {"af_bella": by_row(0.0), "am_adam": by_row(0.5)})

    bank = VoiceBank.from_path(folder)

    assert ["af_bella", "am_adam"] == bank.names()
    assert [6.5] * DIM == bank.style("am_adam", 7).tolist()


def test_tables_load_from_an_npz_file(tmp_path: Path) -> None:
    path = write_npz(
        tmp_path / "voices-v1.0.bin", {"af_bella": by_row(0.0), "bf_emma": by_row(2.0)}
    )

    bank = VoiceBank.from_path(path)

    assert ["af_bella", "bf_emma"] == bank.names()
    assert [11.0] * DIM == bank.style("bf_emma", 10).tolist()


def test_a_missing_voices_path_is_an_asset_error(tmp_path: Path) -> None:
    with pytest.raises(AssetError, match="does not exist"):
        VoiceBank.from_path(tmp_path / "absent")


def test_an_empty_voices_folder_is_an_asset_error(tmp_path: Path) -> None:
    with pytest.raises(AssetError, match=r"no voice \.bin files"):
        VoiceBank.from_path(tmp_path)


def test_a_file_that_is_not_an_npz_is_an_asset_error(tmp_path: Path) -> None:
    path = tmp_path / "voices.bin"
    path.write_bytes(b"not a zip archive")

    with pytest.raises(AssetError, match="not a voices npz"):
        VoiceBank.from_path(path)


def test_a_bin_file_of_the_wrong_size_is_an_asset_error(tmp_path: Path) -> None:
    folder = write_bins(tmp_path, {"af_bella": np.zeros((ROWS - 1, DIM), np.float32)})
    bank = VoiceBank.from_path(folder)

    with pytest.raises(AssetError, match=r"'af_bella' in .*af_bella.bin has 130304 values"):
        bank.table("af_bella")


def test_a_table_of_the_wrong_size_is_an_asset_error() -> None:
    with pytest.raises(AssetError):
        VoiceBank({"af_bella": np.zeros((ROWS, 128), np.float32)}).table("af_bella")


def test_a_table_holding_nan_is_an_asset_error() -> None:
    table = constant(0.0)
    table[3, 4] = np.nan

    with pytest.raises(AssetError, match="NaN"):
        VoiceBank({"af_bella": table}).table("af_bella")


def test_tables_are_read_only(bank: VoiceBank) -> None:
    assert not bank.table("af_bella").flags.writeable


def test_a_table_is_loaded_once(bank: VoiceBank) -> None:
    assert bank.table("af_bella") is bank.table("af_bella")


# --- names and blends --------------------------------------------------------------------


def test_a_blend_is_the_weighted_mean_of_tables() -> None:
    bank = VoiceBank({"af_bella": by_row(0.0), "af_sky": by_row(4.0)})

    expected = 0.75 * by_row(0.0) + 0.25 * by_row(4.0)
    np.testing.assert_allclose(bank.table("af_bella(3)+af_sky(1)"), expected, rtol=1e-6)


def test_a_blend_is_cached_under_its_canonical_spelling(bank: VoiceBank) -> None:
    assert bank.table("af_bella(3)+am_adam(1)") is bank.table("af_bella(0.75) + am_adam(0.25)")


def test_legacy_af_is_the_mean_of_bella_and_sarah(bank: VoiceBank) -> None:
    assert constant(2.0).tolist() == bank.table("af").tolist()


def test_legacy_af_is_listed_when_bella_and_sarah_exist(bank: VoiceBank) -> None:
    assert ["af", "af_bella", "af_sarah", "am_adam"] == bank.names()


def test_legacy_af_is_absent_without_sarah() -> None:
    bank = VoiceBank({"af_bella": constant(1.0)})

    assert "af" not in bank


def test_an_openai_name_speaks_with_its_voice() -> None:
    bank = VoiceBank({"af_bella": constant(1.0)})

    assert bank.table("af_bella") is bank.table("shimmer")


def test_resolve_spells_a_spec_canonically(bank: VoiceBank) -> None:
    assert "af_bella(0.75)+am_adam(0.25)" == bank.resolve("AF_Bella(3) + am_adam")


def test_an_unknown_voice_suggests_close_matches(bank: VoiceBank) -> None:
    with pytest.raises(
        VoiceNotFoundError, match=r"unknown voice 'af_bela'; close matches: af_bella"
    ):
        bank.table("af_bela")


def test_an_unknown_voice_in_a_blend_is_named(bank: VoiceBank) -> None:
    with pytest.raises(VoiceNotFoundError) as info:
        bank.table("af_bella+af_nobody")

    assert "af_nobody" == info.value.voice


def test_an_unknown_voice_is_also_a_key_error(bank: VoiceBank) -> None:
    with pytest.raises(KeyError):
        bank.style("zz_top", 3)


def test_blend_cache_is_bounded() -> None:
    tables = {f"af_v{i}": np.full((510, 256), i, dtype=np.float32) for i in range(3)}
    bank = VoiceBank(tables)

    for weight in range(1, 100):
        bank.table(f"af_v0({weight})+af_v1(1)")

    assert len(bank._blends) <= 32


def test_blend_cache_returns_the_same_table_on_a_hit() -> None:
    bank = VoiceBank(
        {"af_a": np.ones((510, 256), np.float32), "af_b": np.zeros((510, 256), np.float32)}
    )

    first = bank.table("af_a+af_b")

    assert first is bank.table("af_a + af_b")
