"""`WhisperValidator` with a fake transcriber or a fake loader: no Whisper model is run."""

from __future__ import annotations

import math
import re
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from litetts.assets.store import AssetStore
from litetts.audio import Audio
from litetts.errors import AssetError, InvalidInputError, MissingDependencyError, ModelError
from litetts.validation import whisper
from litetts.validation.transcription import Transcriber, Transcription
from litetts.validation.whisper import (
    WhisperValidator,
    resolve_compute_type,
    resolve_device,
)


class RecordingTranscriber:
    """Remembers the audio and language it was given and hears a fixed sentence."""

    def __init__(self) -> None:
        self.heard: list[Audio] = []
        self.languages: list[str | None] = []

    def transcribe(self, audio: Audio, /, *, language: str | None) -> Transcription:
        self.heard.append(audio)
        self.languages.append(language)
        return Transcription(text="hello", language=language or "en")


def tone(seconds: float, rate: int) -> Audio:
    t = np.arange(round(seconds * rate), dtype=np.float32) / rate
    return Audio(0.5 * np.sin(2 * np.pi * 440 * t), rate)


@pytest.fixture(autouse=True)
def empty_model_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(whisper, "_MODELS", {})


@pytest.mark.parametrize("rate", [24_000, 8_000])
def test_transcriber_receives_16khz_audio(rate: int) -> None:
    fake = RecordingTranscriber()
    audio = tone(0.5, rate)

    WhisperValidator(transcriber=fake).transcribe(audio)

    (heard,) = fake.heard
    assert 16_000 == heard.sample_rate
    assert math.ceil(len(audio) * 16_000 / rate) == len(heard)


def test_transcriber_result_is_returned() -> None:
    result = WhisperValidator(transcriber=RecordingTranscriber()).transcribe(tone(0.2, 16_000))

    assert Transcription(text="hello", language="en") == result


def test_transcriber_receives_the_language_asked_for() -> None:
    fake = RecordingTranscriber()

    WhisperValidator(transcriber=fake).transcribe(tone(0.2, 16_000), language="fr")

    assert ["fr"] == fake.languages


def test_whisper_validator_is_a_transcriber() -> None:
    assert isinstance(WhisperValidator(transcriber=RecordingTranscriber()), Transcriber)


def test_path_input_is_loaded_and_resampled(tmp_path: Path) -> None:
    fake = RecordingTranscriber()
    audio = tone(0.5, 24_000)
    path = tmp_path / "clip.wav"
    sf.write(path, audio.samples, audio.sample_rate)

    WhisperValidator(transcriber=fake).transcribe(path)

    (heard,) = fake.heard
    assert (16_000, 8_000) == (heard.sample_rate, len(heard))


def test_empty_audio_raises_invalid_input() -> None:
    validator = WhisperValidator(transcriber=RecordingTranscriber())

    with pytest.raises(InvalidInputError) as caught:
        validator.transcribe(Audio(np.zeros(0, dtype=np.float32), 24_000))

    assert "audio" == caught.value.field


@pytest.mark.parametrize(
    ("requested", "cuda_devices", "expected"),
    [("auto", 0, "cpu"), ("auto", 1, "cuda"), ("cpu", 2, "cpu"), ("cuda", 0, "cuda")],
)
def test_device_resolution(requested: str, cuda_devices: int, expected: str) -> None:
    assert expected == resolve_device(requested, cuda_devices)


def test_auto_device_logs_why_it_falls_back_to_cpu(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("INFO", logger="litetts.validation.whisper"):
        resolve_device("auto", 0)

    assert "no CUDA device visible to CTranslate2" in caplog.text


@pytest.mark.parametrize(
    ("requested", "device", "expected"),
    [
        ("auto", "cpu", "int8"),
        ("auto", "cuda", "float16"),
        ("float32", "cpu", "float32"),
        ("int8_float16", "cuda", "int8_float16"),
    ],
)
def test_compute_type_resolution(requested: str, device: str, expected: str) -> None:
    assert expected == resolve_compute_type(requested, device)


def test_validator_resolves_auto_from_the_cuda_device_count(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(whisper, "_cuda_device_count", lambda: 1)

    validator = WhisperValidator("tiny.en")

    assert ("cuda", "float16") == (validator.device, validator.compute_type)


def test_explicit_device_and_compute_type_pass_through() -> None:
    validator = WhisperValidator("tiny.en", device="cpu", compute_type="float32")

    assert ("tiny.en", "cpu", "float32") == (
        validator.model_size,
        validator.device,
        validator.compute_type,
    )


def test_unknown_size_without_model_path_raises_asset_error(tmp_path: Path) -> None:
    validator = WhisperValidator("large-v3", device="cpu", store=AssetStore(tmp_path))

    with pytest.raises(AssetError, match="large-v3"):
        validator.transcribe(tone(0.2, 16_000))


def test_unprovisioned_size_raises_asset_error_naming_the_fix(tmp_path: Path) -> None:
    validator = WhisperValidator("tiny.en", device="cpu", store=AssetStore(tmp_path))

    with pytest.raises(AssetError, match=re.escape("--whisper tiny.en")):
        validator.transcribe(tone(0.2, 16_000))


def test_missing_model_path_raises_asset_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    validator = WhisperValidator("small", device="cpu", model_path=missing)

    with pytest.raises(AssetError, match="nowhere"):
        validator.transcribe(tone(0.2, 16_000))


def test_missing_faster_whisper_raises_missing_dependency(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "faster_whisper", None)
    validator = WhisperValidator("small", device="cpu", model_path=tmp_path)

    with pytest.raises(MissingDependencyError) as caught:
        validator.transcribe(tone(0.2, 16_000))

    assert ("validation", "faster_whisper") == (caught.value.extra, caught.value.module)


def test_model_loads_once_under_concurrent_first_calls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[tuple[str, str, str, int]] = []
    start = threading.Barrier(8)

    def fake_load(folder: str, device: str, compute_type: str, cpu_threads: int) -> object:
        loads.append((folder, device, compute_type, cpu_threads))
        return object()

    def first_call(shared: list[object]) -> None:
        start.wait()
        shared.append(whisper._shared_model(tmp_path, "cpu", "int8", 0))

    monkeypatch.setattr(whisper, "_load_model", fake_load)
    shared: list[object] = []
    threads = [threading.Thread(target=first_call, args=(shared,)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [(str(tmp_path.resolve()), "cpu", "int8", 0)] == loads
    assert 1 == len({id(model) for model in shared})


# -- forced alignment ------------------------------------------------------------------


class FakeHfTokenizer:
    """A character tokenizer: one token per character, its code point."""

    class Encoding:
        def __init__(self, ids: list[int]) -> None:
            self.ids = ids

    def encode(self, text: str, add_special_tokens: bool = True) -> FakeHfTokenizer.Encoding:
        assert not add_special_tokens
        return self.Encoding([ord(ch) for ch in text])


class FakeAligningModel:
    """Stands in for faster-whisper's WhisperModel: records what alignment hands it."""

    def __init__(self) -> None:
        self.model = type("Ct2", (), {"is_multilingual": False})()
        self.hf_tokenizer = FakeHfTokenizer()
        self.encoded: list[tuple[int, ...]] = []
        self.calls: list[tuple[list[int], int, str, str, float, float]] = []

    def feature_extractor(self, waveform: np.ndarray) -> np.ndarray:
        return np.zeros((80, len(waveform) // 160 + 1), np.float32)  # hop 160, one pad frame

    def encode(self, features: np.ndarray) -> object:
        self.encoded.append(features.shape)
        return "encoded"

    def add_word_timestamps(  # noqa: PLR0917 - faster-whisper's own signature
        self,
        segments: list[list[dict[str, object]]],
        tokenizer: object,
        encoder_output: object,
        num_frames: int,
        prepend_punctuations: str,
        append_punctuations: str,
        last_speech_timestamp: float,
    ) -> float:
        (segment,) = segments[0]
        assert "encoded" == encoder_output
        tokens = segment["tokens"]
        end = segment["end"]
        assert isinstance(tokens, list)
        assert isinstance(end, float)
        self.calls.append(
            (
                tokens,
                num_frames,
                prepend_punctuations,
                append_punctuations,
                end,
                last_speech_timestamp,
            )
        )
        segment["words"] = [
            {"word": " hello", "start": 0.1, "end": 0.4, "probability": 0.9},
            {"word": " world.", "start": 0.4, "end": 0.8, "probability": 0.8},
        ]
        return 0.8


def test_align_feeds_the_text_tokens_and_one_window_to_whisper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeAligningModel()
    monkeypatch.setattr(whisper, "_load_model", lambda *_: fake)
    validator = WhisperValidator("tiny.en", "cpu", "int8", model_path=tmp_path)

    words = validator.align(tone(1.0, 24_000), "  hello world. ")

    (tokens, frames, prepend, append, end, last) = fake.calls[0]
    assert [ord(ch) for ch in " hello world."] == tokens
    assert (100, 1.0, 0.0) == (frames, end, last)  # 16,000 samples at 16 kHz, hop 160
    assert ("\"'“¿([{-", "\"'.。,，!！?？:：”)]}、") == (prepend, append)
    assert [(80, 3000)] == fake.encoded  # padded to Whisper's 30 s window
    assert [(" hello", 0.1, 0.4, 0.9), (" world.", 0.4, 0.8, 0.8)] == [
        (w.text, w.start, w.end, w.probability) for w in words
    ]


@pytest.mark.parametrize(
    ("seconds", "text", "field"), [(0.0, "hi", "audio"), (30.5, "hi", "audio"), (1.0, " ", "text")]
)
def test_align_refuses_what_whisper_cannot_align(seconds: float, text: str, field: str) -> None:
    validator = WhisperValidator("tiny.en", "cpu", "int8", transcriber=RecordingTranscriber())

    with pytest.raises(InvalidInputError) as caught:
        validator.align(tone(seconds, 16_000), text)

    assert field == caught.value.field


def test_align_with_a_transcriber_backend_says_it_cannot() -> None:
    validator = WhisperValidator("tiny.en", "cpu", "int8", transcriber=RecordingTranscriber())

    with pytest.raises(ModelError, match="cannot align"):
        validator.align(tone(1.0, 16_000), "hello")
