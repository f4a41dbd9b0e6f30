"""Tests for `litetts.audio`: the Audio value, its encoders and signal helpers."""

from __future__ import annotations

import io
import math
import os
import sys
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
import soundfile as sf
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from litetts.audio import (
    FORMATS,
    SAMPLE_RATE,
    Audio,
    Samples,
    SignalStats,
    signal_stats,
    soft_limit,
    trim_silence,
)
from litetts.errors import InvalidInputError, MissingDependencyError

LOSSY_SOUNDFILE_FORMATS = ("ogg", "opus", "mp3")

samples_strategy = arrays(
    np.float32,
    st.integers(min_value=1, max_value=400),
    elements=st.floats(-1.5, 1.5, width=32),
)
rates_strategy = st.sampled_from([8_000, 16_000, SAMPLE_RATE, 44_100])


def sine(
    frequency: float, seconds: float, rate: int = SAMPLE_RATE, amplitude: float = 0.5
) -> Samples:
    t = np.arange(round(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * frequency * t)).astype(np.float32)


def peak_frequency(samples: npt.NDArray[np.floating], rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.fft.rfftfreq(len(samples), 1 / rate)[np.argmax(spectrum)])


def decode_aac(data: bytes) -> tuple[npt.NDArray[np.float32], int]:
    av = pytest.importorskip("av")
    with av.open(io.BytesIO(data), format="adts") as container:
        rate = container.streams.audio[0].rate
        frames = [frame.to_ndarray().reshape(-1) for frame in container.decode(audio=0)]
    return np.concatenate(frames), rate


# --- the value ---------------------------------------------------------------


def test_samples_are_a_read_only_float32_copy() -> None:
    source = np.array([0.0, 0.5, -0.5], dtype=np.float64)
    audio = Audio(source)
    source[0] = 1.0

    assert np.float32 == audio.samples.dtype
    assert [0.0, 0.5, -0.5] == audio.samples.tolist()
    assert not audio.samples.flags.writeable


@pytest.mark.parametrize("samples", [np.zeros((2, 10)), 0.5, "loud"])
def test_rejects_samples_that_are_not_1d_numbers(samples: object) -> None:
    with pytest.raises(InvalidInputError) as info:
        Audio(samples)  # type: ignore[arg-type]

    assert "samples" == info.value.field


@pytest.mark.parametrize("rate", [0, -24_000, 24_000.0, True])
def test_rejects_sample_rate_that_is_not_a_positive_int(rate: object) -> None:
    with pytest.raises(InvalidInputError) as info:
        Audio(np.zeros(4), rate)  # type: ignore[arg-type]

    assert "sample_rate" == info.value.field


def test_duration_and_len_count_samples() -> None:
    audio = Audio(np.zeros(36_000), SAMPLE_RATE)

    assert 1.5 == audio.duration
    assert 36_000 == len(audio)


def test_equal_values_are_equal_and_hash_alike() -> None:
    left = Audio(np.array([0.0, 0.25, np.nan]))
    right = Audio(np.array([-0.0, 0.25, np.nan]))

    assert left == right
    assert hash(left) == hash(right)


@pytest.mark.parametrize(
    "other",
    [Audio(np.array([0.0, 0.25]), 16_000), Audio(np.array([0.0, 0.5])), "audio"],
)
def test_different_values_are_not_equal(other: object) -> None:
    assert Audio(np.array([0.0, 0.25])) != other


def test_repr_summarises_instead_of_listing_samples() -> None:
    expected = "Audio(duration=2.000s, sample_rate=24000, samples=48000)"

    assert expected == repr(Audio(np.zeros(48_000)))


def test_to_int16_of_long_audio_matches_the_formula_and_warns_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    samples = np.random.default_rng(0).normal(0, 0.6, 200_003).astype(np.float32)
    samples[[5, 70_000, 131_072]] = [np.nan, np.inf, -np.inf]  # in three different blocks
    clean = np.where(np.isfinite(samples), samples, np.float32(0))
    expected = np.round(np.clip(clean, -1, 1) * np.float32(32767)).astype(np.int16)

    with caplog.at_level("WARNING", logger="litetts.audio_signal"):
        result = Audio(samples).to_int16()

    np.testing.assert_array_equal(expected, result)
    assert ["replaced 3 non-finite audio samples with silence"] == caplog.messages


def test_to_int16_clips_scales_and_rounds() -> None:
    audio = Audio(np.array([0.0, 1.0, -1.0, 2.0, -2.0, 0.5, 1e-5]))

    assert [0, 32767, -32767, 32767, -32767, 16384, 0] == audio.to_int16().tolist()


# --- constructors --------------------------------------------------------------


def test_silence_is_zeros_rounded_to_whole_samples() -> None:
    audio = Audio.silence(0.25, 16_000)

    assert Audio(np.zeros(4_000), 16_000) == audio


@pytest.mark.parametrize("seconds", [-0.1, math.nan, math.inf])
def test_silence_rejects_invalid_length(seconds: float) -> None:
    with pytest.raises(InvalidInputError) as info:
        Audio.silence(seconds)

    assert "seconds" == info.value.field


def test_concatenate_joins_parts_in_order() -> None:
    parts = [Audio(np.array([0.1]), 8_000), Audio(np.array([0.2, 0.3]), 8_000)]

    assert Audio(np.array([0.1, 0.2, 0.3]), 8_000) == Audio.concatenate(parts)


def test_concatenate_of_nothing_is_empty_audio_at_default_rate() -> None:
    assert Audio(np.zeros(0), SAMPLE_RATE) == Audio.concatenate([])


def test_concatenate_rejects_mixed_sample_rates() -> None:
    parts = [Audio(np.zeros(2), 8_000), Audio(np.zeros(2), 16_000)]

    with pytest.raises(InvalidInputError, match=r"8000, 16000") as info:
        Audio.concatenate(parts)

    assert "parts" == info.value.field


def test_load_reads_back_a_saved_file(tmp_path: Path) -> None:
    audio = Audio(sine(440, 0.1), 16_000)
    path = audio.save(tmp_path / "tone.wav")

    loaded = Audio.load(path)

    assert 16_000 == loaded.sample_rate
    np.testing.assert_allclose(loaded.samples, audio.samples, atol=1 / 32767)


def test_load_mixes_channels_down_by_mean(tmp_path: Path) -> None:
    path = tmp_path / "stereo.wav"
    sf.write(path, np.array([[0.5, 0.0], [-0.5, -0.25]]), 8_000, subtype="FLOAT")

    assert Audio(np.array([0.25, -0.375]), 8_000) == Audio.load(path)


def test_load_rejects_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError) as info:
        Audio.load(tmp_path / "absent.wav")

    assert "path" == info.value.field


# --- encoders ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_encodes_to_non_empty_bytes(fmt: str) -> None:
    assert Audio(sine(440, 0.1)).to_bytes(fmt)


@settings(max_examples=40, deadline=None)
@given(samples=samples_strategy, rate=rates_strategy)
def test_wav_round_trips_to_int16(samples: Samples, rate: int) -> None:
    audio = Audio(samples, rate)

    decoded, decoded_rate = sf.read(io.BytesIO(audio.to_bytes("wav")), dtype="int16")

    assert rate == decoded_rate
    assert audio.to_int16().tolist() == decoded.tolist()


@settings(max_examples=40, deadline=None)
@given(samples=samples_strategy, rate=rates_strategy)
def test_flac_round_trips_to_int16(samples: Samples, rate: int) -> None:
    audio = Audio(samples, rate)

    decoded, decoded_rate = sf.read(io.BytesIO(audio.to_bytes("flac")), dtype="int16")

    assert rate == decoded_rate
    assert audio.to_int16().tolist() == decoded.tolist()


@settings(max_examples=40, deadline=None)
@given(samples=samples_strategy)
def test_pcm_is_raw_little_endian_int16(samples: Samples) -> None:
    audio = Audio(samples)

    decoded = np.frombuffer(audio.to_bytes("pcm"), dtype="<i2")

    assert audio.to_int16().tolist() == decoded.tolist()


@pytest.mark.parametrize("fmt", LOSSY_SOUNDFILE_FORMATS)
def test_lossy_formats_keep_length_and_waveform(fmt: str) -> None:
    tone = sine(440, 0.5)

    decoded, rate = sf.read(io.BytesIO(Audio(tone).to_bytes(fmt)), dtype="float32")

    assert SAMPLE_RATE == rate
    assert abs(len(tone) - len(decoded)) <= 1152
    n = min(len(tone), len(decoded))
    assert np.corrcoef(tone[:n], decoded[:n])[0, 1] > 0.95


@pytest.mark.parametrize(
    ("fmt", "rate", "expected"), [("opus", 22_050, 24_000), ("mp3", 23_000, 24_000)]
)
def test_encoder_resamples_rates_its_codec_lacks(fmt: str, rate: int, expected: int) -> None:
    decoded, decoded_rate = sf.read(io.BytesIO(Audio(sine(440, 0.5, rate), rate).to_bytes(fmt)))

    assert expected == decoded_rate
    assert 440 == pytest.approx(peak_frequency(decoded, decoded_rate), abs=5)


def test_aac_decodes_to_the_same_tone() -> None:
    tone = sine(440, 0.5)

    decoded, rate = decode_aac(Audio(tone).to_bytes("aac"))

    assert SAMPLE_RATE == rate
    assert len(tone) <= len(decoded) <= len(tone) + 4096
    assert 440 == pytest.approx(peak_frequency(decoded, rate), abs=5)


def test_format_names_ignore_case() -> None:
    audio = Audio(sine(440, 0.05))

    assert audio.to_bytes("wav") == audio.to_bytes("WaV")


def test_unknown_format_is_rejected_with_the_choices() -> None:
    with pytest.raises(
        InvalidInputError, match=r"'webm'.*wav, flac, ogg, opus, mp3, pcm, aac"
    ) as info:
        Audio(np.zeros(4)).to_bytes("webm")

    assert "format" == info.value.field


def test_missing_libsndfile_codec_is_a_missing_dependency(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sf, "available_subtypes", lambda _format=None: {})

    with pytest.raises(MissingDependencyError, match=r"lacks MP3"):
        Audio(np.zeros(4)).to_bytes("mp3")


def test_aac_without_pyav_is_a_missing_dependency(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "av", None)

    with pytest.raises(MissingDependencyError, match=r"litetts\[aac\]"):
        Audio(np.zeros(4)).to_bytes("aac")


def test_non_finite_samples_encode_as_silence() -> None:
    audio = Audio(np.array([0.5, np.nan, np.inf, -np.inf, -0.5]))

    decoded, _ = sf.read(io.BytesIO(audio.to_bytes("wav")), dtype="int16")

    assert [16384, 0, 0, 0, -16384] == decoded.tolist()


@pytest.mark.parametrize("fmt", FORMATS)
def test_non_finite_samples_do_not_break_any_encoder(fmt: str) -> None:
    samples = sine(440, 0.1)
    samples[::7] = np.nan
    samples[3::11] = np.inf

    assert Audio(samples).to_bytes(fmt)


# --- save ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "container"),
    [(".wav", "WAV"), (".flac", "FLAC"), (".ogg", "OGG"), (".opus", "OGG"), (".MP3", "MP3")],
)
def test_save_infers_format_from_suffix(tmp_path: Path, suffix: str, container: str) -> None:
    path = Audio(sine(440, 0.1)).save(tmp_path / f"tone{suffix}")

    assert container == sf.info(path).format


@pytest.mark.parametrize("suffix", [".pcm", ".raw"])
def test_save_writes_raw_pcm_for_pcm_suffixes(tmp_path: Path, suffix: str) -> None:
    audio = Audio(sine(440, 0.1))

    path = audio.save(tmp_path / f"tone{suffix}")

    assert audio.to_bytes("pcm") == path.read_bytes()


def test_save_writes_adts_for_aac_suffix(tmp_path: Path) -> None:
    path = Audio(sine(440, 0.1)).save(tmp_path / "tone.aac")

    decoded, _ = decode_aac(path.read_bytes())
    assert len(decoded) > 0


def test_save_prefers_explicit_format_over_suffix(tmp_path: Path) -> None:
    path = Audio(sine(440, 0.1)).save(tmp_path / "tone.wav", format="flac")

    assert "FLAC" == sf.info(path).format


# Not ogg/opus: each Ogg stream gets a random serial number, so no two encodes match.
@pytest.mark.parametrize("fmt", ["wav", "flac", "mp3", "pcm", "aac"])
def test_a_saved_file_holds_exactly_the_bytes_to_bytes_gives(tmp_path: Path, fmt: str) -> None:
    audio = Audio(sine(440, 0.2))

    path = audio.save(tmp_path / "tone.bin", format=fmt)

    assert audio.to_bytes(fmt) == path.read_bytes()


def test_save_returns_the_path(tmp_path: Path) -> None:
    assert tmp_path / "out.wav" == Audio(np.zeros(4)).save(str(tmp_path / "out.wav"))


def test_save_rejects_unknown_suffix_without_writing(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match=r"'\.xyz'.*wav, flac") as info:
        Audio(np.zeros(4)).save(tmp_path / "out.xyz")

    assert "format" == info.value.field
    assert [] == list(tmp_path.iterdir())


def test_failed_save_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)

    with pytest.raises(OSError, match="disk full"):
        Audio(np.zeros(4)).save(tmp_path / "out.wav")

    assert [] == list(tmp_path.iterdir())


def test_failed_save_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out.wav"
    path.write_bytes(b"previous")

    def fail(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("encoder crashed")

    monkeypatch.setattr(sf, "write", fail)

    with pytest.raises(RuntimeError, match="encoder crashed"):
        Audio(np.zeros(4)).save(path)

    assert [path] == list(tmp_path.iterdir())
    assert b"previous" == path.read_bytes()


# --- resample ----------------------------------------------------------------------------


@pytest.mark.parametrize("rate", [8_000, 16_000, 22_050, 44_100, 48_000])
def test_resample_keeps_frequency_and_duration(rate: int) -> None:
    audio = Audio(sine(1_000, 0.5))

    resampled = audio.resample(rate)

    assert rate == resampled.sample_rate
    assert audio.duration == pytest.approx(resampled.duration, abs=1 / rate)
    assert 1_000 == pytest.approx(peak_frequency(resampled.samples, rate), abs=4)


def test_resample_matches_the_ideal_sine_away_from_edges() -> None:
    resampled = Audio(sine(1_000, 0.5)).resample(44_100)

    ideal = sine(1_000, len(resampled) / 44_100, 44_100)
    middle = slice(2_000, -2_000)
    np.testing.assert_allclose(resampled.samples[middle], ideal[middle], atol=1e-3)


def test_resample_removes_tones_above_the_new_nyquist() -> None:
    resampled = Audio(sine(10_000, 0.5)).resample(16_000)

    assert signal_stats(resampled.samples[1_000:-1_000]).rms < 1e-3


def test_resample_to_same_rate_is_identity() -> None:
    audio = Audio(sine(440, 0.1))

    assert audio is audio.resample(SAMPLE_RATE)


def test_resample_rejects_invalid_rate() -> None:
    with pytest.raises(InvalidInputError):
        Audio(np.zeros(4)).resample(0)


# --- trim_silence ------------------------------------------------------------------------


def test_trim_silence_keeps_tone_with_margins() -> None:
    tone = sine(440, 0.2)
    tone[0] = 0.01  # sin(0) is silent; make the first tone sample count
    gap = np.zeros(SAMPLE_RATE // 10, dtype=np.float32)
    padded = np.concatenate([gap, tone, gap])
    margin = round(0.02 * SAMPLE_RATE)

    trimmed = trim_silence(padded, SAMPLE_RATE)

    expected = padded[len(gap) - margin : len(gap) + len(tone) + margin]
    assert expected.tolist() == trimmed.tolist()


def test_trim_silence_ignores_a_stray_quiet_sample() -> None:
    tone = sine(440, 0.1)
    tone[0] = 0.01
    lead = np.zeros(SAMPLE_RATE // 10, dtype=np.float32)
    lead[10] = 0.01  # -40 dBFS, above the threshold alone but not over 5 ms
    padded = np.concatenate([lead, tone])

    trimmed = trim_silence(padded, SAMPLE_RATE, keep_seconds=0.0)

    assert tone.tolist() == trimmed.tolist()


def test_trim_silence_keeps_margin_within_bounds() -> None:
    tone = sine(440, 0.1, amplitude=0.8) + np.float32(0.1)

    assert tone.tolist() == trim_silence(tone, SAMPLE_RATE).tolist()


@pytest.mark.parametrize(
    "samples", [np.zeros(4_800, dtype=np.float32), np.zeros(0, dtype=np.float32)]
)
def test_trim_silence_of_silence_is_empty(samples: Samples) -> None:
    assert 0 == len(trim_silence(samples, SAMPLE_RATE))


# --- signal_stats ---------------------------------------------------------------------------


def test_signal_stats_of_full_scale_square_wave() -> None:
    square = np.tile(np.array([1.0, -1.0], dtype=np.float32), 100)

    expected = SignalStats(
        peak=1.0, rms=1.0, dc_offset=0.0, clipped_fraction=1.0, finite=True, silent=False
    )
    assert expected == signal_stats(square)


def test_signal_stats_of_sine_with_dc_offset() -> None:
    samples = sine(100, 1.0, amplitude=0.5) + np.float32(0.25)

    stats = signal_stats(samples)

    assert 0.75 == pytest.approx(stats.peak, abs=1e-6)
    assert math.sqrt(0.25**2 + 0.5**2 / 2) == pytest.approx(stats.rms, rel=1e-5)
    assert 0.25 == pytest.approx(stats.dc_offset, abs=1e-6)
    assert 0.0 == stats.clipped_fraction
    assert not stats.silent


@pytest.mark.parametrize("samples", [np.zeros(100), np.full(100, 1e-5), np.zeros(0)])
def test_signal_stats_call_near_zero_silent(samples: npt.NDArray[np.float64]) -> None:
    assert signal_stats(samples).silent


def test_signal_stats_flags_non_finite_and_measures_the_rest() -> None:
    stats = signal_stats(np.array([0.5, np.nan, np.inf, -0.5]))

    expected = SignalStats(
        peak=0.5, rms=0.5, dc_offset=0.0, clipped_fraction=0.25, finite=False, silent=False
    )
    assert expected == stats


def test_soft_limit_keeps_peaks_below_full_scale() -> None:
    samples = np.array([0.0, 0.5, -0.89, 0.95, -1.2, 3.0], dtype=np.float32)

    limited = soft_limit(samples)

    assert np.abs(limited).max() < 1.0
    assert np.array_equal(samples[:3], limited[:3])
    assert np.array_equal(np.sign(samples), np.sign(limited))


def test_soft_limit_preserves_order_of_magnitudes() -> None:
    samples = np.linspace(0.9, 5.0, 50, dtype=np.float32)

    limited = soft_limit(samples)

    assert (np.diff(limited) >= 0).all()
